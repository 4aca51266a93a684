//! The end-to-end tests: each starts the real `billcoach` binary, on
//! Telegram against the fake Bot API server in `tests/support/bot/`, or in
//! the terminal. One binary, so the crate is linked once.
//!
//! Run one part with a filter, e.g. `cargo test --test e2e telegram_faults`.

mod backup_restore;
#[path = "../support/bot/mod.rs"]
mod bot;
mod console;
mod crash_harness;
mod crash_resume;
mod deploy_files;
mod fairness;
mod full_review;
mod input_hygiene;
mod keys;
mod monitoring;
mod multi_instance;
#[path = "../support/postgres.rs"]
mod pg_server;
mod photo_upload;
mod privacy;
mod reminder_delivery;
mod scripts_and_letters;
mod spanish;
#[path = "../support/mod.rs"]
mod support;
mod telegram_conversation;
mod telegram_faults;
mod webhook;
