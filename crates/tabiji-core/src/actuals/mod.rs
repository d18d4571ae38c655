//! Importing KPI actuals from the exports people already have (Salesforce, HubSpot, Marketo, an
//! Excel sheet), offline. A file is either a table of figures (a KPI, a period and an actual per
//! row) or a raw export (a deal, a lead or a campaign per row) that the mapping turns into
//! figures by counting rows or summing or averaging a column per KPI and period. Each import is a
//! snapshot of one or more periods: a KPI keeps one actual per period
//! ([`crate::model::Kpi::history`]), the latest shown on the map. Every row is checked before
//! anything changes; a bad row is reported by line and column and nothing is imported.

pub mod period;
pub mod saved;
pub mod table;

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub use period::PeriodUnit;
use table::Figure;
pub use table::FooterLine;

use crate::error::{Error, Result};
use crate::model::{Kpi, Map, PeriodActual};
use crate::ops::{KpiPatch, Op};

/// Larger files are refused before reading.
pub const MAX_CSV_BYTES: usize = 256 * 1024 * 1024;
/// How many problems an error lists before it only counts the rest.
const LISTED_PROBLEMS: usize = 10;

/// How a file's rows become actuals. Columns are named by their header text; columns not named
/// are found by the usual headers (`KPI`, `指標`, `実績`, `actual`, `期間`, `period`, `ステージ`,
/// `stage`, `目標`, `target` …).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields, default)]
pub struct Mapping {
    /// The column naming each row's KPI: its name or id, or a value `kpi_values` maps.
    pub kpi: Option<String>,
    /// The KPI (name or id) every row counts towards, when no column names one: a raw export of
    /// leads counted as リード数.
    pub kpi_name: Option<String>,
    /// Values of the KPI column and the KPI (name or id) each stands for, such as a CRM's deal
    /// stage `presentationscheduled` → デモ依頼数. When any are given, rows with other values
    /// are skipped and counted in the summary.
    pub kpi_values: BTreeMap<String, String>,
    /// The figure; not needed when rows are counted.
    pub actual: Option<String>,
    /// The KPI's target, when the file carries it.
    pub target: Option<String>,
    /// The period or the date; not needed when the import names one period for all rows.
    pub period: Option<String>,
    /// What period a date falls into.
    pub period_unit: PeriodUnit,
    /// The stage's name, when KPIs of different stages share a name.
    pub stage: Option<String>,
    /// Values of the stage column and the stage (name or id) each stands for (a CRM's phase
    /// ニーズ分析 → 検討). When any are given, rows with other values are skipped and counted.
    pub stage_values: BTreeMap<String, String>,
    pub aggregate: Aggregate,
}

/// How the rows of one KPI and period become its actual.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Aggregate {
    /// Each row is the actual of its KPI and period; two rows for the same are refused.
    #[default]
    None,
    /// The number of rows.
    Count,
    /// The sum of the actual column.
    Sum,
    /// The mean of the actual column.
    Average,
}

/// What an import will do, before it is applied.
#[derive(Debug, Clone)]
pub struct Plan {
    /// One undo step updating every KPI concerned; `None` when no row gave a figure.
    pub op: Option<Op>,
    pub summary: Summary,
}

/// What an import read and what it will change, for the preview and the report after it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, TS)]
pub struct Summary {
    /// Data rows in the file.
    pub rows: usize,
    /// Rows that gave a figure.
    pub used: usize,
    /// KPIs that get actuals.
    pub kpis: usize,
    /// The periods imported, oldest first.
    pub periods: Vec<String>,
    /// Rows whose figure is missing (empty, `—`, `-`, `N/A` …), skipped.
    pub missing: usize,
    /// Values that no value mapping names, with how many rows were skipped for each.
    pub unmapped: Vec<Unmapped>,
    /// How many actuals the map already has for an imported KPI and period, which the import
    /// replaces, and in which periods.
    pub replaced: usize,
    pub replaced_periods: Vec<String>,
    /// KPIs whose template sample figures the import replaces with real ones.
    pub samples_replaced: usize,
    /// KPIs whose target the import sets.
    pub targets: usize,
    /// Lines after the data that are not data (totals, notes), skipped.
    pub footer: Vec<FooterLine>,
    /// The encoding the file was read in.
    pub encoding: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Unmapped {
    pub column: String,
    pub value: String,
    pub rows: usize,
}

/// The first rows of a file, for choosing its columns before importing.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Preview {
    /// The header row.
    pub columns: Vec<String>,
    /// The first data rows, as many as asked for.
    pub rows: Vec<Vec<String>>,
    /// How many data rows the file has.
    pub rows_total: usize,
    /// The columns recognised by their usual headers: a starting point for the mapping.
    pub recognised: Mapping,
    pub encoding: String,
    /// Lines after the data that are not data, skipped.
    pub footer: Vec<FooterLine>,
}

