//! `tabiji report`: the analysis of a map, as text for people or JSON for scripts.

use std::path::Path;

use tabiji_core::analysis::{self, Report};
use tabiji_core::{report_text, Document, Language, Map};

use crate::{print_bytes, Failure};

/// Prints the report of `file` in `language`, or in the map's own language.
pub fn print(
    file: &Path,
    as_json: bool,
    period: Option<&str>,
    language: Option<Language>,
) -> Result<(), Failure> {
    let (_, map) = Document::open_and_read(file)?;
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
        false => as_text(&map, &report, language.unwrap_or(map.info.language)),
    };
    print_bytes(text.as_bytes())
}

/// The report as `tabiji report` prints it: each section's title, then its items indented.
fn as_text(map: &Map, report: &Report, language: Language) -> String {
    let mut out = String::new();
    for section in report_text::sections(map, report, language) {
        out.push_str(&format!("{}:\n", section.title));
        for item in section.items {
            out.push_str(&format!("  {}\n", item.text));
        }
    }
    out
}
