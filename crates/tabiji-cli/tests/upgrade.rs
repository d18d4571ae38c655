//! A map saved by the release before schema 6 opens after the upgrade: backed up, migrated, with
//! what schema 6 refuses cleaned rather than the map refused. The fixture is a b2b map that
//! release wrote, holding what it allowed and schema 6 does not: a noncharacter in a card and two
//! revisions of one name.

mod common;

use common::{ok, s};
use serde_json::Value;

const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/b2b-schema-5.tabiji");

#[test]
fn a_schema_5_map_opens_migrated_backed_up_and_cleaned() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("map.tabiji");
    std::fs::copy(FIXTURE, &file).unwrap();
    let before = std::fs::read(&file).unwrap();

    let info: Value = serde_json::from_str(&ok(&["info", s(&file), "--json"])).unwrap();
    assert_eq!(info["schema_version"], 6);
    let backup = dir.path().join("map.tabiji.v5.bak");
    assert_eq!(std::fs::read(&backup).unwrap(), before, "the backup is the file as it was");
    assert!(ok(&["validate", s(&file)]).contains("ok (schema version 6)"));

    let map: Value = serde_json::from_str(&ok(&["export", s(&file), "--format", "json"])).unwrap();
    assert_eq!(map["version"], 2);
    assert_eq!(map["map"]["info"]["fiscal_year_start"], 4);
    let kpis = map["map"]["kpis"].as_array().unwrap();
    assert!(
        kpis.iter().all(|k| k["better"] == "higher" && k["sample"] == false),
        "existing KPIs keep their meaning"
    );
    let text =
        map["map"]["cards"].as_array().unwrap().iter().find(|c| c["id"] == "cd_2").unwrap()["text"].clone();
    assert!(text.as_str().unwrap().ends_with('\u{FFFD}'), "the noncharacter became U+FFFD: {text}");
    let revisions: Value = serde_json::from_str(&ok(&["revision", "list", s(&file), "--json"])).unwrap();
    let names: Vec<&str> =
        revisions.as_array().unwrap().iter().map(|r| r["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["2026年 第3四半期", "2026年 第3四半期 (2)"]);
    // A revision saved before the upgrade still reads, in the JSON form of its day.
    let diff = ok(&["revision", "diff", s(&file), "2026年 第3四半期"]);
    assert!(diff.contains("Cards: 0 added, 0 removed, 1 changed"), "{diff}");
}
