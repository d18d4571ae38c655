//! Each entity as a table row: one generic insert, update, fetch and delete over the `Row` trait.

use rusqlite::types::{Value, ValueRef};
use rusqlite::{params_from_iter, OptionalExtension, Transaction};
use serde::de::{DeserializeOwned, IntoDeserializer};
use serde::Serialize;

use super::ordered::spaced;
use crate::error::{Error, Result};
use crate::model::*;

/// An entity stored as one row of its own table, keyed by `id`.
pub(crate) trait Row: Sized {
    const TABLE: &'static str;
    /// What the entity is called in error messages.
    const NOUN: &'static str;
    /// Columns after `id`, in the order of `values` and `from_values`.
    const COLUMNS: &'static [&'static str];
    /// Whether the table keeps a `position` column (listed rows) or not.
    const ORDERED: bool = true;

    fn id(&self) -> &str;
    fn values(&self) -> Vec<Value>;
    fn from_values(id: String, values: &mut Values) -> Result<Self>;
}

/// Reads a row's columns in order, converting each to what the entity needs, straight from
/// SQLite's buffers: only the text an entity keeps is copied.
pub(crate) struct Values<'row> {
    row: &'row rusqlite::Row<'row>,
    next: usize,
}

impl<'row> Values<'row> {
    fn new(row: &'row rusqlite::Row<'row>) -> Values<'row> {
        Values { row, next: 0 }
    }

    fn next(&mut self) -> Result<ValueRef<'row>> {
        let value =
            self.row.get_ref(self.next).map_err(|_| Error::invalid("row has fewer columns than expected"))?;
        self.next += 1;
        Ok(value)
    }

    /// The row's id, for an error message.
    fn id(&self) -> String {
        self.row
            .get_ref(0)
            .map(|id| String::from_utf8_lossy(id.as_bytes().unwrap_or_default()).into_owned())
            .unwrap_or_default()
    }

    fn str(&mut self) -> Result<&'row str> {
        match self.next()? {
            ValueRef::Text(bytes) => as_str(bytes),
            other => Err(unexpected("text", other)),
        }
    }

    pub fn text(&mut self) -> Result<String> {
        self.str().map(str::to_owned)
    }

    pub fn opt_text(&mut self) -> Result<Option<String>> {
        match self.next()? {
            ValueRef::Null => Ok(None),
            ValueRef::Text(bytes) => as_str(bytes).map(|s| Some(s.to_owned())),
            other => Err(unexpected("text or null", other)),
        }
    }

    pub fn real(&mut self) -> Result<f64> {
        self.opt_real()?.ok_or_else(|| Error::invalid("expected a number, found null"))
    }

    pub fn opt_real(&mut self) -> Result<Option<f64>> {
        match self.next()? {
            ValueRef::Null => Ok(None),
            ValueRef::Real(f) => Ok(Some(f)),
            ValueRef::Integer(i) => Ok(Some(i as f64)),
            other => Err(unexpected("a number", other)),
        }
    }

    /// A count stored as a non-negative integer.
    pub fn count(&mut self) -> Result<u32> {
        match self.next()? {
            ValueRef::Integer(i) => {
                u32::try_from(i).map_err(|_| Error::invalid(format!("{i} is not a count")))
            }
            other => Err(unexpected("a count", other)),
        }
    }

    pub fn flag(&mut self) -> Result<bool> {
        match self.next()? {
            ValueRef::Integer(i) => Ok(i != 0),
            other => Err(unexpected("0 or 1", other)),
        }
    }

    /// A list stored as JSON text; `what` names it in the error.
    pub fn json<T: DeserializeOwned>(&mut self, what: &str) -> Result<T> {
        serde_json::from_str(self.str()?).map_err(|e| Error::invalid(format!("{what} is not readable: {e}")))
    }

    /// A unit enum stored as its snake_case name.
    pub fn enumeration<T: DeserializeOwned>(&mut self) -> Result<T> {
        let name = self.str()?;
        T::deserialize(name.into_deserializer())
            .map_err(|_: serde::de::value::Error| Error::invalid(format!("unknown value {name:?}")))
    }
}

fn as_str(bytes: &[u8]) -> Result<&str> {
    std::str::from_utf8(bytes).map_err(|e| Error::invalid(format!("text is not valid UTF-8: {e}")))
}

