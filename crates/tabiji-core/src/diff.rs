//! What changed between two versions of a map (two revisions, or a revision and the map now):
//! entities added, removed and changed, list by list, and the KPI actuals side by side.
//!
//! A diff is complete: applying `diff(a, b)` to `a` gives `b` exactly, which is what the
//! property tests hold it to.

use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::model::*;

/// An entity that lives in one of the map's lists, known by its id.
pub trait Keyed: Clone + PartialEq {
    fn key(&self) -> &str;
}

macro_rules! keyed {
    ($($entity:ty),*) => {
        $(impl Keyed for $entity {
            fn key(&self) -> &str {
                &self.id
            }
        })*
    };
}
keyed!(Stage, Lane, Channel, Department, Card, OrgPersona, Persona, EmotionPoint, Kpi);

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Change<T> {
    pub before: T,
    pub after: T,
}

/// The difference between two versions of one list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ListDiff<T> {
    /// In the order of the newer list.
    pub added: Vec<T>,
    /// In the order of the older list.
    pub removed: Vec<T>,
    /// In the order of the newer list.
    pub changed: Vec<Change<T>>,
    /// The newer list's ids in order, when removing, changing and appending the added entities
    /// would not already leave them so (something moved).
    pub order: Option<Vec<Id>>,
}

impl<T: Keyed> ListDiff<T> {
    fn between(before: &[T], after: &[T]) -> Self {
        let old: HashMap<&str, &T> = before.iter().map(|e| (e.key(), e)).collect();
        let kept: HashSet<&str> = after.iter().map(Keyed::key).collect();
        let mut diff = ListDiff { added: Vec::new(), removed: Vec::new(), changed: Vec::new(), order: None };
        for entity in after {
            match old.get(entity.key()) {
                None => diff.added.push(entity.clone()),
                Some(was) if *was != entity => {
                    diff.changed.push(Change { before: (*was).clone(), after: entity.clone() })
                }
                Some(_) => {}
            }
        }
        diff.removed = before.iter().filter(|e| !kept.contains(e.key())).cloned().collect();
        let added: HashSet<&str> = diff.added.iter().map(Keyed::key).collect();
        let natural = before
            .iter()
            .map(Keyed::key)
            .filter(|id| kept.contains(id))
            .chain(after.iter().map(Keyed::key).filter(|id| added.contains(id)));
        if !natural.eq(after.iter().map(Keyed::key)) {
            diff.order = Some(after.iter().map(|e| e.key().to_owned()).collect());
        }
        diff
    }

    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.removed.is_empty() && self.changed.is_empty() && self.order.is_none()
    }

    fn apply(&self, list: &mut Vec<T>, noun: &str) -> Result<()> {
        let present: HashSet<&str> = list.iter().map(Keyed::key).collect();
        if let Some(gone) = self.removed.iter().find(|gone| !present.contains(gone.key())) {
            return Err(Error::invalid(format!(
                "the diff removes {noun} {}, which is not there",
                gone.key()
            )));
        }
        let removed: HashSet<&str> = self.removed.iter().map(Keyed::key).collect();
        list.retain(|e| !removed.contains(e.key()));
        let mut index: HashMap<String, usize> =
            list.iter().enumerate().map(|(i, e)| (e.key().to_owned(), i)).collect();
        for change in &self.changed {
            let at = index.get(change.before.key()).copied().ok_or_else(|| {
                Error::invalid(format!("the diff changes {noun} {}, which is not there", change.before.key()))
            })?;
            list[at] = change.after.clone();
        }
        for entity in &self.added {
            if index.insert(entity.key().to_owned(), list.len()).is_some() {
                return Err(Error::invalid(format!(
                    "the diff adds {noun} {}, which is already there",
                    entity.key()
                )));
            }
            list.push(entity.clone());
        }
        if let Some(order) = &self.order {
            let rank: HashMap<&str, usize> =
                order.iter().enumerate().map(|(i, id)| (id.as_str(), i)).collect();
            if order.len() != list.len() || list.iter().any(|e| !rank.contains_key(e.key())) {
                return Err(Error::invalid(format!("the diff's order of {noun}s does not match the list")));
            }
            list.sort_by_key(|e| rank[e.key()]);
        }
        Ok(())
    }
}

