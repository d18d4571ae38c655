//! The JSON form of a whole map (docs/file-format.md): export, and import that names the JSON
//! path of anything wrong.

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::model::Map;
use crate::validate;

/// The `format` field of every Tabiji JSON document.
pub const FORMAT: &str = "tabiji-map";
/// The JSON schema version this build writes and the newest it reads.
/// Version 2 added a KPI's `better` and `sample` and the map's `fiscal_year_start`; version 1
/// reads with their defaults.
pub const FORMAT_VERSION: u32 = 2;
/// Larger inputs are refused before parsing.
pub const MAX_JSON_BYTES: usize = 256 * 1024 * 1024;

#[derive(Serialize)]
struct Envelope<'a> {
    format: &'static str,
    version: u32,
    map: &'a Map,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct OwnedEnvelope {
    #[allow(dead_code)] // checked by `Head` before the full parse
    format: String,
    #[allow(dead_code)]
    version: u32,
    map: Map,
}

/// Just the fields that say what the document is, read before the rest.
#[derive(Deserialize)]
struct Head {
    format: Option<serde_json::Value>,
    version: Option<serde_json::Value>,
}

pub fn to_json(map: &Map) -> String {
    let envelope = Envelope { format: FORMAT, version: FORMAT_VERSION, map };
    serde_json::to_string_pretty(&envelope).expect("a map always serialises")
}

/// Parses and checks a JSON map. Errors name the JSON path (`$.map.cards[3].stage_id`).
pub fn from_json(text: &str) -> Result<Map> {
    let bad = |path: &str, message: String| Error::BadJson { path: path.to_owned(), message };
    if text.len() > MAX_JSON_BYTES {
        return Err(bad(
            "$",
            format!("{} bytes is more than the {MAX_JSON_BYTES} a map may take", text.len()),
        ));
    }
    let head: Head = serde_json::from_str(text).map_err(|e| bad("$", describe(&e)))?;
    match head.format.as_ref().and_then(|f| f.as_str()) {
        Some(FORMAT) => {}
        Some(other) => return Err(bad("$.format", format!("is {other:?}, not {FORMAT:?}"))),
        None => return Err(bad("$.format", format!("is missing; a Tabiji map says \"format\": {FORMAT:?}"))),
    }
    match head.version.as_ref().and_then(|v| v.as_u64()) {
        Some(v) if v as u32 as u64 == v && v as u32 <= FORMAT_VERSION && v >= 1 => {}
        Some(v) if v > u64::from(FORMAT_VERSION) => {
            return Err(bad(
                "$.version",
                format!("is {v}, written by a newer Tabiji (this one reads up to {FORMAT_VERSION})"),
            ))
        }
        _ => return Err(bad("$.version", format!("must be a whole number from 1 to {FORMAT_VERSION}"))),
    }
    let mut de = serde_json::Deserializer::from_str(text);
    let envelope: OwnedEnvelope = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let path = format!("$.{}", e.path()).replace(".[", "[");
        bad(path.trim_end_matches('.'), describe(e.inner()))
    })?;
    let mut map = envelope.map;
    // A carriage return can only arrive escaped (`\r`): files edited on Windows end their lines
    // with CRLF, which the map keeps as LF.
    if text.contains("\\r") {
        map = with_lf_line_ends(&map);
    }
    if let Some(problem) = validate::map(&map).into_iter().next() {
        return Err(bad(&format!("$.map.{}", problem.path), problem.message));
    }
    Ok(map)
}

/// `map` with every CRLF in its text turned into LF.
fn with_lf_line_ends(map: &Map) -> Map {
    fn normalise(value: &mut serde_json::Value) {
        match value {
            serde_json::Value::String(text) => *text = text.replace("\r\n", "\n"),
            serde_json::Value::Array(items) => items.iter_mut().for_each(normalise),
            serde_json::Value::Object(fields) => fields.values_mut().for_each(normalise),
            _ => {}
        }
    }
    let mut value = serde_json::to_value(map).expect("a map always serialises");
    normalise(&mut value);
    serde_json::from_value(value).expect("only text changed")
}

/// serde_json's message with its position spelled out.
fn describe(e: &serde_json::Error) -> String {
    let message = e.to_string();
    match message.find(" at line ") {
        Some(at) => format!("{} (line {}, column {})", &message[..at], e.line(), e.column()),
        None => message,
    }
}
