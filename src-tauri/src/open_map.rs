//! The open map: its document, and the view the page was last given, so that an edit answers
//! with what changed (a [`MapChange`]) rather than the whole view again.

use tabiji_core::layout::CardBox;
use tabiji_core::{Card, Document};

use crate::view::{moved_by, Kept, MapChange, MapView};

pub struct OpenMap {
    pub document: Document,
    shown: Shown,
}

/// What the page holds: the version of its view, and the lists a change refers into.
struct Shown {
    version: u32,
    cards: Vec<Card>,
    boxes: Vec<CardBox>,
}

impl Shown {
    fn of(view: &MapView) -> Shown {
        Shown { version: view.version, cards: view.map.cards.clone(), boxes: view.layout.cards.clone() }
    }
}

impl OpenMap {
    /// `document`, whose whole `view` the page is given.
    pub fn new(document: Document, view: &MapView) -> OpenMap {
        OpenMap { document, shown: Shown::of(view) }
    }

    /// The whole view of the map as it is, which the page takes in place of what it holds.
    pub fn whole_view(&mut self) -> tabiji_core::Result<MapView> {
        let view = MapView::of(&self.document, self.document.map()?);
        self.shown = Shown::of(&view);
        Ok(view)
    }

    /// The view of the map as it is, as a change to the one the page holds.
    pub fn change(&mut self) -> tabiji_core::Result<MapChange> {
        let mut view = MapView::of(&self.document, self.document.map()?);
        let cards = Kept::list(&self.shown.cards, &view.map.cards, |card| &card.id, |_, _| None);
        let boxes = Kept::list(&self.shown.boxes, &view.layout.cards, |card| &card.id, moved_by);
        let base = self.shown.version;
        self.shown = Shown {
            version: view.version,
            cards: std::mem::take(&mut view.map.cards),
            boxes: std::mem::take(&mut view.layout.cards),
        };
        Ok(MapChange { base, view, cards, boxes })
    }
}

#[cfg(test)]
mod tests {
    use tabiji_core::ops::CardPatch;
    use tabiji_core::Op;

    use super::*;

    /// What the page makes of `change` (`applyChange` in ui/src/map/editor/mapchange.ts does the same).
    fn taken(held: &MapView, change: &MapChange) -> MapView {
        fn resolve<T: Clone>(kept: &[Kept<T>], held: &[T], moved_down: impl Fn(&T, f64) -> T) -> Vec<T> {
            kept.iter()
                .map(|item| match item {
                    Kept::Same(i) => held[*i as usize].clone(),
                    Kept::Moved(i, dy) => moved_down(&held[*i as usize], *dy),
                    Kept::Changed(item) => item.clone(),
                })
                .collect()
        }
        assert_eq!(change.base, held.version, "the change is to the view the page holds");
        let mut view = change.view.clone();
        view.map.cards = resolve(&change.cards, &held.map.cards, |_, _| panic!("a card is never moved"));
        view.layout.cards = resolve(&change.boxes, &held.layout.cards, CardBox::moved_down);
        view
    }

    fn changed<T>(kept: &[Kept<T>]) -> usize {
        kept.iter().filter(|item| matches!(item, Kept::Changed(_))).count()
    }

    fn moved<T>(kept: &[Kept<T>]) -> usize {
        kept.iter().filter(|item| matches!(item, Kept::Moved(..))).count()
    }

    enum Edit {
        Apply(Box<Op>),
        Undo,
    }

    /// Makes each edit in turn on a 300-card map, and checks that the page, taking each change
    /// into what it holds, has the view it would have been given whole; returns each change.
    fn edits(of_map: impl FnOnce(&tabiji_core::Map) -> Vec<Edit>) -> Vec<MapChange> {
        let folder = tempfile::tempdir().unwrap();
        let map = tabiji_core::generated::map_with_cards(300);
        let edits = of_map(&map);
        let document = Document::create(&folder.path().join("map.tabiji"), &map).unwrap();
        let mut held = MapView::of(&document, document.map().unwrap());
        let mut open = OpenMap::new(document, &held);
        let mut changes = Vec::new();
        for edit in edits {
            match edit {
                Edit::Apply(op) => open.document.apply(*op).unwrap(),
                Edit::Undo => open.document.undo().unwrap(),
            }
            let change = open.change().unwrap();
            held = taken(&held, &change);
            let mut whole = MapView::of(&open.document, open.document.map().unwrap());
            whole.version = held.version;
            assert_eq!(serde_json::to_value(&held).unwrap(), serde_json::to_value(&whole).unwrap());
            changes.push(change);
        }
        changes
    }

    fn new_text(id: &str, text: &str) -> Op {
        Op::UpdateCard { id: id.into(), patch: CardPatch { text: Some(text.into()), ..CardPatch::default() } }
    }

    fn apply_new_text(id: &str, text: &str) -> Edit {
        Edit::Apply(Box::new(new_text(id, text)))
    }

    #[test]
    fn a_text_edit_sends_only_the_card_it_changed() {
        let changes = edits(|_| vec![apply_new_text("cd_100", "見積もりを比較する")]);
        assert_eq!(changes[0].cards.len(), 300);
        assert_eq!(changed(&changes[0].cards), 1);
        assert!(changes[0].view.map.cards.is_empty() && changes[0].view.layout.cards.is_empty());
        // Other boxes of its cell may move down if its text wraps to more lines; few do.
        assert!(changed(&changes[0].boxes) < 30, "{} boxes sent", changed(&changes[0].boxes));
    }

    #[test]
    fn moves_deletions_wrapping_text_and_undo_are_taken_in_as_the_whole_view() {
        let changes = edits(|map| {
            let (stage_id, lane_id) = (map.stages[3].id.clone(), map.cards[0].lane_id.clone());
            vec![
                Edit::Apply(Box::new(Op::MoveCard {
                    id: map.cards[0].id.clone(),
                    stage_id,
                    lane_id,
                    index: 0,
                })),
                Edit::Apply(Box::new(Op::DeleteCard { id: map.cards[1].id.clone() })),
                apply_new_text(&map.cards[2].id, "一行目\n二行目\n三行目"),
                Edit::Undo,
                Edit::Undo,
            ]
        });
        assert_eq!(changed(&changes[0].cards), 1, "only the moved card changed");
        assert_eq!(changed(&changes[0].boxes), 1, "the other boxes stayed or moved down");
        assert!(moved(&changes[0].boxes) > 0, "boxes below the cells it left and joined moved");
        assert_eq!(changes[1].cards.len(), 299, "the deleted card is gone");
        assert_eq!(changes[4].cards.len(), 300, "undo brought it back");
        assert!(changes.windows(2).all(|pair| pair[1].base == pair[0].view.version));
    }

    #[test]
    fn the_whole_view_resets_what_a_change_refers_to() {
        let folder = tempfile::tempdir().unwrap();
        let document =
            Document::create(&folder.path().join("map.tabiji"), &tabiji_core::generated::map_with_cards(20))
                .unwrap();
        let first = MapView::of(&document, document.map().unwrap());
        let mut open = OpenMap::new(document, &first);
        let whole = open.whole_view().unwrap();
        assert_ne!(whole.version, first.version, "every view has a version of its own");
        open.document.apply(new_text("cd_1", "新しい")).unwrap();
        assert_eq!(open.change().unwrap().base, whole.version);
    }
}
