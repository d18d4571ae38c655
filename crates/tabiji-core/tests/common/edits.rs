//! Random edits for property tests: numbers that resolve to an op against whatever the map holds.

use proptest::prelude::*;
use tabiji_core::ops::*;
use tabiji_core::*;

/// An op chosen by numbers, resolved against whatever the map holds at that moment, so that
/// random sequences mostly produce applicable ops (and sometimes invalid ones, which must fail
/// cleanly).
#[derive(Debug, Clone)]
pub struct Intent {
    kind: u8,
    a: usize,
    b: usize,
    c: usize,
    value: f64,
    text: String,
}

pub fn intents() -> impl Strategy<Value = Vec<Intent>> {
    let text = prop_oneof!["[a-z ]{0,20}", "[あ-ん、。「」]{1,12}", Just("<b>&\"'</b>".to_owned())];
    let intent = (0u8..22, 0usize..50, 0usize..50, 0usize..50, -3.0f64..3.0, text)
        .prop_map(|(kind, a, b, c, value, text)| Intent { kind, a, b, c, value, text });
    prop::collection::vec(intent, 1..25)
}

fn pick<T>(items: &[T], n: usize) -> Option<&T> {
    (!items.is_empty()).then(|| &items[n % items.len()])
}

pub fn resolve(map: &Map, i: &Intent) -> Option<Op> {
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
                votes: 0,
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
                funnel: false,
                better: if i.c.is_multiple_of(2) { Better::Higher } else { Better::Lower },
                sample: false,
            },
            index: None,
        },
        18 => Op::DeleteKpi { id: pick(&map.kpis, i.a)?.id.clone() },
        19 => Op::UpdatePersona {
            id: persona?.id.clone(),
            patch: PersonaPatch {
                stage_ids: Some(
                    map.stages
                        .iter()
                        .enumerate()
                        .filter(|(n, _)| i.c >> (n % 6) & 1 == 1)
                        .map(|(_, s)| s.id.clone())
                        .collect(),
                ),
                ..Default::default()
            },
        },
        20 => {
            let kpi = pick(&map.kpis, i.a)?;
            Op::UpdateKpi {
                id: kpi.id.clone(),
                patch: KpiPatch {
                    funnel: Some(!kpi.funnel),
                    better: Some(match kpi.better {
                        Better::Higher => Better::Lower,
                        Better::Lower => Better::Higher,
                    }),
                    ..Default::default()
                },
            }
        }
        _ => Op::UpdateMap {
            patch: MapInfoPatch { title: Some(format!("T {}", i.text)), ..Default::default() },
        },
    })
}
