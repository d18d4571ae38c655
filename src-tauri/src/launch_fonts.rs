//! The bundled fonts cut down to what a launched map's first frame draws: the map's characters
//! and the interface's. The page otherwise loads the everyday subsets (ui/scripts/web-fonts.mjs)
//! as it starts, a megabyte a weight, which WebKitGTK passes to the page in 8 KB reads on the
//! shell's main thread, ahead of the page's first questions; cut to a 2,000-card map's few hundred
//! characters they are about 125 KB a weight, made in about a millisecond each
//! (docs/benchmarks.md). They travel in the launch script (`launch_preload`). A character typed
//! later that these lack is drawn from the everyday subsets, which the page loads at the first
//! click or key press (ui/src/lib/fonts.ts).

use read_fonts::collections::IntSet;
use read_fonts::types::{NameId, Tag};
use read_fonts::{FontRef, TableProvider};
use skera::{subset_font, Plan, SubsetFlags, DEFAULT_LAYOUT_FEATURES};

/// Every character of the interface's source (written by ui/scripts/web-fonts.mjs).
const INTERFACE_CHARACTERS: &str = include_str!("../../ui/generated/fonts/interface-characters.txt");

/// One weight of the family, cut down.
pub struct LaunchFont {
    /// The CSS weight: 400 or 700.
    pub weight: u16,
    /// The characters it holds, sorted: which may differ between weights.
    pub characters: Vec<char>,
    /// A TrueType file.
    pub bytes: Vec<u8>,
}

impl LaunchFont {
    /// Its characters as a CSS `unicode-range`, runs of consecutive code points as one range.
    pub fn unicode_range(&self) -> String {
        unicode_range(&self.characters)
    }
}

fn unicode_range(characters: &[char]) -> String {
    let mut ranges: Vec<(u32, u32)> = Vec::new();
    for code in characters.iter().map(|&c| c as u32) {
        match ranges.last_mut() {
            Some((_, end)) if *end + 1 == code => *end = code,
            _ => ranges.push((code, code)),
        }
    }
    let range = |&(start, end): &(u32, u32)| {
        if start == end {
            format!("U+{start:X}")
        } else {
            format!("U+{start:X}-{end:X}")
        }
    };
    ranges.iter().map(range).collect::<Vec<_>>().join(",")
}

/// Past this many characters the cut faces would be half the everyday subsets' size (about
/// 300 bytes a kanji) and save little; the page then draws from the everyday subsets.
const MOST_CHARACTERS: usize = 1_600;

/// Both weights, holding the characters of `text` (the launched map's view, as JSON), the
/// interface's and printable ASCII that the font has. `None` if there are more than
/// `MOST_CHARACTERS` or the font could not be cut: the page then draws from the everyday
/// subsets, as after any other start.
pub fn for_text(text: &str) -> Option<Vec<LaunchFont>> {
    let characters = distinct_characters(text.chars().chain(INTERFACE_CHARACTERS.chars()).chain(' '..='~'));
    if characters.len() > MOST_CHARACTERS {
        return None;
    }
    [(400, tabiji_core::fonts::REGULAR), (700, tabiji_core::fonts::BOLD)]
        .into_iter()
        .map(|(weight, font)| {
            let font = FontRef::new(font).ok()?;
            // What the font lacks (an emoji, say) is left out of the face's range too, so that
            // the page looks for it in the next family at once.
            let cmap = font.cmap().ok()?;
            let held: Vec<char> =
                characters.iter().copied().filter(|&c| cmap.map_codepoint(c).is_some()).collect();
            Some(LaunchFont { weight, bytes: cut(&font, &held)?, characters: held })
        })
        .collect()
}

/// The distinct printable characters of `text`, sorted. A flag per code point: the view of a
/// 2,000-card map is a million characters, and sorting them to drop the repeats made cutting
/// its fonts take 7–9 ms instead of 3.5–4.5, all before the launch script is handed to the page.
fn distinct_characters(text: impl Iterator<Item = char>) -> Vec<char> {
    let mut seen = vec![false; char::MAX as usize + 1];
    for c in text.filter(|c| !c.is_control()) {
        seen[c as usize] = true;
    }
    seen.iter()
        .enumerate()
        .filter(|(_, &seen)| seen)
        .filter_map(|(code, _)| char::from_u32(code as u32))
        .collect()
}

