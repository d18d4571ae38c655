//! Wrapping text into lines that fit a width, with Japanese line-breaking rules (kinsoku).
//!
//! Widths come from the bundled font's own advances ([`crate::fonts`]), the font the canvas and
//! every export draw with, so a line laid out here fits wherever it is painted. Painters turn
//! kerning off so that they place glyphs at exactly these advances.

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
    text.chars().map(|c| style.advance(c)).sum()
}

/// Scripts set without spaces, where a line may break between any two characters.
fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{2E80}'..='\u{2FDF}'   // CJK radicals
        | '\u{3000}'..='\u{30FF}' // CJK punctuation, hiragana, katakana
        | '\u{3100}'..='\u{31FF}' // bopomofo, katakana extensions
        | '\u{3400}'..='\u{4DBF}' // CJK extension A
        | '\u{4E00}'..='\u{9FFF}' // CJK unified ideographs
        | '\u{AC00}'..='\u{D7AF}' // Hangul syllables
        | '\u{F900}'..='\u{FAFF}' // CJK compatibility ideographs
        | '\u{FF00}'..='\u{FFEF}' // full-width and half-width forms
        | '\u{20000}'..='\u{3FFFF}' // CJK extensions B and later
    )
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
    lines
}

fn ellipsize(line: &mut String, max_width: f64, style: Style) {
    while !line.is_empty() && width(line, style) + width("…", style) > max_width {
        line.pop();
    }
    line.push('…');
}

fn wrap_paragraph(paragraph: &str, max_width: f64, style: Style, lines: &mut Vec<String>) {
    if paragraph.is_empty() {
        lines.push(String::new());
        return;
    }
    // Byte offsets throughout: each line is copied straight out of the paragraph.
    let mut start = 0;
    while start < paragraph.len() {
        let end = line_end(paragraph, start, max_width, style);
        lines.push(paragraph[start..end].trim_end().to_owned());
        // A space where the line broke is not carried to the next line.
        start = paragraph.len() - paragraph[end..].trim_start_matches(' ').len();
    }
}

/// The byte offset after the last character of the line that starts at byte `start`.
fn line_end(paragraph: &str, start: usize, max_width: f64, style: Style) -> usize {
    let mut used = 0.0;
    let mut fit = start;
    for c in paragraph[start..].chars() {
        let w = style.advance(c);
        if used + w > max_width && fit > start {
            break;
        }
        used += w;
        fit += c.len_utf8();
    }
    let Some(mut after) = paragraph[fit..].chars().next() else { return fit };
    // Find the last allowed break at or before `fit`; if none, cut the word.
    for (i, before) in paragraph[start..fit].char_indices().rev() {
        if can_break(before, after) {
            return start + i + before.len_utf8();
        }
        after = before;
    }
    fit
}

/// Whether a line may end between `before` and `after`.
fn can_break(before: char, after: char) -> bool {
    if NO_LINE_START.contains(after) || NO_LINE_END.contains(before) {
        return false;
    }
    before == ' ' || after == ' ' || is_cjk(before) || is_cjk(after)
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
    fn explicit_newlines_are_kept_and_overflow_ends_with_an_ellipsis() {
        assert_eq!(wrap("a\nb", 100.0, TEN, 10), ["a", "b"]);
        let cut = wrap(&"長い文章".repeat(100), 100.0, TEN, 3);
        assert_eq!(cut.len(), 3);
        assert!(cut[2].ends_with('…'));
    }
}
