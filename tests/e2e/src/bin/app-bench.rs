//! Benchmark (not a test) of the built app against a bare Tauri window started the same way
//! (`tests/bare-window`), with a generated 2,000-card map:
//!
//! - start-up: from asking tauri-driver for a session to the page showing, for the bare window,
//!   and for the app started with the map's path until its cards are painted (eleven runs each,
//!   alternating);
//! - memory of every process of each (proportional set size, so that libraries the processes share
//!   count once; the sum of resident sizes is printed too), the app's with the map open;
//! - opening the map from the library: from the click to the first cards painted;
//! - dragging a card across the canvas: `requestAnimationFrame` intervals while it moves, and the
//!   time from the drop to "saved".
//!
//! `cargo run -p tabiji-e2e --bin app-bench` with `TABIJI_APP_BINARY`, `TABIJI_BARE_WINDOW_BINARY`,
//! `TABIJI_CLI_BINARY` and a `DISPLAY` (see docs/benchmarks.md); with `TABIJI_BENCH_STARTS_ONLY`
//! set, it stops after start-up and memory.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use tabiji_core::Document;
use tabiji_e2e::{app_binary, App, Folders};

/// How many cards the generated map holds (`TABIJI_BENCH_CARDS`, 2,000 by default): a small map
/// measures what the harness and the webview cost on their own.
fn card_count() -> usize {
    std::env::var("TABIJI_BENCH_CARDS").ok().and_then(|v| v.parse().ok()).unwrap_or(2_000)
}

fn bare_window_binary() -> PathBuf {
    std::env::var_os("TABIJI_BARE_WINDOW_BINARY").map(PathBuf::from).expect("TABIJI_BARE_WINDOW_BINARY")
}

/// Odd, so that the median is one start; eleven, because a start varies by ±10 % from run to run.
const STARTS: usize = 11;
/// The map's cards, painted. They are in the page before WebKit has laid them out and painted
/// them, and a question can run between the two; the first frame's callback runs in the
/// rendering update that paints them, so a question that finds its mark runs after the paint.
const MAP_PAINTED: &str = "document.querySelectorAll('g[data-testid^=\"card-\"]').length > 0 \
     && performance.getEntriesByName('tabiji:editor-first-frame').length > 0";
/// The bare window's paragraph, painted: WebKit records the first contentful paint once it is.
const BARE_PAGE_SHOWN: &str = "document.getElementById('shown') !== null \
     && performance.getEntriesByName('first-contentful-paint').length > 0";

/// The script WebDriver polls until `condition` holds. It marks in the page when WebDriver's
/// first question ran and when one found the condition held: the rest of "shown, as WebDriver
/// saw it" is the answer's way back to the harness.
fn poll_script(condition: &str) -> String {
    format!(
        "const shown = {condition}; \
         if (performance.getEntriesByName('WebDriver: first question ran').length === 0) \
           performance.mark('WebDriver: first question ran'); \
         if (shown) performance.mark('WebDriver: a question found it'); \
         return shown"
    )
}