/// `font` with only the glyphs `characters` need, hinting left out as the app draws text
/// unhinted (src-tauri/src/lib.rs); the layout features and names are those HarfBuzz keeps by
/// default.
fn cut(font: &FontRef, characters: &[char]) -> Option<Vec<u8>> {
    let mut unicodes = IntSet::<u32>::empty();
    unicodes.extend(characters.iter().map(|&c| c as u32));
    let mut scripts = IntSet::<Tag>::empty();
    scripts.invert();
    let mut features = IntSet::<Tag>::empty();
    features.extend(DEFAULT_LAYOUT_FEATURES.iter().copied());
    let mut name_ids = IntSet::<NameId>::empty();
    name_ids.insert_range(NameId::from(0)..=NameId::from(6));
    let mut name_languages = IntSet::<u16>::empty();
    name_languages.insert(0x0409); // English (United States)
    let plan = Plan::new(
        &IntSet::empty(),
        &unicodes,
        font,
        SubsetFlags::SUBSET_FLAGS_NO_HINTING,
        &IntSet::empty(),
        &scripts,
        &features,
        &name_ids,
        &name_languages,
    );
    subset_font(font, &plan).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_weight_holds_the_maps_and_the_interfaces_characters_at_their_own_advances() {
        let text = "展示会でブースに立ち寄り、担当者と名刺を交換する「稟議」Ωé😀";
        let fonts = for_text(text).expect("both weights cut");
        assert_eq!(fonts.iter().map(|f| f.weight).collect::<Vec<_>>(), [400, 700]);
        for (font, whole) in fonts.iter().zip([tabiji_core::fonts::REGULAR, tabiji_core::fonts::BOLD]) {
            let (part, whole) = (
                ttf_parser::Face::parse(&font.bytes, 0).unwrap(),
                ttf_parser::Face::parse(whole, 0).unwrap(),
            );
            let wanted = text.chars().chain(INTERFACE_CHARACTERS.chars()).chain(['A', '~']);
            for c in wanted.filter(|c| whole.glyph_index(*c).is_some()) {
                let advance =
                    |face: &ttf_parser::Face, c| face.glyph_hor_advance(face.glyph_index(c).unwrap());
                assert!(part.glyph_index(c).is_some(), "{} lacks {c:?}", font.weight);
                assert_eq!(advance(&part, c), advance(&whole, c), "{c:?} in {}", font.weight);
                assert!(font.characters.contains(&c));
            }
            assert_eq!(part.ascender(), whole.ascender());
            assert_eq!(part.descender(), whole.descender());
            assert_eq!(part.units_per_em(), whole.units_per_em());
            // A character the font lacks is not claimed.
            assert!(!font.characters.contains(&'😀'));
            // A second-level kanji neither the text nor the interface has stays out.
            assert!(part.glyph_index('鬱').is_none());
            assert!(whole.glyph_index('鬱').is_some());
        }
    }

    #[test]
    fn a_unicode_range_joins_consecutive_characters() {
        assert_eq!(
            unicode_range(&[' ', '!', '"', 'A', 'あ', 'い', '鬱']),
            "U+20-22,U+41,U+3042,U+3044,U+9B31"
        );
        assert_eq!(unicode_range(&['a', 'b', 'c']), "U+61-63");
        assert_eq!(unicode_range(&[]), "");
    }

    #[test]
    fn a_text_of_too_many_characters_is_left_to_the_everyday_subsets() {
        let kanji: String = ('\u{4E00}'..='\u{9FFF}').take(MOST_CHARACTERS).collect();
        assert!(for_text(&kanji).is_none());
        let few: String = kanji.chars().take(200).collect();
        assert!(for_text(&few).is_some());
    }

    #[test]
    fn a_large_maps_fonts_are_a_fraction_of_the_everyday_subsets() {
        let folder = tempfile::tempdir().unwrap();
        let map = tabiji_core::generated::map_with_cards(2_000);
        let document = tabiji_core::Document::create(&folder.path().join("m.tabiji"), &map).unwrap();
        let json = serde_json::to_string(&crate::view::MapView::of(&document, map)).unwrap();
        let fonts = for_text(&json).unwrap();
        for font in &fonts {
            // The everyday subsets are about 990 KB a weight.
            assert!(font.bytes.len() < 300_000, "{} bytes at {}", font.bytes.len(), font.weight);
        }
    }
}
