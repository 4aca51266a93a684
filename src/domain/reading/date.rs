//! Dates as people type them on a phone: everything
//! [`crate::domain::dates::parse_date`] reads, and relative ones — "20
//! days ago", "2 weeks ago", "last tuesday" — computed from the `today`
//! passed in (the user's own day, in their time zone). "Last month" and
//! "mid october" name no day: the bot asks which.

use super::text::{normalize, take_phrases};
use super::{Reading, Words};
use crate::domain::dates::{parse_date, parse_date_ahead, DateError};
use chrono::{Datelike, Duration, Months, NaiveDate, Weekday};

/// Why a typed date was not read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateProblem {
    /// Not a date.
    Unreadable,
    /// Shaped like a date, but no such day ("Feb 30").
    Impossible,
    /// A time, but not a day ("last month", "a while ago"): ask which day.
    WhichDay,
    /// A number of days where the day a letter gives was asked ("in 30
    /// days"): counted from the letter's date, not from today, so asked.
    CountFromTheLetter,
}

/// Reads a date of the past or today. A date written out, "today" or
/// "yesterday", or "N days ago" is sure; "last tuesday" (some mean the
/// week before) and "N weeks/months ago" are guesses to confirm.
pub fn read_date(text: &str, today: NaiveDate, words: &Words) -> Result<Reading<NaiveDate>, DateProblem> {
    if words.says_dont_know(text) {
        return Ok(Reading::DontKnow);
    }
    // "this morning 😩" (before "morning" goes as a label).
    if words.dates.today.contains(&normalize(text)) {
        return Ok(Reading::Sure(today));
    }
    let (unlabelled, _) = take_phrases(&normalize(text), &words.dates.labels);
    if words.dates.yesterday.contains(&unlabelled) {
        return today.pred_opt().map(Reading::Sure).ok_or(DateProblem::Impossible);
    }
    // "letter dated nov 18", "11/18 i think": labels go, a hedge makes a guess.
    let (normalized, _) = take_phrases(&normalize(text), &words.dates.labels);
    let (normalized, hedged) = take_phrases(&normalized, &words.hedges);
    // "day after thanksgiving", "dec 20 last yr": a shift of a day, and a
    // year back, around a day read on its own.
    let dates = &words.dates;
    let (normalized, after) = take_phrases(&normalized, &dates.day_after);
    let (normalized, before) = take_phrases(&normalized, &dates.day_before);
    let (rest, last_year) = take_phrases(&normalized, &dates.last_year);
    let (normalized, last_year) = match last_year && !rest.is_empty() {
        true => (rest, true),
        false => (normalized, false),
    };
    let year = today.year() - i32::from(last_year);
    // "mid nov, nov 14", "april sometime, like april 12": a time, then
    // the day in it: the day given wins.
    if let Some(reading) = day_after_a_time(&normalized, today, words) {
        return reading.map(|reading| if hedged { reading.as_guess() } else { reading });
    }
    // "sometime mid october", "end of oct": a time, not a day. The bill and the EOB
    // print the day, and a week either way moves deadlines: ask which day
    // (the question says a rough day is fine), rather than pick the 15th.
    if take_phrases(&normalized, &dates.mid_month).1 {
        return Err(DateProblem::WhichDay);
    }
    let reading = match holiday(&normalized, year, words) {
        Some(date) if date > today => holiday(&normalized, year - 1, words).map(Reading::Guess),
        Some(date) => Some(Reading::Guess(date)),
        None => None,
    };
    let reading = match reading {
        Some(reading) => reading,
        None if last_year => read_plain(&normalized, today, words)?
            .map(|date| date.with_year(year).unwrap_or(date))
            .as_guess(),
        None => read_plain(&normalized, today, words)?,
    };
    let shift = i64::from(after) - i64::from(before);
    let reading = reading.map(|date| date + Duration::days(shift));
    if reading.value().is_some_and(|date| *date > today) {
        return Err(DateProblem::Unreadable);
    }
    Ok(match hedged {
        true => reading.as_guess(),
        false => reading,
    })
}

