//! Periods of actuals: the text a period is kept as (`2026-11`, `2026-Q3`, `FY2026`,
//! `FY2026-Q1`), the period a date falls in, how periods sort, and how they are shown.
//!
//! A fiscal year is named after the calendar year it begins in: with April as its first month,
//! FY2026 runs from April 2026 to March 2027, and its first quarter (`FY2026-Q1`) is April to
//! June 2026. The `FY` prefix keeps a fiscal period from being taken for a calendar one.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::model::Language;

/// What period a date in the period column falls into.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum PeriodUnit {
    /// The column holds periods, kept as written (`2026/11` and `2026年11月` read as `2026-11`).
    #[default]
    AsWritten,
    Month,
    /// Calendar quarters: `2026-Q3`.
    Quarter,
    /// `FY2026`, from the map's fiscal year's first month.
    FiscalYear,
    /// `FY2026-Q1`: the first three months of FY2026.
    FiscalQuarter,
}

/// A calendar date as CRM and spreadsheet exports write it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Date {
    year: i32,
    month: u32,
}

/// The period `text` names: as written, or the month, quarter, fiscal year or fiscal quarter
/// its date falls in. `Err` says why a date could not be read.
pub fn bucket(text: &str, unit: PeriodUnit, fiscal_start: u8) -> Result<String, String> {
    let trimmed = text.trim();
    if unit == PeriodUnit::AsWritten {
        return Ok(as_written(trimmed));
    }
    let date = date(trimmed).ok_or_else(|| {
        format!("{trimmed:?} is not a date (such as 2026-11-05, 2026/11/05, 2026年11月5日 or 11/5/2026)")
    })?;
    let start = u32::from(fiscal_start.clamp(1, 12));
    let fiscal_year = if date.month >= start { date.year } else { date.year - 1 };
    Ok(match unit {
        PeriodUnit::AsWritten | PeriodUnit::Month => format!("{}-{:02}", date.year, date.month),
        PeriodUnit::Quarter => format!("{}-Q{}", date.year, (date.month - 1) / 3 + 1),
        PeriodUnit::FiscalYear => format!("FY{fiscal_year}"),
        PeriodUnit::FiscalQuarter => format!("FY{fiscal_year}-Q{}", (date.month + 12 - start) % 12 / 3 + 1),
    })
}

/// A period as the same text however it was written: `2026/11`, `2026年11月` and `2026-11`
/// become `2026-11`; a full date becomes `2026-11-30`; anything else (`2026-Q3`) is kept.
pub fn as_written(text: &str) -> String {
    let trimmed = text.trim();
    let parts: Vec<&str> =
        trimmed.split(['-', '/', '.', '年', '月', '日']).filter(|p| !p.is_empty()).collect();
    let all_digits = parts.iter().all(|p| p.chars().all(|c| c.is_ascii_digit()));
    let in_range = |v: &str, low: u32, high: u32| v.parse::<u32>().is_ok_and(|n| (low..=high).contains(&n));
    match parts.as_slice() {
        [y, m] if all_digits && y.len() == 4 && in_range(m, 1, 12) => {
            format!("{y}-{:02}", m.parse::<u32>().unwrap_or_default())
        }
        [y, m, d] if all_digits && y.len() == 4 && in_range(m, 1, 12) && in_range(d, 1, 31) => format!(
            "{y}-{:02}-{:02}",
            m.parse::<u32>().unwrap_or_default(),
            d.parse::<u32>().unwrap_or_default()
        ),
        _ => trimmed.to_owned(),
    }
}

/// The year and month of a date written year first (`2026-11-05`, `2026/11/05 10:22`,
/// `2026年11月5日`, `2026-11`) or month first as US exports write it (`11/5/2026`).
fn date(text: &str) -> Option<Date> {
    // A time after the date (`2026-11-05 10:22:00`, `2026-11-05T10:22Z`) does not matter here.
    let day_part = text.split([' ', 'T']).next().unwrap_or_default();
    let parts: Vec<&str> =
        day_part.split(['-', '/', '.', '年', '月', '日']).filter(|p| !p.is_empty()).collect();
    if parts.is_empty() || !parts.iter().all(|p| p.chars().all(|c| c.is_ascii_digit())) {
        return None;
    }
    let number = |p: &str| p.parse::<u32>().ok();
    let (year, month, day) = match parts.as_slice() {
        [y, m] if y.len() == 4 => (number(y)?, number(m)?, 1),
        [y, m, d] if y.len() == 4 => (number(y)?, number(m)?, number(d)?),
        [m, d, y] if y.len() == 4 => (number(y)?, number(m)?, number(d)?),
        _ => return None,
    };
    let valid = (1..=12).contains(&month) && (1..=31).contains(&day) && (1900..=9999).contains(&year);
    valid.then_some(Date { year: year as i32, month })
}

