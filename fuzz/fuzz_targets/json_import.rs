//! JSON import (`tabiji import`, Open… of a `.json`): any text either gives a clear error or a map
//! that satisfies every invariant and survives a round trip through JSON unchanged.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tabiji_core::{json, validate};

fuzz_target!(|text: &str| {
    let Ok(map) = json::from_json(text) else { return };
    let problems = validate::map(&map);
    assert!(problems.is_empty(), "an imported map breaks invariants: {problems:?}");
    let again = json::from_json(&json::to_json(&map)).expect("an imported map exports to JSON that imports");
    assert_eq!(again, map, "the round trip changed the map");
});
