//! The map document as plain data: what a journey map holds, independent of how it is stored.
//!
//! Orderings are implicit: stages, lanes, personas and KPIs are listed in display order, and cards
//! are listed in display order within their (stage, lane) cell. The same shape is the JSON file
//! format (see docs/file-format.md) and what the UI receives.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Identifier of any entity in a map. Built-in catalogue entries use readable keys
/// (`trade_show`, `sales`); everything else gets a short random id with a type prefix.
pub type Id = String;

/// Emotion scores run from `SCORE_MIN` (very negative) to `SCORE_MAX` (very positive).
pub const SCORE_MIN: f64 = -2.0;
pub const SCORE_MAX: f64 = 2.0;
/// Longest text a card, note or description may hold, in characters.
pub const MAX_TEXT_CHARS: usize = 20_000;
/// Longest name (stage, lane, persona, channel, KPI …) in characters.
pub const MAX_NAME_CHARS: usize = 200;
/// Longest emotion quote in characters.
pub const MAX_QUOTE_CHARS: usize = 500;
/// Stage columns are between these widths, in layout units (CSS pixels at 100 %).
pub const STAGE_WIDTH_MIN: f64 = 160.0;
pub const STAGE_WIDTH_MAX: f64 = 1200.0;
pub const STAGE_WIDTH_DEFAULT: f64 = 280.0;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Language {
    Ja,
    En,
}

impl Language {
    pub fn code(self) -> &'static str {
        match self {
            Language::Ja => "ja",
            Language::En => "en",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        match code {
            "ja" => Some(Language::Ja),
            "en" => Some(Language::En),
            _ => None,
        }
    }

    /// Japanese for a Japanese locale (`ja`, `ja_JP.UTF-8`, `ja-JP`), English for any other.
    pub fn from_locale(locale: &str) -> Self {
        match locale.to_ascii_lowercase().starts_with("ja") {
            true => Language::Ja,
            false => Language::En,
        }
    }

    /// The language of the operating system's user interface (English when it cannot be told).
    pub fn of_system() -> Self {
        sys_locale::get_locale().map_or(Language::En, |locale| Language::from_locale(&locale))
    }
}

/// What a lane (row) holds. Each kind has a default card kind and its own painting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum LaneKind {
    Touchpoints,
    Actions,
    Thoughts,
    Emotions,
    PainPoints,
    Initiatives,
    Kpis,
    Owners,
    FreeText,
}

impl LaneKind {
    pub const ALL: [LaneKind; 9] = [
        LaneKind::Touchpoints,
        LaneKind::Actions,
        LaneKind::Thoughts,
        LaneKind::Emotions,
        LaneKind::PainPoints,
        LaneKind::Initiatives,
        LaneKind::Kpis,
        LaneKind::Owners,
        LaneKind::FreeText,
    ];

    /// The card kind created when a card is added to this lane without saying which.
    pub fn default_card_kind(self) -> CardKind {
        match self {
            LaneKind::Touchpoints => CardKind::Touchpoint,
            LaneKind::Actions => CardKind::Action,
            LaneKind::Thoughts => CardKind::Thought,
            LaneKind::PainPoints => CardKind::PainPoint,
            LaneKind::Initiatives => CardKind::Initiative,
            LaneKind::Owners => CardKind::Owner,
            LaneKind::Emotions | LaneKind::Kpis | LaneKind::FreeText => CardKind::Note,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum CardKind {
    Touchpoint,
    Action,
    Thought,
    PainPoint,
    Initiative,
    Owner,
    Note,
}

/// The name serde gives a unit enum variant (`pain_point`): how such values are stored in the
/// file and keyed in the UI's theme.
pub fn variant_name<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(name)) => name,
        _ => unreachable!("only unit enum variants are named"),
    }
}

