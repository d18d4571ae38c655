//! One edit on a 2,000-card map (apply + commit: the op, its inverse, the ordering and the
//! `updated_at` stamp in one IMMEDIATE transaction, WAL with `synchronous=FULL`), against the
//! anchor of a bare SQLite commit of one row with the same settings, on the same disk.
//! `cargo bench -p tabiji-core --bench edit` (figures in docs/benchmarks.md).
//!
//! Criterion reports means and medians; the budget is on p99, so every timed edit's own duration
//! is also kept and the percentiles of both are printed at the end.

use std::path::Path;
use std::time::{Duration, Instant};

use criterion::{criterion_group, criterion_main, Criterion};
use rusqlite::Connection;
use tabiji_core::generated::map_with_cards;
use tabiji_core::ops::CardPatch;
use tabiji_core::{Document, Op};

/// The benchmark's files go next to the build (the project's disk), not to a tmpfs `/tmp`.
fn bench_dir() -> tempfile::TempDir {
    let target = std::env::var_os("CARGO_TARGET_DIR").map(std::path::PathBuf::from);
    let base = target.unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target"));
    std::fs::create_dir_all(&base).unwrap();
    tempfile::tempdir_in(base).unwrap()
}

/// Times `edit` once per iteration, keeping each duration for the percentiles.
fn timed(samples: &mut Vec<Duration>, iters: u64, mut edit: impl FnMut(u64)) -> Duration {
    let mut total = Duration::ZERO;
    for i in 0..iters {
        let start = Instant::now();
        edit(i);
        let took = start.elapsed();
        samples.push(took);
        total += took;
    }
    total
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

fn edits(c: &mut Criterion) {
    let dir = bench_dir();
    let map = map_with_cards(2_000);
    let mut doc = Document::create(&dir.path().join("big.tabiji"), &map).unwrap();
    let stages: Vec<String> = map.stages.iter().map(|s| s.id.clone()).collect();
    let lane = map.cards[0].lane_id.clone();

    let anchor = Connection::open(dir.path().join("anchor.sqlite")).unwrap();
    anchor.pragma_update(None, "journal_mode", "WAL").unwrap();
    anchor.pragma_update(None, "synchronous", "FULL").unwrap();
    anchor
        .execute_batch("CREATE TABLE t(id INTEGER PRIMARY KEY, v TEXT); INSERT INTO t VALUES (1, '');")
        .unwrap();

    let (mut text_samples, mut move_samples, mut anchor_samples) = (Vec::new(), Vec::new(), Vec::new());
    let mut group = c.benchmark_group("edit on a 2,000-card map");
    group.bench_function("change a card's text", |b| {
        b.iter_custom(|iters| {
            timed(&mut text_samples, iters, |i| {
                let patch = CardPatch {
                    text: Some(format!("比較表を見て候補を絞る ({i})")),
                    ..CardPatch::default()
                };
                doc.apply(Op::UpdateCard { id: "cd_1000".into(), patch }).unwrap();
            })
        })
    });
    group.bench_function("move a card to another stage", |b| {
        b.iter_custom(|iters| {
            timed(&mut move_samples, iters, |i| {
                let stage_id = stages[i as usize % stages.len()].clone();
                doc.apply(Op::MoveCard { id: "cd_1".into(), stage_id, lane_id: lane.clone(), index: 0 })
                    .unwrap();
            })
        })
    });
    group.bench_function("anchor: commit one row in bare SQLite", |b| {
        b.iter_custom(|iters| {
            timed(&mut anchor_samples, iters, |i| {
                let tx = anchor.unchecked_transaction().unwrap();
                tx.execute("UPDATE t SET v = ?1 WHERE id = 1", [format!("比較表を見て候補を絞る ({i})")])
                    .unwrap();
                tx.commit().unwrap();
            })
        })
    });
    group.finish();

    let report = |name: &str, samples: &mut Vec<Duration>| {
        samples.sort();
        let (p50, p99) = (percentile(samples, 0.50), percentile(samples, 0.99));
        println!("{name}: p50 {p50:.2?}, p99 {p99:.2?} ({} edits)", samples.len());
        (p50, p99)
    };
    let (anchor_p50, anchor_p99) = report("anchor", &mut anchor_samples);
    for (name, samples) in [("text", &mut text_samples), ("move", &mut move_samples)] {
        let (p50, p99) = report(name, samples);
        println!(
            "  {name} against the anchor: p50 {:.2}×, p99 {:.2}×",
            p50.as_secs_f64() / anchor_p50.as_secs_f64(),
            p99.as_secs_f64() / anchor_p99.as_secs_f64()
        );
    }
}

criterion_group!(benches, edits);
criterion_main!(benches);
