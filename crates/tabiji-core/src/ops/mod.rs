//! Operations: every change to a map is an `Op`, applied in one transaction, returning the `Op`
//! that undoes it.

mod apply;
mod patch;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::model::*;

pub use patch::*;

/// One change to a map. Ops are plain data: the app sends them, `tabiji apply` reads them one per
/// line, and undo/redo replays the inverses that applying returns.
///
/// Entities added with an empty `id` get a fresh one; the returned inverse names it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "op", rename_all = "snake_case", deny_unknown_fields)]
pub enum Op {
    UpdateMap {
        patch: MapInfoPatch,
    },

    AddStage {
        stage: Stage,
        index: Option<usize>,
    },
    UpdateStage {
        id: Id,
        patch: StagePatch,
    },
    MoveStage {
        id: Id,
        index: usize,
    },
    /// Deletes the stage with its cards, KPIs and emotion points.
    DeleteStage {
        id: Id,
    },
    /// Puts back a deleted stage with everything that was in it.
    RestoreStage {
        index: usize,
        stage: Stage,
        cards: Vec<Card>,
        kpis: Vec<Kpi>,
        emotion_points: Vec<EmotionPoint>,
        /// Personas that took part in the stage.
        #[serde(default)]
        involved_persona_ids: Vec<Id>,
    },

    AddLane {
        lane: Lane,
        index: Option<usize>,
    },
    UpdateLane {
        id: Id,
        patch: LanePatch,
    },
    MoveLane {
        id: Id,
        index: usize,
    },
    /// Deletes the lane with its cards.
    DeleteLane {
        id: Id,
    },
    RestoreLane {
        index: usize,
        lane: Lane,
        cards: Vec<Card>,
    },

    AddCard {
        card: Card,
        index: Option<usize>,
    },
    UpdateCard {
        id: Id,
        patch: CardPatch,
    },
    /// Moves a card to position `index` of the (stage, lane) cell, counted after removing it.
    MoveCard {
        id: Id,
        stage_id: Id,
        lane_id: Id,
        index: usize,
    },
    DeleteCard {
        id: Id,
    },

    AddChannel {
        channel: Channel,
        index: Option<usize>,
    },
    UpdateChannel {
        id: Id,
        patch: ChannelPatch,
    },
    /// Deletes a channel; cards that used it keep no channel.
    DeleteChannel {
        id: Id,
    },
    RestoreChannel {
        index: usize,
        channel: Channel,
        card_ids: Vec<Id>,
    },

    AddDepartment {
        department: Department,
        index: Option<usize>,
    },
    UpdateDepartment {
        id: Id,
        patch: DepartmentPatch,
    },
    /// Deletes a department; cards it owned keep no owner.
    DeleteDepartment {
        id: Id,
    },
    RestoreDepartment {
        index: usize,
        department: Department,
        card_ids: Vec<Id>,
    },

    AddOrg {
        org: OrgPersona,
        index: Option<usize>,
    },
    UpdateOrg {
        id: Id,
        patch: OrgPatch,
    },
    /// Deletes an organisation with its personas.
    DeleteOrg {
        id: Id,
    },
    RestoreOrg {
        index: usize,
        org: OrgPersona,
        personas: Vec<PersonaSnapshot>,
    },

    AddPersona {
        persona: Persona,
        index: Option<usize>,
    },
    UpdatePersona {
        id: Id,
        patch: PersonaPatch,
    },
    /// Deletes a persona with its emotion curve; cards aimed at it keep no persona.
    DeletePersona {
        id: Id,
    },
    RestorePersona {
        index: usize,
        snapshot: PersonaSnapshot,
    },

    AddEmotionPoint {
        point: EmotionPoint,
    },
    UpdateEmotionPoint {
        id: Id,
        patch: EmotionPointPatch,
    },
    DeleteEmotionPoint {
        id: Id,
    },

    AddKpi {
        kpi: Kpi,
        index: Option<usize>,
    },
    UpdateKpi {
        id: Id,
        patch: KpiPatch,
    },
    DeleteKpi {
        id: Id,
    },

    /// Replaces the whole map, as restoring a revision does; the inverse puts the old one back.
    ReplaceMap {
        map: Box<Map>,
    },

    /// Several ops as one step: all apply or none, and one undo reverts them all.
    Batch {
        ops: Vec<Op>,
    },
}

/// A persona with what hangs on it, as kept for undoing its deletion.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct PersonaSnapshot {
    pub persona: Persona,
    pub emotion_points: Vec<EmotionPoint>,
    /// Cards whose `persona_id` named this persona.
    pub card_ids: Vec<Id>,
}

/// A fresh id with a readable prefix, e.g. `cd_k3v9q0x2mw`.
pub(crate) fn new_id(prefix: &str) -> Id {
    const ALPHABET: &[u8] = b"0123456789abcdefghjkmnpqrstvwxyz";
    let tail: String = (0..10).map(|_| ALPHABET[fastrand::usize(..ALPHABET.len())] as char).collect();
    format!("{prefix}_{tail}")
}
