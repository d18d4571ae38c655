//! Editing on the canvas as a user does it, with real pointer and keyboard input: palette drops,
//! moving cards between stages, in-place text editing, emotion points, undo and redo, and
//! everything found in the file after a restart.

use std::time::Duration;

use serde_json::Value;
use tabiji_e2e::{export_json, map_files, App, By, WebElement};
use thirtyfour::prelude::*;

async fn create_b2b_map(app: &App) {
    app.testid("new-map").await.click().await.expect("create a map");
    app.testid("canvas").await;
}

async fn card_with_text(app: &App, text: &str) -> Option<WebElement> {
    for card in app.all("g[data-testid^='card-']").await {
        if card.text().await.unwrap_or_default().contains(text) {
            return Some(card);
        }
    }
    None
}

fn card_in(map: &Value, text: &str) -> Value {
    map["cards"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["text"] == text)
        .unwrap_or_else(|| panic!("no card {text:?} in the file"))
        .clone()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_map_is_drafted_on_the_canvas_and_every_change_is_in_the_file() {
    let app = App::start("en").await;
    create_b2b_map(&app).await;

    // A webinar touchpoint dragged from the palette into Awareness, typed in place.
    let webinar = app.testid("palette-webinar").await;
    let awareness = app.testid("cell-0-touchpoints").await;
    app.drag(&webinar, &awareness).await;
    let editor = app.testid("in-place-editor").await;
    editor.send_keys("Cost-cutting webinar").await.unwrap();
    editor.send_keys(Key::Enter).await.unwrap();
    app.wait_saved().await;
    let new_card = card_with_text(&app, "Cost-cutting webinar").await.expect("the new card is painted");
    app.screenshot("editor-palette-drop").await;

    // That card moved from Awareness to Consideration.
    let consideration = app.testid("cell-1-touchpoints").await;
    app.drag(&new_card, &consideration).await;
    app.wait_saved().await;

    // An existing card's text edited in place (double-click, select all, type, Enter).
    let first = card_with_text(&app, "Searches").await.expect("the template's first touchpoint");
    app.double_click(&first).await;
    let editor = app.testid("in-place-editor").await;
    editor.send_keys(Key::Control + "a").await.unwrap();
    editor.send_keys("Reads a trade magazine article").await.unwrap();
    editor.send_keys(Key::Enter).await.unwrap();
    app.wait_saved().await;
    assert!(card_with_text(&app, "Reads a trade magazine article").await.is_some());

    // An emotion point added for the active persona by a click, then one dragged up.
    let before = app.all("[data-testid^='emotion-pe_1-']").await.len();
    let lane = app.testid("cell-2-emotions").await;
    app.click_at(app.point_in(&lane, 20.0, -40.0).await).await;
    app.wait_saved().await;
    assert_eq!(app.all("[data-testid^='emotion-pe_1-']").await.len(), before + 1);
    let point = app.testid("emotion-pe_2-0").await;
    let (x, y) = app.point_in(&point, 0.0, 0.0).await;
    app.drag_points((x, y), (x, y - 50)).await;
    app.wait_saved().await;
    app.screenshot("editor-after-edits").await;

    // Undo takes back the point drag, redo does it again.
    app.testid("undo").await.click().await.unwrap();
    app.wait_saved().await;
    app.testid("redo").await.click().await.unwrap();
    app.wait_saved().await;

    // Restart: everything is in the file.
    let folders = app.quit().await;
    let map = export_json(&map_files(folders.library.path())[0]);
    let moved = card_in(&map, "Cost-cutting webinar");
    assert_eq!(moved["stage_id"], "st_2", "moved to Consideration");
    assert_eq!(moved["channel_id"], "webinar");
    card_in(&map, "Reads a trade magazine article");
    let points = map["emotion_points"].as_array().unwrap();
    assert_eq!(points.iter().filter(|p| p["persona_id"] == "pe_1").count(), before + 1);
    let dragged = points.iter().find(|p| p["id"] == "ep_2_1").expect("the dragged point");
    assert!(dragged["score"].as_f64().unwrap() > -0.5, "the dragged point went up: {dragged}");

    let app = App::start_with(folders, "en").await;
    app.testid("map-item").await.click().await.unwrap();
    app.testid("canvas").await;
    assert!(card_with_text(&app, "Cost-cutting webinar").await.is_some());
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn enter_that_confirms_a_japanese_composition_neither_commits_nor_adds_a_card() {
    let app = App::start("ja").await;
    create_b2b_map(&app).await;
    let cards_before = app.all("g[data-testid^='card-']").await.len();
    let first = app.all("g[data-testid^='card-']").await.remove(0);
    app.double_click(&first).await;
    let editor = app.testid("in-place-editor").await;

    // What an IME does: composition events around the text, and the confirming Enter arrives
    // while composing (and, in WebKit, once more with keyCode 229 after compositionend).
    app.driver
        .execute(
            r#"
            const field = arguments[0];
            field.value = "";
            field.dispatchEvent(new CompositionEvent("compositionstart", { data: "" }));
            field.value = "てんじかい";
            field.dispatchEvent(new CompositionEvent("compositionupdate", { data: "てんじかい" }));
            field.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", keyCode: 13, isComposing: true, bubbles: true }));
            field.value = "展示会";
            field.dispatchEvent(new CompositionEvent("compositionend", { data: "展示会" }));
            field.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", keyCode: 229, bubbles: true }));
            "#,
            vec![editor.to_json().unwrap()],
        )
        .await
        .unwrap();
    // Still editing, nothing saved, no card added.
    assert!(
        app.driver.find(By::Css("[data-testid='in-place-editor']")).await.is_ok(),
        "the editor stays open"
    );
    assert_eq!(app.all("g[data-testid^='card-']").await.len(), cards_before);
    // A real Enter afterwards commits the composed text.
    editor.send_keys(Key::Enter).await.unwrap();
    app.wait_saved().await;
    assert!(card_with_text(&app, "展示会").await.is_some());
    assert_eq!(app.all("g[data-testid^='card-']").await.len(), cards_before);
    let folders = app.quit().await;
    let map = export_json(&map_files(folders.library.path())[0]);
    card_in(&map, "展示会");
}

async fn cards_with_text(app: &App, text: &str) -> usize {
    let mut count = 0;
    for card in app.all("g[data-testid^='card-']").await {
        count += usize::from(card.text().await.unwrap_or_default().contains(text));
    }
    count
}

async fn press_keys(app: &App, keys: impl Into<thirtyfour::TypingData>) {
    app.testid("viewport").await.send_keys(keys).await.expect("keys");
    app.wait_saved().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn cards_are_duplicated_moved_deleted_and_pasted_into_another_map_from_the_keyboard() {
    let app = App::start("en").await;
    create_b2b_map(&app).await;
    let original = card_with_text(&app, "Searches").await.expect("the template's first touchpoint");
    app.click_at(app.point_in(&original, 0.0, 0.0).await).await;
    assert_eq!(original.attr("data-selected").await.unwrap().as_deref(), Some("true"));

    // Ctrl+D copies it (the copy is selected), → moves the copy to Consideration.
    press_keys(&app, Key::Control + "d").await;
    assert_eq!(cards_with_text(&app, "Searches").await, 2);
    press_keys(&app, Key::Right).await;
    // Ctrl+C takes the copy; then the original is selected and deleted.
    press_keys(&app, Key::Control + "c").await;
    let original = card_with_text(&app, "Searches").await.unwrap();
    app.click_at(app.point_in(&original, 0.0, 0.0).await).await;
    press_keys(&app, Key::Delete).await;
    assert_eq!(cards_with_text(&app, "Searches").await, 1);

    // Into a second, blank map, with nothing selected: it lands in the first stage's touchpoints.
    app.testid("back-to-library").await.click().await.unwrap();
    app.testid("template-blank").await.click().await.unwrap();
    app.testid("new-map-title").await.send_keys("Second map").await.unwrap();
    app.testid("new-map").await.click().await.unwrap();
    app.testid("canvas").await;
    press_keys(&app, Key::Control + "v").await;
    assert_eq!(cards_with_text(&app, "Searches").await, 1);
    app.screenshot("editor-pasted-into-blank").await;

    let folders = app.quit().await;
    let files = map_files(folders.library.path());
    assert_eq!(files.len(), 2);
    let maps: Vec<Value> = files.iter().map(|f| export_json(f)).collect();
    let (b2b, blank) =
        if maps[0]["info"]["title"] == "Second map" { (&maps[1], &maps[0]) } else { (&maps[0], &maps[1]) };
    let searches = |map: &Value| -> Vec<Value> {
        map["cards"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|c| c["text"].as_str().unwrap().starts_with("Searches"))
            .cloned()
            .collect()
    };
    let left = searches(b2b);
    assert_eq!(left.len(), 1, "only the copy is left in the first map");
    assert_eq!(left[0]["stage_id"], "st_2", "the copy moved to Consideration");
    let pasted = searches(blank);
    assert_eq!(pasted.len(), 1);
    assert_eq!((&pasted[0]["stage_id"], &pasted[0]["lane_id"]), (&"st_1".into(), &"ln_touchpoints".into()));
    assert_eq!(pasted[0]["channel_id"], "search_ad", "the channel exists in the blank map too");
}

#[tokio::test(flavor = "multi_thread")]
async fn the_properties_panel_edits_cards_emotion_points_personas_and_the_map() {
    let app = App::start("ja").await;
    create_b2b_map(&app).await;

    // Nothing selected: the map's own fields.
    app.fill("prop-map-title", "2027年度 受発注クラウド").await;
    assert_eq!(app.testid("map-title").await.text().await.unwrap(), "2027年度 受発注クラウド");

    // A card: channel, department, cost, effect, notes.
    let card = card_with_text(&app, "展示会").await.expect("the trade show card");
    app.click_at(app.point_in(&card, 0.0, 0.0).await).await;
    let channel =
        thirtyfour::components::SelectElement::new(&app.testid("prop-channel").await).await.unwrap();
    channel.select_by_value("webinar").await.unwrap();
    app.wait_saved().await;
    let department =
        thirtyfour::components::SelectElement::new(&app.testid("prop-department").await).await.unwrap();
    department.select_by_value("inside_sales").await.unwrap();
    app.wait_saved().await;
    app.fill("prop-cost", "1,200,000").await;
    app.fill("prop-effect", "35").await;
    app.fill("prop-notes", "来期は出展ブースを縮小").await;
    app.screenshot("editor-properties-card").await;

    // An emotion point: its quote, and its persona's job title.
    let point = app.testid("emotion-pe_3-0").await;
    app.click_at(app.point_in(&point, 0.0, 0.0).await).await;
    app.fill("prop-quote", "稟議が通るか不安").await;
    app.fill("prop-persona-title", "取締役 管理本部長").await;

    let folders = app.quit().await;
    let map = export_json(&map_files(folders.library.path())[0]);
    assert_eq!(map["info"]["title"], "2027年度 受発注クラウド");
    let edited =
        map["cards"].as_array().unwrap().iter().find(|c| c["notes"] == "来期は出展ブースを縮小").unwrap();
    assert_eq!(edited["channel_id"], "webinar");
    assert_eq!(edited["department_id"], "inside_sales");
    assert_eq!(edited["cost"], 1_200_000.0);
    assert_eq!(edited["effect"], 35.0);
    let quoted = map["emotion_points"].as_array().unwrap().iter().find(|p| p["quote"] == "稟議が通るか不安");
    assert_eq!(quoted.expect("the quoted point")["persona_id"], "pe_3");
    let approver = map["personas"].as_array().unwrap().iter().find(|p| p["id"] == "pe_3").unwrap();
    assert_eq!(approver["title"], "取締役 管理本部長");
}

#[tokio::test(flavor = "multi_thread")]
async fn stages_and_lanes_are_renamed_reordered_resized_added_hidden_and_deleted() {
    let app = App::start("en").await;
    create_b2b_map(&app).await;

    // Rename Awareness in place.
    app.double_click(&app.testid("stage-0").await).await;
    let editor = app.testid("in-place-editor").await;
    editor.send_keys(Key::Control + "a").await.unwrap();
    editor.send_keys("Interest").await.unwrap();
    editor.send_keys(Key::Enter).await.unwrap();
    app.wait_saved().await;
    assert_eq!(app.testid("stage-0").await.text().await.unwrap().trim(), "Interest");

    // Drag it past Consideration and Decision.
    let from = app.point_in(&app.testid("stage-0").await, 0.0, 0.0).await;
    let to = app.point_in(&app.testid("stage-2").await, 20.0, 0.0).await;
    app.drag_points(from, to).await;
    app.wait_saved().await;
    assert_eq!(app.testid("stage-2").await.text().await.unwrap().trim(), "Interest");

    // Widen Consideration (now first) by dragging its header's right edge.
    let header = app.testid("stage-0").await;
    let half_width = app
        .driver
        .execute("return arguments[0].getBoundingClientRect().width / 2", vec![header.to_json().unwrap()])
        .await
        .unwrap();
    let half_width: f64 = half_width.convert().unwrap();
    let edge = app.point_in(&header, half_width - 2.0, 0.0).await;
    app.drag_points(edge, (edge.0 + 80, edge.1)).await;
    app.wait_saved().await;

    // Add a stage after Retention (select it, panel button), then delete Advocacy with confirmation.
    app.click_at(app.point_in(&app.testid("stage-3").await, 0.0, 0.0).await).await;
    app.testid("stage-add-after").await.click().await.unwrap();
    app.wait_saved().await;
    app.click_at(app.point_in(&app.testid("stage-5").await, 0.0, 0.0).await).await;
    app.testid("stage-delete").await.click().await.unwrap();
    let question = app.testid("stage-delete-confirm").await;
    question.click().await.unwrap();
    app.wait_saved().await;
    assert!(app.driver.find(By::Css("[data-testid='stage-5']")).await.is_err(), "six stages less one");

    // Hide the thoughts lane from the map's panel (nothing selected).
    app.testid("viewport").await.send_keys(Key::Escape).await.unwrap();
    app.testid("lane-visible-ln_thoughts").await.click().await.unwrap();
    app.wait_saved().await;
    assert!(app.driver.find(By::Css("[data-testid='lane-thoughts']")).await.is_err(), "the lane is hidden");
    app.screenshot("editor-stages-and-lanes").await;

    let folders = app.quit().await;
    let map = export_json(&map_files(folders.library.path())[0]);
    let names: Vec<&str> =
        map["stages"].as_array().unwrap().iter().map(|s| s["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["Consideration", "Decision", "Interest", "Retention", "New stage"]);
    let width = map["stages"][0]["width"].as_f64().unwrap();
    assert!(width > 300.0, "Consideration was widened from 280, now {width}");
    let thoughts = map["lanes"].as_array().unwrap().iter().find(|l| l["id"] == "ln_thoughts").unwrap();
    assert_eq!(thoughts["hidden"], true);
    assert!(
        map["cards"].as_array().unwrap().iter().all(|c| c["stage_id"] != "st_5"),
        "Advocacy's cards went with it"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn quotes_show_beside_their_points_points_go_with_delete_or_right_click_and_shortcuts_are_listed() {
    let app = App::start("ja").await;
    create_b2b_map(&app).await;
    let points_of = |persona: &'static str| format!("[data-testid^='emotion-{persona}-']");

    // The first persona's first point has a quote in the template: selecting it shows the quote.
    let quoted = app.testid("emotion-pe_1-0").await;
    app.click_at(app.point_in(&quoted, 0.0, 0.0).await).await;
    let callout = app.testid("quote-callout").await;
    assert!(!callout.text().await.unwrap().trim().is_empty());
    app.screenshot("editor-quote-callout").await;

    // Delete removes the selected point.
    let before = app.all(&points_of("pe_1")).await.len();
    app.testid("viewport").await.send_keys(Key::Delete).await.unwrap();
    app.wait_saved().await;
    assert_eq!(app.all(&points_of("pe_1")).await.len(), before - 1);

    // Arrow keys move a selected point: up twice (+1), right once (a tenth of the stage).
    let ken = app.testid("emotion-pe_2-0").await;
    app.click_at(app.point_in(&ken, 0.0, 0.0).await).await;
    for key in [Key::Up, Key::Up, Key::Right] {
        app.testid("viewport").await.send_keys(key).await.unwrap();
        app.wait_saved().await;
    }

    // Shift+2 frames the selected card; ? lists the shortcuts and Escape closes the list.
    let level = app.testid("zoom-reset").await.text().await.unwrap();
    let card = app.all("g[data-testid^='card-']").await.remove(0);
    app.click_at(app.point_in(&card, 0.0, 0.0).await).await;
    app.testid("viewport").await.send_keys(Key::Shift + "2").await.unwrap();
    let framed = app.testid("zoom-reset").await.text().await.unwrap();
    assert_ne!(framed, level, "the zoom changed to frame the card");
    app.testid("viewport").await.send_keys("?").await.unwrap();
    let sheet = app.testid("shortcuts").await;
    assert!(sheet.text().await.unwrap().contains("Ctrl+Z"));
    app.screenshot("editor-shortcuts").await;
    app.driver.action_chain().send_keys(Key::Escape).perform().await.unwrap();
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert!(app.driver.find(By::Css("[data-testid='shortcuts']")).await.is_err());

    // A right-click removes a point. (Last: WebKitWebDriver's context click never releases the
    // right button, so later clicks would arrive as chords.)
    let (x, y) = app.point_in(&app.testid("emotion-pe_1-0").await, 0.0, 0.0).await;
    app.driver.action_chain().move_to(x, y).context_click().perform().await.unwrap();
    // GTK delivers the context-menu event after the click returns: wait for the point to go.
    let mut left = before;
    for _ in 0..60 {
        left = app.all(&points_of("pe_1")).await.len();
        if left == before - 2 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(left, before - 2);
    app.wait_saved().await;

    let folders = app.quit().await;
    let map = export_json(&map_files(folders.library.path())[0]);
    let moved =
        map["emotion_points"].as_array().unwrap().iter().find(|p| p["id"] == "ep_2_1").unwrap().clone();
    assert_eq!((moved["score"].as_f64(), moved["x"].as_f64()), (Some(1.0), Some(0.6)), "{moved}");
}

/// Clicks at screen coordinates with xdotool: the native menu bar is GTK's, out of WebDriver's reach.
fn click_screen(x: u32, y: u32) {
    let status = std::process::Command::new("xdotool")
        .args(["mousemove", &x.to_string(), &y.to_string(), "click", "1"])
        .status()
        .expect("xdotool runs");
    assert!(status.success());
    std::thread::sleep(Duration::from_millis(300));
}

#[tokio::test(flavor = "multi_thread")]
async fn the_menu_bar_duplicates_and_undoes_like_the_shortcuts() {
    let app = App::start("en").await;
    create_b2b_map(&app).await;
    let card = card_with_text(&app, "Searches").await.unwrap();
    app.click_at(app.point_in(&card, 0.0, 0.0).await).await;

    // Edit → Duplicate, then Edit → Undo (the window sits at the screen's top left under Xvfb).
    click_screen(60, 12);
    click_screen(85, 163);
    app.wait_saved().await;
    assert_eq!(cards_with_text(&app, "Searches").await, 2, "Edit → Duplicate");
    click_screen(60, 12);
    click_screen(85, 37);
    app.wait_saved().await;
    assert_eq!(cards_with_text(&app, "Searches").await, 1, "Edit → Undo");
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn without_a_mouse_tab_reaches_a_card_to_edit_and_e_adds_an_emotion_point() {
    let app = App::start("en").await;
    create_b2b_map(&app).await;
    let viewport = app.testid("viewport").await;
    let points_before = app.all("[data-testid^='emotion-pe_1-']").await.len();

    // Reading order: the five stage headers, the touchpoint lane's header, then its first card.
    for _ in 0..7 {
        viewport.send_keys(Key::Tab).await.unwrap();
    }
    let first = card_with_text(&app, "Searches").await.expect("the template's first touchpoint");
    assert_eq!(first.attr("data-selected").await.unwrap().as_deref(), Some("true"));
    viewport.send_keys(Key::Enter).await.unwrap();
    let editor = app.testid("in-place-editor").await;
    editor.send_keys(Key::Control + "a").await.unwrap();
    editor.send_keys("Found by keyboard").await.unwrap();
    editor.send_keys(Key::Enter).await.unwrap();
    app.wait_saved().await;

    // E adds a point for the chosen persona in the card's stage; ↑ twice raises it.
    press_keys(&app, "e").await;
    assert_eq!(app.all("[data-testid^='emotion-pe_1-']").await.len(), points_before + 1);
    press_keys(&app, Key::Up).await;
    press_keys(&app, Key::Up).await;
    app.screenshot("editor-keyboard-only").await;

    // Past the last item, Tab leaves the canvas for the next control instead of trapping focus.
    viewport.send_keys(Key::Escape).await.unwrap();
    viewport.send_keys(Key::Shift + Key::Tab).await.unwrap();
    // The last item in reading order is the last card of the bottom lane.
    let selected = app.all("[data-selected='true']").await;
    assert_eq!(selected.len(), 1, "Shift+Tab with nothing selected selects the last item");
    assert!(selected[0].attr("data-testid").await.unwrap().unwrap().starts_with("card-"));
    viewport.send_keys(Key::Tab).await.unwrap();
    let focused =
        app.driver.execute("return document.activeElement.dataset.testid ?? ''", vec![]).await.unwrap();
    assert_ne!(focused.json().as_str(), Some("viewport"), "Tab after the last item moves focus on");

    let folders = app.quit().await;
    let map = export_json(&map_files(folders.library.path())[0]);
    assert_eq!(card_in(&map, "Found by keyboard")["stage_id"], "st_1");
    let points: Vec<&Value> =
        map["emotion_points"].as_array().unwrap().iter().filter(|p| p["persona_id"] == "pe_1").collect();
    assert_eq!(points.len(), points_before + 1);
    let added = points.iter().find(|p| p["quote"] == "" && p["x"] == 0.5 && p["stage_id"] == "st_1");
    let added = added.unwrap_or_else(|| panic!("a point in the middle of Awareness: {points:?}"));
    assert!(added["score"].as_f64().unwrap() > 0.0, "raised twice from the neutral line: {added}");
}
