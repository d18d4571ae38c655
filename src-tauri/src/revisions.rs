//! The report and revisions of the open map: save, list, compare, view read-only and restore.

use serde::Serialize;
use tabiji_core::analysis::{self, Report};
use tabiji_core::diff::{self, KpiDelta, MapDiff};
use tabiji_core::export::{self, Format, Request};
use tabiji_core::store::RevisionInfo;
use tabiji_core::Map;
use tauri::State;
use ts_rs::TS;

use crate::commands::{change_document, off_the_ui_thread, read_document, with_document, Reply};
use crate::state::AppState;
use crate::view::MapChange;

/// Two versions of the map side by side.
#[derive(Debug, Clone, Serialize, TS)]
pub struct Comparison {
    pub before: Map,
    pub after: Map,
    pub diff: MapDiff,
    pub kpis: Vec<KpiDelta>,
    /// Whether nothing but timestamps differs.
    pub unchanged: bool,
}

/// The report on the open map, on each KPI's latest actual or on those of `period`.
#[tauri::command]
pub fn map_report(state: State<AppState>, period: Option<String>) -> Reply<Report> {
    read_document(&state, |document| Ok(analysis::report(&document.map()?, period.as_deref())))
}

#[tauri::command]
pub fn revision_list(state: State<AppState>) -> Reply<Vec<RevisionInfo>> {
    read_document(&state, |document| document.revisions())
}

#[tauri::command]
pub fn revision_save(state: State<AppState>, name: String) -> Reply<Vec<RevisionInfo>> {
    change_document(&state, |document| {
        document.save_revision(&name)?;
        document.revisions()
    })
}

/// Compares revision `from` with revision `to`, or with the map as it is now.
#[tauri::command]
pub fn revision_compare(state: State<AppState>, from: String, to: Option<String>) -> Reply<Comparison> {
    read_document(&state, |document| {
        let before = document.revision(&from)?;
        let after = match &to {
            Some(id) => document.revision(id)?,
            None => document.map()?,
        };
        let diff = diff::diff(&before, &after);
        Ok(Comparison {
            kpis: diff::kpi_deltas(&before, &after),
            unchanged: diff.is_empty_but_timestamps(),
            diff,
            before,
            after,
        })
    })
}

/// A revision drawn as the exports draw the map (SVG), for viewing it read-only.
#[tauri::command]
pub async fn revision_picture(state: State<'_, AppState>, id: String) -> Reply<String> {
    let map = read_document(&state, |document| document.revision(&id))?;
    let bytes = off_the_ui_thread(move || export::render(&map, &Request::new(Format::Svg))).await?;
    Ok(String::from_utf8(bytes).expect("SVG is UTF-8"))
}

/// Makes the map what it was in revision `id`, as one undo step, after keeping the map as it
/// was as a revision of its own.
#[tauri::command]
pub fn revision_restore(state: State<AppState>, id: String) -> Reply<MapChange> {
    with_document(&state, |document| document.restore_revision(&id).map(|_| ()))
}
