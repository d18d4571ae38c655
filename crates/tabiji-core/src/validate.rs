//! The map's invariants, checked field by field for operations and as a whole for imports and
//! `tabiji validate`.

use std::collections::{HashMap, HashSet};

use serde::Serialize;
use ts_rs::TS;

use crate::error::Error;
use crate::model::*;

/// A broken invariant: where (a field name, or a JSON path in a whole-map check) and what.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Problem {
    pub path: String,
    pub message: String,
}

impl Problem {
    fn at(path: impl Into<String>, message: impl Into<String>) -> Self {
        Problem { path: path.into(), message: message.into() }
    }

    fn nested(self, prefix: &str) -> Self {
        Problem { path: format!("{prefix}.{}", self.path), message: self.message }
    }
}

impl From<Problem> for Error {
    fn from(p: Problem) -> Self {
        Error::Invalid(format!("{}: {}", p.path, p.message))
    }
}

type Checked = Result<(), Problem>;

pub(crate) fn id(field: &str, value: &str) -> Checked {
    let ok_char = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == '-';
    if value.is_empty() || value.len() > 64 || !value.chars().all(ok_char) {
        return Err(Problem::at(field, format!("{value:?} is not an id (1–64 letters, digits, '_' or '-')")));
    }
    Ok(())
}

/// A one-line name: not blank, not too long, no control characters.
pub(crate) fn name(field: &str, value: &str) -> Checked {
    if value.trim().is_empty() {
        return Err(Problem::at(field, "must not be empty"));
    }
    bounded(field, value, MAX_NAME_CHARS, false)
}

/// A one-line label that may be empty (a job title, a unit …).
pub(crate) fn label(field: &str, value: &str) -> Checked {
    bounded(field, value, MAX_NAME_CHARS, false)
}

/// Free text that may span lines.
pub(crate) fn text(field: &str, value: &str) -> Checked {
    bounded(field, value, MAX_TEXT_CHARS, true)
}

pub(crate) fn quote(field: &str, value: &str) -> Checked {
    bounded(field, value, MAX_QUOTE_CHARS, false)
}

fn bounded(field: &str, value: &str, max_chars: usize, multiline: bool) -> Checked {
    let count = value.chars().count();
    if count > max_chars {
        return Err(Problem::at(field, format!("is {count} characters long; at most {max_chars} fit")));
    }
    let allowed = |c: char| multiline && (c == '\n' || c == '\t');
    if let Some((at, c)) = value.chars().enumerate().find(|&(_, c)| c.is_control() && !allowed(c)) {
        return Err(Problem::at(
            field,
            format!("holds the control character U+{:04X} at character {}", c as u32, at + 1),
        ));
    }
    if let Some((at, count)) = crate::text::overlong_grapheme(value) {
        return Err(Problem::at(
            field,
            format!(
                "stacks {} marks on the character at {at}; at most {} fit on one character",
                count - 1,
                crate::text::MAX_GRAPHEME_CHARS - 1
            ),
        ));
    }
    if let Some((at, c)) = value.chars().enumerate().find(|&(_, c)| crate::text::is_noncharacter(c)) {
        return Err(Problem::at(
            field,
            format!(
                "holds the noncharacter U+{:04X} at character {}, which no export can carry",
                c as u32,
                at + 1
            ),
        ));
    }
    Ok(())
}

pub(crate) fn color(field: &str, value: &str) -> Checked {
    let hex = value.strip_prefix('#').filter(|h| h.len() == 6 && h.chars().all(|c| c.is_ascii_hexdigit()));
    match hex {
        Some(_) => Ok(()),
        None => Err(Problem::at(field, format!("{value:?} is not a colour like #1f6feb"))),
    }
}

pub(crate) fn in_range(field: &str, value: f64, min: f64, max: f64) -> Checked {
    if !(value.is_finite() && (min..=max).contains(&value)) {
        return Err(Problem::at(field, format!("{} is outside {min} … {max}", short_number(value))));
    }
    Ok(())
}

