//! Reading the table inside a CRM, MA or spreadsheet export: the text in whatever encoding the
//! tool saved it (UTF-8 with or without a byte-order mark, UTF-16 with one as Excel's "Unicode
//! text", Shift_JIS as Japanese Excel's CSV), comma- or tab-separated, parsed by the `csv` crate;
//! the header, the data rows, and the footer a report export adds after them (totals, a
//! confidentiality line), which is set aside and shown rather than read as data.

use serde::Serialize;
use ts_rs::TS;

/// A row of fields and the line of the file it starts on (1-based).
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub line: usize,
    pub fields: Vec<String>,
}

/// A line after the data that is not data: a total, a note, a blank-separated remark.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct FooterLine {
    pub line: usize,
    pub text: String,
}

/// A file's table: its header, data rows and footer.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// The encoding the file was read in, as people know it: `UTF-8`, `UTF-16LE`, `Shift_JIS`.
    pub encoding: &'static str,
    pub header: Row,
    pub rows: Vec<Row>,
    pub footer: Vec<FooterLine>,
}

/// What the first cell of a total row that report exports put under their data says, alone or
/// followed by a count in brackets or a colon (`Grand Totals (24 records)`).
const TOTAL_WORDS: [&str; 8] =
    ["合計", "総計", "小計", "total", "totals", "grand total", "grand totals", "subtotal"];

/// The file's text and its encoding's name; `Err` when it is no text Tabiji can read.
pub fn decode(bytes: &[u8]) -> Result<(String, &'static str), String> {
    let utf16 = match bytes {
        [0xFF, 0xFE, ..] => Some((encoding_rs::UTF_16LE, "UTF-16LE")),
        [0xFE, 0xFF, ..] => Some((encoding_rs::UTF_16BE, "UTF-16BE")),
        _ => None,
    };
    if let Some((encoding, name)) = utf16 {
        let (text, had_errors) = encoding.decode_with_bom_removal(bytes);
        if had_errors {
            return Err(format!("the file starts as {name} text but is not valid {name}"));
        }
        return Ok((text.into_owned(), name));
    }
    if bytes.contains(&0) {
        return Err("the file is not text (it holds NUL bytes)".into());
    }
    let bytes = bytes.strip_prefix("\u{FEFF}".as_bytes()).unwrap_or(bytes);
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok((text.to_owned(), "UTF-8"));
    }
    // encoding_rs's Shift_JIS is the WHATWG one, which is Windows' code page 932 (CP932).
    let (text, _, had_errors) = encoding_rs::SHIFT_JIS.decode(bytes);
    if had_errors {
        return Err("the file is neither UTF-8, UTF-16 nor Shift_JIS text".into());
    }
    Ok((text.into_owned(), "Shift_JIS"))
}

/// The separator the header line uses: a tab when it has more tabs than commas.
fn separator(text: &str) -> u8 {
    let header = text.lines().find(|l| !l.trim().is_empty()).unwrap_or_default();
    if header.matches('\t').count() > header.matches(',').count() {
        b'\t'
    } else {
        b','
    }
}

/// Reads `bytes` as a table. `Err` names the line where the shape breaks: a quoted field that
/// never closes, or a row inside the data with more or fewer fields than the header.
pub fn read(bytes: &[u8]) -> Result<Table, String> {
    let (text, encoding) = decode(bytes)?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(separator(&text))
        .from_reader(text.as_bytes());
    let mut rows: Vec<Row> = Vec::new();
    let mut lines = LineCounter { text: &text, offset: 0, line: 1 };
    for record in reader.records() {
        let record = record.map_err(|e| format!("the file cannot be read as CSV: {e}"))?;
        let line = lines.line_at(record.position().map_or(0, |p| p.byte() as usize));
        let fields: Vec<String> = record.iter().map(str::to_owned).collect();
        // A line of separators only (`,,,`) is as blank as an empty one.
        if fields.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        rows.push(Row { line, fields });
    }
    if let Some(last) = rows.last() {
        // The csv crate reads an unclosed quote to the end of the file as one field.
        if ends_inside_quotes(&text[lines.offset..], separator(&text)) {
            return Err(format!("line {}: a quoted field is never closed", last.line));
        }
    }
    if rows.is_empty() {
        return Err("the file is empty".into());
    }
    let header = rows.remove(0);
    let width = header.fields.len();
    let footer_from = footer_start(&rows);
    let footer = rows
        .split_off(footer_from)
        .into_iter()
        .map(|row| {
            let cells: Vec<&str> = row.fields.iter().map(|f| f.trim()).filter(|f| !f.is_empty()).collect();
            FooterLine { line: row.line, text: cells.join(" ") }
        })
        .collect();
    if let Some(row) = rows.iter().find(|r| r.fields.len() != width) {
        return Err(format!("line {}: {} field(s) where the header has {width}", row.line, row.fields.len()));
    }
    Ok(Table { encoding, header, rows, footer })
}

