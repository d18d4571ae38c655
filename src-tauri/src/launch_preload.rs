//! Hands the map the app was started with to the page as the page loads, instead of only in
//! answer to the page's first question, with the fonts cut to its characters (`launch_fonts`).
//!
//! WebKitGTK passes a command's answer to the page in 8 KB reads on the shell's main thread,
//! behind those of any font the page is loading: the 2,000-card map's megabyte reached the page
//! 35–40 ms after the question (docs/benchmarks.md). A script added to the webview before the
//! page's document exists runs ahead of the page's own and leaves the view there as JSON text,
//! which the page parses while its question is out. The page still asks, naming the view it
//! holds, and uses it only when the core answers that it is the map it opened
//! ([`LaunchAnswer::Preloaded`]); a script added too late, a reload, or another platform gets
//! the view in the answer.
//!
//! [`LaunchAnswer::Preloaded`]: crate::view::LaunchAnswer::Preloaded

use tauri::AppHandle;

use crate::view::MapView;

/// The global the page reads the view from (`ui/src/lib/launch.ts`).
#[cfg(target_os = "linux")]
const GLOBAL: &str = "__TABIJI_LAUNCH__";

#[cfg(target_os = "linux")]
thread_local! {
    /// The script handed to the page, on the main thread, until the page's question ends its use.
    static HANDED: std::cell::RefCell<Option<(webkit2gtk::UserContentManager, webkit2gtk::UserScript)>> =
        const { std::cell::RefCell::new(None) };
}

/// Adds a script that puts `view` where the page's first question finds it. Called on the
/// thread that opened the map: the view is written out there, and the script added on the main
/// thread.
#[cfg(target_os = "linux")]
pub fn hand_to_page(app: &AppHandle, view: &MapView) {
    use tauri::Manager;
    let Some(window) = app.get_webview_window("main") else { return };
    let Some(source) = script_source(view) else { return };
    let _ = window.with_webview(move |webview| {
        use webkit2gtk::WebViewExt;
        use webkit2gtk::{
            UserContentInjectedFrames, UserContentManagerExt, UserScript, UserScriptInjectionTime,
        };
        let Some(manager) = webview.inner().user_content_manager() else { return };
        let script = UserScript::new(
            &source,
            UserContentInjectedFrames::TopFrame,
            UserScriptInjectionTime::Start,
            &[],
            &[],
        );
        manager.add_script(&script);
        HANDED.with(|handed| *handed.borrow_mut() = Some((manager, script)));
    });
}

#[cfg(not(target_os = "linux"))]
pub fn hand_to_page(_app: &AppHandle, _view: &MapView) {}

/// Removes the script once the page has asked: a page loaded again (a reload) does not get a
/// view that edits have left behind, and the webview lets go of the megabyte.
#[cfg(target_os = "linux")]
pub fn withdraw(app: &AppHandle) {
    use tauri::Manager;
    let Some(window) = app.get_webview_window("main") else { return };
    let _ = window.with_webview(|_| {
        use webkit2gtk::UserContentManagerExt;
        if let Some((manager, script)) = HANDED.with(|handed| handed.borrow_mut().take()) {
            manager.remove_script(&script);
        }
    });
}

#[cfg(not(target_os = "linux"))]
pub fn withdraw(_app: &AppHandle) {}

/// The script that leaves `view` for the page. The map's text (the user's) is inside one JSON
/// text, held in one JavaScript string literal: nothing in it can end the string, and the page's
/// `JSON.parse` reads it as data (parsed as an object literal, a key such as `__proto__` would
/// mean something).
#[cfg(target_os = "linux")]
fn script_source(view: &MapView) -> Option<String> {
    let json = serde_json::to_string(view).ok()?;
    let fonts = crate::launch_fonts::for_text(&json).map(|fonts| fonts_source(&fonts)).unwrap_or_default();
    Some(format!(
        "window.{GLOBAL} = {{ version: {}, json: {}, fonts: [{fonts}] }};",
        view.version,
        single_quoted(&json)
    ))
}

/// The fonts cut to the view's characters (see `launch_fonts`), each as its weight, its
/// `unicode-range` and its bytes in base64, for the page to add as faces of a family of their
/// own (`ui/src/lib/fonts.ts`).
#[cfg(target_os = "linux")]
fn fonts_source(fonts: &[crate::launch_fonts::LaunchFont]) -> String {
    use base64::Engine;
    let face = |font: &crate::launch_fonts::LaunchFont| {
        let data = base64::engine::general_purpose::STANDARD.encode(&font.bytes);
        let range = font.unicode_range();
        format!(
            "{{ weight: {}, range: {}, data: {} }}",
            font.weight,
            single_quoted(&range),
            single_quoted(&data)
        )
    };
    fonts.iter().map(face).collect::<Vec<_>>().join(", ")
}

