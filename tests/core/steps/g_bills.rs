use super::*;

// ---------------------------------------------------------------------------
// G. Scenarios: several bills
// ---------------------------------------------------------------------------

#[test]
fn new_keeps_the_first_bill_and_starts_question_one_for_another() {
    let mut chat = Chat::at(&[], Question::AmountDue);
    let first = chat.bill().clone();
    let out = chat.send(cmd(Command::New));
    assert_eq!(chat.state.bills.len(), 2);
    assert_eq!(chat.state.current, 1);
    assert_eq!(chat.state.bills[0], first);
    assert!(chat.bill().is_empty());
    assert_eq!(out.len(), 2);
    assert_eq!(out[0], line(keys::BILLS_STARTED_NEW));
    assert_contains(&out[1], &part(1));
    assert_contains(&out[1], &line(keys::SENDER_PROMPT));
    assert_eq!(chat.labels(), sender_labels(), "no Keep: the new bill is empty");

    // /new on an empty bill does not pile up empty bills.
    let out = chat.send(cmd(Command::New));
    assert_eq!(chat.state.bills.len(), 2);
    assert_eq!(out.len(), 1);
    assert_contains(&out[0], &part(1));

    // The summary's New bill button does the same as /new.
    let mut chat = Chat::reviewed(&[]);
    chat.press(&plain(keys::BILLS_NEW));
    assert_eq!(chat.state.bills.len(), 2);
    assert_eq!(chat.state.current, 1);
    assert_eq!(chat.state.screen, asking(Question::Sender));
}

#[test]
fn bills_lists_every_bill_with_its_stage_and_switches_between_them() {
    let mut chat = Chat::at(&[], Question::AmountDue);
    chat.send(cmd(Command::New));
    chat.press(&plain(keys::SENDER_LAB));
    assert_eq!(chat.state.screen, asking(Question::Coverage));
    let second = chat.state.screen.clone();

    let out = chat.send(cmd(Command::Bills));
    assert_eq!(chat.state.screen, second, "listing does not move the review");
    assert_eq!(out.len(), 1);
    let no_amount = plain(keys::BILLS_NO_AMOUNT);
    let stage =
        |current: &str, total: &str| filled(keys::BILLS_STAGE_QUESTION, &[("current", current), ("total", total)]);
    let first_line = filled(
        keys::BILLS_LINE,
        &[
            ("number", "1"),
            ("sender", &plain(keys::SENDER_HOSPITAL)),
            ("amount", &no_amount),
            ("stage", &stage("2", "4")),
        ],
    );
    // The bill being worked on is marked.
    let second_line = filled(
        keys::BILLS_LINE_CURRENT,
        &[
            ("number", "2"),
            ("sender", &plain(keys::SENDER_LAB)),
            ("amount", &no_amount),
            ("stage", &stage("1", "4")),
        ],
    );
    assert_contains(&out[0], &line(keys::BILLS_HEADING));
    assert_contains(&out[0], &first_line);
    assert_contains(&out[0], &second_line);
    let first_button = filled(
        keys::BILLS_BUTTON,
        &[("number", "1"), ("sender", &plain(keys::SENDER_HOSPITAL))],
    );
    let second_button = filled(
        keys::BILLS_BUTTON_CURRENT,
        &[("number", "2"), ("sender", &plain(keys::SENDER_LAB))],
    );
    assert_eq!(
        chat.labels(),
        vec![first_button.clone(), second_button.clone(), plain(keys::BILLS_NEW)]
    );
    assert_eq!(chat.data_of(&first_button), "bill:0");
    assert_eq!(chat.data_of(&second_button), "bill:1");
    assert_eq!(chat.data_of(&plain(keys::BILLS_NEW)), "bill:new");

    // Switching resumes the first bill where it was.
    let out = chat.press(&first_button);
    assert_eq!(chat.state.current, 0);
    assert_eq!(out[0], filled(keys::BILLS_SWITCHED, &[("number", "1")]));
    assert_contains(&out[1], &part(2));
    assert_contains(&out[1], &line(keys::AMOUNT_DUE_PROMPT));
    assert_eq!(chat.state.screen, asking(Question::AmountDue));
    chat.send(text("$300"));
    assert_eq!(chat.state.bills[0].amount_due, Some(dec!(300.00)));
    assert_eq!(chat.state.bills[1].amount_due, None, "the other bill is untouched");

    // And back to the second one, where it was.
    chat.send(cmd(Command::Bills));
    let second_button = filled(
        keys::BILLS_BUTTON,
        &[("number", "2"), ("sender", &plain(keys::SENDER_LAB))],
    );
    let out = chat.press(&second_button);
    assert_eq!(chat.state.current, 1);
    assert_contains(&out[1], &part(1));
    assert_eq!(chat.state.screen, asking(Question::Coverage));

    // A reviewed bill shows as reviewed, with its amount.
    let mut chat = Chat::reviewed(&[]);
    chat.send(cmd(Command::New));
    let out = chat.send(cmd(Command::Bills));
    assert_contains(
        &out[0],
        &filled(
            keys::BILLS_LINE,
            &[
                ("number", "1"),
                ("sender", &plain(keys::SENDER_HOSPITAL)),
                ("amount", "$1,234.50"),
                ("stage", &plain(keys::BILLS_STAGE_REVIEWED)),
            ],
        ),
    );
    assert_contains(
        &out[0],
        &filled(
            keys::BILLS_LINE_CURRENT,
            &[
                ("number", "2"),
                ("sender", &plain(keys::BILLS_UNNAMED)),
                ("amount", &no_amount),
                ("stage", &stage("1", "4")),
            ],
        ),
    );
    // Switching to a reviewed bill shows its summary.
    chat.press(&filled(
        keys::BILLS_BUTTON,
        &[("number", "1"), ("sender", &plain(keys::SENDER_HOSPITAL))],
    ));
    assert_eq!(chat.state.screen, Screen::Summary);

    // A paid bill says so, with what was paid.
    chat.send(cmd(Command::Paid));
    chat.send(text("900"));
    let out = chat.send(cmd(Command::Bills));
    assert_contains(
        &out[0],
        &filled(
            keys::BILLS_LINE_CURRENT,
            &[
                ("number", "1"),
                ("sender", &plain(keys::SENDER_HOSPITAL)),
                ("amount", "$1,234.50"),
                ("stage", &filled(keys::BILLS_STAGE_PAID, &[("amount", "$900.00")])),
            ],
        ),
    );
}