/// "mid nov, nov 14": pieces between commas, each but the last a time
/// that names no day ([`DateProblem::WhichDay`]) and the last a day, of
/// the same month when the times name one: that day, read as its piece
/// reads ("like april 12" is a guess). None when the text is not so.
fn day_after_a_time(text: &str, today: NaiveDate, words: &Words) -> Option<Result<Reading<NaiveDate>, DateProblem>> {
    let pieces: Vec<&str> = text.split(',').map(str::trim).filter(|p| !p.is_empty()).collect();
    let (last, times) = pieces.split_last()?;
    if times.is_empty()
        || !times
            .iter()
            .all(|time| read_date(time, today, words) == Err(DateProblem::WhichDay))
    {
        return None;
    }
    let reading = read_date(last, today, words).ok()?;
    let day = *reading.value()?;
    let months = &words.dates.months_named;
    let other_month = times.iter().flat_map(|time| time.split_whitespace()).any(|word| {
        months
            .iter()
            .position(|name| name == word || (word.chars().count() >= 3 && name.starts_with(word)))
            .is_some_and(|at| at + 1 != day.month() as usize)
    });
    Some(match other_month {
        true => Err(DateProblem::WhichDay),
        false => Ok(reading),
    })
}

/// Reads a date with no labels or hedges around it.
fn read_plain(normalized: &str, today: NaiveDate, words: &Words) -> Result<Reading<NaiveDate>, DateProblem> {
    // "08.14.2026" is "08/14/2026"; "Thu 11/19": the weekday goes when a
    // date follows it.
    let mut normalized = dotted_to_slashes(normalized);
    if let Some((first, rest)) = normalized.split_once(' ') {
        let weekday = words
            .dates
            .weekdays
            .iter()
            .any(|names| names.iter().any(|n| n == first));
        if weekday && rest.starts_with(|c: char| c.is_ascii_digit()) {
            normalized = rest.to_string();
        }
    }
    match parse_date(&normalized, today) {
        Ok(date) => return Ok(Reading::Sure(date)),
        Err(DateError::Impossible) => return Err(DateProblem::Impossible),
        Err(DateError::Unreadable) => {}
    }
    let dates = &words.dates;
    // "31 diciembre", "dic 31 2025": month names of the words file.
    if let Some(date) = named_month_date(&normalized, today, &dates.months_named) {
        return date.map(Reading::Sure);
    }
    // "augst 14": a month typed a letter off, as a guess.
    if let Some(mended) = month_typo_mended(&normalized, &dates.months_named) {
        if let Ok(date) = parse_date(&mended, today) {
            return Ok(Reading::Guess(date));
        }
    }
    if dates.vague.contains(&normalized) {
        return Err(DateProblem::WhichDay);
    }
    if let Some(date) = weekday_before(&normalized, today, words) {
        return Ok(Reading::Guess(date));
    }
    units_ago(&normalized, today, words).ok_or(DateProblem::Unreadable)
}

/// A date written with a month name of the words file and a day, and
/// perhaps a year, in any order ("31 diciembre 2025", "dic 31"): None when
/// the text is not one; a date not in the calendar is impossible. With no
/// year, the latest such day up to today.
fn named_month_date(text: &str, today: NaiveDate, months: &[String]) -> Option<Result<NaiveDate, DateProblem>> {
    named_month_date_toward(text, today, months, false)
}

/// [`named_month_date`], with no year the latest such day up to today, or
/// (`ahead`) the next from today.
fn named_month_date_toward(
    text: &str,
    today: NaiveDate,
    months: &[String],
    ahead: bool,
) -> Option<Result<NaiveDate, DateProblem>> {
    let (mut month, mut day, mut year) = (None, None, None);
    for word in text.split_whitespace() {
        let word = word.trim_end_matches(['.', ',']);
        let digits: String = word.chars().take_while(char::is_ascii_digit).collect();
        let suffix = &word[digits.len()..];
        if !digits.is_empty() && ["", "st", "nd", "rd", "th", "º", "°", "o"].contains(&suffix) {
            match digits.len() {
                1 | 2 if day.is_none() => day = digits.parse::<u32>().ok(),
                4 if year.is_none() => year = digits.parse::<i32>().ok(),
                _ => return None,
            }
            continue;
        }
        let named: Vec<usize> = months
            .iter()
            .enumerate()
            .filter(|(_, name)| *name == word || (word.chars().count() >= 3 && name.starts_with(word)))
            .map(|(at, _)| at)
            .collect();
        match (named.as_slice(), month) {
            ([only], None) => month = u32::try_from(*only + 1).ok(),
            _ => return None,
        }
    }
    let (month, day) = (month?, day?);
    let on = |year: i32| NaiveDate::from_ymd_opt(year, month, day);
    Some(match (year, ahead) {
        (Some(year), _) => on(year).ok_or(DateProblem::Impossible),
        (None, false) => match on(today.year()) {
            Some(date) if date <= today => Ok(date),
            _ => on(today.year() - 1).ok_or(DateProblem::Impossible),
        },
        (None, true) => match on(today.year()) {
            Some(date) if date >= today => Ok(date),
            _ => on(today.year() + 1).ok_or(DateProblem::Impossible),
        },
    })
}

