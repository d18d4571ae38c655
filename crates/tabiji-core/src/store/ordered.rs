//! Orderings (`position` columns) within a scope: all stages, the cards of one cell, the personas
//! of one organisation …
//!
//! Positions are sparse: distinct integers whose order is the list's order. A row's index is how
//! many rows of its scope come before it. An insert or a move writes that one row, at a position
//! between its new neighbours; only when no integer is left between them is the scope renumbered,
//! [`SPACING`] apart. Dense positions, which schema 4 and older required, would make every move
//! rewrite each row after it in the list it leaves and in the one it joins.

use rusqlite::{params_from_iter, ToSql, Transaction};

use crate::error::{Error, Result};

/// The distance between neighbours when positions are written afresh: room for ten inserts
/// between any two before the scope must be renumbered.
pub(crate) const SPACING: i64 = 1024;

/// The position of the row at `index` in a list written afresh.
pub(crate) fn spaced(index: usize) -> i64 {
    index as i64 * SPACING
}

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

    /// The index of row `id` in this list, or `None` if the table has no such row.
    pub fn index_of(&self, tx: &Transaction, id: &str) -> Result<Option<usize>> {
        let sql = format!("SELECT position FROM {} WHERE id = ?1", self.table);
        let position: i64 = match tx.prepare_cached(&sql)?.query_row([id], |r| r.get(0)) {
            Ok(p) => p,
            Err(rusqlite::Error::QueryReturnedNoRows) => return Ok(None),
            Err(e) => return Err(e.into()),
        };
        self.count(tx, &format!("position < ?{}", self.next()), &position).map(Some)
    }

    /// The position that puts a row at `index` (the end for `None`) among the list's other rows,
    /// `moving` being the row that is placed if it is already in the list. An index past the end
    /// is an error rather than a silent append, so that replayed ops stay exact.
    pub fn position_for(&self, tx: &Transaction, index: Option<usize>, moving: Option<&str>) -> Result<i64> {
        let len = self.len_without(tx, moving)?;
        let index = match index {
            None => len,
            Some(i) if i <= len => i,
            Some(i) => {
                return Err(Error::invalid(format!(
                    "index {i} is past the end of a list of {len} in {}",
                    self.table
                )))
            }
        };
        if let Some(position) = self.room_at(tx, index, len, moving)? {
            return Ok(position);
        }
        self.renumber(tx, moving)?;
        Ok(self.room_at(tx, index, len, moving)?.expect("renumbered positions leave room everywhere"))
    }

    /// How many rows the list holds, leaving `moving` out.
    fn len_without(&self, tx: &Transaction, moving: Option<&str>) -> Result<usize> {
        self.count(tx, &format!("id IS NOT ?{}", self.next()), &moving)
    }

    /// How many rows of the list meet `condition`, whose parameter `value` follows the scope's.
    fn count(&self, tx: &Transaction, condition: &str, value: &dyn ToSql) -> Result<usize> {
        let sql = format!("SELECT COUNT(*) FROM {} WHERE {} AND {condition}", self.table, self.scope);
        let n: i64 =
            tx.prepare_cached(&sql)?.query_row(params_from_iter(self.params(value)), |r| r.get(0))?;
        Ok(n as usize)
    }

    /// A free position between the rows at `index - 1` and `index` (leaving `moving` out), if
    /// there is one.
    fn room_at(
        &self,
        tx: &Transaction,
        index: usize,
        len: usize,
        moving: Option<&str>,
    ) -> Result<Option<i64>> {
        if len == 0 {
            return Ok(Some(0));
        }
        let sql = format!(
            "SELECT position FROM {} WHERE {} AND id IS NOT ?{} ORDER BY position LIMIT 2 OFFSET ?{}",
            self.table,
            self.scope,
            self.next(),
            self.next() + 1
        );
        let offset = index.saturating_sub(1) as i64;
        let mut params = self.params(&moving);
        params.push(&offset);
        let around: Vec<i64> = tx
            .prepare_cached(&sql)?
            .query_map(params_from_iter(params), |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        Ok(match (index, around.as_slice()) {
            (0, [first, ..]) => first.checked_sub(SPACING),
            (i, [last]) if i == len => last.checked_add(SPACING),
            (_, [before, after]) => {
                let middle = (i128::from(*before) + i128::from(*after)).div_euclid(2) as i64;
                (middle > *before).then_some(middle)
            }
            _ => None,
        })
    }

    /// Writes the list's positions afresh, [`SPACING`] apart, leaving `moving` where it is.
    fn renumber(&self, tx: &Transaction, moving: Option<&str>) -> Result<()> {
        let sql = format!(
            "SELECT id FROM {} WHERE {} AND id IS NOT ?{} ORDER BY position",
            self.table,
            self.scope,
            self.next()
        );
        let ids: Vec<String> = tx
            .prepare_cached(&sql)?
            .query_map(params_from_iter(self.params(&moving)), |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        for (index, id) in ids.iter().enumerate() {
            set_position(tx, self.table, id, spaced(index))?;
        }
        Ok(())
    }

    /// The number of the first SQL parameter after the scope's keys.
    fn next(&self) -> usize {
        self.keys.len() + 1
    }

    /// The scope's keys followed by `extra`.
    fn params<'p>(&'p self, extra: &'p dyn ToSql) -> Vec<&'p dyn ToSql> {
        let mut params: Vec<&dyn ToSql> = self.keys.iter().map(|k| k as &dyn ToSql).collect();
        params.push(extra);
        params
    }
}

/// Sets the position of row `id` in `table`.
pub(crate) fn set_position(tx: &Transaction, table: &str, id: &str, position: i64) -> Result<()> {
    tx.prepare_cached(&format!("UPDATE {table} SET position = ?1 WHERE id = ?2"))?.execute((position, id))?;
    Ok(())
}
