//! Presentation mode's commands: the window full screen, and the map laid out with only the
//! lanes a facilitator chose to show (the file keeps its own lanes as they are).

use tabiji_core::export::Include;
use tabiji_core::layout::{layout, Layout};
use tabiji_core::{ErrorPayload, Id};
use tauri::State;

use crate::commands::{read_document, Reply};
use crate::state::AppState;

/// Full screen without the menu bar while presenting; back to the window and its menus after.
#[tauri::command]
pub fn window_fullscreen(window: tauri::WebviewWindow, on: bool) -> Reply<()> {
    let failed =
        |e: tauri::Error| ErrorPayload { code: "app.window".into(), message: format!("full screen: {e}") };
    window.set_fullscreen(on).map_err(failed)?;
    match on {
        true => window.hide_menu(),
        false => window.show_menu(),
    }
    .map_err(failed)
}

/// The open map's layout showing only `lanes` of those it shows.
#[tauri::command]
pub fn map_layout_showing(state: State<AppState>, lanes: Vec<Id>) -> Reply<Layout> {
    let map = read_document(&state, |document| document.map())?;
    let include = Include { lanes: Some(lanes), ..Include::default() };
    Ok(layout(&include.apply(&map)))
}
