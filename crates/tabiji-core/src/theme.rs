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

/// The disc with a card's dots from a vote: white on violet, a colour no card kind uses.
pub const VOTE: BadgeColours = BadgeColours { fill: "#4c1d95", text: "#ffffff" };

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

/// What the projector theme of presentation mode changes, for a room reading a washed-out
/// projection from its back row: every text at 7:1 against what it sits on, stronger grid lines,
/// thicker curves, and curves coloured from a palette told apart with any colour vision (in the
/// personas' order) rather than in the personas' own colours.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Projector {
    pub grid: GridColours,
    pub stages: [&'static str; 5],
    pub badges: ProjectorBadges,
    /// Okabe–Ito colours that keep 3:1 against the rows (yellow and sky blue do not; the
    /// reddish purple is darkened to).
    pub curves: [&'static str; 5],
    pub curve_width: f64,
    pub point_radius: f64,
}

#[derive(Debug, Clone, Copy, Serialize)]
pub struct ProjectorBadges {
    pub offline: BadgeColours,
    pub online: BadgeColours,
    pub none: BadgeColours,
}

pub const PROJECTOR: Projector = Projector {
    grid: GridColours {
        background: "#ffffff",
        lane_header: "#e4e9f0",
        lane_text: "#0b1620",
        row_even: "#ffffff",
        row_odd: "#f3f5f8",
        line: "#8d99a8",
        scale: "#6b7785",
        scale_text: "#1f2933",
    },
    stages: ["#1d3461", "#173f5c", "#0f434a", "#17462e", "#363f0f"],
    badges: ProjectorBadges {
        offline: BadgeColours { fill: "#fbe6d4", text: "#5a2405" },
        online: BadgeColours { fill: "#dcebfb", text: "#0e3262" },
        none: BadgeColours { fill: "#edeaf6", text: "#2a2147" },
    },
    curves: ["#0072b2", "#d55e00", "#009e73", "#b0578f", "#000000"],
    curve_width: 6.0,
    point_radius: 9.0,
};

/// The whole theme as one JSON object for the UI: card colours by kind, badge colours by mode
/// (`none` for department badges), stage colours, the bottleneck outline and gap sign, KPI bar
/// colours by status, the grid, and the projector theme.
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
        "vote": VOTE,
        "kpis": KpiStatus::ALL.iter().map(|&s| (variant_name(&s), serde_json::json!(kpi(s)))).collect::<serde_json::Map<_, _>>(),
        "grid": GRID,
        "projector": PROJECTOR,
    })
}

/// The contrast ratio of two `#rrggbb` colours as WCAG 2 defines it: 1 (none) to 21.
pub fn contrast(a: &str, b: &str) -> f64 {
    let luminance = |hex: &str| -> f64 {
        let channel = |at: usize| {
            let c = f64::from(u8::from_str_radix(&hex[at..at + 2], 16).expect("a #rrggbb colour")) / 255.0;
            if c <= 0.03928 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5)
    };
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every text colour of a theme against everything it is drawn on.
    fn text_pairs(
        grid: &GridColours,
        stages: &[&'static str],
        badges: [BadgeColours; 3],
    ) -> Vec<(String, &'static str, &'static str)> {
        let mut pairs: Vec<(String, &'static str, &'static str)> = Vec::new();
        for kind in CardKind::ALL {
            let c = card(kind);
            pairs.push((format!("{kind:?} card text"), c.text, c.fill));
        }
        for (i, b) in badges.iter().enumerate() {
            pairs.push((format!("badge {i} text"), b.text, b.fill));
        }
        for stage in stages {
            pairs.push((format!("stage {stage} text"), STAGE_TEXT, stage));
        }
        for background in [grid.lane_header, grid.row_even, grid.row_odd, grid.background] {
            pairs.push(("lane text".into(), grid.lane_text, background));
        }
        // Scale ticks sit in the emotion lane's header.
        pairs.push(("scale ticks".into(), grid.scale_text, grid.lane_header));
        pairs.push(("gap sign".into(), GAP_SIGN.text, GAP_SIGN.fill));
        pairs.push(("votes".into(), VOTE.text, VOTE.fill));
        pairs
    }

    #[test]
    fn contrast_follows_the_wcag_formula() {
        assert!((contrast("#000000", "#ffffff") - 21.0).abs() < 1e-9);
        assert!((contrast("#777777", "#ffffff") - 4.48).abs() < 0.01);
        assert_eq!(contrast("#2e4a7d", "#2e4a7d"), 1.0);
    }

    #[test]
    fn every_text_of_the_normal_theme_has_at_least_4_5_to_1() {
        let badges = [badge(Some(ChannelMode::Offline)), badge(Some(ChannelMode::Online)), badge(None)];
        for (what, text, background) in text_pairs(&GRID, &STAGES, badges) {
            let ratio = contrast(text, background);
            assert!(ratio >= 4.5, "{what}: {text} on {background} is {ratio:.2}:1");
        }
    }

    #[test]
    fn every_text_of_the_projector_theme_has_at_least_7_to_1_and_curves_3_to_1() {
        let p = &PROJECTOR;
        let badges = [p.badges.offline, p.badges.online, p.badges.none];
        for (what, text, background) in text_pairs(&p.grid, &p.stages, badges) {
            let ratio = contrast(text, background);
            assert!(ratio >= 7.0, "{what}: {text} on {background} is {ratio:.2}:1");
        }
        for curve in p.curves {
            for background in [p.grid.row_even, p.grid.row_odd] {
                let ratio = contrast(curve, background);
                assert!(ratio >= 3.0, "curve {curve} on {background} is {ratio:.2}:1");
            }
        }
    }
}
