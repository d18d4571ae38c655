//! The analysis views edit the map: a KPI picked on the canvas and edited in the panel, KPIs
//! added and marked as funnel steps in the KPI table, the buying committee's involvement and a
//! new person, a touchpoint's cost dragged on the spend-vs-effect matrix, and the ownership gaps
//! flagged on the canvas — all of it in the file afterwards.

use serde_json::Value;
use tabiji_e2e::{export_json, map_files, App, Key};

/// The test id of the focused element: where a view put the keyboard after adding something.
async fn focused_testid(app: &App) -> String {
    let focused = app.driver.active_element().await.unwrap();
    focused.attr("data-testid").await.unwrap().unwrap_or_default()
}

fn find<'a>(list: &'a Value, field: &str, value: &str) -> &'a Value {
    list.as_array()
        .unwrap()
        .iter()
        .find(|x| x[field] == value)
        .unwrap_or_else(|| panic!("no {field} {value}"))
}

#[tokio::test(flavor = "multi_thread")]
async fn kpis_the_committee_and_spend_are_edited_from_their_views_and_gaps_are_flagged() {
    let app = App::start("ja").await;
    app.testid("new-map").await.click().await.unwrap();
    app.testid("canvas").await;

    // The template's three hand-offs while a buyer's mood drops are flagged on the canvas.
    let signs = app.all("[data-testid='gap-mark'][data-gaps^='hand_off_while_mood_drops']").await;
    assert_eq!(signs.len(), 3);

    // An edit elsewhere leaves the painted KPIs as they are: the core sends them anew with every
    // change, and compared by identity each one was built again.
    let painted_kpis = "g[data-testid^='kpi-']";
    app.mark_elements(painted_kpis).await;
    app.retitle_map("KPI を見るマップ").await;
    let (kpis, kept) = app.kept_elements(painted_kpis).await;
    assert!(kpis > 0, "the template's KPIs are painted");
    assert_eq!(kept, kpis, "retitling the map built painted KPIs again");

    // A KPI on the canvas: a click selects it, the panel edits it, Delete and undo work on it.
    let kpi = app.testid("kpi-kp_2").await;
    app.click_at(app.point_in(&kpi, 0.0, 0.0).await).await;
    assert_eq!(kpi.attr("data-selected").await.unwrap().as_deref(), Some("true"));
    app.fill("prop-kpi-target", "3.5").await;
    app.wait_text("kpi-kp_2", "3.5").await;
    app.testid("viewport").await.send_keys(Key::Delete).await.unwrap();
    app.wait_saved().await;
    assert!(app.all("[data-testid='kpi-kp_2']").await.is_empty());
    app.testid("undo").await.click().await.unwrap();
    app.wait_text("kpi-kp_2", "3.5").await;

    // The KPI table: a new KPI in the decision stage, named, given a target and made a funnel step.
    app.analyse("kpi-table").await;
    app.testid("kpi-add-st_3").await.click().await.unwrap();
    app.wait_saved().await;
    let name = focused_testid(&app).await;
    let id = name.strip_prefix("kpi-name-").expect("the new KPI's name has the focus").to_owned();
    let field = app.testid(&name).await;
    field.send_keys("受注数").await.unwrap();
    field.send_keys(Key::Tab).await.unwrap();
    app.wait_saved().await;
    app.fill(&format!("kpi-target-{id}"), "12").await;
    app.testid(&format!("kpi-funnel-{id}")).await.click().await.unwrap();
    app.wait_saved().await;
    app.screenshot("analyse-kpi-table-ja").await;
    app.testid("kpi-table-dialog").await.send_keys(Key::Escape).await.unwrap();
    app.wait_text(&format!("kpi-{id}"), "受注数").await;

    // The committee: 佐藤 no longer takes part in advocacy; a new person joins.
    app.analyse("committee").await;
    let mood = app.testid("committee-mood-pe_1-st_1").await.text().await.unwrap();
    assert!(mood.starts_with('+') || mood.starts_with('-') || mood == "0", "a mean score: {mood}");
    app.testid("committee-involved-pe_1-st_5").await.click().await.unwrap();
    app.wait_saved().await;
    app.testid("committee-add-or_1").await.click().await.unwrap();
    app.wait_saved().await;
    let person = focused_testid(&app).await;
    let field = app.testid(&person).await;
    field.send_keys("山本 部長").await.unwrap();
    field.send_keys(Key::Tab).await.unwrap();
    app.wait_saved().await;
    app.screenshot("analyse-committee-ja").await;
    app.testid("committee-dialog").await.send_keys(Key::Escape).await.unwrap();

    // The matrix: the exhibition booth costs much for its effect; drag it left to halve its cost.
    app.analyse("spend-matrix").await;
    // Which points return little comes with the core's report, after the points are drawn.
    app.wait_attr("matrix-point-cd_2", "data-low-return", "true").await;
    let dot = app.wait_for("[data-testid='matrix-point-cd_2'] circle").await;
    let from = app.point_in(&dot, 0.0, 0.0).await;
    let axis = app.testid("matrix-plot").await.rect().await.unwrap();
    app.drag_points(from, (from.0 - (axis.width / 5.0) as i64, from.1)).await;
    app.wait_saved().await;
    let totals = app.testid("matrix-totals-channel").await.text().await.unwrap();
    assert!(!totals.contains("1,500,000"), "the booth's channel total follows: {totals}");
    app.screenshot("analyse-matrix-ja").await;
    app.testid("matrix-dialog").await.send_keys(Key::Escape).await.unwrap();
    app.screenshot("analyse-canvas-ja").await;

    let folders = app.quit().await;
    let map = export_json(&map_files(folders.library.path())[0]);
    assert_eq!(find(&map["kpis"], "id", "kp_2")["target"], 3.5);
    let added = find(&map["kpis"], "id", &id);
    assert_eq!(
        (&added["name"], &added["stage_id"], &added["target"], &added["funnel"]),
        (&"受注数".into(), &"st_3".into(), &12.0.into(), &true.into())
    );
    assert_eq!(
        find(&map["personas"], "id", "pe_1")["stage_ids"],
        serde_json::json!(["st_1", "st_2", "st_3", "st_4"])
    );
    let new_person = find(&map["personas"], "name", "山本 部長");
    assert_eq!(
        (&new_person["org_id"], new_person["stage_ids"].as_array().unwrap().len()),
        (&"or_1".into(), 5)
    );
    let booth = find(&map["cards"], "id", "cd_2");
    let cost = booth["cost"].as_f64().unwrap();
    assert!(cost > 0.0 && cost < 1_500_000.0, "the drag lowered the cost: {cost}");
}
