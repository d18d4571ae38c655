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
    assert!(out.contains("imported 2 of 2 row(s) for 1 KPI(s), period(s): 2026-10, 2026-11"), "{out}");
    assert!(out.contains("replaced the sample figures of 1 KPI(s)"), "{out}");
    let downloads = kpi(&file, "資料ダウンロード数");
    assert_eq!((downloads["actual"].as_f64(), downloads["period"].as_str()), (Some(310.0), Some("2026-11")));
    assert_eq!(downloads["sample"], false);
    let periods: Vec<&str> =
        downloads["history"].as_array().unwrap().iter().map(|h| h["period"].as_str().unwrap()).collect();
    assert_eq!(periods, ["2026-10"], "the template's sample figure is gone, the real October stays");

    // November again: it replaces November's actual and says so.
    std::fs::write(
        &excel_file,
        "指標,期間,実績
資料ダウンロード数,2026-11,330
",
    )
    .unwrap();
    let out = ok(&["kpi", "import", s(&file), s(&excel_file)]);
    assert!(out.contains("replaced 1 earlier actual(s) of 2026-11"), "{out}");
    assert_eq!(kpi(&file, "資料ダウンロード数")["history"].as_array().unwrap().len(), 1);
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
    // Each KPI and month has fifty rows: refused as they are, summed when the mapping says so.
    let refused = fails(&["kpi", "import", s(&file), s(&path)]);
    assert!(
        refused.contains("lines 2 and 4 both give the actual of \"資料ダウンロード数\" for 2000-01"),
        "{refused}"
    );
    let mapping = dir.path().join("sum.json");
    std::fs::write(&mapping, r#"{"aggregate": "sum"}"#).unwrap();
    let out = ok(&["kpi", "import", s(&file), s(&path), "--mapping", s(&mapping)]);
    assert!(out.starts_with("imported 100000 of 100000 row(s) for 2 KPI(s)"), "{out}");
    let downloads = kpi(&file, "資料ダウンロード数");
    assert_eq!(downloads["period"], "2083-04", "the latest period is shown");
    assert!(downloads["history"].as_array().unwrap().len() > 900);
}

/// `tabiji` with its settings in `settings`, as the app keeps them.
fn with_settings(settings: &Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_tabiji"))
        .args(args)
        .env("TABIJI_CONFIG_DIR", settings)
        .output()
        .unwrap()
}

#[test]
fn mappings_are_chosen_by_name_listed_and_printed_to_hand_on() {
    let dir = tempfile::tempdir().unwrap();
    let file = b2b(dir.path());
    let settings = dir.path().join("settings");
    // A Marketo lead export, read with the ready mapping by its name.
    let leads = dir.path().join("leads.csv");
    std::fs::write(
        &leads,
        "Id,First Name,Lead Source,Created At\n1,花子,資料ダウンロード,2026-11-02T09:15:00Z\n2,太郎,Webinar,2026-11-03T10:00:00Z\n",
    )
    .unwrap();
    let out = with_settings(&settings, &["kpi", "import", s(&file), s(&leads), "--mapping", "Marketo leads"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(stdout.contains("skipped 1 row(s) whose Lead Source is \"Webinar\""), "{stdout}");
    assert_eq!(kpi(&file, "資料ダウンロード数")["actual"], 1.0);

    // A mapping saved in the settings folder is chosen by its name too.
    let folder = settings.join("mappings");
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(
        folder.join("ウェビナー.json"),
        r#"{"kpi_name": "デモ依頼数", "aggregate": "count", "period": "Created At", "period_unit": "fiscal_quarter"}"#,
    )
    .unwrap();
    let listed = String::from_utf8(with_settings(&settings, &["kpi", "mappings"]).stdout).unwrap();
    assert!(
        listed.contains("HubSpot deals  (ready)") && listed.lines().any(|l| l == "ウェビナー"),
        "{listed}"
    );
    assert!(with_settings(&settings, &["kpi", "import", s(&file), s(&leads), "--mapping", "ウェビナー"])
        .status
        .success());
    let demos = kpi(&file, "デモ依頼数");
    assert_eq!((demos["actual"].as_f64(), demos["period"].as_str()), (Some(2.0), Some("FY2026-Q3")));
    let printed =
        String::from_utf8(with_settings(&settings, &["kpi", "mapping", "HubSpot deals"]).stdout).unwrap();
    let mapping: Value = serde_json::from_str(&printed).unwrap();
    assert_eq!(mapping["kpi_values"]["presentationscheduled"], "kp_3");
    let unknown = with_settings(&settings, &["kpi", "import", s(&file), s(&leads), "--mapping", "Pardot"]);
    let stderr = String::from_utf8(unknown.stderr).unwrap();
    assert!(stderr.contains("no mapping named \"Pardot\"") && stderr.contains("ウェビナー"), "{stderr}");
}
