//! When, in the user's own time zone, a reminder may arrive: at a sensible
//! hour of the right day, never at night, and the same clock time tomorrow
//! when snoozed, across daylight-saving changes.
//!
//! Instants are `DateTime<Utc>`; a chat's time zone is an IANA name
//! (`America/Chicago`) read with chrono-tz.

use chrono::{DateTime, Days, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Timelike, Utc};
use chrono_tz::Tz;

/// Reminders arrive at this local hour on their day.
pub const DELIVERY_HOUR: u32 = 10;
/// No message at or after this local hour...
pub const QUIET_FROM_HOUR: u32 = 21;
/// ...and before this one: a late reminder waits for the morning.
pub const QUIET_UNTIL_HOUR: u32 = 9;

/// The US time zones offered as buttons: an id for button data, the IANA
/// name. "Arizona" is its own: most of the state keeps standard time all
/// year.
pub const US_ZONES: [(&str, &str); 7] = [
    ("eastern", "America/New_York"),
    ("central", "America/Chicago"),
    ("mountain", "America/Denver"),
    ("arizona", "America/Phoenix"),
    ("pacific", "America/Los_Angeles"),
    ("alaska", "America/Anchorage"),
    ("hawaii", "Pacific/Honolulu"),
];

/// Where a chat's days are counted before its own zone is known and no
/// state gives one: the middle of the mainland, an hour from the east
/// and two from the west.
pub const FALLBACK_ZONE: &str = "America/Chicago";

/// The zone most of a state's people live in (the IANA name), for a
/// state's postal code; None for a code it does not know.
pub fn zone_of_state(code: &str) -> Option<&'static str> {
    Some(match code.to_ascii_uppercase().as_str() {
        "CT" | "DE" | "DC" | "FL" | "GA" | "IN" | "KY" | "ME" | "MD" | "MA" | "MI" | "NH" | "NJ" | "NY" | "NC"
        | "OH" | "PA" | "RI" | "SC" | "VT" | "VA" | "WV" => "America/New_York",
        "AL" | "AR" | "IL" | "IA" | "KS" | "LA" | "MN" | "MS" | "MO" | "NE" | "ND" | "OK" | "SD" | "TN" | "TX"
        | "WI" => "America/Chicago",
        "CO" | "ID" | "MT" | "NM" | "UT" | "WY" => "America/Denver",
        "AZ" => "America/Phoenix",
        "CA" | "NV" | "OR" | "WA" => "America/Los_Angeles",
        "AK" => "America/Anchorage",
        "HI" => "Pacific/Honolulu",
        "PR" | "VI" => "America/Puerto_Rico",
        "GU" | "MP" => "Pacific/Guam",
        "AS" => "Pacific/Pago_Pago",
        _ => return None,
    })
}

/// Whether it is the same date from the east coast to the west coast at
/// `instant`, so "yesterday" names one day wherever the user is.
pub fn mainland_dates_agree(instant: DateTime<Utc>) -> bool {
    local_date(instant, zone("America/New_York")) == local_date(instant, zone("America/Los_Angeles"))
}

/// Reads a typed time zone: an IANA name in any case (`america/chicago`),
/// one of the US zone ids (`Pacific`), or a common US abbreviation
/// (`EST`, `CT`, `PDT`). Returns the canonical IANA name.
pub fn parse_time_zone(text: &str) -> Option<&'static str> {
    let typed = text.trim();
    let lower = typed.to_lowercase();
    let lower = lower.strip_suffix(" time").unwrap_or(&lower).trim();
    if let Some((_, name)) = US_ZONES.iter().find(|(id, _)| *id == lower) {
        return Some(name);
    }
    let by_abbreviation = match lower {
        "et" | "est" | "edt" => Some("America/New_York"),
        "ct" | "cst" | "cdt" => Some("America/Chicago"),
        "mt" | "mst" | "mdt" => Some("America/Denver"),
        "pt" | "pst" | "pdt" => Some("America/Los_Angeles"),
        "akst" | "akdt" => Some("America/Anchorage"),
        "hst" => Some("Pacific/Honolulu"),
        _ => None,
    };
    if by_abbreviation.is_some() {
        return by_abbreviation;
    }
    let wanted = typed.replace(' ', "_");
    chrono_tz::TZ_VARIANTS
        .iter()
        .find(|tz| tz.name().eq_ignore_ascii_case(&wanted))
        .map(|tz| tz.name())
}

/// A stored zone name as a `Tz`; an unknown name (from an older chrono-tz)
/// reads as US Eastern rather than failing.
pub fn zone(name: &str) -> Tz {
    name.parse().unwrap_or(chrono_tz::America::New_York)
}

/// The instant of `hour`:00 local time on `date`. When that wall-clock time
/// does not exist (a spring-forward gap) the first instant after the gap is
/// used; when it exists twice (fall back), the first.
pub fn local_instant(date: NaiveDate, hour: u32, tz: Tz) -> DateTime<Utc> {
    let time = NaiveTime::from_hms_opt(hour.min(23), 0, 0).unwrap_or(NaiveTime::MIN);
    wall_instant(date.and_time(time), tz)
}