/// "expected …, found …", naming the stored value as SQLite holds it.
fn unexpected(expected: &str, found: ValueRef) -> Error {
    let found = match found {
        ValueRef::Null => Value::Null,
        ValueRef::Integer(i) => Value::Integer(i),
        ValueRef::Real(f) => Value::Real(f),
        ValueRef::Text(bytes) => Value::Text(String::from_utf8_lossy(bytes).into_owned()),
        ValueRef::Blob(bytes) => Value::Blob(bytes.to_vec()),
    };
    Error::invalid(format!("expected {expected}, found {found:?}"))
}

/// A unit enum's snake_case name, as stored.
pub(crate) fn enum_name<T: Serialize>(value: &T) -> Value {
    Value::Text(variant_name(value))
}

fn text(s: &str) -> Value {
    Value::Text(s.to_owned())
}

fn opt_text(s: &Option<String>) -> Value {
    s.as_deref().map_or(Value::Null, text)
}

fn json<T: Serialize>(list: &T) -> Value {
    Value::Text(serde_json::to_string(list).expect("ids, numbers and text serialise"))
}

fn opt_real(v: Option<f64>) -> Value {
    v.map_or(Value::Null, Value::Real)
}

/// Inserts `row`, at `position` in its list if the table is ordered.
pub(crate) fn insert<R: Row>(tx: &Transaction, row: &R, position: Option<i64>) -> Result<()> {
    let mut columns = vec!["id"];
    let mut values = vec![text(row.id())];
    if R::ORDERED {
        columns.push("position");
        values.push(Value::Integer(position.unwrap_or(0)));
    }
    columns.extend_from_slice(R::COLUMNS);
    values.extend(row.values());
    let marks = (1..=values.len()).map(|i| format!("?{i}")).collect::<Vec<_>>().join(", ");
    let sql = format!("INSERT INTO {} ({}) VALUES ({marks})", R::TABLE, columns.join(", "));
    tx.prepare_cached(&sql)?.execute(params_from_iter(values))?;
    Ok(())
}

pub(crate) fn update<R: Row>(tx: &Transaction, row: &R) -> Result<()> {
    let sets = R::COLUMNS
        .iter()
        .enumerate()
        .map(|(i, c)| format!("{c} = ?{}", i + 2))
        .collect::<Vec<_>>()
        .join(", ");
    let sql = format!("UPDATE {} SET {sets} WHERE id = ?1", R::TABLE);
    let values = std::iter::once(text(row.id())).chain(row.values());
    tx.prepare_cached(&sql)?.execute(params_from_iter(values))?;
    Ok(())
}

pub(crate) fn fetch<R: Row>(tx: &rusqlite::Connection, id: &str) -> Result<Option<R>> {
    let sql = format!("SELECT id, {} FROM {} WHERE id = ?1", R::COLUMNS.join(", "), R::TABLE);
    tx.prepare_cached(&sql)?.query_row([id], |row| Ok(from_row(row))).optional()?.transpose()
}

/// Fetches a row that must exist.
pub(crate) fn get<R: Row>(tx: &rusqlite::Connection, id: &str) -> Result<R> {
    fetch(tx, id)?.ok_or_else(|| Error::missing(R::NOUN, id))
}

pub(crate) fn exists<R: Row>(tx: &rusqlite::Connection, id: &str) -> Result<bool> {
    let sql = format!("SELECT 1 FROM {} WHERE id = ?1", R::TABLE);
    Ok(tx.prepare_cached(&sql)?.query_row([id], |_| Ok(())).optional()?.is_some())
}

pub(crate) fn delete<R: Row>(tx: &Transaction, id: &str) -> Result<()> {
    tx.prepare_cached(&format!("DELETE FROM {} WHERE id = ?1", R::TABLE))?.execute([id])?;
    Ok(())
}

/// All rows of `R` matching `filter` (over `?1`…), in `order`.
pub(crate) fn select<R: Row>(
    conn: &rusqlite::Connection,
    filter: &str,
    order: &str,
    params: &[&dyn rusqlite::ToSql],
) -> Result<Vec<R>> {
    let mut entities = Vec::new();
    select_into(conn, filter, order, params, &mut entities)?;
    Ok(entities)
}

