use super::*;

// ---------------------------------------------------------------------------
// H. Scenarios: the summary
// ---------------------------------------------------------------------------

#[test]
fn the_summary_lists_every_answer() {
    let mut chat = Chat::at(
        &[
            (Question::Nonprofit, "not_sure"),
            (Question::Coverage, "in_network"),
            (Question::Emergency, "yes"),
            (Question::Claim, "denied"),
            (Question::InCollections, "yes"),
            (Question::HasItemized, "yes"),
        ],
        Question::NotReceived,
    );
    chat.press("3");
    chat.press(&plain(keys::NOT_RECEIVED_DONE));
    chat.answer_until(&[(Question::UsState, "oh")], Some(Question::HouseholdSize));
    chat.send(cmd(Command::Skip));
    chat.answer_until(&[(Question::UsState, "oh")], Some(Question::Monthly));
    assert_contains(&chat.outputs().last().unwrap().text().to_plain(), &part(4));
    let out = chat.send(text("75"));
    assert_eq!(chat.state.screen, Screen::Summary);
    assert_eq!(out.len(), 2, "the summary, then the plan");
    assert_contains(&out[1], &line(keys::PLAN_HEADING));
    let summary = &out[0];

    let skipped = plain(keys::SUMMARY_SKIPPED);
    let items = filled(keys::ITEMS_COUNT, &[("count", "12"), ("total", "$6,787.50")]);
    let expected = [
        (keys::SUMMARY_SENDER, plain(keys::SENDER_HOSPITAL)),
        (keys::SUMMARY_NONPROFIT, plain(keys::ANSWER_NOT_SURE)),
        (keys::SUMMARY_COVERAGE, plain(keys::COVERAGE_IN_NETWORK)),
        (keys::SUMMARY_EMERGENCY, plain(keys::ANSWER_YES)),
        (keys::SUMMARY_CLAIM, plain(keys::CLAIM_DENIED)),
        (keys::SUMMARY_SERVICE_DATE, shown(day(2026, 3, 14))),
        (keys::SUMMARY_DENIAL_DATE, shown(day(2026, 5, 5))),
        (keys::SUMMARY_FIRST_BILL_DATE, shown(day(2026, 4, 2))),
        (keys::SUMMARY_AMOUNT_DUE, "$1,234.50".to_string()),
        (keys::SUMMARY_IN_COLLECTIONS, plain(keys::ANSWER_YES)),
        (keys::SUMMARY_COLLECTOR_LETTER_DATE, shown(day(2026, 6, 3))),
        (keys::SUMMARY_HAS_ITEMIZED, plain(keys::ANSWER_YES)),
        (keys::SUMMARY_LINE_ITEMS, items),
        // Line 3, not a count of 3.
        (keys::SUMMARY_NOT_RECEIVED, "line 3".to_string()),
        (keys::SUMMARY_EOB_BILLED, "$4,500.00".to_string()),
        (keys::SUMMARY_EOB_ALLOWED, "$1,200.00".to_string()),
        (keys::SUMMARY_EOB_PLAN_PAID, "$950.00".to_string()),
        (keys::SUMMARY_EOB_YOUR_SHARE, "$250.00".to_string()),
        (keys::SUMMARY_HOUSEHOLD_SIZE, skipped),
        (keys::SUMMARY_YEARLY_INCOME, "$42,000.00".to_string()),
        (keys::SUMMARY_US_STATE, "Ohio".to_string()),
        (keys::SUMMARY_LUMP_SUM, "$500.00".to_string()),
        (keys::SUMMARY_MONTHLY, "$75.00".to_string()),
    ];
    let mut at = 0;
    for (label, value) in &expected {
        let wanted = summary_line(*label, value);
        let found = summary[at..]
            .find(&wanted)
            .unwrap_or_else(|| panic!("expected {wanted:?} after byte {at} in:\n{summary}"));
        at += found + wanted.len();
    }
    assert_eq!(
        summary
            .lines()
            .filter(|l| l.contains(": ") && !l.contains("Send /back"))
            .count(),
        expected.len()
    );
    assert_lacks(summary, &plain(keys::SUMMARY_ESTIMATE));
    assert_contains(summary, &line(keys::SUMMARY_HEADING));
    assert_contains(summary, &line(keys::SUMMARY_FOOTER));
    assert_eq!(chat.bill().state.as_deref(), Some("OH"));
    assert_eq!(chat.bill().household_size, None);
    assert_eq!(chat.bill().claim, Some(ClaimStatus::Denied));
}

