//! Presentation mode as a facilitator runs it: F5, the projector theme, stage by stage with the
//! rest dimmed, only the lanes the exercise needs, a card typed in while presenting, the timer and
//! the laser pointer, then Esc back to the editor — and the card is in the file afterwards.

use std::time::Duration;

use tabiji_e2e::{export_json, map_files, App, Key};

/// The centre of a card drawn on the presentation screen, without scrolling anything.
async fn card_centre(app: &App, id: &str) -> (i64, i64) {
    let css = format!("[data-testid='presentation'] [data-testid='card-{id}']");
    let card = app.wait_for(&css).await;
    let (x, y) = app
        .two_numbers("const r = arguments[0].getBoundingClientRect(); return [r.left + r.width / 2, r.top + r.height / 2];", &card)
        .await;
    (x.round() as i64, y.round() as i64)
}

/// The id of the card typed in while presenting (the only one not from the template).
async fn new_card_id(app: &App) -> String {
    let cards = app.all("[data-testid='presentation'] [data-testid^='card-cd_']").await;
    for card in cards {
        let id = card.attr("data-testid").await.unwrap().unwrap_or_default();
        let id = id.trim_start_matches("card-");
        if id.parse::<u32>().is_err()
            && id.strip_prefix("cd_").is_some_and(|rest| rest.parse::<u32>().is_err())
        {
            return id.to_owned();
        }
    }
    panic!("no card added while presenting");
}

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

    // A dot vote, two dots each: the first person puts both on the webinar, the second one on
    // the webinar and one on the new card, takes it back and gives it to the webinar too; the
    // third votes from the keyboard.
    app.fill_bound("vote-dots", "2").await;
    app.testid("vote-start").await.click().await.unwrap();
    let webinar = card_centre(&app, "cd_9").await;
    app.click_at(webinar).await;
    app.wait_saved().await;
    app.click_at(webinar).await;
    app.wait_saved().await;
    app.wait_text("vote-person", "1 人目").await;
    app.click_at(webinar).await; // no dots left: nothing happens
    app.testid("vote-next").await.click().await.unwrap();
    app.wait_text("vote-person", "2 人目").await;
    app.click_at(webinar).await;
    app.wait_saved().await;
    let added = card_centre(&app, &new_card_id(&app).await).await;
    app.click_at(added).await;
    app.wait_saved().await;
    app.testid("vote-take-back").await.click().await.unwrap();
    app.wait_saved().await;
    app.click_at(webinar).await;
    app.wait_saved().await;
    // The third person votes without a mouse: ↓ picks the stage's first card, Enter dots it.
    app.testid("vote-next").await.click().await.unwrap();
    app.click_at((8, 8)).await; // off any card: takes the keyboard away from the button
    body.send_keys(Key::Down).await.unwrap();
    body.send_keys(Key::Enter).await.unwrap();
    app.wait_saved().await;
    app.wait_text("vote-person", "3 人目").await;
    app.testid("vote-finish").await.click().await.unwrap();
    app.testid("vote-results-button").await.click().await.unwrap();
    app.wait_text("vote-results", "製品デモ付きのウェビナーに参加:5 票").await;
    let badge = app.wait_for("[data-testid='presentation'] [data-testid='votes-cd_9']").await;
    assert_eq!(badge.text().await.unwrap(), "5");
    app.screenshot("present-vote-1920x1080-ja").await;
    app.testid("vote-results-button").await.click().await.unwrap();

    // A one-minute timer runs, and pauses.
    app.fill_bound("timer-minutes", "1").await;
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
    assert_eq!(card["votes"], 0, "its dot was taken back");
    let webinar = map["cards"].as_array().unwrap().iter().find(|c| c["id"] == "cd_9").unwrap();
    assert_eq!(webinar["votes"], 5);
}
