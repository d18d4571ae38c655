//! Schema migrations, embedded SQL applied in order; the schema version is `PRAGMA user_version`.

use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use rusqlite::Connection;
use rusqlite_migration::{Migrations, M};

use crate::error::{Error, Result};

/// Each schema version's script, in order: script `n` takes a file from version `n` to `n + 1`.
const SCRIPTS: [&str; 5] = [
    include_str!("migrations/001_initial.sql"),
    include_str!("migrations/002_kpi_history.sql"),
    include_str!("migrations/003_funnel_involvement_revisions.sql"),
    include_str!("migrations/004_votes.sql"),
    include_str!("migrations/005_sparse_positions.sql"),
];

static MIGRATIONS: LazyLock<Migrations<'static>> =
    LazyLock::new(|| Migrations::new(SCRIPTS.iter().map(|sql| M::up(sql)).collect()));

/// The schema this version writes. Files with a higher `user_version` are refused.
pub const SCHEMA_VERSION: i64 = SCRIPTS.len() as i64;

pub(super) fn migrate(conn: &mut Connection, path: &Path) -> Result<()> {
    MIGRATIONS.to_latest(conn).map_err(|e| Error::Migration { path: path.to_owned(), reason: e.to_string() })
}

/// Copies the file to `<name>.v<from>.bak` beside it before it is migrated, refusing to overwrite
/// an older backup.
pub(super) fn backup_before_migrating(path: &Path, from_version: i64) -> Result<PathBuf> {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let backup = path.with_file_name(format!("{name}.v{from_version}.bak"));
    if !backup.exists() {
        std::fs::copy(path, &backup).map_err(|e| Error::io(&backup, e))?;
    }
    Ok(backup)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An empty database as schema `version` left it.
    fn at_version(version: usize) -> Connection {
        let mut conn = Connection::open_in_memory().unwrap();
        Migrations::new(SCRIPTS[..version].iter().map(|sql| M::up(sql)).collect())
            .to_latest(&mut conn)
            .unwrap();
        conn
    }

    #[test]
    fn migrations_are_valid_and_reach_the_schema_version() {
        MIGRATIONS.validate().unwrap();
        let mut conn = Connection::open_in_memory().unwrap();
        migrate(&mut conn, Path::new(":memory:")).unwrap();
        let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
        assert_eq!(version, SCHEMA_VERSION);
    }

    #[test]
    fn a_schema_1_file_keeps_its_kpis_and_gains_an_empty_history() {
        let mut conn = at_version(1);
        conn.execute_batch(
            "INSERT INTO stage (id, position, name, width) VALUES ('st_1', 0, '認知', 280);\n\
             INSERT INTO kpi (id, stage_id, position, name, unit, target, actual, period, source)\n\
             VALUES ('kp_1', 'st_1', 0, '資料請求', '件', 300, 240, '2026-Q3', 'MA');",
        )
        .unwrap();
        migrate(&mut conn, Path::new(":memory:")).unwrap();
        let (actual, history): (f64, String) = conn
            .query_row("SELECT actual, history FROM kpi WHERE id = 'kp_1'", [], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .unwrap();
        assert_eq!((actual, history.as_str()), (240.0, "[]"));
    }

    #[test]
    fn a_schema_2_persona_is_involved_where_its_curve_has_points() {
        let mut conn = at_version(2);
        conn.execute_batch(
            "INSERT INTO stage (id, position, name, width) VALUES ('st_b', 1, '検討', 280), ('st_a', 0, '認知', 280), ('st_c', 2, '決定', 280);\n\
             INSERT INTO org_persona VALUES ('or_1', 0, '会社', '', '', '', '');\n\
             INSERT INTO persona VALUES ('pe_1', 'or_1', 0, '佐藤', '', '', '', 'evaluator', '', '', '#2563eb');\n\
             INSERT INTO persona VALUES ('pe_2', 'or_1', 1, '高橋', '', '', '', 'approver', '', '', '#059669');\n\
             INSERT INTO emotion_point VALUES ('ep_1', 'pe_1', 'st_c', 0.5, 1, ''), ('ep_2', 'pe_1', 'st_a', 0.2, 0, ''), ('ep_3', 'pe_1', 'st_a', 0.8, 1, '');\n\
             INSERT INTO kpi (id, stage_id, position, name, unit, period, source) VALUES ('kp_1', 'st_a', 0, 'リード', '件', '', '');",
        )
        .unwrap();
        migrate(&mut conn, Path::new(":memory:")).unwrap();
        let stages = |id: &str| -> String {
            conn.query_row("SELECT stage_ids FROM persona WHERE id = ?1", [id], |r| r.get(0)).unwrap()
        };
        assert_eq!(stages("pe_1"), r#"["st_a","st_c"]"#);
        assert_eq!(stages("pe_2"), "[]");
        let funnel: bool = conn.query_row("SELECT funnel FROM kpi", [], |r| r.get(0)).unwrap();
        assert!(!funnel);
    }

    #[test]
    fn a_schema_4_file_keeps_its_order_with_room_between_neighbours() {
        let mut conn = at_version(4);
        conn.execute_batch(
            "INSERT INTO stage (id, position, name, width) VALUES ('st_b', 1, '検討', 280), ('st_a', 0, '認知', 280), ('st_c', 2, '決定', 280);",
        )
        .unwrap();
        migrate(&mut conn, Path::new(":memory:")).unwrap();
        let mut stmt = conn.prepare("SELECT id, position FROM stage ORDER BY position").unwrap();
        let stages: Vec<(String, i64)> =
            stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap().map(Result::unwrap).collect();
        let expected = [("st_a", 0), ("st_b", 1024), ("st_c", 2048)].map(|(id, p)| (id.to_owned(), p));
        assert_eq!(stages, expected);
    }
}
