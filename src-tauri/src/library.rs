//! The library folder of maps and the list of recently opened files.

use std::path::{Path, PathBuf};

use tabiji_core::{store, Error, Result};

use crate::view::MapSummary;

const MAP_EXTENSION: &str = "tabiji";
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
        let text = serde_json::to_string_pretty(&paths).expect("paths serialise");
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
        let stem = file_stem_for(title);
        let candidate = |n: usize| match n {
            1 => self.folder.join(format!("{stem}.{MAP_EXTENSION}")),
            n => self.folder.join(format!("{stem} ({n}).{MAP_EXTENSION}")),
        };
        Ok((1..).map(candidate).find(|p| !p.exists()).expect("some name is free"))
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
