//! Exporting the open map from the app: to a file the user picks with the OS's save dialog (or
//! beside the map), and as a PNG picture on the clipboard. The rendering runs off the UI's
//! thread, so the window stays responsive while a large map is drawn.

use std::path::{Path, PathBuf};

use tabiji_core::export::{self, png, Format, Request};
use tabiji_core::{ErrorPayload, Map};
use tauri::State;
use tauri_plugin_clipboard_manager::ClipboardExt;
use tauri_plugin_dialog::DialogExt;

use crate::commands::{off_the_ui_thread, read_document, Reply};
use crate::library::free_path;
use crate::state::AppState;

/// Where an export goes.
#[derive(Debug, Clone, Copy, serde::Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum Destination {
    /// A file the user names in the OS's save dialog.
    Ask,
    /// A new file beside the map, named after its title.
    BesideMap,
}

/// Exports the open map; returns where it was saved, or `None` if the user cancelled.
#[tauri::command]
pub async fn map_export(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
    request: Request,
    destination: Destination,
) -> Reply<Option<String>> {
    let (map, map_path) = open_map(&state)?;
    let target = match destination {
        Destination::BesideMap => free_path(
            map_path.parent().unwrap_or(Path::new(".")),
            &map.info.title,
            request.format.extension(),
        ),
        Destination::Ask => match ask_where(&app, &map, &map_path, request.format) {
            Some(path) => path,
            None => return Ok(None),
        },
    };
    // A map (this one, another, or a part of one) is refused before anything is rendered.
    export::save::check_target(&target, Some(&map_path)).map_err(|e| e.to_payload())?;
    let bytes = off_the_ui_thread(move || export::render(&map, &request)).await?;
    export::save::save(&bytes, &target, Some(&map_path)).map_err(|e| e.to_payload())?;
    Ok(Some(target.to_string_lossy().into_owned()))
}

/// Puts the open map on the clipboard as a picture (at `request.scale`).
#[tauri::command]
pub async fn map_copy_png(app: tauri::AppHandle, state: State<'_, AppState>, request: Request) -> Reply<()> {
    let (map, _) = open_map(&state)?;
    let options = png::PngOptions { scale: request.scale, transparent: request.transparent };
    let picture = off_the_ui_thread(move || png::rasterise(&map, &request.include, &options)).await?;
    let image = tauri::image::Image::new_owned(picture.pixels, picture.width, picture.height);
    app.clipboard().write_image(&image).map_err(|e| ErrorPayload {
        code: "export.clipboard".into(),
        message: format!("copying the picture failed: {e}"),
    })
}

fn open_map(state: &AppState) -> Reply<(Map, PathBuf)> {
    read_document(state, |document| Ok((document.map()?, document.path().to_owned())))
}

/// The OS's save dialog, starting beside the map with a name from its title.
fn ask_where(app: &tauri::AppHandle, map: &Map, map_path: &Path, format: Format) -> Option<PathBuf> {
    let extension = format.extension();
    let suggested = free_path(map_path.parent().unwrap_or(Path::new(".")), &map.info.title, extension);
    let mut dialog = app.dialog().file().add_filter(extension.to_uppercase(), &[extension]);
    if let Some(folder) = suggested.parent() {
        dialog = dialog.set_directory(folder);
    }
    if let Some(name) = suggested.file_name() {
        dialog = dialog.set_file_name(name.to_string_lossy());
    }
    dialog.blocking_save_file()?.into_path().ok()
}
