//! "Already open" detection: an OS file lock on a hidden sidecar file, held while a map is open.
//!
//! SQLite's own locks keep the data safe but would let two editors interleave their edits and
//! undo histories; this lock makes the second opener get a clear answer instead. The lock is the
//! OS's, so a crashed process never leaves a map locked.

use std::fs::{File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

pub(super) struct MapLock {
    file: File,
    path: PathBuf,
}

impl MapLock {
    pub fn acquire(map_path: &Path) -> Result<MapLock> {
        let path = lock_path(map_path);
        let file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(|e| Error::io(&path, e))?;
        match file.try_lock() {
            Ok(()) => Ok(MapLock { file, path }),
            Err(TryLockError::WouldBlock) => Err(Error::AlreadyOpen { path: map_path.to_owned() }),
            Err(TryLockError::Error(e)) => Err(Error::io(&path, e)),
        }
    }
}

impl Drop for MapLock {
    fn drop(&mut self) {
        let _ = self.file.unlock();
        let _ = std::fs::remove_file(&self.path);
    }
}

fn lock_path(map_path: &Path) -> PathBuf {
    let name = map_path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    map_path.with_file_name(format!(".~{name}.lock"))
}
