//! tabiji-core: the Tabiji map document and everything that can be done to it without a window.
//!
//! - [`model`]: what a journey map holds;
//! - [`ops`]: every change as an [`Op`], applied in one transaction, returning its inverse;
//! - [`store`]: the `.tabiji` SQLite file;
//! - [`document`]: an open map with undo and redo;
//! - [`layout`], [`text`], [`fonts`], [`icons`] and [`theme`]: the geometry and colours every
//!   painter draws, measured with the bundled font;
//! - [`actuals`]: KPI actuals imported from CRM and marketing-automation CSV exports;
//! - [`analysis`]: the report: funnel, bottleneck, returns on touchpoints, ownership gaps;
//! - [`diff`]: what changed between two revisions of a map;
//! - [`export`]: SVG, PNG, PDF and CSV, the images carrying the map so that they reopen;
//! - [`input`]: reading files handed over for import, refusing absurd sizes;
//! - [`json`]: the JSON form of a map; [`template`] and [`catalogue`]: starting content;
//!   [`generated`]: large made-up maps for benchmarks.

pub mod actuals;
pub mod analysis;
pub mod catalogue;
pub mod diff;
pub mod document;
pub mod error;
pub mod export;
pub mod folders;
pub mod fonts;
pub mod generated;
pub mod icons;
pub mod input;
pub mod json;
pub mod layout;
pub mod model;
pub mod ops;
pub mod report_text;
pub mod store;
pub mod template;
#[cfg(test)]
mod testing;
pub mod text;
pub mod theme;
pub mod validate;

pub use document::Document;
pub use error::{Error, ErrorPayload, Result};
pub use model::*;
pub use ops::Op;
pub use template::Template;
