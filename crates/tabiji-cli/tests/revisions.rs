//! `tabiji revision` and `tabiji report --period`: improvement cycles from the command line.

mod common;

use std::path::Path;

use common::{fails, ok, s};
use serde_json::Value;

fn b2b(dir: &Path) -> std::path::PathBuf {
    let file = dir.join("map.tabiji");
    ok(&["new", s(&file), "--template", "b2b", "--lang", "ja"]);
    file
}

fn apply(dir: &Path, file: &Path, ops: &str) {
    let path = dir.join("ops.jsonl");
    std::fs::write(&path, ops).unwrap();
    ok(&["apply", s(file), s(&path)]);
}

#[test]
fn save_change_compare_and_restore_a_quarter() {
    let dir = tempfile::tempdir().unwrap();
    let file = b2b(dir.path());
    let saved = ok(&["revision", "save", s(&file), "2026年 第3四半期"]);
    assert!(saved.starts_with("saved revision rv_"), "{saved}");
    let original = ok(&["export", s(&file), "--format", "json"]);

    apply(
        dir.path(),
        &file,
        concat!(
            r#"{"op":"update_card","id":"cd_1","patch":{"text":"展示会で名刺交換した"}}"#,
            "\n",
            r#"{"op":"update_kpi","id":"kp_1","patch":{"actual":280,"period":"2026-Q4"}}"#,
            "\n",
            r#"{"op":"delete_card","id":"cd_2"}"#,
            "\n"
        ),
    );
    let listed: Value = serde_json::from_str(&ok(&["revision", "list", s(&file), "--json"])).unwrap();
    assert_eq!(listed.as_array().unwrap().len(), 1);
    assert_eq!(listed[0]["name"], "2026年 第3四半期");

    let text = ok(&["revision", "diff", s(&file), "2026年 第3四半期"]);
    assert!(text.contains("Cards: 0 added, 1 removed, 1 changed"), "{text}");
    assert!(text.contains("-> 認知: \"展示会で名刺交換した\""), "{text}");
    assert!(text.contains("資料ダウンロード数: 240 -> 280 (+40) 件"), "{text}");

    let json: Value =
        serde_json::from_str(&ok(&["revision", "diff", s(&file), "2026年 第3四半期", "--json"])).unwrap();
    assert_eq!(json["diff"]["cards"]["removed"][0]["id"], "cd_2");
    assert_eq!(json["kpis"][0]["delta"], 40.0);

    let restore = ok(&["revision", "restore", s(&file), "2026年 第3四半期"]);
    assert!(restore.contains("the map as it was is kept as revision rv_"), "{restore}");
    let listed: Value = serde_json::from_str(&ok(&["revision", "list", s(&file), "--json"])).unwrap();
    assert_eq!(
        listed[1]["name"], "「2026年 第3四半期」に戻す前",
        "the state before restoring, kept to go back to"
    );
    let back = ok(&["revision", "diff", s(&file), "「2026年 第3四半期」に戻す前", "2026年 第3四半期"]);
    assert!(back.contains("Cards: 1 added, 0 removed, 1 changed"), "{back}");
    let restored = ok(&["export", s(&file), "--format", "json"]);
    let strip = |text: &str| {
        let mut v: Value = serde_json::from_str(text).unwrap();
        v["map"]["info"]["updated_at"] = Value::Null;
        v
    };
    assert_eq!(strip(&restored), strip(&original));
    let after = ok(&["revision", "diff", s(&file), "2026年 第3四半期"]);
    assert!(after.contains("no changes"), "{after}");
}

#[test]
fn unknown_revisions_and_a_second_revision_of_one_name_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let file = b2b(dir.path());
    let error = fails(&["revision", "restore", s(&file), "Q9"]);
    assert!(error.contains("no revision has the id or name \"Q9\""), "{error}");
    ok(&["revision", "save", s(&file), "draft"]);
    let error = fails(&["revision", "save", s(&file), " draft "]);
    assert!(
        error.contains("a revision is already named \"draft\"") && error.contains("[revision.name_taken]"),
        "{error}"
    );
    let error = fails(&["revision", "save", s(&file), ""]);
    assert!(error.contains("revision name: must not be empty"), "{error}");
}

#[test]
fn the_report_gives_funnel_conversion_per_period_and_judges_a_chosen_period() {
    let dir = tempfile::tempdir().unwrap();
    let file = b2b(dir.path());
    let csv = dir.path().join("quarters.csv");
    std::fs::write(
        &csv,
        "指標,期間,実績\n資料ダウンロード数,2026-Q3,240\nデモ依頼数,2026-Q3,45\n見積提出数,2026-Q3,24\n\
         資料ダウンロード数,2026-Q4,300\nデモ依頼数,2026-Q4,60\n見積提出数,2026-Q4,15\n",
    )
    .unwrap();
    ok(&["kpi", "import", s(&file), s(&csv)]);
    let report: Value = serde_json::from_str(&ok(&["report", s(&file), "--json"])).unwrap();
    assert_eq!(report["periods"], serde_json::json!(["2026-Q3", "2026-Q4"]));
    let rates = |step: usize| -> Vec<f64> {
        report["funnel"][step]["conversions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["rate"].as_f64().unwrap())
            .collect()
    };
    assert_eq!(rates(0), [45.0 / 240.0, 60.0 / 300.0]);
    assert_eq!(rates(1), [24.0 / 45.0, 15.0 / 60.0]);

    let q3 = ok(&["report", s(&file), "--period", "2026-Q3", "--lang", "en"]);
    assert!(q3.contains("by stage (period 2026-Q3)"), "{q3}");
    assert!(q3.contains("資料ダウンロード数 -> デモ依頼数: 2026-Q3 18.8 %"), "{q3}");
    let in_the_maps_language = ok(&["report", s(&file), "--period", "2026-Q3"]);
    assert!(in_the_maps_language.contains("ステージ別の KPI 達成率(期間 2026-Q3)"), "{in_the_maps_language}");
    assert!(in_the_maps_language.contains("評価の仕方"), "the report says how stages are graded");
    let error = fails(&["report", s(&file), "--period", "2025-Q1"]);
    assert!(error.contains("periods: 2026-Q3, 2026-Q4"), "{error}");
}

#[test]
fn a_diff_shows_figures_as_they_were_entered() {
    let dir = tempfile::tempdir().unwrap();
    let file = b2b(dir.path());
    apply(dir.path(), &file, r#"{"op":"update_kpi","id":"kp_1","patch":{"actual":4}}"#);
    ok(&["revision", "save", s(&file), "before"]);
    apply(dir.path(), &file, r#"{"op":"update_kpi","id":"kp_1","patch":{"actual":4.2}}"#);
    let text = ok(&["revision", "diff", s(&file), "before"]);
    assert!(text.contains("資料ダウンロード数: 4 -> 4.2 (+0.2) 件"), "{text}");
}
