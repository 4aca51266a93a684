//! The scheduler's side of a reminder, kept pure: claiming a due reminder
//! (and drawing its message), marking it delivered, failed or dropped.
//! The engine stores the state these return; the shells send the message.

use crate::conversation::output::Output;
use crate::conversation::state::ChatState;
use crate::conversation::step::{today_for, Ctx};
use crate::conversation::view::View;
use crate::domain::local_time::zone;
use crate::domain::reminder_book::Claim;

/// What to do with a reminder found due.
#[derive(Debug, Clone, PartialEq)]
pub enum Due {
    /// Send this message now (the reminder is marked as being sent).
    Send(Output),
    /// It is night where the user is: moved to the morning.
    Postponed,
    /// Not due (any more): nothing to send.
    NotDue,
    /// Cancelled, done or delivered: nothing to send.
    Gone,
}

/// Claims reminder `id` of a chat for sending at `ctx.now`.
pub fn claim_reminder(state: &mut ChatState, id: u32, ctx: &Ctx<'_>) -> Due {
    let tz = zone(state.time_zone.as_deref().unwrap_or_default());
    match state.reminders.claim(id, tz, ctx.now) {
        Claim::Send { late } => {
            let view = View {
                content: &ctx.language(state).content,
                today: today_for(state, ctx.now),
            };
            match state.reminders.get(id) {
                Some(reminder) => Due::Send(view.reminder_message(state, reminder, late)),
                None => Due::Gone,
            }
        }
        Claim::Postponed => Due::Postponed,
        Claim::NotDue => Due::NotDue,
        Claim::Gone => Due::Gone,
    }
}
