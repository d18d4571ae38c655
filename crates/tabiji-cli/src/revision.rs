//! `tabiji revision`: save the map as a named revision inside its file, list, compare, restore.

use std::path::{Path, PathBuf};

use clap::Subcommand;
use tabiji_core::diff::{self, Change, ListDiff, MapDiff};
use tabiji_core::store::RevisionInfo;
use tabiji_core::{Document, Map};

use crate::{print_bytes, Failure};

#[derive(Subcommand)]
pub enum RevisionCommand {
    /// Save the map as it is now under a name (e.g. "2026 Q3").
    Save { file: PathBuf, name: String },
    /// List the revisions, oldest first.
    List {
        file: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// What changed from revision FROM to revision TO (the map as it is now if omitted).
    /// A revision is named by its id or its name.
    Diff {
        file: PathBuf,
        from: String,
        to: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Make the map what it was in a revision (the revisions themselves are kept).
    Restore { file: PathBuf, revision: String },
}

pub fn run(command: RevisionCommand) -> Result<(), Failure> {
    match command {
        RevisionCommand::Save { file, name } => {
            let saved = Document::open(&file)?.save_revision(&name)?;
            println!("saved revision {} \"{}\" at {}", saved.id, saved.name, saved.created_at);
            Ok(())
        }
        RevisionCommand::List { file, json } => {
            let revisions = Document::open(&file)?.revisions()?;
            let text = match json {
                true => serde_json::to_string_pretty(&revisions).expect("revisions serialise") + "\n",
                false if revisions.is_empty() => "no revisions\n".to_owned(),
                false => {
                    revisions.iter().map(|r| format!("{}  {}  {}\n", r.id, r.created_at, r.name)).collect()
                }
            };
            print_bytes(text.as_bytes())
        }
        RevisionCommand::Diff { file, from, to, json } => {
            let document = Document::open(&file)?;
            let from = find(&document, &file, &from)?;
            let before = document.revision(&from.id)?;
            let (after, to_label) = match to {
                Some(to) => {
                    let to = find(&document, &file, &to)?;
                    (document.revision(&to.id)?, format!("\"{}\"", to.name))
                }
                None => (document.map()?, "the map now".to_owned()),
            };
            let changes = diff::diff(&before, &after);
            let kpis = diff::kpi_deltas(&before, &after);
            let text = match json {
                true => {
                    let value = serde_json::json!({ "diff": changes, "kpis": kpis });
                    serde_json::to_string_pretty(&value).expect("a diff serialises") + "\n"
                }
                false => {
                    format!("From \"{}\" to {to_label}:\n", from.name)
                        + &describe(&before, &after, &changes)
                        + &describe_kpis(&kpis)
                }
            };
            print_bytes(text.as_bytes())
        }
        RevisionCommand::Restore { file, revision } => {
            let mut document = Document::open(&file)?;
            let found = find(&document, &file, &revision)?;
            let kept = document.restore_revision(&found.id)?;
            println!(
                "restored revision {} \"{}\"; the map as it was is kept as revision {} \"{}\"",
                found.id, found.name, kept.id, kept.name
            );
            Ok(())
        }
    }
}

/// The revision whose id or name is `key` (names are unique within a map).
fn find(document: &Document, file: &Path, key: &str) -> Result<RevisionInfo, Failure> {
    document.revisions()?.into_iter().find(|r| r.id == key || r.name == key).ok_or_else(|| {
        Failure(format!(
            "{}: no revision has the id or name {key:?} (see `tabiji revision list`)",
            file.display()
        ))
    })
}

fn describe(before: &Map, after: &Map, changes: &MapDiff) -> String {
    if changes.is_empty_but_timestamps() {
        return "  no changes\n".to_owned();
    }
    let stage_name = |id: &str| {
        (after.stages.iter().chain(&before.stages))
            .find(|s| s.id == id)
            .map_or(id.to_owned(), |s| s.name.clone())
    };
    let mut out = String::new();
    if let Some(Change { before, after }) = &changes.info {
        if before.title != after.title {
            out.push_str(&format!("Title: \"{}\" -> \"{}\"\n", before.title, after.title));
        }
        if before.description != after.description {
            out.push_str("Description changed\n");
        }
    }
    out.push_str(&summary("Stages", &changes.stages, |s| s.name.clone()));
    out.push_str(&summary("Lanes", &changes.lanes, |l| l.name.clone()));
    out.push_str(&summary("Personas", &changes.personas, |p| p.name.clone()));
    out.push_str(&summary("Cards", &changes.cards, |c| {
        format!("{}: \"{}\"", stage_name(&c.stage_id), one_line(&c.text))
    }));
    out.push_str(&summary("Emotion points", &changes.emotion_points, |e| {
        format!("{} {:+.1}", stage_name(&e.stage_id), e.score)
    }));
    out.push_str(&summary("KPIs", &changes.kpis, |k| format!("{}: {}", stage_name(&k.stage_id), k.name)));
    out
}

/// One line of counts, then one line per added (+), removed (-) and changed (~) entity.
fn summary<T>(title: &str, list: &ListDiff<T>, label: impl Fn(&T) -> String) -> String {
    if list.added.is_empty() && list.removed.is_empty() && list.changed.is_empty() {
        return match list.order {
            Some(_) => format!("{title}: reordered\n"),
            None => String::new(),
        };
    }
    let mut out = format!(
        "{title}: {} added, {} removed, {} changed\n",
        list.added.len(),
        list.removed.len(),
        list.changed.len()
    );
    out.extend(list.added.iter().map(|e| format!("  + {}\n", label(e))));
    out.extend(list.removed.iter().map(|e| format!("  - {}\n", label(e))));
    out.extend(list.changed.iter().map(|c| match (label(&c.before), label(&c.after)) {
        (was, now) if was == now => format!("  ~ {now}\n"),
        (was, now) => format!("  ~ {was} -> {now}\n"),
    }));
    out
}

fn describe_kpis(kpis: &[diff::KpiDelta]) -> String {
    let figure = |v: Option<f64>| v.map_or("–".to_owned(), |v| v.to_string());
    let mut out = "KPI actuals:\n".to_owned();
    for k in kpis {
        let delta = k.delta.map_or(String::new(), |d| format!(" ({d:+})"));
        out.push_str(&format!(
            "  {}: {} -> {}{delta} {}\n",
            k.name,
            figure(k.before),
            figure(k.after),
            k.unit
        ));
    }
    out
}

fn one_line(text: &str) -> String {
    let line: String = text.lines().next().unwrap_or_default().chars().take(60).collect();
    match line.chars().count() < text.chars().count() {
        true => format!("{line}…"),
        false => line,
    }
}