/// Reads the header and the first `shown` rows of a file of actuals.
pub fn preview(bytes: &[u8], shown: usize) -> Result<Preview> {
    let table = read_table(bytes)?;
    let header = &table.header.fields;
    let recognise = |usual: &[&str]| usual_column(header, usual).map(|i| header[i].clone());
    Ok(Preview {
        columns: header.clone(),
        rows: table.rows.iter().take(shown).map(|r| r.fields.clone()).collect(),
        rows_total: table.rows.len(),
        recognised: Mapping {
            kpi: recognise(KPI_HEADERS),
            actual: recognise(ACTUAL_HEADERS),
            target: recognise(TARGET_HEADERS),
            period: recognise(PERIOD_HEADERS),
            stage: recognise(STAGE_HEADERS),
            ..Mapping::default()
        },
        encoding: table.encoding.to_owned(),
        footer: table.footer,
    })
}

/// A value of a column and how many data rows hold it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ValueCount {
    pub value: String,
    pub rows: usize,
}

/// The distinct values of `column` (by header text), most frequent first, at most `limit`: what a
/// value mapping can name, such as a CRM's deal stages.
pub fn column_values(bytes: &[u8], column: &str, limit: usize) -> Result<Vec<ValueCount>> {
    let table = read_table(bytes)?;
    let Some(index) = column_named(&table.header.fields, column) else {
        return Err(refuse(format!(
            "no column {column:?}; the columns are {}",
            table.header.fields.join(", ")
        )));
    };
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for row in &table.rows {
        let value = row.fields.get(index).map_or("", |f| f.trim());
        if !value.is_empty() {
            *counts.entry(value).or_default() += 1;
        }
    }
    let mut values: Vec<ValueCount> =
        counts.into_iter().map(|(value, rows)| ValueCount { value: value.to_owned(), rows }).collect();
    values.sort_by(|a, b| b.rows.cmp(&a.rows).then_with(|| a.value.cmp(&b.value)));
    values.truncate(limit);
    Ok(values)
}

fn refuse(message: String) -> Error {
    Error::BadCsv { problems: vec![message], total: 1 }
}

fn read_table(bytes: &[u8]) -> Result<table::Table> {
    if bytes.len() > MAX_CSV_BYTES {
        return Err(refuse(format!(
            "{} bytes is larger than the {MAX_CSV_BYTES} a CSV may have",
            bytes.len()
        )));
    }
    table::read(bytes).map_err(refuse)
}

/// The first column whose header is one of `usual` (ignoring case and surrounding blanks).
fn usual_column(header: &[String], usual: &[&str]) -> Option<usize> {
    header.iter().position(|h| usual.iter().any(|u| same_header(h, u)))
}

/// The column whose header is `name` (ignoring case and surrounding blanks).
fn column_named(header: &[String], name: &str) -> Option<usize> {
    header.iter().position(|h| same_header(h, name))
}

fn same_header(header: &str, name: &str) -> bool {
    header.trim().to_lowercase() == name.trim().to_lowercase()
}

/// How often an import reports its progress, in rows.
const PROGRESS_EVERY: usize = 5_000;

const KPI_HEADERS: &[&str] = &["kpi", "kpi名", "指標", "指標名", "name", "名前", "項目", "metric"];
const ACTUAL_HEADERS: &[&str] = &["actual", "実績", "実績値", "value", "値", "count", "件数"];
const TARGET_HEADERS: &[&str] = &["target", "目標", "目標値", "goal"];
const PERIOD_HEADERS: &[&str] = &["period", "期間", "年月", "月", "month", "date", "日付"];
const STAGE_HEADERS: &[&str] = &["stage", "ステージ"];

/// Reads `bytes` as a file of actuals and works out the change; `period` (for every row)
/// overrides a period column.
pub fn plan(map: &Map, bytes: &[u8], mapping: &Mapping, period: Option<&str>) -> Result<Plan> {
    plan_reporting(map, bytes, mapping, period, &mut |_, _| {})
}

/// One row's contribution to a KPI's figure for a period.
struct Entry {
    line: usize,
    value: f64,
    target: Option<f64>,
}

