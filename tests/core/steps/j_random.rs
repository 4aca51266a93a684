use super::*;

// ---------------------------------------------------------------------------
// J. Property: random sequences of inputs
// ---------------------------------------------------------------------------

/// The longest button label a phone shows whole (voice.md: one to three words).
const MAX_BUTTON_LABEL: usize = 30;

/// Every kind of button data this version can send.
fn valid_button_data() -> Vec<String> {
    let mut data: Vec<String> = ["review", "script", "reminders", "main"]
        .iter()
        .map(|m| format!("menu:{m}"))
        .collect();
    for q in Question::ORDER {
        for (choice, _) in q.options() {
            data.push(format!("answer:{}:{choice}", q.id()));
        }
        data.push(format!("keep:{}", q.id()));
        data.push(format!("same:{}", q.id()));
        data.push(format!("skip:{}", q.id()));
    }
    for fixed in [
        "items:done",
        "items:fix",
        "items:remove",
        "items:list",
        "items:none",
        "nr:done",
        "date:yes",
        "date:no",
        "guess:yes:amount_due",
        "guess:no:amount_due",
        "bill:new",
        "delete:yes",
        "delete:no",
        "report:summary",
        "report:findings:0",
        "report:findings:1",
        "report:findings:9",
        "report:timing",
        "call:skip",
        "call:done",
        "call:outcome:promised",
        "call:outcome:refused",
        "call:outcome:nonsense",
        "faq:list",
        "lang:en",
        "lang:es",
        "lang:fr",
        "faq:0",
        "faq:4",
        "faq:9",
        "resume",
        "report:scripts",
        "report:offer",
        "call:start",
        "script:hospital",
        "script:collections",
        "script:nonsense",
        "script:hospital:own",
        "letter:itemized_request",
        "letter:debt_validation",
        "letter:nonsense",
    ] {
        data.push(fixed.to_string());
    }
    for index in [0, 1, 2, 4, 11, 12, 19, 20, 24, 44, 45, 499, 99_999] {
        for page in [0, 1, 2, 3, 99_999] {
            data.push(format!("nr:t:{index}:{page}"));
        }
    }
    for page in [0, 1, 2, 3, 7] {
        data.push(format!("nr:p:{page}"));
    }
    for bill in [0, 1, 2, 3, 99_999] {
        data.push(format!("bill:{bill}"));
    }
    data
}

/// Whether button data has one of the shapes in action.rs.
fn is_known_data(data: &str, state: &ChatState) -> bool {
    let number = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let parts: Vec<&str> = data.split(':').collect();
    match parts.as_slice() {
        ["menu", item] => ["review", "script", "reminders", "main"].contains(item),
        ["answer", q, choice] => Question::from_id(q).is_some_and(|q| q.options().iter().any(|(id, _)| id == choice)),
        ["keep", q] | ["guess", "yes" | "no", q] => Question::from_id(q).is_some(),
        ["skip", q] => Question::from_id(q).is_some_and(Question::is_optional),
        ["same", q] => Question::from_id(q).is_some_and(Question::is_about_person),
        ["lang", code] => ["en", "es"].contains(code),
        ["items", what] => ["done", "fix", "remove", "list", "none"].contains(what),
        ["nr", "t", index, page] => {
            number(index) && number(page) && index.parse::<usize>().unwrap() < state.bill().items.len()
        }
        ["nr", "p", page] => number(page),
        ["nr", "done"] | ["date", "yes" | "no"] | ["bill", "new"] | ["delete", "yes" | "no"] => true,
        ["bill", index] => number(index) && index.parse::<usize>().unwrap() < state.bills.len(),
        ["report", "summary" | "timing" | "scripts" | "offer"]
        | ["call", "skip" | "done" | "start"]
        | ["faq", "list"]
        | ["resume"] => true,
        ["script", id] => billcoach::content::templates::ScriptKind::from_id(id).is_some(),
        ["script", id, "own"] => billcoach::content::templates::ScriptKind::from_id(id).is_some(),
        ["letter", id] => billcoach::content::templates::LetterKind::from_id(id).is_some(),
        ["call", "outcome", id] => ["promised", "reduced", "payment_plan", "refused", "call_back"].contains(id),
        ["faq", index] => number(index),
        ["report", "findings", page] => number(page),
        // A later step of the plan: one of those shown (STEPS_SHOWN).
        ["plan", "step", index] => {
            number(index)
                && index
                    .parse::<usize>()
                    .is_ok_and(|i| (1..billcoach::domain::plan::STEPS_SHOWN).contains(&i))
        }
        ["remind", "add" | "list" | "all" | "zone"] | ["leave"] | ["paid", "full"] => true,
        ["remind", "set", code] => billcoach::domain::reminders::ReminderKind::EACH
            .iter()
            .any(|kind| kind.code() == *code),
        ["remind", "cancel" | "done" | "snooze" | "script", id] => {
            number(id) && state.reminders.items.iter().any(|r| r.id.to_string() == *id)
        }
        ["zone", id] => [
            "eastern", "central", "mountain", "arizona", "pacific", "alaska", "hawaii", "other",
        ]
        .contains(id),
        _ => false,
    }
}

