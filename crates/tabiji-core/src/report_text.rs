//! The analysis report in words, in Japanese or English: what `tabiji report` prints and what
//! the report page of an exported picture shows, from the same sentences.

use std::collections::HashMap;

use crate::actuals::period::label as period_label;
use crate::analysis::{Gap, Report};
use crate::model::{Language, Map};
use crate::text;

/// A titled part of the report.
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    pub title: String,
    pub items: Vec<Item>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    pub text: String,
    /// What needs attention first: the bottleneck stage.
    pub alert: bool,
}

impl Item {
    fn plain(text: String) -> Item {
        Item { text, alert: false }
    }
}

/// The report's sentences in one language; `{name}` marks where a value goes.
struct Words {
    heading: &'static str,
    stages: &'static str,
    latest: &'static str,
    period: &'static str,
    standing: &'static str,
    no_standing: &'static str,
    bottleneck: &'static str,
    grading: &'static str,
    samples: &'static str,
    funnel: &'static str,
    no_funnel: &'static str,
    step: &'static str,
    low_return: &'static str,
    touchpoint: &'static str,
    by_channel: &'static str,
    by_department: &'static str,
    total: &'static str,
    gaps: &'static str,
    stage_gap: &'static str,
    touchpoint_gap: &'static str,
    hand_off_gap: &'static str,
    none: &'static str,
}

const JA: Words = Words {
    heading: "分析レポート:{title}",
    stages: "ステージ別の KPI 達成率({judged})",
    latest: "各 KPI の最新の実績",
    period: "期間 {period}",
    standing: "{stage}:{kpis} 件の KPI で目標の {percent} %",
    no_standing: "{stage}:目標と実績のそろった KPI がありません",
    bottleneck: " ← ボトルネック",
    grading: "評価の仕方:各 KPI は 100 % を上限に、実績 ÷ 目標(低いほど良い KPI は目標 ÷ 実績)、目標が 0 以下なら達成か未達かで評価し、ステージの値はその平均です。",
    samples: "このうち {count} 件の KPI はテンプレートの見本の数値で、実績ではありません。",
    funnel: "ファネルの転換率",
    no_funnel: "ファネルがまだありません。2 つ以上の KPI をファネルの段階に指定してください。",
    step: "{from} → {to}:{rates}",
    low_return: "費用のわりに効果の低いタッチポイント(費用あたりの効果が中央値の半分未満)",
    touchpoint: "{card}({stage}):費用 {cost}、効果 {effect}",
    by_channel: "チャネル別の費用と効果",
    by_department: "部署別の費用と効果",
    total: "{name}:費用 {cost}、効果 {effect}(タッチポイント {count} 件)",
    gaps: "担当の抜け・引き継ぎ",
    stage_gap: "{stage}:このステージを担当する部署がありません",
    touchpoint_gap: "{stage}:「{card}」を担当する部署がありません",
    hand_off_gap:
        "{from} → {to}:{giver} から {taker} への引き継ぎで {persona} の感情が {drop} 下がっています",
    none: "なし",
};

const EN: Words = Words {
    heading: "Report: {title}",
    stages: "KPIs against target, by stage ({judged})",
    latest: "latest actuals",
    period: "period {period}",
    standing: "{stage}: {percent} % of target over {kpis} KPI(s)",
    no_standing: "{stage}: no KPIs with target and actual",
    bottleneck: "  <- bottleneck",
    grading: "How stages are graded: each KPI counts at most 100 % (actual / target, or target / actual where lower is better; met or not where the target is 0 or below), and a stage's figure is the mean of its KPIs'.",
    samples: "{count} of these KPI(s) show the template's sample figures, not real actuals.",
    funnel: "Funnel conversion",
    no_funnel: "no funnel: mark two or more KPIs as funnel steps",
    step: "{from} -> {to}: {rates}",
    low_return: "Low-return touchpoints (under half the median effect per cost)",
    touchpoint: "{card} ({stage}): cost {cost}, effect {effect}",
    by_channel: "Spend and effect by channel",
    by_department: "Spend and effect by department",
    total: "{name}: cost {cost}, effect {effect} ({count} touchpoint(s))",
    gaps: "Ownership gaps",
    stage_gap: "{stage}: no owning department",
    touchpoint_gap: "{stage}: touchpoint \"{card}\" has no owning department",
    hand_off_gap: "{from} -> {to}: {giver} hands over to {taker} while {persona}'s emotion drops by {drop}",
    none: "none",
};