/// [`plan`], calling `progress(rows checked, rows in all)` every few thousand rows.
pub fn plan_reporting(
    map: &Map,
    bytes: &[u8],
    mapping: &Mapping,
    period: Option<&str>,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<Plan> {
    let table = read_table(bytes)?;
    let columns = Columns::find(&table.header, mapping, period)?;
    let rows = &table.rows;
    // Checked once the columns are known, so that a wrong mapping is named first.
    if rows.is_empty() {
        return Err(refuse("the file has a header line and no rows of actuals under it".into()));
    }
    let header = &table.header.fields;
    let fiscal_start = map.info.fiscal_year_start;
    let mut summary = Summary {
        rows: rows.len(),
        footer: table.footer.clone(),
        encoding: table.encoding.to_owned(),
        ..Summary::default()
    };
    let mut problems = Vec::new();
    let mut unmapped: BTreeMap<(usize, String), usize> = BTreeMap::new();
    let mut groups: BTreeMap<(&str, String), Vec<Entry>> = BTreeMap::new();
    for (done, row) in rows.iter().enumerate() {
        if done % PROGRESS_EVERY == 0 {
            progress(done, rows.len());
        }
        let cell = |column: usize| row.fields.get(column).map_or("", |f| f.trim());
        let at = |column: usize, message: String| {
            let name = header.get(column).map_or("", |h| h.trim());
            format!("line {}, column {} ({name}): {message}", row.line, column + 1)
        };
        // A value the mapping translates; `None` skips the row when it names no translation.
        let mut translate = |column: usize, values: &BTreeMap<String, String>| -> Option<String> {
            let value = cell(column);
            if values.is_empty() || value.is_empty() {
                return Some(value.to_owned());
            }
            let found = values.get(value).cloned();
            if found.is_none() {
                *unmapped.entry((column, value.to_owned())).or_default() += 1;
            }
            found
        };
        let stage = match columns.stage {
            Some(column) => match translate(column, &mapping.stage_values) {
                Some(stage) => Some(stage),
                None => continue,
            },
            None => None,
        };
        let (named, kpi_column) = match columns.kpi {
            KpiFrom::EveryRow(name) => (name.to_owned(), columns.stage.unwrap_or(0)),
            KpiFrom::Column(column) => match translate(column, &mapping.kpi_values) {
                Some(named) => (named, column),
                None => continue,
            },
        };
        let kpi = match find_kpi(map, &named, stage.as_deref()) {
            Ok(kpi) => kpi,
            Err(message) => {
                problems.push(at(kpi_column, message));
                continue;
            }
        };
        let value = match columns.actual {
            None => 1.0,
            Some(column) => match table::figure(cell(column)) {
                Figure::Number(value) => value,
                Figure::Missing => {
                    summary.missing += 1;
                    continue;
                }
                Figure::NotANumber => {
                    problems.push(at(column, format!("{:?} is not a number", cell(column))));
                    continue;
                }
            },
        };
        let target = match columns.target.map(|column| (column, table::figure(cell(column)))) {
            Some((column, Figure::NotANumber)) => {
                problems.push(at(column, format!("the target {:?} is not a number", cell(column))));
                continue;
            }
            Some((_, Figure::Number(target))) => Some(target),
            Some((_, Figure::Missing)) | None => None,
        };
        let period = match &columns.period {
            PeriodFrom::Given(period) => period.clone(),
            PeriodFrom::Column(column) => {
                match period::bucket(cell(*column), mapping.period_unit, fiscal_start)
                    .and_then(checked_period)
                {
                    Ok(period) => period,
                    Err(message) => {
                        problems.push(at(*column, message));
                        continue;
                    }
                }
            }
        };
        let entry = Entry { line: row.line, value, target };
        groups.entry((kpi.id.as_str(), period)).or_default().push(entry);
    }

    let mut figures: BTreeMap<&str, BTreeMap<String, (f64, Option<f64>)>> = BTreeMap::new();
    for ((kpi_id, period), entries) in &groups {
        let name = map.kpis.iter().find(|k| k.id == *kpi_id).map_or(*kpi_id, |k| k.name.as_str());
        match combine(entries, mapping.aggregate) {
            Ok(figure) => {
                figures.entry(kpi_id).or_default().insert(period.clone(), figure);
            }
            Err(Clash::Actuals(first, second)) => problems.push(format!(
                "lines {first} and {second} both give the actual of {name:?} for {period}; \
                 choose how to combine them (count, sum or average) or remove one"
            )),
            Err(Clash::Targets(first, second)) => problems
                .push(format!("lines {first} and {second} give different targets for {name:?} in {period}")),
        }
    }
    if !problems.is_empty() {
        let total = problems.len();
        problems.truncate(LISTED_PROBLEMS);
        return Err(Error::BadCsv { problems, total });
    }

    progress(rows.len(), rows.len());
    summary.used = groups.values().map(Vec::len).sum();
    summary.kpis = figures.len();
    summary.unmapped = unmapped
        .into_iter()
        .map(|((column, value), rows)| Unmapped { column: header[column].clone(), value, rows })
        .collect();
    let order = |p: &String| period::order(p, fiscal_start);
    let mut periods: Vec<String> = figures.values().flat_map(|p| p.keys().cloned()).collect();
    periods.sort_by_cached_key(order);
    periods.dedup();
    summary.periods = periods;

    let mut replaced_periods = BTreeSet::new();
    let mut ops = Vec::new();
    for (id, figures) in &figures {
        let Some(kpi) = map.kpis.iter().find(|k| k.id == *id) else { continue };
        if kpi.sample {
            summary.samples_replaced += 1;
        } else {
            for period in figures.keys().filter(|p| kpi.actual_in(p).is_some()) {
                summary.replaced += 1;
                replaced_periods.insert(period.clone());
            }
        }
        let update = update(kpi, figures, fiscal_start);
        summary.targets += usize::from(update.target.is_some());
        ops.push(Op::UpdateKpi { id: kpi.id.clone(), patch: update });
    }
    summary.replaced_periods = replaced_periods.into_iter().collect();
    summary.replaced_periods.sort_by_cached_key(order);
    let op = match ops.len() {
        0 => None,
        1 => ops.into_iter().next(),
        _ => Some(Op::Batch { ops }),
    };
    Ok(Plan { op, summary })
}

/// Where a row's KPI, figure and period come from, and the columns a mapping reads, by index.
struct Columns<'a> {
    kpi: KpiFrom<'a>,
    /// `None`: rows are counted.
    actual: Option<usize>,
    target: Option<usize>,
    period: PeriodFrom,
    stage: Option<usize>,
}

