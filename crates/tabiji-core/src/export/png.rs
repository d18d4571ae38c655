//! PNG: the map's SVG rendered by resvg at 1× to 4×, with the map's JSON in an iTXt chunk.

use resvg::tiny_skia;

use super::{image_svg, parse_svg, Include};
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
    let (layout, svg) = image_svg(map, include, options.transparent);
    let tree = parse_svg(&svg)?;
    let scale = options.scale as f32;
    let width = (layout.width as f32 * scale).ceil() as u32;
    let height = (layout.height as f32 * scale).ceil() as u32;
    if u64::from(width) * u64::from(height) > MAX_PIXELS {
        return Err(Error::Export(format!(
            "a {width} × {height} image is too large; choose a smaller scale"
        )));
    }
    let mut pixmap = tiny_skia::Pixmap::new(width, height)
        .ok_or_else(|| Error::Export(format!("cannot make a {width} × {height} image")))?;
    resvg::render(&tree, tiny_skia::Transform::from_scale(scale, scale), &mut pixmap.as_mut());
    let pixels = pixmap
        .pixels()
        .iter()
        .flat_map(|p| {
            let c = p.demultiply();
            [c.red(), c.green(), c.blue(), c.alpha()]
        })
        .collect();
    Ok(Rgba { width, height, pixels })
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