/// `template` with each `{key}` replaced by its value, isolated ([`text::isolated`]) so that the
/// direction of a name the user typed never reorders the sentence around it.
fn fill(template: &str, values: &[(&str, &str)]) -> String {
    values.iter().fold(template.to_owned(), |text, (key, value)| {
        text.replace(&format!("{{{key}}}"), &text::isolated(value))
    })
}

fn percent(rate: f64) -> String {
    text::figure((rate * 1000.0).round() / 10.0)
}

/// Names of a map's stages, departments, channels, personas, KPIs and cards (a card's is its
/// text) by id; an unknown id stands for itself.
struct Names<'a>(HashMap<&'a str, &'a str>);

impl<'a> Names<'a> {
    fn of<'b>(&self, id: &'b str) -> &'b str
    where
        'a: 'b,
    {
        self.0.get(id).copied().unwrap_or(id)
    }
}

fn words(language: Language) -> &'static Words {
    match language {
        Language::Ja => &JA,
        Language::En => &EN,
    }
}

/// The report's heading: its name and the map's title.
pub fn heading(map: &Map, language: Language) -> String {
    fill(words(language).heading, &[("title", &map.info.title)])
}

pub fn sections(map: &Map, report: &Report, language: Language) -> Vec<Section> {
    let words = words(language);
    let names = Names(
        (map.stages.iter().map(|s| (&s.id, &s.name)))
            .chain(map.departments.iter().map(|d| (&d.id, &d.name)))
            .chain(map.channels.iter().map(|c| (&c.id, &c.name)))
            .chain(map.personas.iter().map(|p| (&p.id, &p.name)))
            .chain(map.kpis.iter().map(|k| (&k.id, &k.name)))
            .chain(map.cards.iter().map(|c| (&c.id, &c.text)))
            .map(|(id, name)| (id.as_str(), name.as_str()))
            .collect(),
    );
    let or_none = |items: Vec<Item>| match items.is_empty() {
        true => vec![Item::plain(words.none.to_owned())],
        false => items,
    };

    let judged = match &report.period {
        Some(period) => fill(words.period, &[("period", &period_label(period, language))]),
        None => words.latest.to_owned(),
    };
    let samples = (report.sample_kpis > 0)
        .then(|| Item::plain(fill(words.samples, &[("count", &report.sample_kpis.to_string())])));
    let standings: Vec<Item> = samples
        .into_iter()
        .chain(report.stages.iter().map(|stage| {
            let stage_name = names.of(&stage.stage_id);
            let text = match stage.attainment {
                Some(a) => fill(
                    words.standing,
                    &[
                        ("stage", stage_name),
                        ("kpis", &stage.kpis.to_string()),
                        ("percent", &text::figure((a * 100.0).round())),
                    ],
                ),
                None => fill(words.no_standing, &[("stage", stage_name)]),
            };
            match report.bottleneck.as_ref() == Some(&stage.stage_id) {
                true => Item { text: text + words.bottleneck, alert: true },
                false => Item::plain(text),
            }
        }))
        .chain([Item::plain(words.grading.to_owned())])
        .collect();

    let funnel = match report.funnel.is_empty() {
        true => vec![Item::plain(words.no_funnel.to_owned())],
        false => report
            .funnel
            .iter()
            .map(|step| {
                let rates: Vec<String> = step
                    .conversions
                    .iter()
                    .map(|c| {
                        format!(
                            "{} {}",
                            period_label(&c.period, language),
                            c.rate.map_or("–".to_owned(), |r| format!("{} %", percent(r)))
                        )
                    })
                    .collect();
                let values = [
                    ("from", names.of(&step.from_kpi)),
                    ("to", names.of(&step.to_kpi)),
                    ("rates", &rates.join(", ")),
                ];
                Item::plain(fill(words.step, &values))
            })
            .collect(),
    };

    let low_return = report
        .touchpoints
        .iter()
        .filter(|t| t.low_return)
        .map(|t| {
            let values = [
                ("card", names.of(&t.card_id)),
                ("stage", names.of(&t.stage_id)),
                ("cost", &text::figure(t.cost)),
                ("effect", &text::figure(t.effect)),
            ];
            Item::plain(fill(words.touchpoint, &values))
        })
        .collect();

    let totals = |list: &[crate::analysis::Total]| -> Vec<Item> {
        list.iter()
            .map(|total| {
                let values = [
                    ("name", names.of(&total.id)),
                    ("cost", &text::figure(total.cost)),
                    ("effect", &text::figure(total.effect)),
                    ("count", &total.touchpoints.to_string()),
                ];
                Item::plain(fill(words.total, &values))
            })
            .collect()
    };

    let gaps = report
        .gaps
        .iter()
        .map(|gap| {
            Item::plain(match gap {
                Gap::StageWithoutOwner { stage_id } => {
                    fill(words.stage_gap, &[("stage", names.of(stage_id))])
                }
                Gap::TouchpointWithoutOwner { card_id, stage_id } => {
                    fill(words.touchpoint_gap, &[("stage", names.of(stage_id)), ("card", names.of(card_id))])
                }
                Gap::HandOffWhileMoodDrops {
                    from_stage,
                    to_stage,
                    from_department,
                    to_department,
                    persona_id,
                    drop,
                } => {
                    let values = [
                        ("from", names.of(from_stage)),
                        ("to", names.of(to_stage)),
                        ("giver", names.of(from_department)),
                        ("taker", names.of(to_department)),
                        ("persona", names.of(persona_id)),
                        ("drop", &text::figure(*drop)),
                    ];
                    fill(words.hand_off_gap, &values)
                }
            })
        })
        .collect();

    vec![
        Section { title: fill(words.stages, &[("judged", &judged)]), items: standings },
        Section { title: words.funnel.to_owned(), items: funnel },
        Section { title: words.low_return.to_owned(), items: or_none(low_return) },
        Section { title: words.by_channel.to_owned(), items: or_none(totals(&report.by_channel)) },
        Section { title: words.by_department.to_owned(), items: or_none(totals(&report.by_department)) },
        Section { title: words.gaps.to_owned(), items: or_none(gaps) },
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis;
    use crate::template::Template;

    #[test]
    fn the_template_reads_in_both_languages_with_the_bottleneck_alerted() {
        for language in [Language::Ja, Language::En] {
            let map = Template::B2b.build(language, None);
            let report = analysis::report(&map, None);
            let sections = sections(&map, &report, language);
            assert_eq!(sections.len(), 6);
            let alerts: Vec<&Item> = sections[0].items.iter().filter(|i| i.alert).collect();
            assert_eq!(alerts.len(), 1, "{language:?}: one bottleneck");
            let bottleneck = map.stages.iter().find(|s| Some(&s.id) == report.bottleneck.as_ref()).unwrap();
            assert!(alerts[0].text.starts_with(&bottleneck.name));
            // Every placeholder was filled.
            for section in &sections {
                for item in &section.items {
                    assert!(!item.text.contains('{'), "{language:?}: {}", item.text);
                }
            }
            assert_eq!(sections[5].items.len(), report.gaps.len());
        }
    }
}
