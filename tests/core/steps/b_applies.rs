use super::*;

// ---------------------------------------------------------------------------
// B. Scenarios: which questions apply, and the progress line
// ---------------------------------------------------------------------------

#[test]
fn nonprofit_is_asked_only_for_hospitals() {
    for (sender, _) in Question::Sender.options() {
        let mut chat = Chat::reviewing();
        chat.send(button(&format!("answer:sender:{sender}")));
        let expected = if sender == "hospital" {
            Question::Nonprofit
        } else {
            Question::Coverage
        };
        assert_eq!(chat.state.screen, asking(expected), "sender {sender}");
    }
    // The nonprofit question explains how to check.
    let chat = Chat::at(&[], Question::Nonprofit);
    let out = chat.outputs().last().unwrap().text().to_plain();
    assert_contains(&out, &line(keys::NONPROFIT_PROMPT));
    assert_eq!(chat.keyboard()[2][0].data, "answer:nonprofit:not_sure");
}

#[test]
fn claim_status_is_asked_only_when_insured() {
    for (coverage, _) in Question::Coverage.options() {
        let mut chat = Chat::at(&[(Question::Coverage, coverage)], Question::Emergency);
        chat.answer(Question::Emergency, "no");
        let expected = if coverage == "self_pay" {
            Question::ServiceDate
        } else {
            Question::Claim
        };
        assert_eq!(chat.state.screen, asking(expected), "coverage {coverage}");
    }
    let chat = Chat::at(&[(Question::Coverage, "medicare")], Question::Claim);
    assert_eq!(
        chat.labels(),
        [
            keys::CLAIM_PAID_PART,
            keys::CLAIM_DENIED,
            keys::CLAIM_PENDING,
            keys::CLAIM_NOT_SENT,
            keys::ANSWER_NOT_SURE
        ]
        .map(plain)
    );
}

#[test]
fn eob_figures_are_asked_only_when_insurance_paid_part_or_denied() {
    for (claim, _) in Question::Claim.options() {
        let overrides = [(Question::Coverage, "in_network"), (Question::Claim, claim)];
        let mut chat = Chat::at(&overrides, Question::HasItemized);
        chat.answer(Question::HasItemized, "no");
        let processed = claim == "paid_part" || claim == "denied";
        let expected = if processed {
            Question::EobBilled
        } else {
            Question::HouseholdSize
        };
        assert_eq!(chat.state.screen, asking(expected), "claim {claim}");
        if processed {
            // The four figures, each optional, then the optional questions.
            for (question, answer) in [
                (Question::EobBilled, "$4,500"),
                (Question::EobAllowed, "$1,200"),
                (Question::EobPlanPaid, "$950"),
                (Question::EobYourShare, "$250"),
            ] {
                assert_eq!(chat.state.screen, asking(question));
                assert_eq!(chat.labels(), vec![plain(keys::ANSWER_SKIP)]);
                chat.answer(question, answer);
            }
            assert_eq!(chat.state.screen, asking(Question::HouseholdSize));
            let eob = &chat.bill().eob;
            assert_eq!(
                [eob.billed, eob.allowed, eob.plan_paid, eob.your_share],
                [
                    Some(dec!(4500.00)),
                    Some(dec!(1200.00)),
                    Some(dec!(950.00)),
                    Some(dec!(250.00))
                ]
            );
        }
    }
    // Self-pay never reaches the EOB.
    let chat = Chat::reviewed(&[]);
    assert!(!chat.asked.contains(&Question::EobBilled));
}

