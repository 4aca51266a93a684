//! What a button sends back when pressed, encoded in its callback data.
//!
//! The encoding is stored in keyboards already sent to users, so it must
//! stay readable across versions: add variants, never rename one.

use super::review::question::Question;
use crate::content::Lang;

/// The main menu's entries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MenuItem {
    Review,
    Script,
    Reminders,
    Main,
}

/// The parts of the report, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportPart {
    Summary,
    /// A page of findings (0-based).
    Findings(usize),
    Timing,
    /// What to say when calling: the script picker.
    Scripts,
    Offer,
}

/// A button press, decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    Menu(MenuItem),
    /// A choice answering a question.
    Answer {
        question: Question,
        choice: String,
    },
    /// Keep the answer already given to a question.
    Keep(Question),
    /// Give the answer given on an earlier bill (household, income, state).
    SameAsBefore(Question),
    /// Speak this language from now on.
    Language(Lang),
    /// Skip an optional question.
    Skip(Question),
    /// The line items are complete.
    ItemsDone,
    ItemsFix,
    ItemsRemove,
    ItemsList,
    /// No itemized bill after all (from the empty line-items screen).
    ItemsNone,
    /// Mark or unmark an item as not received (0-based), showing `page`.
    ToggleNotReceived {
        index: usize,
        page: usize,
    },
    NotReceivedPage(usize),
    NotReceivedDone,
    /// Keep a date that looked wrong.
    DateConfirmed,
    DateRejected,
    /// The guess offered at this question is right, or is not (the
    /// question rides along, so an old or doubled tap confirms nothing else).
    GuessConfirmed(Question),
    GuessRejected(Question),
    /// Show a part of the report.
    Report(ReportPart),
    /// Work on another bill (0-based index).
    SwitchBill(usize),
    /// A page of `/bills` (0-based).
    BillsPage(usize),
    NewBill,
    DeleteConfirmed,
    DeleteDeclined,
    /// How a logged call ended (an outcome id).
    CallOutcome(String),
    CallSkip,
    CallDone,
    /// Answer one of the frequently asked questions (0-based).
    Faq(usize),
    /// Show the list of questions.
    FaqList,
    /// Back to where the user was.
    Resume,
    /// Send the script of this kind (its id).
    Script(String),
    /// Send it in the chat's own language only (the office speaks it).
    ScriptOwnLanguage(String),
    /// Send the letter of this kind (its id).
    Letter(String),
    /// Start logging a call (as `/call`).
    StartCall,
    /// The reminders the current bill calls for (as `/remind`).
    RemindPicker,
    /// The chat's reminders (as `/reminders`).
    RemindersList,
    /// Set the reminders with this plan code (`ReminderKind::code`).
    RemindSet(String),
    /// Set every reminder the picker offers.
    RemindAll,
    /// Ask the time zone again.
    ChangeTimeZone,
    /// A time zone button: a US zone id, or "other".
    TimeZone(String),
    /// Buttons of the reminder list and of a delivered reminder (by id).
    ReminderCancel(u32),
    ReminderDone(u32),
    ReminderSnooze(u32),
    ReminderScript(u32),
    /// Leave a side screen (reminders, `/paid`) for where the user was.
    Leave,
    /// `/paid`: the whole amount due was paid.
    PaidFull,
    /// One step of the plan (0-based), with its script and letter.
    PlanStep(usize),
}

const MENU_ITEMS: [(MenuItem, &str); 4] = [
    (MenuItem::Review, "review"),
    (MenuItem::Script, "script"),
    (MenuItem::Reminders, "reminders"),
    (MenuItem::Main, "main"),
];

/// Actions without arguments and their data.
const FIXED: [(&str, Action); 25] = [
    ("items:done", Action::ItemsDone),
    ("items:fix", Action::ItemsFix),
    ("items:remove", Action::ItemsRemove),
    ("items:list", Action::ItemsList),
    ("items:none", Action::ItemsNone),
    ("nr:done", Action::NotReceivedDone),
    ("date:yes", Action::DateConfirmed),
    ("date:no", Action::DateRejected),
    ("bill:new", Action::NewBill),
    ("delete:yes", Action::DeleteConfirmed),
    ("report:summary", Action::Report(ReportPart::Summary)),
    ("report:timing", Action::Report(ReportPart::Timing)),
    ("call:skip", Action::CallSkip),
    ("call:done", Action::CallDone),
    ("faq:list", Action::FaqList),
    ("resume", Action::Resume),
    ("report:scripts", Action::Report(ReportPart::Scripts)),
    ("report:offer", Action::Report(ReportPart::Offer)),
    ("call:start", Action::StartCall),
    ("remind:add", Action::RemindPicker),
    ("remind:list", Action::RemindersList),
    ("remind:all", Action::RemindAll),
    ("remind:zone", Action::ChangeTimeZone),
    ("leave", Action::Leave),
    ("paid:full", Action::PaidFull),
];

