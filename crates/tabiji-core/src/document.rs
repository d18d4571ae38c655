//! An open map with its undo history: the one writer every front end (app, CLI) goes through.

use std::path::Path;

use crate::error::{Error, Result};
use crate::model::Map;
use crate::ops::Op;
use crate::store::{RevisionInfo, Store};
use crate::validate;

/// How many steps undo reaches back.
const HISTORY_LIMIT: usize = 10_000;

pub struct Document {
    store: Store,
    undo: Vec<Op>,
    redo: Vec<Op>,
}

impl Document {
    /// Creates a new map file from `map`, which must satisfy every invariant.
    pub fn create(path: &Path, map: &Map) -> Result<Document> {
        if let Some(problem) = validate::map(map).into_iter().next() {
            return Err(problem.into());
        }
        Ok(Document::new(Store::create(path, map)?))
    }

    /// Opens a map file for editing (see `Store::open` for what is refused).
    pub fn open(path: &Path) -> Result<Document> {
        Ok(Document::new(Store::open(path)?))
    }

    /// Opens a map file for editing and returns its map as checked on the way in: for a caller
    /// about to show the map, one read of the file instead of two.
    pub fn open_and_read(path: &Path) -> Result<(Document, Map)> {
        let (store, map) = Store::open_and_read(path)?;
        Ok((Document::new(store), map))
    }

    fn new(store: Store) -> Document {
        Document { store, undo: Vec::new(), redo: Vec::new() }
    }

    pub fn path(&self) -> &Path {
        self.store.path()
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    pub fn map(&self) -> Result<Map> {
        self.store.load()
    }

    /// Applies `op` as one undoable step, committed to the file before this returns.
    pub fn apply(&mut self, op: Op) -> Result<()> {
        let inverse = self.commit(op)?;
        self.undo.push(inverse);
        if self.undo.len() > HISTORY_LIMIT {
            self.undo.remove(0);
        }
        self.redo.clear();
        Ok(())
    }

    pub fn undo(&mut self) -> Result<()> {
        let op = self.undo.pop().ok_or(Error::NothingToReplay("undo"))?;
        match self.commit(op.clone()) {
            Ok(inverse) => {
                self.redo.push(inverse);
                Ok(())
            }
            Err(e) => {
                self.undo.push(op);
                Err(e)
            }
        }
    }

    pub fn redo(&mut self) -> Result<()> {
        let op = self.redo.pop().ok_or(Error::NothingToReplay("redo"))?;
        match self.commit(op.clone()) {
            Ok(inverse) => {
                self.undo.push(inverse);
                Ok(())
            }
            Err(e) => {
                self.redo.push(op);
                Err(e)
            }
        }
    }

    /// Saves the map as it is now as a named revision inside the file.
    pub fn save_revision(&mut self, name: &str) -> Result<RevisionInfo> {
        self.store.save_revision(name)
    }

    pub fn revisions(&self) -> Result<Vec<RevisionInfo>> {
        self.store.revisions()
    }

    /// The map as it stood in a revision (read-only: it is not the open document).
    pub fn revision(&self, id: &str) -> Result<Map> {
        self.store.revision(id)
    }

    pub fn delete_revision(&mut self, id: &str) -> Result<()> {
        self.store.delete_revision(id)
    }

    /// Makes the map what it was in revision `id`, as one step that undo reverts.
    pub fn restore_revision(&mut self, id: &str) -> Result<()> {
        let map = self.store.revision(id)?;
        self.apply(Op::ReplaceMap { map: Box::new(map) })
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    fn commit(&mut self, op: Op) -> Result<Op> {
        self.store.write(|tx| op.apply(tx))
    }
}
