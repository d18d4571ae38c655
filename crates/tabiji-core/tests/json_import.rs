//! JSON import: a clean round trip, and errors that name the JSON path that is wrong.

use tabiji_core::*;

fn b2b_json() -> serde_json::Value {
    serde_json::from_str(&json::to_json(&Template::B2b.build(Language::Ja, None))).unwrap()
}

fn import_error(value: &serde_json::Value) -> Error {
    json::from_json(&value.to_string()).expect_err("the import must fail")
}

#[test]
fn a_map_survives_json_unchanged() {
    for lang in [Language::Ja, Language::En] {
        let map = Template::B2b.build(lang, None);
        assert_eq!(json::from_json(&json::to_json(&map)).unwrap(), map);
    }
}

#[test]
fn a_wrong_type_names_its_path() {
    let mut v = b2b_json();
    v["map"]["cards"][3]["stage_id"] = serde_json::json!(3);
    let err = import_error(&v);
    assert_eq!(err.code(), "import.bad_field");
    assert!(err.to_string().starts_with("$.map.cards[3].stage_id: invalid type"), "{err}");
}

#[test]
fn missing_and_unknown_fields_name_their_place() {
    let mut v = b2b_json();
    v["map"]["stages"][1].as_object_mut().unwrap().remove("name");
    assert!(
        import_error(&v).to_string().starts_with("$.map.stages[1]: missing field `name`"),
        "{}",
        import_error(&v)
    );
    let mut v = b2b_json();
    v["map"]["personas"][0]["favourite"] = serde_json::json!("tea");
    assert!(import_error(&v).to_string().contains("$.map.personas[0]"), "{}", import_error(&v));
}

#[test]
fn broken_references_and_out_of_range_values_name_their_path() {
    let mut v = b2b_json();
    v["map"]["emotion_points"][2]["score"] = serde_json::json!(9.5);
    assert!(
        import_error(&v).to_string().starts_with("$.map.emotion_points[2].score:"),
        "{}",
        import_error(&v)
    );
    let mut v = b2b_json();
    v["map"]["cards"][0]["lane_id"] = serde_json::json!("ln_nowhere");
    assert!(
        import_error(&v).to_string().starts_with("$.map.cards[0].lane_id: \"ln_nowhere\" names nothing"),
        "{}",
        import_error(&v)
    );
    let mut v = b2b_json();
    v["map"]["cards"][5]["text"] = serde_json::json!("bell\u{7}");
    assert!(import_error(&v).to_string().contains("$.map.cards[5].text: holds the control character U+0007"));
}

#[test]
fn other_formats_newer_versions_and_malformed_json_are_refused_clearly() {
    let mut v = b2b_json();
    v["version"] = serde_json::json!(json::FORMAT_VERSION + 1);
    assert!(import_error(&v).to_string().contains("newer Tabiji"));
    let mut v = b2b_json();
    v["format"] = serde_json::json!("drawio");
    assert!(import_error(&v).to_string().starts_with("$.format:"));
    let err = json::from_json("{\"format\": \"tabiji-map\", \"version\": 1, \"map\": {").err().unwrap();
    assert!(err.to_string().contains("line 1, column"), "{err}");
    let deep = "[".repeat(10_000) + &"]".repeat(10_000);
    let err = json::from_json(&deep).err().unwrap();
    assert_eq!(err.code(), "import.bad_field");
}

#[test]
fn markup_in_text_is_kept_as_text() {
    let mut map = Template::Blank.build(Language::En, None);
    map.info.title = "<script>alert(1)</script> ]]> =cmd|' /C calc'!A0".into();
    let back = json::from_json(&json::to_json(&map)).unwrap();
    assert_eq!(back.info.title, map.info.title);
}

#[test]
fn a_version_1_document_reads_with_the_defaults_of_the_fields_version_2_added() {
    let mut v = b2b_json();
    v["version"] = serde_json::json!(1);
    v["map"]["info"].as_object_mut().unwrap().remove("fiscal_year_start");
    for kpi in v["map"]["kpis"].as_array_mut().unwrap() {
        let kpi = kpi.as_object_mut().unwrap();
        kpi.remove("better");
        kpi.remove("sample");
    }
    let map = json::from_json(&v.to_string()).unwrap();
    assert_eq!(map.info.fiscal_year_start, 4, "April");
    assert!(map.kpis.iter().all(|k| k.better == Better::Higher && !k.sample));
}

#[test]
fn windows_line_ends_in_text_become_lf_and_noncharacters_are_refused() {
    let mut v = b2b_json();
    v["map"]["cards"][0]["text"] = serde_json::json!("一行目\r\n二行目");
    v["map"]["info"]["description"] = serde_json::json!("a\r\nb\r\n");
    let map = json::from_json(&v.to_string()).unwrap();
    assert_eq!(map.cards[0].text, "一行目\n二行目");
    assert_eq!(map.info.description, "a\nb\n");

    v["map"]["cards"][0]["text"] = serde_json::json!("a lone \r is still refused");
    assert!(import_error(&v).to_string().contains("control character U+000D"));
    v["map"]["cards"][0]["text"] = serde_json::json!(format!("ab{}", "x".to_owned() + &"\u{301}".repeat(50)));
    let err = import_error(&v).to_string();
    assert!(err.contains("stacks 50 marks on the character at 3; at most 11 fit"), "{err}");
    v["map"]["cards"][0]["text"] = serde_json::json!("x\u{FFFE}");
    let err = import_error(&v).to_string();
    assert!(err.contains("$.map.cards[0].text") && err.contains("noncharacter U+FFFE"), "{err}");
}
