//! Dates as people type them and as the bot shows them.
//!
//! [`parse_date`] is forgiving about how a date of service or a statement
//! date is written: `2026-03-14`, `03/14/2026`, `3/14/26`, `Mar 14, 2026`,
//! `march 14th`, `14 Mar`, `Sept 3`, `today`, `yesterday`. Slashed dates are
//! read the US way (month first). A date typed without a year is the most
//! recent such day that is not after `today`, which is passed in: this
//! module never reads the clock.

use chrono::{Datelike, NaiveDate};

/// Why a typed date was not accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateError {
    /// Not a date we can read (`tomorrowish`, `14`, empty).
    Unreadable,
    /// Shaped like a date but no such day exists (`Feb 30`, month 13).
    Impossible,
}

/// Years outside this range are not read as years (`14 Mar 0450` is not a date).
const YEARS: std::ops::RangeInclusive<i32> = 1900..=2199;

/// How far back a date typed without a year may reach; eight years always
/// includes a leap year, so `Feb 29` finds one.
const YEARS_BACK: i32 = 8;

/// Reads a date typed by a person, case-insensitively, ignoring surrounding
/// spaces and a trailing period.
///
/// Explicit future dates are returned as they are: whether a future date
/// of service makes sense is for the conversation to ask.
pub fn parse_date(input: &str, today: NaiveDate) -> Result<NaiveDate, DateError> {
    let text = normalize(input);
    match text.as_str() {
        "" => Err(DateError::Unreadable),
        "today" => Ok(today),
        "yesterday" => today.pred_opt().ok_or(DateError::Impossible),
        _ if is_numeric(&text) => parse_numeric(&text, today),
        _ => parse_words(&text, today),
    }
}

/// Like [`parse_date`], for a date expected ahead (a promised date, a due
/// date): a date typed without a year is the next one on or after `today`
/// ("Jun 13" typed on Jun 3 is this June, typed on Jun 20 is next June).
pub fn parse_date_ahead(input: &str, today: NaiveDate) -> Result<NaiveDate, DateError> {
    let as_past = parse_date(input, today)?;
    let relative = matches!(
        input.trim().trim_end_matches('.').to_lowercase().as_str(),
        "today" | "yesterday"
    );
    if relative || as_past >= today {
        return Ok(as_past);
    }
    let a_year_on = today.checked_add_months(chrono::Months::new(12)).unwrap_or(today);
    let as_next = parse_date(input, a_year_on)?;
    // The same date either way means the year was typed.
    Ok(if as_next == as_past { as_past } else { as_next })
}

/// Shows a date the short way people read it on a phone: `Tue, Jul 14`
/// in the current year, `Mon, Jul 14, 2025` otherwise.
pub fn format_date(date: NaiveDate, today: NaiveDate) -> String {
    if date.year() == today.year() {
        date.format("%a, %b %-d").to_string()
    } else {
        date.format("%a, %b %-d, %Y").to_string()
    }
}

/// Trims, drops one trailing period and lowercases.
fn normalize(input: &str) -> String {
    let text = input.trim();
    let text = text.strip_suffix('.').unwrap_or(text);
    text.trim().to_lowercase()
}

/// Only digits and `/` or `-` separators: `3/14/26`, `2026-03-14`.
fn is_numeric(text: &str) -> bool {
    text.chars().all(|c| c.is_ascii_digit() || c == '/' || c == '-') && text.chars().any(|c| c.is_ascii_digit())
}

