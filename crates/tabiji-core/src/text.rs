//! Wrapping text into lines that fit a width: break opportunities from the Unicode line breaking
//! algorithm (UAX #14, `unicode-linebreak`) tailored with the Japanese rules (kinsoku), and
//! never a break inside a grapheme cluster (UAX #29, `unicode-segmentation`).
//!
//! Widths come from the bundled font's own advances ([`crate::fonts`]), the font the canvas and
//! every export draw with, so a line laid out here fits wherever it is painted. Painters turn
//! kerning off so that they place glyphs at exactly these advances.

use unicode_segmentation::UnicodeSegmentation;

use crate::fonts::advance_em;

/// Characters that must not begin a line: closing brackets, small kana, the prolonged-sound mark
/// and punctuation that belongs to the text before it.
const NO_LINE_START: &str =
    "、。,.,.・:;?!?!)]}」』】〕〉》”’ーぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ々〻‐゠–〜~…‥";
/// Characters that must not end a line: opening brackets and quotes.
const NO_LINE_END: &str = "([{「『【〔〈《“‘";

/// How text is set: its size in pixels and weight.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Style {
    pub size: f64,
    pub bold: bool,
}

impl Style {
    pub const fn regular(size: f64) -> Style {
        Style { size, bold: false }
    }

    pub const fn bold(size: f64) -> Style {
        Style { size, bold: true }
    }

    fn advance(self, c: char) -> f64 {
        advance_em(c, self.bold) * self.size
    }
}

pub fn width(text: &str, style: Style) -> f64 {
    text.graphemes(true).map(|g| grapheme_width(g, style)).sum()
}

/// The width of a grapheme cluster as the painters draw it with the bundled font: its first
/// character's advance, plus that of each later character that is not drawn onto it. Marks
/// stacked on a letter, variation selectors and skin tones take no room of their own; the parts of
/// an emoji sequence and the two letters of a flag, which the font has no single glyph for, take
/// one advance each, as they are drawn. Direction marks and zero-width characters take none.
fn grapheme_width(grapheme: &str, style: Style) -> f64 {
    let mut chars = grapheme.chars();
    let Some(first) = chars.next() else { return 0.0 };
    let advance = |c: char| if is_invisible(c) { 0.0 } else { style.advance(c) };
    advance(first) + chars.filter(|&c| !extends_a_cluster(c)).map(advance).sum::<f64>()
}

/// Whether `c` joins the character before it in one cluster (a combining mark, a variation
/// selector, a skin tone, a joiner) rather than starting a new one.
fn extends_a_cluster(c: char) -> bool {
    let mut pair = [0u8; 8];
    pair[0] = b'a';
    let len = 1 + c.encode_utf8(&mut pair[1..]).len();
    std::str::from_utf8(&pair[..len]).is_ok_and(|s| s.graphemes(true).count() == 1)
}

/// Characters drawn as nothing: direction marks, embeddings and isolates, zero-width spaces and
/// joiners, the byte-order mark.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{061C}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FEFF}')
}

/// First strong isolate and pop directional isolate (UAX #9).
const FSI: char = '\u{2068}';
const PDI: char = '\u{2069}';

/// `text` as a painter is to set it: a text that holds right-to-left letters or direction
/// controls is isolated (between FSI and PDI), so that it takes its own direction from its first
/// strong letter, its controls end with it, and nothing around it is reordered. Other text, by
/// far the most, is returned as it is. Every painter (the webview, resvg for PNG and PDF) runs
/// the Unicode bidirectional algorithm on the same isolated text and orders it alike.
pub fn isolated(text: &str) -> std::borrow::Cow<'_, str> {
    use unicode_bidi::BidiClass::{AL, FSI as Fsi, LRE, LRI, LRO, PDF, PDI as Pdi, R, RLE, RLI, RLO};
    let needs = text.chars().any(|c| {
        matches!(unicode_bidi::bidi_class(c), R | AL | LRE | RLE | LRO | RLO | PDF | LRI | RLI | Fsi | Pdi)
    });
    match needs {
        true => format!("{FSI}{text}{PDI}").into(),
        false => text.into(),
    }
}