/// A number as a message shows it: `1e300` rather than three hundred digits.
fn short_number(value: f64) -> String {
    if value.is_finite() && value.abs() >= 1e9 {
        format!("{value:e}")
    } else {
        value.to_string()
    }
}

/// An optional amount (cost, effect, KPI value): finite and not negative.
pub(crate) fn amount(field: &str, value: Option<f64>) -> Checked {
    match value {
        Some(v) if !v.is_finite() || v < 0.0 => {
            Err(Problem::at(field, format!("{} is not an amount (a number of 0 or more)", short_number(v))))
        }
        _ => Ok(()),
    }
}

pub fn info(i: &MapInfo) -> Checked {
    name("title", &i.title)?;
    text("description", &i.description)?;
    if !(1..=12).contains(&i.fiscal_year_start) {
        return Err(Problem::at(
            "fiscal_year_start",
            format!("{} is not a month (1 to 12)", i.fiscal_year_start),
        ));
    }
    Ok(())
}

pub fn stage(s: &Stage) -> Checked {
    id("id", &s.id)?;
    name("name", &s.name)?;
    in_range("width", s.width, STAGE_WIDTH_MIN, STAGE_WIDTH_MAX)
}

pub fn lane(l: &Lane) -> Checked {
    id("id", &l.id)?;
    name("name", &l.name)
}

pub fn channel(c: &Channel) -> Checked {
    id("id", &c.id)?;
    name("name", &c.name)?;
    label("icon", &c.icon)
}

pub fn department(d: &Department) -> Checked {
    id("id", &d.id)?;
    name("name", &d.name)
}

pub fn card(c: &Card) -> Checked {
    id("id", &c.id)?;
    text("text", &c.text)?;
    amount("cost", c.cost)?;
    amount("effect", c.effect)?;
    text("notes", &c.notes)?;
    match c.votes > MAX_VOTES {
        true => Err(Problem::at("votes", format!("{} dots; at most {MAX_VOTES}", c.votes))),
        false => Ok(()),
    }
}

pub fn org(o: &OrgPersona) -> Checked {
    id("id", &o.id)?;
    name("name", &o.name)?;
    label("industry", &o.industry)?;
    label("company_size", &o.company_size)?;
    text("adoption_purpose", &o.adoption_purpose)?;
    label("budget_cycle", &o.budget_cycle)
}

pub fn persona(p: &Persona) -> Checked {
    id("id", &p.id)?;
    name("name", &p.name)?;
    label("title", &p.title)?;
    label("department", &p.department)?;
    label("decision_authority", &p.decision_authority)?;
    text("goals", &p.goals)?;
    text("worries", &p.worries)?;
    color("color", &p.color)?;
    let mut seen = HashSet::new();
    match p.stage_ids.iter().find(|id| !seen.insert(id.as_str())) {
        Some(twice) => Err(Problem::at("stage_ids", format!("{twice:?} is listed twice"))),
        None => Ok(()),
    }
}

pub fn emotion_point(e: &EmotionPoint) -> Checked {
    id("id", &e.id)?;
    in_range("x", e.x, 0.0, 1.0)?;
    in_range("score", e.score, SCORE_MIN, SCORE_MAX)?;
    quote("quote", &e.quote)
}

