//! The geometry of a map: where every stage, lane, cell, card, KPI, text line and emotion curve
//! goes. The canvas and every export paint this same layout (DESIGN.md, principle 3).
//!
//! Units are CSS pixels at 100 % zoom; y grows downwards.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;
use ts_rs::TS;

use crate::model::*;
use crate::text::{self, Style};
use crate::{fonts, icons};

mod gap_marks;
pub use gap_marks::GapMark;
pub const LANE_HEADER_WIDTH: f64 = 168.0;
pub const STAGE_HEADER_HEIGHT: f64 = 56.0;
const CELL_PADDING: f64 = 10.0;
const CARD_GAP: f64 = 8.0;
const CARD_PADDING_X: f64 = 12.0;
const CARD_PADDING_Y: f64 = 9.0;
const CARD_FONT: f64 = 13.0;
const CARD_LINE: f64 = 19.0;
const CARD_MAX_LINES: usize = 16;
const BADGE_HEIGHT: f64 = 22.0;
const HEADER_FONT: f64 = 17.0;
const VOTE_FONT: f64 = 12.0;
const LANE_FONT: f64 = 14.0;
const MIN_LANE_HEIGHT: f64 = 64.0;
const EMOTION_LANE_HEIGHT: f64 = 220.0;
const EMOTION_PADDING: f64 = 22.0;

#[derive(Debug, Clone, Copy, PartialEq, Serialize, TS)]
pub struct Rect {
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
}

/// One line of text, positioned by its baseline's left end.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct TextLine {
    pub text: String,
    pub x: f64,
    pub baseline: f64,
    pub size: f64,
    pub bold: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct StageBox {
    pub id: Id,
    pub index: usize,
    pub header: Rect,
    pub column: Rect,
    /// The header's chevron as an SVG points list; the first stage's has a flat left edge.
    pub chevron: String,
    /// The stage whose KPIs fall furthest below target (see [`crate::analysis::bottleneck`]).
    pub bottleneck: bool,
    pub label: Vec<TextLine>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct LaneBox {
    pub id: Id,
    pub kind: LaneKind,
    /// The kind of card a new card in this lane gets.
    pub card_kind: CardKind,
    pub header: Rect,
    pub row: Rect,
    pub label: Vec<TextLine>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct CellBox {
    pub stage_id: Id,
    pub lane_id: Id,
    pub stage_index: usize,
    pub lane_kind: LaneKind,
    pub rect: Rect,
}

/// The strip at the top of a touchpoint or owner card: channel or department.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Badge {
    pub rect: Rect,
    pub icon: Option<BadgeIcon>,
    pub mode: Option<ChannelMode>,
    pub label: TextLine,
}

/// A channel icon in a badge: which one and where its 16×16 box starts.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct BadgeIcon {
    /// A key of [`Layout::icons`].
    pub key: String,
    pub x: f64,
    pub y: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct CardBox {
    pub id: Id,
    pub kind: CardKind,
    pub rect: Rect,
    pub badge: Option<Badge>,
    pub lines: Vec<TextLine>,
    /// The dots of the latest vote, on the card's bottom right corner, when it has any.
    pub votes: Option<VoteBadge>,
}

/// A disc with the number of dots a card received.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct VoteBadge {
    pub cx: f64,
    pub cy: f64,
    pub r: f64,
    pub label: TextLine,
}

