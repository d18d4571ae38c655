//! What a map says when read as a whole: how each stage's KPIs stand against target and which
//! stage falls furthest short (the bottleneck), how the funnel converts from period to period,
//! which touchpoints cost much and return little,
//! spend and effect per channel and per department, and where nobody owns a stage or a
//! touchpoint or ownership changes hands while a buyer's mood drops.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;
use ts_rs::TS;

use crate::layout::KpiStatus;
use crate::model::{Better, CardKind, Id, Kpi, Map};

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Report {
    /// The period the standings are for (`None`: each KPI's latest actual).
    pub period: Option<String>,
    /// Every period some KPI has an actual for, in order.
    pub periods: Vec<String>,
    pub stages: Vec<StageStanding>,
    /// Every KPI in map order, graded for the report's period.
    pub kpis: Vec<KpiStanding>,
    /// How many of the KPIs graded show a template's sample figures rather than real ones.
    pub sample_kpis: usize,
    /// The stage whose KPIs fall furthest below target, if any falls below.
    pub bottleneck: Option<Id>,
    /// Conversion from each funnel KPI to the next, in map order.
    pub funnel: Vec<FunnelStep>,
    /// Touchpoints with both a cost and an effect, in map order.
    pub touchpoints: Vec<TouchpointReturn>,
    pub by_channel: Vec<Total>,
    pub by_department: Vec<Total>,
    pub gaps: Vec<Gap>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct StageStanding {
    pub stage_id: Id,
    /// The mean of the grades ([`Kpi::grade`], each capped at 1.0) of the stage's KPIs that have
    /// a target and an actual: 1.0 when every one is on target.
    pub attainment: Option<f64>,
    /// How many KPIs that mean is over.
    pub kpis: usize,
}

/// How one KPI stands: the figures every painter and the report grade it by.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct KpiStanding {
    pub kpi_id: Id,
    pub stage_id: Id,
    pub better: Better,
    pub actual: Option<f64>,
    pub target: Option<f64>,
    /// 0.0 … 1.0; `None` without a target and an actual.
    pub grade: Option<f64>,
    pub status: KpiStatus,
    /// The actual is a template's example.
    pub sample: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct TouchpointReturn {
    pub card_id: Id,
    pub stage_id: Id,
    pub cost: f64,
    pub effect: f64,
    /// Effect per unit of cost; `None` when the touchpoint costs nothing.
    pub effect_per_cost: Option<f64>,
    /// Returns less than half of what the map's touchpoints return per unit of cost (median).
    pub low_return: bool,
}

/// One step of the funnel: from a funnel KPI to the next one.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct FunnelStep {
    pub from_kpi: Id,
    pub to_kpi: Id,
    /// One per period of the report (all periods, or the one asked for).
    pub conversions: Vec<Conversion>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Conversion {
    pub period: String,
    /// `to ÷ from` in that period; `None` when either actual is missing or `from` is 0.
    pub rate: Option<f64>,
}

/// Spend and effect summed over the touchpoints of one channel or department.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Total {
    pub id: Id,
    pub cost: f64,
    pub effect: f64,
    pub touchpoints: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Gap {
    /// No card in the stage names an owning department.
    StageWithoutOwner { stage_id: Id },
    /// A touchpoint that no department owns.
    TouchpointWithoutOwner { card_id: Id, stage_id: Id },
    /// The owning department changes from one stage to the next while a buyer's emotion drops.
    HandOffWhileMoodDrops {
        from_stage: Id,
        to_stage: Id,
        from_department: Id,
        to_department: Id,
        persona_id: Id,
        /// How far the persona's mean score falls between the two stages.
        drop: f64,
    },
}

/// Fewer touchpoints with figures than this make no median worth judging against.
const MIN_TOUCHPOINTS_FOR_RETURN: usize = 3;

/// The report on each KPI's latest actuals, or on those of `period`.
pub fn report(map: &Map, period: Option<&str>) -> Report {
    let kpis = kpi_standings(map, period);
    let stages = standings(map, &kpis);
    let bottleneck = furthest_below_target(&stages);
    let sample_kpis = kpis.iter().filter(|k| k.sample && k.grade.is_some()).count();
    let touchpoints = returns(map);
    let periods = periods(map);
    let funnel_periods = match period {
        Some(p) => vec![p.to_owned()],
        None => periods.clone(),
    };
    Report {
        period: period.map(str::to_owned),
        funnel: funnel(map, &funnel_periods),
        periods,
        stages,
        kpis,
        sample_kpis,
        bottleneck,
        by_channel: totals(map, &touchpoints, |card| card.channel_id.as_ref()),
        by_department: totals(map, &touchpoints, |card| card.department_id.as_ref()),
        touchpoints,
        gaps: gaps(map),
    }
}

/// The stage whose KPIs fall furthest below target, if any falls below: what the canvas marks.
pub fn bottleneck(map: &Map) -> Option<Id> {
    furthest_below_target(&standings(map, &kpi_standings(map, None)))
}

/// Every period with an actual, oldest first (`2026-Q3` before `2026-10`).
pub fn periods(map: &Map) -> Vec<String> {
    let all = map.kpis.iter().flat_map(|k| {
        let latest = k.actual.is_some().then_some(k.period.as_str());
        latest.into_iter().chain(k.history.iter().map(|h| h.period.as_str()))
    });
    let mut periods: Vec<String> = all.filter(|p| !p.is_empty()).map(str::to_owned).collect();
    periods.sort_by_cached_key(|p| crate::actuals::period::order(p, map.info.fiscal_year_start));
    periods.dedup();
    periods
}

fn funnel(map: &Map, periods: &[String]) -> Vec<FunnelStep> {
    let steps: Vec<&Kpi> = map.kpis.iter().filter(|k| k.funnel).collect();
    steps
        .windows(2)
        .map(|pair| FunnelStep {
            from_kpi: pair[0].id.clone(),
            to_kpi: pair[1].id.clone(),
            conversions: periods
                .iter()
                .map(|period| Conversion {
                    period: period.clone(),
                    rate: match (pair[0].actual_in(period), pair[1].actual_in(period)) {
                        (Some(from), Some(to)) if from > 0.0 => Some(to / from),
                        _ => None,
                    },
                })
                .collect(),
        })
        .collect()
}

fn furthest_below_target(stages: &[StageStanding]) -> Option<Id> {
    stages
        .iter()
        .filter_map(|s| Some((s, s.attainment.filter(|a| *a < 1.0)?)))
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(s, _)| s.stage_id.clone())
}

