//! Opening a map file and laying it out, as the app does before it shows a map: 2,000 and 20,000
//! cards (and 40,000, to see whether the time per card keeps growing), to see the time and how it
//! scales (budget: under 50 ms for 2,000, no worse than linear).
//! `cargo bench -p tabiji-core --bench open` (figures in docs/benchmarks.md).

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use tabiji_core::generated::map_with_cards;
use tabiji_core::{layout, Document};

fn open_and_layout(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let mut group = c.benchmark_group("open + layout");
    group.sample_size(20);
    for cards in [2_000, 20_000, 40_000] {
        let path = dir.path().join(format!("{cards}.tabiji"));
        drop(Document::create(&path, &map_with_cards(cards)).unwrap());
        group.bench_with_input(BenchmarkId::from_parameter(cards), &path, |b, path| {
            b.iter(|| {
                // As the app opens a map: the content read for the checks is the content shown.
                let (doc, map) = Document::open_and_read(black_box(path)).unwrap();
                (layout::layout(&map), doc)
            })
        });
    }
    group.finish();
}

criterion_group!(benches, open_and_layout);
criterion_main!(benches);
