//! Starting maps: `b2b` (a worked example of a B2B purchase) and `blank`, in Japanese and English.
//!
//! Template ids are fixed (`st_1`, `cd_12` …) so that a template always yields the same map.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::catalogue;
use crate::model::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Template {
    B2b,
    Blank,
}

impl Template {
    pub fn parse(name: &str) -> Option<Self> {
        match name {
            "b2b" => Some(Template::B2b),
            "blank" => Some(Template::Blank),
            _ => None,
        }
    }

    /// The template's map in `lang`, titled `title` (or the template's own title).
    pub fn build(self, lang: Language, title: Option<&str>) -> Map {
        let mut map = match self {
            Template::B2b => b2b(lang),
            Template::Blank => blank(lang),
        };
        if let Some(title) = title {
            map.info.title = title.to_owned();
        }
        map
    }
}

/// Picks the Japanese or English text.
fn tr(lang: Language, ja: &str, en: &str) -> String {
    match lang {
        Language::Ja => ja,
        Language::En => en,
    }
    .to_owned()
}

const STAGES: [(&str, &str); 5] = [
    ("認知", "Awareness"),
    ("検討", "Consideration"),
    ("決定", "Decision"),
    ("維持", "Retention"),
    ("推奨", "Advocacy"),
];

const LANES: [(LaneKind, &str, &str); 9] = [
    (LaneKind::Touchpoints, "タッチポイント", "Touchpoints"),
    (LaneKind::Actions, "顧客の行動", "Customer actions"),
    (LaneKind::Thoughts, "思考・疑問", "Thoughts and questions"),
    (LaneKind::Emotions, "感情", "Emotions"),
    (LaneKind::PainPoints, "課題", "Pain points"),
    (LaneKind::Initiatives, "施策", "Initiatives"),
    (LaneKind::Kpis, "KPI", "KPIs"),
    (LaneKind::Owners, "担当部門", "Owners"),
    (LaneKind::FreeText, "メモ", "Notes"),
];

fn lane_id(kind: LaneKind) -> Id {
    let name =
        serde_json::to_value(kind).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default();
    format!("ln_{name}")
}

/// Five B2B stages and every lane kind, with the built-in channels and departments.
fn skeleton(lang: Language, title: String, description: String) -> Map {
    Map {
        info: MapInfo {
            title,
            description,
            language: lang,
            created_at: String::new(),
            updated_at: String::new(),
            fiscal_year_start: FISCAL_YEAR_START_DEFAULT,
        },
        stages: STAGES
            .iter()
            .enumerate()
            .map(|(i, (ja, en))| Stage {
                id: format!("st_{}", i + 1),
                name: tr(lang, ja, en),
                width: STAGE_WIDTH_DEFAULT,
            })
            .collect(),
        lanes: LANES
            .iter()
            .map(|(kind, ja, en)| Lane {
                id: lane_id(*kind),
                kind: *kind,
                name: tr(lang, ja, en),
                hidden: false,
            })
            .collect(),
        channels: catalogue::channels(lang),
        departments: catalogue::departments(lang),
        cards: Vec::new(),
        orgs: Vec::new(),
        personas: Vec::new(),
        emotion_points: Vec::new(),
        kpis: Vec::new(),
    }
}

fn blank(lang: Language) -> Map {
    skeleton(lang, tr(lang, "新しいジャーニーマップ", "New journey map"), String::new())
}

/// A touchpoint or other card of the example: stage number (1–5), lane, text, and for
/// touchpoints the channel, owning department, cost and effect.
struct ExampleCard {
    stage: usize,
    lane: LaneKind,
    ja: &'static str,
    en: &'static str,
    channel: Option<&'static str>,
    department: Option<&'static str>,
    cost: Option<f64>,
    effect: Option<f64>,
}

const fn note(stage: usize, lane: LaneKind, ja: &'static str, en: &'static str) -> ExampleCard {
    ExampleCard { stage, lane, ja, en, channel: None, department: None, cost: None, effect: None }
}