fn kpi_standings(map: &Map, period: Option<&str>) -> Vec<KpiStanding> {
    map.kpis
        .iter()
        .map(|k| {
            let actual = period.map_or(k.actual, |p| k.actual_in(p));
            let grade = k.grade(actual);
            KpiStanding {
                kpi_id: k.id.clone(),
                stage_id: k.stage_id.clone(),
                better: k.better,
                actual,
                target: k.target,
                grade,
                status: KpiStatus::of(grade),
                sample: k.sample,
            }
        })
        .collect()
}

/// Each stage's figure: the mean of its KPIs' capped grades, so that one KPI far above target
/// cannot hide another below it.
fn standings(map: &Map, kpis: &[KpiStanding]) -> Vec<StageStanding> {
    map.stages
        .iter()
        .map(|stage| {
            let grades: Vec<f64> =
                kpis.iter().filter(|k| k.stage_id == stage.id).filter_map(|k| k.grade).collect();
            let attainment = (!grades.is_empty()).then(|| grades.iter().sum::<f64>() / grades.len() as f64);
            StageStanding { stage_id: stage.id.clone(), attainment, kpis: grades.len() }
        })
        .collect()
}

fn returns(map: &Map) -> Vec<TouchpointReturn> {
    let mut touchpoints: Vec<TouchpointReturn> = map
        .stages
        .iter()
        .flat_map(|stage| map.cards.iter().filter(move |c| c.stage_id == stage.id))
        .filter(|c| c.kind == CardKind::Touchpoint)
        .filter_map(|c| {
            let (cost, effect) = (c.cost?, c.effect?);
            Some(TouchpointReturn {
                card_id: c.id.clone(),
                stage_id: c.stage_id.clone(),
                cost,
                effect,
                effect_per_cost: (cost > 0.0).then(|| effect / cost),
                low_return: false,
            })
        })
        .collect();
    let mut rates: Vec<f64> = touchpoints.iter().filter_map(|t| t.effect_per_cost).collect();
    if rates.len() >= MIN_TOUCHPOINTS_FOR_RETURN {
        rates.sort_by(f64::total_cmp);
        let median = rates[rates.len() / 2];
        for touchpoint in &mut touchpoints {
            touchpoint.low_return = touchpoint.effect_per_cost.is_some_and(|rate| rate < median / 2.0);
        }
    }
    touchpoints
}

