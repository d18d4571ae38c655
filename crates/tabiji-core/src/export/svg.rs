//! The exporter's painter: the core's layout as a standalone SVG document, drawn the way the
//! canvas draws it (`ui/src/map/Canvas.svelte` and `ui/src/map/paint/`) with the same theme and
//! font, so that what is exported is what is on screen. PNG and PDF are rendered from this SVG.
//!
//! Each item (a lane's band, a stage, a card, a KPI, a curve, a sign) is a group of its own: an
//! editor that opens the file moves a card as one piece, and the PNG's strips skip the groups that
//! lie outside them (`export/png.rs`).

use std::fmt::Write;

use super::report_page::{ReportPage, Tone};
use super::Size;
use crate::fonts;
use crate::layout::{CardBox, Curve, GapMark, KpiBox, Layout, StageBox, TextLine, VoteBadge};
use crate::theme;

/// What goes into the SVG besides the map.
#[derive(Debug, Clone, Default)]
pub struct SvgOptions {
    /// Leave the background transparent instead of filling it.
    pub transparent: bool,
    /// The map as JSON, carried in `<metadata>` so that the file reopens as an editable map.
    pub embedded_map: Option<String>,
    /// The document's title (`<title>`).
    pub title: String,
    /// The analysis report, drawn under the map.
    pub report: Option<ReportPage>,
}

/// The size of the picture: the map, and the report page under it if there is one.
pub fn size(layout: &Layout, options: &SvgOptions) -> Size {
    let report = options.report.as_ref().map_or(0.0, |page| page.height);
    Size { width: layout.width, height: layout.height + report }
}

/// The XML namespace of the element that carries the map in an SVG's metadata.
pub const METADATA_NAMESPACE: &str = "https://tabiji.app/ns/map";

pub fn render(layout: &Layout, options: &SvgOptions) -> String {
    let mut svg = Svg::default();
    let Size { width, height } = size(layout, options);
    svg.raw(&format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" \
         xmlns:tabiji=\"{METADATA_NAMESPACE}\" width=\"{width}\" height=\"{height}\" \
         viewBox=\"0 0 {width} {height}\" font-family=\"{}\" font-kerning=\"none\">\n",
        escape(fonts::FAMILY)
    ));
    svg.element("title", &[], Some(&options.title));
    if let Some(json) = &options.embedded_map {
        svg.raw("<metadata><tabiji:map encoding=\"json\">");
        svg.raw(&escape(json));
        svg.raw("</tabiji:map></metadata>\n");
    }
    grid(&mut svg, layout, options.transparent);
    for card in &layout.cards {
        svg.group(|svg| card_shape(svg, layout, card));
    }
    for kpi in &layout.kpis {
        svg.group(|svg| kpi_shape(svg, kpi));
    }
    emotions(&mut svg, layout);
    for mark in &layout.gap_marks {
        svg.group(|svg| gap_mark(svg, mark));
    }
    if let Some(page) = &options.report {
        svg.group(|svg| report_page(svg, page, options.transparent));
    }
    svg.raw("</svg>\n");
    svg.out
}

fn grid(svg: &mut Svg, layout: &Layout, transparent: bool) {
    let colours = theme::GRID;
    if !transparent {
        svg.rect(0.0, 0.0, layout.width, layout.height, &[("fill", colours.background)]);
    }
    for (i, lane) in layout.lanes.iter().enumerate() {
        svg.group(|svg| {
            let row = lane.row;
            let fill = if i % 2 == 1 { colours.row_odd } else { colours.row_even };
            svg.rect(row.x, row.y, row.width, row.height, &[("fill", fill)]);
            let header = lane.header;
            svg.rect(header.x, header.y, header.width, header.height, &[("fill", colours.lane_header)]);
            svg.line(0.0, row.y, layout.width, row.y, &[("stroke", colours.line)]);
            text_lines(svg, &lane.label, colours.lane_text);
        });
    }
    svg.group(|svg| {
        for stage in &layout.stages {
            let x = stage.column.x;
            svg.line(x, stage.header.height, x, layout.height, &[("stroke", colours.line)]);
        }
    });
    for stage in &layout.stages {
        svg.group(|svg| stage_header(svg, stage));
    }
}

