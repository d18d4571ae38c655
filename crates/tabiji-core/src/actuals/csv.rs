//! Reading a CSV export from a CRM or marketing-automation tool: the text in UTF-8 (with or
//! without a byte-order mark) or Shift_JIS (Japanese Excel), comma- or tab-separated, with quoted
//! fields that may hold separators, quotes and line breaks.

/// A row of fields and the line of the file it starts on (1-based).
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    pub line: usize,
    pub fields: Vec<String>,
}

/// The file's text: UTF-8 when it is valid UTF-8 (a byte-order mark is dropped), otherwise
/// Shift_JIS, the encoding Japanese Excel saves CSV in; `Err` when it is neither.
pub fn decode(bytes: &[u8]) -> Result<String, String> {
    if bytes.contains(&0) {
        return Err("the file is not text (it holds NUL bytes)".into());
    }
    let bytes = bytes.strip_prefix("\u{FEFF}".as_bytes()).unwrap_or(bytes);
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok(text.to_owned());
    }
    let (text, _, had_errors) = encoding_rs::SHIFT_JIS.decode(bytes);
    if had_errors {
        return Err("the file is neither UTF-8 nor Shift_JIS text".into());
    }
    Ok(text.into_owned())
}

/// The separator the header line uses: a tab when it has more tabs than commas.
fn separator(text: &str) -> char {
    let header = text.lines().next().unwrap_or_default();
    if header.matches('\t').count() > header.matches(',').count() {
        '\t'
    } else {
        ','
    }
}

/// Splits the text into records (RFC 4180: fields in double quotes may hold the separator,
/// doubled quotes and line breaks). Blank lines are skipped. `Err` names the line where a quoted
/// field starts and never ends.
pub fn records(text: &str) -> Result<Vec<Record>, String> {
    let separator = separator(text);
    let mut records = Vec::new();
    let mut fields = Vec::new();
    let mut field = String::new();
    let mut line = 1;
    let mut record_line = 1;
    let mut quoted_from: Option<usize> = None;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if quoted_from.is_some() {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => quoted_from = None,
                '\n' => {
                    line += 1;
                    field.push('\n');
                }
                '\r' => {}
                c => field.push(c),
            }
            continue;
        }
        match c {
            '"' if field.trim().is_empty() => {
                field.clear();
                quoted_from = Some(line);
            }
            c if c == separator => fields.push(std::mem::take(&mut field)),
            '\r' => {}
            '\n' => {
                fields.push(std::mem::take(&mut field));
                end_record(&mut records, &mut fields, record_line);
                line += 1;
                record_line = line;
            }
            c => field.push(c),
        }
    }
    if let Some(start) = quoted_from {
        return Err(format!("line {start}: a quoted field is never closed"));
    }
    fields.push(field);
    end_record(&mut records, &mut fields, record_line);
    Ok(records)
}

