//! The hostile-input corpus (`tests/hostile`, made by its `make-corpus.sh`) given to the CLI.
//! Every bad file is answered with exit code 1 and one line on stderr that says what is wrong and
//! where — never a panic — and leaves the input, and the map the command would have changed,
//! byte-identical with nothing new beside them. Files of markup are valid and stay text.

mod common;

use std::path::{Path, PathBuf};
use std::process::Output;

use common::{ok, s, tabiji};

const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/hostile");

/// What the error line must say for each corpus file, by the start of its name.
const MAP_ERRORS: &[(&str, &str)] = &[
    ("empty", "the file is empty"),
    ("text", "not an SQLite database"),
    ("random", "not an SQLite database"),
    ("truncated-at-", "truncated"),
    ("damaged-page", "the file is damaged (Tree"),
    ("other-program", "an SQLite database of another program"),
    ("newer-schema", "written by a newer Tabiji (file schema 99"),
    ("broken-ordering", "card positions in"),
    ("dangling-reference", "cards[0].channel_id: \"ch_nowhere\" names nothing in the map"),
    ("control-character", "cards[0].text: holds the control character U+0007 at character 7"),
    ("out-of-range", "cards[0].votes: 100001 dots; at most 100000"),
];
const JSON_ERRORS: &[(&str, &str)] = &[
    ("truncated", "$: EOF while parsing"),
    ("not-json", "neither JSON text nor a PNG, SVG or PDF"),
    ("deep-nesting", "$.map[0][0]: invalid type: sequence"),
    ("other-format", "$.format: is \"drawio\""),
    ("newer-version", "$.version: is 99, written by a newer Tabiji"),
    ("wrong-type", "$.map.stages: invalid type: string \"five\""),
    ("dangling-reference", "$.map.cards[3].stage_id: \"st_nowhere\" names nothing"),
    ("control-character", "$.map.cards[3].text: holds the control character U+0007"),
    ("out-of-range", "$.map.emotion_points[0].score: 1e300 is outside -2 … 2"),
    ("unknown-field", "$.map.cards[0].surprise: unknown field `surprise`"),
    ("combining-tower", "$.map.cards[3].text: stacks 50 marks on the character at 1"),
    ("noncharacter", "$.map.cards[3].text: holds the noncharacter U+FFFE at character 7"),
];
const CSV_ERRORS: &[(&str, &str)] = &[
    ("empty", "the file is empty"),
    ("header-only", "a header line and no rows"),
    ("unclosed-quote", "line 2: a quoted field is never closed"),
    ("not-a-number", "line 2, column 2 (実績): \"たくさん\" is not a number"),
    ("unknown-kpi", "line 2, column 1 (KPI): no KPI named \"存在しない指標\""),
    ("control-character", "line 2, column 3 (期間): the period holds the control character U+0007"),
    ("broken-shift-jis", "neither UTF-8, UTF-16 nor Shift_JIS"),
    ("broken-utf16", "starts as UTF-16LE text but is not valid UTF-16LE"),
    ("repeated-rows", "lines 2 and 3 both give the actual of \"デモ依頼数\" for 2026-11"),
    ("short-row", "line 2: 2 field(s) where the header has 3"),
    ("binary", "not text (it holds NUL bytes)"),
    ("markup", "no KPI named \"<script>alert(1)</script>\""),
];
const OPS_ERRORS: &[(&str, &str)] = &[
    ("malformed", ":1: not an op: EOF while parsing"),
    ("unknown-op", ":1: not an op: unknown variant `paint_it_black`"),
    ("deep-nesting", ":1: not an op: recursion limit exceeded"),
    ("missing-entity", ":1: card cd_nowhere does not exist"),
    ("control-character", ":1: title: holds the control character U+0007"),
    ("binary", ":1: stream did not contain valid UTF-8"),
];

/// The corpus files of one kind, with the error each must get; every file must have one (or be
/// listed in `valid`), so that a file added to the corpus cannot go untested.
fn corpus(
    kind: &str,
    errors: &[(&str, &'static str)],
    valid: &[&str],
) -> Vec<(PathBuf, Option<&'static str>)> {
    let mut files: Vec<PathBuf> =
        std::fs::read_dir(Path::new(CORPUS).join(kind)).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    assert!(files.len() >= errors.len(), "{kind}: the corpus is missing files");
    files
        .into_iter()
        .map(|path| {
            let name = path.file_stem().unwrap().to_str().unwrap().to_owned();
            let expected = errors.iter().find(|(start, _)| name.starts_with(start)).map(|&(_, e)| e);
            assert!(expected.is_some() || valid.contains(&name.as_str()), "{kind}/{name} has no expectation");
            (path, expected)
        })
        .collect()
}

/// A folder's files with their bytes, to compare before and after a command.
fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            (e.file_name().to_string_lossy().into_owned(), std::fs::read(e.path()).unwrap())
        })
        .collect();
    files.sort();
    files
}

