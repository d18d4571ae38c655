//! PDF: the map's SVG drawn as vector graphics with real, selectable text in the bundled font
//! (embedded and subset), on one page of the map's size or tiled across paper pages with the map's
//! title and page numbers; the map's JSON rides along as an embedded file.

use krilla::color::rgb;
use krilla::embed::{AssociationKind, EmbeddedFile, MimeType};
use krilla::geom::{PathBuilder, Point, Rect, Size, Transform};
use krilla::metadata::{DateTime, Metadata};
use krilla::page::PageSettings;
use krilla::paint::{Fill, FillRule};
use krilla::text::{Font, TextDirection};
use krilla::Document;
use krilla_svg::{SurfaceExt, SvgSettings};

use super::{drawing, parse_svg, Include};
use crate::error::{Error, Result};
use crate::fonts;
use crate::model::Map;
use crate::text::{self, Style};

/// The name of the embedded file that holds the map.
pub const MAP_FILE_NAME: &str = "map.tabiji.json";
/// CSS pixels to PDF points: a map prints at the size it has on screen at 100 %.
const POINTS_PER_PIXEL: f32 = 0.75;
/// The largest page side PDF readers accept (Acrobat's limit, 200 inches).
const MAX_PAGE_POINTS: f32 = 14_400.0;
const MARGIN: f32 = 28.0;
/// Room above and below the map on paper pages, for the title and the page number.
const BAND: f32 = 22.0;
const BAND_FONT_SIZE: f32 = 9.0;

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum Paper {
    /// One page exactly the map's size.
    Fit,
    A4,
    A3,
    Letter,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum Orientation {
    Landscape,
    Portrait,
}

pub struct PdfOptions {
    pub paper: Paper,
    pub orientation: Orientation,
    /// When the PDF says it was made (its metadata); `None` for now.
    pub created: Option<DateTime>,
}

impl Paper {
    /// Width and height in points, portrait.
    fn portrait(self) -> Option<(f32, f32)> {
        match self {
            Paper::Fit => None,
            Paper::A4 => Some((595.28, 841.89)),
            Paper::A3 => Some((841.89, 1190.55)),
            Paper::Letter => Some((612.0, 792.0)),
        }
    }
}

pub fn render(map: &Map, include: &Include, options: &PdfOptions) -> Result<Vec<u8>> {
    let (size, svg) = drawing(map, include, false, None);
    let tree = parse_svg(&svg)?;
    let map_size = Size::from_wh(size.width as f32, size.height as f32)
        .ok_or_else(|| Error::Export("the map has no size".into()))?;
    let mut document = Document::new();
    match options.paper.portrait() {
        None => {
            // Acrobat refuses pages over 200 inches: a very long map is drawn smaller (it is vector).
            let points_per_pixel =
                POINTS_PER_PIXEL.min(MAX_PAGE_POINTS / map_size.width().max(map_size.height()));
            let page_size =
                Size::from_wh(map_size.width() * points_per_pixel, map_size.height() * points_per_pixel)
                    .expect("a positive size");
            let mut page = document.start_page_with(PageSettings::new(page_size));
            let mut surface = page.surface();
            surface.draw_svg(&tree, page_size, SvgSettings::default());
            surface.finish();
            page.finish();
        }
        Some((short, long)) => {
            let (width, height) = match options.orientation {
                Orientation::Landscape => (long, short),
                Orientation::Portrait => (short, long),
            };
            tile(&mut document, &tree, map_size, (width, height), &map.info.title)?;
        }
    }
    let created = options.created.unwrap_or_else(now);
    let mut metadata = Metadata::new()
        .producer(format!("Tabiji {}", env!("CARGO_PKG_VERSION")))
        .creator("Tabiji".to_owned())
        .creation_date(created);
    if !map.info.title.is_empty() {
        metadata = metadata.title(map.info.title.clone());
    }
    document.set_metadata(metadata);
    document
        .embed_file(EmbeddedFile {
            path: MAP_FILE_NAME.to_owned(),
            mime_type: MimeType::new("application/json"),
            description: Some("The Tabiji map this PDF shows; open the PDF in Tabiji to edit it.".to_owned()),
            association_kind: AssociationKind::Source,
            data: crate::json::to_json(map).into_bytes().into(),
            modification_date: Some(created),
            compress: Some(true),
            location: None,
        })
        .ok_or_else(|| Error::Export("the map could not be attached to the PDF".into()))?;
    document.finish().map_err(|e| Error::Export(format!("writing the PDF failed: {e:?}")))
}

/// Draws the map at print size across as many pages as it needs, left to right then top to
/// bottom, each with the title above and "page / pages" below.
fn tile(
    document: &mut Document,
    tree: &resvg::usvg::Tree,
    map: Size,
    paper: (f32, f32),
    title: &str,
) -> Result<()> {
    let font = Font::new(fonts::REGULAR.to_vec().into(), 0)
        .ok_or_else(|| Error::Export("the font did not load".into()))?;
    let area = (paper.0 - 2.0 * MARGIN, paper.1 - 2.0 * MARGIN - 2.0 * BAND);
    let printed = (map.width() * POINTS_PER_PIXEL, map.height() * POINTS_PER_PIXEL);
    let columns = (printed.0 / area.0).ceil().max(1.0) as u32;
    let rows = (printed.1 / area.1).ceil().max(1.0) as u32;
    let pages = columns * rows;
    let page_size = Size::from_wh(paper.0, paper.1).expect("paper has a size");
    let top = MARGIN + BAND;
    let band_style = Style::regular(f64::from(BAND_FONT_SIZE));
    let heading = text::wrap(title, f64::from(area.0), band_style, 1).pop().unwrap_or_default();
    for number in 0..pages {
        let (row, column) = (number / columns, number % columns);
        let mut page = document.start_page_with(PageSettings::new(page_size));
        let mut surface = page.surface();
        let clip = Rect::from_xywh(MARGIN, top, area.0, area.1).expect("a positive area");
        let mut frame = PathBuilder::new();
        frame.push_rect(clip);
        let frame = frame.finish().expect("a rectangle is a path");
        surface.push_clip_path(&frame, &FillRule::NonZero);
        surface.push_transform(&Transform::from_translate(
            MARGIN - column as f32 * area.0,
            top - row as f32 * area.1,
        ));
        surface.push_transform(&Transform::from_scale(POINTS_PER_PIXEL, POINTS_PER_PIXEL));
        surface.draw_svg(tree, map, SvgSettings::default());
        surface.pop();
        surface.pop();
        surface.pop();
        surface.set_fill(Some(Fill { paint: rgb::Color::new(0x5a, 0x66, 0x75).into(), ..Fill::default() }));
        let baseline = MARGIN + BAND_FONT_SIZE;
        surface.draw_text(
            Point::from_xy(MARGIN, baseline),
            font.clone(),
            BAND_FONT_SIZE,
            &heading,
            false,
            TextDirection::Auto,
        );
        let label = format!("{} / {pages}", number + 1);
        let label_x = paper.0 - MARGIN - text::width(&label, band_style) as f32;
        let footer = paper.1 - MARGIN;
        surface.draw_text(
            Point::from_xy(label_x, footer),
            font.clone(),
            BAND_FONT_SIZE,
            &label,
            false,
            TextDirection::Auto,
        );
        surface.finish();
        page.finish();
    }
    Ok(())
}

/// Now, in UTC, as a PDF date.
fn now() -> DateTime {
    let seconds =
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
    let (days, rest) = (seconds / 86_400, seconds % 86_400);
    let (year, month, day) = civil_from_days(days as i64);
    DateTime::new(year as u16)
        .month(month as u8)
        .day(day as u8)
        .hour((rest / 3600) as u8)
        .minute((rest % 3600 / 60) as u8)
        .second((rest % 60) as u8)
        .utc_offset_hour(0)
        .utc_offset_minute(0)
}

/// The calendar date `days` after 1970-01-01 (Howard Hinnant's algorithm).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z.rem_euclid(146_097);
    let year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let mp = (5 * day_of_year + 2) / 153;
    let day = (day_of_year - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_very_long_map_fits_a_page_pdf_readers_accept() {
        let map = crate::generated::map_with_cards(2_000);
        let options = PdfOptions { paper: Paper::Fit, orientation: Orientation::Landscape, created: None };
        let pdf = render(&map, &Include::default(), &options).unwrap();
        let document = lopdf::Document::load_mem(&pdf).unwrap();
        let (_, page) = document.get_pages().into_iter().next().unwrap();
        let media_box =
            document.get_dictionary(page).unwrap().get(b"MediaBox").unwrap().as_array().unwrap().clone();
        let sides: Vec<f32> = media_box.iter().map(|v| v.as_float().unwrap()).collect();
        let (width, height) = (sides[2] - sides[0], sides[3] - sides[1]);
        assert!(height <= MAX_PAGE_POINTS + 0.01 && width < height, "{width} × {height}");
        assert!(height > MAX_PAGE_POINTS - 1.0, "as large as allowed: {height}");
    }

    #[test]
    fn days_since_the_epoch_become_calendar_dates() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(19_782), (2024, 2, 29));
        assert_eq!(civil_from_days(20_415), (2025, 11, 23));
    }
}
