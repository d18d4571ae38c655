//! What crosses to the UI, with the TypeScript bindings generated from it.

use std::sync::atomic::{AtomicU32, Ordering};

use serde::Serialize;
use tabiji_core::layout::{layout, CardBox, Layout};
use tabiji_core::{Card, Counts, Document, ErrorPayload, Map};
use ts_rs::TS;

/// An open map as the canvas paints it.
#[derive(Debug, Clone, Serialize, TS)]
pub struct MapView {
    /// Which view this is, unique in the app's run: an edit's [`MapChange`] names the view it
    /// changes.
    pub version: u32,
    pub path: String,
    pub file_name: String,
    pub map: Map,
    pub layout: Layout,
    pub can_undo: bool,
    pub can_redo: bool,
}

impl MapView {
    /// `map`, read from `document`, laid out.
    pub fn of(document: &Document, map: Map) -> MapView {
        static LAST_VERSION: AtomicU32 = AtomicU32::new(0);
        let path = document.path();
        MapView {
            version: LAST_VERSION.fetch_add(1, Ordering::Relaxed) + 1,
            path: path.to_string_lossy().into_owned(),
            file_name: path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(),
            layout: layout(&map),
            map,
            can_undo: document.can_undo(),
            can_redo: document.can_redo(),
        }
    }

    /// Opens the map file at `path`, checked whole as `Document::open_and_read` does, and lays
    /// it out, without showing it yet.
    pub fn open(path: &std::path::Path) -> tabiji_core::Result<(Document, MapView)> {
        let (document, map) = Document::open_and_read(path)?;
        let view = MapView::of(&document, map);
        Ok((document, view))
    }
}

/// The answer to the page's question for the file the app was started with.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum LaunchAnswer {
    /// No file, or it has been opened already.
    Nothing,
    /// The map opened is the view the page was handed as it loaded (`launch_preload.rs`).
    Preloaded,
    /// The map opened (or the export imported), for a page that holds no view of it.
    Opened { view: Box<MapView> },
}

/// What an edit changed in the view the page holds. A 2,000-card map's view is a megabyte of
/// JSON, and carrying all of it back after each edit took a drop 40–60 ms to save; an edit
/// changes a few cards and moves those below them, so the cards and card boxes that stayed as
/// they were, or only moved down, are sent as their index in the page's lists.
#[derive(Debug, Clone, Serialize, TS)]
pub struct MapChange {
    /// The version of the view this changes; a page that holds another asks for the whole view.
    pub base: u32,
    /// The view after the edit, but with `map.cards` and `layout.cards` left empty: they are in
    /// `cards` and `boxes`, in the same order.
    pub view: MapView,
    pub cards: Vec<Kept<Card>>,
    pub boxes: Vec<Kept<CardBox>>,
}

/// An item of a list after a change, against the list before it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(untagged)]
pub enum Kept<T> {
    /// The index of the same item.
    Same(u32),
    /// The index of an item that is the same but for being so much further down (a card box
    /// below a cell that grew or shrank; see [`CardBox::moved_down`]).
    Moved(u32, f64),
    /// A new or changed item.
    Changed(T),
}

impl<T: PartialEq + Clone> Kept<T> {
    /// `now`, item by item, against `before`: an item with the id of one before is the same if it
    /// equals it, moved if `moved_by` says how far down it went, else changed.
    pub fn list(
        before: &[T],
        now: &[T],
        id: impl Fn(&T) -> &str,
        moved_by: impl Fn(&T, &T) -> Option<f64>,
    ) -> Vec<Kept<T>> {
        let index: std::collections::HashMap<&str, usize> =
            before.iter().enumerate().map(|(i, item)| (id(item), i)).collect();
        now.iter()
            .map(|item| {
                let Some(&i) = index.get(id(item)) else { return Kept::Changed(item.clone()) };
                if before[i] == *item {
                    Kept::Same(i as u32)
                } else if let Some(dy) = moved_by(&before[i], item) {
                    Kept::Moved(i as u32, dy)
                } else {
                    Kept::Changed(item.clone())
                }
            })
            .collect()
    }
}

