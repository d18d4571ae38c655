//! The app killed with SIGKILL while it saves edits, a hundred times: every edit the app
//! acknowledged is in the file afterwards, and the file passes SQLite's integrity check.
//! (`crates/tabiji-cli/tests/crash.rs` does the same to the CLI's `apply`.)

use std::time::Duration;

use tabiji_core::{Document, Language, Template};
use tabiji_e2e::{app_binary, App, Folders};

/// `TABIJI_CRASH_RUNS` overrides the hundred runs (for a quicker look while working).
fn runs() -> usize {
    std::env::var("TABIJI_CRASH_RUNS").ok().and_then(|v| v.parse().ok()).unwrap_or(100)
}

/// Adds cards `cd_n1`, `cd_n2` … through the command the canvas uses, one after another, and
/// counts in `window.__acknowledged` those the app has answered.
const EDIT_LOOP: &str = "
    window.__acknowledged = 0;
    (async () => {
        for (let n = 1; ; n++) {
            await window.__TAURI_INTERNALS__.invoke('map_apply', { op: {
                op: 'add_card', index: null,
                card: { id: 'cd_n' + n, stage_id: 'st_' + (n % 5 + 1), lane_id: 'ln_actions', kind: 'action', text: 'edit ' + n },
            } });
            window.__acknowledged = n;
        }
    })();";

#[tokio::test(flavor = "multi_thread")]
async fn every_edit_the_app_acknowledged_survives_a_kill() {
    let mut rng = fastrand::Rng::with_seed(0xC4A5);
    for run in 0..runs() {
        let folders = Folders::new();
        let map = folders.library.path().join("crash.tabiji");
        Document::create(&map, &Template::Blank.build(Language::En, None)).unwrap();
        let app = App::launch(app_binary(), &[map.to_str().unwrap()], folders, "en").await;
        app.testid("canvas").await;
        app.driver.execute(EDIT_LOOP, vec![]).await.expect("start editing");
        tokio::time::sleep(Duration::from_millis(rng.u64(20..600))).await;
        // What the app had acknowledged when it was killed is at least what this read says.
        let acknowledged = app.driver.execute("return window.__acknowledged", vec![]).await.unwrap();
        let acknowledged = acknowledged.json().as_u64().expect("a count");
        let _folders = app.kill().await;

        let doc = Document::open(&map)
            .unwrap_or_else(|e| panic!("run {run}: the map does not open after the kill: {e}"));
        assert_eq!(doc.store().integrity_check(), Ok(()), "run {run}");
        let cards = doc.map().unwrap().cards;
        for n in 1..=acknowledged {
            assert!(
                cards.iter().any(|c| c.id == format!("cd_n{n}")),
                "run {run}: acknowledged edit {n} lost"
            );
        }
        assert!(doc.store().ordering_problems().unwrap().is_empty(), "run {run}");
        eprintln!("run {run}: {acknowledged} acknowledged, {} cards in the file", cards.len());
    }
}
