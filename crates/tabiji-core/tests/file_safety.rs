//! Opening bad files: every case is a clear typed error, and the file is left byte-identical
//! with nothing new created beside it.

mod common;

use std::path::Path;

use common::{log_of, temp_map};
use tabiji_core::store::Store;
use tabiji_core::*;

/// Names of the files in `dir`, sorted.
fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// Writes `bytes` as a file, tries to open it, and checks the error code and that neither the
/// file nor its folder changed.
fn refused(bytes: &[u8]) -> Error {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.tabiji");
    std::fs::write(&path, bytes).unwrap();
    let err = Document::open(&path).err().expect("a bad file must be refused");
    assert_eq!(std::fs::read(&path).unwrap(), bytes, "the refused file was changed");
    assert_eq!(listing(dir.path()), ["bad.tabiji"], "files were left beside the refused one");
    err
}

fn good_map_bytes() -> Vec<u8> {
    let (tmp, doc) = temp_map(Template::B2b, Language::Ja);
    drop(doc);
    std::fs::read(&tmp.path).unwrap()
}

#[test]
fn a_missing_file_is_not_found() {
    let dir = tempfile::tempdir().unwrap();
    let err = Document::open(&dir.path().join("nope.tabiji")).err().unwrap();
    assert_eq!(err.code(), "file.not_found");
}

#[test]
fn empty_text_and_random_files_are_not_maps() {
    assert_eq!(refused(b"").code(), "file.not_a_map");
    assert_eq!(refused("タイトル,説明\n".as_bytes()).code(), "file.not_a_map");
    let mut random = vec![0u8; 8192];
    fastrand::Rng::with_seed(7).fill(&mut random);
    let err = refused(&random);
    assert_eq!(err.code(), "file.not_a_map");
    assert!(err.to_string().contains("not an SQLite database"), "{err}");
}

#[test]
fn another_programs_sqlite_database_is_not_a_map() {
    let dir = tempfile::tempdir().unwrap();
    let other = dir.path().join("other.db");
    let conn = rusqlite::Connection::open(&other).unwrap();
    conn.execute_batch("CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('hello');").unwrap();
    drop(conn);
    let err = refused(&std::fs::read(&other).unwrap());
    assert_eq!(err.code(), "file.not_a_map");
    assert!(err.to_string().contains("another program"), "{err}");
}

#[test]
fn a_map_truncated_anywhere_is_refused_untouched() {
    let bytes = good_map_bytes();
    let step = (bytes.len() / 97).max(1);
    let mut offsets: Vec<usize> = (1..bytes.len()).step_by(step).collect();
    offsets.extend([1, 15, 16, 99, 100, 101, 4095, 4096, 4097, bytes.len() - 1]);
    for at in offsets {
        let err = refused(&bytes[..at]);
        assert!(
            matches!(err.code(), "file.corrupt" | "file.not_a_map"),
            "truncated at {at} of {}: {err}",
            bytes.len()
        );
    }
}

#[test]
fn damaged_pages_are_reported_as_corrupt() {
    let mut bytes = good_map_bytes();
    let page = 4096;
    assert!(bytes.len() > 3 * page);
    for b in &mut bytes[2 * page..3 * page] {
        *b = 0xA5;
    }
    let err = refused(&bytes);
    assert_eq!(err.code(), "file.corrupt", "{err}");
}

#[test]
fn a_map_from_a_newer_tabiji_is_refused_untouched() {
    let (tmp, doc) = temp_map(Template::Blank, Language::En);
    drop(doc);
    let conn = rusqlite::Connection::open(&tmp.path).unwrap();
    conn.pragma_update(None, "user_version", store::SCHEMA_VERSION + 1).unwrap();
    conn.pragma_update(None, "journal_mode", "DELETE").unwrap();
    drop(conn);
    let err = refused(&std::fs::read(&tmp.path).unwrap());
    assert_eq!(err.code(), "map.newer_version");
    assert!(err.to_string().contains("newer Tabiji"), "{err}");
}