#[test]
fn denial_date_is_asked_only_when_insurance_denied_the_claim() {
    for (claim, _) in Question::Claim.options() {
        let mut chat = Chat::at(&[(Question::Coverage, "in_network")], Question::Claim);
        chat.send(button(&format!("answer:claim:{claim}")));
        assert_eq!(chat.state.screen, asking(Question::ServiceDate), "claim {claim}");
        chat.send(text("3/14/26"));
        let expected = if claim == "denied" {
            Question::DenialDate
        } else {
            Question::FirstBillDate
        };
        assert_eq!(chat.state.screen, asking(expected), "claim {claim}");
    }
    // Optional, typed, and read like the other dates.
    let mut chat = Chat::at(
        &[(Question::Coverage, "in_network"), (Question::Claim, "denied")],
        Question::DenialDate,
    );
    assert_contains(&chat.outputs().last().unwrap().text().to_plain(), &part(2));
    assert_eq!(chat.labels(), vec![plain(keys::ANSWER_SKIP)]);
    chat.send(text("May 5"));
    assert_eq!(chat.bill().denial_date, Some(day(2026, 5, 5)));
    assert_eq!(chat.state.screen, asking(Question::FirstBillDate));
}

#[test]
fn collector_letter_date_is_asked_only_in_collections() {
    let mut chat = Chat::at(&[], Question::InCollections);
    chat.answer(Question::InCollections, "no");
    assert_eq!(chat.state.screen, asking(Question::CollectionsNoticeDate));
    chat.send(text("idk"));
    assert_eq!(chat.state.screen, asking(Question::Estimate));

    let mut chat = Chat::at(&[], Question::InCollections);
    let out = chat.press(&plain(keys::ANSWER_YES));
    assert_eq!(chat.state.screen, asking(Question::CollectorLetterDate));
    assert_contains(&out[1], &part(2));
    assert_contains(&out[1], &line(keys::COLLECTOR_LETTER_DATE_PROMPT));
    chat.answer(Question::CollectorLetterDate, "6/3/26");
    assert_eq!(chat.bill().collector_letter_date, Some(day(2026, 6, 3)));
    assert_eq!(chat.state.screen, asking(Question::Estimate));
}

#[test]
fn good_faith_estimate_is_asked_only_for_self_pay_with_a_no_estimate_button_or_a_typed_amount() {
    // Self-pay: the question, with one button and no Skip (it is needed).
    let base = Chat::at(&[], Question::Estimate);
    let out = base.outputs().last().unwrap();
    assert_contains(&out.text().to_plain(), &part(2));
    assert_contains(&out.text().to_plain(), &line(keys::ESTIMATE_PROMPT));
    assert!(matches!(out, Output::Message { typed_answer: true, .. }));
    assert_eq!(base.labels(), vec![plain(keys::ESTIMATE_NONE)]);
    assert_eq!(base.keyboard()[0][0].data, "answer:estimate:none");

    let mut chat = base.fork();
    let out = chat.press(&plain(keys::ESTIMATE_NONE));
    assert!(matches!(chat.outputs()[0], Output::ReplacePressed { .. }));
    assert_contains(&out[0], &plain(keys::ESTIMATE_NONE));
    assert_eq!(chat.bill().estimate, Some(Estimate::NotReceived));
    assert_eq!(chat.state.screen, asking(Question::HasItemized));

    let mut chat = base.fork();
    chat.send(text("$900"));
    assert_eq!(chat.bill().estimate, Some(Estimate::Amount(dec!(900.00))));
    assert_eq!(chat.state.screen, asking(Question::HasItemized));

    // /back shows the typed amount as the answer to keep, next to the button.
    chat.send(cmd(Command::Back));
    assert_eq!(chat.labels(), vec![plain(keys::ESTIMATE_NONE), keep_label("$900.00")]);

    // Insured bills never get it.
    for coverage in ["in_network", "medicaid", "insured_not_sure"] {
        let chat = Chat::reviewed(&[(Question::Coverage, coverage), (Question::Claim, "pending")]);
        assert!(!chat.asked.contains(&Question::Estimate), "coverage {coverage}");
        assert!(chat.asked.contains(&Question::Claim), "coverage {coverage}");
    }
}

