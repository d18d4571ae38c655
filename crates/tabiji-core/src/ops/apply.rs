//! Applying each `Op` inside a transaction: check the invariants, write, return the inverse.

use rusqlite::Transaction;

use super::{new_id, Op, PersonaSnapshot};
use crate::error::{Error, Result};
use crate::model::*;
use crate::store::ordered::{set_position, Ordered};
use crate::store::rows::{self, Row};
use crate::validate;

impl Op {
    /// Applies the op in `tx` and returns the op that undoes it. On error nothing the op wrote
    /// should be kept: the caller rolls the transaction back.
    pub(crate) fn apply(self, tx: &Transaction) -> Result<Op> {
        match self {
            Op::UpdateMap { patch } => {
                let mut info = rows::fetch_info(tx)?;
                let undo = patch.apply_to(&mut info);
                validate::info(&info)?;
                rows::update_info(tx, &info)?;
                Ok(Op::UpdateMap { patch: undo })
            }

            Op::AddStage { mut stage, index } => {
                fill_id(&mut stage.id, "st");
                validate::stage(&stage)?;
                add_listed(tx, &Ordered::whole("stage"), &stage, index)?;
                Ok(Op::DeleteStage { id: stage.id })
            }
            Op::UpdateStage { id, patch } => {
                let undo = update_row(tx, &id, |s: &mut Stage| patch.apply_to(s), validate::stage)?;
                Ok(Op::UpdateStage { id, patch: undo })
            }
            Op::MoveStage { id, index } => {
                let from = move_listed::<Stage>(tx, &Ordered::whole("stage"), &id, index)?;
                Ok(Op::MoveStage { id, index: from })
            }
            Op::DeleteStage { id } => delete_stage(tx, id),
            Op::RestoreStage { index, stage, cards, kpis, emotion_points, involved_persona_ids } => {
                validate::stage(&stage)?;
                add_listed(tx, &Ordered::whole("stage"), &stage, Some(index))?;
                insert_cards(tx, &cards, |c| c.stage_id == stage.id, "stage")?;
                for kpi in &kpis {
                    check_kpi(tx, kpi)?;
                    if kpi.stage_id != stage.id {
                        return Err(Error::invalid(format!("KPI {} is not in stage {}", kpi.id, stage.id)));
                    }
                }
                rows::insert_listed(tx, &kpis)?;
                for point in &emotion_points {
                    check_emotion_point(tx, point)?;
                    rows::insert(tx, point, None)?;
                }
                for persona_id in &involved_persona_ids {
                    let mut persona: Persona = rows::get(tx, persona_id)?;
                    persona.stage_ids.push(stage.id.clone());
                    validate::persona(&persona)?;
                    rows::update(tx, &persona)?;
                }
                Ok(Op::DeleteStage { id: stage.id })
            }

            Op::AddLane { mut lane, index } => {
                fill_id(&mut lane.id, "ln");
                validate::lane(&lane)?;
                add_listed(tx, &Ordered::whole("lane"), &lane, index)?;
                Ok(Op::DeleteLane { id: lane.id })
            }
            Op::UpdateLane { id, patch } => {
                let undo = update_row(tx, &id, |l: &mut Lane| patch.apply_to(l), validate::lane)?;
                Ok(Op::UpdateLane { id, patch: undo })
            }
            Op::MoveLane { id, index } => {
                let from = move_listed::<Lane>(tx, &Ordered::whole("lane"), &id, index)?;
                Ok(Op::MoveLane { id, index: from })
            }
            Op::DeleteLane { id } => {
                let lane: Lane = rows::get(tx, &id)?;
                let cards: Vec<Card> = rows::select(
                    tx,
                    "JOIN stage s ON s.id = t.stage_id WHERE t.lane_id = ?1",
                    "s.position, t.position",
                    &[&id],
                )?;
                for card in &cards {
                    rows::delete::<Card>(tx, &card.id)?;
                }
                let index = remove_listed::<Lane>(tx, &Ordered::whole("lane"), &id)?;
                Ok(Op::RestoreLane { index, lane, cards })
            }
            Op::RestoreLane { index, lane, cards } => {
                validate::lane(&lane)?;
                add_listed(tx, &Ordered::whole("lane"), &lane, Some(index))?;
                insert_cards(tx, &cards, |c| c.lane_id == lane.id, "lane")?;
                Ok(Op::DeleteLane { id: lane.id })
            }

            Op::AddCard { mut card, index } => {
                fill_id(&mut card.id, "cd");
                check_card(tx, &card)?;
                add_listed(tx, &Ordered::cell(&card.stage_id, &card.lane_id), &card, index)?;
                Ok(Op::DeleteCard { id: card.id })
            }
            Op::UpdateCard { id, patch } => {
                let mut card: Card = rows::get(tx, &id)?;
                let undo = patch.apply_to(&mut card);
                check_card(tx, &card)?;
                rows::update(tx, &card)?;
                Ok(Op::UpdateCard { id, patch: undo })
            }
            Op::MoveCard { id, stage_id, lane_id, index } => move_card(tx, id, stage_id, lane_id, index),
            Op::DeleteCard { id } => {
                let card: Card = rows::get(tx, &id)?;
                let index = remove_listed::<Card>(tx, &Ordered::cell(&card.stage_id, &card.lane_id), &id)?;
                Ok(Op::AddCard { card, index: Some(index) })
            }

            Op::AddChannel { mut channel, index } => {
                fill_id(&mut channel.id, "ch");
                validate::channel(&channel)?;
                add_listed(tx, &Ordered::whole("channel"), &channel, index)?;
                Ok(Op::DeleteChannel { id: channel.id })
            }
            Op::UpdateChannel { id, patch } => {
                let undo = update_row(tx, &id, |c: &mut Channel| patch.apply_to(c), validate::channel)?;
                Ok(Op::UpdateChannel { id, patch: undo })
            }
            Op::DeleteChannel { id } => {
                let channel: Channel = rows::get(tx, &id)?;
                let card_ids = unlink_cards(tx, "channel_id", &id)?;
                let index = remove_listed::<Channel>(tx, &Ordered::whole("channel"), &id)?;
                Ok(Op::RestoreChannel { index, channel, card_ids })
            }
            Op::RestoreChannel { index, channel, card_ids } => {
                validate::channel(&channel)?;
                add_listed(tx, &Ordered::whole("channel"), &channel, Some(index))?;
                relink_cards(tx, "channel_id", &channel.id, &card_ids)?;
                Ok(Op::DeleteChannel { id: channel.id })
            }

            Op::AddDepartment { mut department, index } => {
                fill_id(&mut department.id, "dp");
                validate::department(&department)?;
                add_listed(tx, &Ordered::whole("department"), &department, index)?;
                Ok(Op::DeleteDepartment { id: department.id })
            }
            Op::UpdateDepartment { id, patch } => {
                let undo = update_row(tx, &id, |d: &mut Department| patch.apply_to(d), validate::department)?;
                Ok(Op::UpdateDepartment { id, patch: undo })
            }
            Op::DeleteDepartment { id } => {
                let department: Department = rows::get(tx, &id)?;
                let card_ids = unlink_cards(tx, "department_id", &id)?;
                let index = remove_listed::<Department>(tx, &Ordered::whole("department"), &id)?;
                Ok(Op::RestoreDepartment { index, department, card_ids })
            }
            Op::RestoreDepartment { index, department, card_ids } => {
                validate::department(&department)?;
                add_listed(tx, &Ordered::whole("department"), &department, Some(index))?;
                relink_cards(tx, "department_id", &department.id, &card_ids)?;
                Ok(Op::DeleteDepartment { id: department.id })
            }

            Op::AddOrg { mut org, index } => {
                fill_id(&mut org.id, "or");
                validate::org(&org)?;
                add_listed(tx, &Ordered::whole("org_persona"), &org, index)?;
                Ok(Op::DeleteOrg { id: org.id })
            }
            Op::UpdateOrg { id, patch } => {
                let undo = update_row(tx, &id, |o: &mut OrgPersona| patch.apply_to(o), validate::org)?;
                Ok(Op::UpdateOrg { id, patch: undo })
            }
            Op::DeleteOrg { id } => {
                let org: OrgPersona = rows::get(tx, &id)?;
                let members: Vec<Persona> = rows::select(tx, "WHERE t.org_id = ?1", "t.position", &[&id])?;
                let personas = members
                    .into_iter()
                    .map(|p| delete_persona(tx, p).map(|(_, snapshot)| snapshot))
                    .collect::<Result<Vec<_>>>()?;
                let index = remove_listed::<OrgPersona>(tx, &Ordered::whole("org_persona"), &id)?;
                Ok(Op::RestoreOrg { index, org, personas })
            }
            Op::RestoreOrg { index, org, personas } => {
                validate::org(&org)?;
                add_listed(tx, &Ordered::whole("org_persona"), &org, Some(index))?;
                for (position, snapshot) in personas.into_iter().enumerate() {
                    if snapshot.persona.org_id != org.id {
                        return Err(Error::invalid(format!(
                            "persona {} does not belong to organisation {}",
                            snapshot.persona.id, org.id
                        )));
                    }
                    restore_persona(tx, position, snapshot)?;
                }
                Ok(Op::DeleteOrg { id: org.id })
            }

            Op::AddPersona { mut persona, index } => {
                fill_id(&mut persona.id, "pe");
                check_persona(tx, &persona)?;
                add_listed(tx, &Ordered::personas_of(&persona.org_id), &persona, index)?;
                Ok(Op::DeletePersona { id: persona.id })
            }
            Op::UpdatePersona { id, patch } => {
                let mut persona: Persona = rows::get(tx, &id)?;
                let undo = patch.apply_to(&mut persona);
                check_persona(tx, &persona)?;
                rows::update(tx, &persona)?;
                Ok(Op::UpdatePersona { id, patch: undo })
            }
            Op::DeletePersona { id } => {
                let persona: Persona = rows::get(tx, &id)?;
                let (index, snapshot) = delete_persona(tx, persona)?;
                Ok(Op::RestorePersona { index, snapshot })
            }
            Op::RestorePersona { index, snapshot } => {
                let id = snapshot.persona.id.clone();
                restore_persona(tx, index, snapshot)?;
                Ok(Op::DeletePersona { id })
            }

            Op::AddEmotionPoint { mut point } => {
                fill_id(&mut point.id, "ep");
                check_emotion_point(tx, &point)?;
                ensure_new::<EmotionPoint>(tx, &point.id)?;
                rows::insert(tx, &point, None)?;
                Ok(Op::DeleteEmotionPoint { id: point.id })
            }
            Op::UpdateEmotionPoint { id, patch } => {
                let mut point: EmotionPoint = rows::get(tx, &id)?;
                let undo = patch.apply_to(&mut point);
                check_emotion_point(tx, &point)?;
                rows::update(tx, &point)?;
                Ok(Op::UpdateEmotionPoint { id, patch: undo })
            }
            Op::DeleteEmotionPoint { id } => {
                let point: EmotionPoint = rows::get(tx, &id)?;
                rows::delete::<EmotionPoint>(tx, &id)?;
                Ok(Op::AddEmotionPoint { point })
            }

            Op::AddKpi { mut kpi, index } => {
                fill_id(&mut kpi.id, "kp");
                check_kpi(tx, &kpi)?;
                add_listed(tx, &Ordered::kpis_of(&kpi.stage_id), &kpi, index)?;
                Ok(Op::DeleteKpi { id: kpi.id })
            }
            Op::UpdateKpi { id, patch } => {
                let undo = update_row(tx, &id, |k: &mut Kpi| patch.apply_to(k), validate::kpi)?;
                Ok(Op::UpdateKpi { id, patch: undo })
            }
            Op::DeleteKpi { id } => {
                let kpi: Kpi = rows::get(tx, &id)?;
                let index = remove_listed::<Kpi>(tx, &Ordered::kpis_of(&kpi.stage_id), &id)?;
                Ok(Op::AddKpi { kpi, index: Some(index) })
            }

            Op::ReplaceMap { map } => {
                let before = crate::store::read_map(tx)?;
                if let Some(problem) = validate::map(&map).into_iter().next() {
                    return Err(problem.into());
                }
                rows::clear_map(tx)?;
                rows::insert_map(tx, &map)?;
                Ok(Op::ReplaceMap { map: Box::new(before) })
            }

            Op::Batch { ops } => {
                let mut inverses = ops.into_iter().map(|op| op.apply(tx)).collect::<Result<Vec<_>>>()?;
                inverses.reverse();
                Ok(Op::Batch { ops: inverses })
            }
        }
    }
}

