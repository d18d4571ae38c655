//! The library folder of maps and the list of recently opened files.

use std::path::{Path, PathBuf};

use tabiji_core::ops::MapInfoPatch;
use tabiji_core::{store, Document, Error, Op, Result};

use crate::view::MapSummary;

pub const MAP_EXTENSION: &str = "tabiji";
const RECENT_LIMIT: usize = 12;

pub struct Library {
    folder: PathBuf,
    recent_file: PathBuf,
}

impl Library {
    pub fn new(folder: PathBuf, config_dir: PathBuf) -> Library {
        Library { folder, recent_file: config_dir.join("recent.json") }
    }

    pub fn folder(&self) -> &Path {
        &self.folder
    }

    /// The maps in the library folder, newest change first.
    pub fn maps(&self) -> Result<Vec<MapSummary>> {
        let entries = match std::fs::read_dir(&self.folder) {
            Ok(entries) => entries,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(Error::Io { path: self.folder.clone(), source: e }),
        };
        let mut maps: Vec<MapSummary> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == MAP_EXTENSION))
            .map(|p| summarise(&p))
            .collect();
        maps.sort_by(|a, b| b.updated_at.cmp(&a.updated_at).then_with(|| a.file_name.cmp(&b.file_name)));
        Ok(maps)
    }

    pub fn recent(&self) -> Vec<MapSummary> {
        self.recent_paths().iter().map(|p| summarise(p)).collect()
    }

    /// Whether `path` is one the home screen offered: in the library folder or the recent list.
    /// The UI can open only those; anything else goes through the OS file dialog.
    pub fn offers(&self, path: &Path) -> bool {
        let in_library = path.parent() == Some(self.folder.as_path())
            && path.extension().is_some_and(|x| x == MAP_EXTENSION);
        in_library || self.recent_paths().iter().any(|p| p == path)
    }

    /// Puts `path` first in the recent list.
    pub fn remember(&self, path: &Path) -> Result<()> {
        let mut paths = self.recent_paths();
        paths.retain(|p| p != path);
        paths.insert(0, path.to_owned());
        paths.truncate(RECENT_LIMIT);
        self.write_recent(&paths)
    }

    fn write_recent(&self, paths: &[PathBuf]) -> Result<()> {
        let text = serde_json::to_string_pretty(paths).expect("paths serialise");
        if let Some(dir) = self.recent_file.parent() {
            std::fs::create_dir_all(dir).map_err(|e| Error::Io { path: dir.to_owned(), source: e })?;
        }
        std::fs::write(&self.recent_file, text)
            .map_err(|e| Error::Io { path: self.recent_file.clone(), source: e })
    }

    fn recent_paths(&self) -> Vec<PathBuf> {
        std::fs::read_to_string(&self.recent_file)
            .ok()
            .and_then(|text| serde_json::from_str(&text).ok())
            .unwrap_or_default()
    }

    /// A free path in the library for a map titled `title`: `<title>.tabiji`, `<title> (2).tabiji` …
    pub fn path_for_new_map(&self, title: &str) -> Result<PathBuf> {
        std::fs::create_dir_all(&self.folder)
            .map_err(|e| Error::Io { path: self.folder.clone(), source: e })?;
        Ok(free_path(&self.folder, title, MAP_EXTENSION))
    }

    /// Gives the map a new title and its file the matching name, in the same folder.
    pub fn rename(&self, path: &Path, title: &str) -> Result<PathBuf> {
        set_title(path, title)?;
        let folder = path.parent().unwrap_or(Path::new("."));
        let target = if path.file_stem().is_some_and(|stem| stem.to_string_lossy() == file_stem_for(title)) {
            path.to_owned()
        } else {
            free_path(folder, title, MAP_EXTENSION)
        };
        if target != path {
            std::fs::rename(path, &target).map_err(|e| Error::Io { path: path.to_owned(), source: e })?;
            remove_lock_sidecar(path);
        }
        self.replace_recent(path, Some(&target))?;
        Ok(target)
    }

    /// A copy of the map beside it, titled `title`.
    pub fn duplicate(&self, path: &Path, title: &str) -> Result<PathBuf> {
        let target = free_path(path.parent().unwrap_or(Path::new(".")), title, MAP_EXTENSION);
        Document::open(path)?.store().copy_to(&target)?;
        set_title(&target, title)?;
        Ok(target)
    }

    /// Moves the map to the OS's trash (from where the user can restore it) and forgets it.
    pub fn trash(&self, path: &Path) -> Result<()> {
        // Refuses a map open in another window or program: it would be pulled from under it.
        drop(Document::open(path)?);
        trash::delete(path).map_err(|e| Error::Io {
            path: path.to_owned(),
            source: std::io::Error::other(format!("moving it to the trash failed: {e}")),
        })?;
        remove_lock_sidecar(path);
        self.replace_recent(path, None)
    }

    /// Replaces `old` in the recent list by `new`, or drops it.
    fn replace_recent(&self, old: &Path, new: Option<&Path>) -> Result<()> {
        let mut paths = self.recent_paths();
        if !paths.iter().any(|p| p == old) {
            return Ok(());
        }
        paths = paths
            .into_iter()
            .filter_map(|p| if p == old { new.map(Path::to_owned) } else { Some(p) })
            .collect();
        self.write_recent(&paths)
    }
}

