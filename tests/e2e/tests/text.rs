//! Text as the webview draws it: dashes and minus signs (in cards, "—" for a KPI without an
//! actual, negative scores) must show at every size the map uses. With GTK's default full
//! hinting, the bundled font's hinting erased them at 11, 13 and 16 px (src-tauri/src/lib.rs).

use tabiji_e2e::{decode_png, App};

/// Dark pixels in the window with a white sheet over the page carrying `text` at `size` px.
async fn dark_pixels_with(app: &App, text: &str, size: u32, name: &str) -> usize {
    let script = "let sheet = document.getElementById('probe'); \
                  if (!sheet) { sheet = document.createElement('div'); sheet.id = 'probe'; document.body.appendChild(sheet); } \
                  sheet.style = `position: fixed; inset: 0; z-index: 99; background: #fff; color: #1f2933; \
                                 font-family: 'BIZ UDPGothic'; font-size: ${arguments[1]}px; padding: 40px`; \
                  sheet.textContent = arguments[0];";
    app.driver.execute(script, vec![text.into(), size.into()]).await.unwrap();
    let shot = app.screenshot(name).await;
    let (_, _, pixels) = decode_png(&std::fs::read(shot).unwrap());
    pixels.chunks(4).filter(|p| u32::from(p[0]) + u32::from(p[1]) + u32::from(p[2]) < 3 * 200).count()
}

#[tokio::test(flavor = "multi_thread")]
async fn dashes_and_minus_signs_are_drawn_at_every_text_size() {
    let app = App::start("ja").await;
    // The menu bar's text is in every capture: count what the sheet's text adds to it.
    let blank = dark_pixels_with(&app, "", 13, "text-blank").await;
    for size in [11, 12, 13, 16] {
        for dash in ['–', '—', '−'] {
            let line: String = std::iter::repeat_n(dash, 12).collect();
            let drawn = dark_pixels_with(&app, &line, size, "text-dashes").await - blank;
            assert!(drawn >= 4 * size as usize, "{dash:?} at {size} px: {drawn} dark pixels");
        }
    }
    app.quit().await;
}