#[test]
fn medicare_asks_which_kind_and_about_qmb_and_the_plan_follows() {
    // Medicare brings its two questions right after the insurance one.
    let mut chat = Chat::at(&[(Question::Coverage, "medicare")], Question::MedicareKind);
    assert_eq!(
        chat.labels(),
        vec![
            plain(keys::MEDICARE_KIND_ORIGINAL),
            plain(keys::MEDICARE_KIND_ADVANTAGE),
            plain(keys::ANSWER_NOT_SURE)
        ]
    );
    chat.press(&plain(keys::MEDICARE_KIND_ADVANTAGE));
    assert_eq!(chat.state.screen, asking(Question::Qmb));
    // Typing works as for any yes/no/not sure question.
    chat.send(text("yes"));
    assert_eq!(chat.bill().qmb, Some(billcoach::domain::bill::Answer3::Yes));
    assert_eq!(
        chat.bill().medicare,
        Some(billcoach::domain::bill::MedicareKind::Advantage)
    );
    // With QMB, the plan's step 1 is that Medicare's cost sharing can't be billed.
    chat.answer_until(&[(Question::Coverage, "medicare"), (Question::Qmb, "yes")], None);
    let plan = chat.outputs().last().unwrap().text().to_plain();
    assert_contains(&plan, &line(keys::PLAN_HEADING));
    assert_contains(&plan, &format!("1. {}", plain(keys::PLAN_QMB)));
    // Not asked without Medicare.
    let chat = Chat::reviewed(&[]);
    assert!(!chat.asked.contains(&Question::MedicareKind));
    assert!(!chat.asked.contains(&Question::Qmb));
}

#[test]
fn only_the_questions_that_apply_are_asked_in_order() {
    let chat = Chat::reviewed(&[
        (Question::Sender, "lab"),
        (Question::Coverage, "in_network"),
        (Question::Claim, "pending"),
    ]);
    assert_eq!(
        chat.asked,
        [
            Question::Sender,
            Question::Coverage,
            Question::Emergency,
            Question::Claim,
            Question::ServiceDate,
            Question::FirstBillDate,
            Question::AmountDue,
            Question::InCollections,
            Question::CollectionsNoticeDate,
            Question::HasItemized,
            Question::HouseholdSize,
            Question::YearlyIncome,
            Question::UsState,
            Question::LumpSum,
            Question::Monthly,
        ]
    );

    // Everything that can apply at once to a hospital ER bill: 23 questions
    // (the facility question is for a doctor's or lab's bill).
    let chat = Chat::reviewed(&[
        (Question::Coverage, "out_of_network"),
        (Question::Claim, "denied"),
        (Question::InCollections, "yes"),
        (Question::HasItemized, "yes"),
    ]);
    // The discharge date is for a stay with room nights; this ER bill has none.
    let mut expected: Vec<Question> = Question::ORDER.to_vec();
    expected.retain(|q| {
        ![
            Question::Estimate,
            Question::InNetworkFacility,
            Question::MedicareKind,
            Question::Qmb,
            Question::DischargeDate,
            // In collections: the collector's letter, not a final notice.
            Question::CollectionsNoticeDate,
        ]
        .contains(q)
    });
    assert_eq!(chat.asked, expected);
}

#[test]
fn progress_moves_by_part_and_its_finish_line_never_moves() {
    let mut chat = Chat::reviewing();
    assert_contains(&chat.outputs()[0].text().to_plain(), &part(1));

    // Answers that add questions (a hospital, insurance, a claim paid in
    // part) add none to the finish line: still part 1 of 4.
    let out = chat.press(&plain(keys::SENDER_HOSPITAL));
    assert_contains(&out[1], &part(1));
    chat.answer(Question::Nonprofit, "yes");
    let out = chat.press(&plain(keys::COVERAGE_IN_NETWORK));
    assert_contains(&out[1], &part(1));
    chat.press(&plain(keys::ANSWER_NO));
    let out = chat.press(&plain(keys::CLAIM_PAID_PART));
    assert_eq!(chat.state.screen, asking(Question::ServiceDate));
    assert_contains(&out[1], &part(2));

    // Then the charges, then the person: each question shows its part,
    // and the parts only move forward.
    let mut seen = vec![2];
    let mut stop = 0;
    while let Screen::Asking { question } = chat.state.screen {
        let shown = chat.outputs().last().unwrap().text().to_plain();
        let number = (1..=4).find(|n| shown.contains(&part(*n))).expect("a part line");
        assert!(
            number >= *seen.last().unwrap(),
            "part {number} after {seen:?} at {question:?}"
        );
        seen.push(number);
        chat.answer(question, standard_answer(question));
        stop += 1;
        assert!(stop < 40, "the review ends");
    }
    assert_eq!(seen.last(), Some(&4));
    assert!(seen.contains(&3));
}

