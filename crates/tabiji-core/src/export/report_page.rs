//! The report placed under the map in an exported picture, when asked for: the analysis in the
//! map's language ([`crate::report_text`]), set as lines of text the width of the map, so that
//! an SVG, PNG or PDF carries the findings into a deck along with the map.

use crate::analysis;
use crate::layout::TextLine;
use crate::model::Map;
use crate::report_text;
use crate::text::{self, Style};

const PADDING: f64 = 40.0;
const TITLE_FONT: f64 = 24.0;
const HEADING_FONT: f64 = 16.0;
const ITEM_FONT: f64 = 14.0;
const INDENT: f64 = 18.0;
/// Lines at most this wide read well; wider maps leave the rest of the page blank.
const MAX_TEXT_WIDTH: f64 = 1100.0;

/// How a line is coloured.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Text,
    Alert,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ReportPage {
    /// Where the page starts: the bottom of the map.
    pub top: f64,
    pub width: f64,
    pub height: f64,
    pub lines: Vec<(TextLine, Tone)>,
}

/// The report of `map` (latest actuals) laid out from `top`, `width` wide.
pub fn lay_out(map: &Map, top: f64, width: f64) -> ReportPage {
    let report = analysis::report(map, None);
    let text_width = (width - 2.0 * PADDING).clamp(200.0, MAX_TEXT_WIDTH);
    let mut lines = Vec::new();
    let mut y = top + PADDING;
    let mut put = |text: &str, size: f64, bold: bool, indent: f64, tone: Tone, y: &mut f64| {
        let style = if bold { Style::bold(size) } else { Style::regular(size) };
        for part in text::wrap(text, text_width - indent, style, usize::MAX) {
            *y += size * 1.5;
            let line = TextLine { text: part, x: PADDING + indent, baseline: *y, size, bold };
            lines.push((line, tone));
        }
    };
    put(&report_text::heading(map, map.info.language), TITLE_FONT, true, 0.0, Tone::Text, &mut y);
    y += 4.0;
    for section in report_text::sections(map, &report, map.info.language) {
        y += 12.0;
        put(&section.title, HEADING_FONT, true, 0.0, Tone::Text, &mut y);
        for item in section.items {
            let tone = if item.alert { Tone::Alert } else { Tone::Text };
            put(&item.text, ITEM_FONT, item.alert, INDENT, tone, &mut y);
        }
    }
    ReportPage { top, width, height: y + PADDING - top, lines }
}
