//! Mappings kept by name: the ready ones for the common shapes of Salesforce, HubSpot and
//! Marketo exports, and the user's own, saved as `NAME.json` in the `mappings` folder of the
//! app's settings (which the CLI shares), so that the same export is imported the same way every
//! month. A saved mapping's file is a mapping file like any other: it can be passed to
//! `tabiji kpi import --mapping` as a path, and handed to a colleague.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Serialize;
use ts_rs::TS;

use super::{Aggregate, Mapping, PeriodUnit};
use crate::error::{Error, Result};

/// A mapping and the name it is chosen by.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct NamedMapping {
    pub name: String,
    pub mapping: Mapping,
    /// One of the ready mappings that come with Tabiji (they cannot be overwritten).
    pub ready: bool,
}

/// A saved mapping file larger than this is not a mapping.
const MAX_MAPPING_BYTES: u64 = 1024 * 1024;

/// The folder of saved mappings inside the settings folder.
pub fn folder(settings: &Path) -> PathBuf {
    settings.join("mappings")
}

/// The ready mappings, then the saved ones by name.
pub fn list(settings: &Path) -> Result<Vec<NamedMapping>> {
    let mut all = ready();
    let folder = folder(settings);
    let entries = match std::fs::read_dir(&folder) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(all),
        Err(e) => return Err(Error::io(&folder, e)),
    };
    let mut saved = Vec::new();
    for entry in entries {
        let path = entry.map_err(|e| Error::io(&folder, e))?.path();
        let Some(name) = path.file_stem().filter(|_| path.extension().is_some_and(|e| e == "json")) else {
            continue;
        };
        // A file someone broke by hand is left out of the list, not allowed to hide the others.
        if let Ok(mapping) = read(&path) {
            saved.push(NamedMapping { name: name.to_string_lossy().into_owned(), mapping, ready: false });
        }
    }
    saved.sort_by(|a, b| a.name.cmp(&b.name));
    all.extend(saved);
    Ok(all)
}

/// The mapping `name_or_path` names: a ready or saved mapping's name, or else a mapping file.
pub fn load(settings: &Path, name_or_path: &str) -> Result<Mapping> {
    if let Some(ready) = ready().into_iter().find(|m| m.name == name_or_path) {
        return Ok(ready.mapping);
    }
    let saved = valid_name(name_or_path).ok().map(|_| folder(settings).join(format!("{name_or_path}.json")));
    match saved.filter(|path| path.is_file()) {
        Some(path) => read(&path),
        None => {
            let path = Path::new(name_or_path);
            if !path.is_file() {
                let names: Vec<String> = list(settings)?.into_iter().map(|m| m.name).collect();
                return Err(Error::Invalid(format!(
                    "no mapping named {name_or_path:?} and no such file; the mappings are {}",
                    names.join(", ")
                )));
            }
            read(path)
        }
    }
}

/// Saves `mapping` under `name`, replacing a saved mapping of that name.
pub fn save(settings: &Path, name: &str, mapping: &Mapping) -> Result<PathBuf> {
    let name = valid_name(name)?;
    if ready().iter().any(|m| m.name == name) {
        return Err(Error::Invalid(format!("{name:?} is the name of a ready mapping; choose another")));
    }
    let folder = folder(settings);
    std::fs::create_dir_all(&folder).map_err(|e| Error::io(&folder, e))?;
    let path = folder.join(format!("{name}.json"));
    crate::export::save::save(to_json(mapping).as_bytes(), &path, None)?;
    Ok(path)
}

/// Removes the saved mapping `name`.
pub fn delete(settings: &Path, name: &str) -> Result<()> {
    let path = folder(settings).join(format!("{}.json", valid_name(name)?));
    std::fs::remove_file(&path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => Error::NotFound { path: path.clone() },
        _ => Error::io(&path, e),
    })
}

/// A mapping as its file holds it.
pub fn to_json(mapping: &Mapping) -> String {
    serde_json::to_string_pretty(mapping).expect("a mapping serialises") + "\n"
}

fn read(path: &Path) -> Result<Mapping> {
    let bytes = crate::input::read(path, MAX_MAPPING_BYTES)?;
    let text = String::from_utf8(bytes)
        .map_err(|_| Error::Invalid(format!("{}: a mapping is UTF-8 JSON", path.display())))?;
    serde_json::from_str(&text)
        .map_err(|e| Error::Invalid(format!("{}: not a column mapping: {e}", path.display())))
}