impl Action {
    /// The callback data for this action (at most 64 bytes, as Telegram
    /// requires).
    pub fn encode(&self) -> String {
        // Every variant is named here, so a new one does not compile until
        // it has its data (and, if it has no argument, its `FIXED` row).
        match self {
            Action::ItemsDone
            | Action::ItemsFix
            | Action::ItemsRemove
            | Action::ItemsList
            | Action::ItemsNone
            | Action::NotReceivedDone
            | Action::DateConfirmed
            | Action::DateRejected
            | Action::NewBill
            | Action::DeleteConfirmed
            | Action::Report(ReportPart::Summary | ReportPart::Timing | ReportPart::Scripts | ReportPart::Offer)
            | Action::CallSkip
            | Action::CallDone
            | Action::FaqList
            | Action::Resume
            | Action::StartCall
            | Action::RemindPicker
            | Action::RemindersList
            | Action::RemindAll
            | Action::ChangeTimeZone
            | Action::Leave
            | Action::PaidFull => FIXED
                .iter()
                .find(|(_, action)| action == self)
                .map(|(data, _)| data.to_string())
                .expect("every action without an argument has its FIXED row"),
            Action::Menu(item) => {
                let name = MENU_ITEMS
                    .iter()
                    .find(|(i, _)| i == item)
                    .map(|(_, n)| *n)
                    .unwrap_or("main");
                format!("menu:{name}")
            }
            Action::Answer { question, choice } => format!("answer:{}:{choice}", question.id()),
            Action::Keep(question) => format!("keep:{}", question.id()),
            Action::SameAsBefore(question) => format!("same:{}", question.id()),
            Action::Language(lang) => format!("lang:{}", lang.code()),
            Action::Skip(question) => format!("skip:{}", question.id()),
            Action::GuessConfirmed(question) => format!("guess:yes:{}", question.id()),
            Action::GuessRejected(question) => format!("guess:no:{}", question.id()),
            Action::ToggleNotReceived { index, page } => format!("nr:t:{index}:{page}"),
            Action::NotReceivedPage(page) => format!("nr:p:{page}"),
            Action::SwitchBill(index) => format!("bill:{index}"),
            Action::BillsPage(page) => format!("bills:{page}"),
            Action::Report(ReportPart::Findings(page)) => format!("report:findings:{page}"),
            Action::CallOutcome(id) => format!("call:outcome:{id}"),
            Action::Faq(index) => format!("faq:{index}"),
            Action::Script(id) => format!("script:{id}"),
            Action::ScriptOwnLanguage(id) => format!("script:{id}:own"),
            Action::Letter(id) => format!("letter:{id}"),
            Action::DeleteDeclined => "delete:no".to_string(),
            Action::RemindSet(code) => format!("remind:set:{code}"),
            Action::TimeZone(id) => format!("zone:{id}"),
            Action::ReminderCancel(id) => format!("remind:cancel:{id}"),
            Action::ReminderDone(id) => format!("remind:done:{id}"),
            Action::ReminderSnooze(id) => format!("remind:snooze:{id}"),
            Action::ReminderScript(id) => format!("remind:script:{id}"),
            Action::PlanStep(index) => format!("plan:step:{index}"),
        }
    }