#[tokio::main(flavor = "multi_thread")]
async fn main() {
    let cards_wanted = card_count();
    let maps = tempfile::tempdir().expect("a folder for the map");
    let map = maps.path().join("generated.tabiji");
    Document::create(&map, &tabiji_core::generated::map_with_cards(cards_wanted)).expect("the generated map");

    // Start-up, alternating so that both see the same machine; the last start of each stays up
    // for its memory to be read.
    let (mut bare_starts, mut app_starts) = (Vec::new(), Vec::new());
    // Where each start's time went: the page's own marks, from the harness's start.
    let (mut bare_marks, mut app_marks) = (Vec::new(), Vec::new());
    let (mut bare_memory, mut app_memory) = (None, None);
    for run in 0..STARTS {
        let (bare, started, marks) =
            start_until(bare_window_binary(), &[], &poll_script(BARE_PAGE_SHOWN)).await;
        bare_starts.push(started);
        bare_marks.push(marks);
        if run == STARTS - 1 {
            bare_memory = Some(settled_memory(&bare).await);
        }
        bare.quit().await;
        let (app, started, marks) =
            start_until(app_binary(), &[map.to_str().unwrap()], &poll_script(MAP_PAINTED)).await;
        app_starts.push(started);
        app_marks.push(marks);
        if run == STARTS - 1 {
            app_memory = Some(settled_memory(&app).await);
        }
        app.quit().await;
    }
    let (bare_memory, app_memory) = (bare_memory.unwrap(), app_memory.unwrap());

    let ms = |d: &Duration| d.as_secs_f64() * 1e3;
    let median = |v: &mut Vec<Duration>| {
        v.sort();
        v[v.len() / 2]
    };
    let (bare_start, app_start) = (median(&mut bare_starts), median(&mut app_starts));
    println!("cards                              {cards_wanted}");
    println!(
        "start to shown, bare window        {:.0} ms (median of {STARTS}: {:.0?})",
        ms(&bare_start),
        bare_starts.iter().map(ms).collect::<Vec<_>>()
    );
    println!(
        "start to map painted, app          {:.0} ms (median of {STARTS}: {:.0?})",
        ms(&app_start),
        app_starts.iter().map(ms).collect::<Vec<_>>()
    );
    println!("  ratio                            {:.2}×", ms(&app_start) / ms(&bare_start));
    for (what, marks) in [("bare window", &bare_marks), ("app", &app_marks)] {
        println!("  where a start's time went, {what} (median of {STARTS}, ms from asking for the window):");
        // By name: the marks of concurrent work do not always come in the same order.
        let names: std::collections::BTreeSet<&String> =
            marks.iter().flatten().map(|(name, _)| name).collect();
        let mut medians: Vec<(f64, &String)> = Vec::new();
        for name in names {
            let mut at: Vec<f64> =
                marks.iter().flatten().filter(|(n, _)| n == name).map(|(_, t)| *t).collect();
            at.sort_by(f64::total_cmp);
            medians.push((at[at.len() / 2], name));
        }
        medians.sort_by(|a, b| a.0.total_cmp(&b.0));
        for (at, name) in medians {
            println!("    {name:<40} {at:.0}");
        }
    }
    print_memory("bare window", &bare_memory);
    print_memory("app, map open", &app_memory);
    println!("  ratio, app with the map to bare   {:.2}×", app_memory.pss as f64 / bare_memory.pss as f64);
    // Start-up alone, in 20 s instead of a minute, for comparing variants of a build.
    if std::env::var_os("TABIJI_BENCH_STARTS_ONLY").is_some() {
        return;
    }
    // Opening from the library, then the drag.
    let folders = Folders::new();
    std::fs::copy(&map, folders.library.path().join("generated.tabiji")).expect("the map in the library");
    let app = App::start_with(folders, "ja").await;
    let item = app.testid("map-item").await;
    let clicked = Instant::now();
    item.click().await.expect("open the map");
    // The first map this page opens: the first frame's mark, if any, is this map's.
    wait_until(&app, &format!("return {MAP_PAINTED}"), clicked).await;
    let open = clicked.elapsed();
    // The engine's own frame rate, the map still: what a frame interval is when nothing changes.
    let still = frame_intervals(&app, Duration::from_secs(1)).await;
    let drag = drag_a_card(&app).await;
    let after_drag = memory_of(&app);
    app.screenshot("app-bench").await;
    // Far down the map, the canvas paints the cards around the new view (look at the screenshot).
    app.driver
        .execute("const v = document.querySelector('[data-testid=viewport]'); v.scrollTo(v.scrollWidth / 3, v.scrollHeight / 2)", vec![])
        .await
        .expect("scroll");
    app.screenshot("app-bench-scrolled").await;
    app.quit().await;

    println!("open from the library to painted   {:.0} ms", ms(&open));
    let still_p50 = percentile(&still, 0.5);
    let late = drag.intervals.iter().filter(|&&f| f > 1.5 * still_p50).count();
    println!("frame interval, map still, p50     {still_p50:.1} ms");
    println!("frames during the drag             {}", drag.intervals.len());
    println!("frame interval p50                 {:.1} ms", percentile(&drag.intervals, 0.5));
    println!("frame interval p95                 {:.1} ms", percentile(&drag.intervals, 0.95));
    println!("frame interval max                 {:.1} ms", drag.intervals.last().copied().unwrap_or(0.0));
    println!("frames late (over 1.5 × still p50) {late}");
    println!("drop to saved, WebDriver-observed  {:.0} ms", ms(&drag.saved));
    println!("drop's edit sent to saved, in page {:.1} ms", drag.in_page.0);
    println!("drop's edit sent to painted        {:.1} ms", drag.in_page.1);
    print_memory("app, after the drag", &after_drag);
}

