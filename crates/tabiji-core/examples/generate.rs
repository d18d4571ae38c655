//! Writes a made-up map with many cards, for measuring: `cargo run --release -p tabiji-core
//! --example generate -- FILE [CARDS]` (2,000 cards unless told).

use tabiji_core::generated::map_with_cards;
use tabiji_core::Document;

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(file) = args.next() else {
        eprintln!("usage: generate FILE [CARDS]");
        std::process::exit(2);
    };
    let cards = args.next().map_or(Ok(2_000), |n| n.parse()).unwrap_or_else(|e| {
        eprintln!("generate: the number of cards: {e}");
        std::process::exit(2);
    });
    if let Err(e) = Document::create(std::path::Path::new(&file), &map_with_cards(cards)) {
        eprintln!("generate: {e}");
        std::process::exit(1);
    }
}
