//! PNG: the map's SVG rendered by resvg at 1× to 4×, with the map's JSON in an iTXt chunk.

use std::collections::BTreeMap;
use std::io::Write;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{mpsc, Mutex};

use resvg::{tiny_skia, usvg};

use super::{drawing, parse_svg, Include, Size};
use crate::error::{Error, Result};
use crate::model::Map;

/// The iTXt keyword under which a PNG carries the map's JSON.
pub const MAP_KEYWORD: &str = "tabiji-map";
pub const SCALES: std::ops::RangeInclusive<u32> = 1..=4;
/// Larger images are refused rather than risking the machine's memory (a 2,000-card map at 4× is
/// well under this).
const MAX_PIXELS: u64 = 400_000_000;
/// How many strips each core draws (see `Picture::draw`).
const STRIPS_PER_CORE: usize = 16;
/// How many rows a strip draws beyond each of its borders (see `Strip`).
const OVERLAP_ROWS: usize = 8;

pub struct PngOptions {
    pub scale: u32,
    pub transparent: bool,
}

/// An image as straight (not premultiplied) RGBA rows.
pub struct Rgba {
    pub width: u32,
    pub height: u32,
    pub pixels: Vec<u8>,
}

/// The PNG file: the picture with the map's JSON beside it. Each strip of the picture is
/// compressed as soon as it and the strips above it are drawn, while the next ones are drawn.
pub fn render(map: &Map, include: &Include, options: &PngOptions) -> Result<Vec<u8>> {
    let picture = Picture::of(map, include, options)?;
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, picture.width, picture.height);
    encoder.set_color(png::ColorType::Rgba);
    encoder.set_depth(png::BitDepth::Eight);
    // Fast compression: a 2× PNG of a large map compresses three times faster, a little larger.
    encoder.set_compression(png::Compression::Fast);
    encoder.add_itxt_chunk(MAP_KEYWORD.to_owned(), crate::json::to_json(map)).map_err(encoding_failed)?;
    let mut writer = encoder.write_header().map_err(encoding_failed)?;
    let mut stream = writer.stream_writer().map_err(encoding_failed)?;
    picture.draw(|strip| stream.write_all(strip).map_err(encoding_failed))?;
    stream.finish().map_err(encoding_failed)?;
    writer.finish().map_err(encoding_failed)?;
    Ok(out)
}

fn encoding_failed(e: impl std::fmt::Display) -> Error {
    Error::Export(format!("PNG encoding failed: {e}"))
}

/// The picture alone, for the clipboard.
pub fn rasterise(map: &Map, include: &Include, options: &PngOptions) -> Result<Rgba> {
    let picture = Picture::of(map, include, options)?;
    let mut pixels = Vec::with_capacity(picture.width as usize * 4 * picture.height as usize);
    picture.draw(|strip| {
        pixels.extend_from_slice(strip);
        Ok(())
    })?;
    Ok(Rgba { width: picture.width, height: picture.height, pixels })
}

/// The map's drawing, parsed and sized, ready to be drawn.
struct Picture {
    tree: usvg::Tree,
    /// Where each of the drawing's top-level items lies, so that a strip draws only those that
    /// reach into it; `None` if one of them has no area of its own to tell (see `draw_strip`).
    item_bounds: Option<Vec<usvg::NonZeroRect>>,
    scale: f32,
    width: u32,
    height: u32,
    transparent: bool,
}

impl Picture {
    fn of(map: &Map, include: &Include, options: &PngOptions) -> Result<Picture> {
        if !SCALES.contains(&options.scale) {
            return Err(Error::invalid(format!("PNG scale {} is not between 1 and 4", options.scale)));
        }
        let (size, svg) = drawing(map, include, options.transparent, None);
        Picture::from_svg(&svg, size, options)
    }