/// Everything that differs between two versions of a map.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct MapDiff {
    /// Title, description, language or timestamps.
    pub info: Option<Change<MapInfo>>,
    pub stages: ListDiff<Stage>,
    pub lanes: ListDiff<Lane>,
    pub channels: ListDiff<Channel>,
    pub departments: ListDiff<Department>,
    pub cards: ListDiff<Card>,
    pub orgs: ListDiff<OrgPersona>,
    pub personas: ListDiff<Persona>,
    pub emotion_points: ListDiff<EmotionPoint>,
    pub kpis: ListDiff<Kpi>,
}

/// What changed from `before` to `after`.
pub fn diff(before: &Map, after: &Map) -> MapDiff {
    MapDiff {
        info: (before.info != after.info)
            .then(|| Change { before: before.info.clone(), after: after.info.clone() }),
        stages: ListDiff::between(&before.stages, &after.stages),
        lanes: ListDiff::between(&before.lanes, &after.lanes),
        channels: ListDiff::between(&before.channels, &after.channels),
        departments: ListDiff::between(&before.departments, &after.departments),
        cards: ListDiff::between(&before.cards, &after.cards),
        orgs: ListDiff::between(&before.orgs, &after.orgs),
        personas: ListDiff::between(&before.personas, &after.personas),
        emotion_points: ListDiff::between(&before.emotion_points, &after.emotion_points),
        kpis: ListDiff::between(&before.kpis, &after.kpis),
    }
}

impl MapDiff {
    pub fn is_empty(&self) -> bool {
        self.info.is_none()
            && self.stages.is_empty()
            && self.lanes.is_empty()
            && self.channels.is_empty()
            && self.departments.is_empty()
            && self.cards.is_empty()
            && self.orgs.is_empty()
            && self.personas.is_empty()
            && self.emotion_points.is_empty()
            && self.kpis.is_empty()
    }

    /// Whether nothing but the maps' timestamps differs: no change a person made.
    pub fn is_empty_but_timestamps(&self) -> bool {
        let info_same = self.info.as_ref().is_none_or(|c| {
            (&c.before.title, &c.before.description, c.before.language)
                == (&c.after.title, &c.after.description, c.after.language)
        });
        info_same && MapDiff { info: None, ..self.clone() }.is_empty()
    }

    /// The map this diff leads to from `map`; refused if `map` is not the one it was taken from
    /// (an entity to remove or change is missing, or one to add is already there).
    pub fn apply(&self, map: &Map) -> Result<Map> {
        let mut next = map.clone();
        if let Some(change) = &self.info {
            next.info = change.after.clone();
        }
        self.stages.apply(&mut next.stages, "stage")?;
        self.lanes.apply(&mut next.lanes, "lane")?;
        self.channels.apply(&mut next.channels, "channel")?;
        self.departments.apply(&mut next.departments, "department")?;
        self.cards.apply(&mut next.cards, "card")?;
        self.orgs.apply(&mut next.orgs, "organisation")?;
        self.personas.apply(&mut next.personas, "persona")?;
        self.emotion_points.apply(&mut next.emotion_points, "emotion point")?;
        self.kpis.apply(&mut next.kpis, "KPI")?;
        Ok(next)
    }
}

/// A KPI's actuals in the two versions, matched by id, with the change.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct KpiDelta {
    pub kpi_id: Id,
    pub stage_id: Id,
    pub name: String,
    pub unit: String,
    /// `None` where the KPI has no actual or does not exist in that version.
    pub before: Option<f64>,
    pub after: Option<f64>,
    pub before_period: Option<String>,
    pub after_period: Option<String>,
    /// `after - before` when both are known.
    pub delta: Option<f64>,
}

