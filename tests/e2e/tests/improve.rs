//! The improvement cycle in the app: actuals imported from a Japanese Excel CSV through the
//! import dialog move the bottleneck, a revision is saved, the map changes, the two are compared,
//! and the revision is restored — all of it in the file afterwards.

use serde_json::Value;
use tabiji_e2e::{choose_in_gtk_dialog, export_json, map_files, App, By, Key};

/// Picks the option `value` of the select with test id `testid`, as a click would.
async fn choose_option(app: &App, testid: &str, value: &str) {
    let option = format!("[data-testid='{testid}'] option[value='{value}']");
    app.driver.find(By::Css(option)).await.unwrap().click().await.unwrap();
}

async fn bottleneck(app: &App) -> Vec<String> {
    let mut marked = Vec::new();
    for stage in app.all("[data-testid^='stage-'][data-bottleneck='true']").await {
        marked.push(stage.attr("data-testid").await.unwrap().unwrap_or_default());
    }
    marked
}

#[tokio::test(flavor = "multi_thread")]
async fn import_actuals_see_the_bottleneck_move_save_a_revision_change_compare_and_restore() {
    let app = App::start("ja").await;
    app.testid("new-map").await.click().await.unwrap();
    app.testid("canvas").await;
    assert_eq!(bottleneck(&app).await, ["stage-4"], "the template's advocacy stage at first");

    // A Japanese Excel export: Shift_JIS, a month column under a header Tabiji does not guess.
    let (csv, _, _) = encoding_rs::SHIFT_JIS.encode(
        "集計月,指標,実績\n2026/10,デモ依頼数,12\n2026/10,商談化数,\"4\"\n2026/10,資料ダウンロード数,\"1,250\"\n",
    );
    let csv_path = app.library().join("crm-2026-10.csv");
    std::fs::write(&csv_path, &csv).unwrap();

    app.analyse("import-actuals").await;
    let pick = app.testid("actuals-pick").await;
    choose_in_gtk_dialog(|| async { pick.click().await.unwrap() }, &csv_path).await;
    app.wait_text("actuals-file", "3 行").await;
    let preview = app.testid("actuals-preview").await.text().await.unwrap();
    assert!(preview.contains("集計月") && preview.contains("1,250"), "{preview}");
    // Without a period the import cannot go ahead, and the dialog says why.
    app.wait_text("actuals-problem", "no column for the period").await;
    choose_option(&app, "actuals-column-period", "集計月").await;
    let summary =
        app.wait_text("actuals-summary", "3 行のうち 3 行から 3 件の KPI の実績、期間 2026-10").await;
    assert!(summary.contains("3 件の KPI の見本の数値を実績で置き換えます"), "{summary}");
    app.screenshot("improve-import-dialog-ja").await;
    app.testid("actuals-import").await.click().await.unwrap();
    assert!(app.notice().await.contains("3 件の KPI に 3 行を取り込みました"));
    app.wait_saved().await;
    assert_eq!(bottleneck(&app).await, ["stage-1"], "12 of 60 demo requests, 4 of 40 opportunities");

    app.analyse("report").await;
    app.wait_text("report-stages", "ボトルネック").await;
    let marked = app.all("[data-testid='report-stages'] tr[data-bottleneck='true'] th").await;
    assert_eq!(marked.len(), 1);
    assert_eq!(marked[0].text().await.unwrap(), "検討");
    app.wait_text("report-funnel", "2026-10").await;
    app.screenshot("improve-report-ja").await;
    // "Export with the map" goes on to the export dialog with the report ticked.
    app.testid("report-export").await.click().await.unwrap();
    assert!(app.testid("export-report").await.is_selected().await.unwrap());
    app.testid("export-dialog").await.send_keys(Key::Escape).await.unwrap();

    // Save this quarter's map as a revision, then change the map.
    app.analyse("revisions").await;
    app.testid("revisions-empty").await;
    app.testid("revision-name").await.send_keys("2026年10月 取り込み後").await.unwrap();
    app.testid("revision-save").await.click().await.unwrap();
    app.wait_text("revision-list", "2026年10月 取り込み後").await;
    app.testid("revisions-dialog").await.send_keys(Key::Escape).await.unwrap();

    let removed = app.testid("card-cd_1").await;
    app.click_at(app.point_in(&removed, 0.0, 0.0).await).await;
    app.testid("viewport").await.send_keys(Key::Delete).await.unwrap();
    app.wait_saved().await;
    assert!(app.driver.find(By::Css("[data-testid='card-cd_1']")).await.is_err());

    // Compare the revision with the map now: one card removed; the curves and KPIs side by side.
    app.analyse("revisions").await;
    app.testid("compare-run").await.click().await.unwrap();
    app.wait_text("comparison-counts", "削除 1").await;
    app.wait_text("comparison-cards", "−").await;
    let kpis = app.wait_text("comparison-kpis", "デモ依頼数").await;
    assert!(kpis.contains("12"), "{kpis}");
    assert_eq!(
        app.all("[data-testid='comparison-curves'] polyline").await.len(),
        6,
        "3 personas × 2 versions"
    );
    app.screenshot("improve-compare-ja").await;

    // View it read-only, then restore it: the card comes back, as one undo step.
    app.testid("revision-view").await.click().await.unwrap();
    app.testid("revision-picture").await;
    app.testid("revision-restore").await.click().await.unwrap();
    app.testid("revision-restore-confirm").await.click().await.unwrap();
    assert!(app.notice().await.contains("復元しました"));
    app.wait_saved().await;
    app.testid("card-cd_1").await;
    app.screenshot("improve-restored-ja").await;

    let folders = app.quit().await;
    let files = map_files(folders.library.path());
    let map = export_json(&files[0]);
    let cards: Vec<&str> =
        map["cards"].as_array().unwrap().iter().map(|c| c["id"].as_str().unwrap()).collect();
    assert!(cards.contains(&"cd_1"), "restored in the file");
    let demo = map["kpis"].as_array().unwrap().iter().find(|k| k["name"] == "デモ依頼数").unwrap();
    assert_eq!((demo["actual"].as_f64(), demo["period"].as_str()), (Some(12.0), Some("2026-10")));
    assert_eq!(demo["history"], serde_json::json!([]), "the template's sample figure was replaced");
    assert_eq!(demo["sample"], false);
    let out = std::process::Command::new(tabiji_e2e::cli_binary())
        .args(["revision", "list", "--json"])
        .arg(&files[0])
        .output()
        .unwrap();
    let revisions: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(revisions[0]["name"], "2026年10月 取り込み後");
    assert_eq!(revisions[1]["name"], "「2026年10月 取り込み後」に戻す前", "the map before restoring is kept");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_hundred_thousand_row_export_imports_through_the_dialog_with_its_progress_shown() {
    let app = App::start("ja").await;
    app.testid("new-map").await.click().await.unwrap();
    app.testid("canvas").await;

    // A CRM export of 100,000 rows: two KPIs, a month column, figures with thousands separators.
    let mut csv = String::from("指標,期間,実績\n");
    for i in 0..100_000 {
        let name = if i % 2 == 0 { "資料ダウンロード数" } else { "デモ依頼数" };
        let (year, month) = (2000 + i / 1200, i / 100 % 12 + 1);
        csv.push_str(&format!("{name},{year}-{month:02},\"{},{:03}\"\n", i / 1000, i % 1000));
    }
    let csv_path = app.library().join("crm-100k.csv");
    std::fs::write(&csv_path, &csv).unwrap();

    app.analyse("import-actuals").await;
    let pick = app.testid("actuals-pick").await;
    choose_in_gtk_dialog(|| async { pick.click().await.unwrap() }, &csv_path).await;
    app.wait_text("actuals-file", "100,000 行").await;
    // Each KPI and month has fifty rows: refused until the dialog is told to sum them.
    app.wait_text("actuals-problem", "both give the actual of \"資料ダウンロード数\" for 2000-01").await;
    choose_option(&app, "actuals-aggregate", "sum").await;
    let summary = app.wait_text("actuals-summary", "100,000 行").await;
    assert!(summary.contains("2000-01 〜 2083-04 の 1,000 期間"), "{summary}");

    // Record every value the progress bar shows while the import runs.
    app.driver
        .execute(
            "window.progressSeen = []; \
             new MutationObserver(() => { \
               const bar = document.querySelector(\"[data-testid='actuals-progress']\"); \
               if (bar && bar.value !== window.progressSeen.at(-1)) window.progressSeen.push(bar.value); \
             }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['value'] });",
            vec![],
        )
        .await
        .unwrap();
    app.testid("actuals-import").await.click().await.unwrap();
    assert!(app.notice().await.contains("2 件の KPI に 100,000 行を取り込みました"));
    app.wait_saved().await;
    let seen: Vec<f64> =
        app.driver.execute("return window.progressSeen", vec![]).await.unwrap().convert().unwrap();
    assert!(seen.len() >= 3, "the bar moved while importing: {seen:?}");
    assert!(seen.windows(2).all(|w| w[0] < w[1]) && seen.last() == Some(&100_000.0), "{seen:?}");

    // One undo step takes the whole import back.
    app.testid("undo").await.click().await.unwrap();
    app.wait_saved().await;
    let folders = app.quit().await;
    let map = export_json(&map_files(folders.library.path())[0]);
    let downloads =
        map["kpis"].as_array().unwrap().iter().find(|k| k["name"] == "資料ダウンロード数").unwrap();
    assert_eq!(downloads["period"], "2026-Q3", "undo put the template's actuals back");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_raw_hubspot_export_is_counted_by_a_ready_mapping_whose_values_are_completed_and_saved() {
    let app = App::start("en").await;
    app.testid("new-map").await.click().await.unwrap();
    app.testid("canvas").await;

    // HubSpot's deals export as Excel's "Unicode text": UTF-16 with a byte-order mark, tab-separated,
    // one row per deal with the stage as HubSpot's internal id.
    let deals = "Record ID\tDeal Name\tDeal Stage\tAmount\tCreate Date\n\
                 1\tAcme order system\tpresentationscheduled\t1200000\t2026-10-03 10:22\n\
                 2\tBeta order system\tpresentationscheduled\t800000\t2026-10-20 09:00\n\
                 3\tGamma order system\tqualifiedtobuy\t500000\t2026-11-02 14:30\n\
                 4\tDelta order system\tappointmentscheduled\t\t2026-11-04 11:00\n";
    let bytes: Vec<u8> =
        [0xFF, 0xFE].into_iter().chain(deals.encode_utf16().flat_map(u16::to_le_bytes)).collect();
    let path = app.library().join("hubspot-deals.txt");
    std::fs::write(&path, bytes).unwrap();

    app.analyse("import-actuals").await;
    let pick = app.testid("actuals-pick").await;
    choose_in_gtk_dialog(|| async { pick.click().await.unwrap() }, &path).await;
    app.wait_text("actuals-file", "UTF-16LE").await;
    choose_option(&app, "actuals-mapping", "HubSpot deals").await;
    let summary = app.wait_text("actuals-summary", "3 of 4 rows give actuals for 2 KPIs").await;
    assert!(summary.contains("1 rows whose Deal Stage is “appointmentscheduled” are skipped"), "{summary}");
    // The value the ready mapping leaves out is mapped to the map's content downloads here.
    app.wait_text("actuals-kpi-values", "appointmentscheduled").await;
    choose_option(&app, "actuals-kpi-values-appointmentscheduled", "kp_1").await;
    app.wait_text("actuals-summary", "4 of 4 rows give actuals for 3 KPIs").await;
    app.testid("actuals-mapping-name").await.send_keys("HubSpot monthly").await.unwrap();
    app.testid("actuals-mapping-save").await.click().await.unwrap();
    assert!(app.notice().await.contains("Saved the mapping “HubSpot monthly”"));
    app.screenshot("improve-import-raw-export-en").await;
    app.testid("actuals-import").await.click().await.unwrap();
    app.wait_text("notice", "Imported 4 rows for 3 KPIs").await;
    app.wait_saved().await;

    let folders = app.quit().await;
    let saved = folders.config.path().join("mappings/HubSpot monthly.json");
    let mapping: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&saved).unwrap()).unwrap();
    assert_eq!(
        mapping["kpi_values"]["appointmentscheduled"], "kp_1",
        "the saved mapping keeps the added value"
    );
    let map = export_json(&map_files(folders.library.path())[0]);
    let kpi = |id: &str| map["kpis"].as_array().unwrap().iter().find(|k| k["id"] == id).unwrap().clone();
    assert_eq!(
        (kpi("kp_3")["actual"].as_f64(), kpi("kp_3")["period"].as_str()),
        (Some(2.0), Some("2026-10"))
    );
    assert_eq!((kpi("kp_4")["actual"].as_f64(), kpi("kp_1")["actual"].as_f64()), (Some(1.0), Some(1.0)));
    assert_eq!(kpi("kp_3")["sample"], false, "real actuals replaced the template's samples");
}
