//! The names of every text the code shows, with the placeholders it fills.
//!
//! This list is the contract between the Rust code and `dialogues/`: the
//! loader checks each file against it, so a renamed key or a typo in a
//! `{placeholder}` is caught when the bot starts (and by `cargo test`).
//! Each part of the bot declares its keys in its own file here; [`all`]
//! walks every group.

mod calls;
mod conversation;
mod findings_coding;
mod findings_visit;
mod limits;
mod offers;
mod plan;
mod reminders;
mod report;
mod shell;

pub use calls::*;
pub use conversation::*;
#[allow(unused_imports)] // filled by the audit
pub use findings_coding::*;
#[allow(unused_imports)] // filled by the audit
pub use findings_visit::*;
pub use limits::*;
#[allow(unused_imports)] // filled by the offer message
pub use offers::*;
#[allow(unused_imports)] // filled by the plan message
pub use plan::*;
pub use reminders::*;
#[allow(unused_imports)] // filled by the report
pub use report::*;
pub use shell::*;

/// One text in `dialogues/`, by its dotted name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub name: &'static str,
    pub placeholders: &'static [&'static str],
}

/// Declares keys as constants and collects them in `GROUP`.
macro_rules! keys {
    ($( $(#[$doc:meta])* $id:ident = $name:literal $( [ $($ph:ident),* ] )? ; )*) => {
        $( $(#[$doc])* pub const $id: super::Key = super::Key { name: $name, placeholders: &[$($(stringify!($ph)),*)?] }; )*
        /// Every key of this group.
        pub(super) const GROUP: &[super::Key] = &[$($id),*];
    };
}
pub(crate) use keys;

/// Every key the code uses.
pub fn all() -> impl Iterator<Item = &'static Key> {
    [
        calls::GROUP,
        conversation::GROUP,
        findings_coding::GROUP,
        findings_visit::GROUP,
        limits::GROUP,
        offers::GROUP,
        plan::GROUP,
        reminders::GROUP,
        report::GROUP,
        shell::GROUP,
    ]
    .into_iter()
    .flatten()
}