impl CardKind {
    pub const ALL: [CardKind; 7] = [
        CardKind::Touchpoint,
        CardKind::Action,
        CardKind::Thought,
        CardKind::PainPoint,
        CardKind::Initiative,
        CardKind::Owner,
        CardKind::Note,
    ];
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ChannelMode {
    Offline,
    Online,
}

/// The part a person plays in a B2B purchase.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum BuyingRole {
    InformationGatherer,
    Evaluator,
    Approver,
    EndUser,
    Other,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct MapInfo {
    pub title: String,
    #[serde(default)]
    pub description: String,
    pub language: Language,
    /// RFC 3339 UTC; set by the store when the file is created.
    #[serde(default)]
    pub created_at: String,
    /// RFC 3339 UTC; set by the store on every change.
    #[serde(default)]
    pub updated_at: String,
    /// The month (1–12) the map's fiscal year begins in; fiscal periods (`FY2026`, `FY2026-Q1`)
    /// count from it. April, as most Japanese companies use, when not set.
    #[serde(default = "default_fiscal_year_start")]
    pub fiscal_year_start: u8,
}

pub const FISCAL_YEAR_START_DEFAULT: u8 = 4;

fn default_fiscal_year_start() -> u8 {
    FISCAL_YEAR_START_DEFAULT
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Stage {
    pub id: Id,
    pub name: String,
    #[serde(default = "default_stage_width")]
    pub width: f64,
}

fn default_stage_width() -> f64 {
    STAGE_WIDTH_DEFAULT
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Lane {
    pub id: Id,
    pub kind: LaneKind,
    pub name: String,
    #[serde(default)]
    pub hidden: bool,
}

/// A way of meeting the customer: a trade show, a website, a webinar …
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Channel {
    pub id: Id,
    pub name: String,
    pub mode: ChannelMode,
    /// Key of the icon the painters draw (see `icons::ICONS`).
    pub icon: String,
}

/// A department that owns touchpoints and initiatives.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Department {
    pub id: Id,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Card {
    pub id: Id,
    pub stage_id: Id,
    pub lane_id: Id,
    pub kind: CardKind,
    pub text: String,
    #[serde(default)]
    pub channel_id: Option<Id>,
    #[serde(default)]
    pub department_id: Option<Id>,
    #[serde(default)]
    pub persona_id: Option<Id>,
    /// What the touchpoint costs per period, in the map's currency.
    #[serde(default)]
    pub cost: Option<f64>,
    /// The measured effect (leads, opportunities …) the touchpoint returns per period.
    #[serde(default)]
    pub effect: Option<f64>,
    #[serde(default)]
    pub notes: String,
    /// The dots the card received in the latest dot vote of a workshop (presentation mode).
    #[serde(default)]
    pub votes: u32,
}

/// The buying organisation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct OrgPersona {
    pub id: Id,
    pub name: String,
    #[serde(default)]
    pub industry: String,
    #[serde(default)]
    pub company_size: String,
    #[serde(default)]
    pub adoption_purpose: String,
    #[serde(default)]
    pub budget_cycle: String,
}

/// One person in the buying organisation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Persona {
    pub id: Id,
    pub org_id: Id,
    pub name: String,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub department: String,
    #[serde(default)]
    pub decision_authority: String,
    pub buying_role: BuyingRole,
    #[serde(default)]
    pub goals: String,
    #[serde(default)]
    pub worries: String,
    /// `#rrggbb`
    pub color: String,
    /// The stages this person takes part in, listed in stage order.
    #[serde(default)]
    pub stage_ids: Vec<Id>,
}

/// A point on a persona's emotion curve.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct EmotionPoint {
    pub id: Id,
    pub persona_id: Id,
    pub stage_id: Id,
    /// Where inside the stage column the point sits, 0 (left edge) … 1 (right edge).
    pub x: f64,
    /// `SCORE_MIN` … `SCORE_MAX`.
    pub score: f64,
    #[serde(default)]
    pub quote: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Kpi {
    pub id: Id,
    pub stage_id: Id,
    pub name: String,
    #[serde(default)]
    pub unit: String,
    #[serde(default)]
    pub target: Option<f64>,
    #[serde(default)]
    pub actual: Option<f64>,
    #[serde(default)]
    pub period: String,
    #[serde(default)]
    pub source: String,
    /// Actuals of earlier periods, one per period, oldest first; `actual` and `period` are the
    /// latest. Each CSV import of actuals adds or replaces a period here.
    #[serde(default)]
    pub history: Vec<PeriodActual>,
    /// One step of the stage-to-stage funnel (leads → opportunities → deals): conversion is
    /// reported from each funnel KPI to the next, in map order.
    #[serde(default)]
    pub funnel: bool,
    /// Which way the KPI improves: more downloads are better, less churn is.
    #[serde(default)]
    pub better: Better,
    /// The actuals are a template's examples, not real figures; imported actuals replace them.
    #[serde(default)]
    pub sample: bool,
}

/// Which way a KPI improves.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Better {
    #[default]
    Higher,
    Lower,
}

