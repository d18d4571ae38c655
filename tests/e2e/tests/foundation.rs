//! The foundation, as a user meets it: an empty library, a new map from the b2b template, the map
//! painted from the core's layout, the file in the library afterwards, and a broken file refused.

use tabiji_e2e::{info_json, map_files, App, Folders, SessionBus};

const JA_STAGES: [&str; 5] = ["認知", "検討", "決定", "維持", "推奨"];
const EN_STAGES: [&str; 5] = ["Awareness", "Consideration", "Decision", "Retention", "Advocacy"];
const LANE_KINDS: [&str; 9] = [
    "touchpoints",
    "actions",
    "thoughts",
    "emotions",
    "pain_points",
    "initiatives",
    "kpis",
    "owners",
    "free_text",
];

async fn stage_names(app: &App) -> Vec<String> {
    let mut names = Vec::new();
    for index in 0..5 {
        let stage = app.testid(&format!("stage-{index}")).await;
        names.push(stage.text().await.expect("stage text").trim().to_owned());
    }
    names
}

#[tokio::test(flavor = "multi_thread")]
async fn a_new_b2b_map_shows_its_five_stages_lanes_cards_and_curves() {
    let app = App::start("ja").await;
    app.testid("new-map").await;
    app.screenshot("home-empty-ja").await;
    // The template and the map's language default to b2b and the interface language (Japanese).
    app.testid("new-map").await.click().await.expect("click new map");

    app.testid("canvas").await;
    assert_eq!(stage_names(&app).await, JA_STAGES);
    for kind in LANE_KINDS {
        app.testid(&format!("lane-{kind}")).await;
    }
    app.testid("cell-0-touchpoints").await;
    app.testid("cell-4-free_text").await;
    let cards = app.all("g[data-testid^='card-']").await;
    assert!(cards.len() >= 15, "the b2b template has example cards in every stage, saw {}", cards.len());
    for persona in ["pe_1", "pe_2", "pe_3"] {
        app.testid(&format!("emotion-{persona}-0")).await;
        app.testid(&format!("persona-toggle-{persona}")).await;
    }
    // The template's advocacy stage is furthest below its KPI targets: marked as the bottleneck.
    let marked = app.all("[data-testid^='stage-'][data-bottleneck='true']").await;
    assert_eq!(marked.len(), 1);
    assert_eq!(marked[0].attr("data-testid").await.unwrap().as_deref(), Some("stage-4"));
    app.screenshot("map-b2b-ja").await;

    let folders = app.quit().await;
    let files = map_files(folders.library.path());
    assert_eq!(files.len(), 1, "one map file in the library: {files:?}");
    let info = info_json(&files[0]);
    let stages: Vec<&str> = info["stages"].as_array().unwrap().iter().map(|s| s.as_str().unwrap()).collect();
    assert_eq!(stages, JA_STAGES);
    assert_eq!(info["counts"]["personas"], 3);
}

