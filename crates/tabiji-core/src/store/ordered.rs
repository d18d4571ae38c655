//! Dense 0-based orderings (`position` columns) within a scope: all stages, the cards of one
//! cell, the personas of one organisation …

use rusqlite::{params_from_iter, ToSql, Transaction};

use crate::error::{Error, Result};

/// One ordered list: a table and the rows of it that share a scope.
pub(crate) struct Ordered<'a> {
    table: &'static str,
    /// `WHERE` clause over `?1`, `?2` … naming the scope, or `1` for the whole table.
    scope: &'static str,
    keys: Vec<&'a str>,
}

impl<'a> Ordered<'a> {
    pub fn whole(table: &'static str) -> Self {
        Ordered { table, scope: "1", keys: Vec::new() }
    }

    pub fn cell(stage_id: &'a str, lane_id: &'a str) -> Self {
        Ordered { table: "card", scope: "stage_id = ?1 AND lane_id = ?2", keys: vec![stage_id, lane_id] }
    }

    pub fn kpis_of(stage_id: &'a str) -> Self {
        Ordered { table: "kpi", scope: "stage_id = ?1", keys: vec![stage_id] }
    }

    pub fn personas_of(org_id: &'a str) -> Self {
        Ordered { table: "persona", scope: "org_id = ?1", keys: vec![org_id] }
    }

    pub fn len(&self, tx: &Transaction) -> Result<usize> {
        let sql = format!("SELECT COUNT(*) FROM {} WHERE {}", self.table, self.scope);
        let n: i64 = tx.prepare_cached(&sql)?.query_row(params_from_iter(&self.keys), |r| r.get(0))?;
        Ok(n as usize)
    }

    /// Where an insert at `index` (or at the end for `None`) lands; an index past the end is an
    /// error rather than a silent append, so that replayed ops stay exact.
    pub fn insert_position(&self, tx: &Transaction, index: Option<usize>) -> Result<usize> {
        let len = self.len(tx)?;
        match index {
            None => Ok(len),
            Some(i) if i <= len => Ok(i),
            Some(i) => {
                Err(Error::invalid(format!("index {i} is past the end of a list of {len} in {}", self.table)))
            }
        }
    }

    /// Makes room at `position` by moving later rows one down.
    pub fn open_gap(&self, tx: &Transaction, position: usize) -> Result<()> {
        self.shift(tx, "+", ">=", position)
    }

    /// Closes the hole left at `position` by moving later rows one up.
    pub fn close_gap(&self, tx: &Transaction, position: usize) -> Result<()> {
        self.shift(tx, "-", ">", position)
    }

    fn shift(&self, tx: &Transaction, sign: &str, cmp: &str, position: usize) -> Result<()> {
        let n = self.keys.len();
        let sql = format!(
            "UPDATE {} SET position = position {sign} 1 WHERE {} AND position {cmp} ?{}",
            self.table,
            self.scope,
            n + 1
        );
        let position = position as i64;
        let mut params: Vec<&dyn ToSql> = self.keys.iter().map(|k| k as &dyn ToSql).collect();
        params.push(&position);
        tx.prepare_cached(&sql)?.execute(params.as_slice())?;
        Ok(())
    }
}

/// The position of row `id` in `table`.
pub(crate) fn position_of(tx: &Transaction, table: &'static str, id: &str) -> Result<Option<usize>> {
    let sql = format!("SELECT position FROM {table} WHERE id = ?1");
    match tx.prepare_cached(&sql)?.query_row([id], |r| r.get::<_, i64>(0)) {
        Ok(p) => Ok(Some(p as usize)),
        Err(rusqlite::Error::QueryReturnedNoRows) => Ok(None),
        Err(e) => Err(e.into()),
    }
}
