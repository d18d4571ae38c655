//! The interface language follows the operating system until the user chooses one; the choice
//! takes effect at once, survives a restart, and "same as the system" gives the system's back.

use tabiji_e2e::App;

async fn choose_language(app: &App, value: &str) {
    let select =
        thirtyfour::components::SelectElement::new(&app.testid("settings-language").await).await.unwrap();
    select.select_by_value(value).await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn a_chosen_language_replaces_the_systems_at_once_and_after_a_restart() {
    let app = App::start("ja").await;
    app.wait_text("new-map", "マップを作成").await;

    choose_language(&app, "en").await;
    app.wait_text("new-map", "Create map").await;
    app.screenshot("settings-language-en").await;
    let folders = app.quit().await;

    // A Japanese desktop, but the choice was English.
    let app = App::start_with(folders, "ja").await;
    app.wait_text("new-map", "Create map").await;
    choose_language(&app, "").await;
    app.wait_text("new-map", "マップを作成").await;
    let folders = app.quit().await;
    let saved = std::fs::read_to_string(folders.config.path().join("settings.json")).unwrap();
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&saved).unwrap(),
        serde_json::json!({ "language": null })
    );
}