/// The most characters one grapheme cluster may hold: enough for the longest emoji sequences
/// (a couple with two skin tones is ten), not for a letter under a tower of combining marks,
/// which draws far outside its line.
pub const MAX_GRAPHEME_CHARS: usize = 12;

/// The first grapheme cluster of `text` with more than [`MAX_GRAPHEME_CHARS`] characters: its
/// position (1-based, in characters) and how many it holds.
pub fn overlong_grapheme(text: &str) -> Option<(usize, usize)> {
    let mut at = 1;
    for grapheme in text.graphemes(true) {
        let count = grapheme.chars().count();
        if count > MAX_GRAPHEME_CHARS {
            return Some((at, count));
        }
        at += count;
    }
    None
}

/// `text` as schema 6 accepts it, when it was not: each noncharacter replaced by U+FFFD, and a
/// grapheme cluster of more than [`MAX_GRAPHEME_CHARS`] characters cut to that many.
pub fn cleaned(text: &str) -> Option<String> {
    if !text.chars().any(is_noncharacter) && overlong_grapheme(text).is_none() {
        return None;
    }
    let kept = text.graphemes(true).flat_map(|g| g.chars().take(MAX_GRAPHEME_CHARS));
    Some(kept.map(|c| if is_noncharacter(c) { '\u{FFFD}' } else { c }).collect())
}

/// Wraps `text` to lines no wider than `max_width` at `font_size`, keeping explicit line breaks.
/// At most `max_lines` lines are returned; when text is cut, the last line ends with "…".
pub fn wrap(text: &str, max_width: f64, style: Style, max_lines: usize) -> Vec<String> {
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        wrap_paragraph(paragraph.trim_end_matches('\r'), max_width, style, &mut lines);
        if lines.len() > max_lines {
            break;
        }
    }
    if lines.len() > max_lines {
        lines.truncate(max_lines);
        if let Some(last) = lines.last_mut() {
            ellipsize(last, max_width, style);
        }
    }
    // Each line is painted as a text of its own: isolated, a control in one line reaches no other.
    lines.into_iter().map(|line| isolated(&line).into_owned()).collect()
}

/// Shortens `line` by whole grapheme clusters until "…" fits after it.
fn ellipsize(line: &mut String, max_width: f64, style: Style) {
    let ellipsis = width("…", style);
    let mut used = width(line, style);
    while used + ellipsis > max_width {
        let Some((at, last)) = line.grapheme_indices(true).next_back() else { break };
        used -= grapheme_width(last, style);
        line.truncate(at);
    }
    line.push('…');
}

/// Splits one paragraph into lines: each as long as fits, ending at the last place UAX #14
/// allows a break (tailored by the Japanese rules above), or, in a word longer than the line,
/// at the last whole grapheme cluster that fits.
fn wrap_paragraph(paragraph: &str, max_width: f64, style: Style, lines: &mut Vec<String>) {
    if paragraph.is_empty() {
        lines.push(String::new());
        return;
    }
    // Byte offsets throughout: each line is copied straight out of the paragraph.
    let graphemes: Vec<(usize, f64)> =
        paragraph.grapheme_indices(true).map(|(at, g)| (at, grapheme_width(g, style))).collect();
    let breaks = break_opportunities(paragraph, &graphemes);
    let mut first = 0; // index into `graphemes` of the line's first cluster
    while first < graphemes.len() {
        let start = graphemes[first].0;
        let mut used = 0.0;
        let mut past = first; // index of the first cluster that does not fit
        while past < graphemes.len() && (past == first || used + graphemes[past].1 <= max_width) {
            used += graphemes[past].1;
            past += 1;
        }
        let fit = graphemes.get(past).map_or(paragraph.len(), |g| g.0);
        let end = match fit == paragraph.len() {
            true => fit,
            false => breaks.iter().rev().copied().find(|&b| b > start && b <= fit).unwrap_or(fit),
        };
        lines.push(paragraph[start..end].trim_end().to_owned());
        // A space where the line broke is not carried to the next line.
        let next = paragraph.len() - paragraph[end..].trim_start_matches(' ').len();
        first = graphemes.partition_point(|g| g.0 < next);
    }
}