const fn touchpoint(
    stage: usize,
    channel: &'static str,
    department: &'static str,
    cost: f64,
    effect: f64,
    ja: &'static str,
    en: &'static str,
) -> ExampleCard {
    ExampleCard {
        stage,
        lane: LaneKind::Touchpoints,
        ja,
        en,
        channel: Some(channel),
        department: Some(department),
        cost: Some(cost),
        effect: Some(effect),
    }
}

const fn owner(stage: usize, department: &'static str, ja: &'static str, en: &'static str) -> ExampleCard {
    ExampleCard { department: Some(department), ..note(stage, LaneKind::Owners, ja, en) }
}

use LaneKind::{Actions, FreeText, Initiatives, PainPoints, Thoughts};

const EXAMPLE_CARDS: &[ExampleCard] = &[
    // Awareness
    touchpoint(
        1,
        "search_ad",
        "marketing",
        300_000.0,
        120.0,
        "「受発注 効率化」で検索し、広告から製品ページへ",
        "Searches for ways to speed up ordering and lands on the product page from an ad",
    ),
    touchpoint(
        1,
        "trade_show",
        "marketing",
        1_500_000.0,
        80.0,
        "製造業向けの展示会でブースに立ち寄る",
        "Stops by the booth at a manufacturing trade show",
    ),
    touchpoint(
        1,
        "white_paper",
        "marketing",
        200_000.0,
        150.0,
        "業界課題をまとめた資料をダウンロード",
        "Downloads a white paper on the industry's ordering problems",
    ),
    note(
        1,
        Actions,
        "紙とExcelの受発注に限界を感じ、解決策を調べ始める",
        "Feels the limits of paper and spreadsheet ordering and starts looking for options",
    ),
    note(
        1,
        Thoughts,
        "他社はどうやって受発注を効率化しているのだろう?",
        "How do other companies handle orders more efficiently?",
    ),
    note(
        1,
        PainPoints,
        "課題が社内で共有されておらず、まだ予算がない",
        "The problem is not shared inside the company and has no budget yet",
    ),
    note(
        1,
        Initiatives,
        "業界別の課題解説ウェビナーを毎月開催する",
        "Run a monthly webinar on each industry's ordering problems",
    ),
    owner(
        1,
        "marketing",
        "マーケティングが集客と資料提供を担う",
        "Marketing brings visitors in and supplies material",
    ),
    // Consideration
    touchpoint(
        2,
        "webinar",
        "marketing",
        150_000.0,
        60.0,
        "製品デモ付きのウェビナーに参加",
        "Joins a webinar with a live product demo",
    ),
    touchpoint(
        2,
        "case_study",
        "marketing",
        100_000.0,
        40.0,
        "同業他社の導入事例を読む",
        "Reads how a company in the same industry adopted the product",
    ),
    touchpoint(
        2,
        "online_meeting",
        "inside_sales",
        250_000.0,
        35.0,
        "インサイドセールスとオンラインで要件を確認",
        "Goes through requirements online with inside sales",
    ),
    note(
        2,
        Actions,
        "3社を比較し、候補を2社に絞ってデモを依頼する",
        "Compares three vendors, shortlists two and asks for demos",
    ),
    note(2, Thoughts, "今の基幹システムとつながるだろうか?", "Will it connect to our current ERP?"),
    note(
        2,
        PainPoints,
        "比較表づくりに手間がかかり、連携の可否が分からない",
        "Building a comparison takes effort and integration is unclear",
    ),
    note(
        2,
        Initiatives,
        "比較資料と連携の実演をデモに組み込む",
        "Add a comparison sheet and an integration walkthrough to every demo",
    ),
    owner(
        2,
        "inside_sales",
        "インサイドセールスが商談化まで伴走する",
        "Inside sales guides the prospect until there is an opportunity",
    ),
    // Decision
    touchpoint(
        3,
        "sales_meeting",
        "sales",
        400_000.0,
        12.0,
        "訪問商談で見積もりと導入計画の説明を受ける",
        "Receives the quote and rollout plan in an on-site meeting",
    ),
    touchpoint(
        3,
        "email",
        "sales",
        20_000.0,
        10.0,
        "稟議用の資料一式をメールで受け取る",
        "Gets the full set of approval documents by email",
    ),
    note(
        3,
        Actions,
        "稟議書を作成し、役員会で説明する",
        "Writes the approval request and presents it to the board",
    ),
    note(
        3,
        Thoughts,
        "投資対効果を経営陣に納得してもらえるか?",
        "Can we convince management of the return on investment?",
    ),
    note(3, PainPoints, "稟議に必要な数値の根拠が足りない", "The approval request lacks hard numbers"),
    note(
        3,
        Initiatives,
        "ROI試算シートと稟議書のひな形を提供する",
        "Provide an ROI calculator and an approval-request template",
    ),
    owner(3, "sales", "営業が条件交渉と稟議支援を担う", "Sales negotiates terms and supports the approval"),
    // Retention
    touchpoint(
        4,
        "email",
        "customer_success",
        30_000.0,
        50.0,
        "導入直後のオンボーディングメールを受け取る",
        "Receives onboarding emails right after signing",
    ),
    touchpoint(
        4,
        "online_meeting",
        "customer_success",
        200_000.0,
        30.0,
        "四半期ごとの定例会で活用状況を振り返る",
        "Reviews usage in a quarterly business review",
    ),
    touchpoint(
        4,
        "chatbot",
        "customer_success",
        80_000.0,
        200.0,
        "チャットボットで操作方法を質問する",
        "Asks the chatbot how to use a feature",
    ),
    note(4, Actions, "現場に展開し、操作研修を行う", "Rolls the product out and trains the staff"),
    note(4, Thoughts, "現場が本当に使い続けてくれるだろうか?", "Will the staff really keep using it?"),
    note(
        4,
        PainPoints,
        "初期設定の負担が大きく、問い合わせ先が分かりにくい",
        "Initial setup is heavy and it is unclear whom to ask",
    ),
    note(
        4,
        Initiatives,
        "カスタマーサクセスが定着度を見て先回りで支援する",
        "Customer success watches adoption and steps in early",
    ),
    owner(
        4,
        "customer_success",
        "カスタマーサクセスが定着と継続を担う",
        "Customer success owns adoption and renewal",
    ),
    // Advocacy
    touchpoint(
        5,
        "user_event",
        "customer_success",
        500_000.0,
        15.0,
        "ユーザー会で活用事例を発表する",
        "Presents their results at the user conference",
    ),
    touchpoint(
        5,
        "case_study",
        "marketing",
        300_000.0,
        8.0,
        "共同で導入事例記事をつくる",
        "Co-writes a published case study",
    ),
    touchpoint(
        5,
        "referral",
        "sales",
        50_000.0,
        6.0,
        "取引先に製品を紹介する",
        "Recommends the product to a business partner",
    ),
    note(
        5,
        Actions,
        "導入事例の取材に協力し、他社にも勧める",
        "Agrees to a case-study interview and recommends the product",
    ),
    note(5, Thoughts, "成果が出たので、社外にも伝えたい", "We got results; others should hear about it"),
    note(
        5,
        PainPoints,
        "紹介することの自社のメリットが見えにくい",
        "The benefit of referring others is not obvious",
    ),
    note(
        5,
        Initiatives,
        "紹介プログラムと共同事例づくりを用意する",
        "Offer a referral programme and joint case studies",
    ),
    owner(
        5,
        "marketing",
        "マーケティングと営業が紹介を後押しする",
        "Marketing and sales encourage referrals",
    ),
    note(
        5,
        FreeText,
        "次回のワークショップで紹介プログラムの条件を決める",
        "Decide the referral programme's terms at the next workshop",
    ),
];

