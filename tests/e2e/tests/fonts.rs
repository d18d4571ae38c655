//! The webview draws everyday text from a subset of the bundled font and fetches the whole files
//! only for a character the subset lacks (ui/scripts/web-fonts.mjs): reading the whole 4.6 MB
//! files made the first frame of a large map 80–100 ms slower.

use std::time::{Duration, Instant};

use tabiji_core::{Document, Language, Template};
use tabiji_e2e::{app_binary, App, Folders};

/// Each face of the bundled family as `weight part status`, the part being `whole` for the
/// full files (declared for every character) and `common` for the subsets.
const FACES: &str = "return [...document.fonts].filter((f) => f.family.includes('BIZ UDPGothic')) \
     .map((f) => `${f.weight} ${f.unicodeRange === 'U+0-10FFFF' ? 'whole' : 'common'} ${f.status}`)";

async fn faces(app: &App) -> Vec<String> {
    let answer = app.driver.execute(FACES, vec![]).await.expect("the page's font faces");
    serde_json::from_value(answer.json().clone()).expect("a list of faces")
}

/// The faces once both subsets have loaded (they are fetched with the page).
async fn settled_faces(app: &App) -> Vec<String> {
    let started = Instant::now();
    loop {
        let now = faces(app).await;
        let loading = now.iter().any(|f| f.ends_with("loading"));
        if (now.contains(&"400 common loaded".to_owned())
            && now.contains(&"700 common loaded".to_owned())
            && !loading)
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

#[tokio::test(flavor = "multi_thread")]
async fn the_templates_and_the_screens_are_drawn_from_the_subsets_alone() {
    for (language, lang) in [(Language::Ja, "ja"), (Language::En, "en")] {
        let (app, _folder) = open(&Template::B2b.build(language, None), lang).await;
        let faces = settled_faces(&app).await;
        assert_eq!(
            faces,
            ["400 whole unloaded", "700 whole unloaded", "400 common loaded", "700 common loaded"],
            "the {lang} template's map"
        );
        app.testid("back-to-library").await.click().await.unwrap();
        app.wait_for("[data-testid=new-map]").await;
        assert_eq!(settled_faces(&app).await, faces, "the library after the {lang} map");
        app.quit().await;
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_character_the_subset_lacks_is_drawn_from_the_whole_file() {
    let mut map = tabiji_core::generated::map_with_cards(1);
    // 鬱 is a second-level kanji of JIS X 0208: in the bundled font, not in its subset.
    map.cards[0].text = "商談が長引いて憂鬱".into();
    let (app, _folder) = open(&map, "ja").await;
    let started = Instant::now();
    let faces = loop {
        let faces = faces(&app).await;
        if faces.contains(&"400 whole loaded".to_owned()) || started.elapsed() > Duration::from_secs(10) {
            break faces;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
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
