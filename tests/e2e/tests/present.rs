//! Presentation mode as a facilitator runs it: F5, the projector theme, stage by stage with the
//! rest dimmed, only the lanes the exercise needs, a card typed in while presenting, the timer and
//! the laser pointer, then Esc back to the editor — and the card is in the file afterwards.

use std::time::Duration;

use tabiji_e2e::{export_json, map_files, App, Key};

async fn stage_label(app: &App) -> String {
    app.testid("present-stage").await.text().await.unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_workshop_is_presented_stage_by_stage_with_a_card_added_timer_and_pointer() {
    let app = App::start("ja").await;
    app.testid("new-map").await.click().await.unwrap();
    app.testid("canvas").await;
    app.driver.set_window_rect(0, 0, 1920, 1080).await.unwrap();

    app.testid("viewport").await.send_keys(Key::F5).await.unwrap();
    app.testid("presentation").await;
    assert_eq!(stage_label(&app).await, "マップ全体");
    app.screenshot("present-whole-1920x1080-ja").await;

    // Stage by stage: the others are dimmed.
    let body = app.driver.find(tabiji_e2e::By::Css("body")).await.unwrap();
    body.send_keys(Key::Right).await.unwrap();
    assert_eq!(stage_label(&app).await, "1 / 5:認知");
    assert_eq!(app.all("[data-testid='dimmed-stage']").await.len(), 4);
    body.send_keys(Key::PageDown).await.unwrap();
    assert_eq!(stage_label(&app).await, "2 / 5:検討");

    // Only touchpoints and emotions for this exercise.
    for lane in ["actions", "thoughts", "pain_points", "initiatives", "kpis", "owners", "free_text"] {
        app.testid(&format!("present-lane-{lane}")).await.click().await.unwrap();
    }
    let lanes = app.all("[data-testid='presentation'] [data-testid^='lane-']").await;
    assert_eq!(lanes.len(), 2, "touchpoints and emotions only");
    app.screenshot("present-stage-1920x1080-ja").await;

    // Typing anywhere starts a card; Enter adds it to the spotlighted stage's touchpoints.
    body.send_keys("導入事例の動画を見たい").await.unwrap();
    app.testid("present-capture").await.send_keys(Key::Enter).await.unwrap();
    app.wait_text("present-added", "導入事例の動画を見たい").await;
    app.wait_saved().await;

    // A one-minute timer runs, and pauses.
    let minutes = app.testid("timer-minutes").await;
    minutes.clear().await.unwrap();
    minutes.send_keys("1").await.unwrap();
    minutes.send_keys(Key::Tab).await.unwrap();
    assert_eq!(app.testid("timer-clock").await.text().await.unwrap(), "1:00");
    app.testid("timer-start").await.click().await.unwrap();
    tokio::time::sleep(Duration::from_millis(1500)).await;
    app.testid("timer-pause").await.click().await.unwrap();
    let clock = app.testid("timer-clock").await.text().await.unwrap();
    assert!(clock == "0:59" || clock == "0:58", "{clock}");

    // The laser pointer comes and goes with Ctrl+L.
    body.send_keys(Key::Control + "l").await.unwrap();
    app.testid("laser-pointer").await;
    body.send_keys(Key::Control + "l").await.unwrap();
    assert!(app.all("[data-testid='laser-pointer']").await.is_empty());

    // Home shows the whole map again; a smaller projector is filled as well.
    body.send_keys(Key::Home).await.unwrap();
    assert_eq!(stage_label(&app).await, "マップ全体");
    app.driver.set_window_rect(0, 0, 1280, 720).await.unwrap();
    tokio::time::sleep(Duration::from_millis(300)).await;
    app.screenshot("present-whole-1280x720-ja").await;

    body.send_keys(Key::Escape).await.unwrap();
    app.testid("canvas").await;
    assert!(app.all("[data-testid='presentation']").await.is_empty());

    let folders = app.quit().await;
    let map = export_json(&map_files(folders.library.path())[0]);
    let card = map["cards"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["text"] == "導入事例の動画を見たい")
        .expect("the card");
    assert_eq!((&card["stage_id"], &card["lane_id"]), (&"st_2".into(), &"ln_touchpoints".into()));
}