fn fill_id(id: &mut Id, prefix: &str) {
    if id.is_empty() {
        *id = new_id(prefix);
    }
}

fn ensure_new<R: Row>(tx: &Transaction, id: &str) -> Result<()> {
    match rows::exists::<R>(tx, id)? {
        true => Err(Error::invalid(format!("{} id {id} is already used", R::NOUN))),
        false => Ok(()),
    }
}

fn ensure_exists<R: Row>(tx: &Transaction, id: &str) -> Result<()> {
    match rows::exists::<R>(tx, id)? {
        true => Ok(()),
        false => Err(Error::missing(R::NOUN, id)),
    }
}

/// Inserts `row` into its ordered list at `index` (the end for `None`).
fn add_listed<R: Row>(tx: &Transaction, list: &Ordered, row: &R, index: Option<usize>) -> Result<()> {
    ensure_new::<R>(tx, row.id())?;
    let position = list.position_for(tx, index, None)?;
    rows::insert(tx, row, Some(position))
}

/// Deletes row `id` from its ordered list; returns the index it had.
fn remove_listed<R: Row>(tx: &Transaction, list: &Ordered, id: &str) -> Result<usize> {
    let index = list.index_of(tx, id)?.ok_or_else(|| Error::missing(R::NOUN, id))?;
    rows::delete::<R>(tx, id)?;
    Ok(index)
}

