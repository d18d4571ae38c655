//! Undo and redo: specific behaviours, and random op sequences that must undo back exactly.

mod common;

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
fn reordering_within_a_cell_keeps_positions_dense() {
    let (_tmp, mut doc) = temp_map(Template::B2b, Language::En);
    let map = doc.map().unwrap();
    let cell: Vec<Id> = card_in(&map, 1, LaneKind::Touchpoints).iter().map(|c| c.id.clone()).collect();
    assert_eq!(cell.len(), 3);
    let first = &map.cards.iter().find(|c| c.id == cell[0]).unwrap();
    doc.apply(Op::MoveCard {
        id: cell[0].clone(),
        stage_id: first.stage_id.clone(),
        lane_id: first.lane_id.clone(),
        index: 2,
    })
    .unwrap();
    let moved: Vec<Id> =
        card_in(&doc.map().unwrap(), 1, LaneKind::Touchpoints).iter().map(|c| c.id.clone()).collect();
    assert_eq!(moved, [cell[1].clone(), cell[2].clone(), cell[0].clone()]);
    assert!(doc.store().ordering_problems().unwrap().is_empty());
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

/// An op chosen by numbers, resolved against whatever the map holds at that moment, so that
/// random sequences mostly produce applicable ops (and sometimes invalid ones, which must fail
/// cleanly).
#[derive(Debug, Clone)]
struct Intent {
    kind: u8,
    a: usize,
    b: usize,
    c: usize,
    value: f64,
    text: String,
}

fn intents() -> impl Strategy<Value = Vec<Intent>> {
    let text = prop_oneof!["[a-z ]{0,20}", "[あ-ん、。「」]{1,12}", Just("<b>&\"'</b>".to_owned())];
    let intent = (0u8..20, 0usize..50, 0usize..50, 0usize..50, -3.0f64..3.0, text)
        .prop_map(|(kind, a, b, c, value, text)| Intent { kind, a, b, c, value, text });
    prop::collection::vec(intent, 1..25)
}

fn pick<T>(items: &[T], n: usize) -> Option<&T> {
    (!items.is_empty()).then(|| &items[n % items.len()])
}

fn resolve(map: &Map, i: &Intent) -> Option<Op> {
    let stage = pick(&map.stages, i.b);
    let lane = pick(&map.lanes, i.c);
    let card = pick(&map.cards, i.a);
    let persona = pick(&map.personas, i.a);
    Some(match i.kind {
        0 | 1 => Op::AddCard {
            card: Card {
                id: String::new(),
                stage_id: stage?.id.clone(),
                lane_id: lane?.id.clone(),
                kind: lane?.kind.default_card_kind(),
                text: i.text.clone(),
                channel_id: pick(&map.channels, i.a).map(|c| c.id.clone()),
                department_id: None,
                persona_id: None,
                cost: Some(i.value.abs() * 1000.0),
                effect: None,
                notes: String::new(),
            },
            index: Some(i.a % 3),
        },
        2 | 3 => Op::MoveCard {
            id: card?.id.clone(),
            stage_id: stage?.id.clone(),
            lane_id: lane?.id.clone(),
            index: i.a % 4,
        },
        4 => Op::DeleteCard { id: card?.id.clone() },
        5 => Op::UpdateCard {
            id: card?.id.clone(),
            patch: CardPatch { text: Some(i.text.clone()), cost: Some(None), ..Default::default() },
        },
        6 => Op::AddStage {
            stage: Stage { id: String::new(), name: format!("S{}", i.a), width: 200.0 + i.b as f64 },
            index: Some(i.c % (map.stages.len() + 1)),
        },
        7 => Op::MoveStage { id: stage?.id.clone(), index: i.a % map.stages.len() },
        8 => Op::DeleteStage { id: stage?.id.clone() },
        9 => Op::UpdateStage {
            id: stage?.id.clone(),
            patch: StagePatch { name: Some(format!("{}x", i.text)), width: Some(150.0 + i.a as f64 * 10.0) },
        },
        10 => Op::DeleteLane { id: lane?.id.clone() },
        11 => Op::MoveLane { id: lane?.id.clone(), index: i.a % map.lanes.len() },
        12 => Op::AddEmotionPoint {
            point: EmotionPoint {
                id: String::new(),
                persona_id: persona?.id.clone(),
                stage_id: stage?.id.clone(),
                x: (i.c % 11) as f64 / 10.0,
                score: i.value,
                quote: i.text.clone(),
            },
        },
        13 => Op::UpdateEmotionPoint {
            id: pick(&map.emotion_points, i.a)?.id.clone(),
            patch: EmotionPointPatch {
                stage_id: Some(stage?.id.clone()),
                score: Some(i.value),
                ..Default::default()
            },
        },
        14 => Op::DeletePersona { id: persona?.id.clone() },
        15 => Op::DeleteOrg { id: pick(&map.orgs, i.a)?.id.clone() },
        16 => Op::DeleteChannel { id: pick(&map.channels, i.a)?.id.clone() },
        17 => Op::AddKpi {
            kpi: Kpi {
                id: String::new(),
                stage_id: stage?.id.clone(),
                name: format!("K{}", i.a),
                unit: "%".into(),
                target: Some(i.value),
                actual: None,
                period: String::new(),
                source: String::new(),
                history: Vec::new(),
            },
            index: None,
        },
        18 => Op::DeleteKpi { id: pick(&map.kpis, i.a)?.id.clone() },
        _ => Op::UpdateMap {
            patch: MapInfoPatch { title: Some(format!("T {}", i.text)), ..Default::default() },
        },
    })
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