#[test]
fn household_size_and_state_are_checked() {
    let mut chat = Chat::at(&[], Question::HouseholdSize);
    for typed in ["0", "21", "lots", "-1"] {
        let before = chat.state.clone();
        let out = chat.send(text(typed));
        assert_eq!(chat.state, before, "typed {typed:?}");
        assert_eq!(
            out,
            vec![pointed(&line(keys::COUNT_INVALID), keys::INPUT_POINTER_TYPE_OR_TAP)],
            "typed {typed:?}"
        );
    }
    chat.send(text(" 4 "));
    assert_eq!(chat.bill().household_size, Some(4));
    chat.answer_until(&[], Some(Question::UsState));
    let before = chat.state.clone();
    let out = chat.send(text("Narnia"));
    assert_eq!(chat.state, before);
    assert_eq!(
        out,
        vec![pointed(&line(keys::STATE_UNREADABLE), keys::INPUT_POINTER_TYPE_OR_TAP)]
    );
    chat.send(text("new york"));
    assert_eq!(chat.bill().state.as_deref(), Some("NY"));
}

#[test]
fn counts_and_line_numbers_are_worded_for_one_and_for_many() {
    let mut bill = Bill {
        items: er_items()[..1].to_vec(),
        items_confirmed: true,
        not_received: BTreeSet::from([9]),
        not_received_done: true,
        ..Bill::default()
    };
    let items = Question::LineItems.current_answer(&bill, content(), today()).unwrap();
    assert!(items.starts_with("1 item, $"), "{items}");
    let marks = Question::NotReceived.current_answer(&bill, content(), today()).unwrap();
    assert_eq!(marks, "line 10", "a line number, not a count");

    bill.items = er_items();
    bill.not_received = BTreeSet::from([2, 6]);
    let items = Question::LineItems.current_answer(&bill, content(), today()).unwrap();
    assert!(items.starts_with(&format!("{} items, $", er_items().len())), "{items}");
    let marks = Question::NotReceived.current_answer(&bill, content(), today()).unwrap();
    assert_eq!(marks, "lines 3, 7");
}

/// E2: Original Medicare sends a Medicare Summary Notice, not an EOB: its
/// figures are asked for and summed up by the notice's own names.
#[test]
fn original_medicare_figures_are_the_medicare_summary_notices() {
    let medicare = [
        (Question::Coverage, "medicare"),
        (Question::MedicareKind, "original"),
        (Question::Claim, "paid_part"),
    ];
    let mut chat = Chat::at(&medicare, Question::EobBilled);
    let prompt = chat.outputs().last().unwrap().text().to_plain();
    assert_contains(&prompt, "Medicare Summary Notice");
    assert_lacks(&prompt, "EOB");
    chat.answer_until(&medicare, None);
    assert_eq!(chat.state.screen, Screen::Summary);
    let summary = chat.outputs()[0].text().to_plain();
    assert_contains(&summary, &summary_line(keys::SUMMARY_MSN_BILLED, "$4,500.00"));
    assert_contains(&summary, &summary_line(keys::SUMMARY_MSN_YOUR_SHARE, "$250.00"));
    assert_lacks(&summary, "EOB");
}

#[test]
fn the_payment_plan_letter_waits_while_the_plan_says_not_to_offer() {
    // Trial 7 (denise): insured, the claim never sent to the insurer; the
    // letter said "I want to settle it… $150 a month" for $9,400.
    let mut chat = Chat::reviewed(&[(Question::Coverage, "in_network"), (Question::Claim, "not_sent")]);
    chat.send(cmd(Command::Letter));
    let out = chat.press(&plain(keys::LETTER_HARDSHIP_PLAN));
    assert!(
        !chat.outputs().iter().any(|o| matches!(o, Output::Document { .. })),
        "no payment-plan letter"
    );
    assert_contains(&out[0], &line(keys::LETTER_HARDSHIP_NOT_YET));
    assert_contains(&out[1], &line(keys::OFFER_WAIT_FOR_INSURANCE));

    // Nothing to settle first (self-pay, no help within reach): it comes.
    let mut chat = Chat::reviewed(&[(Question::Nonprofit, "no"), (Question::YearlyIncome, "$150,000")]);
    chat.send(cmd(Command::Letter));
    chat.press(&plain(keys::LETTER_HARDSHIP_PLAN));
    assert!(
        chat.outputs().iter().any(|o| matches!(o, Output::Document { .. })),
        "{:?}",
        chat.outputs()
    );
}

