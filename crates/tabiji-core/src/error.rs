//! Errors of the core: one enum with a stable machine code per variant and a message with context.

use std::path::PathBuf;

use serde::Serialize;
use ts_rs::TS;

/// Everything that can go wrong in the core. `code()` is stable and is what the UI and scripts
/// match on; the `Display` text is for people and names the file, line or JSON path concerned.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{path}: no such file")]
    NotFound { path: PathBuf },
    #[error("{path}: a file already exists there")]
    AlreadyExists { path: PathBuf },
    #[error("{path}: not a Tabiji map ({reason})")]
    NotAMap { path: PathBuf, reason: String },
    #[error("{path}: the file is damaged ({reason})")]
    Corrupt { path: PathBuf, reason: String },
    #[error(
        "{path}: written by a newer Tabiji (file schema {found}, this version reads up to {supported}); update Tabiji to open it"
    )]
    NewerVersion { path: PathBuf, found: i64, supported: i64 },
    #[error("{path}: the map is already open in another window or program")]
    AlreadyOpen { path: PathBuf },
    #[error("{path}: {size} bytes is more than the {limit} such a file may have")]
    TooLarge { path: PathBuf, size: u64, limit: u64 },
    #[error("{path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
    #[error("database error: {0}")]
    Database(#[from] rusqlite::Error),
    #[error("migrating {path} failed: {reason}")]
    Migration { path: PathBuf, reason: String },
    #[error("{kind} {id} does not exist")]
    NoSuchEntity { kind: &'static str, id: String },
    #[error("{0}")]
    Invalid(String),
    #[error("{path}: {message}")]
    BadJson { path: String, message: String },
    #[error("a revision is already named {name:?}; revision names are unique within a map")]
    RevisionNameTaken { name: String },
    #[error("nothing to {0}")]
    NothingToReplay(&'static str),
    #[error("export failed: {0}")]
    Export(String),
    #[error("{path}: {reason}; an export never replaces a map, so choose another file")]
    ExportOntoMap { path: PathBuf, reason: String },
    #[error("no map to import: {0}")]
    NoMapInside(String),
    #[error("{}", csv_problems(problems, *total))]
    BadCsv { problems: Vec<String>, total: usize },
}

fn csv_problems(problems: &[String], total: usize) -> String {
    let listed = problems.join("; ");
    match total.saturating_sub(problems.len()) {
        0 => format!("nothing was imported: {listed}"),
        more => format!("nothing was imported: {listed}; and {more} more problem(s)"),
    }
}

impl Error {
    /// The stable machine code, e.g. `file.not_a_map`.
    pub fn code(&self) -> &'static str {
        match self {
            Error::NotFound { .. } => "file.not_found",
            Error::AlreadyExists { .. } => "file.exists",
            Error::NotAMap { .. } => "file.not_a_map",
            Error::Corrupt { .. } => "file.corrupt",
            Error::NewerVersion { .. } => "map.newer_version",
            Error::AlreadyOpen { .. } => "file.already_open",
            Error::TooLarge { .. } => "file.too_large",
            Error::Io { .. } => "file.io",
            Error::Database(_) => "db.error",
            Error::Migration { .. } => "map.migration_failed",
            Error::NoSuchEntity { .. } => "op.no_such_entity",
            Error::Invalid(_) => "op.invalid",
            Error::BadJson { .. } => "import.bad_field",
            Error::NothingToReplay(_) => "history.empty",
            Error::RevisionNameTaken { .. } => "revision.name_taken",
            Error::Export(_) => "export.failed",
            Error::ExportOntoMap { .. } => "export.target_is_map",
            Error::NoMapInside(_) => "import.no_map",
            Error::BadCsv { .. } => "import.bad_csv",
        }
    }

    pub(crate) fn invalid(message: impl Into<String>) -> Self {
        Error::Invalid(message.into())
    }

    pub(crate) fn missing(kind: &'static str, id: &str) -> Self {
        Error::NoSuchEntity { kind, id: id.to_owned() }
    }

    pub(crate) fn io(path: &std::path::Path, source: std::io::Error) -> Self {
        Error::Io { path: path.to_owned(), source }
    }

    /// The form that crosses to the UI and to `--json` output.
    pub fn to_payload(&self) -> ErrorPayload {
        ErrorPayload { code: self.code().to_owned(), message: self.to_string() }
    }
}

/// An error as the UI receives it: a stable code to pick a translated message by, and the
/// English text with its context.
#[derive(Debug, Clone, Serialize, TS)]
pub struct ErrorPayload {
    pub code: String,
    pub message: String,
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
