//! Importing KPI actuals from the CSV exports people already have (Salesforce, HubSpot, an Excel
//! sheet), offline. Each import is a snapshot of one or more periods: a KPI keeps one actual per
//! period ([`crate::model::Kpi::history`]), the latest shown on the map. Every row is checked
//! before anything changes; a bad row is reported by line and column and nothing is imported.

pub mod csv;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::model::{Kpi, Map, PeriodActual};
use crate::ops::{KpiPatch, Op};

/// Larger files are refused before reading.
pub const MAX_CSV_BYTES: usize = 256 * 1024 * 1024;
/// How many problems an error lists before it only counts the rest.
const LISTED_PROBLEMS: usize = 10;

/// Which columns hold what, by header text. Columns not named are found by the usual headers
/// (`KPI`, `指標`, `実績`, `actual`, `期間`, `period`, `ステージ`, `stage` …).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Mapping {
    /// The KPI's name (or id).
    pub kpi: Option<String>,
    /// The actual figure.
    pub actual: Option<String>,
    /// The period the figure is for; not needed when the import names one period for all rows.
    pub period: Option<String>,
    /// The stage's name, when KPIs of different stages share a name.
    pub stage: Option<String>,
}

/// What an import will do, before it is applied.
#[derive(Debug, Clone)]
pub struct Plan {
    /// One undo step updating every KPI concerned; `None` when the file has no data rows.
    pub op: Option<Op>,
    pub rows: usize,
    pub kpis: usize,
    pub periods: Vec<String>,
}

/// The first rows of a CSV, for choosing its columns before importing.
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
}

/// Reads the header and the first `shown` rows of a CSV of actuals.
pub fn preview(bytes: &[u8], shown: usize) -> Result<Preview> {
    let records = read_records(bytes)?;
    let Some((header, rows)) = records.split_first() else {
        return Err(refuse("the file is empty".into()));
    };
    let recognise = |usual: &[&str]| usual_column(&header.fields, usual).map(|i| header.fields[i].clone());
    Ok(Preview {
        columns: header.fields.clone(),
        rows: rows.iter().take(shown).map(|r| r.fields.clone()).collect(),
        rows_total: rows.len(),
        recognised: Mapping {
            kpi: recognise(KPI_HEADERS),
            actual: recognise(ACTUAL_HEADERS),
            period: recognise(PERIOD_HEADERS),
            stage: recognise(STAGE_HEADERS),
        },
    })
}

fn refuse(message: String) -> Error {
    Error::BadCsv { problems: vec![message], total: 1 }
}

fn read_records(bytes: &[u8]) -> Result<Vec<csv::Record>> {
    if bytes.len() > MAX_CSV_BYTES {
        return Err(refuse(format!(
            "{} bytes is larger than the {MAX_CSV_BYTES} a CSV may have",
            bytes.len()
        )));
    }
    let text = csv::decode(bytes).map_err(refuse)?;
    csv::records(&text).map_err(refuse)
}

/// The first column whose header is one of `usual` (ignoring case and surrounding blanks).
fn usual_column(header: &[String], usual: &[&str]) -> Option<usize> {
    header.iter().position(|h| usual.iter().any(|u| u.to_lowercase() == h.trim().to_lowercase()))
}

/// How often an import reports its progress, in rows.
const PROGRESS_EVERY: usize = 5_000;

const KPI_HEADERS: &[&str] = &["kpi", "kpi名", "指標", "指標名", "name", "名前", "項目", "metric"];
const ACTUAL_HEADERS: &[&str] = &["actual", "実績", "実績値", "value", "値", "count", "件数"];
const PERIOD_HEADERS: &[&str] = &["period", "期間", "年月", "月", "month", "date", "日付"];
const STAGE_HEADERS: &[&str] = &["stage", "ステージ"];

/// Reads `bytes` as a CSV of actuals and works out the change; `period` (for every row)
/// overrides a period column.
pub fn plan(map: &Map, bytes: &[u8], mapping: &Mapping, period: Option<&str>) -> Result<Plan> {
    plan_reporting(map, bytes, mapping, period, &mut |_, _| {})
}

