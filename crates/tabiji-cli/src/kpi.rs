//! `tabiji kpi`: import actuals from CRM, MA and spreadsheet exports, and the mappings that say
//! how an export's rows become actuals.

use std::path::{Path, PathBuf};

use clap::Subcommand;
use tabiji_core::actuals::{self, saved, Summary};
use tabiji_core::folders::settings_dir;
use tabiji_core::{Document, Error};

use crate::{print_bytes, Failure};

#[derive(Subcommand)]
pub enum KpiCommand {
    /// Import actuals from an export (UTF-8, UTF-16 or Shift_JIS, comma or tab); each period is
    /// kept as a snapshot. Nothing is imported when any row is wrong.
    Import {
        file: PathBuf,
        csv: PathBuf,
        /// The period of every row (e.g. 2026-11), when the file has no period column.
        #[arg(long)]
        period: Option<String>,
        /// A mapping's name (see `tabiji kpi mappings`) or a mapping file: which columns hold
        /// what, how rows are combined, and what the values of a column stand for.
        #[arg(long)]
        mapping: Option<String>,
    },
    /// List the ready and the saved mappings.
    Mappings,
    /// Print a mapping as its file holds it (to save it as a file or hand it on).
    Mapping { name: String },
}

pub fn run(command: KpiCommand) -> Result<(), Failure> {
    let settings = settings_dir();
    match command {
        KpiCommand::Import { file, csv, period, mapping } => {
            import(&file, &csv, period.as_deref(), mapping.as_deref(), &settings)
        }
        KpiCommand::Mappings => {
            let lines: String = saved::list(&settings)?
                .into_iter()
                .map(|m| format!("{}{}\n", m.name, if m.ready { "  (ready)" } else { "" }))
                .collect();
            print_bytes(lines.as_bytes())
        }
        KpiCommand::Mapping { name } => {
            print_bytes(saved::to_json(&saved::load(&settings, &name)?).as_bytes())
        }
    }
}

fn import(
    file: &Path,
    csv: &Path,
    period: Option<&str>,
    mapping: Option<&str>,
    settings: &Path,
) -> Result<(), Failure> {
    let in_file = |path: &Path, e: Error| Failure(format!("{}: {e} [{}]", path.display(), e.code()));
    let mapping = match mapping {
        Some(name) => saved::load(settings, name)?,
        None => actuals::Mapping::default(),
    };
    let bytes = tabiji_core::input::read(csv, actuals::MAX_CSV_BYTES as u64)?;
    let mut document = Document::open(file)?;
    let plan = actuals::plan(&document.map()?, &bytes, &mapping, period).map_err(|e| in_file(csv, e))?;
    if let Some(op) = plan.op {
        document.apply(op)?;
    }
    print!("{}", describe(&plan.summary));
    Ok(())
}

/// What an import did, a line for each thing worth knowing.
fn describe(summary: &Summary) -> String {
    let mut out = format!(
        "imported {} of {} row(s) for {} KPI(s), period(s): {}\n",
        summary.used,
        summary.rows,
        summary.kpis,
        summary.periods.join(", ")
    );
    if summary.replaced > 0 {
        out += &format!(
            "replaced {} earlier actual(s) of {}\n",
            summary.replaced,
            summary.replaced_periods.join(", ")
        );
    }
    if summary.samples_replaced > 0 {
        out += &format!("replaced the sample figures of {} KPI(s)\n", summary.samples_replaced);
    }
    if summary.targets > 0 {
        out += &format!("set the target of {} KPI(s)\n", summary.targets);
    }
    if summary.missing > 0 {
        out += &format!("skipped {} row(s) without a figure\n", summary.missing);
    }
    for unmapped in &summary.unmapped {
        out += &format!(
            "skipped {} row(s) whose {} is {:?}, which the mapping does not name\n",
            unmapped.rows, unmapped.column, unmapped.value
        );
    }
    for line in &summary.footer {
        out += &format!("skipped line {} after the data: {}\n", line.line, line.text);
    }
    out
}
