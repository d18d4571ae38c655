//! Exports of a map. SVG, PNG and PDF are painted from the same layout as the canvas, with the
//! bundled font and the same theme, and carry the map's JSON so that they reopen as editable maps
//! ([`embedded`]); CSV lists the cards and the KPIs for spreadsheets.

pub mod csv;
pub mod embedded;
pub mod pdf;
pub mod png;
pub mod report_page;
pub mod save;
pub mod svg;

use std::sync::{Arc, LazyLock};

use resvg::usvg;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::fonts;
use crate::json;
use crate::layout;
use crate::model::{Id, Map};

/// The formats a map exports to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Format {
    Json,
    Svg,
    Png,
    Pdf,
    /// The cards as CSV.
    CsvCards,
    /// The KPIs as CSV.
    CsvKpis,
}

impl Format {
    pub fn extension(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Svg => "svg",
            Format::Png => "png",
            Format::Pdf => "pdf",
            Format::CsvCards | Format::CsvKpis => "csv",
        }
    }
}

/// An export as the CLI and the app's dialog ask for it.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct Request {
    pub format: Format,
    /// PNG: pixels per map unit, 1 to 4.
    pub scale: u32,
    /// PNG and SVG: no background.
    pub transparent: bool,
    pub paper: pdf::Paper,
    pub orientation: pdf::Orientation,
    pub include: Include,
}

impl Request {
    pub fn new(format: Format) -> Request {
        Request {
            format,
            scale: 2,
            transparent: false,
            paper: pdf::Paper::Fit,
            orientation: pdf::Orientation::Landscape,
            include: Include::default(),
        }
    }
}

/// The bytes of `map` exported as `request` says.
pub fn render(map: &Map, request: &Request) -> Result<Vec<u8>> {
    let include = &request.include;
    include.check(map)?;
    Ok(match request.format {
        Format::Json => json::to_json(map).into_bytes(),
        Format::Svg => drawing(map, include, request.transparent, Some(json::to_json(map))).1.into_bytes(),
        Format::Png => png::render(
            map,
            include,
            &png::PngOptions { scale: request.scale, transparent: request.transparent },
        )?,
        Format::Pdf => pdf::render(
            map,
            include,
            &pdf::PdfOptions { paper: request.paper, orientation: request.orientation, created: None },
        )?,
        Format::CsvCards => csv::cards(map).into_bytes(),
        Format::CsvKpis => csv::kpis(map).into_bytes(),
    })
}

/// What of the map an image shows: every shown lane and every persona's curve by default, or
/// only the ones listed; and whether the analysis report follows under the map.
#[derive(Debug, Clone, Default, Deserialize, TS)]
pub struct Include {
    pub lanes: Option<Vec<Id>>,
    pub personas: Option<Vec<Id>>,
    #[serde(default)]
    pub report: bool,
}

impl Include {
    /// Refuses lanes and personas the map does not have, listing the ones it has.
    pub fn check(&self, map: &Map) -> Result<()> {
        let unknown = |asked: &Option<Vec<Id>>, have: Vec<(&Id, &str)>, what: &str| -> Result<()> {
            let missing: Vec<&str> = asked
                .iter()
                .flatten()
                .filter(|id| !have.iter().any(|(known, _)| known == id))
                .map(String::as_str)
                .collect();
            if missing.is_empty() {
                return Ok(());
            }
            let listed: Vec<String> = have.iter().map(|(id, name)| format!("{id} ({name})")).collect();
            Err(Error::Invalid(format!(
                "the map has no {what} {}; its {what}s are {}",
                missing.join(", "),
                if listed.is_empty() { "none".to_owned() } else { listed.join(", ") }
            )))
        };
        unknown(&self.lanes, map.lanes.iter().map(|l| (&l.id, l.name.as_str())).collect(), "lane")?;
        unknown(&self.personas, map.personas.iter().map(|p| (&p.id, p.name.as_str())).collect(), "persona")
    }

    /// The map as it is to be drawn: lanes not included are hidden, and personas not included
    /// lose their emotion points (so they draw no curve).
    pub fn apply(&self, map: &Map) -> Map {
        let mut view = map.clone();
        if let Some(lanes) = &self.lanes {
            for lane in &mut view.lanes {
                lane.hidden = lane.hidden || !lanes.contains(&lane.id);
            }
        }
        if let Some(personas) = &self.personas {
            view.emotion_points.retain(|p| personas.contains(&p.persona_id));
        }
        view
    }
}

/// The size and SVG of `map` as an image shows it, the report page included if asked for. Only
/// the SVG export carries the map in the SVG itself (`embedded_map`); PNG and PDF attach it their
/// own way and rasterise an SVG without it, so that the map's JSON is neither parsed nor written
/// twice.
fn drawing(map: &Map, include: &Include, transparent: bool, embedded_map: Option<String>) -> (Size, String) {
    let layout = layout::layout(&include.apply(map));
    // The report reads the whole map, whatever lanes and curves the picture leaves out.
    let report = include.report.then(|| report_page::lay_out(map, layout.height, layout.width));
    let options = svg::SvgOptions { transparent, embedded_map, title: map.info.title.clone(), report };
    let svg = svg::render(&layout, &options);
    (svg::size(&layout, &options), svg)
}

/// A picture's size in map units.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Size {
    pub width: f64,
    pub height: f64,
}

/// The bundled font, loaded once from the bytes in the binary; no system font is ever used, so
/// an export looks the same on every machine.
static FONT_DATABASE: LazyLock<Arc<usvg::fontdb::Database>> = LazyLock::new(|| {
    let mut database = usvg::fontdb::Database::new();
    database.load_font_data(fonts::REGULAR.to_vec());
    database.load_font_data(fonts::BOLD.to_vec());
    Arc::new(database)
});

/// Parses an SVG painted by [`svg::render`] into the tree both PNG and PDF are drawn from.
fn parse_svg(svg: &str) -> Result<usvg::Tree> {
    let options = usvg::Options {
        font_family: fonts::FAMILY.to_owned(),
        fontdb: FONT_DATABASE.clone(),
        ..usvg::Options::default()
    };
    usvg::Tree::from_str(svg, &options)
        .map_err(|e| Error::Export(format!("the map's SVG did not parse: {e}")))
}