fn end_record(records: &mut Vec<Record>, fields: &mut Vec<String>, line: usize) {
    let taken = std::mem::take(fields);
    if taken.iter().any(|f| !f.trim().is_empty()) {
        records.push(Record { line, fields: taken });
    }
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

/// A period as the same text however it was written: `2026/11`, `2026年11月` and `2026-11`
/// become `2026-11`; a full date becomes `2026-11-30`; anything else (`2026-Q3`) is kept.
pub fn period(text: &str) -> String {
    let trimmed = text.trim();
    let parts: Vec<&str> =
        trimmed.split(['-', '/', '.', '年', '月', '日']).filter(|p| !p.is_empty()).collect();
    let all_digits = parts.iter().all(|p| p.chars().all(|c| c.is_ascii_digit()));
    let in_range = |v: &str, low: u32, high: u32| v.parse::<u32>().is_ok_and(|n| (low..=high).contains(&n));
    match parts.as_slice() {
        [y, m] if all_digits && y.len() == 4 && in_range(m, 1, 12) => {
            format!("{y}-{:02}", m.parse::<u32>().unwrap())
        }
        [y, m, d] if all_digits && y.len() == 4 && in_range(m, 1, 12) && in_range(d, 1, 31) => {
            format!("{y}-{:02}-{:02}", m.parse::<u32>().unwrap(), d.parse::<u32>().unwrap())
        }
        _ => trimmed.to_owned(),
    }
}

/// Sorts periods by when they end: `2026-Q3` (ends in September) before `2026-10`, a month
/// before a later day. Periods in no known form sort after those, by their text.
pub fn period_order(period: &str) -> (bool, i32, u32, u32, String) {
    let known = |year: &str, month: u32, day: u32| -> Option<(bool, i32, u32, u32, String)> {
        let year = year.parse::<i32>().ok().filter(|_| year.len() == 4)?;
        Some((false, year, month, day, period.to_owned()))
    };
    let parsed = match period.split('-').collect::<Vec<_>>().as_slice() {
        [y, q] if q.len() == 2 && (q.starts_with('Q') || q.starts_with('q')) => {
            q[1..].parse::<u32>().ok().filter(|n| (1..=4).contains(n)).and_then(|n| known(y, n * 3, 31))
        }
        [y, m] => m.parse::<u32>().ok().filter(|m| (1..=12).contains(m)).and_then(|m| known(y, m, 31)),
        [y, m, d] => match (m.parse::<u32>(), d.parse::<u32>()) {
            (Ok(m), Ok(d)) => known(y, m, d),
            _ => None,
        },
        _ => None,
    };
    parsed.unwrap_or_else(|| (true, 0, 0, 0, period.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_or_without_a_bom_and_shift_jis_decode_to_the_same_text() {
        let text = "KPI,実績\n資料請求,240\n";
        let (sjis, _, _) = encoding_rs::SHIFT_JIS.encode(text);
        assert_eq!(decode(text.as_bytes()).unwrap(), text);
        assert_eq!(decode(format!("\u{FEFF}{text}").as_bytes()).unwrap(), text);
        assert_eq!(decode(&sjis).unwrap(), text);
        assert!(decode(&[0x81, 0x20, 0x41]).is_err(), "a Shift_JIS lead byte without its trail");
        assert!(decode(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").is_err(), "a picture is not a CSV");
    }

    #[test]
    fn quoted_fields_hold_separators_quotes_and_line_breaks() {
        let rows = records("a,b\r\n\"1,234\",\"say \"\"hi\"\"\nthere\"\r\n\r\nx,y").unwrap();
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[1].fields, ["1,234", "say \"hi\"\nthere"]);
        assert_eq!((rows[1].line, rows[2].line), (2, 5), "blank lines are skipped, lines still count");
        let tabs = records("KPI\t実績\n資料請求\t1,240").unwrap();
        assert_eq!(tabs[1].fields, ["資料請求", "1,240"]);
        assert_eq!(records("a,b\n\"open,1").unwrap_err(), "line 2: a quoted field is never closed");
    }

    #[test]
    fn figures_and_periods_are_read_as_people_write_them() {
        assert_eq!(number("1,234"), Some(1234.0));
        assert_eq!(number("１，２３４．５"), Some(1234.5));
        assert_eq!(number("¥300,000"), Some(300000.0));
        assert_eq!(number("12.5%"), Some(12.5));
        assert_eq!(number("-3"), Some(-3.0));
        assert_eq!(number("12x"), None);
        assert_eq!(number(""), None);
        for written in ["2026/11", "2026-11", "2026年11月", "2026.11"] {
            assert_eq!(period(written), "2026-11", "{written}");
        }
        assert_eq!(period("2026/11/30"), "2026-11-30");
        assert_eq!(period("2026年1月5日"), "2026-01-05");
        assert_eq!(period("2026-Q3"), "2026-Q3");
        assert_eq!(period("2026/13"), "2026/13");
    }

    #[test]
    fn periods_sort_by_when_they_end() {
        let mut periods = vec!["上期", "2026-11", "2026-Q3", "2026-10-05", "2025-Q4", "2026-10"];
        periods.sort_by_key(|p| period_order(p));
        assert_eq!(periods, ["2025-Q4", "2026-Q3", "2026-10-05", "2026-10", "2026-11", "上期"]);
    }
}
