//! The one font family every painter uses: BIZ UDPGothic, Regular and Bold (SIL Open Font License
//! 1.1, `assets/fonts/OFL.txt`). It is carried in the binary so that the layout measures, and the
//! canvas and every export draw, the same glyphs on every OS; the canvas loads the same files.

use std::sync::atomic::{AtomicU16, Ordering};
use std::sync::LazyLock;

pub const FAMILY: &str = "BIZ UDPGothic";
// Statics, not consts: a const's bytes are copied into each part of the program that uses them,
// which put the 9 MB of fonts into the binary twice.
pub static REGULAR: &[u8] = include_bytes!("../../../assets/fonts/BIZUDPGothic-Regular.ttf");
pub static BOLD: &[u8] = include_bytes!("../../../assets/fonts/BIZUDPGothic-Bold.ttf");

/// What a character is counted as when the font has no glyph for it (emoji, most scripts other than
/// Japanese and Latin): a fallback font draws it, typically one em wide.
const MISSING_GLYPH_EM: f64 = 1.0;

struct Metrics {
    face: ttf_parser::Face<'static>,
    units_per_em: f64,
    /// Advances of the Basic Multilingual Plane in font units, filled in as characters are first
    /// measured: looking a glyph up in the font's tables took half of laying out a large map.
    bmp_advances: Box<[AtomicU16]>,
}

/// A `bmp_advances` entry not looked up yet.
const NOT_MEASURED: u16 = u16::MAX;
/// A `bmp_advances` entry for a character the font has no glyph or advance for.
const NO_GLYPH: u16 = u16::MAX - 1;

impl Metrics {
    fn of(data: &'static [u8]) -> Metrics {
        let face = ttf_parser::Face::parse(data, 0).expect("the bundled font parses");
        let units_per_em = f64::from(face.units_per_em());
        let bmp_advances = (0..=u16::MAX).map(|_| AtomicU16::new(NOT_MEASURED)).collect();
        Metrics { face, units_per_em, bmp_advances }
    }

    fn advance_em(&self, c: char) -> f64 {
        let units = match self.bmp_advances.get(c as usize) {
            Some(entry) => match entry.load(Ordering::Relaxed) {
                NOT_MEASURED => {
                    let units = self.advance_units(c).map_or(NO_GLYPH, |u| u.min(NO_GLYPH - 1));
                    entry.store(units, Ordering::Relaxed);
                    units
                }
                units => units,
            },
            None => self.advance_units(c).unwrap_or(NO_GLYPH),
        };
        if units == NO_GLYPH {
            MISSING_GLYPH_EM
        } else {
            f64::from(units) / self.units_per_em
        }
    }

    fn advance_units(&self, c: char) -> Option<u16> {
        self.face.glyph_index(c).and_then(|glyph| self.face.glyph_hor_advance(glyph))
    }
}

static REGULAR_METRICS: LazyLock<Metrics> = LazyLock::new(|| Metrics::of(REGULAR));
static BOLD_METRICS: LazyLock<Metrics> = LazyLock::new(|| Metrics::of(BOLD));

/// The advance of `c` in ems, from the font's horizontal metrics.
pub fn advance_em(c: char, bold: bool) -> f64 {
    if bold { &BOLD_METRICS } else { &REGULAR_METRICS }.advance_em(c)
}

/// The height above the baseline of a line of text set in the family, in ems: both weights
/// share it. A painter that places a line by its top, as HTML does, puts the top this far above
/// the layout's baseline.
pub fn ascent_em() -> f64 {
    let regular = &REGULAR_METRICS;
    f64::from(regular.face.ascender()) / regular.units_per_em
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_weights_share_one_ascent_and_a_line_is_one_em_tall() {
        for metrics in [&REGULAR_METRICS, &BOLD_METRICS] {
            let face = &metrics.face;
            assert_eq!(f64::from(face.ascender()) / metrics.units_per_em, ascent_em());
            // With no line gap, HTML's "normal" line height is ascent + descent: one em here.
            assert_eq!(face.line_gap(), 0);
            assert_eq!(f64::from(face.ascender() - face.descender()), metrics.units_per_em);
        }
        assert!((0.85..0.9).contains(&ascent_em()), "{}", ascent_em());
    }

    #[test]
    fn widths_are_the_fonts_own_proportional_advances() {
        // A proportional face: kanji take a full em, kana and punctuation less, Latin much less.
        assert_eq!(advance_em('漢', false), 1.0);
        for c in ['あ', 'ア', '。'] {
            assert!(advance_em(c, false) < 1.0, "{c} is narrower than a kanji");
        }
        assert!(advance_em('i', false) < advance_em('m', false));
        assert!(advance_em('W', false) > 0.5 && advance_em('W', false) < 1.0);
        assert_eq!(advance_em('😀', false), MISSING_GLYPH_EM);
    }

    #[test]
    fn a_remembered_advance_is_the_one_first_measured() {
        // Runic letters are in the Basic Multilingual Plane but not in the font.
        for c in ['漢', 'a', 'ᚠ'] {
            let first = advance_em(c, true);
            assert_eq!(advance_em(c, true), first, "{c} measured again");
        }
        assert_eq!(advance_em('ᚠ', false), MISSING_GLYPH_EM);
        let units = f64::from(REGULAR_METRICS.advance_units('a').unwrap());
        assert_eq!(advance_em('a', false), units / REGULAR_METRICS.units_per_em);
    }

    #[test]
    fn bold_is_measured_with_the_bold_face() {
        let text = "Average order value";
        let regular: f64 = text.chars().map(|c| advance_em(c, false)).sum();
        let bold: f64 = text.chars().map(|c| advance_em(c, true)).sum();
        assert!(bold > regular, "bold Latin is wider: {bold} against {regular}");
    }
}
