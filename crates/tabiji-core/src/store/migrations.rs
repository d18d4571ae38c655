//! Schema migrations, embedded SQL applied in order; the schema version is `PRAGMA user_version`.

use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use std::collections::HashSet;

use rusqlite::{Connection, Transaction};
use rusqlite_migration::{HookResult, Migrations, M};

use crate::error::{Error, Result};

/// Each schema version's script, in order: script `n` takes a file from version `n` to `n + 1`.
const SCRIPTS: [&str; 6] = [
    include_str!("migrations/001_initial.sql"),
    include_str!("migrations/002_kpi_history.sql"),
    include_str!("migrations/003_funnel_involvement_revisions.sql"),
    include_str!("migrations/004_votes.sql"),
    include_str!("migrations/005_sparse_positions.sql"),
    include_str!("migrations/006_kpi_direction_samples_fiscal_year.sql"),
];

/// Work a script cannot do in SQL, run after script `n` in the same transaction.
fn hook(script: usize) -> Option<fn(&Transaction) -> HookResult> {
    match script {
        5 => Some(clean_what_schema_6_refuses),
        _ => None,
    }
}

static MIGRATIONS: LazyLock<Migrations<'static>> = LazyLock::new(|| {
    Migrations::new(
        SCRIPTS
            .iter()
            .enumerate()
            .map(|(n, sql)| match hook(n) {
                Some(hook) => M::up_with_hook(sql, hook),
                None => M::up(sql),
            })
            .collect(),
    )
});

/// Schema 6 refuses noncharacters (XML, and so SVG and Office files, cannot carry them), a letter
/// under a tower of combining marks and two revisions of one name; a file that held them opens
/// after the upgrade with each noncharacter replaced by U+FFFD, each tower cut to
/// [`crate::text::MAX_GRAPHEME_CHARS`] characters and each repeated revision name numbered:
/// `名前 (2)`.
fn clean_what_schema_6_refuses(tx: &Transaction) -> HookResult {
    let tables: Vec<String> = tx
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")?
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    for table in tables {
        let columns: Vec<String> = tx
            .prepare(&format!("SELECT name FROM pragma_table_info('{table}') WHERE type = 'TEXT'"))?
            .query_map([], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        for column in columns {
            let rows: Vec<(i64, Option<String>)> = tx
                .prepare(&format!("SELECT rowid, \"{column}\" FROM \"{table}\""))?
                // Values that are not valid text are left for the check after migrating to name.
                .query_map([], |r| Ok((r.get(0)?, r.get_ref(1)?.as_str().ok().map(str::to_owned))))?
                .collect::<Result<_, _>>()?;
            for (rowid, text) in rows {
                let Some(text) = text else { continue };
                if let Some(cleaned) = crate::text::cleaned(&text) {
                    tx.execute(
                        &format!("UPDATE \"{table}\" SET \"{column}\" = ?1 WHERE rowid = ?2"),
                        (cleaned, rowid),
                    )?;
                }
            }
        }
    }
    let revisions: Vec<(String, String)> = tx
        .prepare("SELECT id, name FROM revision ORDER BY created_at, rowid")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    let mut taken: HashSet<String> = HashSet::new();
    for (id, name) in revisions {
        let unique = unique_name(&name, &taken);
        if unique != name {
            tx.execute("UPDATE revision SET name = ?1 WHERE id = ?2", (&unique, &id))?;
        }
        taken.insert(unique);
    }
    Ok(())
}

/// `name`, or `name (2)`, `name (3)` … whichever is not `taken`.
pub(crate) fn unique_name(name: &str, taken: &HashSet<String>) -> String {
    (1..)
        .map(|n| match n {
            1 => name.to_owned(),
            n => format!("{name} ({n})"),
        })
        .find(|candidate| !taken.contains(candidate))
        .expect("some number is free")
}

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
    fn a_schema_5_file_gains_kpi_directions_and_a_fiscal_year_and_loses_what_schema_6_refuses() {
        let mut conn = at_version(5);
        conn.execute_batch(
            "INSERT INTO map_info VALUES (1, 'マップ\u{FFFE}', '', 'ja', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');\n\
             INSERT INTO stage (id, position, name, width) VALUES ('st_1', 0, '認知\u{FDD0}', 280);\n\
             INSERT INTO lane (id, position, kind, name, hidden) VALUES ('ln_1', 0, 'free_text', 'Z\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}', 0);\n\
             INSERT INTO kpi (id, stage_id, position, name, unit, target, actual, period, source)\n\
             VALUES ('kp_1', 'st_1', 0, '解約率', '%', 3, 4, '2026-Q3', 'CRM');\n\
             INSERT INTO revision VALUES ('rv_1', '初稿', '2026-01-01T00:00:00Z', '{}'),\n\
             ('rv_2', '初稿', '2026-01-02T00:00:00Z', '{}'), ('rv_3', '初稿 (2)', '2026-01-03T00:00:00Z', '{\"t\":\"\u{FFFF}\"}');",
        )
        .unwrap();
        migrate(&mut conn, Path::new(":memory:")).unwrap();
        let one = |sql: &str| -> String { conn.query_row(sql, [], |r| r.get(0)).unwrap() };
        assert_eq!(one("SELECT better FROM kpi"), "higher", "an existing KPI: higher is better");
        assert_eq!(one("SELECT sample || '/' || fiscal_year_start FROM kpi, map_info"), "0/4");
        assert_eq!(one("SELECT title FROM map_info"), "マップ\u{FFFD}");
        assert_eq!(one("SELECT name FROM stage"), "認知\u{FFFD}");
        assert_eq!(
            one("SELECT CAST(length(name) AS TEXT) FROM lane"),
            "12",
            "a letter and eleven of its fourteen marks"
        );
        assert_eq!(one("SELECT map FROM revision WHERE id = 'rv_3'"), "{\"t\":\"\u{FFFD}\"}");
        assert_eq!(
            one("SELECT group_concat(name, '|') FROM (SELECT name FROM revision ORDER BY created_at)"),
            "初稿|初稿 (2)|初稿 (2) (2)"
        );
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