pub fn kpi(k: &Kpi) -> Checked {
    id("id", &k.id)?;
    name("name", &k.name)?;
    label("unit", &k.unit)?;
    if let Some(v) = k.target.into_iter().chain(k.actual).find(|v| !v.is_finite()) {
        return Err(Problem::at("target", format!("{v} is not a number")));
    }
    label("period", &k.period)?;
    label("source", &k.source)?;
    if k.history.len() > MAX_KPI_PERIODS {
        return Err(Problem::at(
            "history",
            format!("holds {} periods; at most {MAX_KPI_PERIODS}", k.history.len()),
        ));
    }
    let mut periods = std::collections::HashSet::new();
    for (i, entry) in k.history.iter().enumerate() {
        let at = |field: &str| format!("history[{i}].{field}");
        if entry.period.trim().is_empty() {
            return Err(Problem::at(at("period"), "is empty"));
        }
        label(&at("period"), &entry.period)?;
        if !entry.actual.is_finite() {
            return Err(Problem::at(at("actual"), format!("{} is not a number", entry.actual)));
        }
        if !periods.insert(entry.period.as_str()) {
            return Err(Problem::at(at("period"), format!("{:?} appears twice", entry.period)));
        }
    }
    Ok(())
}

/// How many periods of actuals a KPI keeps (ten years of months, with room to spare).
pub const MAX_KPI_PERIODS: usize = 1_000;
/// More dots than a card can have received in any workshop.
pub const MAX_VOTES: u32 = 100_000;

/// Every invariant of a whole map, with JSON paths (`cards[3].stage_id`). Empty when all hold.
pub fn map(m: &Map) -> Vec<Problem> {
    let mut problems = Vec::new();
    // The prefix is only written out for a problem: a large map has tens of thousands of rows.
    let mut push = |r: Checked, prefix: &dyn Fn() -> String| {
        if let Err(p) = r {
            problems.push(p.nested(&prefix()));
        }
    };
    push(info(&m.info), &|| "info".into());
    let mut ids = IdRegistry::default();
    for (i, s) in m.stages.iter().enumerate() {
        push(stage(s).and(ids.fresh(&s.id)), &|| format!("stages[{i}]"));
    }
    let mut ids = IdRegistry::default();
    for (i, l) in m.lanes.iter().enumerate() {
        push(lane(l).and(ids.fresh(&l.id)), &|| format!("lanes[{i}]"));
    }
    let mut ids = IdRegistry::default();
    for (i, c) in m.channels.iter().enumerate() {
        push(channel(c).and(ids.fresh(&c.id)), &|| format!("channels[{i}]"));
    }
    let mut ids = IdRegistry::default();
    for (i, d) in m.departments.iter().enumerate() {
        push(department(d).and(ids.fresh(&d.id)), &|| format!("departments[{i}]"));
    }
    let mut ids = IdRegistry::default();
    for (i, o) in m.orgs.iter().enumerate() {
        push(org(o).and(ids.fresh(&o.id)), &|| format!("orgs[{i}]"));
    }
    let stages: HashSet<&str> = m.stages.iter().map(|s| s.id.as_str()).collect();
    let lanes: HashSet<&str> = m.lanes.iter().map(|l| l.id.as_str()).collect();
    let channels: HashSet<&str> = m.channels.iter().map(|c| c.id.as_str()).collect();
    let departments: HashSet<&str> = m.departments.iter().map(|d| d.id.as_str()).collect();
    let orgs: HashSet<&str> = m.orgs.iter().map(|o| o.id.as_str()).collect();
    let personas: HashSet<&str> = m.personas.iter().map(|p| p.id.as_str()).collect();
    let refers = |field: &'static str, set: &HashSet<&str>, value: &str| -> Checked {
        match set.contains(value) {
            true => Ok(()),
            false => Err(Problem::at(field, format!("{value:?} names nothing in the map"))),
        }
    };
    let refers_opt = |field, set, value: &Option<Id>| match value {
        Some(v) => refers(field, set, v),
        None => Ok(()),
    };
    let mut ids = IdRegistry::default();
    for (i, p) in m.personas.iter().enumerate() {
        let r = persona(p)
            .and(ids.fresh(&p.id))
            .and(refers("org_id", &orgs, &p.org_id))
            .and(p.stage_ids.iter().try_for_each(|s| refers("stage_ids", &stages, s)));
        push(r, &|| format!("personas[{i}]"));
    }
    let mut ids = IdRegistry(HashSet::with_capacity(m.cards.len()));
    for (i, c) in m.cards.iter().enumerate() {
        let r = card(c)
            .and(ids.fresh(&c.id))
            .and(refers("stage_id", &stages, &c.stage_id))
            .and(refers("lane_id", &lanes, &c.lane_id))
            .and(refers_opt("channel_id", &channels, &c.channel_id))
            .and(refers_opt("department_id", &departments, &c.department_id))
            .and(refers_opt("persona_id", &personas, &c.persona_id));
        push(r, &|| format!("cards[{i}]"));
    }
    let mut ids = IdRegistry::default();
    for (i, e) in m.emotion_points.iter().enumerate() {
        let r = emotion_point(e)
            .and(ids.fresh(&e.id))
            .and(refers("persona_id", &personas, &e.persona_id))
            .and(refers("stage_id", &stages, &e.stage_id));
        push(r, &|| format!("emotion_points[{i}]"));
    }
    let mut ids = IdRegistry::default();
    for (i, k) in m.kpis.iter().enumerate() {
        let r = kpi(k).and(ids.fresh(&k.id)).and(refers("stage_id", &stages, &k.stage_id));
        push(r, &|| format!("kpis[{i}]"));
    }
    problems.extend(order_problems(m));
    problems
}