impl CardBox {
    /// The same box `dy` further down, as a card below an edit is when the edit makes a cell
    /// above it taller or shorter: every vertical coordinate in it moves (the UI's `movedDown`,
    /// in ui/src/map/editor/mapchange.ts, moves the same ones).
    pub fn moved_down(&self, dy: f64) -> CardBox {
        let line_down = |line: &TextLine| TextLine { baseline: line.baseline + dy, ..line.clone() };
        CardBox {
            id: self.id.clone(),
            kind: self.kind,
            rect: Rect { y: self.rect.y + dy, ..self.rect },
            badge: self.badge.as_ref().map(|badge| Badge {
                rect: Rect { y: badge.rect.y + dy, ..badge.rect },
                icon: badge.icon.as_ref().map(|icon| BadgeIcon { y: icon.y + dy, ..icon.clone() }),
                mode: badge.mode,
                label: line_down(&badge.label),
            }),
            lines: self.lines.iter().map(line_down).collect(),
            votes: self.votes.as_ref().map(|votes| VoteBadge {
                cx: votes.cx,
                cy: votes.cy + dy,
                r: votes.r,
                label: line_down(&votes.label),
            }),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct KpiBox {
    pub id: Id,
    pub rect: Rect,
    pub lines: Vec<TextLine>,
    /// The KPI's grade ([`crate::model::Kpi::grade`]), when it has a target and an actual.
    pub grade: Option<f64>,
    pub status: KpiStatus,
}

/// How a KPI stands against its target, which colours its bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum KpiStatus {
    /// No actual or no target yet.
    Unknown,
    /// At or above target.
    Met,
    /// At 80 % of target or more.
    Near,
    Missed,
}

impl KpiStatus {
    pub const ALL: [KpiStatus; 4] = [KpiStatus::Unknown, KpiStatus::Met, KpiStatus::Near, KpiStatus::Missed];

    /// The status of a grade, which is capped at 1.0.
    pub fn of(grade: Option<f64>) -> KpiStatus {
        match grade {
            None => KpiStatus::Unknown,
            Some(a) if a >= 1.0 => KpiStatus::Met,
            Some(a) if a >= 0.8 => KpiStatus::Near,
            Some(_) => KpiStatus::Missed,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct CurvePoint {
    pub id: Id,
    pub x: f64,
    pub y: f64,
    pub score: f64,
    pub quote: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Curve {
    pub persona_id: Id,
    pub color: String,
    pub points: Vec<CurvePoint>,
    /// SVG path data of the smooth curve through the points.
    pub path: String,
}

/// Horizontal guide lines of an emotion lane: the zero line and the two extremes.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct EmotionScale {
    pub lane_id: Id,
    pub top: f64,
    pub zero: f64,
    pub bottom: f64,
    /// The guide lines from top to bottom (+2, 0, −2), each labelled left of the lane.
    pub ticks: Vec<ScaleTick>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ScaleTick {
    pub y: f64,
    /// The zero line is drawn dashed, the extremes dotted.
    pub zero: bool,
    pub label: TextLine,
}

const TICK_FONT: f64 = 11.0;

fn scale_tick(y: f64, score: f64) -> ScaleTick {
    let text = if score > 0.0 { format!("+{score}") } else { format!("{score}") };
    let width = text::width(&text, Style::regular(TICK_FONT));
    let label = TextLine {
        x: LANE_HEADER_WIDTH - 10.0 - width,
        baseline: y + 4.0,
        size: TICK_FONT,
        bold: false,
        text,
    };
    ScaleTick { y, zero: score == 0.0, label }
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Layout {
    pub width: f64,
    pub height: f64,
    pub font_family: String,
    /// The font's ascent in ems (see [`fonts::ascent_em`]), for painters that place text by its
    /// top rather than by its baseline.
    pub font_ascent: f64,
    pub stages: Vec<StageBox>,
    pub lanes: Vec<LaneBox>,
    pub cells: Vec<CellBox>,
    pub cards: Vec<CardBox>,
    pub kpis: Vec<KpiBox>,
    pub emotion_scale: Option<EmotionScale>,
    pub curves: Vec<Curve>,
    /// Warning signs where nobody owns a stage or touchpoint, or a hand-off meets a mood drop.
    pub gap_marks: Vec<GapMark>,
    /// Path data of the icon of every channel in the map, and of the generic icon, by key (see
    /// [`crate::icons`]): what badges and the palette draw.
    pub icons: BTreeMap<String, String>,
}

/// Lays out `map`: hidden lanes take no space and their content is not placed.
pub fn layout(map: &Map) -> Layout {
    let columns = stage_columns(map);
    let visible: Vec<&Lane> = map.lanes.iter().filter(|l| !l.hidden).collect();
    // KPIs go to the first KPI lane shown; a second one holds only the cards placed in it.
    let lane_of_kpis = visible.iter().find(|l| l.kind == LaneKind::Kpis).map(|l| l.id.as_str());
    let total_width = LANE_HEADER_WIDTH + map.stages.iter().map(|s| s.width).sum::<f64>();

    // What each cell holds, in map order. Lanes are laid top to bottom, so a cell's top is known
    // when its lane's turn comes and each card is measured once, straight into its place: on a
    // large map, moving measured boxes around afterwards cost more than measuring them.
    let mut cards_in: HashMap<(&str, &str), Vec<&Card>> = HashMap::new();
    for card in &map.cards {
        cards_in.entry((&card.stage_id, &card.lane_id)).or_default().push(card);
    }
    let mut kpis_in: HashMap<&str, Vec<&Kpi>> = HashMap::new();
    for kpi in &map.kpis {
        kpis_in.entry(&kpi.stage_id).or_default().push(kpi);
    }

    let mut out = Layout {
        width: total_width,
        height: 0.0,
        font_family: fonts::FAMILY.to_owned(),
        font_ascent: fonts::ascent_em(),
        stages: Vec::new(),
        lanes: Vec::new(),
        cells: Vec::new(),
        cards: Vec::with_capacity(map.cards.len()),
        kpis: Vec::with_capacity(map.kpis.len()),
        emotion_scale: None,
        curves: Vec::new(),
        gap_marks: Vec::new(),
        icons: BTreeMap::new(),
    };
    let mut y = STAGE_HEADER_HEIGHT;
    for lane in &visible {
        // KPIs come first in their lane's cells, then any cards placed there.
        let mut content: f64 = 0.0;
        for stage in &map.stages {
            let x = columns[stage.id.as_str()].0;
            let mut stack = Stack::new(x + CELL_PADDING, y + CELL_PADDING, card_width(stage.width));
            if lane_of_kpis == Some(lane.id.as_str()) {
                for kpi in kpis_in.get(stage.id.as_str()).into_iter().flatten() {
                    let placed = kpi_box(kpi, stack.next_origin(), stack.width);
                    stack.grow(placed.rect.height);
                    out.kpis.push(placed);
                }
            }
            for card in cards_in.get(&(stage.id.as_str(), lane.id.as_str())).into_iter().flatten() {
                let placed = card_box(map, card, stack.next_origin(), stack.width);
                stack.grow(placed.rect.height);
                out.cards.push(placed);
            }
            content = content.max(stack.height);
        }
        let floor = if lane.kind == LaneKind::Emotions { EMOTION_LANE_HEIGHT } else { MIN_LANE_HEIGHT };
        let height = (content + 2.0 * CELL_PADDING).max(floor);
        let header = Rect { x: 0.0, y, width: LANE_HEADER_WIDTH, height };
        out.lanes.push(LaneBox {
            id: lane.id.clone(),
            kind: lane.kind,
            card_kind: lane.kind.default_card_kind(),
            header,
            row: Rect { x: 0.0, y, width: total_width, height },
            label: lane_label(&lane.name, header),
        });
        for (stage_index, stage) in map.stages.iter().enumerate() {
            out.cells.push(CellBox {
                stage_id: stage.id.clone(),
                lane_id: lane.id.clone(),
                stage_index,
                lane_kind: lane.kind,
                rect: Rect { x: columns[stage.id.as_str()].0, y, width: stage.width, height },
            });
        }
        if lane.kind == LaneKind::Emotions && out.emotion_scale.is_none() {
            let (top, zero, bottom) = (y + EMOTION_PADDING, y + height / 2.0, y + height - EMOTION_PADDING);
            let ticks =
                vec![scale_tick(top, SCORE_MAX), scale_tick(zero, 0.0), scale_tick(bottom, SCORE_MIN)];
            let scale = EmotionScale { lane_id: lane.id.clone(), top, zero, bottom, ticks };
            out.curves = curves(map, &columns, &scale);
            out.emotion_scale = Some(scale);
        }
        y += height;
    }
    out.height = y;

    let bottleneck = crate::analysis::bottleneck(map);
    for (index, stage) in map.stages.iter().enumerate() {
        let x = columns[stage.id.as_str()].0;
        let header = Rect { x, y: 0.0, width: stage.width, height: STAGE_HEADER_HEIGHT };
        out.stages.push(StageBox {
            id: stage.id.clone(),
            index,
            header,
            column: Rect { x, y: 0.0, width: stage.width, height: out.height },
            chevron: chevron(header, index == 0),
            bottleneck: bottleneck.as_ref() == Some(&stage.id),
            label: centred_label(&stage.name, header, HEADER_FONT),
        });
    }
    out.gap_marks = gap_marks::gap_marks(map, &out);
    out.icons = map
        .channels
        .iter()
        .map(|c| c.icon.as_str())
        .chain([icons::GENERIC])
        .map(|key| (key.to_owned(), icons::path(key).to_owned()))
        .collect();
    out
}

/// Each stage's left edge and width.
fn stage_columns(map: &Map) -> HashMap<&str, (f64, f64)> {
    let mut x = LANE_HEADER_WIDTH;
    map.stages
        .iter()
        .map(|s| {
            let column = (s.id.as_str(), (x, s.width));
            x += s.width;
            column
        })
        .collect()
}

/// Cards and KPIs stacked in a cell from its top, `CARD_GAP` apart.
struct Stack {
    left: f64,
    top: f64,
    width: f64,
    /// From the first box's top to the last one's bottom; 0 while empty.
    height: f64,
}

impl Stack {
    fn new(left: f64, top: f64, width: f64) -> Stack {
        Stack { left, top, width, height: 0.0 }
    }

    /// Where the next box's top left corner goes.
    fn next_origin(&self) -> (f64, f64) {
        let gap = if self.height > 0.0 { CARD_GAP } else { 0.0 };
        (self.left, self.top + self.height + gap)
    }

    fn grow(&mut self, box_height: f64) {
        self.height = self.next_origin().1 - self.top + box_height;
    }
}

fn card_width(stage_width: f64) -> f64 {
    stage_width - 2.0 * CELL_PADDING
}

/// A card `width` wide with its top left corner at `(x, y)`, as tall as its text needs.
fn card_box(map: &Map, card: &Card, (x, y): (f64, f64), width: f64) -> CardBox {
    let text_width = width - 2.0 * CARD_PADDING_X;
    let badge = card_badge(map, card, (x, y), width, text_width);
    let text_top = y + CARD_PADDING_Y + if badge.is_some() { BADGE_HEIGHT + 4.0 } else { 0.0 };
    let wrapped = text::wrap(&card.text, text_width, Style::regular(CARD_FONT), CARD_MAX_LINES);
    let height = text_top - y + wrapped.len().max(1) as f64 * CARD_LINE + CARD_PADDING_Y;
    let lines = wrapped
        .into_iter()
        .enumerate()
        .map(|(i, text)| TextLine {
            text,
            x: x + CARD_PADDING_X,
            baseline: text_top + i as f64 * CARD_LINE + CARD_FONT,
            size: CARD_FONT,
            bold: false,
        })
        .collect();
    let rect = Rect { x, y, width, height };
    let votes = (card.votes > 0).then(|| vote_badge(card.votes, rect));
    CardBox { id: card.id.clone(), kind: card.kind, rect, badge, lines, votes }
}
/// The vote disc on a card's bottom right corner, a little outside it so that it hides no text;
/// it grows with the number's width.
fn vote_badge(votes: u32, card: Rect) -> VoteBadge {
    let text = votes.to_string();
    let style = Style::bold(VOTE_FONT);
    let width = text::width(&text, style);
    let r = (width / 2.0 + 5.0).max(11.0);
    let (cx, cy) = (card.x + card.width - 4.0, card.y + card.height - 4.0);
    let label =
        TextLine { x: cx - width / 2.0, baseline: cy + VOTE_FONT * 0.36, size: VOTE_FONT, bold: true, text };
    VoteBadge { cx, cy, r, label }
}

/// The channel or department strip at the top of the card whose corner is at `(x, y)`.
fn card_badge(map: &Map, card: &Card, (x, y): (f64, f64), width: f64, text_width: f64) -> Option<Badge> {
    let channel = card.channel_id.as_ref().and_then(|id| map.channels.iter().find(|c| &c.id == id));
    let department = card.department_id.as_ref().and_then(|id| map.departments.iter().find(|d| &d.id == id));
    let (icon, mode, label) = match (card.kind, channel, department) {
        (_, Some(ch), Some(dept)) => {
            (Some(ch.icon.clone()), Some(ch.mode), format!("{} · {}", ch.name, dept.name))
        }
        (_, Some(ch), None) => (Some(ch.icon.clone()), Some(ch.mode), ch.name.clone()),
        (CardKind::Owner | CardKind::Touchpoint | CardKind::Initiative, None, Some(dept)) => {
            (None, None, dept.name.clone())
        }
        _ => return None,
    };
    let icon_room = if icon.is_some() { 22.0 } else { 0.0 };
    let size = 11.0;
    let label_text = text::wrap(&label, text_width - icon_room, Style::bold(size), 1)
        .into_iter()
        .next()
        .unwrap_or_default();
    let rect = Rect { x: x + 6.0, y: y + 6.0, width: width - 12.0, height: BADGE_HEIGHT };
    Some(Badge {
        icon: icon.map(|key| BadgeIcon { key, x: rect.x + 6.0, y: rect.y + 3.0 }),
        rect,
        mode,
        label: TextLine {
            text: label_text,
            x: x + CARD_PADDING_X + icon_room,
            baseline: y + 6.0 + 15.0,
            size,
            bold: true,
        },
    })
}

/// A KPI `width` wide with its top left corner at `(x, y)`: its name, then actual against target.
fn kpi_box(kpi: &Kpi, (x, y): (f64, f64), width: f64) -> KpiBox {
    let text_width = width - 2.0 * CARD_PADDING_X;
    let number = |v: Option<f64>| v.map_or_else(|| "—".to_owned(), text::figure);
    let figures = format!("{} / {} {}", number(kpi.actual), number(kpi.target), kpi.unit);
    let name = text::wrap(&kpi.name, text_width, Style::bold(CARD_FONT), 2);
    let mut lines: Vec<TextLine> = Vec::new();
    let mut baseline = y + CARD_PADDING_Y + CARD_FONT;
    for text in name {
        lines.push(TextLine { text, x: x + CARD_PADDING_X, baseline, size: CARD_FONT, bold: true });
        baseline += CARD_LINE;
    }
    let figures = text::wrap(figures.trim_end(), text_width, Style::regular(CARD_FONT), 1)
        .into_iter()
        .next()
        .unwrap_or_default();
    lines.push(TextLine { text: figures, x: x + CARD_PADDING_X, baseline, size: CARD_FONT, bold: false });
    let height = baseline - y - CARD_FONT + CARD_LINE + CARD_PADDING_Y;
    let grade = kpi.grade(kpi.actual);
    let rect = Rect { x, y, width, height };
    KpiBox { id: kpi.id.clone(), rect, lines, grade, status: KpiStatus::of(grade) }
}

/// A chevron filling a stage header: a point on the right, a notch on the left except for the
/// first stage, and a small gap between neighbours.
fn chevron(header: Rect, first: bool) -> String {
    const ARROW: f64 = 14.0;
    const GAP: f64 = 3.0;
    let left = header.x + if first { 0.0 } else { GAP };
    let right = header.x + header.width;
    let (top, bottom, middle) =
        (header.y + 6.0, header.y + header.height - 6.0, header.y + header.height / 2.0);
    let notch = if first { left } else { left + ARROW };
    let corners = [
        (left, top),
        (right - ARROW, top),
        (right, middle),
        (right - ARROW, bottom),
        (left, bottom),
        (notch, middle),
    ];
    corners.iter().map(|(x, y)| format!("{},{}", round(*x), round(*y))).collect::<Vec<_>>().join(" ")
}

fn centred_label(name: &str, rect: Rect, size: f64) -> Vec<TextLine> {
    let lines = text::wrap(name, rect.width - 24.0, Style::bold(size), 2);
    let line_height = size * 1.35;
    let top = rect.y + (rect.height - lines.len() as f64 * line_height) / 2.0;
    lines
        .into_iter()
        .enumerate()
        .map(|(i, text)| TextLine {
            x: rect.x + (rect.width - text::width(&text, Style::bold(size))) / 2.0,
            text,
            baseline: top + i as f64 * line_height + size,
            size,
            bold: true,
        })
        .collect()
}

fn lane_label(name: &str, rect: Rect) -> Vec<TextLine> {
    let lines = text::wrap(name, rect.width - 28.0, Style::bold(LANE_FONT), 3);
    lines
        .into_iter()
        .enumerate()
        .map(|(i, text)| TextLine {
            text,
            x: rect.x + 16.0,
            baseline: rect.y + 16.0 + LANE_FONT + i as f64 * LANE_FONT * 1.4,
            size: LANE_FONT,
            bold: true,
        })
        .collect()
}

fn curves(map: &Map, columns: &HashMap<&str, (f64, f64)>, scale: &EmotionScale) -> Vec<Curve> {
    let span = SCORE_MAX - SCORE_MIN;
    map.personas
        .iter()
        .map(|persona| {
            // `emotion_points` is already in journey order per persona.
            let points: Vec<CurvePoint> = map
                .emotion_points
                .iter()
                .filter(|p| p.persona_id == persona.id)
                .filter_map(|p| {
                    let &(left, width) = columns.get(p.stage_id.as_str())?;
                    Some(CurvePoint {
                        id: p.id.clone(),
                        x: round(left + p.x * width),
                        y: round(scale.top + (SCORE_MAX - p.score) / span * (scale.bottom - scale.top)),
                        score: p.score,
                        quote: p.quote.clone(),
                    })
                })
                .collect();
            Curve {
                persona_id: persona.id.clone(),
                color: persona.color.clone(),
                path: smooth_path(&points),
                points,
            }
        })
        .collect()
}

fn round(v: f64) -> f64 {
    (v * 10.0).round() / 10.0
}

/// A smooth curve through the points, as cubic Bézier segments: monotone cubic interpolation in x
/// (Fritsch–Carlson), so that the curve never loops back or overshoots a point's score, however
/// close together two points are.
fn smooth_path(points: &[CurvePoint]) -> String {
    let Some(first) = points.first() else { return String::new() };
    let n = points.len();
    let widths: Vec<f64> = points.windows(2).map(|w| w[1].x - w[0].x).collect();
    let slopes: Vec<f64> = points
        .windows(2)
        .zip(&widths)
        .map(|(w, &h)| if h > 0.0 { (w[1].y - w[0].y) / h } else { 0.0 })
        .collect();
    // Tangents: the mean of the neighbouring slopes, flat at a peak or a valley.
    let mut tangents: Vec<f64> = (0..n)
        .map(|i| match (i.checked_sub(1).map(|j| slopes[j]), slopes.get(i).copied()) {
            (Some(a), Some(b)) if a * b > 0.0 => (a + b) / 2.0,
            (Some(_), Some(_)) => 0.0,
            (Some(a), None) => a,
            (None, Some(b)) => b,
            (None, None) => 0.0,
        })
        .collect();
    // Limit the tangents so that each segment stays monotone.
    for (i, &slope) in slopes.iter().enumerate() {
        if slope == 0.0 {
            tangents[i] = 0.0;
            tangents[i + 1] = 0.0;
            continue;
        }
        let (a, b) = (tangents[i] / slope, tangents[i + 1] / slope);
        let length = a.hypot(b);
        if length > 3.0 {
            tangents[i] = 3.0 * a / length * slope;
            tangents[i + 1] = 3.0 * b / length * slope;
        }
    }
    let mut d = format!("M{} {}", first.x, first.y);
    for (i, w) in points.windows(2).enumerate() {
        let third = widths[i] / 3.0;
        let c1 = (w[0].x + third, w[0].y + tangents[i] * third);
        let c2 = (w[1].x - third, w[1].y - tangents[i + 1] * third);
        d.push_str(&format!(
            " C{} {} {} {} {} {}",
            round(c1.0),
            round(c1.1),
            round(c2.0),
            round(c2.1),
            w[1].x,
            w[1].y
        ));
    }
    d
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::template::Template;

    fn overlaps(a: &Rect, b: &Rect) -> bool {
        a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height
    }

    fn inside(inner: &Rect, outer: &Rect) -> bool {
        inner.x >= outer.x
            && inner.y >= outer.y
            && inner.x + inner.width <= outer.x + outer.width + 1e-9
            && inner.y + inner.height <= outer.y + outer.height + 1e-9
    }

    #[test]
    fn every_card_sits_inside_its_cell_and_cards_never_overlap() {
        let map = Template::B2b.build(Language::Ja, None);
        let layout = layout(&map);
        assert_eq!(layout.cards.len(), map.cards.len());
        for card in &map.cards {
            let laid = layout.cards.iter().find(|c| c.id == card.id).expect("every card is laid out");
            let cell = layout
                .cells
                .iter()
                .find(|c| c.stage_id == card.stage_id && c.lane_id == card.lane_id)
                .unwrap();
            assert!(inside(&laid.rect, &cell.rect), "card {} leaves its cell", card.id);
            for line in &laid.lines {
                assert!(
                    line.x + text::width(&line.text, Style { size: line.size, bold: line.bold })
                        <= laid.rect.x + laid.rect.width
                );
            }
        }
        for (i, a) in layout.cards.iter().enumerate() {
            for b in &layout.cards[i + 1..] {
                assert!(!overlaps(&a.rect, &b.rect), "{} overlaps {}", a.id, b.id);
            }
        }
    }

    #[test]
    fn a_card_with_dots_carries_their_number_on_its_corner() {
        let mut map = Template::B2b.build(Language::Ja, None);
        map.cards[0].votes = 12;
        let laid = layout(&map);
        let voted = laid.cards.iter().find(|c| c.id == map.cards[0].id).unwrap();
        let badge = voted.votes.as_ref().expect("a vote badge");
        assert_eq!(badge.label.text, "12");
        let corner = (voted.rect.x + voted.rect.width, voted.rect.y + voted.rect.height);
        assert!((badge.cx - corner.0).abs() < badge.r && (badge.cy - corner.1).abs() < badge.r);
        assert!(laid.cards.iter().filter(|c| c.id != voted.id).all(|c| c.votes.is_none()));
    }

    #[test]
    fn kpis_are_laid_out_once_in_the_first_kpi_lane_shown() {
        let mut map = Template::B2b.build(Language::Ja, None);
        assert!(!map.kpis.is_empty());
        let first = map.lanes.iter().position(|l| l.kind == LaneKind::Kpis).unwrap();
        let mut second = map.lanes[first].clone();
        second.id = "ln_more_kpis".into();
        map.lanes.push(second);
        let row_of = |laid: &Layout, lane_id: &str| laid.lanes.iter().find(|l| l.id == lane_id).unwrap().row;
        let inside_row = |kpi: &KpiBox, row: Rect| kpi.rect.y >= row.y && kpi.rect.y < row.y + row.height;

        let laid = layout(&map);
        assert_eq!(laid.kpis.len(), map.kpis.len(), "each KPI once");
        let first_row = row_of(&laid, &map.lanes[first].id);
        assert!(laid.kpis.iter().all(|k| inside_row(k, first_row)));

        map.lanes[first].hidden = true;
        let laid = layout(&map);
        assert_eq!(laid.kpis.len(), map.kpis.len());
        let second_row = row_of(&laid, "ln_more_kpis");
        assert!(laid.kpis.iter().all(|k| inside_row(k, second_row)), "the next KPI lane shown takes them");
    }

    #[test]
    fn stages_are_laid_left_to_right_and_hidden_lanes_take_no_room() {
        let mut map = Template::B2b.build(Language::En, None);
        let full = layout(&map);
        let xs: Vec<f64> = full.stages.iter().map(|s| s.header.x).collect();
        assert!(xs.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(full.width, LANE_HEADER_WIDTH + 5.0 * STAGE_WIDTH_DEFAULT);
        let thoughts = map.lanes.iter_mut().find(|l| l.kind == LaneKind::Thoughts).unwrap();
        thoughts.hidden = true;
        let fewer = layout(&map);
        assert_eq!(fewer.lanes.len(), full.lanes.len() - 1);
        assert!(fewer.height < full.height);
        assert!(fewer.cards.len() < full.cards.len());
    }

    #[test]
    fn emotion_curves_never_leave_the_band_between_neighbouring_points() {
        let point =
            |id: &str, x: f64, y: f64| CurvePoint { id: id.into(), x, y, score: 0.0, quote: String::new() };
        // Two points almost on top of each other in x but far apart in y: a Catmull-Rom spline
        // loops back here; the monotone curve must not.
        let points = [
            point("a", 100.0, 300.0),
            point("b", 400.0, 400.0),
            point("c", 410.0, 250.0),
            point("d", 700.0, 320.0),
        ];
        let path = smooth_path(&points);
        let numbers: Vec<f64> = path
            .split(|c: char| c.is_ascii_alphabetic() || c == ' ')
            .filter(|s| !s.is_empty())
            .map(|s| s.parse().unwrap())
            .collect();
        // M x y, then C c1x c1y c2x c2y x y per segment.
        for (i, segment) in numbers[2..].chunks(6).enumerate() {
            let (from, to) = (&points[i], &points[i + 1]);
            let (low, high) = (from.y.min(to.y), from.y.max(to.y));
            for control in [segment[1], segment[3]] {
                assert!(
                    (low - 1e-6..=high + 1e-6).contains(&control),
                    "segment {i}: {control} outside {low}…{high}"
                );
            }
            for control_x in [segment[0], segment[2]] {
                assert!((from.x..=to.x).contains(&control_x), "segment {i} goes backwards: {control_x}");
            }
        }
    }

    #[test]
    fn emotion_points_map_scores_to_heights_inside_the_emotion_lane() {
        let map = Template::B2b.build(Language::Ja, None);
        let layout = layout(&map);
        let scale = layout.emotion_scale.as_ref().unwrap();
        assert_eq!(layout.curves.len(), map.personas.len());
        for curve in &layout.curves {
            assert!(curve.path.starts_with('M'));
            assert_eq!(curve.path.matches('C').count(), curve.points.len() - 1);
            for p in &curve.points {
                assert!(p.y >= scale.top && p.y <= scale.bottom);
                let expected = scale.top + (SCORE_MAX - p.score) / 4.0 * (scale.bottom - scale.top);
                assert!((p.y - expected).abs() < 0.06);
            }
            assert!(curve.points.windows(2).all(|w| w[0].x <= w[1].x), "points run left to right");
        }
    }
}
