fn main() {
    // The Tauri config lives at the workspace root (see docs/architecture.md).
    tauri_build::try_build(tauri_build::Attributes::new().config_path("../tauri.conf.json"))
        .expect("tauri build script failed");
}