    fn from_svg(svg: &str, size: Size, options: &PngOptions) -> Result<Picture> {
        let tree = parse_svg(svg)?;
        let scale = options.scale as f32;
        let width = (size.width as f32 * scale).ceil() as u32;
        let height = (size.height as f32 * scale).ceil() as u32;
        if u64::from(width) * u64::from(height) > MAX_PIXELS {
            return Err(Error::Export(format!(
                "a {width} × {height} image is too large; choose a smaller scale"
            )));
        }
        let item_bounds = tree.root().children().iter().map(usvg::Node::abs_layer_bounding_box).collect();
        Ok(Picture { tree, item_bounds, scale, width, height, transparent: options.transparent })
    }

    /// Draws the picture as horizontal strips, several cores at once (resvg draws on one
    /// thread, and a large map's picture is most of an export's time), and hands each strip to
    /// `take` on this thread, top to bottom, as soon as it and the strips above it are drawn.
    /// The strips are drawn into a few buffers used in turn, so a large picture is never whole
    /// in memory unless `take` keeps it.
    fn draw(&self, mut take: impl FnMut(&[u8]) -> Result<()>) -> Result<()> {
        let row = self.width as usize * 4;
        let height = self.height as usize;
        let workers = std::thread::available_parallelism().map_or(1, |n| n.get()).clamp(1, 8);
        // Many strips a core: the first is ready to compress early, the buffers stay small, and
        // a strip costs little more than its rows, since it draws only the items it reaches.
        let strip_rows = height.div_ceil(workers * STRIPS_PER_CORE).max(1);
        let strips = height.div_ceil(strip_rows);
        let strip = |index: usize| Strip::new(index * strip_rows, strip_rows, height);
        let cannot = || Error::Export(format!("cannot make a {} × {} image", self.width, self.height));

        // Enough buffers that every core draws while a strip waits for the one above it.
        let (give_back, free) = mpsc::channel::<Vec<u8>>();
        for _ in 0..(workers * 2).min(strips) {
            give_back.send(vec![0u8; (strip_rows + 2 * OVERLAP_ROWS) * row]).map_err(|_| cannot())?;
        }
        let free = Mutex::new(free);
        let next_strip = AtomicUsize::new(0);
        let (done, drawn) = mpsc::channel::<Option<(usize, Vec<u8>)>>();
        std::thread::scope(|scope| -> Result<()> {
            // Owned by this closure, so that returning (at the end or on a failure) closes both
            // channels before the scope waits for the workers: a worker waiting for a buffer, or
            // handing over a strip, then stops.
            let (give_back, drawn) = (give_back, drawn);
            for _ in 0..workers {
                let (free, next_strip, done) = (&free, &next_strip, done.clone());
                scope.spawn(move || loop {
                    // A buffer first, then a strip: so the lowest strip not yet handed over
                    // always has a buffer, and the strips below it cannot take them all.
                    // The taker drops the buffers' channel when it stops.
                    let Ok(mut buffer) = free.lock().expect("buffer pool").recv() else { break };
                    let index = next_strip.fetch_add(1, Ordering::Relaxed);
                    if index >= strips {
                        break;
                    }
                    let Strip { drawn_top, drawn_rows, .. } = strip(index);
                    let area = &mut buffer[..drawn_rows * row];
                    // Cleared every time: the buffer may hold an earlier strip, and a transparent
                    // picture starts empty.
                    area.fill(0);
                    // A panic in the renderer fails the export instead of the program.
                    let drawn = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                        self.draw_strip(drawn_top, area)
                    }))
                    .unwrap_or(false);
                    // The taker stops listening after a failure: nothing more to draw.
                    if done.send(drawn.then_some((index, buffer))).is_err() {
                        break;
                    }
                });
            }
            drop(done);
            let mut ready = BTreeMap::new();
            let mut next = 0;
            while next < strips {
                // Every worker stopped without handing over the next strip: none is coming.
                let (index, buffer) = drawn.recv().ok().flatten().ok_or_else(cannot)?;
                ready.insert(index, buffer);
                while let Some(buffer) = ready.remove(&next) {
                    let Strip { kept_from, kept_rows, .. } = strip(next);
                    take(&buffer[kept_from * row..(kept_from + kept_rows) * row])?;
                    // The workers may all have stopped once the last strips are taken.
                    let _ = give_back.send(buffer);
                    next += 1;
                }
            }
            Ok(())
        })
    }

    /// Draws the rows from `top` into `strip`; false if tiny-skia cannot make a canvas of it.
    fn draw_strip(&self, top: usize, strip: &mut [u8]) -> bool {
        let rows = (strip.len() / (self.width as usize * 4)) as u32;
        let Some(mut canvas) = tiny_skia::PixmapMut::from_bytes(strip, self.width, rows) else {
            return false;
        };
        let transform =
            tiny_skia::Transform::from_scale(self.scale, self.scale).post_translate(0.0, -(top as f32));
        match &self.item_bounds {
            // resvg walks, strokes and bounds every item for every strip, even those it then
            // clips away entirely (38 ms a strip for a 2,000-card map), so the strip skips them.
            Some(item_bounds) => {
                // An edge's anti-aliasing reaches a pixel beyond it.
                let margin = 2.0 / self.scale;
                let strip_top = top as f32 / self.scale - margin;
                let strip_bottom = (top + rows as usize) as f32 / self.scale + margin;
                for (item, bounds) in self.tree.root().children().iter().zip(item_bounds) {
                    if bounds.bottom() >= strip_top && bounds.top() <= strip_bottom {
                        // resvg draws an item alone at its bounds' corner: shift it back.
                        let in_place = transform.pre_translate(bounds.x(), bounds.y());
                        resvg::render_node(item, in_place, &mut canvas);
                    }
                }
            }
            // An item with no area (a bare horizontal line) cannot be drawn alone: resvg skips
            // it. The SVG groups every item (`export/svg.rs`), so this is for drawings that don't.
            None => resvg::render(&self.tree, transform, &mut canvas),
        }
        if self.transparent {
            demultiply(strip);
        }
        true
    }
}