/// Appends the rows of `R` matching `filter` (over `?1`…), in `order`, to `into`.
pub(crate) fn select_into<R: Row>(
    conn: &rusqlite::Connection,
    filter: &str,
    order: &str,
    params: &[&dyn rusqlite::ToSql],
    into: &mut Vec<R>,
) -> Result<()> {
    let columns = std::iter::once("id").chain(R::COLUMNS.iter().copied());
    let qualified = columns.map(|c| format!("t.{c}")).collect::<Vec<_>>().join(", ");
    let sql = format!("SELECT {qualified} FROM {} t {filter} ORDER BY {order}", R::TABLE);
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut rows = stmt.query(params)?;
    while let Some(row) = rows.next()? {
        into.push(from_row(row)?);
    }
    Ok(())
}

fn from_row<R: Row>(row: &rusqlite::Row) -> Result<R> {
    let mut values = Values::new(row);
    let id = values.text()?;
    R::from_values(id, &mut values).map_err(|e| Error::invalid(format!("{} {}: {e}", R::NOUN, values.id())))
}

impl Row for Stage {
    const TABLE: &'static str = "stage";
    const NOUN: &'static str = "stage";
    const COLUMNS: &'static [&'static str] = &["name", "width"];
    fn id(&self) -> &str {
        &self.id
    }
    fn values(&self) -> Vec<Value> {
        vec![text(&self.name), Value::Real(self.width)]
    }
    fn from_values(id: String, v: &mut Values) -> Result<Self> {
        Ok(Stage { id, name: v.text()?, width: v.real()? })
    }
}

impl Row for Lane {
    const TABLE: &'static str = "lane";
    const NOUN: &'static str = "lane";
    const COLUMNS: &'static [&'static str] = &["kind", "name", "hidden"];
    fn id(&self) -> &str {
        &self.id
    }
    fn values(&self) -> Vec<Value> {
        vec![enum_name(&self.kind), text(&self.name), Value::Integer(self.hidden.into())]
    }
    fn from_values(id: String, v: &mut Values) -> Result<Self> {
        Ok(Lane { id, kind: v.enumeration()?, name: v.text()?, hidden: v.flag()? })
    }
}

impl Row for Channel {
    const TABLE: &'static str = "channel";
    const NOUN: &'static str = "channel";
    const COLUMNS: &'static [&'static str] = &["name", "mode", "icon"];
    fn id(&self) -> &str {
        &self.id
    }
    fn values(&self) -> Vec<Value> {
        vec![text(&self.name), enum_name(&self.mode), text(&self.icon)]
    }
    fn from_values(id: String, v: &mut Values) -> Result<Self> {
        Ok(Channel { id, name: v.text()?, mode: v.enumeration()?, icon: v.text()? })
    }
}

impl Row for Department {
    const TABLE: &'static str = "department";
    const NOUN: &'static str = "department";
    const COLUMNS: &'static [&'static str] = &["name"];
    fn id(&self) -> &str {
        &self.id
    }
    fn values(&self) -> Vec<Value> {
        vec![text(&self.name)]
    }
    fn from_values(id: String, v: &mut Values) -> Result<Self> {
        Ok(Department { id, name: v.text()? })
    }
}

impl Row for Card {
    const TABLE: &'static str = "card";
    const NOUN: &'static str = "card";
    const COLUMNS: &'static [&'static str] = &[
        "stage_id",
        "lane_id",
        "kind",
        "text",
        "channel_id",
        "department_id",
        "persona_id",
        "cost",
        "effect",
        "notes",
        "votes",
    ];
    fn id(&self) -> &str {
        &self.id
    }
    fn values(&self) -> Vec<Value> {
        vec![
            text(&self.stage_id),
            text(&self.lane_id),
            enum_name(&self.kind),
            text(&self.text),
            opt_text(&self.channel_id),
            opt_text(&self.department_id),
            opt_text(&self.persona_id),
            opt_real(self.cost),
            opt_real(self.effect),
            text(&self.notes),
            Value::Integer(self.votes.into()),
        ]
    }
    fn from_values(id: String, v: &mut Values) -> Result<Self> {
        Ok(Card {
            id,
            stage_id: v.text()?,
            lane_id: v.text()?,
            kind: v.enumeration()?,
            text: v.text()?,
            channel_id: v.opt_text()?,
            department_id: v.opt_text()?,
            persona_id: v.opt_text()?,
            cost: v.opt_real()?,
            effect: v.opt_real()?,
            notes: v.text()?,
            votes: v.count()?,
        })
    }
}