/// Every KPI of either version, in the newer map's order followed by those only the older has.
/// `after − before` to the decimals the two were entered with: 4 → 4.2 is +0.2, not the
/// +0.20000000000000018 of binary floating point.
fn difference_as_entered(before: f64, after: f64) -> f64 {
    // Display prints the shortest text that reads back as the same number: what was typed.
    let decimals = |v: f64| v.to_string().split_once('.').map_or(0, |(_, fraction)| fraction.len());
    let scale = 10f64.powi(decimals(before).max(decimals(after)).min(15) as i32);
    ((after - before) * scale).round() / scale
}

pub fn kpi_deltas(before: &Map, after: &Map) -> Vec<KpiDelta> {
    let old: HashMap<&str, &Kpi> = before.kpis.iter().map(|k| (k.id.as_str(), k)).collect();
    let new_ids: HashSet<&str> = after.kpis.iter().map(|k| k.id.as_str()).collect();
    let pairs = after
        .kpis
        .iter()
        .map(|k| (old.get(k.id.as_str()).copied(), Some(k)))
        .chain(before.kpis.iter().filter(|k| !new_ids.contains(k.id.as_str())).map(|k| (Some(k), None)));
    pairs
        .map(|(was, now)| {
            let shown = now.or(was).expect("one side is always there");
            let before = was.and_then(|k| k.actual);
            let after = now.and_then(|k| k.actual);
            KpiDelta {
                kpi_id: shown.id.clone(),
                stage_id: shown.stage_id.clone(),
                name: shown.name.clone(),
                unit: shown.unit.clone(),
                before,
                after,
                before_period: was.map(|k| k.period.clone()),
                after_period: now.map(|k| k.period.clone()),
                delta: before.zip(after).map(|(b, a)| difference_as_entered(b, a)),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::template::Template;

    #[test]
    fn a_moved_card_is_an_order_change_and_a_changed_card_keeps_its_place() {
        let a = Template::B2b.build(Language::Ja, None);
        let mut b = a.clone();
        b.cards.swap(0, 1);
        b.cards[2].text = "展示会で名刺交換".into();
        let d = diff(&a, &b);
        assert!(d.cards.added.is_empty() && d.cards.removed.is_empty());
        assert_eq!(d.cards.changed.len(), 1);
        assert_eq!(d.cards.changed[0].after.text, "展示会で名刺交換");
        assert_eq!(d.cards.order.as_ref().map(Vec::len), Some(b.cards.len()));
        assert!(d.stages.is_empty() && d.info.is_none());
        assert_eq!(d.apply(&a).unwrap(), b);
    }

    #[test]
    fn a_diff_refuses_a_map_it_was_not_taken_from() {
        let a = Template::B2b.build(Language::Ja, None);
        let mut b = a.clone();
        b.cards.remove(0);
        let d = diff(&a, &b);
        let error = d.apply(&b).unwrap_err().to_string();
        assert!(error.contains("removes card cd_1, which is not there"), "{error}");
    }

    #[test]
    fn kpi_deltas_pair_actuals_and_keep_kpis_of_either_side() {
        let a = Template::B2b.build(Language::En, None);
        let mut b = a.clone();
        b.kpis[0].actual = Some(300.0);
        b.kpis[0].period = "2026-Q4".into();
        let gone = b.kpis.remove(1);
        let deltas = kpi_deltas(&a, &b);
        assert_eq!(deltas.len(), a.kpis.len());
        assert_eq!(
            (deltas[0].before, deltas[0].after, deltas[0].delta),
            (Some(240.0), Some(300.0), Some(60.0))
        );
        assert_eq!(deltas[0].after_period.as_deref(), Some("2026-Q4"));
        b.kpis[0].actual = Some(240.2);
        assert_eq!(kpi_deltas(&a, &b)[0].delta, Some(0.2), "240 → 240.2 is +0.2 as entered");
        assert_eq!(difference_as_entered(4.0, 4.2), 0.2);
        assert_eq!(difference_as_entered(0.1, 0.3).to_string(), "0.2");
        assert_eq!(difference_as_entered(4.25, 4.2).to_string(), "-0.05");
        let last = deltas.last().unwrap();
        assert_eq!((last.kpi_id.as_str(), last.after, last.delta), (gone.id.as_str(), None, None));
    }
}