/// The instant a wall-clock time in `tz` names: the first of two in a
/// fall-back hour, the end of the gap in a spring-forward one.
fn wall_instant(wall: NaiveDateTime, tz: Tz) -> DateTime<Utc> {
    match tz.from_local_datetime(&wall) {
        LocalResult::Single(instant) | LocalResult::Ambiguous(instant, _) => instant.to_utc(),
        LocalResult::None => {
            // Gaps are at most a few hours long: step forward to the end.
            (1..=4)
                .filter_map(|hours| {
                    tz.from_local_datetime(&(wall + chrono::Duration::hours(hours)))
                        .earliest()
                })
                .next()
                .map(|instant| instant.to_utc())
                .unwrap_or_else(|| wall.and_utc())
        }
    }
}

/// Whether `instant` falls in the night, in `tz`.
pub fn is_night(instant: DateTime<Utc>, tz: Tz) -> bool {
    let hour = instant.with_timezone(&tz).hour();
    !(QUIET_UNTIL_HOUR..QUIET_FROM_HOUR).contains(&hour)
}

/// `instant`, or the next morning's first allowed hour when it falls in
/// the night.
pub fn not_at_night(instant: DateTime<Utc>, tz: Tz) -> DateTime<Utc> {
    if !is_night(instant, tz) {
        return instant;
    }
    let local = instant.with_timezone(&tz);
    let morning_of = if local.hour() >= QUIET_FROM_HOUR {
        local
            .date_naive()
            .checked_add_days(Days::new(1))
            .unwrap_or(local.date_naive())
    } else {
        local.date_naive()
    };
    local_instant(morning_of, QUIET_UNTIL_HOUR, tz)
}

/// When a reminder meant for `day` is delivered: [`DELIVERY_HOUR`] local
/// time that day; if that has passed already (a reminder set for today in
/// the afternoon), now, unless it is night.
pub fn delivery_instant(day: NaiveDate, tz: Tz, now: DateTime<Utc>) -> DateTime<Utc> {
    let planned = local_instant(day, DELIVERY_HOUR, tz);
    if planned >= now {
        planned
    } else {
        not_at_night(now, tz)
    }
}

/// "Snooze 1 day": the same wall-clock time tomorrow (23 or 25 hours later
/// across a daylight-saving change), moved out of the night.
pub fn snoozed(now: DateTime<Utc>, tz: Tz) -> DateTime<Utc> {
    let local = now.with_timezone(&tz);
    let tomorrow = local
        .date_naive()
        .checked_add_days(Days::new(1))
        .unwrap_or(local.date_naive());
    not_at_night(wall_instant(tomorrow.and_time(local.time()), tz), tz)
}

/// The local date of `instant` in `tz`.
pub fn local_date(instant: DateTime<Utc>, tz: Tz) -> NaiveDate {
    instant.with_timezone(&tz).date_naive()
}

