//! Large maps made up for benchmarks: the blank template with cards spread evenly over its stages
//! and card lanes, Japanese text of the usual length, touchpoints with channels in turn.

use crate::model::{Card, CardKind, LaneKind, Language, Map};
use crate::template::Template;

const TEXTS: [&str; 3] = [
    "展示会でブースに立ち寄り、担当者と名刺を交換する",
    "比較表を見て候補を二社に絞る",
    "導入後の定着支援が不安",
];

/// A Japanese map with `cards` cards: card `i` goes to cell `i × cells / cards`, filling the
/// cells in map order (stage, then lane).
pub fn map_with_cards(cards: usize) -> Map {
    let mut map = Template::Blank.build(Language::Ja, None);
    let stages: Vec<String> = map.stages.iter().map(|s| s.id.clone()).collect();
    let lanes: Vec<(String, LaneKind)> = map
        .lanes
        .iter()
        .filter(|l| !matches!(l.kind, LaneKind::Emotions | LaneKind::Kpis))
        .map(|l| (l.id.clone(), l.kind))
        .collect();
    let channels: Vec<String> = map.channels.iter().map(|c| c.id.clone()).collect();
    let cells = stages.len() * lanes.len();
    map.cards = (0..cards)
        .map(|i| {
            let cell = i * cells / cards;
            let (lane, kind) = &lanes[cell % lanes.len()];
            let touchpoint = *kind == LaneKind::Touchpoints;
            Card {
                id: format!("cd_{i}"),
                stage_id: stages[cell / lanes.len()].clone(),
                lane_id: lane.clone(),
                kind: if touchpoint { CardKind::Touchpoint } else { CardKind::Note },
                text: format!("{} ({i})", TEXTS[i % TEXTS.len()]),
                channel_id: touchpoint.then(|| channels[i % channels.len()].clone()),
                department_id: None,
                persona_id: None,
                cost: None,
                effect: None,
                notes: String::new(),
                votes: 0,
            }
        })
        .collect();
    map
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cards_are_spread_over_every_stage_and_are_valid() {
        let map = map_with_cards(2_000);
        assert_eq!(map.cards.len(), 2_000);
        for stage in &map.stages {
            assert!(map.cards.iter().any(|c| c.stage_id == stage.id), "cards in {}", stage.name);
        }
        assert!(crate::validate::map(&map).is_empty(), "{:?}", crate::validate::map(&map));
    }
}