impl Row for OrgPersona {
    const TABLE: &'static str = "org_persona";
    const NOUN: &'static str = "organisation";
    const COLUMNS: &'static [&'static str] =
        &["name", "industry", "company_size", "adoption_purpose", "budget_cycle"];
    fn id(&self) -> &str {
        &self.id
    }
    fn values(&self) -> Vec<Value> {
        vec![
            text(&self.name),
            text(&self.industry),
            text(&self.company_size),
            text(&self.adoption_purpose),
            text(&self.budget_cycle),
        ]
    }
    fn from_values(id: String, v: &mut Values) -> Result<Self> {
        Ok(OrgPersona {
            id,
            name: v.text()?,
            industry: v.text()?,
            company_size: v.text()?,
            adoption_purpose: v.text()?,
            budget_cycle: v.text()?,
        })
    }
}

impl Row for Persona {
    const TABLE: &'static str = "persona";
    const NOUN: &'static str = "persona";
    const COLUMNS: &'static [&'static str] = &[
        "org_id",
        "name",
        "title",
        "department",
        "decision_authority",
        "buying_role",
        "goals",
        "worries",
        "color",
        "stage_ids",
    ];
    fn id(&self) -> &str {
        &self.id
    }
    fn values(&self) -> Vec<Value> {
        vec![
            text(&self.org_id),
            text(&self.name),
            text(&self.title),
            text(&self.department),
            text(&self.decision_authority),
            enum_name(&self.buying_role),
            text(&self.goals),
            text(&self.worries),
            text(&self.color),
            json(&self.stage_ids),
        ]
    }
    fn from_values(id: String, v: &mut Values) -> Result<Self> {
        Ok(Persona {
            id,
            org_id: v.text()?,
            name: v.text()?,
            title: v.text()?,
            department: v.text()?,
            decision_authority: v.text()?,
            buying_role: v.enumeration()?,
            goals: v.text()?,
            worries: v.text()?,
            color: v.text()?,
            stage_ids: v.json("a persona's stages")?,
        })
    }
}

impl Row for EmotionPoint {
    const TABLE: &'static str = "emotion_point";
    const NOUN: &'static str = "emotion point";
    const COLUMNS: &'static [&'static str] = &["persona_id", "stage_id", "x", "score", "quote"];
    const ORDERED: bool = false;
    fn id(&self) -> &str {
        &self.id
    }
    fn values(&self) -> Vec<Value> {
        vec![
            text(&self.persona_id),
            text(&self.stage_id),
            Value::Real(self.x),
            Value::Real(self.score),
            text(&self.quote),
        ]
    }
    fn from_values(id: String, v: &mut Values) -> Result<Self> {
        Ok(EmotionPoint {
            id,
            persona_id: v.text()?,
            stage_id: v.text()?,
            x: v.real()?,
            score: v.real()?,
            quote: v.text()?,
        })
    }
}

impl Row for Kpi {
    const TABLE: &'static str = "kpi";
    const NOUN: &'static str = "KPI";
    const COLUMNS: &'static [&'static str] = &[
        "stage_id", "name", "unit", "target", "actual", "period", "source", "history", "funnel", "better",
        "sample",
    ];
    fn id(&self) -> &str {
        &self.id
    }
    fn values(&self) -> Vec<Value> {
        vec![
            text(&self.stage_id),
            text(&self.name),
            text(&self.unit),
            opt_real(self.target),
            opt_real(self.actual),
            text(&self.period),
            text(&self.source),
            json(&self.history),
            Value::Integer(self.funnel.into()),
            text(self.better.code()),
            Value::Integer(self.sample.into()),
        ]
    }
    fn from_values(id: String, v: &mut Values) -> Result<Self> {
        Ok(Kpi {
            id,
            stage_id: v.text()?,
            name: v.text()?,
            unit: v.text()?,
            target: v.opt_real()?,
            actual: v.opt_real()?,
            period: v.text()?,
            source: v.text()?,
            history: v.json("a KPI's history")?,
            funnel: v.flag()?,
            better: {
                let code = v.text()?;
                Better::parse(&code)
                    .ok_or_else(|| Error::invalid(format!("unknown KPI direction {code:?}")))?
            },
            sample: v.flag()?,
        })
    }
}