/// A name that is also a file name on every system: not empty, at most 100 characters, without
/// path separators, characters Windows refuses, control characters or a leading dot.
fn valid_name(name: &str) -> Result<&str> {
    let name = name.trim();
    let bad = name.is_empty()
        || name.chars().count() > 100
        || name.starts_with('.')
        || name.chars().any(|c| c.is_control() || "/\\:*?\"<>|".contains(c));
    match bad {
        true => Err(Error::Invalid(format!(
            "{name:?} cannot name a mapping: use 1 to 100 characters without / \\ : * ? \" < > | or a leading dot"
        ))),
        false => Ok(name),
    }
}

fn values(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs.iter().map(|(from, to)| ((*from).to_owned(), (*to).to_owned())).collect()
}

/// The ready mappings. Their values name the KPIs of the b2b template by id (`kp_3` is its demo
/// requests in either language), so they work as they are on a map made from it; on another
/// map the import preview names each value to map.
pub fn ready() -> Vec<NamedMapping> {
    let named = |name: &str, mapping: Mapping| NamedMapping { name: name.to_owned(), mapping, ready: true };
    vec![
        named(
            "Salesforce 商談レポート",
            Mapping {
                kpi: Some("フェーズ".into()),
                kpi_values: values(&[("検討", "kp_4"), ("ニーズ分析", "kp_4"), ("提案/見積", "kp_5")]),
                period: Some("完了予定日".into()),
                period_unit: PeriodUnit::Month,
                aggregate: Aggregate::Count,
                ..Mapping::default()
            },
        ),
        named(
            "Salesforce opportunities report",
            Mapping {
                kpi: Some("Stage".into()),
                kpi_values: values(&[
                    ("Qualification", "kp_4"),
                    ("Needs Analysis", "kp_4"),
                    ("Proposal/Price Quote", "kp_5"),
                ]),
                period: Some("Close Date".into()),
                period_unit: PeriodUnit::Month,
                aggregate: Aggregate::Count,
                ..Mapping::default()
            },
        ),
        named(
            "HubSpot deals",
            Mapping {
                kpi: Some("Deal Stage".into()),
                kpi_values: values(&[
                    ("presentationscheduled", "kp_3"),
                    ("Presentation Scheduled", "kp_3"),
                    ("qualifiedtobuy", "kp_4"),
                    ("Qualified To Buy", "kp_4"),
                    ("contractsent", "kp_5"),
                    ("Contract Sent", "kp_5"),
                ]),
                period: Some("Create Date".into()),
                period_unit: PeriodUnit::Month,
                aggregate: Aggregate::Count,
                ..Mapping::default()
            },
        ),
        named(
            "Marketo leads",
            Mapping {
                kpi: Some("Lead Source".into()),
                kpi_values: values(&[
                    ("Content Download", "kp_1"),
                    ("資料ダウンロード", "kp_1"),
                    ("Demo Request", "kp_3"),
                    ("デモ申込", "kp_3"),
                ]),
                period: Some("Created At".into()),
                period_unit: PeriodUnit::Month,
                aggregate: Aggregate::Count,
                ..Mapping::default()
            },
        ),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mappings_are_saved_listed_loaded_by_name_or_path_and_deleted() {
        let settings = tempfile::tempdir().unwrap();
        let mapping = Mapping { kpi: Some("指標".into()), aggregate: Aggregate::Sum, ..Mapping::default() };
        let path = save(settings.path(), "月次 KPI", &mapping).unwrap();
        assert_eq!(path, settings.path().join("mappings/月次 KPI.json"));
        let names: Vec<String> = list(settings.path()).unwrap().into_iter().map(|m| m.name).collect();
        assert_eq!(names.last().map(String::as_str), Some("月次 KPI"), "{names:?}");
        assert_eq!(load(settings.path(), "月次 KPI").unwrap(), mapping);
        assert_eq!(load(settings.path(), path.to_str().unwrap()).unwrap(), mapping, "a path still works");
        assert_eq!(load(settings.path(), "HubSpot deals").unwrap().aggregate, Aggregate::Count);

        let error = load(settings.path(), "月次").unwrap_err().to_string();
        assert!(error.contains("no mapping named \"月次\"") && error.contains("HubSpot deals"), "{error}");
        assert!(save(settings.path(), "../escape", &mapping).is_err());
        assert!(save(settings.path(), "HubSpot deals", &mapping).is_err(), "ready ones stay as they are");
        std::fs::write(folder(settings.path()).join("broken.json"), "{").unwrap();
        assert_eq!(list(settings.path()).unwrap().len(), ready().len() + 1, "a broken file is left out");
        delete(settings.path(), "月次 KPI").unwrap();
        assert_eq!(list(settings.path()).unwrap().len(), ready().len());
    }
}