struct ExamplePersona {
    role: BuyingRole,
    name: (&'static str, &'static str),
    title: (&'static str, &'static str),
    department: (&'static str, &'static str),
    authority: (&'static str, &'static str),
    goals: (&'static str, &'static str),
    worries: (&'static str, &'static str),
    color: &'static str,
    /// (stage 1–5, x inside the stage, score, quote in ja, quote in en)
    curve: &'static [(usize, f64, f64, &'static str, &'static str)],
}

const EXAMPLE_PERSONAS: &[ExamplePersona] = &[
    ExamplePersona {
        role: BuyingRole::InformationGatherer,
        name: ("佐藤 美咲", "Misaki Sato"),
        title: ("主任", "Team lead"),
        department: ("情報システム部", "IT department"),
        authority: ("候補の選定まで", "Draws up the shortlist"),
        goals: ("短期間で信頼できる候補を集める", "Find trustworthy candidates quickly"),
        worries: ("情報が多すぎて比較が進まない", "Too much information to compare"),
        color: "#2563eb",
        curve: &[
            (
                1,
                0.5,
                -0.5,
                "情報が多すぎて、何から見ればいいのか…",
                "So much out there, where do I even start?",
            ),
            (2, 0.5, 1.0, "比較資料があって助かる", "The comparison sheet really helps"),
            (3, 0.5, -0.5, "稟議の資料づくりが大変", "Preparing the approval papers is hard work"),
            (4, 0.5, 0.5, "", ""),
            (5, 0.5, 1.0, "", ""),
        ],
    },
    ExamplePersona {
        role: BuyingRole::Evaluator,
        name: ("高橋 健", "Ken Takahashi"),
        title: ("課長", "Section manager"),
        department: ("業務改革推進室", "Business process office"),
        authority: ("評価と推薦", "Evaluates and recommends"),
        goals: ("現場の業務に合う製品を選ぶ", "Choose a product that fits how the team works"),
        worries: ("既存システムとの連携と現場への定着", "Integration with existing systems and adoption"),
        color: "#059669",
        curve: &[
            (1, 0.5, 0.0, "", ""),
            (2, 0.4, -1.0, "既存システムとつながるか不安", "Worried it won't connect to our systems"),
            (3, 0.6, 0.5, "連携のデモで安心した", "The integration demo put my mind at rest"),
            (4, 0.4, -0.5, "現場が使ってくれるか心配", "Not sure the team will take to it"),
            (5, 0.6, 1.5, "業務時間が目に見えて減った", "We clearly spend less time on orders"),
        ],
    },
    ExamplePersona {
        role: BuyingRole::Approver,
        name: ("田中 誠", "Makoto Tanaka"),
        title: ("取締役 管理本部長", "Director of administration"),
        department: ("管理本部", "Administration division"),
        authority: ("予算の最終承認", "Final budget approval"),
        goals: ("投資に見合う成果を出す", "Get a return that justifies the spend"),
        worries: ("費用対効果が見えないこと", "Not seeing the return on investment"),
        color: "#d97706",
        curve: &[
            (2, 0.7, -0.5, "また新しいシステムの話か", "Another new system?"),
            (3, 0.3, -1.5, "費用対効果が見えない", "I can't see the return"),
            (3, 0.8, 0.5, "ROI試算で判断できた", "The ROI estimate let me decide"),
            (4, 0.5, 1.0, "", ""),
            (5, 0.5, 1.5, "他部門にも広げたい", "Let's roll it out to other divisions"),
        ],
    },
];

