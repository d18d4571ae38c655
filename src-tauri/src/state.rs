//! What the app holds between commands: the open map and where the library and settings live.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use tabiji_core::Document;

use crate::library::Library;
use crate::settings::SettingsFile;

pub struct AppState {
    pub library: Library,
    pub settings: SettingsFile,
    /// The map shown in the main window, if any.
    pub document: Mutex<Option<Document>>,
    /// The CSV of actuals picked in the import dialog, as read when it was picked: the UI refers
    /// to it without a path, and each change of column mapping re-checks it without the disk.
    pub picked_csv: Mutex<Option<Arc<Vec<u8>>>>,
    /// A file the app was started with (the OS's "open with", or `tabiji-app map.tabiji`), until
    /// the page asks for it; a second launch with a file puts its file here too.
    pub launched: Mutex<Option<PathBuf>>,
}

impl AppState {
    /// Folders come from the OS (`directories`); `TABIJI_LIBRARY_DIR` and `TABIJI_CONFIG_DIR`
    /// override them, which the end-to-end tests use to run against throwaway folders.
    pub fn from_environment() -> AppState {
        let dirs = directories::ProjectDirs::from("app", "Tabiji", "Tabiji");
        let library = std::env::var_os("TABIJI_LIBRARY_DIR").map(PathBuf::from).unwrap_or_else(|| {
            directories::UserDirs::new()
                .and_then(|u| u.document_dir().map(|d| d.join("Tabiji")))
                .or_else(|| dirs.as_ref().map(|d| d.data_dir().join("maps")))
                .unwrap_or_else(|| PathBuf::from("Tabiji"))
        });
        let config = std::env::var_os("TABIJI_CONFIG_DIR")
            .map(PathBuf::from)
            .or_else(|| dirs.as_ref().map(|d| d.config_dir().to_owned()))
            .unwrap_or_else(|| PathBuf::from("."));
        AppState {
            settings: SettingsFile::new(&config),
            library: Library::new(library, config),
            document: Mutex::new(None),
            picked_csv: Mutex::new(None),
            launched: Mutex::new(
                file_argument(std::env::args_os()).and_then(|p| std::path::absolute(p).ok()),
            ),
        }
    }
}

/// The first argument after the program's name that is not an option: the file to open.
pub fn file_argument<A: Into<std::ffi::OsString>>(args: impl IntoIterator<Item = A>) -> Option<PathBuf> {
    args.into_iter()
        .skip(1)
        .map(Into::into)
        .find(|a| !a.to_string_lossy().starts_with('-'))
        .map(PathBuf::from)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_file_argument_is_the_first_that_is_not_an_option() {
        assert_eq!(
            file_argument(["tabiji-app", "--flag", "a.tabiji", "b.tabiji"]),
            Some(PathBuf::from("a.tabiji"))
        );
        assert_eq!(file_argument(["tabiji-app"]), None);
        assert_eq!(file_argument(["tabiji-app", "-x"]), None);
        // The program's own name is never taken for a file.
        assert_eq!(file_argument(["map.tabiji"]), None);
    }
}
