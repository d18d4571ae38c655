//! An open map with its undo history: the one writer every front end (app, CLI) goes through.

use std::collections::VecDeque;
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
    undo: UndoSteps,
    redo: Vec<Op>,
}

/// Undo's steps, oldest first, at most `limit` of them: a new step past the limit drops the
/// oldest, in constant time. (Kept in a `Vec`, dropping the oldest moved the other 10,000 steps on
/// every edit once the history was full: a megabyte copied per edit.)
struct UndoSteps {
    steps: VecDeque<Op>,
    limit: usize,
}

impl UndoSteps {
    fn new(limit: usize) -> UndoSteps {
        UndoSteps { steps: VecDeque::new(), limit }
    }

    fn push(&mut self, op: Op) {
        self.steps.push_back(op);
        if self.steps.len() > self.limit {
            self.steps.pop_front();
        }
    }

    /// The latest step.
    fn pop(&mut self) -> Option<Op> {
        self.steps.pop_back()
    }

    fn is_empty(&self) -> bool {
        self.steps.is_empty()
    }
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
        Document { store, undo: UndoSteps::new(HISTORY_LIMIT), redo: Vec::new() }
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

    /// Makes the map what it was in revision `id`, as one step that undo reverts. The map as it
    /// was is first saved as a revision of its own, named after the one restored, so that it
    /// stays at hand after the app or the command has ended; that revision is returned.
    pub fn restore_revision(&mut self, id: &str) -> Result<RevisionInfo> {
        let restored = self.store.revisions()?.into_iter().find(|r| r.id == id);
        let restored = restored.ok_or_else(|| Error::missing("revision", id))?;
        let map = self.store.revision(id)?;
        let language = self.store.load()?.info.language;
        let name = match language {
            crate::model::Language::Ja => format!("「{}」に戻す前", restored.name),
            crate::model::Language::En => format!("Before restoring \"{}\"", restored.name),
        };
        let kept = self.store.save_revision(&self.store.free_revision_name(&name)?)?;
        self.apply(Op::ReplaceMap { map: Box::new(map) })?;
        Ok(kept)
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ops::CardPatch;

    fn step(n: usize) -> Op {
        Op::UpdateCard { id: format!("cd_{n}"), patch: CardPatch::default() }
    }

    #[test]
    fn undo_keeps_the_latest_steps_up_to_its_limit() {
        let mut undo = UndoSteps::new(3);
        for n in 1..=5 {
            undo.push(step(n));
        }
        let replayed: Vec<Op> = std::iter::from_fn(|| undo.pop()).collect();
        assert_eq!(replayed, vec![step(5), step(4), step(3)]);
        assert!(undo.is_empty());
    }
}
