//! The window's menu bar (File, Edit, View) in the interface language. Choosing an item sends its
//! id to the page as a `tabiji-menu` DOM event, which runs the same command as the item's shortcut.
//! The ids are fixed here, so nothing but these names ever reaches the page this way.

use tabiji_core::Language;
use tauri::menu::{Menu, MenuEvent, Submenu, SubmenuBuilder};
use tauri::{AppHandle, Manager, Runtime};

/// An item: its id (a UI command), then its label in Japanese and in English. `None` separates.
type Item = Option<(&'static str, &'static str, &'static str)>;

const FILE: &[Item] = &[
    Some(("open", "開く…", "Open…")),
    Some(("export", "書き出し…", "Export…")),
    Some(("import-actuals", "KPI 実績を取り込む…", "Import KPI actuals…")),
    Some(("revisions", "リビジョン…", "Revisions…")),
    None,
    Some(("back", "ライブラリに戻る", "Back to the library")),
];

const EDIT: &[Item] = &[
    Some(("undo", "元に戻す", "Undo")),
    Some(("redo", "やり直す", "Redo")),
    None,
    Some(("cut", "切り取り", "Cut")),
    Some(("copy", "コピー", "Copy")),
    Some(("paste", "貼り付け", "Paste")),
    Some(("duplicate", "複製", "Duplicate")),
    Some(("delete", "削除", "Delete")),
    None,
    Some(("select-all", "すべてのカードを選択", "Select all cards")),
    None,
    Some(("copy-png", "マップを PNG としてコピー", "Copy map as PNG")),
];

const VIEW: &[Item] = &[
    Some(("zoom-in", "拡大", "Zoom in")),
    Some(("zoom-out", "縮小", "Zoom out")),
    Some(("zoom-reset", "実寸", "Actual size")),
    Some(("zoom-fit", "全体を表示", "Fit map")),
    Some(("zoom-selection", "選択範囲を表示", "Fit selection")),
    None,
    Some(("kpi-table", "KPI 一覧…", "KPIs…")),
    Some(("committee", "購買委員会…", "Buying committee…")),
    Some(("spend-matrix", "費用対効果…", "Spend vs effect…")),
    Some(("report", "分析レポート", "Report")),
    None,
    Some(("present", "プレゼンテーション", "Present")),
    None,
    Some(("shortcuts", "キーボードショートカット", "Keyboard shortcuts")),
];

const SUBMENUS: &[(&str, &str, &[Item])] =
    &[("ファイル", "File", FILE), ("編集", "Edit", EDIT), ("表示", "View", VIEW)];

/// Shortcuts stay with the page (shown in the shortcuts sheet): a menu accelerator would take
/// Ctrl+Z from a text field being edited.
pub fn build<R: Runtime>(app: &AppHandle<R>, lang: Language) -> tauri::Result<Menu<R>> {
    let pick = |ja: &'static str, en: &'static str| if lang == Language::Ja { ja } else { en };
    let submenus: Vec<Submenu<R>> = SUBMENUS
        .iter()
        .map(|(ja, en, items)| {
            let mut builder = SubmenuBuilder::new(app, pick(ja, en));
            for item in *items {
                builder = match item {
                    Some((id, ja, en)) => builder.text(*id, pick(ja, en)),
                    None => builder.separator(),
                };
            }
            builder.build()
        })
        .collect::<tauri::Result<_>>()?;
    let refs: Vec<&dyn tauri::menu::IsMenuItem<R>> = submenus.iter().map(|s| s as _).collect();
    Menu::with_items(app, &refs)
}

/// Hands a chosen item to the page; ids not in the tables above are ignored.
pub fn on_event<R: Runtime>(app: &AppHandle<R>, event: MenuEvent) {
    let id = event.id().as_ref();
    let known =
        SUBMENUS.iter().flat_map(|(_, _, items)| items.iter().flatten()).any(|(known, ..)| *known == id);
    if let (true, Some(window)) = (known, app.get_webview_window("main")) {
        let _ = window
            .eval(format!("window.dispatchEvent(new CustomEvent('tabiji-menu', {{ detail: {id:?} }}))"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_plain_names_with_labels_in_both_languages() {
        let items: Vec<_> = SUBMENUS.iter().flat_map(|(_, _, items)| items.iter().flatten()).collect();
        let mut ids: Vec<&str> = items.iter().map(|(id, ..)| *id).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), items.len(), "menu ids must be unique");
        for (id, ja, en) in items {
            // The id is written into a script as a JSON string: keep it to plain characters.
            assert!(id.chars().all(|c| c.is_ascii_lowercase() || c == '-'), "{id}");
            assert!(!ja.is_empty() && !en.is_empty(), "{id}");
        }
    }
}
