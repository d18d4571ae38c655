//! Exporting from the app: the dialog's formats saved beside the map, the map on the clipboard as
//! a picture, and a PNG export that matches what the canvas shows on screen.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use serde_json::Value;
use tabiji_e2e::{
    artifacts_dir, choose_in_gtk_dialog, decode_png, export_json, map_files, run_tool, App, Key,
};

fn files_with_extension(folder: &Path, extension: &str) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = std::fs::read_dir(folder)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == extension))
        .collect();
    found.sort();
    found
}

#[tokio::test(flavor = "multi_thread")]
async fn the_export_dialog_saves_pdf_and_png_beside_the_map_and_copies_a_picture() {
    let app = App::start("ja").await;
    app.testid("new-map").await.click().await.unwrap();
    app.testid("canvas").await;
    let library = app.library().to_owned();

    // PDF, one page: the default choice, with the analysis report under the map.
    app.testid("export-button").await.click().await.unwrap();
    app.testid("export-dialog").await;
    app.testid("export-report").await.click().await.unwrap();
    app.screenshot("export-dialog").await;
    app.testid("export-beside").await.click().await.unwrap();
    let saved = app.notice().await;
    let pdfs = files_with_extension(&library, "pdf");
    assert_eq!(pdfs.len(), 1, "one PDF beside the map: {pdfs:?}");
    assert!(saved.contains(pdfs[0].to_str().unwrap()), "the notice says where: {saved}");
    let text = String::from_utf8(run_tool("pdftotext", &[pdfs[0].to_str().unwrap(), "-"])).unwrap();
    for stage in ["認知", "検討", "決定", "維持", "推奨"] {
        assert!(text.contains(stage), "{stage} in the PDF's text");
    }
    for finding in ["分析レポート", "推奨:2 件の KPI で目標の 55 % ← ボトルネック", "担当の抜け・引き継ぎ"]
    {
        assert!(text.contains(finding), "the report's {finding:?} in the PDF's text:\n{text}");
    }
    run_tool(
        "pdftoppm",
        &[
            "-r",
            "40",
            "-png",
            "-singlefile",
            pdfs[0].to_str().unwrap(),
            artifacts_dir().join("export-app-pdf").to_str().unwrap(),
        ],
    );

    // PNG at 1× without the KPI lane, from Ctrl+E.
    app.testid("viewport").await.send_keys(Key::Control + "e").await.unwrap();
    app.testid("export-format-png").await.click().await.unwrap();
    app.testid("export-scale").await.send_keys("1").await.unwrap();
    app.testid("export-lane-kpis").await.click().await.unwrap();
    app.testid("export-beside").await.click().await.unwrap();
    app.notice().await;
    let pngs = files_with_extension(&library, "png");
    assert_eq!(pngs.len(), 1);
    let (width, height, _) = decode_png(&std::fs::read(&pngs[0]).unwrap());

    // SVG, and the cards and KPIs as CSV.
    for format in ["svg", "csv_cards", "csv_kpis"] {
        app.testid("export-button").await.click().await.unwrap();
        app.testid(&format!("export-format-{format}")).await.click().await.unwrap();
        app.testid("export-beside").await.click().await.unwrap();
        app.notice().await;
    }
    let svg = std::fs::read_to_string(&files_with_extension(&library, "svg")[0]).unwrap();
    assert!(svg.contains("<svg") && svg.contains(">認知</text>"), "an SVG with the stage names as text");
    let csvs: Vec<String> =
        files_with_extension(&library, "csv").iter().map(|p| std::fs::read_to_string(p).unwrap()).collect();
    assert_eq!(csvs.len(), 2, "the cards and the KPIs");
    assert!(csvs.iter().any(|c| c.starts_with("\u{FEFF}ステージ,レーン,種類,テキスト")), "the cards' CSV");
    assert!(csvs.iter().any(|c| c.starts_with("\u{FEFF}ステージ,KPI,単位")), "the KPIs' CSV");

    // Copy as PNG (2×, every lane) puts a picture on the clipboard.
    app.testid("viewport").await.send_keys(Key::Control + Key::Shift + "c").await.unwrap();
    assert!(app.notice().await.contains("クリップボード"));
    let clipboard = run_tool("xclip", &["-selection", "clipboard", "-t", "image/png", "-o"]);
    let (clip_width, clip_height, _) = decode_png(&clipboard);
    assert_eq!(clip_width, width * 2, "2× the 1× export's width");
    assert!(
        clip_height > height * 2,
        "taller than the export without KPIs ({clip_height} against {height} at 1×)"
    );

    let folders = app.quit().await;
    let map = export_json(&map_files(folders.library.path())[0]);
    for exported in [&pdfs[0], &pngs[0]] {
        let back = folders.library.path().join("back.tabiji");
        let status =
            Command::new(tabiji_e2e::cli_binary()).arg("import").arg(exported).arg(&back).status().unwrap();
        assert!(status.success(), "{} imports", exported.display());
        let again: Value = export_json(&back);
        assert_eq!(again, map, "{} reopens as the map", exported.display());
        std::fs::remove_file(&back).unwrap();
    }
}

