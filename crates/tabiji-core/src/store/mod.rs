//! The `.tabiji` file: one SQLite database per map, opened safely or refused with a reason.
//!
//! Opening never writes to a file it is going to refuse: the header is read as plain bytes, the
//! database is checked through an immutable read-only connection, and only a healthy map of a
//! known schema is opened for writing (after a backup copy, if it needs migrating). The one write
//! before the checks is SQLite's own recovery of edits a crash left in the write-ahead log.

mod header;
mod lock;
mod migrations;
pub(crate) mod ordered;
mod read;
mod revisions;
pub(crate) mod rows;

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags, TransactionBehavior};

use crate::error::{Error, Result};
use crate::model::{Counts, Map, MapInfo};
use crate::validate;

pub use header::{holds_a_map, APPLICATION_ID};
pub use migrations::SCHEMA_VERSION;
pub(crate) use read::load_map as read_map;
pub use revisions::RevisionInfo;

/// An open map file, exclusively ours until dropped.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    _lock: lock::MapLock,
}

impl Store {
    /// Creates a new map file at `path` holding `map`. Fails if anything exists at `path`.
    /// The file appears whole or not at all: it is built under a temporary name and linked into
    /// place only when complete.
    pub fn create(path: &Path, map: &Map) -> Result<Store> {
        if path.exists() {
            return Err(Error::AlreadyExists { path: path.to_owned() });
        }
        let temp = temp_sibling(path);
        let built = build_file(&temp, map);
        let linked = built.and_then(|()| {
            std::fs::hard_link(&temp, path).map_err(|e| match e.kind() {
                std::io::ErrorKind::AlreadyExists => Error::AlreadyExists { path: path.to_owned() },
                _ => Error::io(path, e),
            })
        });
        let _ = std::fs::remove_file(&temp);
        linked?;
        Store::open(path)
    }

    /// Opens an existing map file for editing.
    pub fn open(path: &Path) -> Result<Store> {
        Store::open_and_read(path).map(|(store, _)| store)
    }