/// `text` as a single-quoted JavaScript string literal. JSON puts a double quote around every
/// key and string, and in a double-quoted literal each needs a backslash; JavaScriptCore reads a
/// literal with escapes character by character, which took 4–5 ms for the 2,000-card map's view
/// at every start (docs/benchmarks.md). In single quotes a view needs escapes only where its text
/// holds a backslash or a single quote, and is read in 0–2 ms. JSON has no raw line breaks; the
/// two Unicode separators are escaped too, for any engine older than ES2019.
#[cfg(target_os = "linux")]
fn single_quoted(text: &str) -> String {
    let mut literal = String::with_capacity(text.len() + 2);
    literal.push('\'');
    for c in text.chars() {
        match c {
            '\\' => literal.push_str("\\\\"),
            '\'' => literal.push_str("\\'"),
            '\u{2028}' => literal.push_str("\\u2028"),
            '\u{2029}' => literal.push_str("\\u2029"),
            c => literal.push(c),
        }
    }
    literal.push('\'');
    literal
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    use super::*;

    /// Reads a single-quoted JavaScript string literal as an engine would, refusing what
    /// `single_quoted` should never write: a quote or line break that would end or break the
    /// literal early, or an escape it does not use.
    fn read_literal(literal: &str) -> Result<String, String> {
        let inner = literal
            .strip_prefix('\'')
            .and_then(|rest| rest.strip_suffix('\''))
            .ok_or("not in single quotes")?;
        let mut text = String::new();
        let mut chars = inner.chars();
        while let Some(c) = chars.next() {
            match c {
                '\'' => return Err(format!("the literal ends early, before {:?}", chars.as_str())),
                '\n' | '\r' | '\u{2028}' | '\u{2029}' => return Err(format!("a raw line terminator {c:?}")),
                '\\' => match chars.next() {
                    Some('\\') => text.push('\\'),
                    Some('\'') => text.push('\''),
                    Some('u') => {
                        let hex: String = chars.by_ref().take(4).collect();
                        let code = u32::from_str_radix(&hex, 16).map_err(|_| format!("\\u{hex}"))?;
                        text.push(char::from_u32(code).ok_or(format!("\\u{hex}"))?);
                    }
                    other => return Err(format!("an escape the script does not use: {other:?}")),
                },
                c => text.push(c),
            }
        }
        Ok(text)
    }

    fn view_of(map: tabiji_core::Map, folder: &std::path::Path) -> MapView {
        let document = tabiji_core::Document::create(&folder.join("m.tabiji"), &map).unwrap();
        MapView::of(&document, map)
    }

    #[test]
    fn the_users_text_stays_inside_the_scripts_one_string() {
        let mut map = tabiji_core::Template::Blank.build(tabiji_core::Language::En, None);
        map.info.title = "\"; alert(1); '; alert(2); '</script>\\\\'\u{2028}\u{2029}`${x}`".to_owned();
        let folder = tempfile::tempdir().unwrap();
        let view = view_of(map, folder.path());

        let source = script_source(&view).unwrap();
        let prefix = format!("window.{GLOBAL} = {{ version: {}, json: ", view.version);
        // The fonts' part is base64 and ranges: the last "', fonts: [" is where the view ends.
        let (literal, _) =
            source.strip_prefix(&prefix).and_then(|rest| rest.rsplit_once(", fonts: [")).unwrap();
        // One string from end to end: read whole, it is the view's JSON, title and all.
        let json = read_literal(literal).expect("the script holds one string");
        let read: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(read["map"]["info"]["title"], view.map.info.title.as_str());
        assert_eq!(read["version"], view.version);
    }

    #[test]
    fn a_view_whose_text_has_no_backslash_or_single_quote_needs_no_escape() {
        let folder = tempfile::tempdir().unwrap();
        let view = view_of(tabiji_core::generated::map_with_cards(2_000), folder.path());
        let json = serde_json::to_string(&view).unwrap();
        assert!(json.contains('"'));

        let literal = single_quoted(&json);
        assert_eq!(literal.len(), json.len() + 2);
        assert_eq!(read_literal(&literal).unwrap(), json);
        let source = script_source(&view).unwrap();
        assert!(!source.contains('\\'), "an escape makes JavaScriptCore read the whole script slowly");
    }

    #[test]
    fn the_script_carries_both_weights_cut_to_the_views_characters() {
        use base64::Engine;
        let mut map = tabiji_core::Template::Blank.build(tabiji_core::Language::Ja, None);
        map.info.title = "憂鬱な稟議".to_owned();
        let folder = tempfile::tempdir().unwrap();
        let source = script_source(&view_of(map, folder.path())).unwrap();
        let (_, fonts) = source.rsplit_once(", fonts: [").unwrap();
        let faces: Vec<&str> = fonts.strip_suffix("] };").unwrap().split("}, ").collect();
        assert_eq!(faces.len(), 2);
        for (face, weight) in faces.iter().zip(["400", "700"]) {
            assert!(face.starts_with(&format!("{{ weight: {weight}, range: '")), "{face:.60}");
            let (_, data) = face.split_once("data: ").unwrap();
            let data = read_literal(data.trim_end_matches([' ', '}'])).unwrap();
            let bytes = base64::engine::general_purpose::STANDARD.decode(data).unwrap();
            let font = ttf_parser::Face::parse(&bytes, 0).expect("a TrueType file");
            assert!(font.glyph_index('鬱').is_some(), "the title's second-level kanji");
            assert!(font.glyph_index('A').is_some());
        }
    }
}
