//! What crosses to the UI, with the TypeScript bindings generated from it.

use serde::Serialize;
use tabiji_core::layout::Layout;
use tabiji_core::{Counts, ErrorPayload, Map};
use ts_rs::TS;

/// An open map as the canvas paints it.
#[derive(Debug, Clone, Serialize, TS)]
pub struct MapView {
    pub path: String,
    pub file_name: String,
    pub map: Map,
    pub layout: Layout,
    pub can_undo: bool,
    pub can_redo: bool,
}

/// A map file as the home screen lists it; `error` says why a file cannot be opened.
#[derive(Debug, Clone, Serialize, TS)]
pub struct MapSummary {
    pub path: String,
    pub file_name: String,
    pub title: Option<String>,
    pub updated_at: Option<String>,
    pub counts: Option<Counts>,
    pub error: Option<ErrorPayload>,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct LibraryView {
    pub folder: String,
    pub maps: Vec<MapSummary>,
    pub recent: Vec<MapSummary>,
}

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};

    use tabiji_core::{Language, Op, Template};
    use ts_rs::{Config, TS};

    use super::*;

    fn bindings_dir() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/src/lib/bindings")
    }

    fn export_all(dir: &Path) {
        let cfg = Config::new().with_out_dir(dir);
        MapView::export_all(&cfg).unwrap();
        LibraryView::export_all(&cfg).unwrap();
        Op::export_all(&cfg).unwrap();
        ErrorPayload::export_all(&cfg).unwrap();
        Template::export_all(&cfg).unwrap();
        Language::export_all(&cfg).unwrap();
    }

    fn read_dir_sorted(dir: &Path) -> Vec<(String, String)> {
        let mut files: Vec<(String, String)> = std::fs::read_dir(dir)
            .map(|entries| {
                entries
                    .filter_map(|e| e.ok())
                    .map(|e| {
                        let name = e.file_name().to_string_lossy().into_owned();
                        (name, std::fs::read_to_string(e.path()).unwrap_or_default())
                    })
                    .collect()
            })
            .unwrap_or_default();
        files.sort();
        files
    }

    /// Fails when the committed TypeScript bindings differ from what the Rust types generate.
    /// `UPDATE_BINDINGS=1 cargo test -p tabiji-app bindings` rewrites them.
    #[test]
    fn typescript_bindings_are_up_to_date() {
        let fresh = tempfile::tempdir().unwrap();
        export_all(fresh.path());
        if std::env::var_os("UPDATE_BINDINGS").is_some() {
            let _ = std::fs::remove_dir_all(bindings_dir());
            export_all(&bindings_dir());
            return;
        }
        let expected = read_dir_sorted(fresh.path());
        let committed = read_dir_sorted(&bindings_dir());
        let names = |files: &[(String, String)]| files.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>();
        assert_eq!(
            names(&committed),
            names(&expected),
            "binding files differ; run UPDATE_BINDINGS=1 cargo test -p tabiji-app bindings"
        );
        for ((name, have), (_, want)) in committed.iter().zip(&expected) {
            assert_eq!(
                have, want,
                "{name} is stale; run UPDATE_BINDINGS=1 cargo test -p tabiji-app bindings"
            );
        }
    }
}