/// Checks a refusal: exit code 1 (a panic exits with 101), one `tabiji: ` line naming `expected`.
fn assert_refused(out: &Output, expected: &str, what: &str) {
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{what}: exit code; stderr: {stderr}");
    assert!(!stderr.contains("panicked"), "{what} panicked: {stderr}");
    assert_eq!(stderr.lines().count(), 1, "{what}: one line on stderr, got: {stderr}");
    assert!(stderr.starts_with("tabiji: "), "{what}: {stderr}");
    assert!(stderr.contains(expected), "{what}: expected {expected:?} in: {stderr}");
}

/// Runs `args` (with `{}` standing for `target`) in a folder holding `target`, and checks it is
/// refused with `expected` and the folder is exactly as before.
fn refused_untouched(dir: &Path, args: &[&str], target: &Path, expected: &str) {
    let before = snapshot(dir);
    let args: Vec<&str> = args.iter().map(|&a| if a == "{}" { s(target) } else { a }).collect();
    assert_refused(&tabiji(&args), expected, &format!("tabiji {args:?}"));
    assert!(snapshot(dir) == before, "tabiji {args:?} changed {}", dir.display());
}

fn good_map(dir: &Path) -> PathBuf {
    let map = dir.join("good.tabiji");
    ok(&["new", s(&map)]);
    map
}

#[test]
fn every_bad_map_file_is_refused_untouched_by_every_command() {
    let work = tempfile::tempdir().unwrap();
    let (ops, csv) = (work.path().join("ops.jsonl"), work.path().join("actuals.csv"));
    std::fs::write(&ops, "{\"op\": \"update_map\", \"patch\": {\"title\": \"new\"}}\n").unwrap();
    std::fs::write(&csv, "KPI,実績,期間\n資料ダウンロード数,120,2026-11\n").unwrap();
    let (out, imported) = (work.path().join("out.svg"), work.path().join("imported.tabiji"));
    let commands: [&[&str]; 8] = [
        &["info", "{}"],
        &["validate", "{}"],
        &["export", "{}", "--format", "svg", "--out", s(&out)],
        &["apply", "{}", s(&ops)],
        &["report", "{}"],
        &["revision", "list", "{}"],
        &["kpi", "import", "{}", s(&csv)],
        &["import", "{}", s(&imported)],
    ];
    for (path, expected) in corpus("maps", MAP_ERRORS, &[]) {
        let dir = tempfile::tempdir().unwrap();
        let map = dir.path().join(path.file_name().unwrap());
        std::fs::copy(&path, &map).unwrap();
        for args in commands {
            let expected = match args[0] {
                // Import reads a JSON or an exported picture, not a map file.
                "import" => "no map to import",
                _ => expected.unwrap(),
            };
            refused_untouched(dir.path(), args, &map, expected);
        }
        assert!(!out.exists() && !imported.exists(), "{}: nothing is written", path.display());
    }
}

#[test]
fn a_map_cut_short_anywhere_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let bytes = std::fs::read(good_map(dir.path())).unwrap();
    let cut = dir.path().join("cut.tabiji");
    // Forty cuts from the first step on (the empty file is in the corpus).
    let step = bytes.len() / 40 + 1;
    for at in (step..bytes.len()).step_by(step) {
        std::fs::write(&cut, &bytes[..at]).unwrap();
        let expected = if at < 100 { "truncated: only" } else { "truncated" };
        refused_untouched(dir.path(), &["validate", "{}"], &cut, expected);
    }
}

#[test]
fn every_bad_json_is_refused_and_creates_nothing() {
    for (path, expected) in corpus("json", JSON_ERRORS, &["markup"]) {
        let Some(expected) = expected else { continue };
        let dir = tempfile::tempdir().unwrap();
        let source = dir.path().join(path.file_name().unwrap());
        std::fs::copy(&path, &source).unwrap();
        let target = dir.path().join("imported.tabiji");
        refused_untouched(dir.path(), &["import", "{}", s(&target)], &source, expected);
    }
}

/// Each free-text field of the markup map, one at a time, given a control character: the import
/// names that field's JSON path.
#[test]
fn a_control_character_in_any_text_field_is_named_by_its_path() {
    let markup: serde_json::Value =
        serde_json::from_slice(&std::fs::read(Path::new(CORPUS).join("json/markup.json")).unwrap()).unwrap();
    let mut fields = Vec::new();
    free_text_paths(&markup["map"], "$.map", &mut fields);
    // Every free-text field of the model, from the map's title to a KPI's source.
    assert_eq!(fields.len(), 23, "{fields:?}");
    let dir = tempfile::tempdir().unwrap();
    let source = dir.path().join("map.json");
    for pointer in &fields {
        let mut bad = markup.clone();
        *bad.pointer_mut(&json_pointer(pointer)).unwrap() = "before\u{7}after".into();
        std::fs::write(&source, serde_json::to_vec(&bad).unwrap()).unwrap();
        let target = dir.path().join("imported.tabiji");
        let expected = format!("{pointer}: holds the control character U+0007");
        refused_untouched(dir.path(), &["import", "{}", s(&target)], &source, &expected);
    }
}

