//! Export of a generated 2,000-card map: SVG, PNG at 2× and PDF, each from the map (layout and
//! painting included), against the anchor of resvg rendering the same SVG at 2× on its own.
//! `cargo bench -p tabiji-core --bench export` (figures in docs/benchmarks.md).

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use resvg::usvg;
use tabiji_core::export::{self, Format, Request};
use tabiji_core::generated::map_with_cards;

fn exports(c: &mut Criterion) {
    let map = map_with_cards(2_000);
    let mut group = c.benchmark_group("export 2,000 cards");
    group.sample_size(10);
    for format in [Format::Svg, Format::Png, Format::Pdf] {
        let request = Request::new(format);
        group.bench_function(format!("{format:?}"), |b| {
            b.iter(|| export::render(black_box(&map), &request).unwrap())
        });
    }

    // The anchor: resvg's own rendering of the same SVG at 2×, parsing included, no encoding.
    let svg = String::from_utf8(export::render(&map, &Request::new(Format::Svg)).unwrap()).unwrap();
    let mut fonts = usvg::fontdb::Database::new();
    fonts.load_font_data(tabiji_core::fonts::REGULAR.to_vec());
    fonts.load_font_data(tabiji_core::fonts::BOLD.to_vec());
    let options = usvg::Options { fontdb: std::sync::Arc::new(fonts), ..usvg::Options::default() };
    group.bench_function("anchor: resvg renders the SVG at 2x", |b| {
        b.iter(|| {
            let tree = usvg::Tree::from_str(black_box(&svg), &options).unwrap();
            let size = tree.size().to_int_size().scale_by(2.0).unwrap();
            let mut pixmap = resvg::tiny_skia::Pixmap::new(size.width(), size.height()).unwrap();
            resvg::render(&tree, resvg::tiny_skia::Transform::from_scale(2.0, 2.0), &mut pixmap.as_mut());
            pixmap
        })
    });
    group.finish();
}

criterion_group!(benches, exports);
criterion_main!(benches);