/// Sorts periods by when they end: `2026-Q3` (ends in September) before `2026-10`, a month
/// before a later day, and `FY2026` (April start) with March 2027. Periods in no known form sort
/// after those, by their text.
pub fn order(period: &str, fiscal_start: u8) -> (bool, i32, u32, u32, String) {
    let known = |year: i32, month: u32, day: u32| Some((false, year, month, day, period.to_owned()));
    let year_of = |y: &str| y.parse::<i32>().ok().filter(|_| y.len() == 4);
    let start = u32::from(fiscal_start.clamp(1, 12));
    // The last month of the fiscal year `year`, three months after `quarter` quarters' start.
    let fiscal_end = |year: i32, months: u32| {
        let last = start - 1 + months; // months counted from January of `year`, 1-based
        known(year + ((last - 1) / 12) as i32, (last - 1) % 12 + 1, 31)
    };
    let parsed = if let Some(fiscal) = period.strip_prefix("FY") {
        match fiscal.split_once("-Q") {
            None => year_of(fiscal).and_then(|y| fiscal_end(y, 12)),
            Some((y, q)) => match (year_of(y), q.parse::<u32>().ok().filter(|q| (1..=4).contains(q))) {
                (Some(y), Some(q)) => fiscal_end(y, q * 3),
                _ => None,
            },
        }
    } else {
        match period.split('-').collect::<Vec<_>>().as_slice() {
            [y, q] if q.len() == 2 && (q.starts_with('Q') || q.starts_with('q')) => {
                let quarter = q[1..].parse::<u32>().ok().filter(|n| (1..=4).contains(n));
                year_of(y).zip(quarter).and_then(|(y, n)| known(y, n * 3, 31))
            }
            [y, m] => year_of(y)
                .zip(m.parse::<u32>().ok().filter(|m| (1..=12).contains(m)))
                .and_then(|(y, m)| known(y, m, 31)),
            [y, m, d] => match (year_of(y), m.parse::<u32>(), d.parse::<u32>()) {
                (Some(y), Ok(m), Ok(d)) => known(y, m, d),
                _ => None,
            },
            _ => None,
        }
    };
    parsed.unwrap_or_else(|| (true, 0, 0, 0, period.to_owned()))
}

/// A period as people read it: in Japanese a fiscal year is 年度 (`FY2026` is 2026年度); every
/// other period shows as kept.
pub fn label(period: &str, language: Language) -> String {
    let Some(fiscal) = period.strip_prefix("FY").filter(|_| language == Language::Ja) else {
        return period.to_owned();
    };
    match fiscal.split_once("-Q") {
        None if fiscal.len() == 4 && fiscal.chars().all(|c| c.is_ascii_digit()) => format!("{fiscal}年度"),
        Some((year, quarter)) if year.len() == 4 && matches!(quarter, "1" | "2" | "3" | "4") => {
            format!("{year}年度 第{quarter}四半期")
        }
        _ => period.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_written_as_people_write_them_read_alike() {
        for written in ["2026/11", "2026-11", "2026年11月", "2026.11"] {
            assert_eq!(as_written(written), "2026-11", "{written}");
        }
        assert_eq!(as_written("2026/11/30"), "2026-11-30");
        assert_eq!(as_written("2026年1月5日"), "2026-01-05");
        assert_eq!(as_written("2026-Q3"), "2026-Q3");
        assert_eq!(as_written("2026/13"), "2026/13");
    }

    #[test]
    fn dates_fall_into_months_quarters_and_fiscal_periods() {
        let april = 4;
        let cases = [
            ("2026-11-05", PeriodUnit::Month, "2026-11"),
            ("2026/11/05 10:22", PeriodUnit::Month, "2026-11"),
            ("2026-11-05T10:22:00Z", PeriodUnit::Quarter, "2026-Q4"),
            ("11/5/2026", PeriodUnit::Quarter, "2026-Q4"),
            ("2026年2月5日", PeriodUnit::Quarter, "2026-Q1"),
            ("2026-04-01", PeriodUnit::FiscalYear, "FY2026"),
            ("2027-03-31", PeriodUnit::FiscalYear, "FY2026"),
            ("2026-03-31", PeriodUnit::FiscalYear, "FY2025"),
            ("2026-04-30", PeriodUnit::FiscalQuarter, "FY2026-Q1"),
            ("2026-12-01", PeriodUnit::FiscalQuarter, "FY2026-Q3"),
            ("2027-01-15", PeriodUnit::FiscalQuarter, "FY2026-Q4"),
            ("2026-11", PeriodUnit::FiscalQuarter, "FY2026-Q3"),
        ];
        for (text, unit, expected) in cases {
            assert_eq!(bucket(text, unit, april).unwrap(), expected, "{text} as {unit:?}");
        }
        assert_eq!(bucket("2026-12-01", PeriodUnit::FiscalQuarter, 1).unwrap(), "FY2026-Q4", "January start");
        assert_eq!(bucket("2026-09-30", PeriodUnit::FiscalYear, 10).unwrap(), "FY2025", "October start");
        let error = bucket("来月", PeriodUnit::Month, april).unwrap_err();
        assert!(error.contains("\"来月\" is not a date"), "{error}");
        assert!(bucket("2026-13-01", PeriodUnit::Month, april).is_err());
    }

    #[test]
    fn periods_sort_by_when_they_end_fiscal_ones_included() {
        let mut periods = vec![
            "上期",
            "2026-11",
            "FY2026",
            "2026-Q3",
            "FY2026-Q1",
            "2026-10-05",
            "2025-Q4",
            "2026-10",
            "2027-04",
        ];
        periods.sort_by_key(|p| order(p, 4));
        assert_eq!(
            periods,
            [
                "2025-Q4",
                "FY2026-Q1",
                "2026-Q3",
                "2026-10-05",
                "2026-10",
                "2026-11",
                "FY2026",
                "2027-04",
                "上期"
            ]
        );
        assert_eq!(order("FY2026", 1).2, 12, "with a January start FY2026 ends in December 2026");
        assert_eq!(order("FY2026", 1).1, 2026);
    }

    #[test]
    fn fiscal_periods_read_as_nendo_in_japanese() {
        assert_eq!(label("FY2026", Language::Ja), "2026年度");
        assert_eq!(label("FY2026-Q1", Language::Ja), "2026年度 第1四半期");
        assert_eq!(label("FY2026", Language::En), "FY2026");
        assert_eq!(label("2026-11", Language::Ja), "2026-11");
        assert_eq!(label("FYI", Language::Ja), "FYI");
    }
}