    /// Opens an existing map file for editing and returns the map as read for the checks, so
    /// that a caller about to show it reads the file once, not twice.
    pub fn open_and_read(path: &Path) -> Result<(Store, Map)> {
        let logged = has_logged_edits(path);
        let mut header = header::inspect(path, !logged)?;
        let lock = lock::MapLock::acquire(path)?;
        let damaged = |reason: String| Error::Corrupt { path: path.to_owned(), reason };
        if logged {
            take_in_logged_edits(path).map_err(|e| damaged(e.to_string()))?;
            // Now whole, the file can be held to the length its header gives.
            header = header::inspect(path, true)?;
        }
        let snapshot = open_immutable(path)?;
        integrity_messages(&snapshot, "quick_check").map_err(|problems| damaged(problems.join("; ")))?;
        // Checked before the file is opened for writing, so a refused file stays untouched; an
        // older file is checked as it will be once migrated, in a copy in memory.
        let map = if header.user_version == SCHEMA_VERSION {
            checked_content(&snapshot).map_err(damaged)?
        } else {
            let mut migrated = copy_in_memory(&snapshot)?;
            migrations::migrate(&mut migrated, path)?;
            let map = checked_content(&migrated).map_err(damaged)?;
            migrations::backup_before_migrating(path, header.user_version)?;
            map
        };
        drop(snapshot);
        let mut conn = open_for_writing(path)?;
        migrations::migrate(&mut conn, path)?;
        Ok((Store { conn, path: path.to_owned(), _lock: lock }, map))
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Reads the whole map.
    pub fn load(&self) -> Result<Map> {
        read::load_map(&self.conn).map_err(|e| match e {
            Error::Invalid(reason) => Error::Corrupt { path: self.path.clone(), reason },
            other => other,
        })
    }

    /// Runs `f` inside one IMMEDIATE transaction, committed only if `f` succeeds. Every change to
    /// the document goes through here, stamping the map's `updated_at` in the same transaction.
    pub fn write<T>(&mut self, f: impl FnOnce(&rusqlite::Transaction) -> Result<T>) -> Result<T> {
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let value = f(&tx)?;
        tx.prepare_cached(
            "UPDATE map_info SET updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = 1",
        )?
        .execute([])?;
        tx.commit()?;
        Ok(value)
    }

    /// `PRAGMA integrity_check` on the open file: `Ok(())` or the first problems SQLite reports.
    pub fn integrity_check(&self) -> Result<(), Vec<String>> {
        integrity_messages(&self.conn, "integrity_check")
    }

    /// Writes a complete, compacted copy of the map to `dest`, which must not exist yet. The copy
    /// is a map of its own (same application id and schema version), whatever is in the journal.
    pub fn copy_to(&self, dest: &Path) -> Result<()> {
        if dest.exists() {
            return Err(Error::AlreadyExists { path: dest.to_owned() });
        }
        let target = dest.to_str().ok_or_else(|| Error::Io {
            path: dest.to_owned(),
            source: std::io::Error::new(std::io::ErrorKind::InvalidInput, "the path is not valid UTF-8"),
        })?;
        self.conn.execute("VACUUM INTO ?1", [target])?;
        Ok(())
    }

    pub fn schema_version(&self) -> Result<i64> {
        Ok(self.conn.query_row("PRAGMA user_version", [], |r| r.get(0))?)
    }
}

fn temp_sibling(path: &Path) -> PathBuf {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    path.with_file_name(format!(".{name}.{:08x}.creating", fastrand::u32(..)))
}

fn build_file(temp: &Path, map: &Map) -> Result<()> {
    let mut conn = Connection::open(temp)?;
    apply_pragmas(&conn)?;
    conn.pragma_update(None, "application_id", APPLICATION_ID)?;
    migrations::migrate(&mut conn, temp)?;
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    rows::insert_map(&tx, map)?;
    tx.commit()?;
    conn.close().map_err(|(_, e)| Error::Database(e))?;
    Ok(())
}

fn open_for_writing(path: &Path) -> Result<Connection> {
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    apply_pragmas(&conn)?;
    conn.pragma_update(None, "wal_autocheckpoint", CHECKPOINT_PAGES)?;
    Ok(conn)
}

/// How long the write-ahead log grows (pages of 4 KB, 16 MB) before the commit that reaches it
/// also takes the log into the map file. With SQLite's default of 1,000 pages, moving a card on a
/// 2,000-card map measured a p99 of 1.3–1.6× a bare one-row commit in five runs; with the log
/// four times longer, 1.0–1.2×, its p99.9 and slowest edit the bare commit's own
/// (docs/benchmarks.md). A checkpoint now comes four times less often and takes four times as
/// long, at the pace of someone editing minutes apart. Durability is the log's either way: an
/// edit is on the disk when its commit returns.
const CHECKPOINT_PAGES: u32 = 4_000;

/// The durability settings of every map connection (DESIGN.md, principle 2).
fn apply_pragmas(conn: &Connection) -> Result<()> {
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    read_in_memory(conn)?;
    conn.busy_timeout(std::time::Duration::from_millis(2000))?;
    // An edit runs a dozen statements (fetch, checks, orderings, update, stamp); keeping them all
    // prepared spares SQLite parsing them again on every edit.
    conn.set_prepared_statement_cache_capacity(64);
    Ok(())
}

/// Whether the map's write-ahead log holds edits (more than its 32-byte header). With the map
/// closed, as it is before `open` takes the lock, that means a crash left them there.
fn has_logged_edits(path: &Path) -> bool {
    let mut log = path.as_os_str().to_owned();
    log.push("-wal");
    std::fs::metadata(log).is_ok_and(|m| m.len() > 32)
}

/// Edits committed just before a crash can still be in the write-ahead log, with the file itself
/// part-way through taking them in (a checkpoint cut short). The checks in `open` read the file
/// alone, so SQLite first moves the log into it, as it would on any open.
fn take_in_logged_edits(path: &Path) -> rusqlite::Result<()> {
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_WRITE)?;
    let busy: i64 = conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| r.get(0))?;
    if busy != 0 {
        return Err(rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_BUSY),
            Some("the write-ahead log could not be taken into the map".into()),
        ));
    }
    conn.close().map_err(|(_, e)| e)
}

/// Lets a whole large map be read and sorted in memory: with SQLite's default 2 MB page cache, a
/// 20,000-card map (3 MB) no longer fitted and opening it took 1.4× as long per card as a small one.
/// The cache only grows as far as the file is read.
fn read_in_memory(conn: &Connection) -> Result<()> {
    conn.pragma_update(None, "cache_size", -32_000)?;
    Ok(())
}

/// A read-only view of the file that cannot change it: an `immutable` connection takes no locks
/// and creates no journal files. (It does not see edits still in a write-ahead log after a crash;
/// those are checked once the file is opened for writing and SQLite has recovered them.)
fn open_immutable(path: &Path) -> Result<Connection> {
    // A URI names a file from the root: a relative path must be made absolute first.
    let absolute = std::path::absolute(path).map_err(|source| Error::Io { path: path.to_owned(), source })?;
    let uri = format!("file:{}?immutable=1", uri_escape(&absolute));
    let conn = Connection::open_with_flags(
        &uri,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_URI | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| Error::Corrupt { path: path.to_owned(), reason: e.to_string() })?;
    read_in_memory(&conn)?;
    Ok(conn)
}