impl Better {
    pub fn code(self) -> &'static str {
        match self {
            Better::Higher => "higher",
            Better::Lower => "lower",
        }
    }

    pub fn parse(code: &str) -> Option<Better> {
        match code {
            "higher" => Some(Better::Higher),
            "lower" => Some(Better::Lower),
            _ => None,
        }
    }
}

impl Kpi {
    /// How `actual` stands against the KPI's target, from 0.0 to 1.0 (on target or better):
    /// actual ÷ target, or target ÷ actual where lower is better, capped at 1.0 so that one KPI
    /// far above target cannot hide another below it. A target of zero or below (an NPS of −3)
    /// is met or not: 1.0 or 0.0. `None` without both figures.
    pub fn grade(&self, actual: Option<f64>) -> Option<f64> {
        let (actual, target) = (actual?, self.target?);
        let better = match self.better {
            Better::Higher => actual >= target,
            Better::Lower => actual <= target,
        };
        Some(match (better, target > 0.0) {
            (true, _) => 1.0,
            (false, false) => 0.0,
            (false, true) => match self.better {
                Better::Higher => (actual / target).max(0.0),
                // Here actual > target > 0.
                Better::Lower => target / actual,
            },
        })
    }

    /// The actual of `period`: the latest one or one kept in the history.
    pub fn actual_in(&self, period: &str) -> Option<f64> {
        match self.period == period {
            true => self.actual,
            false => self.history.iter().find(|h| h.period == period).map(|h| h.actual),
        }
    }
}

/// A KPI's actual for one period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct PeriodActual {
    pub period: String,
    pub actual: f64,
}

/// A whole map.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Map {
    pub info: MapInfo,
    pub stages: Vec<Stage>,
    pub lanes: Vec<Lane>,
    pub channels: Vec<Channel>,
    pub departments: Vec<Department>,
    pub cards: Vec<Card>,
    pub orgs: Vec<OrgPersona>,
    pub personas: Vec<Persona>,
    /// Per persona, ordered along the journey (stage order, then `x`).
    pub emotion_points: Vec<EmotionPoint>,
    pub kpis: Vec<Kpi>,
}

impl Map {
    pub fn stage_index(&self, id: &str) -> Option<usize> {
        self.stages.iter().position(|s| s.id == id)
    }

    pub fn lane_index(&self, id: &str) -> Option<usize> {
        self.lanes.iter().position(|l| l.id == id)
    }

    /// Counts shown by `tabiji info` and the home screen.
    pub fn counts(&self) -> Counts {
        Counts {
            stages: self.stages.len(),
            lanes: self.lanes.len(),
            cards: self.cards.len(),
            orgs: self.orgs.len(),
            personas: self.personas.len(),
            emotion_points: self.emotion_points.len(),
            kpis: self.kpis.len(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Counts {
    pub stages: usize,
    pub lanes: usize,
    pub cards: usize,
    pub orgs: usize,
    pub personas: usize,
    pub emotion_points: usize,
    pub kpis: usize,
}
