//! The map's write-ahead log: taken into the file often enough to stay bounded however many edits
//! are made, and gone once the map is closed.

mod common;

use common::{log_of, temp_map};
use tabiji_core::ops::CardPatch;
use tabiji_core::*;

#[test]
fn the_log_stays_bounded_across_many_edits_and_goes_with_the_map_closed() {
    let (tmp, mut doc) = temp_map(Template::B2b, Language::Ja);
    let card = doc.map().unwrap().cards[0].id.clone();
    // Each edit logs two or three pages: 4,000 edits log more than twice the 16 MB the log may
    // reach (4,000 pages of 4 KB) before a commit takes it into the file.
    let mut longest = 0;
    for i in 0..4_000 {
        let patch = CardPatch {
            text: Some(format!("比較表を見て候補を絞る ({i})")), ..CardPatch::default()
        };
        doc.apply(Op::UpdateCard { id: card.clone(), patch }).unwrap();
        longest = longest.max(std::fs::metadata(log_of(&tmp.path)).unwrap().len());
    }
    let frame = 4096 + 24;
    assert!(
        longest > 3_000 * frame,
        "the log was taken in sooner than it should be: {longest} bytes at most"
    );
    assert!(longest < 4_100 * frame, "the log grew to {longest} bytes");
    drop(doc);
    assert!(!log_of(&tmp.path).exists(), "closing the map left its log behind");
    let reopened = Document::open(&tmp.path).unwrap();
    assert_eq!(reopened.map().unwrap().cards[0].text, "比較表を見て候補を絞る (3999)");
}
