//! What the page may do, tried from inside the page: only the app's own commands answer, the
//! content security policy stops inline and remote code, file paths the page makes up are
//! refused, and markup in a map's text stays text.

use tabiji_core::{Document, Language, Template};
use tabiji_e2e::{App, Folders};

/// Runs `invoke(command, args)` from the page and returns `ok:<json>` or `err:<message>`.
async fn invoke(app: &App, command: &str, args: serde_json::Value) -> String {
    let script = "const [command, args, done] = arguments; \
                  window.__TAURI_INTERNALS__.invoke(command, args) \
                    .then((v) => done('ok:' + JSON.stringify(v)), (e) => done('err:' + JSON.stringify(e)));";
    let answer = app.driver.execute_async(script, vec![command.into(), args]).await.expect("run invoke");
    answer.json().as_str().expect("a string").to_owned()
}

#[tokio::test(flavor = "multi_thread")]
async fn the_page_reaches_only_the_apps_commands() {
    let app = App::start("en").await;
    app.testid("new-map").await;

    // The app's own command answers.
    assert!(invoke(&app, "library_list", serde_json::json!({})).await.starts_with("ok:"));

    // Plugins the app uses from Rust, and Tauri's own window, path and event APIs, are refused.
    for (command, args) in [
        ("plugin:dialog|open", serde_json::json!({ "options": {} })),
        ("plugin:clipboard-manager|read_text", serde_json::json!({})),
        ("plugin:window|set_title", serde_json::json!({ "label": "main", "value": "owned" })),
        ("plugin:path|resolve_directory", serde_json::json!({ "directory": 1 })),
        (
            "plugin:event|listen",
            serde_json::json!({ "event": "x", "target": { "kind": "Any" }, "handler": 1 }),
        ),
        ("plugin:fs|read_text_file", serde_json::json!({ "path": "/etc/passwd" })),
        ("plugin:shell|execute", serde_json::json!({ "program": "sh", "args": ["-c", "true"] })),
    ] {
        let answer = invoke(&app, command, args).await;
        assert!(answer.starts_with("err:"), "{command} must be refused, got {answer}");
        assert!(answer.contains("not allowed") || answer.contains("not found"), "{command}: {answer}");
    }

    // A path the page makes up is not opened, even one that exists.
    let answer = invoke(&app, "map_open", serde_json::json!({ "path": "/etc/passwd" })).await;
    assert!(answer.contains("file.not_offered"), "{answer}");
    let outside = tempfile::tempdir().unwrap();
    let map = outside.path().join("elsewhere.tabiji");
    Document::create(&map, &Template::Blank.build(Language::En, None)).unwrap();
    let answer = invoke(&app, "map_open", serde_json::json!({ "path": map.to_str().unwrap() })).await;
    assert!(answer.contains("file.not_offered"), "a map the user never picked: {answer}");
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_content_security_policy_stops_inline_and_remote_code() {
    let app = App::start("en").await;
    app.testid("new-map").await;
    let outcome = app
        .driver
        .execute_async(
            "const done = arguments[0]; const seen = {};
             const inline = document.createElement('script');
             inline.textContent = 'window.__inline = true';
             document.head.appendChild(inline);
             seen.inline = window.__inline === true;
             try { seen.eval = eval('1 + 1') === 2; } catch (e) { seen.eval = false; }
             try { seen.func = new Function('return 1')() === 1; } catch (e) { seen.func = false; }
             const remote = document.createElement('script');
             remote.src = 'https://example.com/x.js';
             remote.onerror = () => { seen.remoteScript = false; finish(); };
             remote.onload = () => { seen.remoteScript = true; finish(); };
             let waiting = 2;
             const finish = () => { if (--waiting === 0) done(seen); };
             fetch('https://example.com/').then(() => { seen.fetch = true; finish(); }, () => { seen.fetch = false; finish(); });
             document.head.appendChild(remote);",
            vec![],
        )
        .await
        .expect("try the forbidden code");
    let seen = outcome.json();
    for what in ["inline", "eval", "func", "remoteScript", "fetch"] {
        assert_eq!(seen[what], false, "{what} must be blocked: {seen}");
    }
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn markup_in_a_maps_text_is_shown_as_text_and_never_runs() {
    let folders = Folders::new();
    let mut map = Template::B2b.build(Language::En, Some("<img src=x onerror=\"window.__owned = 'title'\">"));
    let markup = "<img src=x onerror=\"window.__owned = 'card'\"><script>window.__owned = 'script'</script>";
    map.cards[0].text = markup.into();
    map.personas[0].name = "<svg onload=\"window.__owned = 'persona'\">".into();
    Document::create(&folders.library.path().join("markup.tabiji"), &map).unwrap();

    let app = App::start_with(folders, "en").await;
    app.testid("map-item").await.click().await.unwrap();
    let title = app.testid("map-title").await.text().await.unwrap();
    assert_eq!(title, "<img src=x onerror=\"window.__owned = 'title'\">");
    let card = app.testid(&format!("card-{}", map.cards[0].id)).await;
    let shown: String = card.text().await.unwrap().split_whitespace().collect();
    let expected: String = markup.split_whitespace().collect();
    // After the channel badge, the card's text: the markup as it was typed.
    assert!(shown.ends_with(&expected), "the card shows its markup as text: {shown}");
    // Nothing the text holds became an element.
    let owned = app
        .driver
        .execute(
            "return [window.__owned ?? null, document.querySelectorAll('img[src=x], script:not([src]), svg svg[onload]').length]",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(owned.json(), &serde_json::json!([null, 0]));
    app.quit().await;
}
