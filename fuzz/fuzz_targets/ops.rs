//! The op decoder and the ops behind it (`tabiji apply`, every edit the app sends): any line either
//! is refused with an error, or decodes into an op that leaves a map satisfying every invariant,
//! and whose undo brings the map back exactly.
#![no_main]

use std::sync::LazyLock;
use std::sync::Mutex;

use libfuzzer_sys::fuzz_target;
use tabiji_core::{store::Store, validate, Document, Language, Op, Template};

/// One map for the whole run, kept as it started by undoing every op that applied.
static DOCUMENT: LazyLock<Mutex<(tempfile::TempDir, Document)>> = LazyLock::new(|| {
    let dir = tempfile::tempdir().unwrap();
    let map = Template::B2b.build(Language::Ja, None);
    let document = Document::create(&dir.path().join("fuzz.tabiji"), &map).unwrap();
    Mutex::new((dir, document))
});

fuzz_target!(|line: &[u8]| {
    let Ok(op) = serde_json::from_slice::<Op>(line) else { return };
    let mut guard = DOCUMENT.lock().unwrap();
    let document = &mut guard.1;
    let before = document.map().unwrap();
    if document.apply(op).is_err() {
        assert_eq!(document.map().unwrap(), before, "a refused op changed the map");
        return;
    }
    let after = document.map().unwrap();
    let problems = validate::map(&after);
    assert!(problems.is_empty(), "an applied op broke invariants: {problems:?}");
    assert!(ordering_is_whole(document.store()), "an applied op broke an ordering");
    document.undo().expect("an applied op undoes");
    let mut restored = document.map().unwrap();
    // Every commit stamps the time of the change; the rest must be as it was.
    restored.info.updated_at = before.info.updated_at.clone();
    assert_eq!(restored, before, "undo did not bring the map back");
});

fn ordering_is_whole(store: &Store) -> bool {
    store.ordering_problems().unwrap().is_empty()
}