/// An example KPI: stage number (1–5), name and unit in ja and en, target, actual and source.
struct ExampleKpi {
    stage: usize,
    name: (&'static str, &'static str),
    unit: (&'static str, &'static str),
    target: f64,
    actual: f64,
    source: &'static str,
    /// A step of the example's funnel: downloads → demo requests → quotes.
    funnel: bool,
    better: Better,
}

const EXAMPLE_KPIS: &[ExampleKpi] = &[
    ExampleKpi {
        stage: 1,
        name: ("資料ダウンロード数", "Content downloads"),
        unit: ("件", "downloads"),
        target: 300.0,
        actual: 240.0,
        source: "MA",
        funnel: true,
        better: Better::Higher,
    },
    ExampleKpi {
        stage: 1,
        name: ("広告クリック率", "Ad click-through rate"),
        unit: ("%", "%"),
        target: 2.5,
        actual: 1.8,
        source: "Ads",
        funnel: false,
        better: Better::Higher,
    },
    ExampleKpi {
        stage: 2,
        name: ("デモ依頼数", "Demo requests"),
        unit: ("件", "requests"),
        target: 60.0,
        actual: 45.0,
        source: "MA",
        funnel: true,
        better: Better::Higher,
    },
    ExampleKpi {
        stage: 2,
        name: ("商談化数", "Opportunities"),
        unit: ("件", "opportunities"),
        target: 40.0,
        actual: 22.0,
        source: "CRM",
        funnel: false,
        better: Better::Higher,
    },
    ExampleKpi {
        stage: 3,
        name: ("見積提出数", "Quotes sent"),
        unit: ("件", "quotes"),
        target: 30.0,
        actual: 24.0,
        source: "CRM",
        funnel: true,
        better: Better::Higher,
    },
    ExampleKpi {
        stage: 3,
        name: ("受注率", "Close rate"),
        unit: ("%", "%"),
        target: 30.0,
        actual: 25.0,
        source: "CRM",
        funnel: false,
        better: Better::Higher,
    },
    ExampleKpi {
        stage: 4,
        name: ("解約率", "Churn rate"),
        unit: ("%", "%"),
        target: 3.0,
        actual: 4.0,
        source: "CRM",
        funnel: false,
        better: Better::Lower,
    },
    ExampleKpi {
        stage: 4,
        name: ("NPS", "NPS"),
        unit: ("pt", "pt"),
        target: 30.0,
        actual: 22.0,
        source: "Survey",
        funnel: false,
        better: Better::Higher,
    },
    ExampleKpi {
        stage: 5,
        name: ("紹介件数", "Referrals"),
        unit: ("件", "referrals"),
        target: 10.0,
        actual: 6.0,
        source: "CRM",
        funnel: false,
        better: Better::Higher,
    },
    ExampleKpi {
        stage: 5,
        name: ("公開事例数", "Case studies published"),
        unit: ("件", "case studies"),
        target: 4.0,
        actual: 2.0,
        source: "Marketing",
        funnel: false,
        better: Better::Higher,
    },
];

