//! Where Tabiji keeps its settings, shared by the app and the CLI.

use std::path::PathBuf;

/// The settings folder: the OS's configuration folder for Tabiji, or `TABIJI_CONFIG_DIR`, which
/// the end-to-end tests set to run against a throwaway folder.
pub fn settings_dir() -> PathBuf {
    std::env::var_os("TABIJI_CONFIG_DIR")
        .map(PathBuf::from)
        .or_else(|| {
            directories::ProjectDirs::from("app", "Tabiji", "Tabiji").map(|d| d.config_dir().to_owned())
        })
        .unwrap_or_else(|| PathBuf::from("."))
}
