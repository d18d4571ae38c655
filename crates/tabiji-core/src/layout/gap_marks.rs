//! Warning signs for the ownership gaps the analysis finds ([`crate::analysis::gaps`]), placed on
//! the laid-out map so that the canvas and every export flag them in the same places: on a
//! stage's owner cell (its header when the owner lane is hidden) when no department owns the
//! stage, on a touchpoint's corner when none owns it, and on the border between two stages where
//! ownership changes hands while a buyer's emotion drops.

use std::collections::HashMap;

use serde::Serialize;
use ts_rs::TS;

use super::{Layout, Rect, TextLine};
use crate::analysis::{self, Gap};
use crate::model::{CardKind, Id, LaneKind, Map};
use crate::text::{self, Style};

/// Side of a stage's or hand-off's sign; a touchpoint's is smaller, to sit on the card's corner.
const SIGN: f64 = 20.0;
const CARD_SIGN: f64 = 16.0;

/// A warning triangle with an exclamation mark, and the gaps it stands for (one hand-off sign
/// covers every persona whose emotion drops there).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct GapMark {
    /// The box around the triangle.
    pub rect: Rect,
    /// The triangle as an SVG points list.
    pub triangle: String,
    pub label: TextLine,
    pub gaps: Vec<Gap>,
}

pub(super) fn gap_marks(map: &Map, layout: &Layout) -> Vec<GapMark> {
    // Only a touchpoint carries a sign of its own; on a large map, hashing every card cost more
    // than the rest of the signs together.
    let touchpoints: HashMap<&str, Rect> = layout
        .cards
        .iter()
        .filter(|c| c.kind == CardKind::Touchpoint)
        .map(|c| (c.id.as_str(), c.rect))
        .collect();
    let stages: HashMap<&str, (Rect, Rect)> =
        layout.stages.iter().map(|s| (s.id.as_str(), (s.header, s.column))).collect();
    let row_top = |kind: LaneKind| layout.lanes.iter().find(|l| l.kind == kind).map(|l| l.row.y);
    let owner_lane = layout.lanes.iter().find(|l| l.kind == LaneKind::Owners);
    // Hand-offs sit where the mood drop shows: the emotion lane, else the owners, else the headers.
    let hand_off_y = row_top(LaneKind::Emotions)
        .or_else(|| row_top(LaneKind::Owners))
        .map_or(super::STAGE_HEADER_HEIGHT, |top| top + SIGN / 2.0 + 4.0);

    let mut marks: Vec<GapMark> = Vec::new();
    // Which mark stands for the border between two stages, once one is placed there.
    let mut hand_offs: HashMap<(Id, Id), usize> = HashMap::new();
    for gap in analysis::gaps(map) {
        let centre = match &gap {
            Gap::StageWithoutOwner { stage_id } => {
                let cell = owner_lane.and_then(|lane| {
                    layout.cells.iter().find(|c| c.lane_id == lane.id && &c.stage_id == stage_id)
                });
                match (cell, stages.get(stage_id.as_str())) {
                    (Some(cell), _) => (cell.rect.x + cell.rect.width - 18.0, cell.rect.y + 18.0, SIGN),
                    (None, Some((header, _))) => (header.x + 22.0, header.y + 18.0, SIGN),
                    (None, None) => continue,
                }
            }
            // A touchpoint in a hidden lane is not drawn, nor is its sign.
            Gap::TouchpointWithoutOwner { card_id, .. } => match touchpoints.get(card_id.as_str()) {
                Some(card) => (card.x + card.width - 4.0, card.y + 4.0, CARD_SIGN),
                None => continue,
            },
            Gap::HandOffWhileMoodDrops { from_stage, to_stage, .. } => {
                let border = (from_stage.clone(), to_stage.clone());
                if let Some(&at) = hand_offs.get(&border) {
                    marks[at].gaps.push(gap);
                    continue;
                }
                let Some((_, column)) = stages.get(to_stage.as_str()) else { continue };
                hand_offs.insert(border, marks.len());
                (column.x, hand_off_y, SIGN)
            }
        };
        marks.push(mark(centre, gap));
    }
    marks
}

