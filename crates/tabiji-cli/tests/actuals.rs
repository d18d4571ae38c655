//! `tabiji kpi import` with the CSV files people export from CRM and marketing tools.

mod common;

use std::path::Path;

use common::{fails, ok, s};
use serde_json::Value;

fn b2b(dir: &Path) -> std::path::PathBuf {
    let file = dir.join("map.tabiji");
    ok(&["new", s(&file), "--template", "b2b", "--lang", "ja"]);
    file
}

fn kpi(file: &Path, name: &str) -> Value {
    let map: Value = serde_json::from_str(&ok(&["export", s(file), "--format", "json"])).unwrap();
    map["map"]["kpis"].as_array().unwrap().iter().find(|k| k["name"] == name).unwrap().clone()
}

#[test]
fn salesforce_style_utf8_hubspot_style_bom_and_japanese_excel_shift_jis_all_import() {
    let dir = tempfile::tempdir().unwrap();
    let file = b2b(dir.path());
    // Salesforce-style report: English headers named by a mapping, quoted thousands.
    let salesforce = dir.path().join("salesforce.csv");
    std::fs::write(
        &salesforce,
        "Stage,Metric Name,Close Month,Record Count\n検討,商談化数,2026/10,\"1,024\"\n",
    )
    .unwrap();
    let mapping = dir.path().join("mapping.json");
    std::fs::write(
        &mapping,
        r#"{"kpi": "Metric Name", "actual": "Record Count", "period": "Close Month", "stage": "Stage"}"#,
    )
    .unwrap();
    ok(&["kpi", "import", s(&file), s(&salesforce), "--mapping", s(&mapping)]);
    assert_eq!(kpi(&file, "商談化数")["actual"], 1024.0);

    // HubSpot-style: UTF-8 with a byte-order mark, tab-separated, one period for all rows.
    let hubspot = dir.path().join("hubspot.tsv");
    std::fs::write(&hubspot, "\u{FEFF}KPI\tActual\nデモ依頼数\t61\n").unwrap();
    ok(&["kpi", "import", s(&file), s(&hubspot), "--period", "2026年11月"]);
    assert_eq!(kpi(&file, "デモ依頼数")["period"], "2026-11");

    // Japanese Excel: Shift_JIS, Japanese headers, two months of one KPI.
    let (excel, _, _) = encoding_rs::SHIFT_JIS
        .encode("指標,期間,実績\n資料ダウンロード数,2026/10,280\n資料ダウンロード数,2026/11,310\n");
    let excel_file = dir.path().join("excel.csv");
    std::fs::write(&excel_file, &excel).unwrap();
    let out = ok(&["kpi", "import", s(&file), s(&excel_file)]);
    assert!(out.contains("2 row(s) for 1 KPI(s), period(s): 2026-10, 2026-11"), "{out}");
    let downloads = kpi(&file, "資料ダウンロード数");
    assert_eq!((downloads["actual"].as_f64(), downloads["period"].as_str()), (Some(310.0), Some("2026-11")));
    let periods: Vec<&str> =
        downloads["history"].as_array().unwrap().iter().map(|h| h["period"].as_str().unwrap()).collect();
    assert_eq!(periods, ["2026-Q3", "2026-10"], "earlier periods are kept, oldest first");
}

#[test]
fn a_bad_row_imports_nothing_and_says_where() {
    let dir = tempfile::tempdir().unwrap();
    let file = b2b(dir.path());
    let before = ok(&["export", s(&file), "--format", "json"]);
    let csv = dir.path().join("bad.csv");
    std::fs::write(&csv, "指標,期間,実績\n資料ダウンロード数,2026/11,300\nデモ依頼数,2026/11,六十\n")
        .unwrap();
    let message = fails(&["kpi", "import", s(&file), s(&csv)]);
    assert!(message.contains("bad.csv") && message.contains("line 3, column 3 (実績)"), "{message}");
    assert_eq!(ok(&["export", s(&file), "--format", "json"]), before, "the good row was not imported either");
    for (name, content) in [("empty.csv", ""), ("picture.csv", "\u{89}PNG\0\0")] {
        let path = dir.path().join(name);
        std::fs::write(&path, content).unwrap();
        let message = fails(&["kpi", "import", s(&file), s(&path), "--period", "2026-11"]);
        assert!(message.contains(name) && message.contains("import.bad_csv"), "{message}");
    }
    assert_eq!(ok(&["export", s(&file), "--format", "json"]), before);
}

#[test]
fn a_hundred_thousand_rows_import_as_one_step() {
    let dir = tempfile::tempdir().unwrap();
    let file = b2b(dir.path());
    let mut csv = String::from("指標,期間,実績\n");
    for i in 0..100_000 {
        let name = if i % 2 == 0 { "資料ダウンロード数" } else { "デモ依頼数" };
        csv.push_str(&format!(
            "{name},{}-{:02},\"{},{:03}\"\n",
            2000 + i / 1200,
            i / 100 % 12 + 1,
            i / 1000,
            i % 1000
        ));
    }
    let path = dir.path().join("large.csv");
    std::fs::write(&path, csv).unwrap();
    let out = ok(&["kpi", "import", s(&file), s(&path)]);
    assert!(out.starts_with("imported 100000 row(s) for 2 KPI(s)"), "{out}");
    let downloads = kpi(&file, "資料ダウンロード数");
    assert_eq!(downloads["period"], "2083-04", "the latest period is shown");
    assert!(downloads["history"].as_array().unwrap().len() > 900);
}