fn print_memory(what: &str, m: &Memory) {
    println!("memory, {what:<26} {:.0} MB PSS ({:.0} MB summed RSS)", m.pss as f64 / 1e6, m.rss as f64 / 1e6);
    for (name, pss) in &m.processes {
        println!("    {name:<30} {:.0} MB PSS", *pss as f64 / 1e6);
    }
}

/// Starts `binary` through tauri-driver and polls `shown` until it holds; the time includes
/// tauri-driver and WebKitWebDriver starting, the same for the app and its anchor. Also returns
/// when, after asking for the window, the page began loading and reached each of its
/// `performance` marks.
async fn start_until(binary: PathBuf, args: &[&str], shown: &str) -> (App, Duration, Vec<(String, f64)>) {
    let started = Instant::now();
    let started_epoch_ms =
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs_f64() * 1e3;
    let app = App::launch(binary, args, Folders::new(), "ja").await;
    wait_until(&app, shown, started).await;
    let elapsed = started.elapsed();
    let page = app
        .driver
        .execute(
            "return [performance.timeOrigin, performance.getEntriesByType('navigation')[0]?.responseEnd ?? 0,              performance.getEntriesByType('navigation')[0]?.domContentLoadedEventEnd ?? 0,              performance.getEntriesByType('navigation')[0]?.loadEventEnd ?? 0,              performance.getEntriesByType('mark').map(m => [m.name, m.startTime])]",
            vec![],
        )
        .await
        .expect("read the page's marks")
        .json()
        .clone();
    let origin = page[0].as_f64().unwrap_or(0.0) - started_epoch_ms;
    let mut marks = vec![
        ("page began loading".to_owned(), origin),
        ("page's HTML and script arrived".to_owned(), origin + page[1].as_f64().unwrap_or(0.0)),
        ("page's script ran (DOMContentLoaded)".to_owned(), origin + page[2].as_f64().unwrap_or(0.0)),
        ("page's load event ended".to_owned(), origin + page[3].as_f64().unwrap_or(0.0)),
    ];
    for mark in page[4].as_array().into_iter().flatten() {
        marks.push((mark[0].as_str().unwrap_or("?").to_owned(), origin + mark[1].as_f64().unwrap_or(0.0)));
    }
    marks.push(("shown, as WebDriver saw it".to_owned(), elapsed.as_secs_f64() * 1e3));
    (app, elapsed, marks)
}

async fn wait_until(app: &App, script: &str, since: Instant) {
    while !app.driver.execute(script, vec![]).await.expect("poll the page").json().as_bool().unwrap_or(false)
    {
        assert!(since.elapsed() < Duration::from_secs(60), "the page never showed what it should");
    }
}

/// Memory once the page has settled for three seconds.
async fn settled_memory(app: &App) -> Memory {
    tokio::time::sleep(Duration::from_secs(3)).await;
    memory_of(app)
}

struct Drag {
    /// `requestAnimationFrame` intervals while the card moved, sorted.
    intervals: Vec<f64>,
    /// From the drop to the status line saying "saved" (WebDriver-observed).
    saved: Duration,
    /// The page's own timing of the drop's edit: sent to the core → saved (the core committed
    /// it, laid the map out and answered, and the page took the new view) → the next frame.
    in_page: (f64, f64),
}

