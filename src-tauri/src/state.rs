//! What the app holds between commands: the open map and where the library and settings live.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

use tabiji_core::Document;

use crate::library::Library;
use crate::open_map::OpenMap;
use crate::settings::SettingsFile;
use crate::view::MapView;

pub struct AppState {
    pub library: Library,
    pub settings: SettingsFile,
    /// The map shown in the main window, if any.
    pub document: Mutex<Option<OpenMap>>,
    /// The CSV of actuals picked in the import dialog, as read when it was picked: the UI refers
    /// to it without a path, and each change of column mapping re-checks it without the disk.
    pub picked_csv: Mutex<Option<Arc<Vec<u8>>>>,
    /// A file the app was started with (the OS's "open with", or `tabiji-app map.tabiji`), until
    /// the page asks for it; a second launch with a file puts its file here too.
    pub launched: Mutex<Option<Launched>>,
}

/// The file the app was started with, as the page's first question finds it.
pub enum Launched {
    /// A file to open when the page asks: an export to import, or a second launch's file.
    File(PathBuf),
    /// A map the app began opening as it started, on a thread of its own: the window and the
    /// page take another 200 ms to load, and the map is ready (and handed to the page) before
    /// the page asks for it.
    Opening(JoinHandle<tabiji_core::Result<(Document, MapView)>>),
}

impl Launched {
    /// Starts opening `path` at once if it is a map, and gives its view to `opened` as soon
    /// as it is laid out; an import waits for the page, whose library it adds a file to.
    fn begin(path: PathBuf, opened: impl FnOnce(&MapView) + Send + 'static) -> Launched {
        if !is_map_file(&path) {
            return Launched::File(path);
        }
        let to_open = path.clone();
        let opening = std::thread::Builder::new().name("open launch file".into()).spawn(move || {
            let opening = MapView::open(&to_open);
            if let Ok((_, view)) = &opening {
                opened(view);
            }
            opening
        });
        match opening {
            Ok(handle) => Launched::Opening(handle),
            // No thread to spare: the page's question opens it instead.
            Err(_) => Launched::File(path),
        }
    }
}

/// Whether `path` names a map file (anything else the app is given is an export to import).
pub fn is_map_file(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == crate::library::MAP_EXTENSION)
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
        let config = tabiji_core::folders::settings_dir();
        AppState {
            settings: SettingsFile::new(&config),
            library: Library::new(library, config),
            document: Mutex::new(None),
            picked_csv: Mutex::new(None),
            launched: Mutex::new(
                file_argument(std::env::args_os())
                    .and_then(|p| std::path::absolute(p).ok())
                    .map(Launched::File),
            ),
        }
    }

    /// Starts opening the file the app was started with, if it is a map. Called once the app
    /// knows it is the only instance: a second launch hands its file to the first and exits, and
    /// must not have opened (and locked) the file meanwhile.
    pub fn begin_opening_launch_file(&self, opened: impl FnOnce(&MapView) + Send + 'static) {
        let mut launched = self.launched.lock().expect("launch lock");
        *launched = match launched.take() {
            Some(Launched::File(path)) => Some(Launched::begin(path, opened)),
            other => other,
        };
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

    fn opened(launched: Launched) -> tabiji_core::Result<(Document, MapView)> {
        match launched {
            Launched::Opening(opening) => opening.join().expect("the opening thread finished"),
            Launched::File(path) => panic!("{} was left for the page to open", path.display()),
        }
    }

    #[test]
    fn a_launch_map_is_opened_and_laid_out_before_the_page_asks() {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("launched.tabiji");
        let map = tabiji_core::generated::map_with_cards(30);
        Document::create(&path, &map).unwrap();

        let (handed, handed_to) = std::sync::mpsc::channel();
        let launched = Launched::begin(path.clone(), move |view| handed.send(view.version).unwrap());
        let (document, view) = opened(launched).unwrap();
        assert_eq!(document.path(), path);
        assert_eq!(view.map.cards.len(), 30);
        assert_eq!(view.layout.cards.len(), 30);
        assert_eq!(handed_to.try_recv(), Ok(view.version), "the view opened was not handed on");
    }

    #[test]
    fn a_damaged_launch_map_answers_the_page_with_its_error() {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("damaged.tabiji");
        std::fs::write(&path, b"not a map at all").unwrap();

        let launched = Launched::begin(path.clone(), |_| panic!("a map that did not open was handed on"));
        let error = opened(launched).err().expect("a damaged map does not open");
        assert_eq!(error.code(), "file.not_a_map");
        assert_eq!(std::fs::read(&path).unwrap(), b"not a map at all");
    }

    #[test]
    fn an_export_to_import_waits_for_the_page() {
        let launched = Launched::begin(PathBuf::from("/somewhere/map.json"), |_| ());
        assert!(matches!(launched, Launched::File(path) if path == Path::new("/somewhere/map.json")));
    }
}