/// A free path in `folder` for a map titled `title`: `<title>.tabiji`, `<title> (2).tabiji` …
/// A path in `folder` that no file has yet: `<title>.<extension>`, `<title> (2).<extension>` …
pub fn free_path(folder: &Path, title: &str, extension: &str) -> PathBuf {
    let stem = file_stem_for(title);
    let candidate = |n: usize| match n {
        1 => folder.join(format!("{stem}.{extension}")),
        n => folder.join(format!("{stem} ({n}).{extension}")),
    };
    (1..).map(candidate).find(|p| !p.exists()).expect("some name is free")
}

fn set_title(path: &Path, title: &str) -> Result<()> {
    let patch = MapInfoPatch { title: Some(title.to_owned()), ..MapInfoPatch::default() };
    Document::open(path)?.apply(Op::UpdateMap { patch })
}

/// The "already open" lock's sidecar file is released with the map; once the map is gone or
/// renamed it is only clutter.
fn remove_lock_sidecar(map: &Path) {
    if let Some(name) = map.file_name() {
        let _ = std::fs::remove_file(map.with_file_name(format!(".~{}.lock", name.to_string_lossy())));
    }
}

/// A file name made from a map title: characters no OS allows in names become spaces.
fn file_stem_for(title: &str) -> String {
    let cleaned: String = title
        .chars()
        .map(|c| if c.is_control() || "/\\:*?\"<>|".contains(c) { ' ' } else { c })
        .take(80)
        .collect();
    let trimmed = cleaned.trim().trim_start_matches('.').trim();
    if trimmed.is_empty() {
        "map".to_owned()
    } else {
        trimmed.to_owned()
    }
}

