//! PNG: the map's SVG rendered by resvg at 1× to 4×, with the map's JSON in an iTXt chunk.

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

/// The PNG file: the picture with the map's JSON beside it.
pub fn render(map: &Map, include: &Include, options: &PngOptions) -> Result<Vec<u8>> {
    encode(&rasterise(map, include, options)?, &crate::json::to_json(map))
}

/// The picture alone, for the clipboard.
pub fn rasterise(map: &Map, include: &Include, options: &PngOptions) -> Result<Rgba> {
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
    let mut pixels = render_in_strips(&tree, scale, width, height)?;
    if options.transparent {
        demultiply(&mut pixels);
    }
    Ok(Rgba { width, height, pixels })
}

/// Renders the picture as horizontal strips, one per core at once, straight into one buffer:
/// resvg draws on one thread, and a large map's picture is most of an export's time. Returns
/// premultiplied RGBA.
fn render_in_strips(tree: &resvg::usvg::Tree, scale: f32, width: u32, height: u32) -> Result<Vec<u8>> {
    let too_large = || Error::Export(format!("cannot make a {width} × {height} image"));
    let row = width as usize * 4;
    let mut pixels = vec![0u8; row * height as usize];
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).clamp(1, 8);
    let strip_rows = (height as usize).div_ceil(threads).max(1);
    let drawn = std::thread::scope(|scope| {
        let workers: Vec<_> = pixels
            .chunks_mut(strip_rows * row)
            .enumerate()
            .map(|(index, strip)| {
                scope.spawn(move || {
                    let rows = (strip.len() / row) as u32;
                    let mut canvas = tiny_skia::PixmapMut::from_bytes(strip, width, rows)?;
                    let top = (index * strip_rows) as f32;
                    let transform = tiny_skia::Transform::from_scale(scale, scale).post_translate(0.0, -top);
                    resvg::render(tree, transform, &mut canvas);
                    Some(())
                })
            })
            .collect();
        workers.into_iter().all(|worker| worker.join().ok().flatten().is_some())
    });
    if drawn {
        Ok(pixels)
    } else {
        Err(too_large())
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

fn encode(image: &Rgba, map_json: &str) -> Result<Vec<u8>> {
    let failed = |e: png::EncodingError| Error::Export(format!("PNG encoding failed: {e}"));
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, image.width, image.height);
    encoder.set_color(png::ColorType::Rgba);
    encoder.set_depth(png::BitDepth::Eight);
    // Fast compression: a 2× PNG of a large map compresses three times faster, a little larger.
    encoder.set_compression(png::Compression::Fast);
    encoder.add_itxt_chunk(MAP_KEYWORD.to_owned(), map_json.to_owned()).map_err(failed)?;
    let mut writer = encoder.write_header().map_err(failed)?;
    writer.write_image_data(&image.pixels).map_err(failed)?;
    writer.finish().map_err(failed)?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demultiplying_restores_straight_colour_and_leaves_opaque_and_empty_pixels() {
        let mut pixels = [100, 50, 0, 128, 10, 20, 30, 255, 0, 0, 0, 0];
        demultiply(&mut pixels);
        assert_eq!(pixels, [199, 100, 0, 128, 10, 20, 30, 255, 0, 0, 0, 0]);
    }
}
