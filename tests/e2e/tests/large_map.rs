//! A 2,000-card map: the canvas paints the cards in and around the view, not all of them, and
//! adds the ones around the view once its first frame is up.

use tabiji_e2e::{app_binary, App, Folders};

/// How many cards the canvas has drawn, and how many of those lie below the viewport by more than
/// the 512-unit tile the painted area is rounded out to: those are there for the margin alone.
const PAINTED: &str = "const view = arguments[0].getBoundingClientRect(); \
     const canvas = document.querySelector('[data-testid=canvas]'); \
     const zoom = canvas.width.baseVal.value / canvas.viewBox.baseVal.width; \
     const cards = [...document.querySelectorAll('g[data-testid^=\"card-\"]')]; \
     return [cards.length, cards.filter((c) => c.getBoundingClientRect().top > view.bottom + 512 * zoom).length]";

#[tokio::test(flavor = "multi_thread")]
async fn a_large_map_paints_the_cards_around_the_view_and_not_the_rest() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("large.tabiji");
    tabiji_core::Document::create(&path, &tabiji_core::generated::map_with_cards(2_000)).unwrap();
    let app = App::launch(app_binary(), &[path.to_str().unwrap()], Folders::new(), "ja").await;
    app.wait_for("g[data-testid^='card-']").await;

    let viewport = app.testid("viewport").await;
    let started = std::time::Instant::now();
    let (painted, below) = loop {
        let (painted, below) = app.two_numbers(PAINTED, &viewport).await;
        if below > 0.0 || started.elapsed() > std::time::Duration::from_secs(10) {
            break (painted, below);
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    };
    assert!(below > 0.0, "no card in the margin below the view was painted ({painted} painted)");
    assert!(painted < 400.0, "{painted} of 2,000 cards painted: far-away cards should not be");
    app.screenshot("large-map").await;
}