/// Takes a file of the current schema back to the previous one: what the latest migration adds.
const UNDO_LATEST_SCRIPT: &str = "ALTER TABLE kpi DROP COLUMN better; ALTER TABLE kpi DROP COLUMN sample; \
     ALTER TABLE map_info DROP COLUMN fiscal_year_start;";

#[test]
fn a_map_with_broken_ordering_or_values_is_refused_as_damaged() {
    let bad_sql = [
        (
            "UPDATE stage SET position = (SELECT position FROM stage WHERE id = 'st_1') WHERE id = 'st_2'",
            "distinct",
        ),
        ("UPDATE stage SET position = 'second' WHERE id = 'st_2'", "whole numbers"),
        ("UPDATE lane SET kind = 'mystery' WHERE id = 'ln_actions'", "mystery"),
        ("UPDATE persona SET color = 'blue' WHERE id = 'pe_1'", "colour"),
        // Values of the wrong type, and text that is not UTF-8, named with the row they are in.
        (
            "UPDATE card SET text = CAST(x'e3ff' AS TEXT) WHERE id = 'cd_1'",
            "card cd_1: text is not valid UTF-8",
        ),
        (
            "UPDATE card SET text = x'00ff' WHERE id = 'cd_1'",
            "card cd_1: expected text, found Blob([0, 255])",
        ),
        (
            "UPDATE card SET votes = 'many' WHERE id = 'cd_1'",
            r#"card cd_1: expected a count, found Text("many")"#,
        ),
    ];
    // A file of the previous schema is checked as it would be migrated, and refused unmigrated.
    let versions = [store::SCHEMA_VERSION, store::SCHEMA_VERSION - 1];
    for ((sql, expected), version) in bad_sql.into_iter().flat_map(|bad| versions.map(|v| (bad, v))) {
        let (tmp, doc) = temp_map(Template::B2b, Language::Ja);
        drop(doc);
        let conn = rusqlite::Connection::open(&tmp.path).unwrap();
        conn.execute(sql, []).unwrap();
        if version < store::SCHEMA_VERSION {
            conn.execute_batch(UNDO_LATEST_SCRIPT).unwrap();
        }
        conn.pragma_update(None, "user_version", version).unwrap();
        conn.pragma_update(None, "journal_mode", "DELETE").unwrap();
        drop(conn);
        let before = std::fs::read(&tmp.path).unwrap();
        let err = Document::open(&tmp.path).err().expect("broken invariants must be refused");
        assert_eq!(err.code(), "file.corrupt", "{sql} at schema {version}: {err}");
        assert!(err.to_string().contains(expected), "{sql} at schema {version}: {err}");
        assert_eq!(std::fs::read(&tmp.path).unwrap(), before, "{sql} at schema {version}");
        assert_eq!(listing(tmp.dir.path()), ["map.tabiji"], "no backup of a refused file");
    }
}

#[test]
fn a_map_open_in_one_place_is_already_open_in_another() {
    let (tmp, doc) = temp_map(Template::B2b, Language::Ja);
    let err = Document::open(&tmp.path).err().expect("second open must be refused");
    assert_eq!(err.code(), "file.already_open");
    assert!(matches!(Store::open(&tmp.path), Err(Error::AlreadyOpen { .. })));
    drop(doc);
    Document::open(&tmp.path).expect("the map opens again once closed");
}

#[test]
fn creating_over_an_existing_file_is_refused() {
    let (tmp, doc) = temp_map(Template::B2b, Language::Ja);
    drop(doc);
    let before = std::fs::read(&tmp.path).unwrap();
    let err = Document::create(&tmp.path, &Template::Blank.build(Language::En, None)).err().unwrap();
    assert_eq!(err.code(), "file.exists");
    assert_eq!(std::fs::read(&tmp.path).unwrap(), before);
}

#[test]
fn an_invalid_map_is_never_written() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.tabiji");
    let mut map = Template::B2b.build(Language::Ja, None);
    map.cards[0].stage_id = "st_gone".into();
    let err = Document::create(&path, &map).err().unwrap();
    assert!(err.to_string().contains("cards[0].stage_id"), "{err}");
    assert!(listing(dir.path()).is_empty(), "nothing may be left behind");
}

