//! Reading the whole map out of the database, every list in display order.

use std::collections::HashMap;

use rusqlite::Connection;

use crate::error::Result;
use crate::model::*;

use super::rows::{fetch_info, select, select_into};

pub(crate) fn load_map(conn: &Connection) -> Result<Map> {
    let none: &[&dyn rusqlite::ToSql] = &[];
    let stages: Vec<Stage> = select(conn, "", "t.position", none)?;
    let lanes: Vec<Lane> = select(conn, "", "t.position", none)?;
    // Cards cell by cell, each in the order of the index on (stage, lane, position): sorting the
    // whole table by its stage's and lane's positions cost more than all these lookups together.
    let mut cards = Vec::new();
    for stage in &stages {
        for lane in &lanes {
            let cell: &[&dyn rusqlite::ToSql] = &[&stage.id, &lane.id];
            select_into(conn, "WHERE t.stage_id = ?1 AND t.lane_id = ?2", "t.position", cell, &mut cards)?;
        }
    }
    let mut map = Map {
        info: fetch_info(conn)?,
        stages,
        lanes,
        channels: select(conn, "", "t.position", none)?,
        departments: select(conn, "", "t.position", none)?,
        cards,
        orgs: select(conn, "", "t.position", none)?,
        personas: select(conn, "JOIN org_persona o ON o.id = t.org_id", "o.position, t.position", none)?,
        emotion_points: select(
            conn,
            "JOIN persona p ON p.id = t.persona_id JOIN org_persona o ON o.id = p.org_id \
             JOIN stage s ON s.id = t.stage_id",
            "o.position, p.position, s.position, t.x, t.id",
            none,
        )?,
        kpis: select(conn, "JOIN stage s ON s.id = t.stage_id", "s.position, t.position", none)?,
    };
    // Involvement is a set kept as a list; read it in stage order, whatever order ops left it in.
    let stage_order: HashMap<Id, usize> =
        map.stages.iter().enumerate().map(|(i, s)| (s.id.clone(), i)).collect();
    for persona in &mut map.personas {
        persona.stage_ids.sort_by_key(|id| stage_order.get(id).copied());
    }
    Ok(map)
}
