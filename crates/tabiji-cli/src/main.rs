//! `tabiji`: create, inspect, validate, edit and convert Tabiji maps without a window.

mod kpi;
mod report;
mod revision;

use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use tabiji_core::{export, store::Store, validate, Document, Error, Language, Op, Template};

#[derive(Parser)]
#[command(name = "tabiji", version, about = "Work with Tabiji customer journey maps (*.tabiji)")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Create a new map file from a template.
    New {
        file: PathBuf,
        #[arg(long, value_enum, default_value_t = TemplateArg::B2b)]
        template: TemplateArg,
        /// Language of the template's texts; defaults to the system's (LANG).
        #[arg(long, value_enum)]
        lang: Option<LangArg>,
        #[arg(long)]
        title: Option<String>,
    },
    /// Show a map's title, stages, counts and schema version.
    Info {
        file: PathBuf,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Write a map as JSON, SVG, PNG, PDF or CSV. SVG, PNG and PDF carry the map, so that
    /// `tabiji import` turns them back into an editable map.
    Export {
        file: PathBuf,
        #[arg(long, value_enum)]
        format: ExportFormat,
        /// Where to write; standard output if omitted.
        #[arg(long)]
        out: Option<PathBuf>,
        /// PNG: pixels per map unit.
        #[arg(long, default_value_t = 2, value_parser = clap::value_parser!(u32).range(1..=4))]
        scale: u32,
        /// PNG and SVG: leave the background transparent.
        #[arg(long)]
        transparent: bool,
        /// PDF: one page the map's size, or paper pages the map is tiled across.
        #[arg(long, value_enum, default_value_t = PageArg::Fit)]
        page: PageArg,
        /// PDF on paper: page orientation.
        #[arg(long, value_enum, default_value_t = OrientationArg::Landscape)]
        orientation: OrientationArg,
        /// CSV: which table.
        #[arg(long, value_enum, default_value_t = TableArg::Cards)]
        table: TableArg,
        /// SVG, PNG, PDF: only these lanes (ids, comma-separated; see `tabiji export --format json`).
        #[arg(long, value_delimiter = ',')]
        lanes: Option<Vec<String>>,
        /// SVG, PNG, PDF: only these personas' emotion curves (ids, comma-separated).
        #[arg(long, value_delimiter = ',')]
        personas: Option<Vec<String>>,
        /// SVG, PNG, PDF: add the analysis report (as `tabiji report` gives it, in the map's
        /// language) under the map.
        #[arg(long)]
        report: bool,
    },
    /// Create a map file from a JSON export or from a PNG, SVG or PDF exported by Tabiji.
    Import { source: PathBuf, file: PathBuf },
    /// Apply operations, one JSON op per line, each in its own transaction.
    Apply {
        file: PathBuf,
        ops: PathBuf,
        /// Print "applied <line>" after each op is committed.
        #[arg(long)]
        progress: bool,
    },
    /// Check a map file: database integrity, schema version and the map's invariants.
    Validate { file: PathBuf },
    /// Work with KPIs.
    Kpi {
        #[command(subcommand)]
        command: kpi::KpiCommand,
    },
    /// Read the map as a whole: the funnel's conversion per period, the bottleneck stage,
    /// touchpoints that cost much and return little, spend and effect per channel and
    /// department, and ownership gaps.
    Report {
        file: PathBuf,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
        /// Judge the KPIs on this period's actuals instead of each one's latest.
        #[arg(long)]
        period: Option<String>,
        /// The report's language; the map's own if omitted.
        #[arg(long, value_enum)]
        lang: Option<LangArg>,
    },
    /// Named revisions of a map, kept inside its file: save, list, compare, restore.
    Revision {
        #[command(subcommand)]
        command: revision::RevisionCommand,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum TemplateArg {
    B2b,
    Blank,
}

#[derive(Clone, Copy, ValueEnum)]
enum LangArg {
    Ja,
    En,
}

impl LangArg {
    fn language(self) -> Language {
        match self {
            LangArg::Ja => Language::Ja,
            LangArg::En => Language::En,
        }
    }
}

#[derive(Clone, Copy, ValueEnum)]
enum ExportFormat {
    Json,
    Svg,
    Png,
    Pdf,
    Csv,
}

#[derive(Clone, Copy, ValueEnum)]
enum PageArg {
    Fit,
    A4,
    A3,
    Letter,
}

#[derive(Clone, Copy, ValueEnum)]
enum OrientationArg {
    Landscape,
    Portrait,
}

#[derive(Clone, Copy, ValueEnum)]
enum TableArg {
    Cards,
    Kpis,
}

/// A failure with the one line the user sees.
struct Failure(String);

impl From<Error> for Failure {
    fn from(e: Error) -> Self {
        Failure(format!("{} [{}]", e, e.code()))
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli.command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure(message)) => {
            eprintln!("tabiji: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run(command: Command) -> Result<(), Failure> {
    match command {
        Command::New { file, template, lang, title } => {
            let template = match template {
                TemplateArg::B2b => Template::B2b,
                TemplateArg::Blank => Template::Blank,
            };
            let lang = lang.map_or_else(Language::of_system, LangArg::language);
            Document::create(&file, &template.build(lang, title.as_deref()))?;
            Ok(())
        }
        Command::Info { file, json } => info(&file, json),
        Command::Export {
            file,
            format,
            out,
            scale,
            transparent,
            page,
            orientation,
            table,
            lanes,
            personas,
            report,
        } => {
            let (_, map) = Document::open_and_read(&file)?;
            let mut request = export::Request::new(match (format, table) {
                (ExportFormat::Json, _) => export::Format::Json,
                (ExportFormat::Svg, _) => export::Format::Svg,
                (ExportFormat::Png, _) => export::Format::Png,
                (ExportFormat::Pdf, _) => export::Format::Pdf,
                (ExportFormat::Csv, TableArg::Cards) => export::Format::CsvCards,
                (ExportFormat::Csv, TableArg::Kpis) => export::Format::CsvKpis,
            });
            request.scale = scale;
            request.transparent = transparent;
            request.paper = match page {
                PageArg::Fit => export::pdf::Paper::Fit,
                PageArg::A4 => export::pdf::Paper::A4,
                PageArg::A3 => export::pdf::Paper::A3,
                PageArg::Letter => export::pdf::Paper::Letter,
            };
            request.orientation = match orientation {
                OrientationArg::Landscape => export::pdf::Orientation::Landscape,
                OrientationArg::Portrait => export::pdf::Orientation::Portrait,
            };
            request.include = export::Include { lanes, personas, report };
            // Refused before rendering, so that a mistaken target is named at once.
            if let Some(out) = &out {
                export::save::check_target(out, Some(&file))?;
            }
            let bytes = export::render(&map, &request)?;
            match &out {
                Some(out) => Ok(export::save::save(&bytes, out, Some(&file))?),
                None => print_bytes(&bytes),
            }
        }
        Command::Import { source, file } => {
            let bytes = tabiji_core::input::read(&source, tabiji_core::input::MAX_IMPORT_BYTES)?;
            let at = |message: String| Failure(format!("{}: {message}", source.display()));
            let map = export::embedded::map_from_bytes(&bytes).map_err(|e| at(e.to_string()))?;
            Document::create(&file, &map)?;
            Ok(())
        }
        Command::Apply { file, ops, progress } => apply(&file, &ops, progress),
        Command::Validate { file } => validate_file(&file),
        Command::Report { file, json, period, lang } => {
            report::print(&file, json, period.as_deref(), lang.map(LangArg::language))
        }
        Command::Revision { command } => revision::run(command),
        Command::Kpi { command } => kpi::run(command),
    }
}

fn info(file: &Path, as_json: bool) -> Result<(), Failure> {
    let (document, map) = Document::open_and_read(file)?;
    let version = document.store().schema_version()?;
    let counts = map.counts();
    let text = if as_json {
        let value = serde_json::json!({
            "title": map.info.title,
            "description": map.info.description,
            "language": map.info.language,
            "created_at": map.info.created_at,
            "updated_at": map.info.updated_at,
            "stages": map.stages.iter().map(|s| &s.name).collect::<Vec<_>>(),
            "lanes": map.lanes.iter().map(|l| &l.name).collect::<Vec<_>>(),
            "counts": counts,
            "schema_version": version,
        });
        serde_json::to_string_pretty(&value).expect("json values serialise") + "\n"
    } else {
        let stages = map.stages.iter().map(|s| s.name.as_str()).collect::<Vec<_>>().join(" → ");
        format!(
            "{}\nstages: {stages}\ncards: {}  personas: {} (in {} organisations)  emotion points: {}  KPIs: {}\nschema version: {version}\n",
            map.info.title, counts.cards, counts.personas, counts.orgs, counts.emotion_points, counts.kpis
        )
    };
    print_bytes(text.as_bytes())
}

fn apply(file: &Path, ops_file: &Path, progress: bool) -> Result<(), Failure> {
    let reader =
        std::fs::File::open(ops_file).map_err(|e| Error::Io { path: ops_file.to_owned(), source: e })?;
    let mut document = Document::open(file)?;
    let mut stdout = std::io::stdout().lock();
    let mut applied = 0;
    for (index, line) in std::io::BufReader::new(reader).lines().enumerate() {
        let number = index + 1;
        let at = |message: String| Failure(format!("{}:{number}: {message}", ops_file.display()));
        let line = line.map_err(|e| at(e.to_string()))?;
        if line.trim().is_empty() {
            continue;
        }
        let op: Op = serde_json::from_str(&line).map_err(|e| at(format!("not an op: {e}")))?;
        document
            .apply(op)
            .map_err(|e| at(format!("{e} [{}]; {applied} earlier ops were applied", e.code())))?;
        applied += 1;
        if progress {
            writeln!(stdout, "applied {number}")
                .and_then(|()| stdout.flush())
                .map_err(|e| at(e.to_string()))?;
        }
    }
    Ok(())
}

fn validate_file(file: &Path) -> Result<(), Failure> {
    let store = Store::open(file)?;
    let mut problems: Vec<String> = Vec::new();
    if let Err(messages) = store.integrity_check() {
        problems.extend(messages.into_iter().map(|m| format!("integrity: {m}")));
    }
    problems.extend(store.ordering_problems()?);
    match store.load() {
        Ok(map) => {
            problems.extend(validate::map(&map).into_iter().map(|p| format!("{}: {}", p.path, p.message)))
        }
        Err(e) => problems.push(e.to_string()),
    }
    let version = store.schema_version()?;
    if problems.is_empty() {
        println!("{}: ok (schema version {version})", file.display());
        return Ok(());
    }
    for problem in &problems {
        println!("{problem}");
    }
    Err(Failure(format!("{}: {} problem(s) found", file.display(), problems.len())))
}

fn print_bytes(bytes: &[u8]) -> Result<(), Failure> {
    let mut stdout = std::io::stdout().lock();
    stdout.write_all(bytes).and_then(|()| stdout.flush()).map_err(|e| Failure(e.to_string()))
}