/// A copy of the database behind `conn` in memory, to try a migration on.
fn copy_in_memory(conn: &Connection) -> Result<Connection> {
    use rusqlite::backup::{Backup, StepResult};
    let mut copy = Connection::open_in_memory()?;
    // One step of all pages; the source is immutable, so nothing can hold it busy or locked.
    let step = Backup::new(conn, &mut copy)?.step(-1)?;
    if !matches!(step, StepResult::Done) {
        return Err(Error::invalid(format!("copying the map into memory stopped short: {step:?}")));
    }
    Ok(copy)
}

/// The map in `conn` once its orderings, values and references pass every check, or the first
/// broken invariant.
fn checked_content(conn: &Connection) -> Result<Map, String> {
    let ordering = ordering_problems(conn).map_err(|e| e.to_string())?;
    if let Some(problem) = ordering.into_iter().next() {
        return Err(problem);
    }
    let map = read::load_map(conn).map_err(|e| e.to_string())?;
    match validate::map(&map).into_iter().next() {
        Some(problem) => Err(format!("{}: {}", problem.path, problem.message)),
        None => Ok(map),
    }
}

fn integrity_messages(conn: &Connection, pragma: &str) -> Result<(), Vec<String>> {
    let run = || -> rusqlite::Result<Vec<String>> {
        let mut stmt = conn.prepare(&format!("PRAGMA {pragma}(5)"))?;
        let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
        rows.collect()
    };
    match run() {
        Ok(lines) if lines.len() == 1 && lines[0] == "ok" => Ok(()),
        // SQLite puts several findings in one row, one per line, headed "*** in database main ***":
        // one finding each, so that a message stays on one line.
        Ok(rows) => Err(rows
            .iter()
            .flat_map(|row| row.lines())
            .map(str::trim)
            .filter(|line| !line.is_empty() && !line.starts_with("***"))
            .map(str::to_owned)
            .collect()),
        Err(e) => Err(vec![e.to_string()]),
    }
}

/// Percent-encodes the characters that would end or alter an SQLite URI path.
fn uri_escape(path: &Path) -> String {
    let mut out = String::new();
    let text = path.to_string_lossy();
    if !text.starts_with('/') && !text.starts_with('\\') {
        // A Windows drive path becomes `file:/C:/…`.
        out.push('/');
    }
    for ch in text.chars() {
        match ch {
            '?' | '#' | '%' => out.push_str(&format!("%{:02X}", ch as u32)),
            '\\' => out.push('/'),
            _ => out.push(ch),
        }
    }
    out
}

/// Each ordered list with its scope columns: positions in a scope must be distinct integers.
const ORDERED_LISTS: &[(&str, &str)] = &[
    ("stage", "'all'"),
    ("lane", "'all'"),
    ("channel", "'all'"),
    ("department", "'all'"),
    ("org_persona", "'all'"),
    ("persona", "org_id"),
    ("card", "stage_id || '/' || lane_id"),
    ("kpi", "stage_id"),
];

impl Store {
    /// Lists whose order is ambiguous (two rows at one position) or unreadable (a position that
    /// is not an integer).
    pub fn ordering_problems(&self) -> Result<Vec<String>> {
        ordering_problems(&self.conn)
    }
}

fn ordering_problems(conn: &Connection) -> Result<Vec<String>> {
    let mut problems = Vec::new();
    for (table, scope) in ORDERED_LISTS {
        let sql = format!(
            "SELECT {scope}, COUNT(*), COUNT(DISTINCT position) FROM {table} GROUP BY {scope}
             HAVING COUNT(DISTINCT position) != COUNT(*) OR SUM(typeof(position) != 'integer') > 0"
        );
        let mut stmt = conn.prepare(&sql)?;
        let rows = stmt.query_map([], |r| {
            Ok(format!(
                "{table} positions in {} are not distinct whole numbers: {} rows at {} positions",
                r.get::<_, String>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, i64>(2)?
            ))
        })?;
        for row in rows {
            problems.push(row?);
        }
    }
    Ok(problems)
}

/// Reads a map's title, times and counts for a listing, without taking the map's lock or writing
/// to it; refuses what `Store::open` would refuse for the file's header.
pub fn peek(path: &Path) -> Result<(MapInfo, Counts)> {
    // The map may be open elsewhere, its log being checkpointed into the file right now.
    header::inspect(path, !has_logged_edits(path))?;
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    let count = |table: &str| -> Result<usize> {
        let n: i64 = conn.query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |r| r.get(0))?;
        Ok(n as usize)
    };
    let info = rows::fetch_info(&conn)?;
    let counts = Counts {
        stages: count("stage")?,
        lanes: count("lane")?,
        cards: count("card")?,
        orgs: count("org_persona")?,
        personas: count("persona")?,
        emotion_points: count("emotion_point")?,
        kpis: count("kpi")?,
    };
    Ok((info, counts))
}