/// Labels and words people might type.
fn typed_words() -> Vec<String> {
    let mut typed: Vec<String> = Vec::new();
    for q in Question::ORDER {
        for (id, label) in q.options() {
            typed.push(id.to_string());
            typed.push(plain(label));
        }
    }
    typed.extend(
        [
            "yes",
            "no",
            "not sure",
            "hospital",
            "self-pay",
            "doctor",
            "uninsured",
            "network",
            "hosp",
            "no estimate",
            "done",
            "Done.",
            "that's all",
            "Ohio",
            "OH",
            "new york",
            "3",
            "1",
            "12",
            "45",
            "#2",
            "3, 5",
            "1 2 3",
            "0",
            "21",
            "skip",
            "America/Chicago",
            "eastern",
            "Mars/Base",
            "350",
            "/remind",
            "/reminders",
            "/paid",
        ]
        .iter()
        .map(|s| s.to_string()),
    );
    typed
}

/// One line of a bill: real ones, near misses, and noise.
fn bill_line_strategy() -> impl Strategy<Value = String> {
    let er_lines: Vec<String> = ER_BILL.lines().map(String::from).collect();
    prop_oneof![
        3 => proptest::sample::select(er_lines),
        2 => "(0[1-9]|1[0-2])/(0[1-9]|2[0-8])/20(25|26|27)  0[1-9][0-9]{2}  [0-9]{5}(-25)?  [A-Z ]{3,20}  [1-4]  [0-9]{1,4}\\.[0-9]{2}",
        2 => "[0-9A-Z]{5}(-[0-9A-Z]{2})? [A-Za-z ]{1,20} \\$?[0-9,]{1,7}(\\.[0-9]{1,3})?",
        1 => "(Mar|Apr|Dec) [0-9]{1,2} [A-Z][0-9]{4} [a-z ]{2,12} [0-9]{1,5}",
        1 => "[0-9]{4},[0-9]{5},[A-Z ]{2,10},[0-9]{1,2},\"[0-9,]{1,6}\\.[0-9]{2}\"",
        1 => "(TOTAL|Page|Balance|Patient|Account)[ :A-Za-z0-9$.,]{0,30}",
        1 => "13/45/2026  99285  ER VISIT  \\$[0-9]{1,3}\\.00",
        1 => "\\PC{0,60}",
    ]
}

