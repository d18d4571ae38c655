//! The `tabiji` command as a user runs it: exit codes, one-line errors, and real files.

mod common;

use std::process::Command;

use common::{fails, ok, s, tabiji};

#[test]
fn new_then_info_shows_the_five_b2b_stages_and_counts() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("q3.tabiji");
    ok(&["new", s(&file), "--template", "b2b", "--title", "第3四半期"]);
    let info: serde_json::Value = serde_json::from_str(&ok(&["info", s(&file), "--json"])).unwrap();
    assert_eq!(info["title"], "第3四半期");
    assert_eq!(info["language"], "ja", "LANG=ja_JP picks Japanese");
    assert_eq!(info["stages"], serde_json::json!(["認知", "検討", "決定", "維持", "推奨"]));
    assert_eq!(info["counts"]["personas"], 3);
    assert!(info["counts"]["cards"].as_u64().unwrap() >= 30);
    assert_eq!(info["schema_version"], 6);
    let text = ok(&["info", s(&file)]);
    assert!(text.contains("認知 → 検討 → 決定 → 維持 → 推奨"), "{text}");
}

#[test]
fn english_blank_maps_can_be_made_too() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("blank.tabiji");
    ok(&["new", s(&file), "--template", "blank", "--lang", "en"]);
    let info: serde_json::Value = serde_json::from_str(&ok(&["info", s(&file), "--json"])).unwrap();
    assert_eq!(info["stages"][0], "Awareness");
    assert_eq!(info["counts"]["cards"], 0);
}

#[test]
fn export_and_import_json_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let (file, json, copy) =
        (dir.path().join("a.tabiji"), dir.path().join("a.json"), dir.path().join("b.tabiji"));
    ok(&["new", s(&file)]);
    ok(&["export", s(&file), "--format", "json", "--out", s(&json)]);
    ok(&["import", s(&json), s(&copy)]);
    let again = ok(&["export", s(&copy), "--format", "json"]);
    let strip = |text: &str| {
        let mut v: serde_json::Value = serde_json::from_str(text).unwrap();
        v["map"]["info"]["updated_at"] = serde_json::Value::Null;
        v
    };
    assert_eq!(strip(&again), strip(&std::fs::read_to_string(&json).unwrap()));
}

#[test]
fn import_errors_name_the_json_path_and_create_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (file, json, copy) =
        (dir.path().join("a.tabiji"), dir.path().join("a.json"), dir.path().join("b.tabiji"));
    ok(&["new", s(&file)]);
    ok(&["export", s(&file), "--format", "json", "--out", s(&json)]);
    let mut v: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    v["map"]["kpis"][1]["target"] = serde_json::json!("many");
    std::fs::write(&json, v.to_string()).unwrap();
    let err = fails(&["import", s(&json), s(&copy)]);
    assert!(err.contains("$.map.kpis[1].target"), "{err}");
    assert!(!copy.exists());
}

#[test]
fn apply_reports_the_failing_line_and_keeps_earlier_ops() {
    let dir = tempfile::tempdir().unwrap();
    let (file, ops) = (dir.path().join("a.tabiji"), dir.path().join("ops.jsonl"));
    ok(&["new", s(&file), "--template", "blank", "--lang", "en"]);
    let lines = [
        r#"{"op":"update_stage","id":"st_1","patch":{"name":"Discover"}}"#,
        "",
        r#"{"op":"add_card","card":{"id":"","stage_id":"st_1","lane_id":"ln_actions","kind":"action","text":"Reads a blog post"},"index":null}"#,
        r#"{"op":"delete_card","id":"cd_missing"}"#,
        r#"{"op":"update_stage","id":"st_2","patch":{"name":"never applied"}}"#,
    ];
    std::fs::write(&ops, lines.join("\n")).unwrap();
    let err = fails(&["apply", s(&file), s(&ops)]);
    assert!(err.contains("ops.jsonl:4:"), "{err}");
    assert!(err.contains("card cd_missing does not exist"), "{err}");
    assert!(err.contains("2 earlier ops were applied"), "{err}");
    let info: serde_json::Value = serde_json::from_str(&ok(&["info", s(&file), "--json"])).unwrap();
    assert_eq!(info["stages"][0], "Discover");
    assert_eq!(info["stages"][1], "Consideration");
    assert_eq!(info["counts"]["cards"], 1);
    std::fs::write(&ops, "{\"op\":\"fly\"}\n").unwrap();
    assert!(fails(&["apply", s(&file), s(&ops)]).contains("ops.jsonl:1: not an op"));
}

#[test]
fn validate_passes_a_good_map_and_names_problems_in_a_bad_one() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a.tabiji");
    ok(&["new", s(&file)]);
    assert!(ok(&["validate", s(&file)]).contains("ok (schema version 6)"));
    let junk = dir.path().join("junk.tabiji");
    std::fs::write(&junk, "not a map").unwrap();
    assert!(fails(&["validate", s(&junk)]).contains("not a Tabiji map"));
    assert_eq!(std::fs::read(&junk).unwrap(), b"not a map");
}

#[test]
fn a_map_open_in_another_process_is_already_open() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a.tabiji");
    ok(&["new", s(&file)]);
    let held = tabiji_core::Document::open(&file).unwrap();
    let err = fails(&["info", s(&file)]);
    assert!(err.contains("already open"), "{err}");
    drop(held);
    ok(&["info", s(&file)]);
}

#[test]
fn bad_arguments_and_missing_files_fail_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing.tabiji");
    assert!(fails(&["info", s(&missing)]).contains("no such file"));
    let existing = dir.path().join("a.tabiji");
    ok(&["new", s(&existing)]);
    assert!(fails(&["new", s(&existing)]).contains("already exists"));
    assert!(!tabiji(&["new", s(&dir.path().join("x.tabiji")), "--template", "b2c"]).status.success());
    for sub in ["new", "info", "export", "import", "apply", "validate"] {
        assert!(ok(&[sub, "--help"]).contains("Usage: tabiji"), "{sub} --help");
    }
}

