//! The Tabiji desktop shell: window, plugins and thin commands over tabiji-core.

mod actuals;
mod commands;
mod export;
#[cfg(target_os = "linux")]
mod launch_fonts;
mod launch_preload;
mod library;
mod menu;
mod open_map;
mod presenting;
mod revisions;
mod settings;
mod state;
pub mod view;

use tauri::Manager;

pub fn run() {
    #[cfg(target_os = "linux")]
    paint_without_compositing();
    tauri::Builder::default()
        // Must come first: a second launch focuses the running app instead of opening a rival
        // writer on the same maps.
        .plugin(tauri_plugin_single_instance::init(|app, args, cwd| {
            if let Some(window) = app.get_webview_window("main") {
                let _ = window.unminimize();
                let _ = window.set_focus();
                // A file given to the second launch opens here; the page fetches it.
                if let Some(file) = state::file_argument(args) {
                    *app.state::<state::AppState>().launched.lock().expect("launch lock") =
                        Some(state::Launched::File(std::path::Path::new(&cwd).join(file)));
                    let _ = window.eval("window.dispatchEvent(new CustomEvent('tabiji-launched'))");
                }
            }
        }))
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_clipboard_manager::init())
        .plugin(tauri_plugin_window_state::Builder::default().build())
        .manage(state::AppState::from_environment())
        .menu(|app| menu::build(app, app.state::<state::AppState>().settings.view().language))
        .on_menu_event(menu::on_event)
        .setup(|app| {
            // After the single-instance check: a second launch exits before this.
            let handle = app.handle().clone();
            app.state::<state::AppState>()
                .begin_opening_launch_file(move |view| launch_preload::hand_to_page(&handle, view));
            #[cfg(target_os = "linux")]
            draw_text_unhinted();
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::ui_language,
            commands::settings_get,
            commands::settings_set_language,
            commands::library_list,
            commands::map_rename,
            commands::map_duplicate,
            commands::map_trash,
            commands::map_create,
            commands::map_open,
            commands::map_open_dialog,
            commands::map_open_launched,
            commands::map_close,
            commands::map_apply,
            commands::map_undo,
            commands::map_redo,
            commands::map_view,
            export::map_export,
            export::map_copy_png,
            actuals::actuals_pick,
            actuals::actuals_check,
            actuals::actuals_import,
            actuals::actuals_values,
            actuals::actuals_mappings,
            actuals::actuals_mapping_save,
            actuals::actuals_mapping_delete,
            actuals::actuals_mapping_export,
            revisions::map_report,
            revisions::revision_list,
            revisions::revision_save,
            revisions::revision_compare,
            revisions::revision_picture,
            revisions::revision_restore,
            presenting::window_fullscreen,
            presenting::map_layout_showing,
        ])
        .run(tauri::generate_context!())
        .expect("the Tauri runtime failed to start");
}

/// Full hinting runs the bundled font's own hinting instructions, which at some sizes (11, 13
/// and 16 px) erase thin horizontal strokes: dashes and minus signs vanished from cards, KPI
/// figures and scores. Unhinted text draws them at every size, as the exports do, and kept the
/// drag's frame times (p95 18 ms; light hinting measured 22 ms, docs/benchmarks.md); the webview
/// follows GTK's setting.
#[cfg(target_os = "linux")]
fn draw_text_unhinted() {
    use gtk::prelude::GtkSettingsExt;
    if let Some(settings) = gtk::Settings::default() {
        settings.set_gtk_xft_hintstyle(Some("hintnone"));
    }
}

/// WebKitGTK composites the page through OpenGL by default; where there is no GPU driver (and
/// under Xvfb) that runs on software GL, which halved the frame rate of dragging a card on a
/// 2,000-card map (docs/benchmarks.md). The canvas is flat SVG with nothing to composite, so the
/// webview paints directly.
///
/// Told through WebKit's environment before any webview exists, not through the webview's
/// settings once Tauri has made it: changing the policy of a webview that has begun loading its
/// page made the page begin 20–30 ms later at every start. Someone who sets the variable
/// themselves keeps their choice.
#[cfg(target_os = "linux")]
fn paint_without_compositing() {
    const VARIABLE: &str = "WEBKIT_DISABLE_COMPOSITING_MODE";
    if std::env::var_os(VARIABLE).is_none() {
        // Before the runtime starts any thread that could read the environment meanwhile.
        std::env::set_var(VARIABLE, "1");
    }
}