/// Reads `YYYY-MM-DD`, `M/D/YYYY`, `M/D/YY`, `M-D-YYYY` and `M/D`. Month
/// first, as in the US, unless the first number cannot be a month and the
/// second can (`14/3/2026` is March 14).
fn parse_numeric(text: &str, today: NaiveDate) -> Result<NaiveDate, DateError> {
    if text.contains('/') && text.contains('-') {
        return Err(DateError::Unreadable);
    }
    let parts: Vec<&str> = text.split(['/', '-']).collect();
    if parts.iter().any(|part| part.is_empty()) {
        return Err(DateError::Unreadable);
    }
    let short = |part: &str| part.len() <= 2;
    match parts.as_slice() {
        [year, month, day] if year.len() == 4 && short(month) && short(day) => {
            on_day(year_number(year)?, number(month), number(day))
        }
        [first, second, year] if short(first) && short(second) => {
            let (month, day) = month_first_unless_impossible(first, second);
            on_day(year_number(year)?, month, day)
        }
        [first, second] if short(first) && short(second) => {
            let (month, day) = month_first_unless_impossible(first, second);
            most_recent(month, day, today)
        }
        _ => Err(DateError::Unreadable),
    }
}

/// `(month, day)` of two typed numbers: month first, but `14/3` (no month
/// 14, and 3 is a month) is day first.
fn month_first_unless_impossible(first: &str, second: &str) -> (u32, u32) {
    let (first, second) = (number(first), number(second));
    if first > 12 && (1..=12).contains(&second) {
        (second, first)
    } else {
        (first, second)
    }
}

/// Reads `Mar 14 2026`, `March 14`, `14 Mar`, `14th of March 2026`,
/// `14-Mar-26`, with an optional leading weekday (`Tue, Jul 14`).
fn parse_words(text: &str, today: NaiveDate) -> Result<NaiveDate, DateError> {
    let mut words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || ",-/.".contains(c))
        .filter(|word| !word.is_empty() && *word != "of")
        .collect();
    if words.len() > 2 && is_weekday(words[0]) {
        words.remove(0);
    }
    match words.as_slice() {
        [first, second] => {
            let (month, day) = month_and_day(first, second)?;
            most_recent(month, day, today)
        }
        [first, second, year] => {
            let (month, day) = month_and_day(first, second)?;
            on_day(year_number(year)?, month, day)
        }
        _ => Err(DateError::Unreadable),
    }
}

/// Finds which of two words is the month and which the day.
fn month_and_day(first: &str, second: &str) -> Result<(u32, u32), DateError> {
    if let Some(month) = month_number(first) {
        Ok((month, day_number(second)?))
    } else if let Some(month) = month_number(second) {
        Ok((month, day_number(first)?))
    } else {
        Err(DateError::Unreadable)
    }
}

/// `jan`, `january`, … `sept`, … `december` → 1..=12.
fn month_number(word: &str) -> Option<u32> {
    let month = match word {
        "jan" | "january" => 1,
        "feb" | "february" => 2,
        "mar" | "march" => 3,
        "apr" | "april" => 4,
        "may" => 5,
        "jun" | "june" => 6,
        "jul" | "july" => 7,
        "aug" | "august" => 8,
        "sep" | "sept" | "september" => 9,
        "oct" | "october" => 10,
        "nov" | "november" => 11,
        "dec" | "december" => 12,
        _ => return None,
    };
    Some(month)
}

fn is_weekday(word: &str) -> bool {
    matches!(
        word,
        "mon"
            | "monday"
            | "tue"
            | "tues"
            | "tuesday"
            | "wed"
            | "weds"
            | "wednesday"
            | "thu"
            | "thur"
            | "thurs"
            | "thursday"
            | "fri"
            | "friday"
            | "sat"
            | "saturday"
            | "sun"
            | "sunday"
    )
}

/// `14`, `3rd`, `14th` → the day number (range checked later).
fn day_number(word: &str) -> Result<u32, DateError> {
    let digits = ["st", "nd", "rd", "th"]
        .iter()
        .find_map(|suffix| word.strip_suffix(suffix))
        .unwrap_or(word);
    if (1..=2).contains(&digits.len()) && digits.chars().all(|c| c.is_ascii_digit()) {
        Ok(number(digits))
    } else {
        Err(DateError::Unreadable)
    }
}

