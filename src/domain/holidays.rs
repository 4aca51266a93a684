//! US federal holidays (5 U.S.C. 6103) and business days.
//!
//! The 11 legal public holidays of 6103(a), on the days they are observed
//! (6103(b) and OPM: a Saturday holiday is observed the Friday before, a
//! Sunday one the Monday after), as `shared/design/domain-facts-2.md` E5
//! lists them. A business day is a weekday that is not an observed
//! holiday. Every business-day count in the bot (the best day to call,
//! reminder days) goes through here.

use chrono::{Datelike, Days, NaiveDate, Weekday};

/// The observed federal holidays that fall in `year`, in date order. New
/// Year's Day of the next year is here when it falls on a Saturday (then
/// observed on Dec 31), and this year's is missing then.
pub fn federal_holidays(year: i32) -> Vec<NaiveDate> {
    let mut days: Vec<NaiveDate> = actual_holidays(year)
        .into_iter()
        .chain(NaiveDate::from_ymd_opt(year + 1, 1, 1))
        .map(observed)
        .filter(|day| day.year() == year)
        .collect();
    days.sort_unstable();
    days
}

/// Whether `date` is an observed federal holiday.
pub fn is_federal_holiday(date: NaiveDate) -> bool {
    federal_holidays(date.year()).contains(&date)
}

/// A weekday that is not an observed federal holiday.
pub fn is_business_day(date: NaiveDate) -> bool {
    !matches!(date.weekday(), Weekday::Sat | Weekday::Sun) && !is_federal_holiday(date)
}

/// `date` plus `days` business days: weekends and federal holidays
/// (observed) are skipped, as Regulation F counts them (A4, E5).
pub fn add_business_days(date: NaiveDate, days: u32) -> NaiveDate {
    let mut day = date;
    let mut left = days;
    while left > 0 {
        match day.succ_opt() {
            Some(next) => day = next,
            None => return day,
        }
        if is_business_day(day) {
            left -= 1;
        }
    }
    day
}

/// `date` if it is a business day, else the one before it.
pub fn business_day_on_or_before(date: NaiveDate) -> NaiveDate {
    let mut day = date;
    while !is_business_day(day) {
        match day.pred_opt() {
            Some(before) => day = before,
            None => return date,
        }
    }
    day
}

/// `date` if it is a business day, else the next one.
pub fn business_day_on_or_after(date: NaiveDate) -> NaiveDate {
    let mut day = date;
    while !is_business_day(day) {
        match day.checked_add_days(Days::new(1)) {
            Some(after) => day = after,
            None => return date,
        }
    }
    day
}

/// The holidays on their own dates (6103(a)), before the weekend rule.
fn actual_holidays(year: i32) -> Vec<NaiveDate> {
    let fixed = |month, day| NaiveDate::from_ymd_opt(year, month, day);
    let nth = |month, weekday, n| NaiveDate::from_weekday_of_month_opt(year, month, weekday, n);
    [
        fixed(1, 1),              // New Year's Day
        nth(1, Weekday::Mon, 3),  // Birthday of Martin Luther King, Jr.
        nth(2, Weekday::Mon, 3),  // Washington's Birthday
        last_monday_of_may(year), // Memorial Day
        fixed(6, 19),             // Juneteenth National Independence Day
        fixed(7, 4),              // Independence Day
        nth(9, Weekday::Mon, 1),  // Labor Day
        nth(10, Weekday::Mon, 2), // Columbus Day
        fixed(11, 11),            // Veterans Day
        nth(11, Weekday::Thu, 4), // Thanksgiving Day
        fixed(12, 25),            // Christmas Day
    ]
    .into_iter()
    .flatten()
    .collect()
}

fn last_monday_of_may(year: i32) -> Option<NaiveDate> {
    NaiveDate::from_weekday_of_month_opt(year, 5, Weekday::Mon, 5)
        .or_else(|| NaiveDate::from_weekday_of_month_opt(year, 5, Weekday::Mon, 4))
}