/// Whether the last record's text (from its start to the end of the file) leaves a quoted field
/// open: RFC 4180 quoting, where a quote opens a field only at its start.
fn ends_inside_quotes(last_record: &str, separator: u8) -> bool {
    let mut inside = false;
    let mut field_start = true;
    let mut bytes = last_record.bytes().peekable();
    while let Some(b) = bytes.next() {
        match (inside, b) {
            (true, b'"') if bytes.peek() == Some(&b'"') => {
                bytes.next();
            }
            (true, b'"') => inside = false,
            (true, _) => {}
            (false, b'"') if field_start => inside = true,
            (false, b'\n') => field_start = true,
            (false, b) => field_start = b == separator,
        }
        if inside {
            field_start = false;
        }
    }
    inside
}

/// Line numbers of records by their byte offsets, counted forward as the records are read.
struct LineCounter<'a> {
    text: &'a str,
    offset: usize,
    line: usize,
}

impl LineCounter<'_> {
    /// The line a record starts on. The reader puts a record's start just after the previous
    /// record's terminator, before any blank lines, which are skipped here.
    fn line_at(&mut self, offset: usize) -> usize {
        let bytes = self.text.as_bytes();
        let mut at = offset.min(bytes.len());
        self.line += bytes[self.offset.min(at)..at].iter().filter(|&&b| b == b'\n').count();
        while let Some(rest) = bytes.get(at..) {
            let skip = match rest {
                [b'\r', b'\n', ..] => 2,
                [b'\n', ..] => 1,
                [b'\r', ..] => 1,
                _ => break,
            };
            if rest[skip - 1] == b'\n' {
                self.line += 1;
            }
            at += skip;
        }
        self.offset = at;
        self.line
    }
}

/// Where the footer begins: the run of rows at the end that are each a total row or a note (one
/// cell of text: a confidentiality line, a copyright). Any other row of another width than the
/// header is not a footer but an error.
fn footer_start(rows: &[Row]) -> usize {
    let is_total = |row: &Row| {
        let first = row.fields.iter().map(|f| f.trim()).find(|f| !f.is_empty()).unwrap_or_default();
        let first = first.to_lowercase();
        TOTAL_WORDS.iter().any(|word| {
            first.strip_prefix(word).is_some_and(|rest| {
                let rest = rest.trim_start();
                rest.is_empty() || rest.starts_with(['(', '（', ':', '：'])
            })
        })
    };
    let is_note = |row: &Row| row.fields.iter().filter(|f| !f.trim().is_empty()).count() <= 1;
    rows.iter().rposition(|row| !is_total(row) && !is_note(row)).map_or(0, |last| last + 1)
}

/// Cells that mean "no figure": what spreadsheets and CRMs put where a value is missing.
const MISSING: [&str; 12] = ["", "-", "－", "—", "–", "―", "n/a", "#n/a", "na", "null", "none", "なし"];

/// What a figure cell holds.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Figure {
    Number(f64),
    /// Empty, or a marker of a missing value.
    Missing,
    NotANumber,
}

pub fn figure(text: &str) -> Figure {
    let trimmed = text.trim();
    if MISSING.contains(&trimmed.to_lowercase().as_str()) {
        return Figure::Missing;
    }
    number(trimmed).map_or(Figure::NotANumber, Figure::Number)
}

