//! Pieces of maps for the core's unit tests, so that each test module does not build its own.

use crate::model::{variant_name, Card, CardKind, EmotionPoint, LaneKind};

/// A card whose text is its id, in the `lane` the templates give that kind of lane
/// (`ln_touchpoints` …), owned by `department` if any.
pub(crate) fn card(id: &str, stage: &str, lane: LaneKind, kind: CardKind, department: Option<&str>) -> Card {
    Card {
        id: id.into(),
        stage_id: stage.into(),
        lane_id: format!("ln_{}", variant_name(&lane)),
        kind,
        text: id.into(),
        channel_id: None,
        department_id: department.map(Into::into),
        persona_id: None,
        cost: None,
        effect: None,
        notes: String::new(),
        votes: 0,
    }
}

/// A point in the middle of `stage` on `persona`'s curve.
pub(crate) fn point(persona: &str, stage: &str, score: f64) -> EmotionPoint {
    EmotionPoint {
        id: format!("ep_{persona}_{stage}"),
        persona_id: persona.into(),
        stage_id: stage.into(),
        x: 0.5,
        score,
        quote: String::new(),
    }
}
