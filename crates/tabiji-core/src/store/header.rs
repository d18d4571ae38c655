//! Reading an SQLite header as plain bytes, so that a file we refuse is never opened by SQLite.

use std::io::Read;
use std::path::Path;

use crate::error::{Error, Result};

use super::migrations::SCHEMA_VERSION;

/// `PRAGMA application_id` of every Tabiji map: "TBJI".
pub const APPLICATION_ID: i32 = 0x5442_4A49;

const MAGIC: &[u8; 16] = b"SQLite format 3\0";
const HEADER_LEN: usize = 100;

/// Whether `path` holds a Tabiji map of any schema version, told by its header (SQLite's magic
/// and Tabiji's application id), whatever the file is called.
pub fn holds_a_map(path: &Path) -> bool {
    let mut bytes = Vec::with_capacity(72);
    let read = std::fs::File::open(path).and_then(|f| f.take(72).read_to_end(&mut bytes));
    read.is_ok()
        && bytes.len() == 72
        && bytes.starts_with(MAGIC)
        && i32::from_be_bytes([bytes[68], bytes[69], bytes[70], bytes[71]]) == APPLICATION_ID
}

pub(super) struct Header {
    pub user_version: i64,
}

/// Checks that `path` holds a whole Tabiji map of a schema this version can read. `check_size` is
/// off while a crash's edits wait in the write-ahead log: the file may then be part-way through
/// taking them in, its first page already saying how long it will be.
pub(super) fn inspect(path: &Path, check_size: bool) -> Result<Header> {
    let not_a_map = |reason: &str| Error::NotAMap { path: path.to_owned(), reason: reason.to_owned() };
    let corrupt = |reason: String| Error::Corrupt { path: path.to_owned(), reason };

    let meta = std::fs::metadata(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => Error::NotFound { path: path.to_owned() },
        _ => Error::io(path, e),
    })?;
    if meta.is_dir() {
        return Err(not_a_map("it is a folder"));
    }
    if meta.len() == 0 {
        return Err(not_a_map("the file is empty"));
    }
    let mut bytes = Vec::with_capacity(HEADER_LEN);
    std::fs::File::open(path)
        .and_then(|f| f.take(HEADER_LEN as u64).read_to_end(&mut bytes))
        .map_err(|e| Error::io(path, e))?;
    if !bytes.starts_with(&MAGIC[..bytes.len().min(MAGIC.len())]) {
        return Err(not_a_map("it is not an SQLite database"));
    }
    if bytes.len() < HEADER_LEN {
        return Err(corrupt(format!("truncated: only {} bytes", bytes.len())));
    }
    let be32 = |at: usize| u32::from_be_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]]);

    if be32(68) as i32 != APPLICATION_ID {
        return Err(not_a_map("it is an SQLite database of another program"));
    }
    let user_version = i64::from(be32(60) as i32);
    if user_version > SCHEMA_VERSION {
        return Err(Error::NewerVersion {
            path: path.to_owned(),
            found: user_version,
            supported: SCHEMA_VERSION,
        });
    }
    if user_version < 1 {
        return Err(corrupt("the map was never completely written (schema version 0)".into()));
    }

    // The in-header page count is trustworthy when its "valid for" counter matches the change
    // counter (every SQLite since 3.7.0 keeps them in step).
    let page_size = match u16::from_be_bytes([bytes[16], bytes[17]]) {
        1 => 65_536,
        n => u64::from(n),
    };
    if check_size && be32(92) == be32(24) {
        let expected = page_size * u64::from(be32(28));
        if meta.len() < expected {
            return Err(corrupt(format!("truncated: {} bytes of the expected {expected}", meta.len())));
        }
    }
    Ok(Header { user_version })
}