/// Moves row `id` to `index` within its list; returns the index it had.
fn move_listed<R: Row>(tx: &Transaction, list: &Ordered, id: &str, index: usize) -> Result<usize> {
    let from = list.index_of(tx, id)?.ok_or_else(|| Error::missing(R::NOUN, id))?;
    let position = list.position_for(tx, Some(index), Some(id))?;
    set_position(tx, R::TABLE, id, position)?;
    Ok(from)
}

/// Reads row `id`, changes it with `change`, checks it with `check`, writes it back.
fn update_row<R: Row, U>(
    tx: &Transaction,
    id: &str,
    change: impl FnOnce(&mut R) -> U,
    check: impl FnOnce(&R) -> Result<(), validate::Problem>,
) -> Result<U> {
    let mut row: R = rows::get(tx, id)?;
    let undo = change(&mut row);
    check(&row)?;
    rows::update(tx, &row)?;
    Ok(undo)
}

fn check_card(tx: &Transaction, card: &Card) -> Result<()> {
    validate::card(card)?;
    ensure_exists::<Stage>(tx, &card.stage_id)?;
    ensure_exists::<Lane>(tx, &card.lane_id)?;
    if let Some(id) = &card.channel_id {
        ensure_exists::<Channel>(tx, id)?;
    }
    if let Some(id) = &card.department_id {
        ensure_exists::<Department>(tx, id)?;
    }
    if let Some(id) = &card.persona_id {
        ensure_exists::<Persona>(tx, id)?;
    }
    Ok(())
}