fn text_strategy() -> impl Strategy<Value = String> {
    prop_oneof![
        // Amounts, well and badly written.
        Just(String::new()),
        "[$]?[0-9]{1,9}([.,][0-9]{1,3})?",
        "[-+(]?[$ ]?[0-9,. ']{0,14}( ?(usd|dollars|cr|\\$))?[)]?",
        "[0-9]{20,40}",
        // Dates.
        proptest::sample::select(vec![
            "3/14/26",
            "March 14",
            "yesterday",
            "today",
            "12/25/26",
            "13/45/2026",
            "2026-03-14",
            "Feb 30",
            "4/2/26",
            "3/1/26",
            "Tue, Jul 14, 2026",
        ])
        .prop_map(String::from),
        "[0-9]{1,2}/[0-9]{1,2}(/[0-9]{2,4})?",
        "(jan|mar|dec|sept|March) [0-9]{1,2}(st|th)?(, 20[0-9]{2})?",
        // Answers as people type them on a phone (issue 18).
        proptest::sample::select(vec![
            "idk",
            "dunno",
            "?",
            "$2.4k",
            "2400 bucks",
            "like 55k",
            "100/mo",
            "maybe 500?",
            "4 of us",
            "me and my wife",
            "just me",
            "20 days ago",
            "last tuesday",
            "yes it was the ER 😩",
            "hosptial",
            "over 10k",
        ])
        .prop_map(String::from),
        // Labels, ids, numbers and words.
        proptest::sample::select(typed_words()),
        "#?[0-9]{1,2}([, ;]{1,2}[0-9]{1,2}){0,4}",
        // Pasted bills and single code-like lines.
        bill_line_strategy(),
        proptest::collection::vec(bill_line_strategy(), 1..40).prop_map(|lines| lines.join("\n")),
        Just(ER_BILL.to_string()),
        // Anything, including markup and unicode.
        ".{0,40}",
        "[<>&\"a-z/ ]{0,40}",
        "\\PC{0,80}",
        any::<String>(),
        // Very long text.
        proptest::collection::vec(any::<char>(), 1000..=5000).prop_map(|chars| chars.into_iter().collect::<String>()),
    ]
}

fn command_strategy() -> impl Strategy<Value = Input> {
    let mut commands = Command::LISTED.to_vec();
    commands.push(Command::Unknown);
    proptest::sample::select(commands).prop_map(Input::Command)
}

fn garbage_button_strategy() -> impl Strategy<Value = String> {
    prop_oneof![
        "(menu|answer|keep|same|skip|items|nr|date|bill|delete)(:[a-z0-9_]{0,18}){0,3}",
        "nr:t:[0-9]{1,12}:[0-9]{1,12}",
        "bill:-?[0-9]{1,20}",
        "[a-z:_]{0,64}",
        any::<String>(),
    ]
}

fn file_strategy() -> impl Strategy<Value = Input> {
    (
        proptest::sample::select(vec!["bill.txt", "bill.csv", "", "scan.tsv"]),
        prop_oneof![
            proptest::collection::vec(bill_line_strategy(), 0..30).prop_map(|lines| lines.join("\r\n")),
            Just(CSV_BILL.to_string()),
            Just(long_bill(45)),
            ".{0,200}",
        ],
    )
        .prop_map(|(name, text)| Input::File {
            name: name.to_string(),
            text,
        })
}

/// One thing the random user does.
#[derive(Debug, Clone)]
enum Move {
    Send(Input),
    /// Press a button among the ones last shown (by position, wrapping).
    PressShown(usize),
    /// Type one of the answers that fit the screen (by position, wrapping).
    TypeFitting(usize),
}

/// Answers a user might type on this screen, good and bad.
fn fitting_answers(state: &ChatState) -> Vec<String> {
    let words = |list: &[&str]| list.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    match &state.screen {
        Screen::Asking { question } => match question {
            q if CHOICE_QUESTIONS.contains(q) => {
                let mut typed: Vec<String> = q.options().into_iter().map(|(_, label)| plain(label)).collect();
                typed.push("maybe".to_string());
                typed
            }
            Question::ServiceDate | Question::FirstBillDate | Question::CollectorLetterDate | Question::DenialDate => {
                words(&[
                    "3/14/26",
                    "March 14",
                    "yesterday",
                    "4/2/26",
                    "12/25/26",
                    "3/1/26",
                    "13/45/2026",
                    "today",
                ])
            }
            Question::HouseholdSize => words(&["3", "1", "0", "21", "four"]),
            Question::UsState => words(&["Ohio", "tx", "new york", "Narnia"]),
            Question::LineItems => vec![
                ER_BILL.to_string(),
                "Mar 14 85025 CBC $142.00".to_string(),
                "done".to_string(),
                UNREADABLE_LINE.to_string(),
                CSV_BILL.to_string(),
                "hello".to_string(),
            ],
            Question::NotReceived => words(&["3, 5", "1", "12", "done", "99", "2 4 6"]),
            _ => words(&["$1,234.50", "900", "0", "-5", "12.345", "no estimate", "$42,000"]),
        },
        Screen::ConfirmDate { .. } => words(&["3/14/26", "tomorrowish", "12/25/26"]),
        Screen::FixItem { number: None } | Screen::RemoveItem => words(&["1", "2", "#3", "12", "0", "99"]),
        Screen::FixItem { number: Some(_) } => words(&["99285 ER visit $100", "Mar 14 85025 CBC $1.00", "nope"]),
        _ => words(&["hello", "no"]),
    }
}

