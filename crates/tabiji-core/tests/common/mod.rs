//! Helpers shared by the core's integration tests.
#![allow(dead_code)] // each test file uses its own subset

pub mod edits;

use std::path::{Path, PathBuf};

use tabiji_core::{Document, Language, Map, Template};

/// A fresh map file in its own temporary folder.
pub struct TempMap {
    pub dir: tempfile::TempDir,
    pub path: PathBuf,
}

pub fn temp_map(template: Template, lang: Language) -> (TempMap, Document) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("map.tabiji");
    let doc = Document::create(&path, &template.build(lang, None)).unwrap();
    (TempMap { dir, path }, doc)
}

/// The map without the timestamp every change moves, for comparing content.
pub fn content(mut map: Map) -> Map {
    map.info.updated_at.clear();
    map
}

/// A map's write-ahead log, beside it.
pub fn log_of(map: &Path) -> PathBuf {
    let mut log = map.as_os_str().to_owned();
    log.push("-wal");
    log.into()
}
