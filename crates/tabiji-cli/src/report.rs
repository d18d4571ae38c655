//! `tabiji report`: the analysis of a map, as text for people or JSON for scripts.

use std::collections::HashMap;
use std::path::Path;

use tabiji_core::analysis::{self, Gap, Report};
use tabiji_core::{Document, Map};

use crate::{write_output, Failure};

pub fn print(file: &Path, as_json: bool, period: Option<&str>) -> Result<(), Failure> {
    let map = Document::open(file)?.map()?;
    if let Some(period) = period {
        let known = analysis::periods(&map);
        if !known.iter().any(|p| p == period) {
            let listed = if known.is_empty() { "none".to_owned() } else { known.join(", ") };
            return Err(Failure(format!("no KPI has an actual for period {period:?}; periods: {listed}")));
        }
    }
    let report = analysis::report(&map, period);
    let text = match as_json {
        true => serde_json::to_string_pretty(&report).expect("a report serialises") + "\n",
        false => as_text(&map, &report),
    };
    write_output(None, text.as_bytes())
}

fn as_text(map: &Map, report: &Report) -> String {
    let names: HashMap<&str, &str> = (map.stages.iter().map(|s| (&s.id, &s.name)))
        .chain(map.departments.iter().map(|d| (&d.id, &d.name)))
        .chain(map.channels.iter().map(|c| (&c.id, &c.name)))
        .chain(map.personas.iter().map(|p| (&p.id, &p.name)))
        .chain(map.kpis.iter().map(|k| (&k.id, &k.name)))
        .chain(map.cards.iter().map(|c| (&c.id, &c.text)))
        .map(|(id, name)| (id.as_str(), name.as_str()))
        .collect();
    let name = |id: &str| -> String { names.get(id).copied().unwrap_or(id).to_owned() };
    let mut out = String::new();
    let judged_on = report.period.as_deref().map_or("latest actuals".to_owned(), |p| format!("period {p}"));
    out.push_str(&format!("KPIs against target, by stage ({judged_on}):\n"));
    for stage in &report.stages {
        let standing = stage.attainment.map_or("no KPIs with target and actual".to_owned(), |a| {
            format!("{:.0} % of target over {} KPI(s)", a * 100.0, stage.kpis)
        });
        let mark = if report.bottleneck.as_ref() == Some(&stage.stage_id) { "  <- bottleneck" } else { "" };
        out.push_str(&format!("  {}: {standing}{mark}\n", name(&stage.stage_id)));
    }
    out.push_str("Funnel conversion:\n");
    if report.funnel.is_empty() {
        out.push_str("  no funnel: mark two or more KPIs as funnel steps\n");
    }
    for step in &report.funnel {
        let rates: Vec<String> = step
            .conversions
            .iter()
            .map(|c| {
                let rate = c.rate.map_or("–".to_owned(), |r| format!("{:.1} %", r * 100.0));
                format!("{} {rate}", c.period)
            })
            .collect();
        out.push_str(&format!(
            "  {} -> {}: {}\n",
            name(&step.from_kpi),
            name(&step.to_kpi),
            rates.join(", ")
        ));
    }
    out.push_str("Low-return touchpoints (under half the median effect per cost):\n");
    let low: Vec<_> = report.touchpoints.iter().filter(|t| t.low_return).collect();
    if low.is_empty() {
        out.push_str("  none\n");
    }
    for t in low {
        out.push_str(&format!(
            "  {} ({}): cost {}, effect {}\n",
            name(&t.card_id),
            name(&t.stage_id),
            t.cost,
            t.effect
        ));
    }
    for (title, totals) in [
        ("Spend and effect by channel:", &report.by_channel),
        ("Spend and effect by department:", &report.by_department),
    ] {
        out.push_str(title);
        out.push('\n');
        for total in totals.iter() {
            let touchpoints = total.touchpoints;
            out.push_str(&format!(
                "  {}: cost {}, effect {} ({touchpoints} touchpoint(s))\n",
                name(&total.id),
                total.cost,
                total.effect
            ));
        }
    }
    out.push_str("Ownership gaps:\n");
    if report.gaps.is_empty() {
        out.push_str("  none\n");
    }
    for gap in &report.gaps {
        let line = match gap {
            Gap::StageWithoutOwner { stage_id } => format!("{}: no owning department", name(stage_id)),
            Gap::TouchpointWithoutOwner { card_id, stage_id } => {
                format!("{}: touchpoint \"{}\" has no owning department", name(stage_id), name(card_id))
            }
            Gap::HandOffWhileMoodDrops {
                from_stage,
                to_stage,
                from_department,
                to_department,
                persona_id,
                drop,
            } => {
                format!(
                    "{} -> {}: {} hands over to {} while {}'s emotion drops by {drop:.1}",
                    name(from_stage),
                    name(to_stage),
                    name(from_department),
                    name(to_department),
                    name(persona_id)
                )
            }
        };
        out.push_str(&format!("  {line}\n"));
    }
    out
}