fn b2b(lang: Language) -> Map {
    let mut map = skeleton(
        lang,
        tr(lang, "受発注クラウド 導入ジャーニー", "Order management cloud: buyer journey"),
        tr(
            lang,
            "中堅製造業が受発注クラウドを知り、比較し、稟議を通して導入し、社外に勧めるまでの道のり。",
            "How a mid-sized manufacturer discovers an order management cloud, compares vendors, gets approval, adopts it and recommends it.",
        ),
    );
    let stage_id = |n: usize| format!("st_{n}");
    let org_id = "or_1".to_owned();
    map.orgs.push(OrgPersona {
        id: org_id.clone(),
        name: tr(lang, "サンプル精機株式会社", "Sample Precision Co., Ltd."),
        industry: tr(lang, "製造業(精密部品)", "Manufacturing (precision parts)"),
        company_size: tr(lang, "従業員 約300名", "About 300 employees"),
        adoption_purpose: tr(
            lang,
            "紙とExcelによる受発注をやめ、データを一元管理したい",
            "Replace paper and spreadsheet ordering with one shared system",
        ),
        budget_cycle: tr(lang, "4月始まりの年度予算", "Fiscal year starting in April"),
    });
    for (i, p) in EXAMPLE_PERSONAS.iter().enumerate() {
        let persona_id = format!("pe_{}", i + 1);
        let pick = |(ja, en): (&str, &str)| tr(lang, ja, en);
        map.personas.push(Persona {
            id: persona_id.clone(),
            org_id: org_id.clone(),
            name: pick(p.name),
            title: pick(p.title),
            department: pick(p.department),
            decision_authority: pick(p.authority),
            buying_role: p.role,
            goals: pick(p.goals),
            worries: pick(p.worries),
            color: p.color.to_owned(),
            stage_ids: involved_stages(p.curve).into_iter().map(stage_id).collect(),
        });
        for (j, &(stage, x, score, ja, en)) in p.curve.iter().enumerate() {
            map.emotion_points.push(EmotionPoint {
                id: format!("ep_{}_{}", i + 1, j + 1),
                persona_id: persona_id.clone(),
                stage_id: stage_id(stage),
                x,
                score,
                quote: tr(lang, ja, en),
            });
        }
    }
    // Cards are listed cell by cell: by stage, then lane order, keeping the example's order.
    let lane_order = |kind: LaneKind| LANES.iter().position(|(k, _, _)| *k == kind).unwrap_or(usize::MAX);
    let mut examples: Vec<(usize, &ExampleCard)> = EXAMPLE_CARDS.iter().enumerate().collect();
    examples.sort_by_key(|(i, c)| (c.stage, lane_order(c.lane), *i));
    for (n, (_, c)) in examples.into_iter().enumerate() {
        map.cards.push(Card {
            id: format!("cd_{}", n + 1),
            stage_id: stage_id(c.stage),
            lane_id: lane_id(c.lane),
            kind: c.lane.default_card_kind(),
            text: tr(lang, c.ja, c.en),
            channel_id: c.channel.map(str::to_owned),
            department_id: c.department.map(str::to_owned),
            persona_id: None,
            cost: c.cost,
            effect: c.effect,
            notes: String::new(),
            votes: 0,
        });
    }
    for (n, k) in EXAMPLE_KPIS.iter().enumerate() {
        map.kpis.push(Kpi {
            id: format!("kp_{}", n + 1),
            stage_id: stage_id(k.stage),
            name: tr(lang, k.name.0, k.name.1),
            unit: tr(lang, k.unit.0, k.unit.1),
            target: Some(k.target),
            actual: Some(k.actual),
            period: "2026-Q3".to_owned(),
            source: k.source.to_owned(),
            history: Vec::new(),
            funnel: k.funnel,
            better: k.better,
            // The example's figures show what a filled-in map looks like; they are not the
            // user's, and the report says so until real actuals replace them.
            sample: true,
        });
    }
    map
}

