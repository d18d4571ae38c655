//! Tauri commands: each one a thin adapter over tabiji-core, returning `{code, message}` errors.

use std::path::{Path, PathBuf};

use tabiji_core::{Document, Error, ErrorPayload, Language, Op, Template};
use tauri::State;
use tauri_plugin_dialog::DialogExt;

use crate::launch_preload;
use crate::open_map::OpenMap;
use crate::settings::SettingsView;
use crate::state::{is_map_file, AppState, Launched};
use crate::view::{LaunchAnswer, LibraryView, MapChange, MapView};

/// What a command answers: its value, or an error with a stable code for the UI.
pub(crate) type Reply<T> = Result<T, ErrorPayload>;

fn payload(e: Error) -> ErrorPayload {
    e.to_payload()
}

/// The language the interface speaks: the one chosen in the settings, else the operating system's.
#[tauri::command]
pub fn ui_language(state: State<AppState>) -> Language {
    state.settings.view().language
}

#[tauri::command]
pub fn settings_get(state: State<AppState>) -> SettingsView {
    state.settings.view()
}

/// Chooses the interface language (`None`: follow the operating system) and rebuilds the menu
/// bar in it.
#[tauri::command]
pub fn settings_set_language(
    app: tauri::AppHandle,
    state: State<AppState>,
    language: Option<Language>,
) -> Reply<SettingsView> {
    let mut settings = state.settings.load();
    settings.language = language;
    state.settings.save(&settings).map_err(payload)?;
    let view = state.settings.view();
    let menu = crate::menu::build(&app, view.language)
        .and_then(|menu| app.set_menu(menu))
        .map_err(|e| ErrorPayload { code: "app.menu".into(), message: format!("menu bar: {e}") });
    menu.map(|_| view)
}

#[tauri::command]
pub fn library_list(state: State<AppState>) -> Reply<LibraryView> {
    library_view(&state)
}

/// Renames a listed map (its title and its file); returns the library as it now is.
#[tauri::command]
pub fn map_rename(state: State<AppState>, path: String, title: String) -> Reply<LibraryView> {
    let path = offered(&state, path)?;
    state.library.rename(&path, title.trim()).map_err(payload)?;
    library_view(&state)
}

/// Copies a listed map beside it under `title`.
#[tauri::command]
pub fn map_duplicate(state: State<AppState>, path: String, title: String) -> Reply<LibraryView> {
    let path = offered(&state, path)?;
    state.library.duplicate(&path, title.trim()).map_err(payload)?;
    library_view(&state)
}

/// Moves a listed map to the OS's trash.
#[tauri::command]
pub fn map_trash(state: State<AppState>, path: String) -> Reply<LibraryView> {
    let path = offered(&state, path)?;
    state.library.trash(&path).map_err(payload)?;
    library_view(&state)
}

fn library_view(state: &AppState) -> Reply<LibraryView> {
    Ok(LibraryView {
        folder: state.library.folder().to_string_lossy().into_owned(),
        maps: state.library.maps().map_err(payload)?,
        recent: state.library.recent(),
    })
}

/// `path` if the home screen listed it (library or recent files); the UI reaches nothing else.
fn offered(state: &AppState, path: String) -> Reply<PathBuf> {
    let path = PathBuf::from(path);
    if state.library.offers(&path) {
        return Ok(path);
    }
    Err(ErrorPayload {
        code: "file.not_offered".into(),
        message: format!("{} is not in the library or the recent files; use Open…", path.display()),
    })
}

#[tauri::command]
pub fn map_create(
    state: State<AppState>,
    template: Template,
    language: Language,
    title: Option<String>,
) -> Reply<MapView> {
    let map = template.build(language, title.as_deref().filter(|t| !t.trim().is_empty()));
    let path = state.library.path_for_new_map(&map.info.title).map_err(payload)?;
    show_created(&state, Document::create(&path, &map).map_err(payload)?)
}

/// Opens a map the home screen listed (library or recent files).
///
/// Opening commands run on Tauri's thread pool (`async`), not the main thread: there, reading a
/// 2,000-card map and writing its 1.2 MB answer held up the window and the page's other requests
/// (at start-up, the language and the fonts).
#[tauri::command(async)]
pub fn map_open(state: State<AppState>, path: String) -> Reply<MapView> {
    let path = offered(&state, path)?;
    open_path(&state, &path)
}

/// Asks the user for a map with the OS dialog and opens it; `None` if they cancel. A PNG, SVG or
/// PDF exported by Tabiji, or a JSON export, becomes a new map in the library.
#[tauri::command]
pub async fn map_open_dialog(app: tauri::AppHandle, state: State<'_, AppState>) -> Reply<Option<MapView>> {
    let picked = app
        .dialog()
        .file()
        .add_filter("Tabiji", &["tabiji", "png", "svg", "pdf", "json"])
        .set_directory(state.library.folder())
        .blocking_pick_file();
    let Some(file) = picked else { return Ok(None) };
    let path =
        file.into_path().map_err(|e| ErrorPayload { code: "file.io".into(), message: e.to_string() })?;
    open_or_import(&state, &path).map(Some)
}

