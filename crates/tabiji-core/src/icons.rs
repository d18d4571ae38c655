//! Channel icons as SVG path data on a 16 × 16 grid, stroked, shared by the canvas and every export.
//!
//! Painters draw a path with `fill="none"`, a 1.5 stroke and round caps and joins; a dot is a
//! zero-length segment that the round cap turns into a disc.

/// The icon drawn for a key that is not in [`ICONS`] (a user-defined channel may name any key).
pub const GENERIC: &str = "generic";

/// Every icon, keyed by the built-in channel ids of `catalogue` plus [`GENERIC`].
pub const ICONS: &[(&str, &str)] = &[
    ("trade_show", "M2 14V4h12v10M2 7h12M5 4V2h6v2M6 10h4"),
    (
        "sales_meeting",
        "M5 7a2 2 0 1 0 0-4a2 2 0 0 0 0 4M11 7a2 2 0 1 0 0-4a2 2 0 0 0 0 4\
         M1.5 14c0-2.5 1.5-4 3.5-4s3.5 1.5 3.5 4M7.5 14c0-2.5 1.5-4 3.5-4s3.5 1.5 3.5 4",
    ),
    ("seminar", "M2 3h12v8H2zM8 11v3M5 14h6M5 6h6M5 8.5h3"),
    (
        "phone",
        "M4 2h2.5l1 3-1.5 1.2a8 8 0 0 0 3.8 3.8L11 8.5l3 1V12a2 2 0 0 1-2 2A10 10 0 0 1 2 4a2 2 0 0 1 2-2z",
    ),
    ("direct_mail", "M2 4h12v9H2zM2 4l6 5 6-5M11 6h1.5"),
    ("print_ad", "M3 2h10v12H3zM5 5h6M5 8h6M5 11h4"),
    ("referral", "M4 7a2 2 0 1 0 0-4a2 2 0 0 0 0 4M1.5 13c0-2 1-3.5 2.5-3.5M9 9.5h5M12 7.5l2 2-2 2"),
    (
        "user_event",
        "M8 6a2 2 0 1 0 0-4a2 2 0 0 0 0 4M3 8a1.5 1.5 0 1 0 0-3a1.5 1.5 0 0 0 0 3\
         M13 8a1.5 1.5 0 1 0 0-3a1.5 1.5 0 0 0 0 3M4.5 14c0-2.5 1.5-4.5 3.5-4.5s3.5 2 3.5 4.5\
         M1 13c0-1.8.8-3 2-3M15 13c0-1.8-.8-3-2-3",
    ),
    ("website", "M2 3h12v10H2zM2 6h12M4 4.5h.01M6 4.5h.01"),
    ("search_ad", "M7 11a4 4 0 1 0 0-8a4 4 0 0 0 0 8M10 10l4 4"),
    ("email", "M2 4h12v8H2zM2 4l6 5 6-5"),
    ("chatbot", "M2 3h12v8H7l-3 3v-3H2zM5.5 7h.01M8 7h.01M10.5 7h.01"),
    (
        "social",
        "M4 10a2 2 0 1 0 0-4a2 2 0 0 0 0 4M12 6a2 2 0 1 0 0-4a2 2 0 0 0 0 4\
         M12 14a2 2 0 1 0 0-4a2 2 0 0 0 0 4M5.8 7l4.4-2.2M5.8 9l4.4 2.2",
    ),
    ("video", "M2 3h12v10H2zM6.5 5.5l4 2.5-4 2.5z"),
    (
        "webinar",
        "M2 2.5h12v8H2zM6 14h4M8 10.5V14M8 6a1.3 1.3 0 1 0 0-.01M5.5 9c.3-1 1.3-1.6 2.5-1.6s2.2.6 2.5 1.6",
    ),
    ("white_paper", "M4 2h6l3 3v9H4zM10 2v3h3M6 8h5M6 11h5"),
    ("case_study", "M5 2h6v4a3 3 0 0 1-6 0zM8 9v3M5 14h6M5 3.5H3V4a2 2 0 0 0 2 2M11 3.5h2V4a2 2 0 0 1-2 2"),
    ("online_meeting", "M2 4.5h9v7H2zM11 7l3-2v6l-3-2"),
    (GENERIC, "M8 13a5 5 0 1 0 0-10a5 5 0 0 0 0 10M8 8h.01"),
];

/// The path of `key`'s icon, or the generic icon's.
pub fn path(key: &str) -> &'static str {
    let find = |wanted: &str| ICONS.iter().find(|(k, _)| *k == wanted).map(|(_, path)| *path);
    find(key).or_else(|| find(GENERIC)).expect("ICONS holds the generic icon")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue;
    use crate::model::Language;

    #[test]
    fn every_builtin_channel_has_its_own_icon() {
        for channel in catalogue::channels(Language::En) {
            assert!(ICONS.iter().any(|(k, _)| *k == channel.icon), "no icon for {}", channel.icon);
        }
    }

    #[test]
    fn an_unknown_key_gets_the_generic_icon() {
        assert_eq!(path("made_up"), path(GENERIC));
        assert_ne!(path("email"), path(GENERIC));
    }

    #[test]
    fn paths_hold_only_path_data() {
        for (key, path) in ICONS {
            assert!(path.starts_with('M'), "{key}");
            assert!(path.chars().all(|c| "MmLlHhVvCcSsAaZz0123456789.- ".contains(c)), "{key}: {path}");
        }
    }
}