/// "10:00 AM" for `instant` in `tz`.
pub fn clock_text(instant: DateTime<Utc>, tz: Tz) -> String {
    instant.with_timezone(&tz).format("%-I:%M %p").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono_tz::America::{Chicago, New_York, Phoenix};

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn utc(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text).unwrap().to_utc()
    }

    #[test]
    fn ten_am_follows_daylight_saving_time() {
        // Eastern: UTC-4 in summer, UTC-5 in winter.
        assert_eq!(
            local_instant(day(2026, 7, 1), 10, New_York),
            utc("2026-07-01T14:00:00Z")
        );
        assert_eq!(
            local_instant(day(2026, 12, 1), 10, New_York),
            utc("2026-12-01T15:00:00Z")
        );
        // Arizona keeps standard time all year.
        assert_eq!(local_instant(day(2026, 7, 1), 10, Phoenix), utc("2026-07-01T17:00:00Z"));
        assert_eq!(
            local_instant(day(2026, 12, 1), 10, Phoenix),
            utc("2026-12-01T17:00:00Z")
        );
    }

    #[test]
    fn the_week_daylight_saving_ends_every_day_is_still_ten_am() {
        // 2026-11-01 is the first Sunday of November: clocks go back at 2:00.
        for d in 29..=31 {
            assert_eq!(
                local_instant(day(2026, 10, d), 10, Chicago).to_rfc3339(),
                format!("2026-10-{d}T15:00:00+00:00")
            );
        }
        for d in 1..=4 {
            assert_eq!(
                local_instant(day(2026, 11, d), 10, Chicago).to_rfc3339(),
                format!("2026-11-0{d}T16:00:00+00:00")
            );
        }
    }

    #[test]
    fn a_time_in_the_spring_gap_moves_to_after_it_and_a_repeated_one_takes_the_first() {
        // 2026-03-08 2:30 AM does not exist in New York; 3:00 AM EDT is 07:00Z.
        assert_eq!(local_instant(day(2026, 3, 8), 2, New_York), utc("2026-03-08T07:00:00Z"));
        // 2026-11-01 1:00 AM happens twice; the first is EDT (05:00Z).
        assert_eq!(
            local_instant(day(2026, 11, 1), 1, New_York),
            utc("2026-11-01T05:00:00Z")
        );
    }

    #[test]
    fn snoozing_keeps_the_clock_time_across_the_change() {
        // Saturday 10:00 EDT → Sunday 10:00 EST: 25 hours later.
        let saturday = utc("2026-10-31T14:00:00Z");
        let sunday = snoozed(saturday, New_York);
        assert_eq!(sunday, utc("2026-11-01T15:00:00Z"));
        assert_eq!(sunday - saturday, chrono::Duration::hours(25));
        // Spring: Saturday 10:00 EST → Sunday 10:00 EDT: 23 hours later.
        let spring = utc("2026-03-07T15:00:00Z");
        assert_eq!(snoozed(spring, New_York) - spring, chrono::Duration::hours(23));
    }

    #[test]
    fn nothing_arrives_at_night() {
        // 11:30 PM Eastern: moved to 9:00 the next morning.
        let late_evening = utc("2026-12-02T04:30:00Z");
        assert!(is_night(late_evening, New_York));
        assert_eq!(not_at_night(late_evening, New_York), utc("2026-12-02T14:00:00Z"));
        // 6:00 AM: moved to 9:00 the same morning.
        let early = utc("2026-12-02T11:00:00Z");
        assert_eq!(not_at_night(early, New_York), utc("2026-12-02T14:00:00Z"));
        // 8:59 PM is still evening, 9:00 PM is night.
        assert!(!is_night(utc("2026-12-02T01:59:00Z"), New_York));
        assert!(is_night(utc("2026-12-02T02:00:00Z"), New_York));
        // A day time stays as it is.
        let noon = utc("2026-12-02T17:00:00Z");
        assert_eq!(not_at_night(noon, New_York), noon);
    }

    #[test]
    fn snoozing_a_late_evening_reminder_lands_in_the_morning() {
        let evening = utc("2026-12-02T01:30:00Z"); // 8:30 PM Eastern
                                                   // Tomorrow 8:30 PM is allowed.
        assert_eq!(snoozed(evening, New_York), utc("2026-12-03T01:30:00Z"));
        let at_eight_am = utc("2026-12-02T13:00:00Z"); // would be 8 AM tomorrow
        assert_eq!(snoozed(at_eight_am, New_York), utc("2026-12-03T14:00:00Z"));
    }

    #[test]
    fn a_reminder_for_today_set_after_ten_comes_now_unless_it_is_night() {
        let today = day(2026, 12, 2);
        let afternoon = utc("2026-12-02T19:00:00Z"); // 2 PM Eastern
        assert_eq!(delivery_instant(today, New_York, afternoon), afternoon);
        let night = utc("2026-12-03T03:00:00Z"); // 10 PM Eastern, Dec 2
        assert_eq!(delivery_instant(today, New_York, night), utc("2026-12-03T14:00:00Z"));
        let morning = utc("2026-12-02T12:00:00Z"); // 7 AM: 10:00 is still ahead
        assert_eq!(delivery_instant(today, New_York, morning), utc("2026-12-02T15:00:00Z"));
    }

    #[test]
    fn every_state_has_a_zone_and_the_coasts_differ_after_midnight_east() {
        for (code, _) in crate::domain::us_states::STATES {
            let name = zone_of_state(code).unwrap_or_else(|| panic!("{code} has no zone"));
            assert_ne!(zone(name), Tz::UTC, "{code}: {name} is a zone chrono-tz knows");
        }
        assert_eq!(zone_of_state("tx"), Some("America/Chicago"));
        // 11:30 PM Pacific is 2:30 AM Eastern, the next day.
        assert!(!mainland_dates_agree(
            Utc.with_ymd_and_hms(2026, 12, 7, 7, 30, 0).unwrap()
        ));
        assert!(mainland_dates_agree(
            Utc.with_ymd_and_hms(2026, 12, 7, 15, 0, 0).unwrap()
        ));
    }

    #[test]
    fn typed_zones_are_read_in_many_forms() {
        assert_eq!(parse_time_zone("America/Chicago"), Some("America/Chicago"));
        assert_eq!(parse_time_zone(" america/chicago "), Some("America/Chicago"));
        assert_eq!(parse_time_zone("Pacific"), Some("America/Los_Angeles"));
        assert_eq!(parse_time_zone("eastern time"), Some("America/New_York"));
        assert_eq!(parse_time_zone("PST"), Some("America/Los_Angeles"));
        assert_eq!(parse_time_zone("Europe/Berlin"), Some("Europe/Berlin"));
        assert_eq!(parse_time_zone("america/new york"), Some("America/New_York"));
        assert_eq!(parse_time_zone("Mars/Olympus"), None);
        assert_eq!(parse_time_zone(""), None);
        for (_, name) in US_ZONES {
            assert_eq!(parse_time_zone(name), Some(name));
        }
    }

    #[test]
    fn clock_text_is_twelve_hour() {
        assert_eq!(clock_text(utc("2026-12-02T15:00:00Z"), New_York), "10:00 AM");
        assert_eq!(clock_text(utc("2026-12-02T20:30:00Z"), New_York), "3:30 PM");
    }
}