/// The rows a strip hands over, and the rows it draws: a few more above and below, since
/// tiny-skia anti-aliases an item cut by the canvas's border a little differently near it (by
/// up to a third of a pixel's value, a few rows in); drawn beyond, a strip's rows are those of
/// the picture drawn whole.
struct Strip {
    /// The first row drawn, in the picture.
    drawn_top: usize,
    drawn_rows: usize,
    /// Where the rows handed over start, among those drawn.
    kept_from: usize,
    kept_rows: usize,
}

impl Strip {
    fn new(top: usize, rows: usize, height: usize) -> Strip {
        let kept_rows = rows.min(height - top);
        let above = OVERLAP_ROWS.min(top);
        let below = OVERLAP_ROWS.min(height - top - kept_rows);
        Strip { drawn_top: top - above, drawn_rows: above + kept_rows + below, kept_from: above, kept_rows }
    }
}

/// Premultiplied RGBA to straight RGBA, in place; opaque pixels are the same in both.
fn demultiply(pixels: &mut [u8]) {
    for pixel in pixels.chunks_exact_mut(4) {
        let alpha = u32::from(pixel[3]);
        if alpha != 0 && alpha != 255 {
            for channel in &mut pixel[..3] {
                *channel = ((u32::from(*channel) * 255 + alpha / 2) / alpha).min(255) as u8;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_picture_drawn_in_strips_at_once_is_the_picture_drawn_whole() {
        let map = crate::generated::map_with_cards(150);
        // Transparent, so that each strip is also demultiplied.
        let options = PngOptions { scale: 1, transparent: true };
        let include = Include::default();
        let picture = Picture::of(&map, &include, &options).unwrap();
        assert!(picture.item_bounds.is_some(), "an item of the map's drawing cannot be drawn alone");
        assert_strips_make_the_whole(&picture);

        let file = render(&map, &include, &options).unwrap();
        let mut reader = png::Decoder::new(std::io::Cursor::new(file)).read_info().unwrap();
        let mut decoded = vec![0; reader.output_buffer_size().unwrap()];
        reader.next_frame(&mut decoded).unwrap();
        assert_same_picture(&decoded, &whole_picture(&picture), "the PNG holds another picture");
    }

    #[test]
    fn every_item_of_a_full_map_and_its_report_is_drawn_in_the_strips_it_reaches() {
        // The B2B example has every kind of item: curves, KPIs, warning signs, a bottleneck.
        let map = crate::template::Template::B2b.build(crate::model::Language::Ja, None);
        let include = Include { report: true, ..Include::default() };
        let options = PngOptions { scale: 2, transparent: false };
        let picture = Picture::of(&map, &include, &options).unwrap();
        assert!(picture.item_bounds.is_some(), "an item of the map's drawing cannot be drawn alone");
        assert_strips_make_the_whole(&picture);
    }

    #[test]
    fn a_drawing_with_an_item_of_no_area_is_drawn_whole_in_every_strip() {
        // A bare horizontal line has no area: resvg cannot draw it alone.
        let svg = r##"<svg xmlns="http://www.w3.org/2000/svg" width="200" height="400">
            <rect x="10" y="10" width="180" height="380" fill="#336699"/>
            <line x1="0" y1="300" x2="200" y2="300" stroke="#000000" stroke-width="4"/></svg>"##;
        let options = PngOptions { scale: 2, transparent: true };
        let picture = Picture::from_svg(svg, Size { width: 200.0, height: 400.0 }, &options).unwrap();
        assert!(picture.item_bounds.is_none());
        assert_strips_make_the_whole(&picture);
    }

    #[test]
    fn a_strip_that_cannot_be_taken_stops_the_drawing_with_its_error() {
        let map = crate::generated::map_with_cards(150);
        let options = PngOptions { scale: 1, transparent: false };
        let picture = Picture::of(&map, &Include::default(), &options).unwrap();
        let mut taken = 0;
        // Returns only once every worker has stopped, whether waiting for a buffer or not.
        let result = picture.draw(|_| {
            taken += 1;
            if taken == 2 {
                Err(Error::Export("the disk is full".into()))
            } else {
                Ok(())
            }
        });
        assert!(
            matches!(result, Err(Error::Export(ref message)) if message == "the disk is full"),
            "{result:?}"
        );
        assert_eq!(taken, 2);
    }

    /// resvg's picture of the whole drawing at once, straight RGBA.
    fn whole_picture(picture: &Picture) -> Vec<u8> {
        let mut whole = tiny_skia::Pixmap::new(picture.width, picture.height).unwrap();
        let scale = tiny_skia::Transform::from_scale(picture.scale, picture.scale);
        resvg::render(&picture.tree, scale, &mut whole.as_mut());
        let mut pixels = whole.take();
        demultiply(&mut pixels);
        pixels
    }

    fn assert_strips_make_the_whole(picture: &Picture) {
        let expected = whole_picture(picture);

        let mut taken = Vec::new();
        picture
            .draw(|strip| {
                taken.extend_from_slice(strip);
                Ok(())
            })
            .unwrap();
        assert_same_picture(&taken, &expected, "the strips make another picture");
    }

    /// A strip draws a curve cut by its border as other line segments, and an item shifted into
    /// place may land a hair away: an edge can then fall on the other side of one of the four
    /// sub-rows tiny-skia anti-aliases a pixel with (783 of 54 million bytes differ, by up to 53,
    /// for the B2B example at 2×). An item or a strip missing or out of place changes whole rows.
    fn assert_same_picture(drawn: &[u8], expected: &[u8], what: &str) {
        assert_eq!(drawn.len(), expected.len(), "{what}: another size");
        let differing: Vec<u8> =
            drawn.iter().zip(expected).filter(|(a, b)| a != b).map(|(a, b)| a.abs_diff(*b)).collect();
        assert!(
            differing.len() * 10_000 < expected.len() && differing.iter().all(|&d| d <= 64),
            "{what}: {} of {} bytes differ, by up to {:?}",
            differing.len(),
            expected.len(),
            differing.iter().max()
        );
    }

    #[test]
    fn demultiplying_restores_straight_colour_and_leaves_opaque_and_empty_pixels() {
        let mut pixels = [100, 50, 0, 128, 10, 20, 30, 255, 0, 0, 0, 0];
        demultiply(&mut pixels);
        assert_eq!(pixels, [199, 100, 0, 128, 10, 20, 30, 255, 0, 0, 0, 0]);
    }
}