fn summarise(path: &Path) -> MapSummary {
    let file_name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let path_text = path.to_string_lossy().into_owned();
    match store::peek(path) {
        Ok((info, counts)) => MapSummary {
            path: path_text,
            file_name,
            title: Some(info.title),
            updated_at: Some(info.updated_at),
            counts: Some(counts),
            error: None,
        },
        Err(e) => MapSummary {
            path: path_text,
            file_name,
            title: None,
            updated_at: None,
            counts: None,
            error: Some(e.to_payload()),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_become_safe_unique_file_names() {
        let dir = tempfile::tempdir().unwrap();
        let library = Library::new(dir.path().join("maps"), dir.path().join("config"));
        let first = library.path_for_new_map("Q3: 展示会/ウェビナー").unwrap();
        assert_eq!(first.file_name().unwrap(), "Q3  展示会 ウェビナー.tabiji");
        std::fs::write(&first, b"").unwrap();
        let second = library.path_for_new_map("Q3: 展示会/ウェビナー").unwrap();
        assert_eq!(second.file_name().unwrap(), "Q3  展示会 ウェビナー (2).tabiji");
        assert_eq!(library.path_for_new_map("..").unwrap().file_name().unwrap(), "map.tabiji");
    }

    fn library_with_map(title: &str) -> (tempfile::TempDir, Library, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let library = Library::new(dir.path().join("maps"), dir.path().join("config"));
        let path = library.path_for_new_map(title).unwrap();
        let map = tabiji_core::Template::B2b.build(tabiji_core::Language::En, Some(title));
        drop(Document::create(&path, &map).unwrap());
        library.remember(&path).unwrap();
        (dir, library, path)
    }

    fn title_of(path: &Path) -> String {
        Document::open(path).unwrap().map().unwrap().info.title
    }

    #[test]
    fn renaming_changes_the_title_and_the_file_name_and_follows_in_the_recent_list() {
        let (_dir, library, path) = library_with_map("Draft");
        let renamed = library.rename(&path, "Q3 journey").unwrap();
        assert_eq!(renamed.file_name().unwrap(), "Q3 journey.tabiji");
        assert!(!path.exists());
        assert_eq!(title_of(&renamed), "Q3 journey");
        assert_eq!(library.recent_paths(), std::slice::from_ref(&renamed));
        // Same file name: only the title changes.
        let again = library.rename(&renamed, "Q3 journey").unwrap();
        assert_eq!(again, renamed);
    }

    #[test]
    fn a_title_the_core_refuses_leaves_the_map_and_its_name_as_they_were() {
        let (_dir, library, path) = library_with_map("Draft");
        let before = std::fs::read(&path).unwrap();
        let err = library.rename(&path, "Bad\u{7}title").unwrap_err();
        assert!(err.to_string().contains("control character"), "{err}");
        assert_eq!(std::fs::read(&path).unwrap(), before);
        assert_eq!(library.recent_paths(), std::slice::from_ref(&path));
        // Characters no file name may hold only change the file name, not the title.
        let renamed = library.rename(&path, "Q3: 展示会/ウェビナー").unwrap();
        assert_eq!(renamed.file_name().unwrap(), "Q3  展示会 ウェビナー.tabiji");
        assert_eq!(title_of(&renamed), "Q3: 展示会/ウェビナー");
    }

    #[test]
    fn a_duplicate_is_a_separate_map_beside_the_original() {
        let (_dir, library, path) = library_with_map("Draft");
        let copy = library.duplicate(&path, "Copy of Draft").unwrap();
        assert_eq!(copy.parent(), path.parent());
        assert_eq!(title_of(&copy), "Copy of Draft");
        assert_eq!(title_of(&path), "Draft");
        assert_eq!(Document::open(&copy).unwrap().map().unwrap().cards.len(), 40);
    }

    #[test]
    fn a_map_open_elsewhere_is_neither_renamed_nor_trashed() {
        let (_dir, library, path) = library_with_map("Draft");
        let open = Document::open(&path).unwrap();
        assert_eq!(library.rename(&path, "Other").unwrap_err().code(), "file.already_open");
        assert_eq!(library.trash(&path).unwrap_err().code(), "file.already_open");
        assert!(path.exists());
        drop(open);
    }

    #[test]
    fn only_library_and_recent_files_are_offered() {
        let dir = tempfile::tempdir().unwrap();
        let library = Library::new(dir.path().join("maps"), dir.path().join("config"));
        assert!(library.offers(&dir.path().join("maps/a.tabiji")));
        assert!(!library.offers(&dir.path().join("elsewhere/b.tabiji")));
        assert!(!library.offers(Path::new("/etc/passwd")));
        library.remember(&dir.path().join("elsewhere/b.tabiji")).unwrap();
        assert!(library.offers(&dir.path().join("elsewhere/b.tabiji")));
    }
}
