//! Reading a file the user hands over (a JSON or exported picture to import, a CSV of actuals):
//! one larger than its kind allows is refused from its size, before a byte is read, so that a
//! mistaken pick of a disk image never fills the memory.

use std::io::Read;
use std::path::Path;

use crate::error::{Error, Result};

/// The largest file `tabiji import` and Open… read for the map inside: a PNG of a 20,000-card map
/// at 2× is about 400 MB.
pub const MAX_IMPORT_BYTES: u64 = 1024 * 1024 * 1024;

/// The whole of `path`, if it is at most `limit` bytes.
pub fn read(path: &Path, limit: u64) -> Result<Vec<u8>> {
    let io = |source| Error::io(path, source);
    let file = std::fs::File::open(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => Error::NotFound { path: path.to_owned() },
        _ => io(e),
    })?;
    let size = file.metadata().map_err(io)?.len();
    if size > limit {
        return Err(Error::TooLarge { path: path.to_owned(), size, limit });
    }
    // The size can change while reading (a file still being written): read no more than allowed.
    let mut bytes = Vec::with_capacity(size as usize);
    file.take(limit + 1).read_to_end(&mut bytes).map_err(io)?;
    if bytes.len() as u64 > limit {
        return Err(Error::TooLarge { path: path.to_owned(), size: bytes.len() as u64, limit });
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_over_the_limit_is_refused_unread_and_one_at_it_is_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.json");
        // Sparse: a 2 GiB file that takes no disk.
        std::fs::File::create(&path).unwrap().set_len(2 * MAX_IMPORT_BYTES).unwrap();
        let err = read(&path, MAX_IMPORT_BYTES).unwrap_err();
        assert_eq!(err.code(), "file.too_large");
        assert!(err.to_string().contains("2147483648 bytes"), "{err}");

        std::fs::write(&path, b"12345").unwrap();
        assert_eq!(read(&path, 5).unwrap(), b"12345");
        assert_eq!(read(&path, 4).unwrap_err().code(), "file.too_large");
        assert_eq!(read(&dir.path().join("none"), 5).unwrap_err().code(), "file.not_found");
    }
}
