//! Exports checked with the tools people open them with: PDFs with qpdf, pdffonts and pdftotext,
//! SVG as XML, PNG dimensions, CSV through Python's csv module; every image reopens as the same
//! map; hostile text exports safely.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{fails, ok, s};
use serde_json::{json, Value};

/// A b2b map in `lang` and its JSON.
fn b2b_map(dir: &Path, lang: &str) -> (PathBuf, Value) {
    let file = dir.join(format!("b2b-{lang}.tabiji"));
    ok(&["new", s(&file), "--template", "b2b", "--lang", lang]);
    let map: Value = serde_json::from_str(&ok(&["export", s(&file), "--format", "json"])).unwrap();
    (file, map)
}

fn export(file: &Path, out: &Path, args: &[&str]) {
    let mut all = vec!["export", s(file), "--out", s(out)];
    all.extend_from_slice(args);
    ok(&all);
}

/// Runs a tool that must succeed and returns its standard output.
fn tool(program: &str, args: &[&str]) -> String {
    let out = Command::new(program).args(args).output().unwrap_or_else(|e| panic!("{program} runs: {e}"));
    assert!(out.status.success(), "{program} {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

fn names(list: &Value) -> Vec<String> {
    list.as_array().unwrap().iter().map(|x| x["name"].as_str().unwrap().to_owned()).collect()
}

/// Text without the spaces and line breaks that wrapping and extraction put in.
fn squeezed(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Checks that a file imports back to exactly the map it was exported from.
fn reopens_as(dir: &Path, exported: &Path, map: &Value) {
    let back = dir.join(format!("{}.back.tabiji", exported.file_name().unwrap().to_str().unwrap()));
    ok(&["import", s(exported), s(&back)]);
    let again: Value = serde_json::from_str(&ok(&["export", s(&back), "--format", "json"])).unwrap();
    assert_eq!(&again, map, "{} reopens as the same map", exported.display());
}

#[test]
fn pdf_has_the_bundled_font_embedded_and_the_japanese_and_english_text_selectable() {
    let dir = tempfile::tempdir().unwrap();
    for lang in ["ja", "en"] {
        let (file, map) = b2b_map(dir.path(), lang);
        for (page, pages) in [("fit", 1), ("a4", 4)] {
            let pdf = dir.path().join(format!("{lang}-{page}.pdf"));
            export(&file, &pdf, &["--format", "pdf", "--page", page]);
            let check = tool("qpdf", &["--check", s(&pdf)]);
            assert!(check.contains("No syntax or stream encoding errors"), "{check}");
            let fonts = tool("pdffonts", &[s(&pdf)]);
            for face in ["BIZUDPGothic-Regular", "BIZUDPGothic-Bold"] {
                let row =
                    fonts.lines().find(|l| l.contains(face)).unwrap_or_else(|| panic!("{face} in {fonts}"));
                assert!(
                    row.contains("CID TrueType") && row.contains("yes yes yes"),
                    "embedded, subset, unicode: {row}"
                );
            }
            let info = tool("pdfinfo", &[s(&pdf)]);
            assert!(info.contains(&format!("Pages:           {pages}")), "{info}");
            assert!(info.contains("Producer:        Tabiji"), "{info}");
            let title = map["map"]["info"]["title"].as_str().unwrap();
            assert!(info.contains(&format!("Title:           {title}")), "{info}");
            assert!(info.contains("CreationDate:"), "{info}");
            let text = squeezed(&tool("pdftotext", &[s(&pdf), "-"]));
            for stage in names(&map["map"]["stages"]) {
                assert!(text.contains(&squeezed(&stage)), "{lang} {page}: stage {stage}");
            }
            for card in map["map"]["cards"].as_array().unwrap() {
                let card_text = squeezed(card["text"].as_str().unwrap());
                assert!(text.contains(&card_text), "{lang} {page}: card text {card_text}");
            }
            reopens_as(dir.path(), &pdf, &map);
        }
    }
}

#[test]
fn svg_is_xml_with_the_map_drawn_and_carried_and_png_has_the_size_of_its_scale() {
    let dir = tempfile::tempdir().unwrap();
    for lang in ["ja", "en"] {
        let (file, map) = b2b_map(dir.path(), lang);
        let svg = dir.path().join(format!("{lang}.svg"));
        export(&file, &svg, &["--format", "svg"]);
        let summary = tool(
            "python3",
            &[
                "-c",
                "import sys, json, xml.etree.ElementTree as ET\n\
                 root = ET.parse(sys.argv[1]).getroot()\n\
                 ns = '{http://www.w3.org/2000/svg}'\n\
                 print(json.dumps({'width': float(root.get('width')), 'height': float(root.get('height')),\n\
                   'texts': [t.text for t in root.iter(ns + 'text')], 'polygons': len([p for p in root.iter(ns + 'polygon') if p.get('fill') not in ('none', '#f0a30a')]),\n\
                   'signs': len([p for p in root.iter(ns + 'polygon') if p.get('fill') == '#f0a30a']),\n\
                   'outlines': len([p for p in root.iter(ns + 'polygon') if p.get('fill') == 'none']),\n\
                   'curves': len([p for p in root.iter(ns + 'path') if p.get('stroke-width') == '3']),\n\
                   'font': root.get('font-family'), 'title': root.find(ns + 'title').text}))",
                s(&svg),
            ],
        );
        let summary: Value = serde_json::from_str(&summary).unwrap();
        assert_eq!(summary["font"], "BIZ UDPGothic");
        assert_eq!(summary["title"], map["map"]["info"]["title"]);
        assert_eq!(summary["polygons"], 5, "one chevron per stage");
        assert_eq!(summary["outlines"], 1, "the bottleneck stage is marked");
        assert_eq!(summary["signs"], 3, "the template's three hand-offs while a buyer's mood drops");
        assert_eq!(summary["curves"], 3, "one curve per buyer");
        let texts: Vec<&str> =
            summary["texts"].as_array().unwrap().iter().filter_map(Value::as_str).collect();
        for stage in names(&map["map"]["stages"]) {
            assert!(texts.contains(&stage.as_str()), "{lang}: stage {stage} is a text element");
        }
        reopens_as(dir.path(), &svg, &map);

        let (width, height) = (summary["width"].as_f64().unwrap(), summary["height"].as_f64().unwrap());
        for scale in 1..=4u32 {
            let png = dir.path().join(format!("{lang}-{scale}x.png"));
            let scale_arg = scale.to_string();
            let mut args = vec!["--format", "png", "--scale", &scale_arg];
            if scale == 4 {
                args.push("--transparent");
            }
            export(&file, &png, &args);
            let bytes = std::fs::read(&png).unwrap();
            let size = (
                u32::from_be_bytes(bytes[16..20].try_into().unwrap()),
                u32::from_be_bytes(bytes[20..24].try_into().unwrap()),
            );
            let expected =
                ((width * f64::from(scale)).ceil() as u32, (height * f64::from(scale)).ceil() as u32);
            assert_eq!(size, expected, "{lang} PNG at {scale}×");
            if scale == 2 {
                reopens_as(dir.path(), &png, &map);
            }
        }
    }
}

#[test]
fn csv_opens_in_python_to_one_row_per_card_and_kpi() {
    let dir = tempfile::tempdir().unwrap();
    let (file, map) = b2b_map(dir.path(), "ja");
    let read_csv = |path: &Path| -> Vec<Vec<String>> {
        let rows = tool(
            "python3",
            &["-c", "import csv, json, sys\nprint(json.dumps(list(csv.reader(open(sys.argv[1], encoding='utf-8-sig', newline='')))))", s(path)],
        );
        serde_json::from_str(&rows).unwrap()
    };
    let cards_csv = dir.path().join("cards.csv");
    export(&file, &cards_csv, &["--format", "csv"]);
    assert!(
        std::fs::read(&cards_csv).unwrap().starts_with("\u{FEFF}".as_bytes()),
        "a byte-order mark for Excel"
    );
    let rows = read_csv(&cards_csv);
    let cards = map["map"]["cards"].as_array().unwrap();
    assert_eq!(rows[0][..4], ["ステージ", "レーン", "種類", "テキスト"]);
    assert_eq!(rows.len(), cards.len() + 1);
    let mut texts: Vec<&str> = rows[1..].iter().map(|r| r[3].as_str()).collect();
    let mut expected: Vec<&str> = cards.iter().map(|c| c["text"].as_str().unwrap()).collect();
    texts.sort_unstable();
    expected.sort_unstable();
    assert_eq!(texts, expected);

    let kpis_csv = dir.path().join("kpis.csv");
    export(&file, &kpis_csv, &["--format", "csv", "--table", "kpis"]);
    let rows = read_csv(&kpis_csv);
    assert_eq!(rows.len(), map["map"]["kpis"].as_array().unwrap().len() + 1);
    assert_eq!(rows[1][0], "認知");
}

#[test]
fn hostile_text_exports_safely_and_survives_the_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let (_, mut map) = b2b_map(dir.path(), "ja");
    let hostile = [
        "<script>alert(1)</script>",
        "]]><!-- --> & \"quotes\" 'apostrophes'",
        "=cmd|' /C calc'!A0",
        "+SUM(1,2)",
        "tab\tand\nnew lines",
        &"長文".repeat(5_000),
        "絵文字 😀🎉 and a family 👨‍👩‍👧",
        "مرحبا بالعالم שלום",
        "override left open \u{202E}reversed",
    ];
    let cards = map["map"]["cards"].as_array_mut().unwrap();
    for (card, text) in cards.iter_mut().zip(hostile) {
        card["text"] = json!(text);
        card["notes"] = json!(text);
    }
    let hostile_json = dir.path().join("hostile.json");
    std::fs::write(&hostile_json, serde_json::to_vec(&map).unwrap()).unwrap();
    let hostile_map = dir.path().join("hostile.tabiji");
    ok(&["import", s(&hostile_json), s(&hostile_map)]);
    let stored: Value = serde_json::from_str(&ok(&["export", s(&hostile_map), "--format", "json"])).unwrap();

    let svg = dir.path().join("hostile.svg");
    export(&hostile_map, &svg, &["--format", "svg"]);
    let elements = tool(
        "python3",
        &["-c", "import sys, xml.etree.ElementTree as ET\nprint(sorted({e.tag.split('}')[-1] for e in ET.parse(sys.argv[1]).iter()}))", s(&svg)],
    );
    assert!(!elements.contains("script"), "no user text became an element: {elements}");
    // Right-to-left text and a direction override are each isolated in their own line.
    let drawn = std::fs::read_to_string(&svg).unwrap();
    assert!(
        drawn.contains(">\u{2068}override left open \u{202E}reversed\u{2069}<"),
        "the override is isolated"
    );
    assert!(drawn.contains(">\u{2068}مرحبا بالعالم שלום\u{2069}<"), "right-to-left text is isolated");
    assert!(drawn.contains(">tab and<") || drawn.contains(">tab\tand<"), "other text is drawn as it is");
    for format in ["png", "pdf"] {
        let out = dir.path().join(format!("hostile.{format}"));
        export(&hostile_map, &out, &["--format", format]);
        reopens_as(dir.path(), &out, &stored);
    }
    reopens_as(dir.path(), &svg, &stored);

    let csv = dir.path().join("hostile.csv");
    export(&hostile_map, &csv, &["--format", "csv"]);
    let text = std::fs::read_to_string(&csv).unwrap();
    assert!(text.contains("'=cmd|' /C calc'!A0") && text.contains("'+SUM(1,2)"), "formulas neutralised");
    assert!(!text.contains(",=cmd") && !text.contains(",+SUM"), "no cell starts with a formula");

    // Other control characters never reach an export: the import refuses them by their place.
    let cards = map["map"]["cards"].as_array_mut().unwrap();
    cards[0]["text"] = json!("bell\u{7}");
    std::fs::write(&hostile_json, serde_json::to_vec(&map).unwrap()).unwrap();
    let message = fails(&["import", s(&hostile_json), s(&dir.path().join("bell.tabiji"))]);
    assert!(message.contains("$.map.cards[0].text") && message.contains("U+0007"), "{message}");
}

#[test]
fn a_file_without_a_map_inside_is_refused_with_a_reason() {
    let dir = tempfile::tempdir().unwrap();
    let png = dir.path().join("photo.png");
    // A valid 1×1 PNG with no map chunk.
    let plain: [u8; 67] = [
        0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0,
        0, 0, 1, 8, 6, 0, 0, 0, 0x1f, 0x15, 0xc4, 0x89, 0, 0, 0, 0x0a, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c,
        0x63, 0, 1, 0, 0, 5, 0, 1, 0x0d, 0x0a, 0x2d, 0xb4, 0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42,
        0x60, 0x82,
    ];
    std::fs::write(&png, plain).unwrap();
    let out = dir.path().join("x.tabiji");
    let message = fails(&["import", s(&png), s(&out)]);
    assert!(message.contains("photo.png") && message.contains("without a Tabiji map inside"), "{message}");
    assert!(!out.exists(), "nothing is created");
    let truncated = dir.path().join("cut.pdf");
    std::fs::write(&truncated, b"%PDF-1.7\n1 0 obj\n<<").unwrap();
    let message = fails(&["import", s(&truncated), s(&out)]);
    assert!(message.contains("cut.pdf") && message.contains("PDF"), "{message}");
}

#[test]
fn the_report_follows_the_map_in_its_language_and_the_picture_grows_to_hold_it() {
    let dir = tempfile::tempdir().unwrap();
    for (lang, heading, bottleneck) in
        [("ja", "分析レポート:", "← ボトルネック"), ("en", "Report: ", "<- bottleneck")]
    {
        let (file, map) = b2b_map(dir.path(), lang);
        let plain = dir.path().join(format!("{lang}.svg"));
        let with_report = dir.path().join(format!("{lang}-report.svg"));
        export(&file, &plain, &["--format", "svg"]);
        export(&file, &with_report, &["--format", "svg", "--report"]);
        let read = |svg: &Path| -> Value {
            let script = "import sys, json, xml.etree.ElementTree as ET\n\
                          root = ET.parse(sys.argv[1]).getroot()\n\
                          ns = '{http://www.w3.org/2000/svg}'\n\
                          print(json.dumps({'height': float(root.get('height')), 'texts': [t.text for t in root.iter(ns + 'text')]}))";
            serde_json::from_str(&tool("python3", &["-c", script, s(svg)])).unwrap()
        };
        let (plain, with_report) = (read(&plain), read(&with_report));
        assert!(with_report["height"].as_f64() > plain["height"].as_f64(), "{lang}: the page is added below");
        let texts: Vec<&str> =
            with_report["texts"].as_array().unwrap().iter().filter_map(Value::as_str).collect();
        let title = map["map"]["info"]["title"].as_str().unwrap();
        assert!(texts.contains(&format!("{heading}{title}").as_str()), "{lang}: {texts:?}");
        assert_eq!(
            texts.iter().filter(|t| t.ends_with(bottleneck)).count(),
            1,
            "{lang}: one bottleneck line"
        );
        // The report's text says what `tabiji report` says, in English.
        if lang == "en" {
            let printed = ok(&["report", s(&file)]);
            let last = texts.last().unwrap();
            assert!(printed.contains(last), "{last:?} is in the printed report");
        }
        reopens_as(dir.path(), &dir.path().join(format!("{lang}-report.svg")), &map);
    }
}
