//! Undo and redo: specific behaviours, and random op sequences that must undo back exactly.

mod common;

use common::edits::{intents, resolve};
use common::{content, temp_map};
use proptest::prelude::*;
use tabiji_core::ops::*;
use tabiji_core::*;

fn card_in(map: &Map, stage: usize, lane: LaneKind) -> Vec<&Card> {
    let lane_id = &map.lanes.iter().find(|l| l.kind == lane).unwrap().id;
    map.cards.iter().filter(|c| c.stage_id == map.stages[stage].id && &c.lane_id == lane_id).collect()
}

#[test]
fn moving_a_card_to_another_stage_is_one_undo_step() {
    let (_tmp, mut doc) = temp_map(Template::B2b, Language::Ja);
    let before = doc.map().unwrap();
    let card = card_in(&before, 0, LaneKind::Touchpoints)[0].clone();
    let op = Op::MoveCard {
        id: card.id.clone(),
        stage_id: before.stages[1].id.clone(),
        lane_id: card.lane_id.clone(),
        index: 0,
    };
    doc.apply(op).unwrap();
    let after = doc.map().unwrap();
    assert_eq!(card_in(&after, 1, LaneKind::Touchpoints)[0].id, card.id);
    assert_eq!(
        card_in(&after, 0, LaneKind::Touchpoints).len(),
        card_in(&before, 0, LaneKind::Touchpoints).len() - 1
    );
    doc.undo().unwrap();
    assert_eq!(content(doc.map().unwrap()), content(before.clone()));
    doc.redo().unwrap();
    assert_eq!(content(doc.map().unwrap()), content(after));
}

#[test]
fn deleting_a_stage_takes_its_cards_kpis_and_points_and_undo_brings_them_back() {
    let (_tmp, mut doc) = temp_map(Template::B2b, Language::Ja);
    let before = doc.map().unwrap();
    let stage = before.stages[2].id.clone();
    doc.apply(Op::DeleteStage { id: stage.clone() }).unwrap();
    let after = doc.map().unwrap();
    assert_eq!(after.stages.len(), 4);
    assert!(after.cards.iter().all(|c| c.stage_id != stage));
    assert!(after.kpis.iter().all(|k| k.stage_id != stage));
    assert!(after.emotion_points.iter().all(|e| e.stage_id != stage));
    doc.undo().unwrap();
    assert_eq!(content(doc.map().unwrap()), content(before));
}

#[test]
fn deleting_a_persona_unlinks_its_cards_and_undo_relinks_them() {
    let (_tmp, mut doc) = temp_map(Template::B2b, Language::Ja);
    let map = doc.map().unwrap();
    let persona = map.personas[1].id.clone();
    let card = map.cards[0].id.clone();
    doc.apply(Op::UpdateCard {
        id: card.clone(),
        patch: CardPatch { persona_id: Some(Some(persona.clone())), ..Default::default() },
    })
    .unwrap();
    let linked = doc.map().unwrap();
    doc.apply(Op::DeletePersona { id: persona.clone() }).unwrap();
    let gone = doc.map().unwrap();
    assert_eq!(gone.cards[0].persona_id, None);
    assert!(gone.emotion_points.iter().all(|e| e.persona_id != persona));
    doc.undo().unwrap();
    assert_eq!(content(doc.map().unwrap()), content(linked));
}

#[test]
fn a_batch_applies_all_or_nothing_and_undoes_in_one_step() {
    let (_tmp, mut doc) = temp_map(Template::B2b, Language::Ja);
    let before = doc.map().unwrap();
    let rename = Op::UpdateStage {
        id: before.stages[0].id.clone(),
        patch: StagePatch { name: Some("Aware".into()), width: None },
    };
    let broken = Op::DeleteCard { id: "cd_missing".into() };
    let err = doc.apply(Op::Batch { ops: vec![rename.clone(), broken] }).unwrap_err();
    assert_eq!(err.code(), "op.no_such_entity");
    assert_eq!(content(doc.map().unwrap()), content(before.clone()), "a failed batch changes nothing");
    assert!(!doc.can_undo());
    let delete = Op::DeleteCard { id: before.cards[0].id.clone() };
    doc.apply(Op::Batch { ops: vec![rename, delete] }).unwrap();
    doc.undo().unwrap();
    assert_eq!(content(doc.map().unwrap()), content(before));
}

