//! The conversation as a pure state machine.
//!
//! [`step`] takes a chat's saved [`ChatState`], one [`Input`] (a command,
//! typed text or a button press) and a [`Ctx`] (the copy, the reference data
//! and the current time), and returns the new state and the [`Output`]s to show. It does no
//! I/O and never reads the clock, so every front end (Telegram, terminal,
//! tests) drives exactly the same conversation.

mod action;
mod call_flow;
mod choices;
mod faq;
mod finding_text;
mod findings_coding;
mod findings_visit;
mod input;
mod output;
mod question;
mod reminder_due;
mod reminder_view;
mod reminders_flow;
mod report;
mod report_offer;
mod report_plan;
mod report_timing;
pub mod screens;
mod script_facts;
mod scripts_flow;
mod state;
mod step;

pub use finding_text::FindingText;
pub use findings_coding::describe as describe_coding_finding;
pub use findings_visit::describe as describe_visit_finding;
pub use input::{Command, Input};
pub use output::{Button, Keyboard, Output};
pub use question::{AnswerKind, Question};
pub use reminder_due::{claim_reminder, Due};
pub use report_offer::offer_message;
pub use report_plan::{letter_for, plan_for, plan_message, script_for};
pub use report_timing::timing_message;
pub use script_facts::facts as script_facts;
pub use state::{CallStep, ChatState, Screen};
pub use step::{step, Ctx, Effect, Step};