fn stage_header(svg: &mut Svg, stage: &StageBox) {
    svg.element("polygon", &[("points", &stage.chevron), ("fill", theme::stage(stage.index))], None);
    if stage.bottleneck {
        svg.element(
            "polygon",
            &[
                ("points", &stage.chevron),
                ("fill", "none"),
                ("stroke", theme::BOTTLENECK),
                ("stroke-width", "4"),
            ],
            None,
        );
    }
    text_lines(svg, &stage.label, theme::STAGE_TEXT);
}

fn report_page(svg: &mut Svg, page: &ReportPage, transparent: bool) {
    let colours = theme::GRID;
    if !transparent {
        svg.rect(0.0, page.top, page.width, page.height, &[("fill", colours.row_even)]);
    }
    svg.line(0.0, page.top, page.width, page.top, &[("stroke", colours.line), ("stroke-width", "2")]);
    for (line, tone) in &page.lines {
        let fill = match tone {
            Tone::Text => colours.lane_text,
            Tone::Alert => theme::BOTTLENECK,
        };
        text_lines(svg, std::slice::from_ref(line), fill);
    }
}

fn gap_mark(svg: &mut Svg, mark: &GapMark) {
    let colours = theme::GAP_SIGN;
    svg.element(
        "polygon",
        &[
            ("points", &mark.triangle),
            ("fill", colours.fill),
            ("stroke", colours.edge),
            ("stroke-width", "1.5"),
            ("stroke-linejoin", "round"),
        ],
        None,
    );
    text_lines(svg, std::slice::from_ref(&mark.label), colours.text);
}

fn vote_badge(svg: &mut Svg, votes: &VoteBadge) {
    let (cx, cy, r) = (number(votes.cx), number(votes.cy), number(votes.r));
    svg.element("circle", &[("cx", &cx), ("cy", &cy), ("r", &r), ("fill", theme::VOTE.fill)], None);
    text_lines(svg, std::slice::from_ref(&votes.label), theme::VOTE.text);
}

fn card_shape(svg: &mut Svg, layout: &Layout, card: &CardBox) {
    let colours = theme::card(card.kind);
    let r = card.rect;
    let mut attributes = vec![("rx", "6"), ("fill", colours.fill), ("stroke", colours.stroke)];
    if colours.dashed {
        attributes.push(("stroke-dasharray", "4 3"));
    }
    svg.rect(r.x, r.y, r.width, r.height, &attributes);
    if let Some(badge) = &card.badge {
        let badge_colours = theme::badge(badge.mode);
        let b = badge.rect;
        svg.rect(b.x, b.y, b.width, b.height, &[("rx", "4"), ("fill", badge_colours.fill)]);
        if let Some(icon) = &badge.icon {
            if let Some(path) = layout.icons.get(&icon.key) {
                let transform = format!("translate({} {})", icon.x, icon.y);
                svg.element(
                    "path",
                    &[
                        ("d", path),
                        ("transform", &transform),
                        ("fill", "none"),
                        ("stroke", badge_colours.text),
                        ("stroke-width", "1.5"),
                        ("stroke-linecap", "round"),
                        ("stroke-linejoin", "round"),
                    ],
                    None,
                );
            }
        }
        text_lines(svg, std::slice::from_ref(&badge.label), badge_colours.text);
    }
    text_lines(svg, &card.lines, colours.text);
    if let Some(votes) = &card.votes {
        vote_badge(svg, votes);
    }
}

fn kpi_shape(svg: &mut Svg, kpi: &KpiBox) {
    let r = kpi.rect;
    let frame = theme::card(crate::model::CardKind::Touchpoint);
    svg.rect(r.x, r.y, r.width, r.height, &[("rx", "6"), ("fill", "#ffffff"), ("stroke", frame.stroke)]);
    svg.rect(r.x, r.y, 5.0, r.height, &[("rx", "2"), ("fill", theme::kpi(kpi.status))]);
    text_lines(svg, &kpi.lines, frame.text);
}