#[tokio::test(flavor = "multi_thread")]
async fn an_english_desktop_gets_an_english_map_that_reopens_from_the_library() {
    let app = App::start("en").await;
    let title = app.testid("new-map-title").await;
    title.send_keys("Q3 onboarding <draft>").await.expect("type a title");
    app.testid("new-map").await.click().await.expect("click new map");
    assert_eq!(stage_names(&app).await, EN_STAGES);
    assert_eq!(app.testid("map-title").await.text().await.unwrap(), "Q3 onboarding <draft>");

    app.testid("back-to-library").await.click().await.expect("back");
    let item = app.testid("map-item").await;
    assert!(item.text().await.unwrap().contains("Q3 onboarding <draft>"));
    app.testid("recent-item").await;
    app.screenshot("home-library-en").await;
    item.click().await.expect("open from the library");
    assert_eq!(stage_names(&app).await, EN_STAGES);
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_damaged_file_in_the_library_is_listed_with_the_reason_and_left_untouched() {
    let folders = Folders::new();
    let damaged = folders.library.path().join("damaged.tabiji");
    let bytes: Vec<u8> = (0..4096u32).map(|i| (i * 7 % 251) as u8).collect();
    std::fs::write(&damaged, &bytes).unwrap();

    let app = App::start_with(folders, "en").await;
    let item = app.testid("map-item").await;
    let text = item.text().await.unwrap();
    assert!(text.contains("damaged.tabiji") && text.contains("not a Tabiji map"), "listed as: {text}");
    item.click().await.expect("click the damaged item");
    // Nothing opens: the home screen stays.
    app.testid("new-map").await;
    let _folders = app.quit().await;
    assert_eq!(std::fs::read(&damaged).unwrap(), bytes);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_map_named_on_the_command_line_opens_at_start_and_a_missing_one_says_so() {
    // Outside the library, as a file opened from the file manager would be.
    let elsewhere = tempfile::tempdir().unwrap();
    let map = elsewhere.path().join("launched.tabiji");
    let content =
        tabiji_core::Template::B2b.build(tabiji_core::Language::En, Some("Opened from the file manager"));
    tabiji_core::Document::create(&map, &content).unwrap();

    let app = App::launch(tabiji_e2e::app_binary(), &[map.to_str().unwrap()], Folders::new(), "en").await;
    assert_eq!(app.testid("map-title").await.text().await.unwrap(), "Opened from the file manager");
    app.testid("canvas").await;
    // The map reached the page as it loaded, not in the answer to its question
    // (src-tauri/src/launch_preload.rs).
    let preloaded = app
        .driver
        .execute("return performance.getEntriesByName('tabiji:launch-preloaded').length", vec![])
        .await
        .unwrap();
    assert_eq!(preloaded.json(), &serde_json::json!(1), "the page asked for the map it was not handed");
    // Loaded again, the page is handed nothing stale: the map was opened once, and the library shows.
    app.driver.refresh().await.unwrap();
    app.testid("new-map").await;
    app.quit().await;

    let missing = elsewhere.path().join("gone.tabiji");
    let app = App::launch(tabiji_e2e::app_binary(), &[missing.to_str().unwrap()], Folders::new(), "en").await;
    let error = app.testid("error").await.text().await.unwrap();
    assert!(error.contains("gone.tabiji"), "the error names the file: {error}");
    // The library shows beneath the message.
    app.testid("new-map").await;
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_second_launch_hands_its_file_to_the_running_app_and_exits() {
    let elsewhere = tempfile::tempdir().unwrap();
    for (file, title) in [("first.tabiji", "First map"), ("second.tabiji", "Second map")] {
        let content = tabiji_core::Template::B2b.build(tabiji_core::Language::En, Some(title));
        tabiji_core::Document::create(&elsewhere.path().join(file), &content).unwrap();
    }
    let bus = SessionBus::start();
    let bus_env = [("DBUS_SESSION_BUS_ADDRESS", bus.address.as_str())];
    let first = elsewhere.path().join("first.tabiji");
    let app = App::launch_with_env(
        tabiji_e2e::app_binary(),
        &[first.to_str().unwrap()],
        Folders::new(),
        "en",
        &bus_env,
    )
    .await;
    app.wait_text("map-title", "First map").await;

    // As the file manager would start it: a path relative to where it runs, which the running
    // app must read from there.
    let folders = Folders::new();
    let mut second = std::process::Command::new(tabiji_e2e::app_binary())
        .arg("second.tabiji")
        .current_dir(elsewhere.path())
        .envs(bus_env)
        .env("TABIJI_LIBRARY_DIR", folders.library.path())
        .env("TABIJI_CONFIG_DIR", folders.config.path())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let started = std::time::Instant::now();
    let status = loop {
        if let Some(status) = second.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > std::time::Duration::from_secs(20) {
            let _ = second.kill();
            panic!("the second launch kept running beside the first");
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    };
    assert!(status.success(), "the second launch ended with {status}");
    app.wait_text("map-title", "Second map").await;

    // The first map is closed, so another writer may now open it.
    tabiji_core::Document::open(&first).expect("the first map is no longer held");
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn maps_are_renamed_duplicated_searched_and_moved_to_the_trash_from_the_home_screen() {
    let app = App::start("en").await;
    app.testid("new-map-title").await.send_keys("Draft journey").await.unwrap();
    app.testid("new-map").await.click().await.unwrap();
    app.testid("canvas").await;
    app.testid("back-to-library").await.click().await.unwrap();

    // Rename: the title and the file name follow.
    app.testid("map-item-rename").await.click().await.unwrap();
    let field = app.testid("rename-field").await;
    field.send_keys(thirtyfour::Key::Control + "a").await.unwrap();
    field.send_keys("FY27 journey").await.unwrap();
    field.send_keys(thirtyfour::Key::Enter).await.unwrap();
    let renamed = wait_for_items(&app, 1).await;
    assert!(renamed[0].contains("FY27 journey") && renamed[0].contains("FY27 journey.tabiji"), "{renamed:?}");

    // Duplicate, then find each by searching.
    app.testid("map-item-duplicate").await.click().await.unwrap();
    let items = wait_for_items(&app, 2).await;
    assert!(items.iter().any(|i| i.contains("Copy of FY27 journey")), "{items:?}");
    app.testid("library-search").await.send_keys("copy").await.unwrap();
    let found = wait_for_items(&app, 1).await;
    assert!(found[0].contains("Copy of FY27 journey"));
    app.screenshot("home-search").await;

    // Trash the copy (after confirming); the original stays.
    app.testid("map-item-trash").await.click().await.unwrap();
    app.testid("map-item-trash-confirm").await.click().await.unwrap();
    // Emptied as a user does (WebDriver's clear() sends no input event).
    let search = app.testid("library-search").await;
    search.send_keys(thirtyfour::Key::Control + "a").await.unwrap();
    search.send_keys(thirtyfour::Key::Backspace).await.unwrap();
    let left = wait_for_items(&app, 1).await;
    assert!(left[0].contains("FY27 journey") && !left[0].contains("Copy of"), "{left:?}");

    let folders = app.quit().await;
    let files = map_files(folders.library.path());
    assert_eq!(files.len(), 1);
    assert_eq!(files[0].file_name().unwrap(), "FY27 journey.tabiji");
    assert_eq!(info_json(&files[0])["title"], "FY27 journey");
}

/// The texts of the library's items once there are `count` of them.
async fn wait_for_items(app: &App, count: usize) -> Vec<String> {
    for _ in 0..100 {
        let items = app.all("button[data-testid='map-item']").await;
        if items.len() == count {
            let mut texts = Vec::new();
            for item in items {
                texts.push(item.text().await.unwrap_or_default());
            }
            return texts;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    let shot = app.screenshot("library-items-timeout").await;
    let search = app.testid("library-search").await.value().await.unwrap_or_default();
    panic!(
        "the library never listed {count} maps (files: {:?}, search: {search:?}); see {}",
        map_files(app.library()),
        shot.display()
    );
}