enum KpiFrom<'a> {
    /// The KPI every row counts towards.
    EveryRow(&'a str),
    Column(usize),
}

enum PeriodFrom {
    /// One period for every row, as written and already checked.
    Given(String),
    Column(usize),
}

impl<'a> Columns<'a> {
    fn find(header: &table::Row, mapping: &'a Mapping, period: Option<&str>) -> Result<Columns<'a>> {
        let listed = || header.fields.join(", ");
        let find = |named: &Option<String>, usual: &[&str], what: &str| -> Result<Option<usize>> {
            match named {
                Some(name) => match column_named(&header.fields, name) {
                    Some(found) => Ok(Some(found)),
                    None => Err(refuse(format!(
                        "line {}: no column {name:?} for the {what}; the columns are {}",
                        header.line,
                        listed()
                    ))),
                },
                None => Ok(usual_column(&header.fields, usual)),
            }
        };
        let required = |found: Option<usize>, what: &str, how: &str| {
            found.ok_or_else(|| {
                refuse(format!(
                    "line {}: no column for the {what}; the columns are {} ({how})",
                    header.line,
                    listed()
                ))
            })
        };
        let kpi = match &mapping.kpi_name {
            Some(name) => KpiFrom::EveryRow(name),
            None => KpiFrom::Column(required(
                find(&mapping.kpi, KPI_HEADERS, "KPI")?,
                "KPI",
                "name it in a mapping: \"kpi\": \"column\", or give one KPI for every row: \"kpi_name\"",
            )?),
        };
        let actual = match mapping.aggregate {
            Aggregate::Count => None,
            _ => Some(required(
                find(&mapping.actual, ACTUAL_HEADERS, "actual")?,
                "actual",
                "name it in a mapping: \"actual\": \"column\", or count the rows: \"aggregate\": \"count\"",
            )?),
        };
        let period = match period {
            Some(given) => PeriodFrom::Given(checked_period(period::as_written(given)).map_err(refuse)?),
            None => PeriodFrom::Column(required(
                find(&mapping.period, PERIOD_HEADERS, "period")?,
                "period",
                "name one in a mapping, or give the period for every row",
            )?),
        };
        Ok(Columns {
            kpi,
            actual,
            target: find(&mapping.target, TARGET_HEADERS, "target")?,
            period,
            stage: find(&mapping.stage, STAGE_HEADERS, "stage")?,
        })
    }
}

/// `period` if it can be kept as a period, else why not.
fn checked_period(period: String) -> std::result::Result<String, String> {
    if period.is_empty() {
        return Err("the period is empty".to_owned());
    }
    crate::validate::label("period", &period)
        .map(|()| period)
        .map_err(|problem| format!("the period {}", problem.message))
}

/// Two rows that cannot both stand: by their lines.
enum Clash {
    Actuals(usize, usize),
    Targets(usize, usize),
}

/// The actual (and target) of one KPI and period from its rows.
fn combine(entries: &[Entry], aggregate: Aggregate) -> std::result::Result<(f64, Option<f64>), Clash> {
    let mut target: Option<(usize, f64)> = None;
    for entry in entries {
        match (target, entry.target) {
            (Some((line, known)), Some(t)) if known != t => return Err(Clash::Targets(line, entry.line)),
            (None, Some(t)) => target = Some((entry.line, t)),
            _ => {}
        }
    }
    let sum = || entries.iter().map(|e| e.value).sum::<f64>();
    let actual = match (aggregate, entries) {
        (Aggregate::None, [one]) => one.value,
        (Aggregate::None, [first, second, ..]) => return Err(Clash::Actuals(first.line, second.line)),
        (Aggregate::None, []) => unreachable!("a group has at least one row"),
        (Aggregate::Count, _) => entries.len() as f64,
        (Aggregate::Sum, _) => sum(),
        (Aggregate::Average, _) => sum() / entries.len() as f64,
    };
    Ok((actual, target.map(|(_, t)| t)))
}

/// The KPI a row names, by id or by name (ignoring case). A name that is unique in the map
/// matches whatever stage the row names; a name several stages share needs the row's stage.
fn find_kpi<'a>(map: &'a Map, named: &str, stage: Option<&str>) -> std::result::Result<&'a Kpi, String> {
    if named.is_empty() {
        return Err("the KPI is empty".into());
    }
    let candidates: Vec<&Kpi> = map
        .kpis
        .iter()
        .filter(|k| k.id == named || k.name.trim().to_lowercase() == named.to_lowercase())
        .collect();
    let [_, _, ..] = candidates.as_slice() else {
        return candidates.first().copied().ok_or_else(|| format!("no KPI named {named:?} in the map"));
    };
    let Some(stage) = stage.filter(|s| !s.is_empty()) else {
        return Err(format!(
            "{} KPIs are named {named:?}; add a stage column to tell them apart",
            candidates.len()
        ));
    };
    let stage_id = map
        .stages
        .iter()
        .find(|s| s.name.trim().eq_ignore_ascii_case(stage) || s.id == stage)
        .map(|s| s.id.as_str())
        .ok_or_else(|| format!("no stage named {stage:?}"))?;
    candidates
        .into_iter()
        .find(|k| k.stage_id == stage_id)
        .ok_or_else(|| format!("no KPI named {named:?} in the stage {stage:?}"))
}

