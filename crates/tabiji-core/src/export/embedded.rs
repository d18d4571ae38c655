//! Finding the map inside an exported PNG, SVG or PDF, so that an export reopens as an editable
//! map (`tabiji import`, and Open… in the app).

use std::io::Cursor;

use resvg::usvg::roxmltree;

use super::pdf::MAP_FILE_NAME;
use super::png::MAP_KEYWORD;
use super::svg::METADATA_NAMESPACE;
use crate::error::{Error, Result};
use crate::json;
use crate::model::Map;

/// What kind of file the bytes are, by their first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Png,
    Svg,
    Pdf,
    /// Anything else: JSON or a map file, for the caller to try.
    Other,
}

pub fn kind_of(bytes: &[u8]) -> Kind {
    let start = String::from_utf8_lossy(&bytes[..bytes.len().min(512)]);
    let start = start.trim_start_matches('\u{FEFF}').trim_start();
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Kind::Png
    } else if bytes.starts_with(b"%PDF-") {
        Kind::Pdf
    } else if start.starts_with("<?xml") || start.starts_with("<svg") {
        Kind::Svg
    } else {
        Kind::Other
    }
}

/// The map in a JSON export or in a PNG, SVG or PDF exported by Tabiji, checked like any import.
pub fn map_from_bytes(bytes: &[u8]) -> Result<Map> {
    let neither = || Error::NoMapInside("neither JSON text nor a PNG, SVG or PDF".into());
    let json = match kind_of(bytes) {
        Kind::Other if bytes.is_empty() => return Err(Error::NoMapInside("the file is empty".into())),
        Kind::Other if bytes.starts_with(b"SQLite format 3\0") => {
            return Err(Error::NoMapInside(
                "it is a database, such as a map file, which is opened rather than imported".into(),
            ))
        }
        Kind::Other => {
            let text = std::str::from_utf8(bytes).map_err(|_| neither())?;
            // JSON text starts with an object; anything else is some other text file.
            if !text.trim_start_matches('\u{FEFF}').trim_start().starts_with('{') {
                return Err(neither());
            }
            text.to_owned()
        }
        _ => map_json(bytes).map_err(Error::NoMapInside)?,
    };
    json::from_json(json.trim_start_matches('\u{FEFF}'))
}

/// The map's JSON carried by an exported image, or why there is none.
pub fn map_json(bytes: &[u8]) -> Result<String, String> {
    match kind_of(bytes) {
        Kind::Png => from_png(bytes),
        Kind::Svg => from_svg(bytes),
        Kind::Pdf => from_pdf(bytes),
        Kind::Other => Err("not a PNG, SVG or PDF".into()),
    }
}

fn from_png(bytes: &[u8]) -> Result<String, String> {
    let reader =
        png::Decoder::new(Cursor::new(bytes)).read_info().map_err(|e| format!("not a readable PNG ({e})"))?;
    let chunk = reader.info().utf8_text.iter().find(|chunk| chunk.keyword == MAP_KEYWORD);
    let chunk = chunk.ok_or("a PNG without a Tabiji map inside (only PNGs exported by Tabiji carry one)")?;
    chunk.get_text().map_err(|e| format!("the PNG's map chunk is damaged ({e})"))
}

fn from_svg(bytes: &[u8]) -> Result<String, String> {
    let text = std::str::from_utf8(bytes).map_err(|_| "an SVG that is not UTF-8 text".to_owned())?;
    let options = roxmltree::ParsingOptions { allow_dtd: false, ..roxmltree::ParsingOptions::default() };
    let document = roxmltree::Document::parse_with_options(text, options)
        .map_err(|e| format!("an SVG that is not valid XML ({e})"))?;
    let node = document
        .descendants()
        .find(|n| n.tag_name().namespace() == Some(METADATA_NAMESPACE) && n.tag_name().name() == "map");
    let node = node.ok_or("an SVG without a Tabiji map inside (only SVGs exported by Tabiji carry one)")?;
    Ok(node.text().unwrap_or_default().to_owned())
}

fn from_pdf(bytes: &[u8]) -> Result<String, String> {
    let document = lopdf::Document::load_mem(bytes).map_err(|e| format!("not a readable PDF ({e})"))?;
    let missing = || "a PDF without a Tabiji map inside (only PDFs exported by Tabiji carry one)".to_owned();
    let catalog = document.catalog().map_err(|_| missing())?;
    let names = document.get_dict_in_dict(catalog, b"Names").map_err(|_| missing())?;
    let files = document.get_dict_in_dict(names, b"EmbeddedFiles").map_err(|_| missing())?;
    // A flat name tree, as Tabiji writes it: /Names [name file-spec name file-spec …].
    let pairs = files.get(b"Names").and_then(lopdf::Object::as_array).map_err(|_| missing())?;
    let spec = pairs
        .chunks(2)
        .find(|pair| pair[0].as_str().is_ok_and(|name| name == MAP_FILE_NAME.as_bytes()))
        .and_then(|pair| pair.get(1))
        .ok_or_else(missing)?;
    let damaged = |e: lopdf::Error| format!("the PDF's map attachment is damaged ({e})");
    let (_, spec) = document.dereference(spec).map_err(damaged)?;
    let attached = document.get_dict_in_dict(spec.as_dict().map_err(damaged)?, b"EF").map_err(damaged)?;
    let (_, stream) = document.dereference(attached.get(b"F").map_err(damaged)?).map_err(damaged)?;
    let stream = stream.as_stream().map_err(damaged)?;
    let content = if stream.dict.has(b"Filter") {
        stream.decompressed_content().map_err(damaged)?
    } else {
        stream.content.clone()
    };
    String::from_utf8(content).map_err(|_| "the PDF's map attachment is not UTF-8 text".to_owned())
}
