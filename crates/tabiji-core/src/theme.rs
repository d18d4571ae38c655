//! The colours every painter uses: the canvas gets them as generated TypeScript constants
//! (src-tauri/src/view.rs), the exporter reads them here, so an export is coloured like the canvas.

use serde::Serialize;

use crate::layout::KpiStatus;
use crate::model::{variant_name, CardKind, ChannelMode};

#[derive(Debug, Clone, Copy, Serialize)]
pub struct CardColours {
    pub fill: &'static str,
    pub stroke: &'static str,
    pub text: &'static str,
    pub dashed: bool,
}

pub const fn card(kind: CardKind) -> CardColours {
    let (fill, stroke, text, dashed) = match kind {
        CardKind::Touchpoint => ("#ffffff", "#b8c4d4", "#1f2933", false),
        CardKind::Action => ("#eef2f7", "#c5cfdc", "#1f2933", false),
        CardKind::Thought => ("#fff4c9", "#e6d183", "#3d3418", false),
        CardKind::PainPoint => ("#fde4e2", "#e7a7a1", "#5c1d17", false),
        CardKind::Initiative => ("#dff3e6", "#97cfa9", "#173d26", false),
        CardKind::Owner => ("#efe8fb", "#c3b1e6", "#2e2150", false),
        CardKind::Note => ("#ffffff", "#a9b4c2", "#3c4650", true),
    };
    CardColours { fill, stroke, text, dashed }
}

#[derive(Debug, Clone, Copy, Serialize)]
pub struct BadgeColours {
    pub fill: &'static str,
    pub text: &'static str,
}

/// A badge's colours by its channel's mode; a department-only badge has no mode.
pub const fn badge(mode: Option<ChannelMode>) -> BadgeColours {
    let (fill, text) = match mode {
        Some(ChannelMode::Offline) => ("#fbe6d4", "#8a3f0c"),
        Some(ChannelMode::Online) => ("#dcebfb", "#1b4f8f"),
        None => ("#edeaf6", "#3f3565"),
    };
    BadgeColours { fill, text }
}

/// Stage header colours, dark enough for white text (contrast above 4.5:1), used in turn.
pub const STAGES: [&str; 5] = ["#2e4a7d", "#2f6690", "#22707a", "#2f7550", "#5b6a1f"];

pub fn stage(index: usize) -> &'static str {
    STAGES[index % STAGES.len()]
}

pub const STAGE_TEXT: &str = "#ffffff";

/// The outline that marks the bottleneck stage's header.
pub const BOTTLENECK: &str = "#d92d20";

/// The warning sign on an ownership gap: amber, edged in white so it stands out on any card.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct SignColours {
    pub fill: &'static str,
    pub edge: &'static str,
    pub text: &'static str,
}

pub const GAP_SIGN: SignColours = SignColours { fill: "#f0a30a", edge: "#ffffff", text: "#2b1d00" };

/// A KPI's bar colour.
pub const fn kpi(status: KpiStatus) -> &'static str {
    match status {
        KpiStatus::Unknown => "#a9b4c2",
        KpiStatus::Met => "#2f8a4e",
        KpiStatus::Near => "#c88a12",
        KpiStatus::Missed => "#c2413a",
    }
}

/// The grid behind the cards.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct GridColours {
    pub background: &'static str,
    pub lane_header: &'static str,
    pub lane_text: &'static str,
    pub row_even: &'static str,
    pub row_odd: &'static str,
    pub line: &'static str,
    pub scale: &'static str,
    pub scale_text: &'static str,
}

pub const GRID: GridColours = GridColours {
    background: "#f7f8fa",
    lane_header: "#eef1f5",
    lane_text: "#26323f",
    row_even: "#ffffff",
    row_odd: "#fafbfc",
    line: "#dde3ea",
    scale: "#b8c1cc",
    scale_text: "#5a6675",
};

/// The whole theme as one JSON object for the UI: card colours by kind, badge colours by mode
/// (`none` for department badges), stage colours, the bottleneck outline and gap sign, KPI bar colours by status, and the grid.
pub fn to_json() -> serde_json::Value {
    serde_json::json!({
        "cards": CardKind::ALL.iter().map(|&k| (variant_name(&k), serde_json::json!(card(k)))).collect::<serde_json::Map<_, _>>(),
        "badges": {
            "offline": badge(Some(ChannelMode::Offline)),
            "online": badge(Some(ChannelMode::Online)),
            "none": badge(None),
        },
        "stages": STAGES,
        "stageText": STAGE_TEXT,
        "bottleneck": BOTTLENECK,
        "gapSign": GAP_SIGN,
        "kpis": KpiStatus::ALL.iter().map(|&s| (variant_name(&s), serde_json::json!(kpi(s)))).collect::<serde_json::Map<_, _>>(),
        "grid": GRID,
    })
}
