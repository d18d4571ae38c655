//! The minimap: hidden while the whole map is in view, shown once zoomed in, and a click in it
//! brings that part of the map into the middle of the canvas.

use tabiji_e2e::App;

async fn scroll_of(app: &App) -> (f64, f64) {
    let viewport = app.testid("viewport").await;
    app.two_numbers("return [arguments[0].scrollLeft, arguments[0].scrollTop]", &viewport).await
}

#[tokio::test(flavor = "multi_thread")]
async fn the_minimap_shows_where_the_canvas_is_and_takes_it_elsewhere() {
    let app = App::start("ja").await;
    app.testid("new-map").await.click().await.unwrap();
    app.testid("canvas").await;
    app.testid("zoom-fit").await.click().await.unwrap();
    assert!(app.all("[data-testid='minimap']").await.is_empty(), "the whole map is in view");

    for _ in 0..4 {
        app.testid("zoom-in").await.click().await.unwrap();
    }
    let minimap = app.testid("minimap").await;
    let before = scroll_of(&app).await;
    let size = minimap.rect().await.unwrap();
    // The bottom right of the map: the notes lane of the advocacy stage.
    let target = app.point_in(&minimap, size.width * 0.4, size.height * 0.4).await;
    app.click_at(target).await;
    let after = scroll_of(&app).await;
    assert!(after.0 > before.0 + 100.0 && after.1 > before.1 + 100.0, "{before:?} → {after:?}");
    app.screenshot("minimap-ja").await;
}