/// Cards must be listed cell by cell in stage and lane order, as the file format promises.
fn order_problems(m: &Map) -> Vec<Problem> {
    let stage_pos: HashMap<&str, usize> =
        m.stages.iter().enumerate().map(|(i, s)| (s.id.as_str(), i)).collect();
    let lane_pos: HashMap<&str, usize> =
        m.lanes.iter().enumerate().map(|(i, l)| (l.id.as_str(), i)).collect();
    let key = |c: &Card| (stage_pos.get(c.stage_id.as_str()), lane_pos.get(c.lane_id.as_str()));
    m.cards
        .windows(2)
        .enumerate()
        .filter(|(_, pair)| key(&pair[0]) > key(&pair[1]))
        .map(|(i, _)| Problem::at(format!("cards[{}]", i + 1), "is listed before a card of an earlier cell"))
        .take(1)
        .collect()
}

/// Ids are unique among the entities of one kind.
#[derive(Default)]
struct IdRegistry<'a>(HashSet<&'a str>);

impl<'a> IdRegistry<'a> {
    fn fresh(&mut self, id: &'a str) -> Checked {
        match self.0.insert(id) {
            true => Ok(()),
            false => Err(Problem::at("id", format!("{id:?} is used twice"))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_refused_with_their_position() {
        let err = text("text", "ok\u{7}").unwrap_err();
        assert!(err.message.contains("U+0007 at character 3"), "{}", err.message);
        assert!(text("text", "two\nlines\tand a tab").is_ok());
        assert!(name("name", "no\nnewline").is_err());
    }

    #[test]
    fn names_must_not_be_blank_and_colours_must_be_hex() {
        assert!(name("name", "  ").is_err());
        assert!(color("color", "#1F6feb").is_ok());
        assert!(color("color", "red").is_err());
        assert!(color("color", "#12345").is_err());
    }

    #[test]
    fn amounts_are_finite_and_not_negative() {
        assert!(amount("cost", Some(0.0)).is_ok());
        assert!(amount("cost", Some(-1.0)).is_err());
        assert!(amount("cost", Some(f64::NAN)).is_err());
        assert!(in_range("score", 2.5, SCORE_MIN, SCORE_MAX).is_err());
        let huge = in_range("score", 1e300, SCORE_MIN, SCORE_MAX).unwrap_err();
        assert_eq!(huge.message, "1e300 is outside -2 … 2");
        assert_eq!(
            amount("cost", Some(-2.5)).unwrap_err().message,
            "-2.5 is not an amount (a number of 0 or more)"
        );
    }
}
