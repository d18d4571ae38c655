//! Reading the whole map out of the database, every list in display order.

use std::collections::HashMap;

use rusqlite::Connection;

use crate::error::Result;
use crate::model::*;

use super::rows::{fetch_info, select};

pub(crate) fn load_map(conn: &Connection) -> Result<Map> {
    let none: &[&dyn rusqlite::ToSql] = &[];
    let mut map = Map {
        info: fetch_info(conn)?,
        stages: select(conn, "", "t.position", none)?,
        lanes: select(conn, "", "t.position", none)?,
        channels: select(conn, "", "t.position", none)?,
        departments: select(conn, "", "t.position", none)?,
        cards: select(
            conn,
            "JOIN stage s ON s.id = t.stage_id JOIN lane l ON l.id = t.lane_id",
            "s.position, l.position, t.position",
            none,
        )?,
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