fn totals(
    map: &Map,
    touchpoints: &[TouchpointReturn],
    key: impl Fn(&crate::model::Card) -> Option<&Id>,
) -> Vec<Total> {
    let cards: HashMap<&str, &crate::model::Card> = map.cards.iter().map(|c| (c.id.as_str(), c)).collect();
    let mut sums: BTreeMap<&Id, Total> = BTreeMap::new();
    for touchpoint in touchpoints {
        let Some(card) = cards.get(touchpoint.card_id.as_str()) else { continue };
        let Some(id) = key(card) else { continue };
        let total = sums.entry(id).or_insert_with(|| Total {
            id: id.clone(),
            cost: 0.0,
            effect: 0.0,
            touchpoints: 0,
        });
        total.cost += touchpoint.cost;
        total.effect += touchpoint.effect;
        total.touchpoints += 1;
    }
    sums.into_values().collect()
}

/// Stages and touchpoints nobody owns, and hand-offs between departments while a buyer's mood
/// drops, in stage order: what the report lists and the canvas flags.
pub fn gaps(map: &Map) -> Vec<Gap> {
    // One pass over the cards, which on a large map is what the time goes to.
    #[derive(Default)]
    struct InStage<'a> {
        owner_lane_department: Option<&'a Id>,
        any_department: Option<&'a Id>,
        touchpoints_without_owner: Vec<&'a Id>,
    }
    let mut in_stage: HashMap<&str, InStage> = HashMap::new();
    for card in &map.cards {
        let stage = in_stage.entry(card.stage_id.as_str()).or_default();
        if let Some(department) = &card.department_id {
            stage.any_department.get_or_insert(department);
            if card.kind == CardKind::Owner {
                stage.owner_lane_department.get_or_insert(department);
            }
        } else if card.kind == CardKind::Touchpoint {
            stage.touchpoints_without_owner.push(&card.id);
        }
    }
    // The owner lane says who owns the stage; failing that, whoever owns its touchpoints.
    let owner_of = |stage_id: &str| -> Option<&Id> {
        let stage = in_stage.get(stage_id)?;
        stage.owner_lane_department.or(stage.any_department)
    };

    let mut gaps = Vec::new();
    for stage in &map.stages {
        if owner_of(&stage.id).is_none() {
            gaps.push(Gap::StageWithoutOwner { stage_id: stage.id.clone() });
        }
        let orphans = in_stage.get(stage.id.as_str()).map_or(&[][..], |s| &s.touchpoints_without_owner);
        gaps.extend(orphans.iter().map(|&card_id| Gap::TouchpointWithoutOwner {
            card_id: card_id.clone(),
            stage_id: stage.id.clone(),
        }));
    }
    for pair in map.stages.windows(2) {
        let (from, to) = (&pair[0], &pair[1]);
        let (Some(from_department), Some(to_department)) = (owner_of(&from.id), owner_of(&to.id)) else {
            continue;
        };
        if from_department == to_department {
            continue;
        }
        for persona in &map.personas {
            let mean = |stage_id: &str| -> Option<f64> {
                let scores: Vec<f64> = map
                    .emotion_points
                    .iter()
                    .filter(|p| p.persona_id == persona.id && p.stage_id == stage_id)
                    .map(|p| p.score)
                    .collect();
                (!scores.is_empty()).then(|| scores.iter().sum::<f64>() / scores.len() as f64)
            };
            if let (Some(before), Some(after)) = (mean(&from.id), mean(&to.id)) {
                if after < before {
                    gaps.push(Gap::HandOffWhileMoodDrops {
                        from_stage: from.id.clone(),
                        to_stage: to.id.clone(),
                        from_department: from_department.clone(),
                        to_department: to_department.clone(),
                        persona_id: persona.id.clone(),
                        drop: before - after,
                    });
                }
            }
        }
    }
    gaps
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Card, Kpi, LaneKind, Language, PeriodActual};
    use crate::template::Template;
    use crate::testing::{self, point};

    /// A webinar card in the touchpoint lane, with cost and effect if given.
    fn card(
        id: &str,
        stage: &str,
        kind: CardKind,
        department: Option<&str>,
        figures: Option<(f64, f64)>,
    ) -> Card {
        Card {
            channel_id: Some("webinar".into()),
            cost: figures.map(|f| f.0),
            effect: figures.map(|f| f.1),
            ..testing::card(id, stage, LaneKind::Touchpoints, kind, department)
        }
    }

    fn kpi(id: &str, stage: &str, target: f64, actual: f64) -> Kpi {
        Kpi {
            id: id.into(),
            stage_id: stage.into(),
            name: id.into(),
            unit: String::new(),
            target: Some(target),
            actual: Some(actual),
            period: String::new(),
            source: String::new(),
            history: Vec::new(),
            funnel: false,
            better: Better::Higher,
            sample: false,
        }
    }

    fn lower(kpi: Kpi) -> Kpi {
        Kpi { better: Better::Lower, ..kpi }
    }

    #[test]
    fn a_grade_is_capped_at_target_and_knows_when_lower_is_better() {
        let grade = |k: Kpi| k.grade(k.actual).unwrap();
        assert_eq!(grade(kpi("a", "st_1", 100.0, 345.0)), 1.0, "far above target counts as on target");
        assert_eq!(grade(kpi("a", "st_1", 100.0, 72.0)), 0.72);
        assert_eq!(grade(kpi("a", "st_1", 100.0, -5.0)), 0.0, "a negative actual is no attainment");
        assert_eq!(grade(lower(kpi("churn", "st_1", 3.0, 4.0))), 0.75, "target ÷ actual");
        assert_eq!(grade(lower(kpi("churn", "st_1", 3.0, 2.0))), 1.0, "under target is on target");
        assert_eq!(grade(lower(kpi("churn", "st_1", 3.0, 3.0))), 1.0);
        // Targets of zero or below are met or not.
        assert_eq!(grade(kpi("nps", "st_1", -3.0, -1.0)), 1.0);
        assert_eq!(grade(kpi("nps", "st_1", -3.0, -5.0)), 0.0);
        assert_eq!(grade(kpi("nps", "st_1", 0.0, 0.0)), 1.0);
        assert_eq!(grade(lower(kpi("incidents", "st_1", 0.0, 0.0))), 1.0);
        assert_eq!(grade(lower(kpi("incidents", "st_1", 0.0, 2.0))), 0.0);
        let without = Kpi { target: None, ..kpi("a", "st_1", 1.0, 1.0) };
        assert_eq!(without.grade(without.actual), None);
    }

    #[test]
    fn a_stage_is_the_mean_of_capped_grades_and_the_canvas_colours_agree() {
        let mut map = empty_map();
        map.kpis = vec![
            kpi("hot", "st_1", 100.0, 345.0),
            kpi("cold", "st_1", 100.0, 72.0),
            lower(kpi("churn", "st_2", 3.0, 4.0)),
            kpi("nps", "st_3", -3.0, -1.0),
        ];
        let report = report(&map, None);
        let figure = |n: usize| report.stages[n].attainment.unwrap();
        assert!((figure(0) - 0.86).abs() < 1e-9, "(1.0 + 0.72) / 2, not (3.45 + 0.72) / 2");
        assert!((figure(1) - 0.75).abs() < 1e-9);
        assert_eq!(figure(2), 1.0);
        assert_eq!(report.bottleneck.as_deref(), Some("st_2"), "the lowest figure");
        let statuses: Vec<KpiStatus> = report.kpis.iter().map(|k| k.status).collect();
        assert_eq!(statuses, [KpiStatus::Met, KpiStatus::Missed, KpiStatus::Missed, KpiStatus::Met]);
        let painted: Vec<KpiStatus> = crate::layout::layout(&map).kpis.iter().map(|k| k.status).collect();
        assert_eq!(painted, statuses, "the canvas colours each KPI as the report grades it");
    }

    /// The b2b template's five stages (st_1 … st_5) and buyers, with no cards, KPIs or points.
    fn empty_map() -> Map {
        let mut map = Template::B2b.build(Language::En, None);
        map.cards.clear();
        map.kpis.clear();
        map.emotion_points.clear();
        map
    }

    #[test]
    fn the_bottleneck_is_the_stage_furthest_below_target() {
        let mut map = empty_map();
        map.kpis =
            vec![kpi("a", "st_1", 100.0, 90.0), kpi("b", "st_2", 100.0, 40.0), kpi("c", "st_2", 10.0, 8.0)];
        let report = report(&map, None);
        assert!((report.stages[1].attainment.unwrap() - 0.6).abs() < 1e-9, "(0.4 + 0.8) / 2");
        assert_eq!(report.stages[1].kpis, 2);
        assert_eq!(report.bottleneck.as_deref(), Some("st_2"));

        let marked: Vec<bool> = crate::layout::layout(&map).stages.iter().map(|s| s.bottleneck).collect();
        assert_eq!(marked, [false, true, false, false, false], "the layout marks it for the painters");

        map.kpis = vec![kpi("a", "st_1", 100.0, 120.0)];
        assert_eq!(super::report(&map, None).bottleneck, None, "nothing below target, no bottleneck");
    }

    #[test]
    fn the_funnel_converts_between_consecutive_funnel_kpis_in_every_period() {
        let mut map = empty_map();
        let step = |id: &str, stage: &str, target: f64, q3: f64, q2: f64| Kpi {
            funnel: true,
            period: "2026-Q3".into(),
            history: vec![PeriodActual { period: "2026-Q2".into(), actual: q2 }],
            ..kpi(id, stage, target, q3)
        };
        map.kpis = vec![
            step("leads", "st_1", 400.0, 400.0, 500.0),
            kpi("nps", "st_1", 30.0, 10.0),
            step("opps", "st_2", 100.0, 40.0, 100.0),
            step("deals", "st_3", 30.0, 30.0, 0.0),
        ];
        map.kpis[1].period = "2026-Q3".into();
        let report = report(&map, None);
        assert_eq!(report.periods, ["2026-Q2", "2026-Q3"]);
        let rates: Vec<(&str, &str, Vec<Option<f64>>)> = report
            .funnel
            .iter()
            .map(|s| (s.from_kpi.as_str(), s.to_kpi.as_str(), s.conversions.iter().map(|c| c.rate).collect()))
            .collect();
        assert_eq!(
            rates,
            [("leads", "opps", vec![Some(0.2), Some(0.1)]), ("opps", "deals", vec![Some(0.0), Some(0.75)])]
        );

        let q2 = super::report(&map, Some("2026-Q2"));
        assert_eq!(q2.funnel[0].conversions.len(), 1);
        assert_eq!(q2.stages[1].attainment, Some(1.0), "opportunities were on target in Q2");
        assert_eq!(q2.stages[0].kpis, 1, "the NPS has no Q2 actual");
        assert_eq!(q2.bottleneck.as_deref(), Some("st_3"), "no deals in Q2");
        assert_eq!(report.bottleneck.as_deref(), Some("st_2"), "40 of 100 opportunities in Q3");
    }

    #[test]
    fn touchpoints_returning_under_half_the_median_are_flagged_and_totals_add_up() {
        let mut map = empty_map();
        map.cards = vec![
            card("good", "st_1", CardKind::Touchpoint, Some("marketing"), Some((100.0, 50.0))),
            card("fair", "st_1", CardKind::Touchpoint, Some("marketing"), Some((100.0, 40.0))),
            card("poor", "st_2", CardKind::Touchpoint, Some("sales"), Some((1000.0, 10.0))),
            card("free", "st_2", CardKind::Touchpoint, Some("sales"), Some((0.0, 5.0))),
        ];
        let report = report(&map, None);
        let flagged: Vec<&str> =
            report.touchpoints.iter().filter(|t| t.low_return).map(|t| t.card_id.as_str()).collect();
        assert_eq!(flagged, ["poor"]);
        let sales = report.by_department.iter().find(|t| t.id == "sales").unwrap();
        assert_eq!((sales.cost, sales.effect, sales.touchpoints), (1000.0, 15.0, 2));
        assert_eq!(report.by_channel.len(), 1);
    }

    #[test]
    fn ownerless_stages_and_touchpoints_and_hand_offs_while_the_mood_drops_are_gaps() {
        let mut map = empty_map();
        map.stages.truncate(3);
        map.cards = vec![
            card("own1", "st_1", CardKind::Owner, Some("marketing"), None),
            card("own2", "st_2", CardKind::Owner, Some("sales"), None),
            card("orphan", "st_2", CardKind::Touchpoint, None, None),
        ];
        let persona = map.personas[0].id.clone();
        map.emotion_points = vec![point(&persona, "st_1", 1.0), point(&persona, "st_2", -0.5)];
        let gaps = report(&map, None).gaps;
        assert!(gaps.contains(&Gap::StageWithoutOwner { stage_id: "st_3".into() }), "{gaps:?}");
        assert!(
            gaps.contains(&Gap::TouchpointWithoutOwner { card_id: "orphan".into(), stage_id: "st_2".into() })
        );
        assert!(gaps.contains(&Gap::HandOffWhileMoodDrops {
            from_stage: "st_1".into(),
            to_stage: "st_2".into(),
            from_department: "marketing".into(),
            to_department: "sales".into(),
            persona_id: persona,
            drop: 1.5,
        }));
    }
}
