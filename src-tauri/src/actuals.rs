//! Importing KPI actuals from a CSV in the app: the user picks the file in the OS's dialog, sees
//! its first rows, chooses which column holds what, checks what the import will do, and imports
//! it as one undo step, with progress for large files. The UI never names a path: the picked
//! file is read once, when picked, and its bytes are kept here for every check and the import.

use std::path::Path;
use std::sync::Arc;

use serde::Serialize;
use tabiji_core::actuals::{self, Mapping, Preview};
use tabiji_core::ErrorPayload;
use tauri::ipc::Channel;
use tauri::State;
use tauri_plugin_dialog::DialogExt;
use ts_rs::TS;

use crate::commands::{off_the_ui_thread, read_document, with_document, Reply};
use crate::state::AppState;
use crate::view::MapChange;

/// Rows shown in the preview.
const PREVIEW_ROWS: usize = 8;

/// The file picked for import and its preview.
#[derive(Debug, Clone, Serialize, TS)]
pub struct PickedCsv {
    pub file_name: String,
    pub preview: Preview,
}

/// What an import did, or will do.
#[derive(Debug, Clone, Serialize, TS)]
pub struct ImportSummary {
    pub rows: usize,
    pub kpis: usize,
    pub periods: Vec<String>,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct ImportProgress {
    pub done: usize,
    pub total: usize,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct Imported {
    pub change: MapChange,
    pub summary: ImportSummary,
}

/// Asks for a CSV in the OS's open dialog; `None` if the user cancelled.
#[tauri::command]
pub async fn actuals_pick(app: tauri::AppHandle, state: State<'_, AppState>) -> Reply<Option<PickedCsv>> {
    let picked = app
        .dialog()
        .file()
        .add_filter("CSV", &["csv", "tsv", "txt"])
        .blocking_pick_file()
        .and_then(|p| p.into_path().ok());
    let Some(path) = picked else { return Ok(None) };
    let bytes = Arc::new(read(&path)?);
    let shown = Arc::clone(&bytes);
    let preview = off_the_ui_thread(move || actuals::preview(&shown, PREVIEW_ROWS)).await?;
    let file_name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    *state.picked_csv.lock().expect("picked CSV lock") = Some(bytes);
    Ok(Some(PickedCsv { file_name, preview }))
}

/// What importing the picked file with `mapping` would do, or why it cannot.
#[tauri::command]
pub async fn actuals_check(
    state: State<'_, AppState>,
    mapping: Mapping,
    period: Option<String>,
) -> Reply<ImportSummary> {
    let (map, bytes) = (read_document(&state, |d| d.map())?, picked(&state)?);
    let plan = off_the_ui_thread(move || actuals::plan(&map, &bytes, &mapping, period.as_deref())).await?;
    Ok(ImportSummary { rows: plan.rows, kpis: plan.kpis, periods: plan.periods })
}

/// Imports the picked file as one undo step, reporting progress on `progress`.
#[tauri::command]
pub async fn actuals_import(
    state: State<'_, AppState>,
    mapping: Mapping,
    period: Option<String>,
    progress: Channel<ImportProgress>,
) -> Reply<Imported> {
    let (map, bytes) = (read_document(&state, |d| d.map())?, picked(&state)?);
    let plan = off_the_ui_thread(move || {
        actuals::plan_reporting(&map, &bytes, &mapping, period.as_deref(), &mut |done, total| {
            // The UI may have closed the dialog; the import goes on regardless.
            let _ = progress.send(ImportProgress { done, total });
        })
    })
    .await?;
    let summary = ImportSummary { rows: plan.rows, kpis: plan.kpis, periods: plan.periods };
    let change = with_document(&state, |document| match plan.op {
        Some(op) => document.apply(op),
        None => Ok(()),
    })?;
    Ok(Imported { change, summary })
}

/// The bytes of the picked file (shared, not copied).
fn picked(state: &AppState) -> Reply<Arc<Vec<u8>>> {
    state.picked_csv.lock().expect("picked CSV lock").clone().ok_or_else(|| ErrorPayload {
        code: "import.none_picked".into(),
        message: "no CSV file has been picked".into(),
    })
}

fn read(path: &Path) -> Reply<Vec<u8>> {
    tabiji_core::input::read(path, tabiji_core::actuals::MAX_CSV_BYTES as u64).map_err(|e| e.to_payload())
}