/// Drags the first card with 150 pointer moves 16 ms apart: a 2.4 s drag two stages to the right
/// and down its lane, dropped there as a move (the bench fails if no edit follows the drop).
async fn drag_a_card(app: &App) -> Drag {
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
    let mut chain = app.driver.action_chain_with_delay(None, Some(Duration::from_millis(16))).move_to(x0, y0);
    chain = chain.click_and_hold();
    for step in 1..=150 {
        chain = chain.move_to(x0 + step * 2, y0 + step);
    }
    chain.release().perform().await.expect("drag");
    let dropped = Instant::now();
    let status = app.testid("save-status").await;
    while status.attr("data-status").await.unwrap().as_deref() != Some("saved") {
        tokio::time::sleep(Duration::from_millis(2)).await;
    }
    let saved = dropped.elapsed();
    tokio::time::sleep(Duration::from_millis(200)).await;
    let marks = app
        .driver
        .execute(
            "const at = (n) => performance.getEntriesByName(n).at(-1)?.startTime ?? NaN; \
             const sent = at('tabiji:edit-sent'); \
             const r = [at('tabiji:edit-saved') - sent, at('tabiji:edit-painted') - sent]; \
             return isNaN(r[0] + r[1]) ? performance.getEntriesByType('mark').map(m => m.name).concat([String(sent)]) : r",
            vec![],
        )
        .await
        .expect("the edit's marks");
    let in_page: (f64, f64) = marks
        .convert()
        .unwrap_or_else(|_| panic!("the drop made no edit; the page's marks: {:?}", marks.json()));
    let frames = app
        .driver
        .execute("window.__measuring = false; return window.__frames.slice(1)", vec![])
        .await
        .expect("frames");
    let mut intervals: Vec<f64> = frames.convert().expect("frame intervals");
    intervals.sort_by(f64::total_cmp);
    Drag { intervals, saved, in_page }
}

/// The value below which a share `q` of the sorted values lies.
fn percentile(sorted: &[f64], q: f64) -> f64 {
    sorted.get(((sorted.len() as f64 - 1.0) * q).round() as usize).copied().unwrap_or(0.0)
}

/// `requestAnimationFrame` intervals over `span`, sorted.
async fn frame_intervals(app: &App, span: Duration) -> Vec<f64> {
    let script = format!(
        "const done = arguments[0]; const frames = []; let last = null; const end = performance.now() + {}; \
         const tick = (t) => {{ if (last !== null) frames.push(t - last); last = t; \
                               if (t < end) requestAnimationFrame(tick); else done(frames); }}; \
         requestAnimationFrame(tick);",
        span.as_millis()
    );
    let frames = app.driver.execute_async(&script, vec![]).await.expect("frames of the still map");
    let mut frames: Vec<f64> = frames.convert().expect("frame intervals");
    frames.sort_by(f64::total_cmp);
    frames
}

struct Memory {
    /// Proportional set size: each shared page divided among the processes that map it.
    pss: u64,
    /// Resident set size summed over the processes: shared libraries counted once per process.
    rss: u64,
    /// Each process's name and PSS.
    processes: Vec<(String, u64)>,
}

/// Memory of the app's processes and WebKit's.
fn memory_of(app: &App) -> Memory {
    let processes = app.processes();
    let each: Vec<(String, u64)> = processes.iter().map(|p| (p.name.clone(), pss_of(p.pid))).collect();
    Memory {
        pss: each.iter().map(|p| p.1).sum(),
        rss: processes.iter().map(|p| p.rss).sum(),
        processes: each,
    }
}

fn pss_of(pid: u32) -> u64 {
    let rollup = std::fs::read_to_string(Path::new("/proc").join(pid.to_string()).join("smaps_rollup"))
        .unwrap_or_default();
    let kb = rollup.lines().find_map(|l| l.strip_prefix("Pss:")).map(|v| v.trim_end_matches("kB").trim());
    kb.and_then(|v| v.parse::<u64>().ok()).unwrap_or(0) * 1024
}