/// The change to `kpi` that records `figures` (period → actual and target): the latest imported
/// period becomes the KPI's shown actual, and every other period, including the one shown until
/// now, is kept in its history (an imported period replaces the same period's earlier actual).
/// A KPI's template sample figures are dropped: the imported ones are the first real ones.
fn update(kpi: &Kpi, figures: &BTreeMap<String, (f64, Option<f64>)>, fiscal_start: u8) -> KpiPatch {
    let order = |p: &String| period::order(p, fiscal_start);
    let mut earlier: BTreeMap<String, f64> = BTreeMap::new();
    if !kpi.sample {
        earlier.extend(kpi.history.iter().map(|h| (h.period.clone(), h.actual)));
        if let (Some(actual), false) = (kpi.actual, kpi.period.trim().is_empty()) {
            earlier.insert(kpi.period.clone(), actual);
        }
    }
    earlier.extend(figures.iter().map(|(period, (actual, _))| (period.clone(), *actual)));
    let mut history: Vec<PeriodActual> =
        earlier.into_iter().map(|(period, actual)| PeriodActual { period, actual }).collect();
    history.sort_by_cached_key(|h| order(&h.period));
    // The latest imported period is shown, even if the history holds later ones.
    let latest = figures.keys().max_by_key(|p| order(p)).expect("at least one imported figure");
    let at = history.iter().position(|h| &h.period == latest).expect("the imported period is listed");
    let PeriodActual { period: latest_period, actual: latest_actual } = history.remove(at);
    // The target of the latest period that gives one.
    let target = figures
        .iter()
        .filter_map(|(period, (_, target))| Some((period, (*target)?)))
        .max_by_key(|(p, _)| order(p));
    KpiPatch {
        actual: Some(Some(latest_actual)),
        period: Some(latest_period),
        history: Some(history),
        target: target.map(|(_, t)| Some(t)),
        sample: kpi.sample.then_some(false),
        ..KpiPatch::default()
    }
}

#[cfg(test)]
mod tests;