/// The day a letter announces (a final notice's collections day): a date
/// ahead as [`read_date_ahead`] reads one, or none ("no", "no letter",
/// "idk"). "In 30 days" is refused: a letter's days run from its own date,
/// which today is not.
pub fn read_notice_date(text: &str, today: NaiveDate, words: &Words) -> Result<Reading<NaiveDate>, DateProblem> {
    let (normalized, _) = take_phrases(&normalize(text), &words.dates.labels);
    if words.says_dont_know(text) || words.dates.no_date.contains(&normalized) {
        return Ok(Reading::DontKnow);
    }
    if let Some(reading) = counted_from_the_letter(&normalize(text), today, words) {
        return reading;
    }
    if take_phrases(&normalized, &words.dates.within).1 {
        return Err(DateProblem::CountFromTheLetter);
    }
    read_date_ahead(text, today, words).map(Reading::Sure)
}

/// "30 days from the letter, letter was dated nov 20": a number of days
/// (or weeks) counted from the letter's date typed beside it, as a guess
/// to confirm. None when no words say "from the letter"; asked when the
/// letter's date or the number is missing.
fn counted_from_the_letter(
    normalized: &str,
    today: NaiveDate,
    words: &Words,
) -> Option<Result<Reading<NaiveDate>, DateProblem>> {
    let dates = &words.dates;
    let (rest, from_letter) = take_phrases(normalized, &dates.from_letter);
    if !from_letter {
        return None;
    }
    let (rest, _) = take_phrases(&rest, &dates.within);
    let tokens: Vec<&str> = rest.split_whitespace().collect();
    let unit = |word: &str| {
        let word = word.trim_end_matches([',', '.']);
        let is = |list: &[String]| list.iter().any(|each| each == word);
        match (is(&dates.days), is(&dates.weeks)) {
            (true, _) => Some(1),
            (_, true) => Some(7),
            _ => None,
        }
    };
    let found = tokens.windows(2).enumerate().find_map(|(at, pair)| {
        let count = pair[0].parse::<i64>().ok().filter(|n| (1..=400).contains(n))?;
        Some((at, count * unit(pair[1])?))
    });
    let Some((at, days)) = found else {
        return Some(Err(DateProblem::CountFromTheLetter));
    };
    let mut letter: Vec<&str> = tokens.clone();
    letter.drain(at..at + 2);
    let letter = letter.join(" ");
    let letter = letter.trim_matches([',', ' ', '.']);
    Some(match read_date(letter, today, words) {
        Ok(Reading::Sure(date) | Reading::Guess(date)) => Ok(Reading::Guess(date + Duration::days(days))),
        _ => Err(DateProblem::CountFromTheLetter),
    })
}