#[test]
fn a_saved_map_reopens_with_durable_settings_and_a_clean_integrity_check() {
    let (tmp, mut doc) = temp_map(Template::B2b, Language::Ja);
    let first = doc.map().unwrap().cards[0].id.clone();
    doc.apply(Op::DeleteCard { id: first.clone() }).unwrap();
    drop(doc);
    let doc = Document::open(&tmp.path).unwrap();
    assert!(doc.map().unwrap().cards.iter().all(|c| c.id != first));
    assert_eq!(doc.store().integrity_check(), Ok(()));
    assert_eq!(doc.store().schema_version().unwrap(), store::SCHEMA_VERSION);
    let raw =
        rusqlite::Connection::open_with_flags(&tmp.path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    let mode: String = raw.query_row("PRAGMA journal_mode", [], |r| r.get(0)).unwrap();
    let app_id: i32 = raw.query_row("PRAGMA application_id", [], |r| r.get(0)).unwrap();
    assert_eq!(mode, "wal");
    assert_eq!(app_id, store::APPLICATION_ID);
}

#[test]
fn a_copy_is_a_map_of_its_own_with_every_acknowledged_edit() {
    let (tmp, mut doc) = temp_map(Template::B2b, Language::Ja);
    let first = doc.map().unwrap().cards[0].id.clone();
    doc.apply(Op::DeleteCard { id: first }).unwrap();
    let copy = tmp.dir.path().join("copy.tabiji");
    doc.store().copy_to(&copy).unwrap();
    // Both stay usable: the original is still open for editing, the copy opens on its own.
    let copied = Document::open(&copy).unwrap();
    assert_eq!(common::content(copied.map().unwrap()), common::content(doc.map().unwrap()));
    assert_eq!(copied.store().integrity_check(), Ok(()));
    let err = doc.store().copy_to(&copy).err().unwrap();
    assert_eq!(err.code(), "file.exists", "a copy never overwrites");
}

/// A crash in the middle of a checkpoint leaves the file's first page already saying how long the
/// file will be, while the log still holds every committed edit: the map opens with all of them
/// (it used to be refused as truncated).
#[test]
fn a_map_left_part_way_through_a_checkpoint_opens_with_every_edit() {
    let (tmp, mut doc) = temp_map(Template::B2b, Language::Ja);
    let template = doc.map().unwrap().cards[0].clone();
    let text = "展示会で受け取った資料を社内の検討会議で回覧し、比較表を作る。".repeat(8);
    for n in 0..60 {
        let card = Card { id: format!("cd_crash_{n}"), text: text.clone(), ..template.clone() };
        doc.apply(Op::AddCard { card, index: None }).unwrap();
    }
    // What a kill leaves: the file and its log as they are while the map is open.
    let crashed = tmp.dir.path().join("crashed.tabiji");
    std::fs::copy(&tmp.path, &crashed).unwrap();
    std::fs::copy(log_of(&tmp.path), log_of(&crashed)).unwrap();
    drop(doc);

    // A checkpoint's first write: the newest page 1 in the log, copied into the file.
    let log = std::fs::read(log_of(&crashed)).unwrap();
    let page_size = u32::from_be_bytes(log[8..12].try_into().unwrap()) as usize;
    let newest_first_page = log[32..]
        .chunks_exact(24 + page_size)
        .rfind(|frame| u32::from_be_bytes(frame[..4].try_into().unwrap()) == 1)
        .map(|frame| frame[24..].to_vec())
        .expect("the log holds page 1");
    let mut file = std::fs::read(&crashed).unwrap();
    file[..page_size].copy_from_slice(&newest_first_page);
    std::fs::write(&crashed, &file).unwrap();
    let pages_said = u32::from_be_bytes(file[28..32].try_into().unwrap()) as usize;
    assert!(file.len() < pages_said * page_size, "the file is shorter than its first page says");

    let doc = Document::open(&crashed).expect("the map opens");
    let cards = doc.map().unwrap().cards;
    assert!((0..60).all(|n| cards.iter().any(|c| c.id == format!("cd_crash_{n}"))), "every edit is there");
    assert_eq!(doc.store().integrity_check(), Ok(()));
}
