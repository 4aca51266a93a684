//! The in-process tests: everything that calls the `billcoach` library
//! directly (the conversation step, the audit, the plan, the store, the
//! scheduler) and starts no process. One binary, so the crate is linked once.
//!
//! Run one part with a filter, e.g. `cargo test --test core steps::c_dates`.

mod audit_corpus;
mod audit_properties;
mod language_parity;
mod module_graph;
mod ocr_reading;
#[path = "../support/postgres.rs"]
mod pg_server;
mod plan_scenarios;
mod reminder_scheduler;
mod steps;
mod storage_churn;
mod store_contract;
#[path = "../support/mod.rs"]
mod support;
mod typed_answers;
