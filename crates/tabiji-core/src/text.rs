//! Wrapping text into lines that fit a width, with Japanese line-breaking rules (kinsoku).
//!
//! Widths come from per-character advance estimates that never fall below those of the bundled
//! face (BIZ UDPGothic), so a line laid out here always fits when painted with it.

/// Characters that must not begin a line: closing brackets, small kana, the prolonged-sound mark
/// and punctuation that belongs to the text before it.
const NO_LINE_START: &str =
    "、。,.,.・:;?!?!)]}」』】〕〉》”’ーぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ々〻‐゠–〜~…‥";
/// Characters that must not end a line: opening brackets and quotes.
const NO_LINE_END: &str = "([{「『【〔〈《“‘";

/// The advance of `c` in ems, rounded up.
pub fn advance_em(c: char) -> f64 {
    match c {
        ' ' => 0.3,
        'i' | 'l' | 'j' | '\'' | '|' | '.' | ',' | ':' | ';' | '!' => 0.3,
        'f' | 't' | 'r' | 'I' | '(' | ')' | '[' | ']' | '-' | '"' => 0.4,
        'm' | 'w' => 0.85,
        'M' | 'W' | '@' | '%' => 0.95,
        'A'..='Z' => 0.72,
        'a'..='z' | '0'..='9' => 0.58,
        '\u{0}'..='\u{7f}' => 0.6,
        // Latin-1 and other European letters.
        '\u{80}'..='\u{24f}' => 0.72,
        _ => 1.0,
    }
}

pub fn width(text: &str, font_size: f64) -> f64 {
    text.chars().map(advance_em).sum::<f64>() * font_size
}

fn is_cjk(c: char) -> bool {
    advance_em(c) >= 1.0 && !c.is_whitespace()
}

/// Wraps `text` to lines no wider than `max_width` at `font_size`, keeping explicit line breaks.
/// At most `max_lines` lines are returned; when text is cut, the last line ends with "…".
pub fn wrap(text: &str, max_width: f64, font_size: f64, max_lines: usize) -> Vec<String> {
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        wrap_paragraph(paragraph.trim_end_matches('\r'), max_width, font_size, &mut lines);
        if lines.len() > max_lines {
            break;
        }
    }
    if lines.len() > max_lines {
        lines.truncate(max_lines);
        if let Some(last) = lines.last_mut() {
            ellipsize(last, max_width, font_size);
        }
    }
    lines
}

fn ellipsize(line: &mut String, max_width: f64, font_size: f64) {
    while !line.is_empty() && width(line, font_size) + width("…", font_size) > max_width {
        line.pop();
    }
    line.push('…');
}

fn wrap_paragraph(paragraph: &str, max_width: f64, font_size: f64, lines: &mut Vec<String>) {
    let chars: Vec<char> = paragraph.chars().collect();
    let mut start = 0;
    if chars.is_empty() {
        lines.push(String::new());
        return;
    }
    while start < chars.len() {
        let end = line_end(&chars, start, max_width, font_size);
        let line: String = chars[start..end].iter().collect();
        lines.push(line.trim_end().to_owned());
        start = end;
        // A space where the line broke is not carried to the next line.
        while start < chars.len() && chars[start] == ' ' {
            start += 1;
        }
    }
}

/// The index after the last character of the line that starts at `start`.
fn line_end(chars: &[char], start: usize, max_width: f64, font_size: f64) -> usize {
    let mut used = 0.0;
    let mut fit = start;
    while fit < chars.len() {
        let w = advance_em(chars[fit]) * font_size;
        if used + w > max_width && fit > start {
            break;
        }
        used += w;
        fit += 1;
    }
    if fit == chars.len() {
        return fit;
    }
    // Find the last allowed break at or before `fit`; if none, cut the word.
    (start + 1..=fit).rev().find(|&at| can_break(chars, at)).unwrap_or(fit)
}

/// Whether a line may end before `chars[at]`.
fn can_break(chars: &[char], at: usize) -> bool {
    let (before, after) = (chars[at - 1], chars[at]);
    if NO_LINE_START.contains(after) || NO_LINE_END.contains(before) {
        return false;
    }
    before == ' ' || after == ' ' || is_cjk(before) || is_cjk(after)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn japanese_wraps_anywhere_but_never_starts_a_line_with_closing_punctuation() {
        let text = "受発注の業務を効率化し、データを一元管理したい。そのために「比較表」を作る。";
        for width_em in 3..20 {
            let lines = wrap(text, width_em as f64 * 10.0, 10.0, 100);
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
        let lines = wrap("Compares three vendors and asks for demos", 100.0, 10.0, 100);
        assert!(lines.iter().all(|l| width(l, 10.0) <= 100.0), "{lines:?}");
        assert!(lines.iter().all(|l| !l.starts_with(' ') && !l.ends_with(' ')));
        assert_eq!(lines.join(" "), "Compares three vendors and asks for demos");
        let long = wrap(&"x".repeat(100), 50.0, 10.0, 100);
        assert!(long.len() > 1 && long.iter().all(|l| width(l, 10.0) <= 50.0));
    }

    #[test]
    fn explicit_newlines_are_kept_and_overflow_ends_with_an_ellipsis() {
        assert_eq!(wrap("a\nb", 100.0, 10.0, 10), ["a", "b"]);
        let cut = wrap(&"長い文章".repeat(100), 100.0, 10.0, 3);
        assert_eq!(cut.len(), 3);
        assert!(cut[2].ends_with('…'));
    }
}
