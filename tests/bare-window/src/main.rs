//! A Tauri window with one static page and nothing else: no plugins, commands, menu or settings.
//! Benchmarks start it the way they start the app, so that the app's start-up time and memory can
//! be read against what Tauri and the webview cost on their own (docs/benchmarks.md).

fn main() {
    tauri::Builder::default().run(tauri::generate_context!()).expect("the Tauri runtime failed to start");
}