fn move_strategy() -> impl Strategy<Value = Move> {
    prop_oneof![
        8 => any::<usize>().prop_map(Move::PressShown),
        6 => any::<usize>().prop_map(Move::TypeFitting),
        3 => command_strategy().prop_map(Move::Send),
        5 => text_strategy().prop_map(|t| Move::Send(Input::Text(t))),
        3 => proptest::sample::select(valid_button_data()).prop_map(|d| Move::Send(Input::Button(d))),
        1 => garbage_button_strategy().prop_map(|d| Move::Send(Input::Button(d))),
        1 => file_strategy().prop_map(Move::Send),
        1 => prop_oneof![Just(FileProblem::TooLarge), Just(FileProblem::NotText)]
            .prop_map(|p| Move::Send(Input::FileRefused(p))),
        1 => Just(Move::Send(Input::Unsupported)),
        1 => Just(Move::Send(Input::Resume)),
    ]
}

/// The button data of a step's outputs.
fn shown_data(outputs: &[Output]) -> Vec<String> {
    outputs
        .iter()
        .flat_map(|o| keyboard_of(o).iter().flatten())
        .map(|b| b.data.clone())
        .collect()
}

/// States the random walks start from, with the buttons last shown, so
/// that short walks also reach the deep screens.
fn seeds() -> &'static [(ChatState, Vec<String>)] {
    static SEEDS: OnceLock<Vec<(ChatState, Vec<String>)>> = OnceLock::new();
    SEEDS.get_or_init(|| {
        let seed = |chat: Chat| (chat.state.clone(), shown_data(chat.outputs()));
        let fresh = (ChatState::default(), Vec::new());
        let items = seed(with_er_items());
        let mut paged = at_items();
        paged.send(text(&long_bill(45)));
        paged.press(&plain(keys::ITEMS_DONE));
        paged.press(&plain(keys::NOT_RECEIVED_NEXT));
        paged.press("25");
        let paged = seed(paged);
        let mut two = Chat::reviewed(&[
            (Question::Coverage, "in_network"),
            (Question::Claim, "paid_part"),
            (Question::InCollections, "yes"),
            (Question::HasItemized, "yes"),
        ]);
        two.send(cmd(Command::New));
        two.press(&plain(keys::SENDER_HOSPITAL));
        two.send(cmd(Command::Bills));
        let two = seed(two);
        let mut date = Chat::at(&[], Question::FirstBillDate);
        date.send(text("3/1/26"));
        let date = seed(date);
        // The reminder picker of a bill with deadlines (its buttons were
        // the longest labels).
        let mut remind = Chat::reviewed(&[(Question::FirstBillDate, "11/1/26")]);
        remind.send(cmd(Command::Remind));
        let remind = seed(remind);
        vec![fresh, items, paged, two, date, remind]
    })
}

/// What a bill says in answer to a question: its words, and whether it
/// was skipped.
fn answer_of(question: Question, bill: &Bill) -> (Option<String>, bool) {
    (
        question.current_answer(bill, content(), today()),
        bill.skipped.contains(question.id()),
    )
}

/// Whether an input on `screen` may change the answer to `question`.
fn may_change(screen: &Screen, question: Question) -> bool {
    let items = matches!(question, Question::LineItems | Question::NotReceived);
    match screen {
        // "I don't have it yet" on the empty list answers the itemized-bill
        // question again.
        Screen::Asking {
            question: Question::LineItems,
        } => items || question == Question::HasItemized,
        Screen::Asking { question: asked }
        | Screen::ConfirmDate { question: asked, .. }
        | Screen::ConfirmGuess { question: asked, .. } => *asked == question,
        Screen::FixItem { .. } | Screen::RemoveItem => items,
        // A call that lowered the bill sets the new amount due.
        Screen::LoggingCall {
            step: CallStep::NewAmount,
            ..
        } => question == Question::AmountDue,
        _ => false,
    }
}

