//! The webview draws everyday text from a subset of the bundled font and fetches the whole files
//! only for a character the subset lacks (ui/scripts/web-fonts.mjs): reading the whole 4.6 MB
//! files made the first frame of a large map 80–100 ms slower. A map the app is started with is
//! drawn from faces the shell cut to its characters (src-tauri/src/launch_fonts.rs), and the
//! everyday subsets wait for the first click or key press.

use std::time::{Duration, Instant};

use tabiji_core::{Document, Language, Template};
use tabiji_e2e::{app_binary, App, Folders};

/// Each face of the bundled family as `weight part status`, the part being `whole` for the
/// full files (declared for every character), `common` for the everyday subsets and `launch`
/// for the faces cut to the launched map.
const FACES: &str = "return [...document.fonts].filter((f) => f.family.includes('BIZ UDPGothic')) \
     .map((f) => `${f.weight} ${f.family.includes('Launch') ? 'launch' \
       : f.unicodeRange === 'U+0-10FFFF' ? 'whole' : 'common'} ${f.status}`)";

async fn faces(app: &App) -> Vec<String> {
    let answer = app.driver.execute(FACES, vec![]).await.expect("the page's font faces");
    serde_json::from_value(answer.json().clone()).expect("a list of faces")
}

/// The faces once those `wanted` says have loaded and none is loading (or after 10 s).
async fn settled_faces(app: &App, wanted: &[&str]) -> Vec<String> {
    let started = Instant::now();
    loop {
        let now = faces(app).await;
        let loading = now.iter().any(|f| f.ends_with("loading"));
        if (wanted.iter().all(|w| now.iter().any(|f| f == w)) && !loading)
            || started.elapsed() > Duration::from_secs(10)
        {
            return now;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// The app started with `map` as its file, as a file manager starts it; the folder holds the file.
async fn open(map: &tabiji_core::Map, lang: &str) -> (App, tempfile::TempDir) {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("map.tabiji");
    Document::create(&path, map).unwrap();
    let app = App::launch(app_binary(), &[path.to_str().unwrap()], Folders::new(), lang).await;
    app.wait_for("g[data-testid^='card-']").await;
    (app, folder)
}

/** The characters of the painted cards that the regular launch face does not hold. */
const UNCOVERED: &str = "const face = [...document.fonts].find((f) => f.family.includes('Launch') && f.weight === '400'); \
     const ranges = face.unicodeRange.split(', ').map((r) => r.slice(2).split('-').map((h) => parseInt(h, 16))); \
     const held = (c) => ranges.some(([from, to = from]) => from <= c && c <= to); \
     const cards = [...document.querySelectorAll('g[data-testid^=\"card-\"]')].map((card) => card.textContent).join(''); \
     return [...new Set(cards)].filter((c) => !held(c.codePointAt(0)))";

const EVERYDAY_LOADED: [&str; 2] = ["400 common loaded", "700 common loaded"];
const LAUNCH_LOADED: [&str; 2] = ["400 launch loaded", "700 launch loaded"];

#[tokio::test(flavor = "multi_thread")]
async fn a_launched_map_is_drawn_from_its_own_faces_and_the_everyday_subsets_wait_for_the_user() {
    for (language, lang) in [(Language::Ja, "ja"), (Language::En, "en")] {
        let (app, _folder) = open(&Template::B2b.build(language, None), lang).await;
        let faces = settled_faces(&app, &LAUNCH_LOADED).await;
        assert_eq!(
            faces,
            [
                "400 whole unloaded",
                "700 whole unloaded",
                "400 common unloaded",
                "700 common unloaded",
                "400 launch loaded",
                "700 launch loaded"
            ],
            "the {lang} template's map, before any click"
        );
        let uncovered = app.driver.execute(UNCOVERED, vec![]).await.expect("the cards' characters");
        assert_eq!(uncovered.json(), &serde_json::json!([]), "characters of the {lang} map's cards");

        // The first click loads the everyday subsets, for whatever is typed next.
        app.testid("back-to-library").await.click().await.unwrap();
        app.wait_for("[data-testid=new-map]").await;
        let faces = settled_faces(&app, &EVERYDAY_LOADED).await;
        for face in
            EVERYDAY_LOADED.iter().chain(&LAUNCH_LOADED).chain(&["400 whole unloaded", "700 whole unloaded"])
        {
            assert!(faces.iter().any(|f| f == face), "{face} in the library after the {lang} map: {faces:?}");
        }
        app.quit().await;
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn the_library_is_drawn_from_the_everyday_subsets_alone() {
    let app = App::start_with(Folders::new(), "ja").await;
    app.wait_for("[data-testid=new-map]").await;
    assert_eq!(
        settled_faces(&app, &EVERYDAY_LOADED).await,
        ["400 whole unloaded", "700 whole unloaded", "400 common loaded", "700 common loaded"]
    );
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_character_the_subset_lacks_is_drawn_from_the_whole_file() {
    let mut map = tabiji_core::generated::map_with_cards(1);
    // 鬱 is a second-level kanji of JIS X 0208: in the bundled font, not in its everyday subset.
    map.cards[0].text = "商談が長引いて憂鬱".into();

    // Started with the map, the app cuts its faces to hold 鬱: no whole file is fetched.
    let (app, folder) = open(&map, "ja").await;
    let faces = settled_faces(&app, &LAUNCH_LOADED).await;
    assert!(faces.contains(&"400 whole unloaded".to_owned()), "{faces:?}");
    app.quit().await;

    // Opened from the library, it is drawn from the everyday subsets and the whole regular file.
    let folders = Folders::new();
    std::fs::copy(folder.path().join("map.tabiji"), folders.library.path().join("map.tabiji")).unwrap();
    let app = App::start_with(folders, "ja").await;
    app.testid("map-item").await.click().await.unwrap();
    app.wait_for("g[data-testid^='card-']").await;
    let faces = settled_faces(&app, &["400 whole loaded"]).await;
    assert!(
        faces.contains(&"400 whole loaded".to_owned()),
        "the whole regular file was not fetched for 鬱: {faces:?}"
    );
    assert!(
        faces.contains(&"700 whole unloaded".to_owned()),
        "no bold text needed the whole bold file: {faces:?}"
    );
    app.quit().await;
}