/// A figure as spreadsheets write it: thousands separators, full-width digits, a currency sign
/// before or a percent sign after.
pub fn number(text: &str) -> Option<f64> {
    let half: String = text
        .trim()
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            '．' => '.',
            '－' | '−' => '-',
            '，' => ',',
            c => c,
        })
        .collect();
    let bare = half.trim_start_matches(['¥', '￥', '$', '€']).trim_end_matches(['%', '％']).trim();
    let digits: String = bare.chars().filter(|c| !matches!(c, ',' | '_' | ' ')).collect();
    if digits.is_empty() {
        return None;
    }
    digits.parse::<f64>().ok().filter(|v| v.is_finite())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(table: &Table) -> Vec<Vec<&str>> {
        table.rows.iter().map(|r| r.fields.iter().map(String::as_str).collect()).collect()
    }

    #[test]
    fn every_encoding_excel_and_crms_save_in_reads_as_the_same_table() {
        let text = "KPI\t実績\n資料請求\t240\n";
        let (sjis, _, _) = encoding_rs::SHIFT_JIS.encode(text);
        let utf16le: Vec<u8> =
            [0xFF, 0xFE].into_iter().chain(text.encode_utf16().flat_map(u16::to_le_bytes)).collect();
        let utf16be: Vec<u8> =
            [0xFE, 0xFF].into_iter().chain(text.encode_utf16().flat_map(u16::to_be_bytes)).collect();
        let with_bom = format!("\u{FEFF}{text}");
        let inputs: [(&[u8], &str); 5] = [
            (text.as_bytes(), "UTF-8"),
            (with_bom.as_bytes(), "UTF-8"),
            (&sjis, "Shift_JIS"),
            (&utf16le, "UTF-16LE"),
            (&utf16be, "UTF-16BE"),
        ];
        for (bytes, encoding) in inputs {
            let table = read(bytes).unwrap();
            assert_eq!(table.encoding, encoding);
            assert_eq!(table.header.fields, ["KPI", "実績"], "{encoding}");
            assert_eq!(fields(&table), [["資料請求", "240"]], "{encoding}");
        }
        assert!(decode(&[0x81, 0x20, 0x41]).is_err(), "a Shift_JIS lead byte without its trail");
        assert!(decode(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").is_err(), "a picture is not a CSV");
        assert!(decode(&[0xFF, 0xFE, 0x00, 0xD8]).is_err(), "a lone UTF-16 surrogate");
    }

    #[test]
    fn quoted_fields_hold_separators_quotes_and_line_breaks() {
        let table = read(b"a,b\r\n\"1,234\",\"say \"\"hi\"\"\nthere\"\r\n\r\nx,y").unwrap();
        assert_eq!(fields(&table), [vec!["1,234", "say \"hi\"\nthere"], vec!["x", "y"]]);
        assert_eq!(
            (table.rows[0].line, table.rows[1].line),
            (2, 5),
            "blank lines are skipped, lines still count"
        );
        assert_eq!(read(b"a,b\n\"open,1").unwrap_err(), "line 2: a quoted field is never closed");
        assert_eq!(read(b"a,b\n\"open\n1,2\n").unwrap_err(), "line 2: a quoted field is never closed");
    }

    #[test]
    fn a_report_footer_is_set_aside_and_a_broken_row_inside_the_data_is_named() {
        let export = "商談名,フェーズ,金額\nA社,提案,100\nB社,受注,200\n\n合計,,300\n\n\"機密情報 - 社外秘\"\n\"Copyright (c) 2000-2026 salesforce.com, inc.\"\n";
        let table = read(export.as_bytes()).unwrap();
        assert_eq!(table.rows.len(), 2);
        let footer: Vec<(usize, &str)> = table.footer.iter().map(|f| (f.line, f.text.as_str())).collect();
        assert_eq!(
            footer,
            [(5, "合計 300"), (7, "機密情報 - 社外秘"), (8, "Copyright (c) 2000-2026 salesforce.com, inc.")]
        );
        let broken = "商談名,フェーズ,金額\nA社,提案\nB社,受注,200\n";
        assert_eq!(read(broken.as_bytes()).unwrap_err(), "line 2: 2 field(s) where the header has 3");
        let long = "商談名,フェーズ,金額\nA社,提案,100,余分\nB社,受注,200\n";
        assert_eq!(read(long.as_bytes()).unwrap_err(), "line 2: 4 field(s) where the header has 3");
        assert_eq!(read(b"\n\n").unwrap_err(), "the file is empty");
    }

    #[test]
    fn figures_are_read_as_people_write_them_and_markers_are_missing_values() {
        assert_eq!(number("1,234"), Some(1234.0));
        assert_eq!(number("１，２３４．５"), Some(1234.5));
        assert_eq!(number("¥300,000"), Some(300000.0));
        assert_eq!(number("12.5%"), Some(12.5));
        assert_eq!(number("-3"), Some(-3.0));
        assert_eq!(number("12x"), None);
        for missing in ["", " ", "—", "-", "N/A", "#N/A", "なし"] {
            assert_eq!(figure(missing), Figure::Missing, "{missing:?}");
        }
        assert_eq!(figure("-3"), Figure::Number(-3.0));
        assert_eq!(figure("abc"), Figure::NotANumber);
    }
}