#[test]
fn cancel_keeps_a_half_done_review_among_several_bills() {
    let mut chat = Chat::reviewed(&[]);
    chat.send(cmd(Command::New));
    chat.answer_until(&[(Question::Sender, "ambulance")], Some(Question::ServiceDate));
    let bills = chat.state.bills.clone();
    let out = chat.send(cmd(Command::Cancel));
    assert_eq!(chat.state.screen, Screen::Menu);
    assert_eq!(chat.state.bills, bills);
    assert_eq!(chat.state.current, 1);
    assert_contains(&out[0], &line(keys::REVIEW_PAUSED));
    assert_lacks(&out[0], &line(keys::START_REVIEW_IN_PROGRESS));
    chat.press(&plain(keys::MENU_REVIEW));
    assert_eq!(chat.state.screen, asking(Question::ServiceDate));
    assert_eq!(chat.bill().sender, Some(BillSender::Ambulance));
}

#[test]
fn a_persons_answers_from_the_last_bill_are_offered_with_one_tap() {
    let mut chat = Chat::reviewed(&[]);
    chat.send(cmd(Command::New));
    chat.answer_until(&[], Some(Question::HouseholdSize));

    // Household: "Same: 3" on a button.
    let same = filled(keys::REVIEW_SAME_AS_BEFORE, &[("answer", "3")]);
    assert!(chat.labels().contains(&same), "{:?}", chat.labels());
    chat.press(&same);
    assert_eq!(chat.bill().household_size, Some(3));

    // Income: typing "same as before" does the same.
    assert_eq!(chat.state.screen, asking(Question::YearlyIncome));
    chat.send(text("same as before"));
    assert_eq!(chat.bill().yearly_income, Some(dec!(42000)));

    // State: offered too; a new answer typed instead is kept.
    assert_eq!(chat.state.screen, asking(Question::UsState));
    assert!(chat
        .labels()
        .contains(&filled(keys::REVIEW_SAME_AS_BEFORE, &[("answer", "Ohio")])));
    chat.send(text("Texas"));
    assert_eq!(chat.bill().state.as_deref(), Some("TX"));
    assert_eq!(
        chat.state.bills[0].state.as_deref(),
        Some("OH"),
        "the first bill keeps its own"
    );

    // The first bill of a chat offers nothing of the kind.
    let chat = Chat::at(&[], Question::HouseholdSize);
    assert!(
        !chat.labels().iter().any(|label| label.starts_with("Same")),
        "{:?}",
        chat.labels()
    );
}