/// The stages (1–5, in order) where an example persona's curve has points.
fn involved_stages(curve: &[(usize, f64, f64, &str, &str)]) -> Vec<usize> {
    let mut stages: Vec<usize> = curve.iter().map(|point| point.0).collect();
    stages.dedup();
    stages
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate;

    #[test]
    fn every_template_in_every_language_is_a_valid_map() {
        for template in [Template::B2b, Template::Blank] {
            for lang in [Language::Ja, Language::En] {
                let map = template.build(lang, None);
                assert_eq!(validate::map(&map), vec![], "{template:?} {lang:?}");
                assert_eq!(map.stages.len(), 5);
                assert_eq!(map.lanes.len(), LaneKind::ALL.len());
            }
        }
    }

    #[test]
    fn the_b2b_example_has_a_buying_committee_with_curves_and_kpis_in_every_stage() {
        let map = Template::B2b.build(Language::Ja, None);
        assert_eq!(
            map.stages.iter().map(|s| s.name.as_str()).collect::<Vec<_>>(),
            ["認知", "検討", "決定", "維持", "推奨"]
        );
        let roles: Vec<_> = map.personas.iter().map(|p| p.buying_role).collect();
        assert_eq!(roles, [BuyingRole::InformationGatherer, BuyingRole::Evaluator, BuyingRole::Approver]);
        for persona in &map.personas {
            assert!(map.emotion_points.iter().filter(|e| e.persona_id == persona.id).count() >= 4);
        }
        for stage in &map.stages {
            assert!(map.kpis.iter().any(|k| k.stage_id == stage.id), "no KPI in {}", stage.name);
            let channels: Vec<_> = map
                .cards
                .iter()
                .filter(|c| c.stage_id == stage.id && c.channel_id.is_some())
                .filter_map(|c| map.channels.iter().find(|ch| Some(&ch.id) == c.channel_id.as_ref()))
                .map(|ch| ch.mode)
                .collect();
            assert!(!channels.is_empty(), "no touchpoint in {}", stage.name);
        }
        let modes: std::collections::HashSet<_> = map
            .cards
            .iter()
            .filter_map(|c| c.channel_id.as_ref())
            .filter_map(|id| map.channels.iter().find(|ch| &ch.id == id))
            .map(|ch| ch.mode)
            .collect();
        assert_eq!(modes.len(), 2, "touchpoints should cover offline and online channels");
    }
}