/// The canvas and the PNG export agree closely where the canvas is on screen, at 100 % against
/// the 1× export and at 200 % against the 2×: both draw the core's layout with the same font and
/// colours; they differ only in how two rasterisers smooth edges.
#[tokio::test(flavor = "multi_thread")]
async fn the_png_export_looks_like_the_canvas() {
    let app = App::start("ja").await;
    app.testid("new-map").await.click().await.unwrap();
    app.testid("canvas").await;
    let viewport = app.testid("viewport").await;
    viewport.send_keys(Key::Control + "0").await.unwrap();
    viewport.send_keys(Key::Escape).await.unwrap();
    tokio::time::sleep(Duration::from_millis(300)).await;
    compare_canvas_with_export(&app, 1).await;

    // 110, 125, 150, then 200 %: the cards' text is HTML inside the SVG, which WebKit once
    // painted unscaled at any zoom but 100 %.
    for _ in 0..4 {
        app.testid("zoom-in").await.click().await.unwrap();
    }
    assert_eq!(app.testid("zoom-reset").await.text().await.unwrap(), "200%");
    tokio::time::sleep(Duration::from_millis(300)).await;
    compare_canvas_with_export(&app, 2).await;
    app.quit().await;
}

/// Compares the window's canvas, at `scale` × zoom, with a PNG export at `scale`×.
async fn compare_canvas_with_export(app: &App, scale: u32) {
    let region = app
        .driver
        .execute(
            "const c = document.querySelector('[data-testid=canvas]').getBoundingClientRect();\n\
             const v = document.querySelector('[data-testid=viewport]').getBoundingClientRect();\n\
             return { left: Math.max(c.left, v.left), top: Math.max(c.top, v.top),\n\
                      right: Math.min(c.right, v.right - 16), bottom: Math.min(c.bottom, v.bottom - 16),\n\
                      canvasLeft: c.left, canvasTop: c.top, inner: window.innerHeight, ratio: window.devicePixelRatio }",
            vec![],
        )
        .await
        .unwrap();
    let region = region.json().clone();
    let number = |key: &str| region[key].as_f64().unwrap();
    assert_eq!(number("ratio"), 1.0);
    let shot = artifacts_dir().join(format!("fidelity-window-{scale}x.png"));
    app.capture_window(&shot).unwrap();
    let (shot_width, shot_height, shot_pixels) = decode_png(&std::fs::read(&shot).unwrap());
    // The native menu bar sits above the page in the window.
    let page_top = f64::from(shot_height) - number("inner");

    app.testid("export-button").await.click().await.unwrap();
    app.testid("export-format-png").await.click().await.unwrap();
    app.testid("export-scale").await.send_keys(scale.to_string()).await.unwrap();
    app.testid("export-beside").await.click().await.unwrap();
    app.notice().await;
    // A second export beside the map may take a new name or replace the first: the newest file.
    let newest = |p: &PathBuf| std::fs::metadata(p).unwrap().modified().unwrap();
    let exported = files_with_extension(app.library(), "png").into_iter().max_by_key(newest).unwrap();
    let (export_width, _, export_pixels) = decode_png(&std::fs::read(&exported).unwrap());

    let (left, top) = (number("left").ceil() as u32, number("top").ceil() as u32);
    let (right, bottom) = (number("right").floor() as u32, number("bottom").floor() as u32);
    let (origin_x, origin_y) = (number("canvasLeft"), number("canvasTop"));
    let (mut total, mut far, mut count) = (0u64, 0u64, 0u64);
    for y in top..bottom {
        for x in left..right {
            let screen = ((y as f64 + page_top) as u32 * shot_width + x) as usize * 4;
            let (map_x, map_y) =
                ((f64::from(x) - origin_x).round() as u32, (f64::from(y) - origin_y).round() as u32);
            let image = (map_y * export_width + map_x) as usize * 4;
            let difference: u32 = (0..3)
                .map(|c| shot_pixels[screen + c].abs_diff(export_pixels[image + c]) as u32)
                .max()
                .unwrap();
            total += u64::from(difference);
            far += u64::from(difference > 64);
            count += 1;
        }
    }
    let mean = total as f64 / count as f64;
    let far_share = far as f64 / count as f64;
    println!(
        "fidelity at {scale}×: {count} pixels compared, mean difference {mean:.2} of 255, {:.2} % differ by more than 64",
        far_share * 100.0
    );
    assert!(count > 500_000, "a large part of the map is compared ({count} pixels)");
    assert!(mean < 4.0, "at {scale}×: mean difference {mean:.2}");
    assert!(far_share < 0.03, "at {scale}×: {:.2} % of pixels differ by more than 64", far_share * 100.0);
}