/// A final notice's date (trial 5: "it says final notice goes to
/// collections in 30 days"): asked while the bill is not in collections,
/// read as a day ahead ("dec 31", "in 30 days"), and it stands for the
/// usual day-90 window in the dates to watch and the reminders.
#[test]
fn a_final_notices_date_stands_for_the_usual_window() {
    use billcoach::domain::reminders::ReminderKind;
    use billcoach::domain::timing::AdviceKind;
    let mut chat = Chat::at(&[(Question::FirstBillDate, "10/20/26")], Question::InCollections);
    chat.answer(Question::InCollections, "no");
    assert_eq!(chat.state.screen, asking(Question::CollectionsNoticeDate));
    assert_eq!(chat.labels(), vec![plain(keys::ANSWER_SKIP)]);
    // A day ahead, not last year's Dec 31.
    chat.send(text("dec 31"));
    assert_eq!(chat.bill().collections_notice_date, Some(day(2026, 12, 31)));
    assert_eq!(chat.state.screen, asking(Question::Estimate));

    let on = today();
    let dates = billcoach::domain::plan::dates(chat.bill(), on);
    let kinds: Vec<AdviceKind> = dates.iter().map(|advice| advice.kind).collect();
    assert!(kinds.contains(&AdviceKind::CollectionsNotice), "{kinds:?}");
    assert!(!kinds.contains(&AdviceKind::CollectionsWindowAhead), "{kinds:?}");
    let reminders = billcoach::domain::reminders::plans(chat.bill(), on);
    assert!(
        reminders
            .iter()
            .any(|plan| plan.kind == ReminderKind::CollectionsNotice && plan.date == day(2026, 12, 31)),
        "{reminders:?}"
    );
    assert!(!reminders.iter().any(|plan| plan.kind == ReminderKind::CollectionsWeek));

    // A letter's days run from its own date, not from today: asked.
    let mut chat = Chat::at(&[], Question::CollectionsNoticeDate);
    chat.send(text("it says in 30 days"));
    assert_eq!(chat.bill().collections_notice_date, None);
    assert_contains(
        &chat.outputs()[0].text().to_plain(),
        &plain(keys::DATE_COUNT_FROM_LETTER),
    );
    assert_eq!(chat.state.screen, asking(Question::CollectionsNoticeDate));
    chat.send(text("the letter says jan 4"));
    assert_eq!(chat.bill().collections_notice_date, Some(day(2027, 1, 4)));
    // Counted from the letter's own date: a guess, checked with one tap.
    let mut chat = Chat::at(&[], Question::CollectionsNoticeDate);
    chat.send(text("30 days from the letter, letter was dated nov 20"));
    assert_eq!(chat.bill().collections_notice_date, None, "not before the tap");
    assert_eq!(
        chat.state.screen,
        Screen::ConfirmGuess {
            question: Question::CollectionsNoticeDate,
            guess: billcoach::conversation::Guess::Date(day(2026, 12, 20)),
        }
    );
    chat.press(&plain(keys::GUESS_YES));
    assert_eq!(chat.bill().collections_notice_date, Some(day(2026, 12, 20)));
    // "no letter" is no day: skipped, not refused.
    let mut chat = Chat::at(&[], Question::CollectionsNoticeDate);
    chat.send(text("no letter"));
    assert_eq!(chat.bill().collections_notice_date, None);
    assert_eq!(chat.state.screen, asking(Question::Estimate));
}
