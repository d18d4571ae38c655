//! Exports of a map. SVG, PNG and PDF are painted from the same layout as the canvas, with the
//! bundled font and the same theme, and carry the map's JSON so that they reopen as editable maps
//! ([`embedded`]); CSV lists the cards and the KPIs for spreadsheets.

pub mod csv;
pub mod embedded;
pub mod pdf;
pub mod png;
pub mod svg;

use std::sync::{Arc, LazyLock};

use resvg::usvg;

use crate::error::{Error, Result};
use crate::fonts;
use crate::json;
use crate::layout::{self, Layout};
use crate::model::{Id, Map};

/// What of the map an image shows: every shown lane and every persona's curve by default, or
/// only the ones listed.
#[derive(Debug, Clone, Default)]
pub struct Include {
    pub lanes: Option<Vec<Id>>,
    pub personas: Option<Vec<Id>>,
}

impl Include {
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

/// `map` as an SVG document, with the whole map embedded.
pub fn svg_of_map(map: &Map, include: &Include, transparent: bool) -> String {
    image_svg(map, include, transparent).1
}

/// The layout and SVG of `map` for an image export, with the whole map embedded.
fn image_svg(map: &Map, include: &Include, transparent: bool) -> (Layout, String) {
    let layout = layout::layout(&include.apply(map));
    let options = svg::SvgOptions {
        transparent,
        embedded_map: Some(json::to_json(map)),
        title: map.info.title.clone(),
    };
    let svg = svg::render(&layout, &options);
    (layout, svg)
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
