//! Revisions inside the map file, and the diff between two versions of a map.

mod common;

use common::edits::{intents, resolve};
use common::{content, temp_map};
use proptest::prelude::*;
use tabiji_core::diff::diff;
use tabiji_core::ops::*;
use tabiji_core::*;

#[test]
fn a_revision_is_kept_in_the_file_and_restoring_it_is_one_undo_step() {
    let (tmp, mut doc) = temp_map(Template::B2b, Language::Ja);
    let saved = doc.map().unwrap();
    let first = doc.save_revision("2026年 第3四半期").unwrap();
    assert_eq!(doc.map().unwrap(), saved, "saving a revision leaves the map as it is");

    let card = saved.cards[0].id.clone();
    doc.apply(Op::UpdateCard {
        id: card.clone(),
        patch: CardPatch { text: Some("改善後".into()), ..Default::default() },
    })
    .unwrap();
    doc.apply(Op::DeleteKpi { id: saved.kpis[0].id.clone() }).unwrap();
    let edited = doc.map().unwrap();
    let second = doc.save_revision("2026年 第4四半期").unwrap();
    drop(doc);

    let mut doc = Document::open(&tmp.path).unwrap();
    let listed = doc.revisions().unwrap();
    assert_eq!(listed, [first.clone(), second.clone()], "listed oldest first, after reopening");
    assert_eq!(doc.revision(&first.id).unwrap(), saved);

    let changes = diff(&doc.revision(&first.id).unwrap(), &doc.revision(&second.id).unwrap());
    assert_eq!(changes.cards.changed.len(), 1);
    assert_eq!(changes.cards.changed[0].after.text, "改善後");
    assert_eq!(changes.kpis.removed.len(), 1);

    let kept = doc.restore_revision(&first.id).unwrap();
    assert_eq!(content(doc.map().unwrap()), content(saved.clone()));
    assert_eq!(kept.name, format!("「{}」に戻す前", first.name), "the map as it was, kept first");
    assert_eq!(content(doc.revision(&kept.id).unwrap()), content(edited.clone()));
    assert_eq!(doc.revisions().unwrap().len(), 3, "restoring keeps every revision");
    doc.undo().unwrap();
    assert_eq!(content(doc.map().unwrap()), content(edited));
    let again = doc.restore_revision(&first.id).unwrap();
    assert_eq!(again.name, format!("{} (2)", kept.name), "a second restore's revision gets a number");

    let error = doc.save_revision(&format!("  {}  ", second.name)).unwrap_err();
    assert_eq!(error.code(), "revision.name_taken", "{error}");
    doc.delete_revision(&kept.id).unwrap();
    doc.delete_revision(&again.id).unwrap();
    doc.delete_revision(&first.id).unwrap();
    assert_eq!(doc.revisions().unwrap(), [second]);
    assert_eq!(doc.revision(&first.id).unwrap_err().code(), "op.no_such_entity");
}

#[test]
fn a_revision_needs_a_name_on_one_line() {
    let (_tmp, mut doc) = temp_map(Template::Blank, Language::En);
    for bad in ["", "  ", "Q3\nfinal"] {
        let error = doc.save_revision(bad).unwrap_err();
        assert!(error.to_string().contains("revision name"), "{bad:?}: {error}");
    }
    assert!(doc.revisions().unwrap().is_empty());
    assert_eq!(doc.save_revision("  2026 Q4 ").unwrap().name, "2026 Q4", "kept without surrounding blanks");
}

#[test]
fn deleting_a_stage_drops_it_from_the_personas_involved_and_undo_puts_it_back() {
    let (_tmp, mut doc) = temp_map(Template::B2b, Language::Ja);
    let before = doc.map().unwrap();
    let stage = before.stages[1].id.clone();
    let involved: Vec<&Persona> = before.personas.iter().filter(|p| p.stage_ids.contains(&stage)).collect();
    assert_eq!(involved.len(), 3, "the example's buyers all take part in consideration");
    doc.apply(Op::DeleteStage { id: stage.clone() }).unwrap();
    assert!(doc.map().unwrap().personas.iter().all(|p| !p.stage_ids.contains(&stage)));
    doc.undo().unwrap();
    assert_eq!(content(doc.map().unwrap()), content(before));
}

#[test]
fn a_persona_cannot_take_part_in_a_stage_that_is_not_there() {
    let (_tmp, mut doc) = temp_map(Template::B2b, Language::Ja);
    let persona = doc.map().unwrap().personas[0].id.clone();
    let before = doc.map().unwrap();
    let op = Op::UpdatePersona {
        id: persona,
        patch: PersonaPatch { stage_ids: Some(vec!["st_nowhere".into()]), ..Default::default() },
    };
    assert_eq!(doc.apply(op).unwrap_err().code(), "op.no_such_entity");
    assert_eq!(doc.map().unwrap(), before);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 32, ..ProptestConfig::default() })]

    /// The diff of a map with itself is empty, and the diff from A to B, applied to A, gives B
    /// — for maps B reached from A by random edits, and back from B to A.
    #[test]
    fn a_diff_leads_exactly_from_one_map_to_the_other(seq in intents()) {
        let (_tmp, mut doc) = temp_map(Template::B2b, Language::Ja);
        let a = doc.map().unwrap();
        for intent in &seq {
            let now = doc.map().unwrap();
            if let Some(op) = resolve(&now, intent) {
                let _ = doc.apply(op);
            }
        }
        let b = doc.map().unwrap();
        prop_assert!(diff(&a, &a).is_empty());
        prop_assert!(diff(&b, &b).is_empty());
        prop_assert_eq!(diff(&a, &b).apply(&a).unwrap(), b.clone());
        prop_assert_eq!(diff(&b, &a).apply(&b).unwrap(), a.clone());
        prop_assert_eq!(diff(&a, &b).is_empty(), a == b);
    }
}