/// Two-digit years are 20xx; four-digit years must be plausible.
fn year_number(word: &str) -> Result<i32, DateError> {
    if !word.chars().all(|c| c.is_ascii_digit()) {
        return Err(DateError::Unreadable);
    }
    let year = match word.len() {
        2 => 2000 + number(word) as i32,
        4 => number(word) as i32,
        _ => return Err(DateError::Unreadable),
    };
    if YEARS.contains(&year) {
        Ok(year)
    } else {
        Err(DateError::Unreadable)
    }
}

/// Parses at most four ASCII digits (callers check the shape first).
fn number(digits: &str) -> u32 {
    digits.parse().unwrap_or(0)
}

/// The day itself, or [`DateError::Impossible`] when it does not exist.
fn on_day(year: i32, month: u32, day: u32) -> Result<NaiveDate, DateError> {
    NaiveDate::from_ymd_opt(year, month, day).ok_or(DateError::Impossible)
}

/// The latest `month`/`day` that is not after `today`.
fn most_recent(month: u32, day: u32, today: NaiveDate) -> Result<NaiveDate, DateError> {
    (today.year() - YEARS_BACK..=today.year())
        .rev()
        .filter_map(|year| NaiveDate::from_ymd_opt(year, month, day))
        .find(|date| *date <= today)
        .ok_or(DateError::Impossible)
}

#[cfg(test)]
mod ahead_tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn dates_without_a_year_are_the_next_one() {
        let today = day(2026, 6, 3);
        assert_eq!(parse_date_ahead("Jun 13", today), Ok(day(2026, 6, 13)));
        assert_eq!(parse_date_ahead("6/1", today), Ok(day(2027, 6, 1)));
        assert_eq!(parse_date_ahead("Jun 3", today), Ok(day(2026, 6, 3)));
        assert_eq!(parse_date_ahead("today", today), Ok(today));
        assert_eq!(
            parse_date_ahead("2026-05-01", today),
            Ok(day(2026, 5, 1)),
            "a typed year is kept"
        );
        assert_eq!(parse_date_ahead("Jan 5", day(2026, 12, 20)), Ok(day(2027, 1, 5)));
        assert!(parse_date_ahead("13/45/2026", today).is_err());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(year: i32, month: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(year, month, day).unwrap()
    }

    /// A Wednesday.
    fn today() -> NaiveDate {
        day(2026, 4, 1)
    }

    #[test]
    fn reads_the_ways_people_write_dates() {
        let cases = [
            ("2026-03-14", day(2026, 3, 14)),
            ("03/14/2026", day(2026, 3, 14)),
            ("3/14/26", day(2026, 3, 14)),
            ("3-14-2026", day(2026, 3, 14)),
            ("Mar 14 2026", day(2026, 3, 14)),
            ("Mar 14, 2026", day(2026, 3, 14)),
            ("March 14", day(2026, 3, 14)),
            ("march 14th", day(2026, 3, 14)),
            ("14 March 2026", day(2026, 3, 14)),
            ("14 Mar", day(2026, 3, 14)),
            ("Sept 3", day(2025, 9, 3)),
            ("today", day(2026, 4, 1)),
            ("yesterday", day(2026, 3, 31)),
            ("  TODAY. ", day(2026, 4, 1)),
            ("MARCH 14.", day(2026, 3, 14)),
            ("Dec 14", day(2025, 12, 14)),
            ("Apr 1", day(2026, 4, 1)),
            ("Apr 2", day(2025, 4, 2)),
            ("1/2/2026", day(2026, 1, 2)),
            ("12/31/25", day(2025, 12, 31)),
            ("3/14", day(2026, 3, 14)),
            ("14-Mar-2026", day(2026, 3, 14)),
            ("Sep 30th, 2025", day(2025, 9, 30)),
            ("2nd of May 2025", day(2025, 5, 2)),
            ("Sept. 3, 2024", day(2024, 9, 3)),
            ("Tue, Jul 14, 2026", day(2026, 7, 14)),
            ("2028-02-29", day(2028, 2, 29)),
            ("Feb 29 2028", day(2028, 2, 29)),
            ("2030-01-01", day(2030, 1, 1)),
            ("  august 5  ", day(2025, 8, 5)),
            // Day first only when the first number cannot be a month.
            ("14/3/2026", day(2026, 3, 14)),
            ("31-12-2025", day(2025, 12, 31)),
            ("25/3", day(2026, 3, 25)),
            ("3/4/2026", day(2026, 3, 4)),
        ];
        for (typed, expected) in cases {
            assert_eq!(parse_date(typed, today()), Ok(expected), "typed {typed:?}");
        }
    }

