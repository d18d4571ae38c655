//! Benchmark (not a test): the app with a generated 2,000-card map. Measures the time from
//! clicking the map in the library to the first cards painted (the canvas paints those around the
//! viewport), the frame intervals while a card is dragged across the canvas (p50/p95 of
//! requestAnimationFrame intervals), the time from the drop to "saved", and the memory of every
//! process of the app (proportional set size, so that libraries the processes share count once;
//! the sum of resident sizes is printed too).
//!
//! `cargo run --release -p tabiji-e2e --bin drag-bench` with `TABIJI_APP_BINARY`,
//! `TABIJI_CLI_BINARY` and a `DISPLAY` (see docs/benchmarks.md).

use std::time::{Duration, Instant};

use tabiji_core::Document;
use tabiji_e2e::{App, Folders};

/// How many cards the generated map holds (`TABIJI_BENCH_CARDS`, 2,000 by default): a small map
/// measures what the harness and the webview cost on their own.
fn card_count() -> usize {
    std::env::var("TABIJI_BENCH_CARDS").ok().and_then(|v| v.parse().ok()).unwrap_or(2_000)
}

#[tokio::main(flavor = "multi_thread")]
async fn main() {
    let cards_wanted = card_count();
    let folders = Folders::new();
    let map = folders.library.path().join("generated.tabiji");
    Document::create(&map, &tabiji_core::generated::map_with_cards(cards_wanted)).expect("the generated map");

    let app = App::start_with(folders, "ja").await;
    let item = app.testid("map-item").await;
    // The floor in the same run: the app showing its library, no map open.
    let library_memory = memory_of_app();
    let clicked = Instant::now();
    item.click().await.expect("open the map");
    loop {
        let painted = app
            .driver
            .execute("return document.querySelectorAll('g[data-testid^=\"card-\"]').length", vec![])
            .await
            .expect("count cards");
        if painted.json().as_u64().is_some_and(|n| n > 0) {
            break;
        }
        assert!(clicked.elapsed() < Duration::from_secs(60), "the map never showed its cards");
    }
    let open = clicked.elapsed();

    let cards = app.all("g[data-testid^='card-']").await;
    let (x0, y0) = app.point_in(&cards[0], 0.0, 0.0).await;
    app.driver
        .execute(
            "window.__frames = []; window.__measuring = true; let last = performance.now(); \
             const tick = (t) => { window.__frames.push(t - last); last = t; \
                                   if (window.__measuring) requestAnimationFrame(tick); }; \
             requestAnimationFrame(tick);",
            vec![],
        )
        .await
        .expect("start the frame recorder");
    // 150 pointer moves, 16 ms apart: a 2.4 s drag across three stages and down the map.
    let mut chain = app.driver.action_chain_with_delay(None, Some(Duration::from_millis(16))).move_to(x0, y0);
    chain = chain.click_and_hold();
    for step in 1..=150 {
        chain = chain.move_to(x0 + step * 5, y0 + step * 2);
    }
    chain.release().perform().await.expect("drag");
    let dropped = Instant::now();
    let status = app.testid("save-status").await;
    while status.attr("data-status").await.unwrap().as_deref() != Some("saved") {
        tokio::time::sleep(Duration::from_millis(2)).await;
    }
    let saved = dropped.elapsed();
    let frames = app
        .driver
        .execute("window.__measuring = false; return window.__frames.slice(1)", vec![])
        .await
        .expect("frames");
    let mut frames: Vec<f64> = frames.convert().expect("frame intervals");
    frames.sort_by(f64::total_cmp);
    let memory = memory_of_app();
    let painted_cards = app.all("g[data-testid^='card-']").await.len();
    app.screenshot("drag-bench").await;
    // Far down the map, the canvas paints the cards around the new view (look at the screenshot).
    app.driver
        .execute("const v = document.querySelector('[data-testid=viewport]'); v.scrollTo(v.scrollWidth / 3, v.scrollHeight / 2)", vec![])
        .await
        .expect("scroll");
    app.screenshot("drag-bench-scrolled").await;
    app.quit().await;

    let at = |q: f64| frames[((frames.len() as f64 - 1.0) * q).round() as usize];
    println!("cards                       {cards_wanted}");
    println!("cards painted after drop    {painted_cards}");
    println!("open to cards painted       {:.0} ms (WebDriver-observed)", open.as_secs_f64() * 1e3);
    println!("frames during the drag      {}", frames.len());
    println!("frame interval p50          {:.1} ms", at(0.5));
    println!("frame interval p95          {:.1} ms", at(0.95));
    println!("frame interval max          {:.1} ms", frames.last().copied().unwrap_or(0.0));
    println!("drop to saved               {:.0} ms (WebDriver-observed)", saved.as_secs_f64() * 1e3);
    for (what, m) in [("library shown, no map", &library_memory), ("map open, after the drag", &memory)] {
        println!(
            "memory, {what:<24} {:.0} MB PSS ({:.0} MB summed RSS)",
            m.pss as f64 / 1e6,
            m.rss as f64 / 1e6
        );
    }
}

struct Memory {
    /// Proportional set size: each shared page divided among the processes that map it.
    pss: u64,
    /// Resident set size summed over the processes: shared libraries counted once per process.
    rss: u64,
}

/// Memory of the app and all its descendants (WebKit's web and network processes).
fn memory_of_app() -> Memory {
    let processes: Vec<(u32, u32, String, u64)> = std::fs::read_dir("/proc")
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().to_str()?.parse::<u32>().ok())
        .filter_map(|pid| {
            let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
            let field = |name: &str| {
                status.lines().find(|l| l.starts_with(name)).map(|l| l[name.len()..].trim().to_owned())
            };
            let ppid = field("PPid:")?.parse().ok()?;
            let rss_kb: u64 =
                field("VmRSS:").and_then(|v| v.trim_end_matches(" kB").trim().parse().ok()).unwrap_or(0);
            Some((pid, ppid, field("Name:")?, rss_kb * 1024))
        })
        .collect();
    let roots: Vec<u32> = processes.iter().filter(|p| p.2.starts_with("tabiji-app")).map(|p| p.0).collect();
    let mut family = roots.clone();
    let mut grew = true;
    while grew {
        grew = false;
        for p in &processes {
            if family.contains(&p.1) && !family.contains(&p.0) {
                family.push(p.0);
                grew = true;
            }
        }
    }
    let pss_of = |pid: u32| -> u64 {
        let rollup = std::fs::read_to_string(format!("/proc/{pid}/smaps_rollup")).unwrap_or_default();
        let kb = rollup.lines().find_map(|l| l.strip_prefix("Pss:")).map(|v| v.trim_end_matches("kB").trim());
        kb.and_then(|v| v.parse::<u64>().ok()).unwrap_or(0) * 1024
    };
    let members = processes.iter().filter(|p| family.contains(&p.0));
    Memory { pss: members.clone().map(|p| pss_of(p.0)).sum(), rss: members.map(|p| p.3).sum() }
}