#[tokio::test(flavor = "multi_thread")]
async fn an_exported_pdf_saved_with_the_dialog_opens_from_open_as_a_new_editable_map() {
    let app = App::start("en").await;
    app.testid("new-map").await.click().await.unwrap();
    app.testid("canvas").await;
    // Save as… shows GTK's save dialog; a person types where the file goes and presses Enter.
    let pdf = app.library().join("sent-round.pdf");
    app.testid("export-button").await.click().await.unwrap();
    let save = app.testid("export-save").await;
    choose_in_gtk_dialog(|| async { save.click().await.unwrap() }, &pdf).await;
    assert!(app.notice().await.contains("sent-round.pdf"));
    assert!(pdf.exists(), "saved where the dialog said");
    app.testid("back-to-library").await.click().await.unwrap();

    // Open… shows GTK's file chooser; the PDF becomes a map again.
    let open = app.testid("open-map").await;
    choose_in_gtk_dialog(|| async { open.click().await.unwrap() }, &pdf).await;

    app.testid("canvas").await;
    let title = app.testid("map-title").await.text().await.unwrap();
    app.screenshot("export-reopened-pdf").await;
    let folders = app.quit().await;
    let maps = map_files(folders.library.path());
    assert_eq!(maps.len(), 2, "the PDF became a second map in the library: {maps:?}");
    let (first, second) = (export_json(&maps[0]), export_json(&maps[1]));
    assert_eq!(first, second, "the reopened map is the exported one");
    assert_eq!(title, first["info"]["title"].as_str().unwrap());
}

#[tokio::test(flavor = "multi_thread")]
async fn the_export_dialog_refuses_a_part_of_the_open_map_and_writes_nothing() {
    let app = App::start("en").await;
    app.testid("new-map").await.click().await.unwrap();
    app.testid("canvas").await;
    let map = map_files(app.library()).pop().expect("the new map is in the library");
    // A name beside the map that SQLite would take for the map's own journal.
    let journal = PathBuf::from(format!("{}-journal", map.display()));
    app.testid("export-button").await.click().await.unwrap();
    let save = app.testid("export-save").await;
    choose_in_gtk_dialog(|| async { save.click().await.unwrap() }, &journal).await;

    let error = app.testid("error").await;
    assert_eq!(error.attr("data-code").await.unwrap().as_deref(), Some("export.target_is_map"));
    let text = error.text().await.unwrap();
    assert!(text.contains("An export never replaces a map"), "the error says why: {text}");
    app.screenshot("export-refused-map-target").await;
    assert!(!journal.exists(), "nothing was written beside the map");
    let title = app.testid("map-title").await.text().await.unwrap();
    let _folders = app.quit().await; // kept until the map is read back
    assert_eq!(export_json(&map)["info"]["title"], title.as_str(), "the map still opens as itself");
}