    #[test]
    fn refuses_what_is_not_a_date() {
        let cases = [
            ("13/45/2026", DateError::Impossible),
            ("Feb 30", DateError::Impossible),
            ("tomorrowish", DateError::Unreadable),
            ("", DateError::Unreadable),
            ("   ", DateError::Unreadable),
            ("2026-02-29", DateError::Impossible),
            ("32 March", DateError::Impossible),
            ("0/10/2026", DateError::Impossible),
            ("April 31", DateError::Impossible),
            ("March", DateError::Unreadable),
            ("14", DateError::Unreadable),
            ("2026/03", DateError::Unreadable),
            ("Marchy 14", DateError::Unreadable),
            ("3/14/2026/1", DateError::Unreadable),
            ("Mar 14 20266", DateError::Unreadable),
            ("03/14/026", DateError::Unreadable),
            ("99285-25", DateError::Unreadable),
            ("3/14-2026", DateError::Unreadable),
            ("March 123", DateError::Unreadable),
            ("14 Mar 0450", DateError::Unreadable),
            ("1e5", DateError::Unreadable),
        ];
        for (typed, expected) in cases {
            assert_eq!(parse_date(typed, today()), Err(expected), "typed {typed:?}");
        }
    }

    #[test]
    fn a_date_without_a_year_is_the_latest_one_not_after_today() {
        let cases = [
            (day(2026, 1, 2), "Dec 30", day(2025, 12, 30)),
            (day(2026, 1, 2), "12/31", day(2025, 12, 31)),
            (day(2026, 1, 2), "Jan 2", day(2026, 1, 2)),
            (day(2026, 1, 2), "Jan 3", day(2025, 1, 3)),
            (day(2025, 12, 31), "Jan 1", day(2025, 1, 1)),
            (day(2025, 12, 31), "Dec 31", day(2025, 12, 31)),
            (day(2026, 1, 1), "yesterday", day(2025, 12, 31)),
            (day(2026, 11, 28), "Dec 14", day(2025, 12, 14)),
            (day(2026, 4, 1), "Feb 29", day(2024, 2, 29)),
            (day(2028, 3, 1), "Feb 29", day(2028, 2, 29)),
        ];
        for (today, typed, expected) in cases {
            assert_eq!(parse_date(typed, today), Ok(expected), "typed {typed:?} on {today}");
        }
    }

    #[test]
    fn shows_the_year_only_when_it_is_not_this_one() {
        assert_eq!(format_date(day(2026, 7, 14), today()), "Tue, Jul 14");
        assert_eq!(format_date(day(2025, 7, 14), today()), "Mon, Jul 14, 2025");
        assert_eq!(format_date(day(2026, 3, 5), today()), "Thu, Mar 5");
        assert_eq!(format_date(day(2027, 1, 1), today()), "Fri, Jan 1, 2027");
    }

    #[test]
    fn what_it_shows_for_a_past_date_reads_back() {
        for date in [day(2026, 3, 5), day(2026, 4, 1), day(2025, 12, 1), day(2024, 2, 29)] {
            assert_eq!(parse_date(&format_date(date, today()), today()), Ok(date));
        }
    }
}