/// Screens where the items may change (a bill pasted at "Do you have the
/// itemized bill?" is read as its lines).
fn in_items(screen: &Screen) -> bool {
    matches!(
        screen,
        Screen::Asking {
            question: Question::LineItems | Question::HasItemized
        } | Screen::ConfirmGuess {
            question: Question::HasItemized,
            ..
        } | Screen::FixItem { .. }
            | Screen::RemoveItem
    )
}

/// Checks every property of one step from `before`.
fn check_step(before: &ChatState, input: &Input, after: &Step) -> Result<(), TestCaseError> {
    let erased = after.effects.contains(&Effect::EraseChat);
    let state = &after.state;

    // The user always has something to respond to.
    prop_assert!(!after.outputs.is_empty(), "no output for {:?}", input);
    let way_forward = match after.outputs.last() {
        Some(Output::Message { .. }) => true,
        Some(Output::ReplacePressed { keyboard, .. }) => !keyboard.is_empty(),
        Some(Output::Document { .. }) | None => false,
    };
    prop_assert!(
        way_forward,
        "the last output leaves no way forward for {:?}: {:?}",
        input,
        after.outputs.last()
    );

    for output in &after.outputs {
        // Telegram accepts the HTML.
        if let Err(problem) = output.text().check_tags() {
            return Err(TestCaseError::fail(format!(
                "bad HTML ({problem}) for {input:?}: {:?}",
                output.text().as_str()
            )));
        }
        // Every button is one Telegram takes and this version understands.
        for b in keyboard_of(output).iter().flatten() {
            prop_assert!(!b.data.is_empty() && b.data.len() <= 64, "button data {:?}", b.data);
            prop_assert!(is_known_data(&b.data, state), "unknown button data {:?}", b.data);
            prop_assert!(!b.label.trim().is_empty(), "a button without a label: {:?}", b);
            // A phone shows about 30 characters of a button; longer is cut off.
            prop_assert!(
                b.label.chars().count() <= MAX_BUTTON_LABEL,
                "a button label over {} characters ({}) for {:?}: {:?}",
                MAX_BUTTON_LABEL,
                b.label.chars().count(),
                input,
                b.label
            );
        }
    }

    // Only a button press has a pressed message to replace.
    if after.outputs.iter().any(|o| matches!(o, Output::ReplacePressed { .. })) {
        prop_assert!(matches!(input, Input::Button(_)), "ReplacePressed for {:?}", input);
    }
    for bill in &state.bills {
        prop_assert!(
            !(bill.items_confirmed && bill.items.is_empty()),
            "an empty list is confirmed"
        );
    }

    // The state is consistent.
    prop_assert!(
        state.current < state.bills.len(),
        "current {} of {}",
        state.current,
        state.bills.len()
    );
    for bill in &state.bills {
        prop_assert!(
            bill.not_received.iter().all(|&i| i < bill.items.len()),
            "a not-received mark past the items: {:?} of {}",
            bill.not_received,
            bill.items.len()
        );
    }
    // Side screens do not nest, but for the time-zone question asked from
    // a reminder screen (it goes back there).
    if let Some(back_to) = state.screen.back_to() {
        let from_reminders = matches!(state.screen, Screen::AskTimeZone { .. })
            && matches!(back_to, Screen::Remind { .. } | Screen::Reminders { .. });
        let depth_ok = back_to.back_to().is_none_or(|further| further.back_to().is_none());
        prop_assert!(
            (from_reminders && depth_ok) || back_to.back_to().is_none(),
            "nested side screens: {:?}",
            state.screen
        );
    }
    // Reminders are about bills that exist, and their ids are unique.
    let ids: BTreeSet<u32> = state.reminders.items.iter().map(|r| r.id).collect();
    prop_assert_eq!(ids.len(), state.reminders.items.len(), "a reminder id used twice");
    prop_assert!(state
        .reminders
        .items
        .iter()
        .all(|r| r.bill < state.bills.len() && r.id < state.reminders.next_id));

    if erased {
        prop_assert_eq!(&after.effects, &vec![Effect::EraseChat]);
        prop_assert_eq!(state, &ChatState::default());
        prop_assert!(
            matches!(before.screen, Screen::ConfirmDelete { .. }),
            "erased without confirmation from {:?}",
            before.screen
        );
    } else {
        // The only other effect is an export, asked for with /export.
        let exported = after.effects == vec![Effect::ExportChat];
        prop_assert!(
            after.effects.is_empty() || (exported && *input == Input::Command(Command::Export)),
            "effects {:?} for {:?}",
            after.effects,
            input
        );
        // Bills are never dropped.
        prop_assert!(state.bills.len() >= before.bills.len(), "a bill was dropped");
        for (index, was) in before.bills.iter().enumerate() {
            let is = &state.bills[index];
            if index != before.current {
                prop_assert_eq!(
                    is,
                    was,
                    "bill {} changed while working on bill {}",
                    index,
                    before.current
                );
                continue;
            }
            // The items change only when fixed or removed, else only grow.
            let edited = matches!(input, Input::Text(_))
                && matches!(before.screen, Screen::FixItem { number: Some(_) } | Screen::RemoveItem);
            if edited {
                prop_assert!(is.items.len() + 1 >= was.items.len() && is.items.len() <= was.items.len());
            } else {
                prop_assert!(is.items.starts_with(&was.items), "items lost for {:?}", input);
            }
            if is.items != was.items {
                prop_assert!(in_items(&before.screen), "items changed on {:?}", before.screen);
            }
            if is.not_received != was.not_received {
                prop_assert!(
                    before.screen == asking(Question::NotReceived) || before.screen == Screen::RemoveItem,
                    "marks changed on {:?}",
                    before.screen
                );
            }
            // A confirmed answer is never lost. (More items make the list,
            // and so the marks, need confirming again: no answer is lost.)
            let grown = is.items.len() > was.items.len();
            for q in Question::ORDER {
                if grown && matches!(q, Question::LineItems | Question::NotReceived) {
                    continue;
                }
                if q.applies(was) && q.is_answered(was) {
                    prop_assert!(
                        q.is_answered(is),
                        "{:?} lost after {:?} on {:?}",
                        q,
                        input,
                        before.screen
                    );
                }
            }
            // An answer changes only while its question is being answered.
            for q in Question::ORDER {
                // An answer typed at a guess's check and kept for the next
                // question is used once the check is answered.
                let kept_for = before
                    .kept
                    .as_ref()
                    .and_then(|kept| billcoach::conversation::review::question::next_after(kept.after, is));
                if answer_of(q, was) != answer_of(q, is) {
                    prop_assert!(
                        may_change(&before.screen, q) || kept_for == Some(q),
                        "{:?} changed on {:?} by {:?}",
                        q,
                        before.screen,
                        input
                    );
                }
            }
        }
    }

    // The state survives being saved.
    let json = serde_json::to_string(state).map_err(|e| TestCaseError::fail(format!("serialize: {e}")))?;
    let back: ChatState =
        serde_json::from_str(&json).map_err(|e| TestCaseError::fail(format!("deserialize {json}: {e}")))?;
    prop_assert_eq!(&back, state, "JSON: {}", json);
    Ok(())
}