/// The map's title, description and language (one row).
pub(crate) fn update_info(tx: &Transaction, info: &MapInfo) -> Result<()> {
    tx.execute(
        "UPDATE map_info SET title = ?1, description = ?2, language = ?3, fiscal_year_start = ?4 WHERE id = 1",
        (&info.title, &info.description, info.language.code(), info.fiscal_year_start),
    )?;
    Ok(())
}

pub(crate) fn fetch_info(conn: &rusqlite::Connection) -> Result<MapInfo> {
    let row = conn.query_row(
        "SELECT title, description, language, created_at, updated_at, fiscal_year_start FROM map_info WHERE id = 1",
        [],
        |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, u8>(5)?,
            ))
        },
    )?;
    let (title, description, language, created_at, updated_at, fiscal_year_start) = row;
    let language = Language::parse(&language)
        .ok_or_else(|| Error::invalid(format!("unknown map language {language:?}")))?;
    Ok(MapInfo { title, description, language, created_at, updated_at, fiscal_year_start })
}

/// Writes a whole map into an empty database, keeping its timestamps if it has them.
pub(crate) fn insert_map(tx: &Transaction, map: &Map) -> Result<()> {
    tx.execute(
        "INSERT INTO map_info (id, title, description, language, created_at, updated_at, fiscal_year_start)
         VALUES (1, ?1, ?2, ?3,
                 COALESCE(NULLIF(?4, ''), strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
                 COALESCE(NULLIF(?5, ''), strftime('%Y-%m-%dT%H:%M:%fZ', 'now')), ?6)",
        (
            &map.info.title,
            &map.info.description,
            map.info.language.code(),
            &map.info.created_at,
            &map.info.updated_at,
            map.info.fiscal_year_start,
        ),
    )?;
    insert_listed(tx, &map.stages)?;
    insert_listed(tx, &map.lanes)?;
    insert_listed(tx, &map.channels)?;
    insert_listed(tx, &map.departments)?;
    insert_listed(tx, &map.orgs)?;
    insert_grouped(tx, &map.personas, |p| vec![p.org_id.as_str()])?;
    insert_grouped(tx, &map.cards, |c| vec![c.stage_id.as_str(), c.lane_id.as_str()])?;
    insert_grouped(tx, &map.kpis, |k| vec![k.stage_id.as_str()])?;
    for point in &map.emotion_points {
        insert(tx, point, None)?;
    }
    Ok(())
}

/// Empties every table of the map, dependents first, leaving the schema and the revisions.
pub(crate) fn clear_map(tx: &Transaction) -> Result<()> {
    for table in [
        "emotion_point",
        "kpi",
        "card",
        "persona",
        "org_persona",
        "department",
        "channel",
        "lane",
        "stage",
        "map_info",
    ] {
        tx.execute(&format!("DELETE FROM {table}"), [])?;
    }
    Ok(())
}

/// Inserts the rows of one list, in the order they are given.
pub(crate) fn insert_listed<R: Row>(tx: &Transaction, rows: &[R]) -> Result<()> {
    for (index, row) in rows.iter().enumerate() {
        insert(tx, row, Some(spaced(index)))?;
    }
    Ok(())
}

/// Inserts rows whose positions count within a group (a cell, an organisation, a stage), in the
/// order the rows are listed.
pub(crate) fn insert_grouped<'a, R: Row>(
    tx: &Transaction,
    rows: &'a [R],
    group: impl Fn(&'a R) -> Vec<&'a str>,
) -> Result<()> {
    let mut next: std::collections::HashMap<Vec<&str>, usize> = Default::default();
    for row in rows {
        let slot = next.entry(group(row)).or_default();
        insert(tx, row, Some(spaced(*slot)))?;
        *slot += 1;
    }
    Ok(())
}