fn check_persona(tx: &Transaction, persona: &Persona) -> Result<()> {
    validate::persona(persona)?;
    ensure_exists::<OrgPersona>(tx, &persona.org_id)?;
    persona.stage_ids.iter().try_for_each(|id| ensure_exists::<Stage>(tx, id))
}

fn check_emotion_point(tx: &Transaction, point: &EmotionPoint) -> Result<()> {
    validate::emotion_point(point)?;
    ensure_exists::<Persona>(tx, &point.persona_id)?;
    ensure_exists::<Stage>(tx, &point.stage_id)
}

fn check_kpi(tx: &Transaction, kpi: &Kpi) -> Result<()> {
    validate::kpi(kpi)?;
    ensure_exists::<Stage>(tx, &kpi.stage_id)
}

/// Inserts the cards of a restored stage or lane, whose cells start empty, keeping their order.
fn insert_cards(
    tx: &Transaction,
    cards: &[Card],
    belongs: impl Fn(&Card) -> bool,
    owner: &str,
) -> Result<()> {
    let mut listed = std::collections::HashSet::new();
    for card in cards {
        if !belongs(card) {
            return Err(Error::invalid(format!("card {} is not in the restored {owner}", card.id)));
        }
        if !listed.insert(card.id.as_str()) {
            return Err(Error::invalid(format!("card {} is listed twice in the restored {owner}", card.id)));
        }
        check_card(tx, card)?;
        ensure_new::<Card>(tx, &card.id)?;
    }
    rows::insert_grouped(tx, cards, |c| vec![c.stage_id.as_str(), c.lane_id.as_str()])
}