fn emotions(svg: &mut Svg, layout: &Layout) {
    let Some(scale) = &layout.emotion_scale else { return };
    let left = layout.lanes.first().map_or(0.0, |lane| lane.header.width);
    svg.group(|svg| {
        for tick in &scale.ticks {
            let dashes = if tick.zero { "6 4" } else { "2 6" };
            svg.line(
                left,
                tick.y,
                layout.width,
                tick.y,
                &[("stroke", theme::GRID.scale), ("stroke-dasharray", dashes)],
            );
        }
        let labels: Vec<TextLine> = scale.ticks.iter().map(|t| t.label.clone()).collect();
        text_lines(svg, &labels, theme::GRID.scale_text);
    });
    for curve in &layout.curves {
        svg.group(|svg| emotion_curve(svg, curve));
    }
}

fn emotion_curve(svg: &mut Svg, curve: &Curve) {
    svg.element(
        "path",
        &[
            ("d", &curve.path),
            ("fill", "none"),
            ("stroke", &curve.color),
            ("stroke-width", "3"),
            ("stroke-linecap", "round"),
            ("stroke-linejoin", "round"),
        ],
        None,
    );
    for point in &curve.points {
        let fill = if point.quote.is_empty() { "#ffffff" } else { curve.color.as_str() };
        let (cx, cy) = (number(point.x), number(point.y));
        svg.element(
            "circle",
            &[
                ("cx", &cx),
                ("cy", &cy),
                ("r", "6"),
                ("fill", fill),
                ("stroke", &curve.color),
                ("stroke-width", "2.5"),
            ],
            None,
        );
    }
}

fn text_lines(svg: &mut Svg, lines: &[TextLine], fill: &str) {
    for line in lines {
        let (x, y, size) = (number(line.x), number(line.baseline), number(line.size));
        let weight = if line.bold { "700" } else { "400" };
        svg.element(
            "text",
            &[
                ("x", &x),
                ("y", &y),
                ("font-size", &size),
                ("font-weight", weight),
                ("fill", fill),
                ("xml:space", "preserve"),
            ],
            Some(&line.text),
        );
    }
}

/// A number as SVG wants it: no exponent, no needless decimals.
fn number(v: f64) -> String {
    let rounded = (v * 100.0).round() / 100.0;
    format!("{rounded}")
}

/// Escapes text for XML content and attribute values, and drops what XML 1.0 cannot carry at all
/// (control characters other than tab and newline), so that no user text can end an element,
/// open a new one or make the file unreadable.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' => out.push(c),
            c if c.is_control() || matches!(c, '\u{FFFE}' | '\u{FFFF}') => {}
            c => out.push(c),
        }
    }
    out
}

#[derive(Default)]
struct Svg {
    out: String,
}

impl Svg {
    fn raw(&mut self, text: &str) {
        self.out.push_str(text);
    }

    fn element(&mut self, name: &str, attributes: &[(&str, &str)], content: Option<&str>) {
        self.out.push('<');
        self.out.push_str(name);
        for (key, value) in attributes {
            let _ = write!(self.out, " {key}=\"{}\"", escape(value));
        }
        match content {
            Some(text) => {
                let _ = writeln!(self.out, ">{}</{name}>", escape(text));
            }
            None => self.out.push_str("/>\n"),
        }
    }

    /// Writes what `draw` writes inside a `<g>`.
    fn group(&mut self, draw: impl FnOnce(&mut Svg)) {
        self.out.push_str("<g>\n");
        draw(self);
        self.out.push_str("</g>\n");
    }

    fn rect(&mut self, x: f64, y: f64, width: f64, height: f64, attributes: &[(&str, &str)]) {
        let (x, y, width, height) = (number(x), number(y), number(width), number(height));
        let mut all = vec![
            ("x", x.as_str()),
            ("y", y.as_str()),
            ("width", width.as_str()),
            ("height", height.as_str()),
        ];
        all.extend_from_slice(attributes);
        self.element("rect", &all, None);
    }

    fn line(&mut self, x1: f64, y1: f64, x2: f64, y2: f64, attributes: &[(&str, &str)]) {
        let (x1, y1, x2, y2) = (number(x1), number(y1), number(x2), number(y2));
        let mut all =
            vec![("x1", x1.as_str()), ("y1", y1.as_str()), ("x2", x2.as_str()), ("y2", y2.as_str())];
        all.extend_from_slice(attributes);
        self.element("line", &all, None);
    }
}
