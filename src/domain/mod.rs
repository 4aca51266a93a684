//! The pure business core: money, dates and codes as people type them, the
//! bill being reviewed, the reference data, the audit, timing advice,
//! offers, the plan (what to do first), call logs and reminders.
//!
//! Nothing here does I/O, reads the clock or knows about Telegram: every
//! function takes what it needs as arguments, so it can be tested as plain
//! code and reused by every front end.

pub mod audit;
pub mod bill;
pub mod calls;
pub mod clean_text;
pub mod coverage;
pub mod csv;
pub mod dates;
pub mod holidays;
pub mod line_items;
pub mod line_words;
pub mod local_time;
pub mod money;
pub mod offers;
pub mod plan;
pub mod reading;
pub mod reference;
pub mod reminder_book;
pub mod reminders;
pub mod timing;
pub mod upload;
pub mod us_states;