fn move_card(tx: &Transaction, id: Id, stage_id: Id, lane_id: Id, index: usize) -> Result<Op> {
    let card: Card = rows::get(tx, &id)?;
    ensure_exists::<Stage>(tx, &stage_id)?;
    ensure_exists::<Lane>(tx, &lane_id)?;
    let from = Ordered::cell(&card.stage_id, &card.lane_id)
        .index_of(tx, &id)?
        .ok_or_else(|| Error::missing("card", &id))?;
    let position = Ordered::cell(&stage_id, &lane_id).position_for(tx, Some(index), Some(&id))?;
    tx.prepare_cached("UPDATE card SET stage_id = ?1, lane_id = ?2, position = ?3 WHERE id = ?4")?
        .execute((&stage_id, &lane_id, position, &id))?;
    Ok(Op::MoveCard { id, stage_id: card.stage_id, lane_id: card.lane_id, index: from })
}

fn delete_stage(tx: &Transaction, id: Id) -> Result<Op> {
    let stage: Stage = rows::get(tx, &id)?;
    let cards: Vec<Card> = rows::select(
        tx,
        "JOIN lane l ON l.id = t.lane_id WHERE t.stage_id = ?1",
        "l.position, t.position",
        &[&id],
    )?;
    let kpis: Vec<Kpi> = rows::select(tx, "WHERE t.stage_id = ?1", "t.position", &[&id])?;
    let emotion_points: Vec<EmotionPoint> = rows::select(tx, "WHERE t.stage_id = ?1", "t.id", &[&id])?;
    for table in ["card", "kpi", "emotion_point"] {
        tx.execute(&format!("DELETE FROM {table} WHERE stage_id = ?1"), [&id])?;
    }
    let involved: Vec<Persona> = rows::select(
        tx,
        "WHERE EXISTS (SELECT 1 FROM json_each(t.stage_ids) j WHERE j.value = ?1)",
        "t.id",
        &[&id],
    )?;
    let mut involved_persona_ids = Vec::with_capacity(involved.len());
    for mut persona in involved {
        persona.stage_ids.retain(|s| *s != id);
        rows::update(tx, &persona)?;
        involved_persona_ids.push(persona.id);
    }
    let index = remove_listed::<Stage>(tx, &Ordered::whole("stage"), &id)?;
    Ok(Op::RestoreStage { index, stage, cards, kpis, emotion_points, involved_persona_ids })
}

/// Deletes a persona with its emotion points and unlinks the cards aimed at it.
fn delete_persona(tx: &Transaction, persona: Persona) -> Result<(usize, PersonaSnapshot)> {
    let emotion_points: Vec<EmotionPoint> =
        rows::select(tx, "WHERE t.persona_id = ?1", "t.id", &[&persona.id])?;
    tx.execute("DELETE FROM emotion_point WHERE persona_id = ?1", [&persona.id])?;
    let card_ids = unlink_cards(tx, "persona_id", &persona.id)?;
    let index = remove_listed::<Persona>(tx, &Ordered::personas_of(&persona.org_id), &persona.id)?;
    Ok((index, PersonaSnapshot { persona, emotion_points, card_ids }))
}

fn restore_persona(tx: &Transaction, index: usize, snapshot: PersonaSnapshot) -> Result<()> {
    let PersonaSnapshot { persona, emotion_points, card_ids } = snapshot;
    check_persona(tx, &persona)?;
    add_listed(tx, &Ordered::personas_of(&persona.org_id), &persona, Some(index))?;
    for point in &emotion_points {
        if point.persona_id != persona.id {
            return Err(Error::invalid(format!("emotion point {} is not {}'s", point.id, persona.id)));
        }
        check_emotion_point(tx, point)?;
        rows::insert(tx, point, None)?;
    }
    relink_cards(tx, "persona_id", &persona.id, &card_ids)
}

/// Clears `column` on the cards that name `id` there; returns those cards' ids.
fn unlink_cards(tx: &Transaction, column: &str, id: &str) -> Result<Vec<Id>> {
    let mut stmt = tx.prepare(&format!("SELECT id FROM card WHERE {column} = ?1 ORDER BY id"))?;
    let ids = stmt.query_map([id], |r| r.get(0))?.collect::<rusqlite::Result<Vec<Id>>>()?;
    tx.execute(&format!("UPDATE card SET {column} = NULL WHERE {column} = ?1"), [id])?;
    Ok(ids)
}

fn relink_cards(tx: &Transaction, column: &str, id: &str, card_ids: &[Id]) -> Result<()> {
    for card_id in card_ids {
        let changed = tx.execute(&format!("UPDATE card SET {column} = ?1 WHERE id = ?2"), (id, card_id))?;
        if changed == 0 {
            return Err(Error::missing("card", card_id));
        }
    }
    Ok(())
}