/// Opens the file the app was started with, once. `preloaded` is the version of the view the
/// page was handed as it loaded, if any (`launch_preload.rs`): when that is the map opened, the
/// answer says so instead of sending it again. On the thread pool, as `map_open`.
#[tauri::command(async)]
pub fn map_open_launched(
    app: tauri::AppHandle,
    state: State<AppState>,
    preloaded: Option<u32>,
) -> Reply<LaunchAnswer> {
    let launched = state.launched.lock().expect("launch lock").take();
    launch_preload::withdraw(&app);
    let view = match launched {
        None => return Ok(LaunchAnswer::Nothing),
        Some(Launched::File(path)) => open_or_import(&state, &path)?,
        Some(Launched::Opening(opening)) => {
            let (document, view) = opening
                .join()
                .map_err(|_| ErrorPayload {
                    code: "app.task_stopped".into(),
                    message: "opening the file the app was started with stopped".into(),
                })?
                .map_err(payload)?;
            show_view(&state, document, view)
        }
    };
    Ok(if preloaded == Some(view.version) {
        LaunchAnswer::Preloaded
    } else {
        LaunchAnswer::Opened { view: Box::new(view) }
    })
}

/// A map file opens as it is; a PNG, SVG, PDF or JSON export becomes a new map in the library.
fn open_or_import(state: &AppState, path: &Path) -> Reply<MapView> {
    if is_map_file(path) {
        open_path(state, path)
    } else {
        import_path(state, path)
    }
}

/// Reads the map out of an exported file into a new map file in the library, and opens that.
fn import_path(state: &AppState, path: &Path) -> Reply<MapView> {
    let in_file =
        |e: Error| ErrorPayload { code: e.code().into(), message: format!("{}: {e}", path.display()) };
    let bytes = tabiji_core::input::read(path, tabiji_core::input::MAX_IMPORT_BYTES).map_err(payload)?;
    let map = tabiji_core::export::embedded::map_from_bytes(&bytes).map_err(in_file)?;
    let target = state.library.path_for_new_map(&map.info.title).map_err(payload)?;
    state.document.lock().expect("document lock").take();
    show_created(state, Document::create(&target, &map).map_err(payload)?)
}

#[tauri::command]
pub fn map_close(state: State<AppState>) {
    state.document.lock().expect("document lock").take();
}

#[tauri::command]
pub fn map_apply(state: State<AppState>, op: Op) -> Reply<MapChange> {
    with_document(&state, |doc| doc.apply(op))
}

#[tauri::command]
pub fn map_undo(state: State<AppState>) -> Reply<MapChange> {
    with_document(&state, Document::undo)
}

#[tauri::command]
pub fn map_redo(state: State<AppState>) -> Reply<MapChange> {
    with_document(&state, Document::redo)
}

/// The whole view of the open map, for a page whose view a change does not apply to.
#[tauri::command]
pub fn map_view(state: State<AppState>) -> Reply<MapView> {
    with_open_map(&state, OpenMap::whole_view)
}

fn open_path(state: &AppState, path: &Path) -> Reply<MapView> {
    // Close the current map first so that reopening the same file is not "already open".
    state.document.lock().expect("document lock").take();
    let (document, view) = MapView::open(path).map_err(payload)?;
    Ok(show_view(state, document, view))
}

/// Shows a map file just created, as read back from it.
fn show_created(state: &AppState, document: Document) -> Reply<MapView> {
    let map = document.map().map_err(payload)?;
    let view = MapView::of(&document, map);
    Ok(show_view(state, document, view))
}

/// Makes `document`, which `view` shows, the open map.
fn show_view(state: &AppState, document: Document, view: MapView) -> MapView {
    // The recent list is a convenience: failing to write it must not stop the map opening.
    let _ = state.library.remember(document.path());
    *state.document.lock().expect("document lock") = Some(OpenMap::new(document, &view));
    view
}

/// Runs `work` on the open map, holding it for that long.
fn with_open_map<T>(state: &AppState, work: impl FnOnce(&mut OpenMap) -> tabiji_core::Result<T>) -> Reply<T> {
    let mut guard = state.document.lock().expect("document lock");
    work(guard.as_mut().ok_or_else(none_open)?).map_err(payload)
}

/// Reads from the open map without changing it.
pub(crate) fn read_document<T>(
    state: &AppState,
    read: impl FnOnce(&Document) -> tabiji_core::Result<T>,
) -> Reply<T> {
    with_open_map(state, |open| read(&open.document))
}

fn none_open() -> ErrorPayload {
    ErrorPayload { code: "map.none_open".into(), message: "no map is open".into() }
}

/// Runs `change` on the open map and returns what it returns.
pub(crate) fn change_document<T>(
    state: &AppState,
    change: impl FnOnce(&mut Document) -> tabiji_core::Result<T>,
) -> Reply<T> {
    with_open_map(state, |open| change(&mut open.document))
}

/// Runs `change` on the open map and returns what changed in the view the page holds.
pub(crate) fn with_document(
    state: &AppState,
    change: impl FnOnce(&mut Document) -> tabiji_core::Result<()>,
) -> Reply<MapChange> {
    with_open_map(state, |open| {
        change(&mut open.document)?;
        open.change()
    })
}

/// Runs slow work (drawing an export, reading a large CSV) on a blocking thread, so that the
/// window stays responsive meanwhile.
pub(crate) async fn off_the_ui_thread<T: Send + 'static>(
    work: impl FnOnce() -> tabiji_core::Result<T> + Send + 'static,
) -> Reply<T> {
    tauri::async_runtime::spawn_blocking(work)
        .await
        .map_err(|e| ErrorPayload {
            code: "app.task_stopped".into(),
            message: format!("the work stopped: {e}"),
        })?
        .map_err(payload)
}