/// A date from today on, as a promise or a payment is dated: everything
/// [`parse_date_ahead`] reads ("6/13", "Jun 13"), "tomorrow", a weekday
/// (the next one), and the words file's month names ("13 de junio").
pub fn read_date_ahead(text: &str, today: NaiveDate, words: &Words) -> Result<NaiveDate, DateProblem> {
    let (normalized, _) = take_phrases(&normalize(text), &words.dates.labels);
    match parse_date_ahead(&normalized, today) {
        Ok(date) => return Ok(date),
        Err(DateError::Impossible) => return Err(DateProblem::Impossible),
        Err(DateError::Unreadable) => {}
    }
    let dates = &words.dates;
    if dates.tomorrow.contains(&normalized) {
        return today.succ_opt().ok_or(DateProblem::Impossible);
    }
    if dates.today.contains(&normalized) {
        return Ok(today);
    }
    if let Some(date) = named_month_date_toward(&normalized, today, &dates.months_named, true) {
        return date;
    }
    // "in 2 weeks", "within 10 days".
    let (rest, within) = take_phrases(&normalized, &dates.within);
    if within {
        if let [count, unit] = rest.split_whitespace().collect::<Vec<_>>()[..] {
            let count = dates.one.iter().any(|one| one == count).then_some(1).or_else(|| {
                let digits = words
                    .count
                    .numbers
                    .iter()
                    .find(|pair| pair[0] == count)
                    .map_or(count, |pair| &pair[1]);
                digits.parse::<u32>().ok().filter(|n| (1..=400).contains(n))
            });
            let is = |list: &[String]| list.iter().any(|word| word == unit);
            let date = match count {
                Some(n) if is(&dates.days) => today.checked_add_signed(Duration::days(i64::from(n))),
                Some(n) if is(&dates.weeks) => today.checked_add_signed(Duration::weeks(i64::from(n))),
                Some(n) if is(&dates.months) => today.checked_add_months(Months::new(n)),
                _ => None,
            };
            return date.ok_or(DateProblem::Unreadable);
        }
    }
    // "friday", "next friday": the next such day after today.
    let (day, _) = take_phrases(&normalized, &dates.next);
    if let Some(index) = dates.weekdays.iter().position(|names| names.contains(&day)) {
        let now = i64::from(today.weekday().num_days_from_monday());
        let ahead = match (index as i64 - now).rem_euclid(7) {
            0 => 7,
            n => n,
        };
        return today
            .checked_add_signed(Duration::days(ahead))
            .ok_or(DateProblem::Impossible);
    }
    Err(DateProblem::Unreadable)
}

/// The text with one word that is a typo of a month name ("augst",
/// "octobr") written as that month; None when no word is.
fn month_typo_mended(text: &str, months: &[String]) -> Option<String> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let (at, month) = words.iter().enumerate().find_map(|(at, word)| {
        let letters = word.len() >= 4 && word.chars().all(|c| c.is_ascii_alphabetic());
        let near = |month: &&String| {
            let allowed = if month.len() >= 8 { 2 } else { 1 };
            !months.contains(&word.to_string()) && strsim::osa_distance(word, month) <= allowed
        };
        match letters {
            true => months.iter().find(near).map(|month| (at, month)),
            false => None,
        }
    })?;
    let mut mended: Vec<&str> = words.clone();
    mended[at] = month;
    Some(mended.join(" "))
}

/// A holiday named in the words file, in a given year: a fixed day
/// ("12-25") or the nth weekday of a month ("11-4-thu", "05-last-mon").
fn holiday(name: &str, year: i32, words: &Words) -> Option<NaiveDate> {
    let rule = &words.dates.holidays.iter().find(|pair| pair[0] == name)?[1];
    let parts: Vec<&str> = rule.split('-').collect();
    let month: u32 = parts.first()?.parse().ok()?;
    match parts[..] {
        [_, day] => NaiveDate::from_ymd_opt(year, month, day.parse().ok()?),
        [_, nth, weekday] => {
            let index = words
                .dates
                .weekdays
                .iter()
                .position(|names| names.iter().any(|n| n == weekday))?;
            let weekday = Weekday::try_from(u8::try_from(index).ok()?).ok()?;
            match nth {
                "last" => NaiveDate::from_weekday_of_month_opt(year, month, weekday, 5)
                    .or_else(|| NaiveDate::from_weekday_of_month_opt(year, month, weekday, 4)),
                n => NaiveDate::from_weekday_of_month_opt(year, month, weekday, n.parse().ok()?),
            }
        }
        _ => None,
    }
}

/// "08.14.2026" → "08/14/2026": points between three numbers only.
fn dotted_to_slashes(text: &str) -> String {
    let parts: Vec<&str> = text.split('.').collect();
    match parts.len() == 3
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
    {
        true => parts.join("/"),
        false => text.to_string(),
    }
}

