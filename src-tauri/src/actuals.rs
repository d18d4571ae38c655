//! Importing KPI actuals from a CSV in the app: the user picks the file in the OS's dialog, sees
//! its first rows, chooses which column holds what, checks what the import will do, and imports
//! it as one undo step, with progress for large files. The UI never names a path: the picked
//! file is read once, when picked, and its bytes are kept here for every check and the import.

use std::path::Path;
use std::sync::Arc;

use serde::Serialize;
use tabiji_core::actuals::saved::{self, NamedMapping};
use tabiji_core::actuals::{self, Mapping, Preview, Summary, ValueCount};
use tabiji_core::export;
use tabiji_core::folders::settings_dir;
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

#[derive(Debug, Clone, Serialize, TS)]
pub struct ImportProgress {
    pub done: usize,
    pub total: usize,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct Imported {
    pub change: MapChange,
    pub summary: Summary,
}

/// Asks for a CSV in the OS's open dialog; `None` if the user cancelled.
#[tauri::command]
pub async fn actuals_pick(app: tauri::AppHandle, state: State<'_, AppState>) -> Reply<Option<PickedCsv>> {
    let picked = app
        .dialog()
        .file()
        .add_filter("CSV / TSV", &["csv", "tsv", "txt"])
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
) -> Reply<Summary> {
    let (map, bytes) = (read_document(&state, |d| d.map())?, picked(&state)?);
    let plan = off_the_ui_thread(move || actuals::plan(&map, &bytes, &mapping, period.as_deref())).await?;
    Ok(plan.summary)
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
    let summary = plan.summary;
    let change = with_document(&state, |document| match plan.op {
        Some(op) => document.apply(op),
        None => Ok(()),
    })?;
    Ok(Imported { change, summary })
}

/// Most values a value mapping lists: a CRM has tens of stages, not thousands.
const MAPPED_VALUES: usize = 200;

/// The distinct values of `column` in the picked file, for mapping them to KPIs or stages.
#[tauri::command]
pub async fn actuals_values(state: State<'_, AppState>, column: String) -> Reply<Vec<ValueCount>> {
    let bytes = picked(&state)?;
    off_the_ui_thread(move || actuals::column_values(&bytes, &column, MAPPED_VALUES)).await
}

/// The ready mappings and the ones the user saved.
#[tauri::command]
pub fn actuals_mappings() -> Reply<Vec<NamedMapping>> {
    saved::list(&settings_dir()).map_err(|e| e.to_payload())
}

/// Saves `mapping` under `name` for the next import of the same kind of export.
#[tauri::command]
pub fn actuals_mapping_save(name: String, mapping: Mapping) -> Reply<Vec<NamedMapping>> {
    let settings = settings_dir();
    saved::save(&settings, &name, &mapping).map_err(|e| e.to_payload())?;
    saved::list(&settings).map_err(|e| e.to_payload())
}

/// Removes the saved mapping `name`.
#[tauri::command]
pub fn actuals_mapping_delete(name: String) -> Reply<Vec<NamedMapping>> {
    let settings = settings_dir();
    saved::delete(&settings, &name).map_err(|e| e.to_payload())?;
    saved::list(&settings).map_err(|e| e.to_payload())
}

/// Writes `mapping` to a file the user names, to hand on or keep with the exports it reads;
/// returns where, or `None` if the user cancelled.
#[tauri::command]
pub async fn actuals_mapping_export(
    app: tauri::AppHandle,
    name: String,
    mapping: Mapping,
) -> Reply<Option<String>> {
    let picked = app
        .dialog()
        .file()
        .add_filter("JSON", &["json"])
        .set_file_name(format!("{name}.json"))
        .blocking_save_file()
        .and_then(|p| p.into_path().ok());
    let Some(path) = picked else { return Ok(None) };
    export::save::save(saved::to_json(&mapping).as_bytes(), &path, None).map_err(|e| e.to_payload())?;
    Ok(Some(path.to_string_lossy().into_owned()))
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