/// [`plan`], calling `progress(rows checked, rows in all)` every few thousand rows.
pub fn plan_reporting(
    map: &Map,
    bytes: &[u8],
    mapping: &Mapping,
    period: Option<&str>,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<Plan> {
    let records = read_records(bytes)?;
    let Some((header, rows)) = records.split_first() else {
        return Err(refuse("the file is empty".into()));
    };
    let find = |named: &Option<String>, usual: &[&str], what: &str| -> Result<Option<usize>> {
        let found = match named {
            Some(name) => {
                header.fields.iter().position(|h| h.trim().to_lowercase() == name.trim().to_lowercase())
            }
            None => usual_column(&header.fields, usual),
        };
        match (found, named) {
            (None, Some(name)) => Err(refuse(format!(
                "line {}: no column {name:?} for the {what}; the columns are {}",
                header.line,
                header.fields.join(", ")
            ))),
            (found, _) => Ok(found),
        }
    };
    let missing = |what: &str, key: &str| {
        refuse(format!(
            "line {}: no column for the {what}; the columns are {} (name it in a mapping: \"{key}\": \"column\")",
            header.line,
            header.fields.join(", ")
        ))
    };
    let kpi_column = find(&mapping.kpi, KPI_HEADERS, "KPI")?.ok_or_else(|| missing("KPI", "kpi"))?;
    let actual_column =
        find(&mapping.actual, ACTUAL_HEADERS, "actual")?.ok_or_else(|| missing("actual", "actual"))?;
    let stage_column = find(&mapping.stage, STAGE_HEADERS, "stage")?;
    let period_column = match period {
        Some(_) => None,
        None => Some(find(&mapping.period, PERIOD_HEADERS, "period")?.ok_or_else(|| {
            refuse(format!(
                "line {}: no column for the period; the columns are {} (name one in a mapping, or give the period for every row)",
                header.line,
                header.fields.join(", ")
            ))
        })?),
    };

    // Checked once the columns are known, so that a wrong mapping is named first.
    if rows.is_empty() {
        return Err(refuse("the file has a header line and no rows of actuals under it".into()));
    }
    let mut problems = Vec::new();
    let mut imported: BTreeMap<&str, BTreeMap<String, f64>> = BTreeMap::new();
    for (done, row) in rows.iter().enumerate() {
        if done % PROGRESS_EVERY == 0 {
            progress(done, rows.len());
        }
        let cell = |column: usize| row.fields.get(column).map_or("", |f| f.trim());
        let at = |column: usize, message: String| {
            let name = header.fields.get(column).map_or("", |h| h.trim());
            format!("line {}, column {} ({name}): {message}", row.line, column + 1)
        };
        let stage = stage_column.map(cell);
        let kpi = match find_kpi(map, cell(kpi_column), stage) {
            Ok(kpi) => kpi,
            Err(message) => {
                problems.push(at(kpi_column, message));
                continue;
            }
        };
        let Some(actual) = csv::number(cell(actual_column)) else {
            problems.push(at(actual_column, format!("{:?} is not a number", cell(actual_column))));
            continue;
        };
        let period = match (period, period_column) {
            (Some(given), _) => csv::period(given),
            (None, Some(column)) => csv::period(cell(column)),
            (None, None) => unreachable!("a period column was required above"),
        };
        if period.is_empty() {
            problems.push(at(period_column.unwrap_or(0), "the period is empty".into()));
            continue;
        }
        if let Err(problem) = crate::validate::label("period", &period) {
            problems.push(at(period_column.unwrap_or(0), format!("the period {}", problem.message)));
            continue;
        }
        imported.entry(kpi.id.as_str()).or_default().insert(period, actual);
    }
    if !problems.is_empty() {
        let total = problems.len();
        problems.truncate(LISTED_PROBLEMS);
        return Err(Error::BadCsv { problems, total });
    }

    progress(rows.len(), rows.len());
    let mut periods: Vec<String> = imported.values().flat_map(|p| p.keys().cloned()).collect();
    periods.sort_by_cached_key(|p| csv::period_order(p));
    periods.dedup();
    let ops: Vec<Op> = imported
        .iter()
        .filter_map(|(id, figures)| map.kpis.iter().find(|k| k.id == *id).map(|kpi| update(kpi, figures)))
        .collect();
    let op = match ops.len() {
        0 => None,
        1 => ops.into_iter().next(),
        _ => Some(Op::Batch { ops }),
    };
    Ok(Plan { op, rows: rows.len(), kpis: imported.len(), periods })
}

/// The KPI a row names, by id or by name (ignoring case), in the row's stage when it names one.
fn find_kpi<'a>(map: &'a Map, named: &str, stage: Option<&str>) -> std::result::Result<&'a Kpi, String> {
    if named.is_empty() {
        return Err("the KPI is empty".into());
    }
    let stage_id = match stage.filter(|s| !s.is_empty()) {
        Some(stage) => Some(
            map.stages
                .iter()
                .find(|s| s.name.trim().eq_ignore_ascii_case(stage) || s.id == stage)
                .map(|s| s.id.as_str())
                .ok_or_else(|| format!("no stage named {stage:?}"))?,
        ),
        None => None,
    };
    let candidates: Vec<&Kpi> = map
        .kpis
        .iter()
        .filter(|k| stage_id.is_none_or(|id| k.stage_id == id))
        .filter(|k| k.id == named || k.name.trim().to_lowercase() == named.to_lowercase())
        .collect();
    match candidates.as_slice() {
        [kpi] => Ok(kpi),
        [] => Err(format!("no KPI named {named:?} in the map")),
        _ => Err(format!(
            "{} KPIs are named {named:?}; add a stage column to tell them apart",
            candidates.len()
        )),
    }
}