/// JSON paths (`$.map.cards[0].text`) of the strings the corpus filled with markup, in the first
/// element of each list.
fn free_text_paths(value: &serde_json::Value, path: &str, out: &mut Vec<String>) {
    match value {
        serde_json::Value::Object(fields) => {
            for (key, field) in fields {
                let at = format!("{path}.{key}");
                match field {
                    serde_json::Value::String(text) if text.starts_with("<script>") => out.push(at),
                    _ => free_text_paths(field, &at, out),
                }
            }
        }
        serde_json::Value::Array(items) => {
            if let Some(first) = items.first() {
                free_text_paths(first, &format!("{path}[0]"), out);
            }
        }
        _ => {}
    }
}

/// `$.map.cards[0].text` as the JSON pointer `/map/cards/0/text`.
fn json_pointer(path: &str) -> String {
    path.trim_start_matches('$').replace("[", ".").replace("]", "").replace('.', "/")
}

#[test]
fn markup_in_every_text_field_imports_as_text_and_exports_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let map = dir.path().join("markup.tabiji");
    ok(&["import", &format!("{CORPUS}/json/markup.json"), s(&map)]);
    ok(&["validate", s(&map)]);
    let info = ok(&["info", s(&map)]);
    assert!(info.contains("<script>alert(\"title\")</script>"), "kept as the user typed it: {info}");

    let svg_path = dir.path().join("markup.svg");
    ok(&["export", s(&map), "--format", "svg", "--out", s(&svg_path), "--report"]);
    let svg = std::fs::read_to_string(&svg_path).unwrap();
    for raw in ["<script", "<img", "onerror=alert(1)>"] {
        assert!(!svg.contains(raw), "{raw} reached the SVG as markup");
    }
    assert!(svg.contains("&lt;script&gt;alert("), "the text is shown, escaped");
    // The map carried inside the SVG reads back with the markup still as text.
    let back = dir.path().join("back.tabiji");
    ok(&["import", s(&svg_path), s(&back)]);
    assert_eq!(ok(&["info", s(&back)]), info);
}

#[test]
fn every_bad_csv_is_refused_and_the_map_is_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let map = good_map(dir.path());
    for (path, expected) in corpus("csv", CSV_ERRORS, &[]) {
        let csv = dir.path().join(path.file_name().unwrap());
        std::fs::copy(&path, &csv).unwrap();
        refused_untouched(dir.path(), &["kpi", "import", s(&map), "{}"], &csv, expected.unwrap());
        std::fs::remove_file(&csv).unwrap();
    }
}

#[test]
fn every_bad_op_stream_is_refused_and_the_map_is_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let map = good_map(dir.path());
    for (path, expected) in corpus("ops", OPS_ERRORS, &["markup"]) {
        let ops = dir.path().join(path.file_name().unwrap());
        std::fs::copy(&path, &ops).unwrap();
        if let Some(expected) = expected {
            refused_untouched(dir.path(), &["apply", s(&map), "{}"], &ops, expected);
        } else {
            ok(&["apply", s(&map), s(&ops)]);
            assert!(ok(&["info", s(&map)]).starts_with("<script>alert(1)</script>\n"));
        }
        std::fs::remove_file(&ops).unwrap();
    }
}

/// Absurd sizes are refused from the file's size, before anything is read: sparse files that
/// take no disk stand for them.
#[test]
fn files_too_large_to_be_a_map_or_a_csv_are_refused_unread() {
    let dir = tempfile::tempdir().unwrap();
    let map = good_map(dir.path());
    let huge = |name: &str, size: u64| {
        let path = dir.path().join(name);
        std::fs::File::create(&path).unwrap().set_len(size).unwrap();
        path
    };
    let json = huge("huge.json", tabiji_core::input::MAX_IMPORT_BYTES + 1);
    let target = dir.path().join("imported.tabiji");
    refused_untouched(dir.path(), &["import", "{}", s(&target)], &json, "bytes is more than the 1073741824");
    std::fs::remove_file(&json).unwrap();
    let csv = huge("huge.csv", tabiji_core::actuals::MAX_CSV_BYTES as u64 + 1);
    refused_untouched(
        dir.path(),
        &["kpi", "import", s(&map), "{}"],
        &csv,
        "bytes is more than the 268435456",
    );
}