/// "last tuesday", "tuesday", "on tue": the latest such day before today.
fn weekday_before(text: &str, today: NaiveDate, words: &Words) -> Option<NaiveDate> {
    let (rest, _) = take_phrases(text, &words.dates.last);
    let index = words.dates.weekdays.iter().position(|names| names.contains(&rest))?;
    let wanted = index as i64;
    let now = i64::from(today.weekday().num_days_from_monday());
    let back = match (now - wanted).rem_euclid(7) {
        0 => 7,
        n => n,
    };
    today.checked_sub_signed(Duration::days(back))
}

/// "20 days ago", "a week ago", "3 months back".
fn units_ago(text: &str, today: NaiveDate, words: &Words) -> Option<Reading<NaiveDate>> {
    let dates = &words.dates;
    let (rest, ago) = take_phrases(text, &dates.ago);
    if !ago {
        return None;
    }
    let mut tokens: Vec<&str> = rest.split_whitespace().collect();
    // "20days" or "2wks" typed without a space.
    let glued;
    if tokens.len() == 1 {
        let split = tokens[0].find(|c: char| !c.is_ascii_digit()).filter(|at| *at > 0)?;
        glued = [&tokens[0][..split], &tokens[0][split..]];
        tokens = glued.to_vec();
    }
    let [count, unit] = tokens[..] else {
        return None;
    };
    // "two weeks ago": a number word is its digits.
    let count = words
        .count
        .numbers
        .iter()
        .find(|pair| pair[0] == count)
        .map_or(count, |pair| pair[1].as_str());
    let count: u32 = match dates.one.iter().any(|one| one == count) {
        true => 1,
        false => count.parse().ok().filter(|n| (1..=400).contains(n))?,
    };
    let is = |list: &[String]| list.iter().any(|word| word == unit);
    if is(&dates.days) {
        return today
            .checked_sub_signed(Duration::days(i64::from(count)))
            .map(Reading::Sure);
    }
    if is(&dates.weeks) {
        return today
            .checked_sub_signed(Duration::weeks(i64::from(count)))
            .map(Reading::Guess);
    }
    if is(&dates.months) {
        return today.checked_sub_months(Months::new(count)).map(Reading::Guess);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::reading::words::english;

    /// Sunday, Dec 6, 2026.
    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, 6).unwrap()
    }

    fn read(text: &str) -> Result<Reading<NaiveDate>, DateProblem> {
        read_date(text, today(), &english())
    }

    fn day(month: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, month, d).unwrap()
    }

    #[test]
    fn a_time_then_its_day_is_the_day() {
        let today = NaiveDate::from_ymd_opt(2026, 12, 6).unwrap();
        let words = english();
        let on = |m, d| NaiveDate::from_ymd_opt(2026, m, d).unwrap();
        assert_eq!(
            read_date("sometime in september", today, &words),
            Err(DateProblem::WhichDay)
        );
        assert_eq!(
            read_date("mid nov, nov 14", today, &words),
            Ok(Reading::Sure(on(11, 14)))
        );
        assert_eq!(
            read_date("april sometime, like april 12", today, &words),
            Ok(Reading::Guess(on(4, 12)))
        );
        assert_eq!(read_date("mid oct, nov 14", today, &words), Err(DateProblem::WhichDay));
        assert_eq!(
            read_notice_date("30 days from the letter, letter was dated nov 20", today, &words),
            Ok(Reading::Guess(on(12, 20)))
        );
        assert_eq!(
            read_notice_date("30 days from the letter", today, &words),
            Err(DateProblem::CountFromTheLetter)
        );
        let spanish = Words::from_toml(include_str!("../../../dialogues/es/reading/words.toml")).unwrap();
        assert_eq!(
            read_date("en algún momento de septiembre", today, &spanish),
            Err(DateProblem::WhichDay)
        );
        assert_eq!(
            read_date("a mediados de noviembre, 14 de noviembre", today, &spanish),
            Ok(Reading::Sure(on(11, 14)))
        );
        assert_eq!(
            read_notice_date(
                "30 días desde la carta, la carta es del 20 de noviembre",
                today,
                &spanish
            ),
            Ok(Reading::Guess(on(12, 20)))
        );
    }

    #[test]
    fn days_ago_are_sure_weeks_and_months_ago_are_guesses() {
        assert_eq!(read("20 days ago"), Ok(Reading::Sure(day(11, 16))));
        assert_eq!(read("20days ago"), Ok(Reading::Sure(day(11, 16))));
        assert_eq!(read("a day ago"), Ok(Reading::Sure(day(12, 5))));
        assert_eq!(read("2 weeks ago"), Ok(Reading::Guess(day(11, 22))));
        assert_eq!(read("3 months back"), Ok(Reading::Guess(day(9, 6))));
    }

    #[test]
    fn the_middle_of_a_month_asks_which_day() {
        assert_eq!(read("sometime mid october"), Err(DateProblem::WhichDay));
        assert_eq!(read("mid oct"), Err(DateProblem::WhichDay));
        assert_eq!(read("middle of sept i think"), Err(DateProblem::WhichDay));
        // The end or start of a month is a time too.
        for text in [
            "end of october i think",
            "early nov",
            "late october",
            "beginning of november",
        ] {
            assert_eq!(read(text), Err(DateProblem::WhichDay), "{text}");
        }
        let spanish = Words::from_toml(include_str!("../../../dialogues/es/reading/words.toml")).unwrap();
        let today = NaiveDate::from_ymd_opt(2026, 12, 6).unwrap();
        assert_eq!(
            read_date("a finales de octubre", today, &spanish),
            Err(DateProblem::WhichDay)
        );
        assert_eq!(read("oct 15"), Ok(Reading::Sure(day(10, 15))));
    }

    #[test]
    fn a_letters_day_is_a_date_ahead_never_a_count_from_today() {
        let spanish = Words::from_toml(include_str!("../../../dialogues/es/reading/words.toml"))
            .and_then(|words| words.with_choices(include_str!("../../../dialogues/es/reading/choices.toml")))
            .unwrap();
        for (words, said, counted, none) in [
            (english(), "the letter says dec 31", "it says in 30 days", "no letter"),
            (spanish, "la carta dice 31 de diciembre", "dice en 30 dias", "no hay"),
        ] {
            assert_eq!(
                read_notice_date(said, today(), &words),
                Ok(Reading::Sure(day(12, 31))),
                "{said}"
            );
            assert_eq!(
                read_notice_date(counted, today(), &words),
                Err(DateProblem::CountFromTheLetter),
                "{counted}"
            );
            assert_eq!(read_notice_date(none, today(), &words), Ok(Reading::DontKnow), "{none}");
        }
    }

    #[test]
    fn holidays_a_day_either_side_and_last_year() {
        assert_eq!(read("thanksgiving"), Ok(Reading::Guess(day(11, 26))));
        assert_eq!(read("day after thanksgiving"), Ok(Reading::Guess(day(11, 27))));
        assert_eq!(read("memorial day"), Ok(Reading::Guess(day(5, 25))));
        let last_year = |m, d| NaiveDate::from_ymd_opt(2025, m, d).unwrap();
        assert_eq!(
            read("christmas"),
            Ok(Reading::Guess(last_year(12, 25))),
            "the latest one past"
        );
        assert_eq!(read("christmas eve last year"), Ok(Reading::Guess(last_year(12, 24))));
        assert_eq!(read("dec 20 last yr"), Ok(Reading::Guess(last_year(12, 20))));
        assert_eq!(read("day before yesterday"), Ok(Reading::Sure(day(12, 4))));
        assert_eq!(read("last year"), Err(DateProblem::WhichDay));
    }

    #[test]
    fn labels_hedges_and_number_words() {
        assert_eq!(read("letter dated nov 18"), Ok(Reading::Sure(day(11, 18))));
        assert_eq!(read("11/18 i think"), Ok(Reading::Guess(day(11, 18))));
        assert_eq!(read("two weeks ago"), Ok(Reading::Guess(day(11, 22))));
        assert_eq!(read("yesterday morning"), Ok(Reading::Sure(day(12, 5))));
        assert_eq!(read("halloween lol"), Ok(Reading::Guess(day(10, 31))));
        assert_eq!(read("08.14.2026"), Ok(Reading::Sure(day(8, 14))));
        assert_eq!(read("Thu 11/19"), Ok(Reading::Sure(day(11, 19))));
        assert_eq!(read("idk the date"), Ok(Reading::DontKnow));
    }

    #[test]
    fn a_weekday_is_the_latest_one_before_today() {
        assert_eq!(read("last tuesday"), Ok(Reading::Guess(day(12, 1))));
        assert_eq!(read("Tuesday"), Ok(Reading::Guess(day(12, 1))));
        assert_eq!(
            read("last sunday"),
            Ok(Reading::Guess(day(11, 29))),
            "today is a Sunday"
        );
        assert_eq!(read("on fri"), Ok(Reading::Guess(day(12, 4))));
    }

    #[test]
    fn written_dates_still_read_and_vague_ones_ask_which_day() {
        assert_eq!(read("yesterday"), Ok(Reading::Sure(day(12, 5))));
        assert_eq!(read("11/3/2026"), Ok(Reading::Sure(day(11, 3))));
        assert_eq!(read("last month"), Err(DateProblem::WhichDay));
        assert_eq!(read("a while ago"), Err(DateProblem::WhichDay));
        assert_eq!(read("Feb 30"), Err(DateProblem::Impossible));
        assert_eq!(read("idk"), Ok(Reading::DontKnow));
        for text in ["20 ago", "days ago", "soonish", "5000 days ago", "20 bananas ago"] {
            assert_eq!(read(text), Err(DateProblem::Unreadable), "{text}");
        }
    }

    #[test]
    fn a_month_typed_a_letter_off_is_a_guess_and_this_morning_is_today() {
        assert_eq!(read("augst 14"), Ok(Reading::Guess(day(8, 14))));
        assert_eq!(read("octobr 3rd"), Ok(Reading::Guess(day(10, 3))));
        assert_eq!(read("this morning 😩"), Ok(Reading::Sure(day(12, 6))));
        assert_eq!(read("yday"), Ok(Reading::Sure(day(12, 5))));
        assert_eq!(read("came yesterday"), Ok(Reading::Sure(day(12, 5))));
        assert_eq!(read("bananas 14"), Err(DateProblem::Unreadable));
        assert_eq!(read("14 august"), Ok(Reading::Sure(day(8, 14))));
    }

    #[test]
    fn dates_ahead_for_promises_and_payments() {
        let words = english();
        let today = today();
        let ahead = |text: &str| read_date_ahead(text, today, &words);
        assert_eq!(ahead("6/13"), Ok(NaiveDate::from_ymd_opt(2027, 6, 13).unwrap()));
        assert_eq!(ahead("tomorrow"), Ok(day(12, 7)));
        assert_eq!(ahead("friday"), Ok(day(12, 11)));
        assert_eq!(ahead("next friday"), Ok(day(12, 11)));
        assert_eq!(ahead("13 june"), Ok(NaiveDate::from_ymd_opt(2027, 6, 13).unwrap()));
        assert_eq!(ahead("soonish"), Err(DateProblem::Unreadable));
        assert_eq!(ahead("in 2 weeks"), Ok(day(12, 20)));
        assert_eq!(ahead("within ten days"), Ok(day(12, 16)));
    }

    #[test]
    fn month_names_come_from_the_words_file() {
        let mut words = english();
        words.dates.months_named = [
            "enero",
            "febrero",
            "marzo",
            "abril",
            "mayo",
            "junio",
            "julio",
            "agosto",
            "septiembre",
            "octubre",
            "noviembre",
            "diciembre",
        ]
        .map(String::from)
        .to_vec();
        let today = today();
        let read = |text: &str| read_date(text, today, &words);
        assert_eq!(read("3 diciembre"), Ok(Reading::Sure(day(12, 3))));
        assert_eq!(read("dic 3"), Ok(Reading::Sure(day(12, 3))));
        assert_eq!(
            read("14 agosto 2025"),
            Ok(Reading::Sure(NaiveDate::from_ymd_opt(2025, 8, 14).unwrap()))
        );
        assert_eq!(read("31 febrero"), Err(DateProblem::Impossible));
        // "ma" starts both marzo and mayo: not a month.
        assert_eq!(read("ma 3"), Err(DateProblem::Unreadable));
    }
}