/// How far down `now` is from `before`, if that is all that differs.
pub fn moved_by(before: &CardBox, now: &CardBox) -> Option<f64> {
    let dy = now.rect.y - before.rect.y;
    (before.moved_down(dy) == *now).then_some(dy)
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
        MapChange::export_all(&cfg).unwrap();
        LaunchAnswer::export_all(&cfg).unwrap();
        LibraryView::export_all(&cfg).unwrap();
        Op::export_all(&cfg).unwrap();
        ErrorPayload::export_all(&cfg).unwrap();
        Template::export_all(&cfg).unwrap();
        Language::export_all(&cfg).unwrap();
        tabiji_core::export::Request::export_all(&cfg).unwrap();
        crate::export::Destination::export_all(&cfg).unwrap();
        crate::actuals::PickedCsv::export_all(&cfg).unwrap();
        tabiji_core::actuals::Summary::export_all(&cfg).unwrap();
        tabiji_core::actuals::saved::NamedMapping::export_all(&cfg).unwrap();
        tabiji_core::actuals::ValueCount::export_all(&cfg).unwrap();
        crate::actuals::ImportProgress::export_all(&cfg).unwrap();
        crate::actuals::Imported::export_all(&cfg).unwrap();
        tabiji_core::actuals::Mapping::export_all(&cfg).unwrap();
        crate::revisions::Comparison::export_all(&cfg).unwrap();
        tabiji_core::analysis::Report::export_all(&cfg).unwrap();
        tabiji_core::store::RevisionInfo::export_all(&cfg).unwrap();
        crate::settings::SettingsView::export_all(&cfg).unwrap();
        std::fs::write(dir.join("constants.ts"), constants_module()).unwrap();
    }

    /// The core's limits, lane and card kinds and theme as TypeScript constants, so that the UI's
    /// fields and gestures never allow what the core would refuse and the canvas is coloured like
    /// an export (checked for staleness like the types).
    fn constants_module() -> String {
        use tabiji_core::*;
        let lane_kinds: Vec<String> =
            LaneKind::ALL.iter().map(|k| serde_json::to_string(k).expect("a lane kind serialises")).collect();
        let lane_kinds = lane_kinds.join(", ");
        let card_kinds: Vec<String> =
            CardKind::ALL.iter().map(|k| serde_json::to_string(k).expect("a card kind serialises")).collect();
        let card_kinds = card_kinds.join(", ");
        let theme = serde_json::to_string_pretty(&theme::to_json()).expect("the theme serialises");
        format!(
            "// Generated from tabiji-core's constants by src-tauri/src/view.rs. Do not edit this file manually.\n\
             import type {{ CardKind }} from \"./CardKind\";\n\
             import type {{ LaneKind }} from \"./LaneKind\";\n\n\
             export const LIMITS = {{\n  textChars: {MAX_TEXT_CHARS},\n  nameChars: {MAX_NAME_CHARS},\n  \
             quoteChars: {MAX_QUOTE_CHARS},\n  scoreMin: {SCORE_MIN},\n  scoreMax: {SCORE_MAX},\n  \
             stageWidthMin: {STAGE_WIDTH_MIN},\n  stageWidthMax: {STAGE_WIDTH_MAX},\n  \
             stageWidthDefault: {STAGE_WIDTH_DEFAULT},\n}} as const;\n\n\
             export const LANE_KINDS: readonly LaneKind[] = [{lane_kinds}];\n\n\
             export const CARD_KINDS: readonly CardKind[] = [{card_kinds}];\n\n\
             /** The canvas's colours; the exporter paints with the same (tabiji-core's theme). */\n\
             export const THEME = {theme} as const;\n"
        )
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

    /// A box moves down by `dy` added to every `y`, `baseline` and `cy` in it. A change says a
    /// box moved only when `CardBox::moved_down` makes it, and the page moves it with its own
    /// `movedDown` (ui/src/map/editor/mapchange.ts, tested against the same rule), so both must
    /// follow the rule.
    #[test]
    fn a_box_moves_down_as_the_page_moves_it() {
        use tabiji_core::layout::{Badge, BadgeIcon, Rect, TextLine, VoteBadge};
        use tabiji_core::{CardKind, ChannelMode};
        fn page_moves_down(value: &mut serde_json::Value, dy: f64) {
            match value {
                serde_json::Value::Array(items) => {
                    items.iter_mut().for_each(|item| page_moves_down(item, dy))
                }
                serde_json::Value::Object(fields) => {
                    for (key, field) in fields.iter_mut() {
                        match field.as_f64() {
                            Some(v) if ["y", "baseline", "cy"].contains(&key.as_str()) => {
                                *field = (v + dy).into()
                            }
                            _ => page_moves_down(field, dy),
                        }
                    }
                }
                _ => {}
            }
        }
        let line = |text: &str, baseline: f64| TextLine {
            text: text.into(),
            x: 14.0,
            baseline,
            size: 13.0,
            bold: false,
        };
        let rect = |x: f64, y: f64, width: f64, height: f64| Rect { x, y, width, height };
        let card = CardBox {
            id: "cd_1".into(),
            kind: CardKind::Touchpoint,
            rect: rect(10.0, 120.5, 180.0, 90.0),
            badge: Some(Badge {
                rect: rect(10.0, 120.5, 180.0, 22.0),
                icon: Some(BadgeIcon { key: "web".into(), x: 14.0, y: 123.5 }),
                mode: Some(ChannelMode::Online),
                label: line("ウェブサイト", 136.25),
            }),
            lines: vec![line("資料を読む", 160.0), line("比較する", 178.75)],
            votes: Some(VoteBadge { cx: 180.0, cy: 200.0, r: 9.0, label: line("3", 204.0) }),
        };
        let mut by_the_page = serde_json::to_value(&card).unwrap();
        page_moves_down(&mut by_the_page, -37.25);
        assert_eq!(serde_json::to_value(card.moved_down(-37.25)).unwrap(), by_the_page);
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