/// 6103(b): Saturday → the Friday before, Sunday → the Monday after.
fn observed(day: NaiveDate) -> NaiveDate {
    match day.weekday() {
        Weekday::Sat => day.pred_opt().unwrap_or(day),
        Weekday::Sun => day.succ_opt().unwrap_or(day),
        _ => day,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn five_business_days_skip_a_weekend_and_labor_day() {
        let day = |m, d| NaiveDate::from_ymd_opt(2026, m, d).unwrap();
        // Tue Sep 1 → Wed, Thu, Fri, (Sat, Sun, Labor Day Mon), Tue, Wed Sep 9.
        assert_eq!(add_business_days(day(9, 1), 5), day(9, 9));
        // Fri Oct 30 → Mon–Thu Nov 2–5, (Wed Nov 11 is later) Fri Nov 6.
        assert_eq!(add_business_days(day(10, 30), 5), day(11, 6));
        assert_eq!(add_business_days(day(10, 30), 0), day(10, 30));
    }

    fn parse(dates: &[&str]) -> Vec<NaiveDate> {
        dates.iter().map(|d| d.parse().unwrap()).collect()
    }

    #[test]
    fn the_observed_holidays_of_2026_to_2030() {
        // 2026 and 2027 as domain-facts-2 E5 lists them; 2028–2030 by the
        // same rules (OPM's published tables agree).
        let table: [(i32, &[&str]); 5] = [
            (
                2026,
                &[
                    "2026-01-01",
                    "2026-01-19",
                    "2026-02-16",
                    "2026-05-25",
                    "2026-06-19",
                    "2026-07-03",
                    "2026-09-07",
                    "2026-10-12",
                    "2026-11-11",
                    "2026-11-26",
                    "2026-12-25",
                ],
            ),
            (
                2027,
                &[
                    "2027-01-01",
                    "2027-01-18",
                    "2027-02-15",
                    "2027-05-31",
                    "2027-06-18",
                    "2027-07-05",
                    "2027-09-06",
                    "2027-10-11",
                    "2027-11-11",
                    "2027-11-25",
                    "2027-12-24",
                    "2027-12-31",
                ],
            ),
            (
                2028,
                &[
                    "2028-01-17",
                    "2028-02-21",
                    "2028-05-29",
                    "2028-06-19",
                    "2028-07-04",
                    "2028-09-04",
                    "2028-10-09",
                    "2028-11-10",
                    "2028-11-23",
                    "2028-12-25",
                ],
            ),
            (
                2029,
                &[
                    "2029-01-01",
                    "2029-01-15",
                    "2029-02-19",
                    "2029-05-28",
                    "2029-06-19",
                    "2029-07-04",
                    "2029-09-03",
                    "2029-10-08",
                    "2029-11-12",
                    "2029-11-22",
                    "2029-12-25",
                ],
            ),
            (
                2030,
                &[
                    "2030-01-01",
                    "2030-01-21",
                    "2030-02-18",
                    "2030-05-27",
                    "2030-06-19",
                    "2030-07-04",
                    "2030-09-02",
                    "2030-10-14",
                    "2030-11-11",
                    "2030-11-28",
                    "2030-12-25",
                ],
            ),
        ];
        for (year, expected) in table {
            assert_eq!(federal_holidays(year), parse(expected), "{year}");
        }
    }

    #[test]
    fn business_days_skip_weekends_and_observed_holidays() {
        let day = |text: &str| -> NaiveDate { text.parse().unwrap() };
        // Memorial Day 2027 and New Year's Day 2028 observed on Fri Dec 31.
        assert!(!is_business_day(day("2027-05-31")));
        assert_eq!(business_day_on_or_before(day("2027-05-31")), day("2027-05-28"));
        assert_eq!(business_day_on_or_before(day("2027-12-31")), day("2027-12-30"));
        // Sat Jul 4, 2026 is observed Fri Jul 3: the next business day is Mon Jul 6.
        assert_eq!(business_day_on_or_after(day("2026-07-03")), day("2026-07-06"));
        assert_eq!(business_day_on_or_after(day("2026-11-28")), day("2026-11-30"));
        assert!(is_business_day(day("2026-11-30")));
    }
}
