//! The names of every text the code shows, with the placeholders it fills.
//!
//! This list is the contract between the Rust code and `dialogues/`: the
//! loader checks each file against it, so a renamed key or a typo in a
//! `{placeholder}` is caught when the bot starts (and by `cargo test`).

/// One text in `dialogues/`, by its dotted name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub name: &'static str,
    pub placeholders: &'static [&'static str],
}

macro_rules! keys {
    ($( $(#[$doc:meta])* $id:ident = $name:literal $( [ $($ph:ident),* ] )? ; )*) => {
        $( $(#[$doc])* pub const $id: Key = Key { name: $name, placeholders: &[$($(stringify!($ph)),*)?] }; )*
        /// Every key the code uses.
        pub const ALL: &[Key] = &[$($id),*];
    };
}

keys! {
    // Greeting and main menu.
    START_GREETING = "start.greeting";
    START_REVIEW_IN_PROGRESS = "start.review_in_progress";
    MENU_PROMPT = "menu.prompt";
    MENU_REVIEW = "menu.review";
    MENU_SCRIPT = "menu.script";
    MENU_REMINDERS = "menu.reminders";
    MENU_SCRIPT_NOT_READY = "menu.script_not_ready";
    MENU_REMINDERS_NOT_READY = "menu.reminders_not_ready";
    MENU_MAIN = "menu.main";

    // The review: progress, answers, summary.
    REVIEW_PROGRESS = "review.progress" [current, total];
    REVIEW_ANSWERED = "review.answered" [question, answer];
    REVIEW_KEEP = "review.keep" [answer];
    REVIEW_PAUSED = "review.paused";
    REVIEW_SUMMARY = "review.summary" [sender, coverage, amount_due];
    REVIEW_NOT_GIVEN = "review.not_given";

    // Question 1: who sent the bill.
    SENDER_PROMPT = "question.sender.prompt";
    SENDER_HOSPITAL = "question.sender.hospital";
    SENDER_DOCTOR_OFFICE = "question.sender.doctor_office";
    SENDER_LAB = "question.sender.lab";
    SENDER_AMBULANCE = "question.sender.ambulance";
    SENDER_COLLECTIONS = "question.sender.collections_agency";
    SENDER_OTHER = "question.sender.other";

    // Question: insurance.
    COVERAGE_PROMPT = "question.coverage.prompt";
    COVERAGE_IN_NETWORK = "question.coverage.in_network";
    COVERAGE_OUT_OF_NETWORK = "question.coverage.out_of_network";
    COVERAGE_NOT_SURE = "question.coverage.insured_not_sure";
    COVERAGE_SELF_PAY = "question.coverage.self_pay";
    COVERAGE_MEDICARE = "question.coverage.medicare";
    COVERAGE_MEDICAID = "question.coverage.medicaid";

    // Question: amount due now.
    AMOUNT_DUE_PROMPT = "question.amount_due.prompt";

    // What the user typed could not be used.
    AMOUNT_UNREADABLE = "input.amount.unreadable";
    AMOUNT_NEGATIVE = "input.amount.negative";
    AMOUNT_TOO_PRECISE = "input.amount.too_precise";
    AMOUNT_TOO_LARGE = "input.amount.too_large";
    INPUT_NOT_AN_OPTION = "input.not_an_option" [example];
    INPUT_NOT_UNDERSTOOD = "input.not_understood";
    INPUT_UNSUPPORTED = "input.unsupported";
    INPUT_STALE_BUTTON = "input.stale_button";
    INPUT_UNKNOWN_COMMAND = "input.unknown_command";
    INPUT_NOTHING_TO_CANCEL = "input.nothing_to_cancel";
    INPUT_NOTHING_BEFORE = "input.nothing_before";

    // Commands.
    HELP_TEXT = "help.text";
    COMMAND_START = "commands.start";
    COMMAND_HELP = "commands.help";
    COMMAND_BACK = "commands.back";
    COMMAND_CANCEL = "commands.cancel";
    COMMAND_DELETE = "commands.delete";

    // Erasing a chat's data.
    DELETE_CONFIRM = "delete.confirm";
    DELETE_YES = "delete.yes";
    DELETE_NO = "delete.no";
    DELETE_DONE = "delete.done";
    DELETE_KEPT = "delete.kept";

    // Said by the shells.
    STORE_RECORD_RESET = "shell.record_reset";
    TELEGRAM_PRIVATE_ONLY = "shell.private_only";
    TELEGRAM_SOMETHING_WENT_WRONG = "shell.something_went_wrong";
    CONSOLE_NO_TOKEN = "shell.console_no_token";
    CONSOLE_HOW_TO_ANSWER = "shell.console_how_to_answer";
}