#[test]
fn invalid_ops_are_typed_errors_and_change_nothing() {
    let (_tmp, mut doc) = temp_map(Template::B2b, Language::Ja);
    let before = doc.map().unwrap();
    let point = before.emotion_points[0].id.clone();
    let cases = [
        Op::UpdateEmotionPoint {
            id: point,
            patch: EmotionPointPatch { score: Some(2.5), ..Default::default() },
        },
        Op::UpdateStage {
            id: before.stages[0].id.clone(),
            patch: StagePatch { name: Some("  ".into()), width: None },
        },
        Op::UpdateCard {
            id: before.cards[0].id.clone(),
            patch: CardPatch { text: Some("bell\u{7}".into()), ..Default::default() },
        },
        Op::UpdateCard {
            id: before.cards[0].id.clone(),
            patch: CardPatch { cost: Some(Some(-5.0)), ..Default::default() },
        },
        Op::UpdateCard {
            id: before.cards[0].id.clone(),
            patch: CardPatch { channel_id: Some(Some("nowhere".into())), ..Default::default() },
        },
        Op::MoveCard {
            id: before.cards[0].id.clone(),
            stage_id: before.stages[1].id.clone(),
            lane_id: before.cards[0].lane_id.clone(),
            index: 99,
        },
        Op::MoveStage { id: before.stages[0].id.clone(), index: 5 },
        Op::AddStage {
            stage: Stage { id: before.stages[0].id.clone(), name: "Twin".into(), width: 280.0 },
            index: None,
        },
    ];
    for op in cases {
        let err = doc.apply(op.clone()).unwrap_err();
        assert!(err.code().starts_with("op."), "{op:?} gave {err}");
        assert_eq!(content(doc.map().unwrap()), content(before.clone()), "{op:?} left a change behind");
    }
}

#[test]
fn undo_with_nothing_to_undo_says_so() {
    let (_tmp, mut doc) = temp_map(Template::Blank, Language::En);
    assert_eq!(doc.undo().unwrap_err().code(), "history.empty");
    assert_eq!(doc.redo().unwrap_err().code(), "history.empty");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    /// Invariant: undoing every step restores the original map exactly, redoing every step
    /// restores the final one, and ops that fail leave no trace.
    #[test]
    fn undo_all_restores_the_original_and_redo_all_the_result(seq in intents()) {
        let (_tmp, mut doc) = temp_map(Template::B2b, Language::Ja);
        let original = content(doc.map().unwrap());
        let mut steps = 0;
        for intent in &seq {
            let before = doc.map().unwrap();
            let Some(op) = resolve(&before, intent) else { continue };
            match doc.apply(op) {
                Ok(()) => steps += 1,
                Err(_) => prop_assert_eq!(content(doc.map().unwrap()), content(before)),
            }
            prop_assert!(doc.store().ordering_problems().unwrap().is_empty());
            prop_assert_eq!(validate::map(&doc.map().unwrap()), vec![]);
        }
        let result = content(doc.map().unwrap());
        for _ in 0..steps { doc.undo().unwrap(); }
        prop_assert!(!doc.can_undo());
        prop_assert_eq!(content(doc.map().unwrap()), original);
        for _ in 0..steps { doc.redo().unwrap(); }
        prop_assert_eq!(content(doc.map().unwrap()), result.clone());

        // The edited map survives JSON and a new file unchanged.
        let through_json = json::from_json(&json::to_json(&result)).unwrap();
        prop_assert_eq!(&through_json, &result);
        let copy = _tmp.dir.path().join("copy.tabiji");
        let reopened = Document::create(&copy, &result).map(drop).and_then(|()| Document::open(&copy)).unwrap();
        let mut from_file = reopened.map().unwrap();
        from_file.info.updated_at.clear();
        from_file.info.created_at = result.info.created_at.clone();
        prop_assert_eq!(from_file, result);
    }
}
