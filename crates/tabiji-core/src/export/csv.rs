//! CSV of a map's cards and of its KPIs, for spreadsheets: UTF-8 with a byte-order mark so that
//! Excel reads Japanese correctly, CRLF line ends, RFC 4180 quoting, column names in the map's
//! language, and text that a spreadsheet would run as a formula neutralised.

use std::collections::HashMap;

use crate::model::{Card, CardKind, Language, Map};

const BOM: &str = "\u{FEFF}";

/// One row per card, in map order: stage, lane, kind, text, channel, department, persona, cost,
/// effect, notes (names, not ids), and the dots of the latest vote.
pub fn cards(map: &Map) -> String {
    let names = Names::of(map);
    let header = match map.info.language {
        Language::Ja => [
            "ステージ",
            "レーン",
            "種類",
            "テキスト",
            "チャネル",
            "部署",
            "ペルソナ",
            "コスト",
            "効果",
            "メモ",
            "投票",
        ],
        Language::En => [
            "Stage",
            "Lane",
            "Kind",
            "Text",
            "Channel",
            "Department",
            "Persona",
            "Cost",
            "Effect",
            "Notes",
            "Votes",
        ],
    };
    let mut table = Table::new(&header);
    for card in in_map_order(map) {
        table.row(&[
            Cell::Text(names.get(&card.stage_id)),
            Cell::Text(names.get(&card.lane_id)),
            Cell::Text(kind_name(card.kind, map.info.language)),
            Cell::Text(&card.text),
            Cell::Text(card.channel_id.as_deref().map_or("", |id| names.get(id))),
            Cell::Text(card.department_id.as_deref().map_or("", |id| names.get(id))),
            Cell::Text(card.persona_id.as_deref().map_or("", |id| names.get(id))),
            Cell::Number(card.cost),
            Cell::Number(card.effect),
            Cell::Text(&card.notes),
            Cell::Number(Some(f64::from(card.votes))),
        ]);
    }
    table.finish()
}

/// One row per KPI, stage by stage: stage, name, unit, target, actual, period, source.
pub fn kpis(map: &Map) -> String {
    let header = match map.info.language {
        Language::Ja => ["ステージ", "KPI", "単位", "目標", "実績", "期間", "出典"],
        Language::En => ["Stage", "KPI", "Unit", "Target", "Actual", "Period", "Source"],
    };
    let mut table = Table::new(&header);
    for stage in &map.stages {
        for kpi in map.kpis.iter().filter(|k| k.stage_id == stage.id) {
            table.row(&[
                Cell::Text(&stage.name),
                Cell::Text(&kpi.name),
                Cell::Text(&kpi.unit),
                Cell::Number(kpi.target),
                Cell::Number(kpi.actual),
                Cell::Text(&kpi.period),
                Cell::Text(&kpi.source),
            ]);
        }
    }
    table.finish()
}

/// A card kind as people call it, in the map's language.
fn kind_name(kind: CardKind, language: Language) -> &'static str {
    let (ja, en) = match kind {
        CardKind::Touchpoint => ("タッチポイント", "Touchpoint"),
        CardKind::Action => ("行動", "Action"),
        CardKind::Thought => ("思考", "Thought"),
        CardKind::PainPoint => ("課題", "Pain point"),
        CardKind::Initiative => ("施策", "Initiative"),
        CardKind::Owner => ("担当", "Owner"),
        CardKind::Note => ("メモ", "Note"),
    };
    match language {
        Language::Ja => ja,
        Language::En => en,
    }
}

/// Names of stages, lanes, channels, departments and personas by id.
struct Names<'a> {
    by_id: HashMap<&'a str, &'a str>,
}

impl<'a> Names<'a> {
    fn of(map: &'a Map) -> Names<'a> {
        let mut by_id = HashMap::new();
        by_id.extend(map.stages.iter().map(|s| (s.id.as_str(), s.name.as_str())));
        by_id.extend(map.lanes.iter().map(|l| (l.id.as_str(), l.name.as_str())));
        by_id.extend(map.channels.iter().map(|c| (c.id.as_str(), c.name.as_str())));
        by_id.extend(map.departments.iter().map(|d| (d.id.as_str(), d.name.as_str())));
        by_id.extend(map.personas.iter().map(|p| (p.id.as_str(), p.name.as_str())));
        Names { by_id }
    }

    fn get(&self, id: &str) -> &'a str {
        self.by_id.get(id).copied().unwrap_or("")
    }
}

/// Cards stage by stage, lane by lane, each cell in its order.
fn in_map_order(map: &Map) -> Vec<&Card> {
    let mut by_cell: HashMap<(&str, &str), Vec<&Card>> = HashMap::new();
    for card in &map.cards {
        by_cell.entry((&card.stage_id, &card.lane_id)).or_default().push(card);
    }
    let mut cards = Vec::with_capacity(map.cards.len());
    for stage in &map.stages {
        for lane in &map.lanes {
            cards.extend(by_cell.remove(&(stage.id.as_str(), lane.id.as_str())).unwrap_or_default());
        }
    }
    cards
}

enum Cell<'a> {
    Text(&'a str),
    Number(Option<f64>),
}

/// A table written by the `csv` crate: RFC 4180 quoting, CRLF line ends, after a byte-order mark.
struct Table {
    writer: csv::Writer<Vec<u8>>,
}

impl Table {
    fn new(header: &[&str]) -> Table {
        let writer =
            csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(BOM.as_bytes().to_vec());
        let mut table = Table { writer };
        let cells: Vec<Cell> = header.iter().map(|h| Cell::Text(h)).collect();
        table.row(&cells);
        table
    }

    fn row(&mut self, cells: &[Cell]) {
        let fields = cells.iter().map(|cell| match cell {
            Cell::Text(text) => neutralise(text),
            Cell::Number(Some(v)) => format!("{v}"),
            Cell::Number(None) => String::new(),
        });
        self.writer.write_record(fields).expect("writing to memory cannot fail");
    }

    fn finish(self) -> String {
        let bytes = self.writer.into_inner().expect("writing to memory cannot fail");
        String::from_utf8(bytes).expect("every field is UTF-8")
    }
}

/// A spreadsheet runs a cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return as
/// a formula (OWASP's CSV injection advice): such text gets a leading apostrophe, which shows
/// the text as written and runs nothing. Numbers are written as numbers and left alone.
fn neutralise(text: &str) -> String {
    match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{text}"),
        _ => text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised_and_fields_quoted() {
        assert_eq!(neutralise("=cmd|' /C calc'!A0"), "'=cmd|' /C calc'!A0");
        assert_eq!(neutralise("-1+1"), "'-1+1");
        assert_eq!(neutralise("展示会"), "展示会");
        let mut table = Table::new(&["a", "b"]);
        table.row(&[Cell::Text("a,b"), Cell::Text("say \"hi\"\nbye")]);
        table.row(&[Cell::Text("plain"), Cell::Number(Some(1.5))]);
        assert_eq!(table.finish(), "\u{FEFF}a,b\r\n\"a,b\",\"say \"\"hi\"\"\nbye\"\r\nplain,1.5\r\n");
    }
}