/// The change to `kpi` that records `figures` (period → actual): the latest imported period
/// becomes the KPI's shown actual, and every other period, including the one shown until now,
/// is kept in its history (an imported period replaces the same period's earlier actual).
fn update(kpi: &Kpi, figures: &BTreeMap<String, f64>) -> Op {
    let mut earlier: BTreeMap<String, f64> =
        kpi.history.iter().map(|h| (h.period.clone(), h.actual)).collect();
    if let (Some(actual), false) = (kpi.actual, kpi.period.trim().is_empty()) {
        earlier.insert(kpi.period.clone(), actual);
    }
    earlier.extend(figures.iter().map(|(period, actual)| (period.clone(), *actual)));
    let mut history: Vec<PeriodActual> =
        earlier.into_iter().map(|(period, actual)| PeriodActual { period, actual }).collect();
    history.sort_by_cached_key(|h| csv::period_order(&h.period));
    // The latest imported period is shown, even if the history holds later ones.
    let latest = figures.keys().max_by_key(|p| csv::period_order(p)).expect("at least one imported figure");
    let at = history.iter().position(|h| &h.period == latest).expect("the imported period is listed");
    let PeriodActual { period: latest_period, actual: latest_actual } = history.remove(at);
    let patch = KpiPatch {
        actual: Some(Some(latest_actual)),
        period: Some(latest_period),
        history: Some(history),
        ..KpiPatch::default()
    };
    Op::UpdateKpi { id: kpi.id.clone(), patch }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Language;
    use crate::template::Template;

    fn b2b() -> Map {
        Template::B2b.build(Language::Ja, None)
    }

    fn kpi<'a>(map: &'a Map, name: &str) -> &'a Kpi {
        map.kpis.iter().find(|k| k.name == name).unwrap()
    }

    /// Applies a plan's patches the way the core does, for checking what they set.
    fn applied(map: &Map, plan: &Plan) -> Map {
        let mut out = map.clone();
        let ops = match plan.op.clone() {
            Some(Op::Batch { ops }) => ops,
            Some(op) => vec![op],
            None => vec![],
        };
        for op in ops {
            let Op::UpdateKpi { id, patch } = op else { panic!("only KPI updates") };
            let kpi = out.kpis.iter_mut().find(|k| k.id == id).unwrap();
            patch.apply_to(kpi);
        }
        out
    }

    #[test]
    fn each_period_becomes_a_snapshot_and_the_latest_imported_is_shown() {
        let map = b2b();
        let csv = "指標,期間,実績\n資料ダウンロード数,2026/10,260\n資料ダウンロード数,2026/11,\"1,310\"\nデモ依頼数,2026年11月,52\n";
        let planned = plan(&map, csv.as_bytes(), &Mapping::default(), None).unwrap();
        assert_eq!((planned.rows, planned.kpis), (3, 2));
        assert_eq!(planned.periods, ["2026-10", "2026-11"]);
        let after = applied(&map, &planned);
        let downloads = kpi(&after, "資料ダウンロード数");
        assert_eq!((downloads.actual, downloads.period.as_str()), (Some(1310.0), "2026-11"));
        let history: Vec<(&str, f64)> =
            downloads.history.iter().map(|h| (h.period.as_str(), h.actual)).collect();
        assert_eq!(
            history,
            [("2026-Q3", 240.0), ("2026-10", 260.0)],
            "the template's figure is kept, oldest first"
        );
        assert!(crate::validate::map(&after).is_empty());

        // Importing November again replaces it; nothing else moves.
        let again = plan(
            &after,
            "KPI,period,actual\n資料ダウンロード数,2026-11,1400".as_bytes(),
            &Mapping::default(),
            None,
        );
        let after = applied(&after, &again.unwrap());
        let downloads = kpi(&after, "資料ダウンロード数");
        assert_eq!((downloads.actual, downloads.history.len()), (Some(1400.0), 2));
    }

    #[test]
    fn a_preview_shows_the_first_rows_and_the_columns_it_recognises() {
        let csv = "\u{FEFF}Close Month,指標,実績,Owner\n2026/10,商談化数,31,山田\n2026/10,デモ依頼数,52,鈴木\n2026/11,商談化数,35,山田\n";
        let preview = preview(csv.as_bytes(), 2).unwrap();
        assert_eq!(preview.columns, ["Close Month", "指標", "実績", "Owner"]);
        assert_eq!(preview.rows.len(), 2);
        assert_eq!(preview.rows[1], ["2026/10", "デモ依頼数", "52", "鈴木"]);
        assert_eq!(preview.rows_total, 3);
        let recognised =
            Mapping { kpi: Some("指標".into()), actual: Some("実績".into()), period: None, stage: None };
        assert_eq!(preview.recognised, recognised, "\"Close Month\" is not a usual period header");
        assert!(super::preview(b"", 5).unwrap_err().to_string().contains("empty"));
    }

    #[test]
    fn progress_is_reported_from_the_first_row_to_the_last() {
        let map = b2b();
        let mut csv = String::from("指標,期間,実績\n");
        for n in 0..12_000 {
            csv.push_str(&format!("デモ依頼数,2026-{:02},{n}\n", n % 12 + 1));
        }
        let mut seen = Vec::new();
        plan_reporting(&map, csv.as_bytes(), &Mapping::default(), None, &mut |done, total| {
            seen.push((done, total))
        })
        .unwrap();
        assert_eq!(seen, [(0, 12_000), (5_000, 12_000), (10_000, 12_000), (12_000, 12_000)]);
    }

    #[test]
    fn a_mapping_names_the_columns_and_one_period_can_cover_every_row() {
        let map = b2b();
        let csv = "Opportunity Stage\tMetric Name\tCount\n検討\t商談化数\t31\n";
        let mapping: Mapping = serde_json::from_str(
            r#"{"kpi": "Metric Name", "actual": "Count", "stage": "Opportunity Stage"}"#,
        )
        .unwrap();
        let planned = plan(&map, csv.as_bytes(), &mapping, Some("2026/12")).unwrap();
        let after = applied(&map, &planned);
        assert_eq!(kpi(&after, "商談化数").actual, Some(31.0));
        assert_eq!(kpi(&after, "商談化数").period, "2026-12");
    }

    #[test]
    fn bad_rows_are_reported_by_line_and_column_and_nothing_is_planned() {
        let map = b2b();
        let csv = "指標,期間,実績\n資料ダウンロード数,2026/11,12x\n存在しない指標,2026/11,3\nデモ依頼数,2026/11,4\n";
        let error = plan(&map, csv.as_bytes(), &Mapping::default(), None).unwrap_err().to_string();
        assert!(error.contains("line 2, column 3 (実績): \"12x\" is not a number"), "{error}");
        assert!(error.contains("line 3, column 1 (指標): no KPI named \"存在しない指標\""), "{error}");
        assert!(error.starts_with("nothing was imported"), "{error}");
    }

    #[test]
    fn missing_columns_and_empty_files_are_refused_with_the_columns_found() {
        let map = b2b();
        let error = plan(&map, b"Name,Amount\nx,1\n", &Mapping::default(), None).unwrap_err().to_string();
        assert!(error.contains("no column for the actual; the columns are Name, Amount"), "{error}");
        let error = plan(&map, "指標,実績\n資料ダウンロード数,1\n".as_bytes(), &Mapping::default(), None)
            .unwrap_err();
        assert!(error.to_string().contains("no column for the period"), "{error}");
        assert!(plan(&map, b"", &Mapping::default(), None)
            .unwrap_err()
            .to_string()
            .contains("the file is empty"));
        let mapping = Mapping { kpi: Some("Metric".into()), ..Mapping::default() };
        let error = plan(&map, b"KPI,actual\n", &mapping, Some("2026-11")).unwrap_err().to_string();
        assert!(error.contains("no column \"Metric\" for the KPI"), "{error}");
    }
}
