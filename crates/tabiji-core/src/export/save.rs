//! Writing an export to disk without ever losing a file: a target that is a Tabiji map (told by
//! its header, not its name), the map being exported or a map's `-wal` / `-shm` companion is
//! refused, and the bytes go to a uniquely named temporary file beside the target that is renamed
//! into place only once it is whole, so a failed or interrupted export leaves any earlier file as
//! it was.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::store::holds_a_map;

/// SQLite's companions of a database file, named after it.
const COMPANION_SUFFIXES: [(&str, &str); 3] = [
    ("-wal", "the write-ahead log"),
    ("-shm", "the shared-memory index"),
    ("-journal", "the rollback journal"),
];

/// Refuses `target` when writing an export there would replace a map or a part of one. `source`
/// is the map being exported, when there is one. Called before rendering, so that a refusal
/// comes at once, and again by [`save`] just before the rename.
pub fn check_target(target: &Path, source: Option<&Path>) -> Result<()> {
    let refuse = |reason: String| Err(Error::ExportOntoMap { path: target.to_owned(), reason });
    if source.is_some_and(|source| same_file(target, source)) {
        return refuse("it is the map being exported".into());
    }
    if holds_a_map(target) {
        return refuse("it is a Tabiji map".into());
    }
    let name = target.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    for (suffix, what) in COMPANION_SUFFIXES {
        let Some(base) = name.strip_suffix(suffix).filter(|base| !base.is_empty()) else { continue };
        let base = target.with_file_name(base);
        if source.is_some_and(|source| same_file(&base, source)) || holds_a_map(&base) {
            return refuse(format!("it is {what} of the map {}", base.display()));
        }
    }
    Ok(())
}

/// Writes `bytes` to `target` whole or not at all, after [`check_target`].
pub fn save(bytes: &[u8], target: &Path, source: Option<&Path>) -> Result<()> {
    check_target(target, source)?;
    let folder = match target.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_owned(),
        _ => PathBuf::from("."),
    };
    let name = target.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let io = |path: &Path, e: std::io::Error| Error::io(path, e);
    // The random part makes the name one no user file has; the temporary file is removed when
    // anything below fails (its drop).
    let mut partial = tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(".part")
        .tempfile_in(&folder)
        .map_err(|e| io(&folder, e))?;
    partial
        .write_all(bytes)
        .and_then(|()| partial.as_file().sync_all())
        .map_err(|e| io(partial.path(), e))?;
    keep_permissions(partial.as_file(), target).map_err(|e| io(partial.path(), e))?;
    partial.persist(target).map_err(|e| io(target, e.error))?;
    Ok(())
}

/// A new export gets the usual permissions of a document (the temporary file starts private);
/// a replaced one keeps its own.
fn keep_permissions(file: &std::fs::File, target: &Path) -> std::io::Result<()> {
    match std::fs::metadata(target) {
        Ok(existing) => file.set_permissions(existing.permissions()),
        #[cfg(unix)]
        Err(_) => {
            use std::os::unix::fs::PermissionsExt;
            file.set_permissions(std::fs::Permissions::from_mode(0o644))
        }
        #[cfg(not(unix))]
        Err(_) => Ok(()),
    }
}

/// Whether two paths name the same file (through links too); false when either does not exist.
fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Language;
    use crate::template::Template;
    use crate::Document;

    fn map_in(dir: &Path, name: &str) -> PathBuf {
        let path = dir.join(name);
        Document::create(&path, &Template::Blank.build(Language::En, None)).unwrap();
        path
    }

    #[test]
    fn a_map_its_companions_and_the_source_itself_are_refused_whatever_their_names() {
        let dir = tempfile::tempdir().unwrap();
        let source = map_in(dir.path(), "m.tabiji");
        let other = map_in(dir.path(), "looks-like-a-picture.png");
        let targets = [
            (source.clone(), "the map being exported"),
            (other.clone(), "a Tabiji map"),
            (dir.path().join("m.tabiji-wal"), "the write-ahead log of the map"),
            (dir.path().join("looks-like-a-picture.png-shm"), "the shared-memory index of the map"),
        ];
        for (target, reason) in targets {
            let before = std::fs::read(&target).ok();
            let error = save(b"not a map", &target, Some(&source)).unwrap_err();
            assert_eq!(error.code(), "export.target_is_map", "{}", target.display());
            assert!(error.to_string().contains(reason), "{error}");
            assert_eq!(std::fs::read(&target).ok(), before, "{} untouched", target.display());
        }
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names.len(), 2, "no temporary file left: {names:?}");
    }

    #[test]
    fn an_ordinary_file_is_replaced_whole_and_a_new_one_gets_a_documents_permissions() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("m.partial");
        std::fs::write(&target, b"a user's file that happens to have this name").unwrap();
        save(b"export", &target, None).unwrap();
        assert_eq!(std::fs::read(&target).unwrap(), b"export");
        let fresh = dir.path().join("new.svg");
        save(b"<svg/>", &fresh, None).unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(std::fs::metadata(&fresh).unwrap().permissions().mode() & 0o777, 0o644);
        }
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 2);
    }
}
