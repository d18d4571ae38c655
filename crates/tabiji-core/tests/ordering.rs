//! Sparse orderings: a move or an insert writes one row, a list out of room is renumbered, and
//! the order seen through the map is always the one the ops asked for.

mod common;

use std::collections::HashMap;

use common::{content, temp_map, TempMap};
use tabiji_core::*;

/// Every card's position as stored in the file, read beside the open document.
fn card_positions(tmp: &TempMap) -> HashMap<String, i64> {
    let conn = rusqlite::Connection::open(&tmp.path).unwrap();
    let mut stmt = conn.prepare("SELECT id, position FROM card").unwrap();
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap();
    rows.map(Result::unwrap).collect()
}

fn cell_ids(map: &Map, stage_id: &str, lane_id: &str) -> Vec<Id> {
    map.cards
        .iter()
        .filter(|c| c.stage_id == stage_id && c.lane_id == lane_id)
        .map(|c| c.id.clone())
        .collect()
}

/// The busiest cell of the map: its stage, its lane and its cards in order.
fn fullest_cell(map: &Map) -> (Id, Id, Vec<Id>) {
    let mut best = (String::new(), String::new(), Vec::new());
    for stage in &map.stages {
        for lane in &map.lanes {
            let ids = cell_ids(map, &stage.id, &lane.id);
            if ids.len() > best.2.len() {
                best = (stage.id.clone(), lane.id.clone(), ids);
            }
        }
    }
    best
}

#[test]
fn moving_a_card_between_cells_rewrites_no_other_card() {
    let (tmp, mut doc) = temp_map(Template::B2b, Language::Ja);
    let map = doc.map().unwrap();
    let (stage_id, lane_id, cell) = fullest_cell(&map);
    assert!(cell.len() >= 3, "the template's fullest cell has {} cards", cell.len());
    let (other_stage, card) = map
        .cards
        .iter()
        .find_map(|c| (c.stage_id != stage_id).then(|| (c.stage_id.clone(), c.clone())))
        .unwrap();
    let before = card_positions(&tmp);

    doc.apply(Op::MoveCard {
        id: card.id.clone(),
        stage_id: stage_id.clone(),
        lane_id: lane_id.clone(),
        index: 1,
    })
    .unwrap();

    let after = card_positions(&tmp);
    let rewritten: Vec<&String> = after.keys().filter(|id| after[*id] != before[*id]).collect();
    assert_eq!(rewritten, [&card.id], "only the moved card's position may change");
    let mut expected = cell.clone();
    expected.insert(1, card.id.clone());
    assert_eq!(cell_ids(&doc.map().unwrap(), &stage_id, &lane_id), expected);
    assert!(cell_ids(&doc.map().unwrap(), &other_stage, &card.lane_id).iter().all(|id| *id != card.id));
}

#[test]
fn reordering_within_a_cell_keeps_the_asked_order_and_distinct_positions() {
    let (_tmp, mut doc) = temp_map(Template::B2b, Language::En);
    let (stage_id, lane_id, cell) = fullest_cell(&doc.map().unwrap());
    let last = cell.len() - 1;
    doc.apply(Op::MoveCard {
        id: cell[0].clone(),
        stage_id: stage_id.clone(),
        lane_id: lane_id.clone(),
        index: last,
    })
    .unwrap();
    let mut expected = cell.clone();
    let first = expected.remove(0);
    expected.push(first);
    assert_eq!(cell_ids(&doc.map().unwrap(), &stage_id, &lane_id), expected);
    assert!(doc.store().ordering_problems().unwrap().is_empty());
}

/// Forty inserts at the same place use up the room between two neighbours several times over;
/// each time the cell is renumbered, the order must come out as a plain list insert would give.
#[test]
fn inserting_again_and_again_at_one_place_renumbers_the_cell_and_keeps_the_order() {
    let (_tmp, mut doc) = temp_map(Template::B2b, Language::En);
    let original = content(doc.map().unwrap());
    let (stage_id, lane_id, mut expected) = fullest_cell(&original);
    let template = original.cards.iter().find(|c| c.id == expected[0]).unwrap().clone();
    for n in 0..40 {
        let card = Card { id: format!("cd_insert_{n}"), text: format!("insert {n}"), ..template.clone() };
        expected.insert(1, card.id.clone());
        doc.apply(Op::AddCard { card, index: Some(1) }).unwrap();
        assert_eq!(cell_ids(&doc.map().unwrap(), &stage_id, &lane_id), expected, "after insert {n}");
        assert!(doc.store().ordering_problems().unwrap().is_empty());
    }
    for _ in 0..40 {
        doc.undo().unwrap();
    }
    assert_eq!(content(doc.map().unwrap()), original);
}