/// Walks from a seed state through the moves, checking every step, in
/// English or in Spanish (every button, every HTML check, in each).
fn walk(seed: usize, spanish: bool, moves: Vec<Move>) -> Result<(), TestCaseError> {
    let ctx = Ctx {
        languages: languages(),
        reference: reference(),
        now: now(),
    };
    let (mut state, mut shown) = seeds()[seed].clone();
    if spanish {
        state.lang = Some(billcoach::content::Lang::Es);
    }
    for action in moves {
        let input = match action {
            Move::Send(input) => input,
            Move::PressShown(_) if shown.is_empty() => Input::Command(Command::Start),
            Move::PressShown(k) => Input::Button(shown[k % shown.len()].clone()),
            Move::TypeFitting(k) => {
                let answers = fitting_answers(&state);
                Input::Text(answers[k % answers.len()].clone())
            }
        };
        let after = step(&state, input.clone(), &ctx);
        check_step(&state, &input, &after)?;
        let data = shown_data(&after.outputs);
        if !data.is_empty() {
            shown = data;
        }
        state = after.state;
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 256,
        ..ProptestConfig::default()
    })]

    /// Every property, after every step of a random conversation.
    #[test]
    fn random_conversations_keep_every_promise(
        seed in 0..6usize,
        spanish in proptest::bool::ANY,
        moves in proptest::collection::vec(move_strategy(), 1..=60)
    ) {
        walk(seed, spanish, moves)?;
    }
}