#[test]
fn relative_paths_work_from_the_current_folder() {
    let dir = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_tabiji")).args(args).current_dir(dir.path()).output().unwrap()
    };
    assert!(run(&["new", "map.tabiji", "--lang", "en"]).status.success());
    std::fs::write(
        dir.path().join("ops.jsonl"),
        "{\"op\":\"update_stage\",\"id\":\"st_1\",\"patch\":{\"name\":\"Interest\"}}\n",
    )
    .unwrap();
    let applied = run(&["apply", "map.tabiji", "ops.jsonl"]);
    assert!(applied.status.success(), "{}", String::from_utf8_lossy(&applied.stderr));
    let info = run(&["info", "map.tabiji"]);
    assert!(String::from_utf8_lossy(&info.stdout).contains("Interest → Consideration"));
}

#[test]
fn report_names_the_bottleneck_low_return_touchpoints_and_hand_off_gaps() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("b2b.tabiji");
    ok(&["new", s(&file), "--template", "b2b", "--lang", "en"]);
    let report: serde_json::Value = serde_json::from_str(&ok(&["report", s(&file), "--json"])).unwrap();
    let stages = report["stages"].as_array().unwrap();
    let lowest = stages
        .iter()
        .min_by(|a, b| a["attainment"].as_f64().unwrap().total_cmp(&b["attainment"].as_f64().unwrap()))
        .unwrap();
    assert_eq!(report["bottleneck"], lowest["stage_id"], "the stage furthest below target");
    assert!(report["touchpoints"].as_array().unwrap().iter().any(|t| t["low_return"] == true));
    assert!(report["gaps"].as_array().unwrap().iter().any(|g| g["kind"] == "hand_off_while_mood_drops"));
    let text = ok(&["report", s(&file)]);
    assert!(text.contains("<- bottleneck") && text.contains("hands over to"), "{text}");
    let japanese = ok(&["report", s(&file), "--lang", "ja"]);
    assert!(japanese.contains("← ボトルネック") && japanese.contains("評価の仕方"), "{japanese}");
    assert!(text.contains("10 of these KPI(s) show the template's sample figures"), "{text}");
}

#[test]
fn grades_agree_in_the_report_its_json_and_every_export_on_made_up_cases() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("graded.tabiji");
    ok(&["new", s(&file), "--template", "blank", "--lang", "en"]);
    // One stage per rule: far above target next to below it, lower is better, a target below zero.
    let ops = dir.path().join("kpis.jsonl");
    let kpi = |id: &str, stage: &str, target: f64, actual: f64, better: &str| {
        format!(
            r#"{{"op":"add_kpi","kpi":{{"id":"{id}","stage_id":"{stage}","name":"{id}","target":{target},"actual":{actual},"better":"{better}"}}}}"#
        )
    };
    let lines = [
        kpi("hot", "st_1", 100.0, 345.0, "higher"),
        kpi("cold", "st_1", 100.0, 72.0, "higher"),
        kpi("churn", "st_2", 3.0, 4.0, "lower"),
        kpi("nps", "st_3", -3.0, -1.0, "higher"),
    ];
    std::fs::write(&ops, lines.join("\n")).unwrap();
    ok(&["apply", s(&file), s(&ops)]);
    let report: serde_json::Value = serde_json::from_str(&ok(&["report", s(&file), "--json"])).unwrap();
    let figure = |n: usize| report["stages"][n]["attainment"].as_f64().unwrap();
    assert!((figure(0) - 0.86).abs() < 1e-9, "(100 % + 72 %) / 2, not (345 % + 72 %) / 2");
    assert!((figure(1) - 0.75).abs() < 1e-9, "3 ÷ 4 where lower is better");
    assert_eq!(figure(2), 1.0, "-1 meets a target of -3");
    assert_eq!(report["bottleneck"], "st_2");
    let statuses: Vec<&str> =
        report["kpis"].as_array().unwrap().iter().map(|k| k["status"].as_str().unwrap()).collect();
    assert_eq!(statuses, ["met", "missed", "missed", "met"]);
    let text = ok(&["report", s(&file)]);
    assert!(
        text.contains(": 86 % of target over 2 KPI(s)")
            && text.contains(": 75 % of target over 1 KPI(s)  <- bottleneck"),
        "{text}"
    );
    // The SVG export paints each KPI's bar in its status colour, as the canvas does.
    let svg = ok(&["export", s(&file), "--format", "svg"]);
    use tabiji_core::layout::KpiStatus;
    for (status, count) in [(KpiStatus::Met, 2), (KpiStatus::Missed, 2), (KpiStatus::Near, 0)] {
        let fill = format!("fill=\"{}\"", tabiji_core::theme::kpi(status));
        assert_eq!(svg.matches(&fill).count(), count, "{status:?}");
    }
}

#[test]
fn exporting_lanes_or_personas_the_map_lacks_names_the_ones_it_has() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("b2b.tabiji");
    ok(&["new", s(&file), "--template", "b2b", "--lang", "en"]);
    let error = fails(&["export", s(&file), "--format", "svg", "--lanes", "ln_touchpoints,ln_nope"]);
    assert!(
        error.contains("the map has no lane ln_nope; its lanes are ln_touchpoints (Touchpoints)"),
        "{error}"
    );
    let error = fails(&["export", s(&file), "--format", "png", "--personas", "pe_9"]);
    assert!(error.contains("the map has no persona pe_9; its personas are pe_1 ("), "{error}");
}
