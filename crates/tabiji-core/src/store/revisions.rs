//! Named revisions, kept in the map's own file: each is the whole map as it stood, stored as the
//! JSON of the file format so that it reads back whatever the schema has become since.

use rusqlite::{OptionalExtension, TransactionBehavior};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::Store;
use crate::error::{Error, Result};
use crate::model::{Id, Map};
use crate::{json, validate};

/// What lists a revision; its map is read on demand.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct RevisionInfo {
    pub id: Id,
    pub name: String,
    /// RFC 3339 UTC.
    pub created_at: String,
}

impl Store {
    /// Saves the map as it is now under `name` (without surrounding blanks). The map itself is
    /// not changed, so its `updated_at` stays as it was.
    pub fn save_revision(&mut self, name: &str) -> Result<RevisionInfo> {
        let name = name.trim();
        validate::name("revision name", name)?;
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let taken: bool =
            tx.query_row("SELECT EXISTS (SELECT 1 FROM revision WHERE name = ?1)", [name], |r| r.get(0))?;
        if taken {
            return Err(Error::RevisionNameTaken { name: name.to_owned() });
        }
        let map = super::read_map(&tx)?;
        let id = crate::ops::new_id("rv");
        let created_at: String = tx.query_row(
            "INSERT INTO revision (id, name, created_at, map)
             VALUES (?1, ?2, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), ?3) RETURNING created_at",
            (&id, name, json::to_json(&map)),
            |r| r.get(0),
        )?;
        tx.commit()?;
        Ok(RevisionInfo { id, name: name.to_owned(), created_at })
    }

    /// `name`, or `name (2)`, `name (3)` … whichever no revision has yet.
    pub fn free_revision_name(&self, name: &str) -> Result<String> {
        let taken = self.revisions()?.into_iter().map(|r| r.name).collect();
        Ok(super::migrations::unique_name(name, &taken))
    }

    /// Every revision, oldest first.
    pub fn revisions(&self) -> Result<Vec<RevisionInfo>> {
        let mut stmt =
            self.conn.prepare("SELECT id, name, created_at FROM revision ORDER BY created_at, rowid")?;
        let rows = stmt
            .query_map([], |r| Ok(RevisionInfo { id: r.get(0)?, name: r.get(1)?, created_at: r.get(2)? }))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The map as it stood in revision `id`.
    pub fn revision(&self, id: &str) -> Result<Map> {
        let text: String = self
            .conn
            .query_row("SELECT map FROM revision WHERE id = ?1", [id], |r| r.get(0))
            .optional()?
            .ok_or_else(|| Error::missing("revision", id))?;
        json::from_json(&text).map_err(|e| Error::Corrupt {
            path: self.path.clone(),
            reason: format!("revision {id} cannot be read: {e}"),
        })
    }

    pub fn delete_revision(&mut self, id: &str) -> Result<()> {
        match self.conn.execute("DELETE FROM revision WHERE id = ?1", [id])? {
            0 => Err(Error::missing("revision", id)),
            _ => Ok(()),
        }
    }
}