/// Where a line may start inside `paragraph` (byte offsets, ascending): UAX #14's break
/// opportunities at grapheme cluster boundaries, less those the Japanese rules forbid.
fn break_opportunities(paragraph: &str, graphemes: &[(usize, f64)]) -> Vec<usize> {
    unicode_linebreak::linebreaks(paragraph)
        .map(|(at, _)| at)
        .filter(|&at| at < paragraph.len())
        .filter(|&at| graphemes.binary_search_by(|g| g.0.cmp(&at)).is_ok())
        .filter(|&at| {
            let before = paragraph[..at].chars().next_back();
            let after = paragraph[at..].chars().next();
            !after.is_some_and(|c| NO_LINE_START.contains(c))
                && !before.is_some_and(|c| NO_LINE_END.contains(c))
        })
        .collect()
}

/// A Unicode noncharacter (U+FDD0…U+FDEF, and the last two code points of every plane): never
/// meant for interchange, and not allowed in XML, so no SVG or Office file could carry one.
pub fn is_noncharacter(c: char) -> bool {
    let code = c as u32;
    (0xFDD0..=0xFDEF).contains(&code) || code & 0xFFFE == 0xFFFE
}

/// A figure with thousands separators and at most two decimals: `1,500,000`, `18.75`.
pub fn figure(value: f64) -> String {
    let rounded = (value * 100.0).round() / 100.0;
    let whole = rounded.trunc().abs() as u64;
    let digits = whole.to_string();
    let mut grouped = String::new();
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    let fraction = format!("{:.2}", rounded.fract().abs());
    let fraction = fraction.trim_start_matches('0').trim_end_matches('0').trim_end_matches('.');
    let sign = if rounded < 0.0 { "-" } else { "" };
    format!("{sign}{grouped}{fraction}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_are_grouped_by_thousands_with_at_most_two_decimals() {
        assert_eq!(figure(1_500_000.0), "1,500,000");
        assert_eq!(figure(18.754), "18.75");
        assert_eq!(figure(0.5), "0.5");
        assert_eq!(figure(-1234.5), "-1,234.5");
        assert_eq!(figure(999.999), "1,000");
    }

    const TEN: Style = Style::regular(10.0);

    #[test]
    fn japanese_wraps_anywhere_but_never_starts_a_line_with_closing_punctuation() {
        let text = "受発注の業務を効率化し、データを一元管理したい。そのために「比較表」を作る。";
        for width_em in 3..20 {
            let lines = wrap(text, width_em as f64 * 10.0, TEN, 100);
            assert_eq!(lines.concat(), text, "no character lost at {width_em} em");
            for line in &lines[1..] {
                let first = line.chars().next().unwrap();
                assert!(
                    !NO_LINE_START.contains(first),
                    "line starts with {first:?} at {width_em} em: {lines:?}"
                );
            }
            for line in &lines {
                let last = line.chars().last().unwrap();
                assert!(!NO_LINE_END.contains(last), "line ends with {last:?} at {width_em} em");
            }
        }
    }

    #[test]
    fn latin_breaks_at_spaces_and_long_words_are_cut() {
        let lines = wrap("Compares three vendors and asks for demos", 100.0, TEN, 100);
        assert!(lines.iter().all(|l| width(l, TEN) <= 100.0), "{lines:?}");
        assert!(lines.iter().all(|l| !l.starts_with(' ') && !l.ends_with(' ')));
        assert_eq!(lines.join(" "), "Compares three vendors and asks for demos");
        let long = wrap(&"x".repeat(100), 50.0, TEN, 100);
        assert!(long.len() > 1 && long.iter().all(|l| width(l, TEN) <= 50.0));
    }

    #[test]
    fn a_line_never_breaks_inside_a_grapheme_cluster() {
        let family = "👨\u{200D}👩\u{200D}👧\u{200D}👦";
        let accented = "e\u{301}\u{302}";
        let flag = "🇯🇵";
        for text in [
            family.repeat(12),
            accented.repeat(30),
            flag.repeat(20),
            format!("{flag}{family}{accented}").repeat(8),
        ] {
            for width_em in 1..6 {
                let lines = wrap(&text, width_em as f64 * 10.0, TEN, 1000);
                assert_eq!(lines.concat(), text, "nothing lost at {width_em} em");
                for line in &lines {
                    let clusters: Vec<&str> = line.graphemes(true).collect();
                    assert!(
                        clusters.iter().all(|g| [family, accented, flag].contains(g)),
                        "a cluster was split at {width_em} em: {line:?}"
                    );
                }
            }
        }
        assert_eq!(width(accented, TEN), width("e", TEN), "marks are drawn onto their letter");
        assert_eq!(width(family, TEN), 4.0 * width("👨", TEN), "each part of the sequence is drawn");
        assert_eq!(width(flag, TEN), 2.0 * width("🇯", TEN));
        let cut = wrap(&family.repeat(40), 30.0, TEN, 1);
        assert!(cut[0].ends_with('…') && cut[0].trim_end_matches('…').graphemes(true).all(|g| g == family));
    }

    #[test]
    fn numbers_and_words_stay_whole_where_uax14_keeps_them() {
        let lines = wrap("達成率は 12.5% で、前年比 +3pt。", 55.0, TEN, 10);
        assert!(lines.iter().any(|l| l.contains("12.5%")), "{lines:?}");
        assert!(lines.iter().any(|l| l.contains("+3pt")), "{lines:?}");
    }

    #[test]
    fn an_overlong_grapheme_is_found_where_it_starts() {
        assert_eq!(overlong_grapheme("ok 👨\u{200D}👩\u{200D}👧\u{200D}👦"), None);
        let tower = format!("ab{}", "x".to_owned() + &"\u{301}".repeat(50));
        assert_eq!(overlong_grapheme(&tower), Some((3, 51)));
    }

    #[test]
    fn text_with_right_to_left_letters_or_direction_controls_is_isolated_and_nothing_else() {
        assert_eq!(isolated("展示会 Trade show 12%"), "展示会 Trade show 12%");
        assert_eq!(isolated("שלום world"), "\u{2068}שלום world\u{2069}");
        assert_eq!(isolated("abc\u{202E}def"), "\u{2068}abc\u{202E}def\u{2069}");
        assert_eq!(width("\u{2068}ab\u{202E}\u{2069}", TEN), width("ab", TEN), "controls take no width");
        // An override left open in one card's line: the line is isolated, so the text after it
        // in a sentence keeps its order.
        let line = &wrap("abc\u{202E}def", 1000.0, TEN, 1)[0];
        let sentence = format!("{line}: cost 100");
        let bidi = unicode_bidi::BidiInfo::new(&sentence, Some(unicode_bidi::Level::ltr()));
        let shown = bidi.reorder_line(&bidi.paragraphs[0], bidi.paragraphs[0].range.clone());
        assert!(shown.ends_with(": cost 100"), "{shown:?}");
        let leaking = "abc\u{202E}def: cost 100";
        let bidi = unicode_bidi::BidiInfo::new(leaking, Some(unicode_bidi::Level::ltr()));
        let shown = bidi.reorder_line(&bidi.paragraphs[0], bidi.paragraphs[0].range.clone());
        assert!(
            !shown.ends_with(": cost 100"),
            "without the isolate the override reorders the rest: {shown:?}"
        );
    }

    #[test]
    fn explicit_newlines_are_kept_and_overflow_ends_with_an_ellipsis() {
        assert_eq!(wrap("a\nb", 100.0, TEN, 10), ["a", "b"]);
        let cut = wrap(&"長い文章".repeat(100), 100.0, TEN, 3);
        assert_eq!(cut.len(), 3);
        assert!(cut[2].ends_with('…'));
    }
}
