use super::*;

// ---------------------------------------------------------------------------
// D. Scenarios: /skip
// ---------------------------------------------------------------------------

#[test]
fn skip_passes_an_optional_question_and_the_summary_says_so() {
    let mut chat = Chat::at(&[], Question::FirstBillDate);
    let out = chat.send(cmd(Command::Skip));
    assert_eq!(chat.state.screen, asking(Question::AmountDue));
    assert_eq!(out.len(), 1);
    assert_contains(&out[0], &part(2));
    assert!(chat.bill().skipped.contains("first_bill_date"));
    assert!(Question::FirstBillDate.is_answered(chat.bill()));
    assert_eq!(chat.bill().first_bill_date, None);

    // The Skip button does the same.
    chat.answer_until(&[], Some(Question::HouseholdSize));
    chat.press(&plain(keys::ANSWER_SKIP));
    assert_eq!(chat.state.screen, asking(Question::YearlyIncome));
    assert!(chat.bill().skipped.contains("household_size"));

    chat.answer_until(&[], None);
    let summary = chat.summary();
    let skipped = plain(keys::SUMMARY_SKIPPED);
    assert_contains(&summary, &summary_line(keys::SUMMARY_FIRST_BILL_DATE, &skipped));
    assert_contains(&summary, &summary_line(keys::SUMMARY_HOUSEHOLD_SIZE, &skipped));

    // Answering a skipped question later replaces the "skipped".
    let mut chat = Chat::at(&[], Question::FirstBillDate);
    chat.send(cmd(Command::Skip));
    chat.send(cmd(Command::Back));
    assert_eq!(chat.state.screen, asking(Question::FirstBillDate));
    assert_eq!(chat.labels(), vec![plain(keys::ANSWER_SKIP)], "nothing to keep");
    chat.send(text("4/2/26"));
    assert!(!chat.bill().skipped.contains("first_bill_date"));
    assert_eq!(chat.bill().first_bill_date, Some(day(2026, 4, 2)));
}

#[test]
fn skip_on_an_answered_optional_question_keeps_the_answer() {
    let mut chat = Chat::reviewed(&[]);
    chat.send(cmd(Command::Back));
    assert_eq!(chat.state.screen, asking(Question::Monthly));
    chat.send(cmd(Command::Skip));
    assert_eq!(chat.state.screen, Screen::Summary);
    assert_eq!(chat.bill().monthly, Some(dec!(50.00)));
    assert!(!chat.bill().skipped.contains("monthly"));
}

#[test]
fn skip_refuses_a_required_question() {
    for question in [
        Question::Sender,
        Question::ServiceDate,
        Question::AmountDue,
        Question::Estimate,
    ] {
        let mut chat = Chat::at(&[], question);
        let before = chat.state.clone();
        let out = chat.send(cmd(Command::Skip));
        assert_eq!(chat.state, before, "{question:?}");
        assert_eq!(out.len(), 1, "{question:?}");
        assert!(
            out[0].starts_with(&line(keys::INPUT_CANNOT_SKIP)),
            "{question:?}: {out:?}"
        );
        assert!(is_pointer(chat.outputs().last()), "{question:?}: {out:?}");
        assert!(
            !chat.labels().contains(&plain(keys::ANSWER_SKIP)),
            "no Skip button for {question:?}"
        );
        // A forged Skip press is refused the same way.
        let out = chat.send(button(&format!("skip:{}", question.id())));
        assert_eq!(chat.state, before, "{question:?}");
        assert!(
            out[0].starts_with(&line(keys::INPUT_CANNOT_SKIP)),
            "{question:?}: {out:?}"
        );
    }
    // The line items and the not-received marks are not skippable either.
    let mut chat = with_er_items();
    let out = chat.send(cmd(Command::Skip));
    assert_eq!(
        out,
        vec![pointed(&line(keys::INPUT_CANNOT_SKIP), keys::INPUT_POINTER_TYPE_OR_TAP)]
    );
    assert_eq!(chat.state.screen, asking(Question::LineItems));
}

#[test]
fn skip_with_no_question_says_there_is_nothing_to_skip() {
    let mut chat = Chat::new();
    let out = chat.send(cmd(Command::Skip));
    assert_eq!(chat.state, ChatState::default());
    assert_eq!(out[0], line(keys::INPUT_NOTHING_TO_SKIP));
    assert_eq!(chat.labels(), menu_labels());

    let mut chat = Chat::reviewed(&[]);
    let before = chat.state.clone();
    let out = chat.send(cmd(Command::Skip));
    assert_eq!(chat.state, before);
    // The report above keeps its buttons: one line, not the report again.
    assert_eq!(
        out,
        vec![pointed(&line(keys::INPUT_NOTHING_TO_SKIP), keys::INPUT_POINTER_TAP)]
    );
}