fn mark((x, y, size): (f64, f64, f64), gap: Gap) -> GapMark {
    let half = size / 2.0;
    let (top, bottom) = (y - half, y + half);
    let triangle = format!("{},{} {},{} {},{}", x, top, x + half + 1.0, bottom, x - half - 1.0, bottom);
    let font = size * 0.6;
    let style = Style::bold(font);
    let label = TextLine {
        text: "!".to_owned(),
        x: x - text::width("!", style) / 2.0,
        baseline: bottom - size * 0.14,
        size: font,
        bold: true,
    };
    let rect = Rect { x: x - half - 1.0, y: top, width: size + 2.0, height: size };
    GapMark { rect, triangle, label, gaps: vec![gap] }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::layout;
    use crate::model::{CardKind, Language};
    use crate::template::Template;
    use crate::testing::{card, point};

    fn centre(r: &Rect) -> (f64, f64) {
        (r.x + r.width / 2.0, r.y + r.height / 2.0)
    }

    fn contains(r: &Rect, (x, y): (f64, f64)) -> bool {
        x >= r.x && x <= r.x + r.width && y >= r.y && y <= r.y + r.height
    }

    /// Three stages: marketing owns the first, sales the second, nobody the third; an ownerless
    /// touchpoint in the second; two buyers whose mood drops from the first to the second.
    fn map_with_gaps() -> Map {
        let mut map = Template::B2b.build(Language::En, None);
        map.stages.truncate(3);
        map.kpis.clear();
        map.cards = vec![
            card("own1", "st_1", LaneKind::Owners, CardKind::Owner, Some("marketing")),
            card("own2", "st_2", LaneKind::Owners, CardKind::Owner, Some("sales")),
            card("orphan", "st_2", LaneKind::Touchpoints, CardKind::Touchpoint, None),
        ];
        let (a, b) = (map.personas[0].id.clone(), map.personas[1].id.clone());
        map.emotion_points = vec![
            point(&a, "st_1", 1.0),
            point(&a, "st_2", -1.0),
            point(&b, "st_1", 0.5),
            point(&b, "st_2", 0.0),
        ];
        map
    }

    fn kinds(mark: &GapMark) -> Vec<&'static str> {
        mark.gaps
            .iter()
            .map(|gap| match gap {
                Gap::StageWithoutOwner { .. } => "stage",
                Gap::TouchpointWithoutOwner { .. } => "touchpoint",
                Gap::HandOffWhileMoodDrops { .. } => "hand-off",
            })
            .collect()
    }

    #[test]
    fn each_gap_is_flagged_where_it_is() {
        let map = map_with_gaps();
        let laid = layout(&map);
        let marks = &laid.gap_marks;
        assert_eq!(marks.len(), 3, "{marks:#?}");

        let stage = marks.iter().find(|m| kinds(m) == ["stage"]).expect("the ownerless stage is flagged");
        let owners = laid.lanes.iter().find(|l| l.kind == LaneKind::Owners).unwrap();
        let cell = laid.cells.iter().find(|c| c.lane_id == owners.id && c.stage_id == "st_3").unwrap();
        assert!(contains(&cell.rect, centre(&stage.rect)), "in st_3's owner cell");

        let touchpoint = marks.iter().find(|m| kinds(m) == ["touchpoint"]).unwrap();
        let orphan = laid.cards.iter().find(|c| c.id == "orphan").unwrap();
        let corner = (orphan.rect.x + orphan.rect.width, orphan.rect.y);
        assert!(contains(&touchpoint.rect, corner), "on the card's top right corner");

        // Both buyers' drops at the same border share one sign, on the border in the emotion lane.
        let hand_off = marks.iter().find(|m| kinds(m) == ["hand-off", "hand-off"]).unwrap();
        let second = laid.stages.iter().find(|s| s.id == "st_2").unwrap();
        let emotions = laid.lanes.iter().find(|l| l.kind == LaneKind::Emotions).unwrap();
        assert_eq!(centre(&hand_off.rect).0, second.column.x);
        assert!(contains(&emotions.row, centre(&hand_off.rect)));
        for mark in marks {
            assert_eq!(mark.label.text, "!");
            assert!(contains(&mark.rect, (mark.label.x, mark.label.baseline)));
        }
    }

    #[test]
    fn hidden_lanes_move_the_stage_sign_to_the_header_and_hide_the_touchpoint_sign() {
        let mut map = map_with_gaps();
        for lane in &mut map.lanes {
            lane.hidden = matches!(lane.kind, LaneKind::Owners | LaneKind::Touchpoints);
        }
        let laid = layout(&map);
        let stage = laid.gap_marks.iter().find(|m| kinds(m) == ["stage"]).unwrap();
        let header = laid.stages.iter().find(|s| s.id == "st_3").unwrap().header;
        assert!(contains(&header, centre(&stage.rect)));
        assert!(laid.gap_marks.iter().all(|m| kinds(m) != ["touchpoint"]));
    }

    #[test]
    fn a_map_without_gaps_has_no_signs() {
        let mut map = map_with_gaps();
        map.cards.retain(|c| c.id != "orphan");
        map.cards.push(card("own3", "st_3", LaneKind::Owners, CardKind::Owner, Some("sales")));
        map.emotion_points.clear();
        assert!(layout(&map).gap_marks.is_empty());
    }
}
