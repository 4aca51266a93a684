//! The conversation as a pure state machine.
//!
//! [`step`] takes a chat's saved [`ChatState`], one [`Input`] (a command,
//! typed text or a button press) and a [`Ctx`] (the copy, the reference data
//! and the current time), and returns the new state and the [`Output`]s to show. It does no
//! I/O and never reads the clock, so every front end (Telegram, terminal,
//! tests) drives exactly the same conversation.
//!
//! Layers, bottom first (a module only names those below it; the test
//! `tests/module_graph.rs` fails on a circle):
//! - [`view`], [`output`], [`action`], [`input`], [`state`]: the words every
//!   screen is made of;
//! - [`review`] (questions, choices), [`report`] (summary, findings, timing,
//!   plan, offer), [`scripts`] (scripts, letters, calls), [`reminders`],
//!   [`faq`]: one folder per concept;
//! - [`screens`]: the screen a chat is on, drawn again;
//! - [`step`]: one input turned into a new state and replies.

mod action;
mod faq;
mod input;
mod language;
mod output;
pub mod reminders;
pub mod report;
pub mod review;
pub mod screens;
pub mod scripts;
mod state;
mod step;
pub mod view;

pub use action::Action;
pub use input::{Command, Input};
pub use output::{Button, Keyboard, Output};
pub use reminders::due::{claim_reminder, Due};
pub use report::finding_text::FindingText;
pub use report::findings_coding::describe as describe_coding_finding;
pub use report::findings_visit::describe as describe_visit_finding;
pub use report::offer::offer_message;
pub use report::plan::{letter_for, plan_for, plan_message, script_for};
pub use report::timing::timing_message;
pub use review::question::{AnswerKind, Question};
pub use scripts::facts::facts as script_facts;
pub use state::{CallStep, ChatState, Guess, Picker, Screen};
pub use step::{step, Ctx, Effect, Step};