#[test]
fn an_answer_changed_after_the_summary_goes_straight_back_to_it() {
    // Trial 7 (denise): changing whether the hospital is a nonprofit took
    // 14 /back and then 14 "keep" to reach the summary again.
    let mut chat = Chat::reviewed(&[(Question::Nonprofit, "no")]);
    for _ in 0..40 {
        if chat.question() == Some(Question::Nonprofit) {
            break;
        }
        chat.send(cmd(Command::Back));
    }
    chat.answer(Question::Nonprofit, "yes");
    assert_eq!(chat.state.screen, Screen::Summary);
    assert_eq!(chat.bill().nonprofit, Some(Answer3::Yes));

    // An answer that makes a new question apply asks it, then the summary.
    let mut chat = Chat::reviewed(&[]);
    for _ in 0..40 {
        if chat.question() == Some(Question::InCollections) {
            break;
        }
        chat.send(cmd(Command::Back));
    }
    chat.answer(Question::InCollections, "yes");
    assert_eq!(chat.question(), Some(Question::CollectorLetterDate));
    chat.answer(Question::CollectorLetterDate, "6/3/26");
    assert_eq!(chat.state.screen, Screen::Summary);

    // The statement's figures are changed together: the next one is asked.
    let mut chat = Chat::reviewed(&[(Question::Coverage, "in_network"), (Question::Claim, "paid_part")]);
    for _ in 0..40 {
        if chat.question() == Some(Question::EobBilled) {
            break;
        }
        chat.send(cmd(Command::Back));
    }
    chat.answer(Question::EobBilled, "$4,600");
    assert_eq!(chat.question(), Some(Question::EobAllowed));
}

#[test]
fn each_step_the_plan_shows_has_its_own_way_in() {
    // Trial 7: "how do i do step 3" got "I didn't catch that"; only step 1
    // had buttons.
    let mut chat = Chat::reviewed(&[]);
    let step_two = filled(keys::PLAN_STEP_BUTTON, &[("number", "2")]);
    assert!(chat.labels().contains(&step_two), "{:?}", chat.labels());
    let out = chat.press(&step_two);
    assert_contains(&out[0], "2. ");
    let script = filled(keys::PLAN_SCRIPT_BUTTON, &[("number", "2")]);
    assert!(chat.labels().contains(&script), "{:?}", chat.labels());
    // Typed as the button reads, it is pressed too.
    let mut typed = Chat::reviewed(&[]);
    let out = typed.send(text("step 2"));
    assert_contains(&out[0], "2. ");
    // Its script comes filled, and the report is where it was.
    chat.press(&script);
    assert!(chat.outputs().iter().any(|o| o.text().to_plain().contains("📞")));
    assert_eq!(chat.state.screen, Screen::Summary);
}

#[test]
fn the_no_surprises_letter_is_not_sent_for_a_bill_the_act_does_not_cover() {
    // Trial 8 (sam, uninsured, emergency, no estimate): the letter told the
    // office "I owe only my in-network cost-sharing".
    let mut chat = Chat::reviewed(&[(Question::Emergency, "yes")]);
    assert_eq!(chat.bill().coverage, Some(Coverage::SelfPay));
    chat.send(cmd(Command::Letter));
    let out = chat.press(&plain(keys::LETTER_NO_SURPRISES_DISPUTE));
    assert!(!chat.outputs().iter().any(|o| matches!(o, Output::Document { .. })));
    assert_contains(&out[0], &line(keys::LETTER_NO_SURPRISES_DOES_NOT_FIT));

    // Insured out of network, emergency: it comes.
    let mut chat = Chat::reviewed(&[(Question::Coverage, "out_of_network"), (Question::Emergency, "yes")]);
    chat.send(cmd(Command::Letter));
    chat.press(&plain(keys::LETTER_NO_SURPRISES_DISPUTE));
    assert!(chat.outputs().iter().any(|o| matches!(o, Output::Document { .. })));
}