    /// Decodes callback data; `None` for data this version does not know
    /// (an old keyboard, or a forged press).
    pub fn parse(data: &str) -> Option<Action> {
        if let Some((_, action)) = FIXED.iter().find(|(d, _)| *d == data) {
            return Some(action.clone());
        }
        let parts: Vec<&str> = data.split(':').collect();
        let number = |s: &str| s.parse::<usize>().ok().filter(|n| *n < 100_000);
        match parts.as_slice() {
            ["menu", name] => MENU_ITEMS
                .iter()
                .find(|(_, n)| n == name)
                .map(|(i, _)| Action::Menu(*i)),
            ["answer", question, choice] => Some(Action::Answer {
                question: Question::from_id(question)?,
                choice: choice.to_string(),
            }),
            ["keep", question] => Question::from_id(question).map(Action::Keep),
            ["same", question] => Question::from_id(question).map(Action::SameAsBefore),
            ["lang", code] => Lang::from_code(code).map(Action::Language),
            ["skip", question] => Question::from_id(question).map(Action::Skip),
            ["guess", "yes", question] => Question::from_id(question).map(Action::GuessConfirmed),
            ["guess", "no", question] => Question::from_id(question).map(Action::GuessRejected),
            ["nr", "t", index, page] => Some(Action::ToggleNotReceived {
                index: number(index)?,
                page: number(page)?,
            }),
            ["nr", "p", page] => number(page).map(Action::NotReceivedPage),
            ["bill", index] => number(index).map(Action::SwitchBill),
            ["bills", page] => number(page).map(Action::BillsPage),
            ["report", "findings", page] => number(page).map(|p| Action::Report(ReportPart::Findings(p))),
            ["plan", "step", index] => number(index).map(Action::PlanStep),
            ["call", "outcome", id] if !id.is_empty() => Some(Action::CallOutcome(id.to_string())),
            ["faq", index] => number(index).map(Action::Faq),
            ["script", id] if !id.is_empty() => Some(Action::Script(id.to_string())),
            ["script", id, "own"] if !id.is_empty() => Some(Action::ScriptOwnLanguage(id.to_string())),
            ["letter", id] if !id.is_empty() => Some(Action::Letter(id.to_string())),
            ["delete", "no"] => Some(Action::DeleteDeclined),
            ["remind", "set", code] if !code.is_empty() => Some(Action::RemindSet(code.to_string())),
            ["zone", id] if !id.is_empty() => Some(Action::TimeZone(id.to_string())),
            ["remind", verb, id] => {
                let id: u32 = id.parse().ok()?;
                match *verb {
                    "cancel" => Some(Action::ReminderCancel(id)),
                    "done" => Some(Action::ReminderDone(id)),
                    "snooze" => Some(Action::ReminderSnooze(id)),
                    "script" => Some(Action::ReminderScript(id)),
                    _ => None,
                }
            }
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One of every kind of action, for tests.
    pub fn samples() -> Vec<Action> {
        let mut actions = vec![
            Action::Keep(Question::AmountDue),
            Action::SameAsBefore(Question::UsState),
            Action::Language(Lang::Es),
            Action::Skip(Question::UsState),
            Action::ToggleNotReceived { index: 14, page: 0 },
            Action::NotReceivedPage(2),
            Action::SwitchBill(3),
            Action::BillsPage(1),
            Action::Report(ReportPart::Findings(2)),
            Action::CallOutcome("refused".to_string()),
            Action::Faq(3),
            Action::Script("hospital".to_string()),
            Action::ScriptOwnLanguage("hospital".to_string()),
            Action::Letter("debt_validation".to_string()),
            Action::DeleteDeclined,
            Action::RemindSet("cw".to_string()),
            Action::TimeZone("pacific".to_string()),
            Action::ReminderCancel(4_000_000_000),
            Action::ReminderDone(0),
            Action::ReminderSnooze(17),
            Action::ReminderScript(3),
        ];
        actions.extend(FIXED.iter().map(|(_, action)| action.clone()));
        actions.extend(MENU_ITEMS.iter().map(|(i, _)| Action::Menu(*i)));
        for question in Question::ORDER {
            for (choice, _) in question.options() {
                actions.push(Action::Answer {
                    question,
                    choice: choice.to_string(),
                });
            }
        }
        actions
    }

    #[test]
    fn every_action_round_trips_and_fits_telegram() {
        for action in samples() {
            let data = action.encode();
            assert!(!data.is_empty() && data.len() <= 64, "{data:?} for {action:?}");
            assert_eq!(Action::parse(&data), Some(action));
        }
    }

    #[test]
    fn unknown_data_is_refused() {
        for data in [
            "",
            "menu",
            "menu:nope",
            "answer:nope:x",
            "keep:",
            "delete:maybe",
            "x:y:z",
            "nr:t:1",
            "bill:-1",
            "bill:99999999999",
            "remind:done:-1",
            "remind:nap:3",
            "zone:",
        ] {
            assert_eq!(Action::parse(data), None, "{data}");
        }
    }
}
