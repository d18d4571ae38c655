//! PNG: the map's SVG rendered by resvg at 1× to 4×, with the map's JSON in an iTXt chunk.

use std::collections::BTreeMap;
use std::io::Write;
use std::sync::{mpsc, Mutex};

use resvg::tiny_skia;

use super::{drawing, parse_svg, Include};
use crate::error::{Error, Result};
use crate::model::Map;

/// The iTXt keyword under which a PNG carries the map's JSON.
pub const MAP_KEYWORD: &str = "tabiji-map";
pub const SCALES: std::ops::RangeInclusive<u32> = 1..=4;
/// Larger images are refused rather than risking the machine's memory (a 2,000-card map at 4× is
/// well under this).
const MAX_PIXELS: u64 = 400_000_000;
/// How many strips each core draws (see `Picture::draw`).
const STRIPS_PER_CORE: usize = 4;

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
    let pixels = picture.draw(|_| Ok(()))?;
    Ok(Rgba { width: picture.width, height: picture.height, pixels })
}

/// The map's drawing, parsed and sized, ready to be drawn.
struct Picture {
    tree: resvg::usvg::Tree,
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
        let tree = parse_svg(&svg)?;
        let scale = options.scale as f32;
        let width = (size.width as f32 * scale).ceil() as u32;
        let height = (size.height as f32 * scale).ceil() as u32;
        if u64::from(width) * u64::from(height) > MAX_PIXELS {
            return Err(Error::Export(format!(
                "a {width} × {height} image is too large; choose a smaller scale"
            )));
        }
        Ok(Picture { tree, scale, width, height, transparent: options.transparent })
    }

    /// Draws the picture as horizontal strips, several cores at once (resvg draws on one
    /// thread, and a large map's picture is most of an export's time), and hands each strip to
    /// `take` on this thread, top to bottom, as soon as it and the strips above it are drawn.
    /// Returns the whole picture as straight RGBA.
    fn draw(&self, mut take: impl FnMut(&[u8]) -> Result<()>) -> Result<Vec<u8>> {
        let row = self.width as usize * 4;
        let mut pixels = vec![0u8; row * self.height as usize];
        let workers = std::thread::available_parallelism().map_or(1, |n| n.get()).clamp(1, 8);
        // Several strips a core: the first is ready to compress early, and a strip's drawing
        // stays within the processor's caches. Each strip walks the whole drawing, so not more.
        let strip_rows = (self.height as usize).div_ceil(workers * STRIPS_PER_CORE).max(1);
        let queue = Mutex::new(pixels.chunks_mut(strip_rows * row).enumerate());
        let (done, drawn) = mpsc::channel::<Option<(usize, &[u8])>>();
        let cannot = || Error::Export(format!("cannot make a {} × {} image", self.width, self.height));
        let strips = (self.height as usize).div_ceil(strip_rows);
        std::thread::scope(|scope| -> Result<()> {
            for _ in 0..workers {
                let (queue, done) = (&queue, done.clone());
                scope.spawn(move || loop {
                    let Some((index, strip)) = queue.lock().expect("strip queue").next() else { break };
                    // A panic in the renderer fails the export instead of the program.
                    let drawn = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                        self.draw_strip(index * strip_rows, &mut *strip)
                    }))
                    .unwrap_or(false);
                    let strip: &[u8] = strip;
                    // The taker stops listening after a failure: nothing more to draw.
                    if done.send(drawn.then_some((index, strip))).is_err() {
                        break;
                    }
                });
            }
            drop(done);
            let mut ready = BTreeMap::new();
            let mut next = 0;
            for message in drawn {
                let (index, strip) = message.ok_or_else(cannot)?;
                ready.insert(index, strip);
                while let Some(strip) = ready.remove(&next) {
                    take(strip)?;
                    next += 1;
                }
            }
            // Every strip handed over, or a worker stopped without saying so.
            if next == strips {
                Ok(())
            } else {
                Err(cannot())
            }
        })?;
        Ok(pixels)
    }

    /// Draws the rows from `top` into `strip`; false if tiny-skia cannot make a canvas of it.
    fn draw_strip(&self, top: usize, strip: &mut [u8]) -> bool {
        let rows = (strip.len() / (self.width as usize * 4)) as u32;
        let Some(mut canvas) = tiny_skia::PixmapMut::from_bytes(strip, self.width, rows) else {
            return false;
        };
        let transform =
            tiny_skia::Transform::from_scale(self.scale, self.scale).post_translate(0.0, -(top as f32));
        resvg::render(&self.tree, transform, &mut canvas);
        if self.transparent {
            demultiply(strip);
        }
        true
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
        let mut whole = tiny_skia::Pixmap::new(picture.width, picture.height).unwrap();
        resvg::render(&picture.tree, tiny_skia::Transform::identity(), &mut whole.as_mut());
        let mut expected = whole.take();
        demultiply(&mut expected);

        let mut taken = Vec::new();
        let pixels = picture
            .draw(|strip| {
                taken.extend_from_slice(strip);
                Ok(())
            })
            .unwrap();
        assert_same_picture(&pixels, &expected, "the strips drew another picture");
        assert_same_picture(&taken, &expected, "the strips were handed over out of order");

        let file = render(&map, &include, &options).unwrap();
        let mut reader = png::Decoder::new(std::io::Cursor::new(file)).read_info().unwrap();
        let mut decoded = vec![0; reader.output_buffer_size().unwrap()];
        reader.next_frame(&mut decoded).unwrap();
        assert_same_picture(&decoded, &expected, "the PNG holds another picture");
    }

    /// Drawn with a strip's offset, an edge's anti-aliasing can round differently (331 of 13
    /// million bytes, by up to 13, here); a strip out of place changes whole rows.
    fn assert_same_picture(drawn: &[u8], expected: &[u8], what: &str) {
        assert_eq!(drawn.len(), expected.len(), "{what}: another size");
        let differing: Vec<u8> =
            drawn.iter().zip(expected).filter(|(a, b)| a != b).map(|(a, b)| a.abs_diff(*b)).collect();
        assert!(
            differing.len() * 10_000 < expected.len() && differing.iter().all(|&d| d <= 16),
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
