use super::*;

// ---------------------------------------------------------------------------
// A. Scenarios: menu, answering, /back, /cancel, /help, /delete, resume
// ---------------------------------------------------------------------------

#[test]
fn start_greets_with_the_three_menu_buttons() {
    let mut chat = Chat::new();
    let out = chat.send(cmd(Command::Start));
    assert_eq!(out.len(), 1);
    assert_contains(&out[0], &line(keys::START_GREETING));
    assert_contains(&out[0], &line(keys::MENU_PROMPT));
    assert_eq!(chat.labels(), menu_labels());
    assert_eq!(chat.keyboard().len(), 3, "one button per row");
    let data: Vec<_> = chat.keyboard().iter().flatten().map(|b| &b.data).collect();
    assert_eq!(data, ["menu:review", "menu:script", "menu:reminders"]);
    assert_eq!(chat.state, ChatState::default());
    assert!(chat.effects().is_empty());
}

#[test]
fn review_button_asks_question_one_of_thirteen_with_six_buttons() {
    let mut chat = Chat::new();
    chat.send(cmd(Command::Start));
    let out = chat.press(&plain(keys::MENU_REVIEW));
    assert_eq!(out.len(), 1);
    // Nothing is known yet: no nonprofit, claim, estimate, collector,
    // line-item or EOB question counts.
    assert_contains(&out[0], &part(1));
    assert_contains(&out[0], &line(keys::SENDER_PROMPT));
    assert_eq!(chat.labels(), sender_labels());
    assert_eq!(chat.keyboard().len(), 6);
    assert_eq!(chat.keyboard()[0][0].data, "answer:sender:hospital");
    assert_eq!(chat.state.screen, asking(Question::Sender));
    assert!(matches!(
        chat.outputs()[0],
        Output::Message {
            typed_answer: false,
            ..
        }
    ));
}

#[test]
fn pressing_a_choice_replaces_the_question_with_the_answer_then_asks_the_next() {
    let mut chat = Chat::reviewing();
    let lab = plain(keys::SENDER_LAB);
    let out = chat.press(&lab);
    assert_eq!(out.len(), 2);
    match &chat.outputs()[0] {
        Output::ReplacePressed { text, keyboard } => {
            let shown = text.to_plain();
            assert_contains(&shown, &part(1));
            assert_contains(&shown, &line(keys::SENDER_PROMPT));
            assert_contains(&shown, &lab);
            assert!(keyboard.is_empty(), "the answered question loses its buttons");
        }
        other => panic!("expected ReplacePressed, got {other:?}"),
    }
    assert_contains(&out[1], &part(1));
    assert_contains(&out[1], &line(keys::COVERAGE_PROMPT));
    assert_eq!(chat.labels(), coverage_labels());
    assert_eq!(chat.bill().sender, Some(BillSender::Lab));
    assert_eq!(chat.state.screen, asking(Question::Coverage));

    // The second choice question works the same way; self-pay adds the
    // good-faith estimate question, so the total grows.
    let self_pay = plain(keys::COVERAGE_SELF_PAY);
    let out = chat.press(&self_pay);
    assert!(matches!(chat.outputs()[0], Output::ReplacePressed { .. }));
    assert_contains(&out[0], &line(keys::COVERAGE_PROMPT));
    assert_contains(&out[0], &self_pay);
    assert_contains(&out[1], &part(1));
    assert_contains(&out[1], &line(keys::EMERGENCY_PROMPT));
    assert_eq!(chat.labels(), yes_no_labels());
    assert_eq!(chat.bill().coverage, Some(Coverage::SelfPay));
}

#[test]
fn typed_questions_offer_no_choices_and_expect_typing() {
    let chat = Chat::at(&[], Question::AmountDue);
    let out = chat.outputs().last().unwrap();
    assert_contains(&out.text().to_plain(), &part(2));
    assert_contains(&out.text().to_plain(), &line(keys::AMOUNT_DUE_PROMPT));
    assert!(
        matches!(out, Output::Message { keyboard, typed_answer: true, .. } if keyboard.is_empty()),
        "the amount is typed: {out:?}"
    );

    // An optional typed question only offers Skip.
    let chat = Chat::at(&[], Question::FirstBillDate);
    assert_eq!(chat.labels(), vec![plain(keys::ANSWER_SKIP)]);
    assert_eq!(chat.keyboard()[0][0].data, "skip:first_bill_date");
    assert!(matches!(
        chat.outputs().last(),
        Some(Output::Message { typed_answer: true, .. })
    ));
}

#[test]
fn typing_a_label_answers_a_choice_question() {
    let mut chat = Chat::reviewing();
    let out = chat.send(text("hospital"));
    assert_eq!(chat.bill().sender, Some(BillSender::Hospital));
    assert!(
        chat.outputs().iter().all(|o| matches!(o, Output::Message { .. })),
        "a typed answer has no pressed message to replace"
    );
    assert_contains(out.last().unwrap(), &part(1));
    assert_contains(out.last().unwrap(), &line(keys::NONPROFIT_PROMPT));

    chat.send(text("Not sure"));
    assert_eq!(chat.bill().nonprofit, Some(Answer3::NotSure));

    let out = chat.send(text("self-pay"));
    assert_eq!(chat.bill().coverage, Some(Coverage::SelfPay));
    assert_contains(out.last().unwrap(), &part(1));
    assert_eq!(chat.state.screen, asking(Question::Emergency));

    chat.send(text("yes"));
    assert_eq!(chat.bill().emergency, Some(true));
    assert_eq!(chat.state.screen, asking(Question::ServiceDate));
}

#[test]
fn nonsense_at_a_choice_question_gives_the_not_an_option_line_and_the_same_question() {
    let cases = [
        (Question::Sender, 1, 13, plain(keys::SENDER_HOSPITAL), sender_labels()),
        (
            Question::Coverage,
            3,
            14,
            plain(keys::COVERAGE_IN_NETWORK),
            coverage_labels(),
        ),
        (Question::Emergency, 4, 15, plain(keys::ANSWER_YES), yes_no_labels()),
    ];
    for (question, n, total, example, labels) in cases {
        let mut chat = Chat::at(&[], question);
        let before = chat.state.clone();
        let out = chat.send(text("purple elephant"));
        assert_eq!(chat.state, before, "state unchanged at {question:?}");
        // One line pointing back at the question, whose buttons still work.
        assert_eq!(out.len(), 1, "{question:?} ({n} of {total})");
        assert_eq!(out[0], pointed(&not_an_option(&example), keys::INPUT_POINTER_TAP));
        assert_eq!(chat.labels(), labels);
    }
}

#[test]
fn an_unreadable_amount_gives_the_friendly_error_and_the_same_question() {
    let mut chat = Chat::at(&[], Question::AmountDue);
    let before = chat.state.clone();
    let out = chat.send(text("12x"));
    assert_eq!(chat.state, before);
    // One short line, not the question again (it is just above).
    assert_eq!(
        out,
        vec![pointed(&line(keys::AMOUNT_UNREADABLE), keys::INPUT_POINTER_TYPE)]
    );
}

#[test]
fn every_amount_error_has_its_own_line_and_repeats_the_question() {
    let cases = [
        ("-5", keys::AMOUNT_NEGATIVE),
        ("12.345", keys::AMOUNT_TOO_PRECISE),
        ("99999999999", keys::AMOUNT_TOO_LARGE),
        ("", keys::AMOUNT_UNREADABLE),
        ("a lot", keys::AMOUNT_UNREADABLE),
    ];
    let base = Chat::at(&[], Question::AmountDue);
    for (typed, key) in cases {
        let mut chat = base.fork();
        let out = chat.send(text(typed));
        assert_eq!(chat.state, base.state, "typed {typed:?}");
        assert_eq!(
            out,
            vec![pointed(&line(key), keys::INPUT_POINTER_TYPE)],
            "typed {typed:?}"
        );
    }
}

#[test]
fn a_lone_separator_is_not_an_amount() {
    let base = Chat::at(&[], Question::AmountDue);
    for typed in [".", ",", "$.", " . ", "usd ,"] {
        let mut chat = base.fork();
        let out = chat.send(text(typed));
        assert_eq!(chat.state, base.state, "typed {typed:?}");
        assert_eq!(
            out[0],
            pointed(&line(keys::AMOUNT_UNREADABLE), keys::INPUT_POINTER_TYPE),
            "typed {typed:?}"
        );
    }
}

#[test]
fn a_formatted_amount_is_stored_as_a_decimal_and_shown_in_the_summary() {
    let mut chat = Chat::at(&[], Question::AmountDue);
    let out = chat.send(text("$1,234.50"));
    assert_eq!(chat.bill().amount_due, Some(dec!(1234.50)));
    // The amount is no longer the last question.
    assert_eq!(chat.state.screen, asking(Question::InCollections));
    assert_eq!(out.len(), 1, "a typed answer replaces nothing");
    assert_contains(&out[0], &part(2));

    chat.answer_until(&[], None);
    assert_eq!(chat.state.screen, Screen::Summary);
    let summary = chat.summary();
    assert_contains(&summary, &summary_line(keys::SUMMARY_AMOUNT_DUE, "$1,234.50"));
    assert_contains(&summary, &plain(keys::SENDER_HOSPITAL));
    assert_contains(&summary, &plain(keys::COVERAGE_SELF_PAY));
    // The summary keeps its buttons; the plan after it ends with the same
    // ways on, after its own.
    let outputs = chat.outputs();
    assert_eq!(outputs.len(), 2, "the summary, then the plan");
    assert_eq!(
        labels_of(keyboard_of(&outputs[0])),
        vec![
            plain(keys::REPORT_SEE_FINDINGS),
            plain(keys::MENU_MAIN),
            plain(keys::BILLS_NEW)
        ]
    );
    assert_contains(&outputs[1].text().to_plain(), &line(keys::PLAN_HEADING));
    assert_eq!(chat.keyboard()[0][0].data, "report:findings:0");
    let last_row = chat.keyboard().last().unwrap();
    assert_eq!(last_row[0].data, "menu:main");
    assert_eq!(last_row[1].data, "bill:new");

    // The main menu button from the summary goes back to the menu.
    let out = chat.press(&plain(keys::MENU_MAIN));
    assert_eq!(chat.state.screen, Screen::Menu);
    assert_contains(out.last().unwrap(), &line(keys::MENU_PROMPT));
    assert_lacks(out.last().unwrap(), &line(keys::START_REVIEW_IN_PROGRESS));
    assert_eq!(chat.labels(), menu_labels());
    // Review again with everything answered shows the summary.
    let out = chat.press(&plain(keys::MENU_REVIEW));
    assert_eq!(chat.state.screen, Screen::Summary);
    assert_contains(out.last().unwrap(), "$1,234.50");
}

#[test]
fn back_from_question_two_offers_to_keep_the_answer() {
    let mut chat = Chat::at(&[], Question::Nonprofit);
    let out = chat.send(cmd(Command::Back));
    assert_eq!(chat.state.screen, asking(Question::Sender));
    assert_eq!(out.len(), 1);
    assert_contains(&out[0], &part(1));
    let hospital = plain(keys::SENDER_HOSPITAL);
    let keep = keep_label(&hospital);
    assert_eq!(keep, format!("Keep: {hospital}"));
    let mut expected = sender_labels();
    expected.push(keep.clone());
    assert_eq!(chat.labels(), expected);
    assert_eq!(chat.data_of(&keep), "keep:sender");

    let out = chat.press(&keep);
    assert_eq!(chat.bill().sender, Some(BillSender::Hospital));
    assert_eq!(chat.state.screen, asking(Question::Nonprofit));
    assert_eq!(out.len(), 2);
    assert!(matches!(chat.outputs()[0], Output::ReplacePressed { .. }));
    assert_contains(&out[0], &hospital);
    assert_contains(&out[1], &part(1));
    assert_eq!(
        chat.labels(),
        vec![
            plain(keys::ANSWER_YES),
            plain(keys::ANSWER_NO),
            plain(keys::ANSWER_NOT_SURE)
        ],
        "the nonprofit question has no answer yet"
    );
}

#[test]
fn typing_keep_presses_the_keep_button() {
    // In the trial "keep" was typed eight times at "Keep: Uninsured / self-pay".
    let mut chat = Chat::at(&[], Question::Nonprofit);
    chat.send(cmd(Command::Back));
    assert_eq!(chat.state.screen, asking(Question::Sender));
    chat.send(text("keep"));
    assert_eq!(chat.bill().sender, Some(BillSender::Hospital));
    assert_eq!(chat.state.screen, asking(Question::Nonprofit));
    // The whole label typed, and at a question of a typed answer.
    let mut chat = Chat::reviewed(&[]);
    chat.send(cmd(Command::Back));
    assert_eq!(chat.state.screen, asking(Question::Monthly));
    chat.send(text("Keep: $50.00"));
    assert_eq!(chat.state.screen, Screen::Summary);
    assert_eq!(chat.bill().monthly, Some(dec!(50.00)));
    // With no answer to keep, "keep" is not an answer.
    let mut chat = Chat::at(&[], Question::Sender);
    chat.send(text("keep"));
    assert_eq!(chat.state.screen, asking(Question::Sender));
    assert_eq!(chat.bill().sender, None);
}

#[test]
fn back_from_the_summary_goes_to_the_last_question_with_its_answer() {
    let mut chat = Chat::reviewed(&[]);
    assert_eq!(chat.state.screen, Screen::Summary);
    let out = chat.send(cmd(Command::Back));
    assert_eq!(chat.state.screen, asking(Question::Monthly));
    assert_contains(&out[0], &part(4));
    let keep = keep_label("$50.00");
    assert_eq!(chat.labels(), vec![keep.clone(), plain(keys::ANSWER_SKIP)]);
    chat.press(&keep);
    assert_eq!(chat.state.screen, Screen::Summary);
    assert_eq!(chat.bill().monthly, Some(dec!(50.00)));
}

#[test]
fn back_walks_over_questions_that_do_not_apply() {
    // A lab bill with self-pay: /back from the service date goes to the
    // emergency question, from coverage straight to the sender.
    let mut chat = Chat::at(&[(Question::Sender, "lab")], Question::ServiceDate);
    chat.send(cmd(Command::Back));
    assert_eq!(chat.state.screen, asking(Question::Emergency));
    chat.send(cmd(Command::Back));
    assert_eq!(chat.state.screen, asking(Question::Coverage));
    chat.send(cmd(Command::Back));
    assert_eq!(chat.state.screen, asking(Question::Sender));
}

#[test]
fn back_from_question_one_goes_to_the_menu() {
    let mut chat = Chat::reviewing();
    let out = chat.send(cmd(Command::Back));
    assert_eq!(chat.state.screen, Screen::Menu);
    assert_contains(out.last().unwrap(), &line(keys::MENU_PROMPT));
    assert_eq!(chat.labels(), menu_labels());
}

#[test]
fn back_at_the_menu_says_there_is_nothing_before() {
    let mut chat = Chat::new();
    chat.send(cmd(Command::Start));
    let before = chat.state.clone();
    let out = chat.send(cmd(Command::Back));
    assert_eq!(chat.state, before);
    // The menu is short (and a new chat may not have seen it): it follows.
    assert_eq!(out.len(), 2);
    assert_eq!(out[0], line(keys::INPUT_NOTHING_BEFORE));
    assert_contains(&out[1], &line(keys::MENU_PROMPT));
    assert_eq!(chat.labels(), menu_labels());
}

#[test]
fn cancel_mid_review_keeps_answers_and_review_resumes_at_the_first_unanswered() {
    let mut chat = Chat::at(&[], Question::AmountDue);
    let answered = chat.bill().clone();
    let out = chat.send(cmd(Command::Cancel));
    assert_eq!(chat.state.screen, Screen::Menu);
    assert_eq!(chat.bill(), &answered);
    assert_eq!(chat.bill().service_date, Some(day(2026, 3, 14)));
    assert_eq!(out.len(), 1);
    assert_contains(&out[0], &line(keys::REVIEW_PAUSED));
    assert_lacks(&out[0], &line(keys::START_REVIEW_IN_PROGRESS));
    assert_eq!(chat.labels(), menu_labels());

    // /start keeps the answers too, and reminds of the review.
    let out = chat.send(cmd(Command::Start));
    assert_eq!(chat.bill(), &answered);
    assert_contains(&out[0], &line(keys::START_REVIEW_IN_PROGRESS));

    let out = chat.press(&plain(keys::MENU_REVIEW));
    assert_eq!(chat.state.screen, asking(Question::AmountDue));
    assert_contains(&out[0], &part(2));
}

#[test]
fn cancel_at_the_menu_says_there_is_nothing_to_cancel() {
    let mut chat = Chat::new();
    let out = chat.send(cmd(Command::Cancel));
    assert_eq!(chat.state, ChatState::default());
    assert_eq!(out[0], line(keys::INPUT_NOTHING_TO_CANCEL));
    assert_eq!(chat.labels(), menu_labels());
}

#[test]
fn help_shows_the_help_text_then_repeats_the_current_question() {
    let mut chat = Chat::at(&[], Question::Coverage);
    let before = chat.state.clone();
    let out = chat.send(cmd(Command::Help));
    assert_eq!(chat.state, before);
    // The help, and a pointer back to the question (not the question
    // again): its buttons, just above, still answer it.
    assert_eq!(out.len(), 1);
    assert_eq!(out[0], pointed(&line(keys::HELP_TEXT), keys::INPUT_POINTER_TAP));
    for command in Command::LISTED {
        assert_contains(&out[0], &format!("/{}", command.name()));
    }
    assert_lacks(&out[0], &line(keys::COVERAGE_PROMPT));
    assert_eq!(chat.labels(), coverage_labels());
    let out = chat.press(&coverage_labels()[0]);
    assert_ne!(chat.state, before, "a button of the question above answers it: {out:?}");
}

#[test]
fn unknown_command_says_so_and_shows_the_current_screen() {
    let mut chat = Chat::reviewing();
    let before = chat.state.clone();
    let out = chat.send(cmd(Command::Unknown));
    assert_eq!(chat.state, before);
    assert_eq!(
        out,
        vec![pointed(&line(keys::INPUT_UNKNOWN_COMMAND), keys::INPUT_POINTER_TAP)]
    );
    assert_eq!(chat.labels(), sender_labels());
}

#[test]
fn stale_buttons_give_the_stale_line_and_the_current_screen() {
    let stale = [
        "answer:sender:lab",        // question 1, but we are at question 3
        "answer:amount_due:x",      // not a choice question
        "answer:coverage:hospital", // the right question, a foreign choice
        "keep:coverage",            // nothing to keep yet
        "keep:sender",              // not the current question
        "skip:monthly",             // not the current question
        "items:done",               // not at the line items
        "items:fix",                // not at the line items
        "items:list",               // not at the line items
        "nr:t:0:0",                 // not at the not-received toggles
        "nr:p:1",                   // not at the not-received toggles
        "nr:done",                  // not at the not-received toggles
        "date:yes",                 // no date to confirm
        "date:no",                  // no date to confirm
        "guess:yes:amount_due",     // no guess to confirm
        "guess:no:coverage",        // no guess to confirm
        "bill:7",                   // no such bill
        "delete:yes",               // no deletion asked for
        "delete:no",                // no deletion asked for
        "zzz",                      // not data this version knows
        "menu:nope",                // unknown menu entry
        "",                         // empty
    ];
    let base = Chat::at(&[], Question::Coverage);
    for data in stale {
        let mut chat = base.fork();
        let out = chat.send(button(data));
        assert_eq!(chat.state, base.state, "data {data:?}");
        assert!(chat.effects().is_empty(), "data {data:?}");
        assert_eq!(out.len(), 2, "data {data:?}");
        assert_eq!(out[0], line(keys::INPUT_STALE_BUTTON), "data {data:?}");
        assert_contains(&out[1], &part(1));
        assert_eq!(chat.labels(), coverage_labels(), "data {data:?}");
    }

    // At the menu too.
    let mut chat = Chat::new();
    let out = chat.send(button("zzz"));
    assert_eq!(chat.state, ChatState::default());
    assert_eq!(out[0], line(keys::INPUT_STALE_BUTTON));
    assert_eq!(chat.labels(), menu_labels());
}

#[test]
fn unsupported_input_gives_the_unsupported_line_and_the_current_screen() {
    let mut chat = Chat::at(&[], Question::AmountDue);
    let before = chat.state.clone();
    let out = chat.send(Input::Unsupported);
    assert_eq!(chat.state, before);
    assert_eq!(
        out,
        vec![pointed(&line(keys::INPUT_UNSUPPORTED), keys::INPUT_POINTER_TYPE)]
    );
}

#[test]
fn text_at_the_menu_is_not_understood() {
    let mut chat = Chat::new();
    let out = chat.send(text("purple elephant"));
    assert_eq!(chat.state, ChatState::default());
    assert_eq!(out[0], line(keys::INPUT_NOT_UNDERSTOOD));
    assert_eq!(chat.labels(), menu_labels());
}

/// Trial 4: "hi" at the menu was "I didn't catch that". A greeting is
/// greeted back as /start would, and a first message that names the bill
/// starts the review, also with "idk what to do" in it.
#[test]
fn a_greeting_at_the_menu_greets_and_a_message_about_the_bill_starts_the_review() {
    let mut chat = Chat::new();
    let greeted = chat.send(text("hello"));
    let mut started = Chat::new();
    assert_eq!(greeted, started.send(cmd(Command::Start)));
    assert_eq!(chat.labels(), menu_labels());

    let out = chat.send(text("i got a crazy ER bill and idk what to do"));
    assert!(out.iter().any(|o| o.contains(&line(keys::SENDER_PROMPT))), "{out:?}");
}

#[test]
fn the_reminders_button_lists_none_yet_and_the_script_button_opens_the_picker() {
    let mut chat = Chat::new();
    chat.send(cmd(Command::Start));
    let out = chat.press(&plain(keys::MENU_REMINDERS));
    assert_eq!(out, [line(keys::REMINDERS_EMPTY)]);
    assert_eq!(chat.labels(), [plain(keys::REMINDERS_ADD), plain(keys::REMIND_LEAVE)]);
    chat.press(&plain(keys::REMIND_LEAVE));
    assert_eq!(chat.state, ChatState::default(), "back at the menu, nothing changed");
    assert_eq!(chat.labels(), menu_labels());

    let mut chat = Chat::new();
    chat.send(cmd(Command::Start));
    let out = chat.press(&plain(keys::MENU_SCRIPT));
    // A picker changes nothing but remembering it was shown (for the
    // next typed words).
    assert_eq!(chat.state.picker, Some(billcoach::conversation::Picker::Scripts));
    let mut state = chat.state.clone();
    state.picker = None;
    assert_eq!(state, ChatState::default(), "a picker changes nothing");
    assert_eq!(out.len(), 1);
    assert_eq!(out[0], plain(keys::SCRIPT_PICK));
    assert_eq!(chat.labels().len(), 6, "one button per script");
}

#[test]
fn delete_asks_and_no_returns_to_where_the_user_was() {
    let mut chat = Chat::at(&[], Question::Coverage);
    let before = chat.state.clone();
    let out = chat.send(cmd(Command::Delete));
    assert_eq!(out.len(), 1);
    assert_eq!(out[0], line(keys::DELETE_CONFIRM));
    assert_eq!(chat.labels(), vec![plain(keys::DELETE_YES), plain(keys::DELETE_NO)]);
    assert_eq!(chat.data_of(&plain(keys::DELETE_YES)), "delete:yes");
    assert_eq!(chat.data_of(&plain(keys::DELETE_NO)), "delete:no");
    assert_eq!(chat.state.bills, before.bills);

    // Typing at the confirmation points at the buttons.
    let out = chat.send(text("maybe"));
    assert_eq!(
        out,
        vec![pointed(
            &not_an_option(&plain(keys::DELETE_NO)),
            keys::INPUT_POINTER_TAP
        )]
    );
    assert_eq!(chat.labels(), vec![plain(keys::DELETE_YES), plain(keys::DELETE_NO)]);

    // A second /delete does not forget where the user was.
    chat.send(cmd(Command::Delete));

    let out = chat.press(&plain(keys::DELETE_NO));
    assert!(chat.effects().is_empty());
    assert_eq!(chat.state, before);
    assert_eq!(out.len(), 2);
    assert_eq!(out[0], line(keys::DELETE_KEPT));
    assert_contains(&out[1], &part(1));
    assert_eq!(chat.labels(), coverage_labels());
}

#[test]
fn back_and_cancel_at_the_delete_confirmation_decline_it() {
    for command in [Command::Back, Command::Cancel] {
        let mut chat = Chat::at(&[], Question::AmountDue);
        let before = chat.state.clone();
        chat.send(cmd(Command::Delete));
        let out = chat.send(cmd(command));
        assert!(chat.effects().is_empty());
        assert_eq!(chat.state, before, "{command:?}");
        assert_eq!(out[0], line(keys::DELETE_KEPT));
    }
}

#[test]
fn delete_yes_erases_the_chat_with_every_bill() {
    let mut chat = Chat::reviewed(&[]);
    chat.send(cmd(Command::New));
    chat.press(&plain(keys::SENDER_LAB));
    assert_eq!(chat.state.bills.len(), 2);
    chat.send(cmd(Command::Delete));
    let out = chat.press(&plain(keys::DELETE_YES));
    assert_eq!(chat.effects(), [Effect::EraseChat]);
    assert_eq!(chat.state, ChatState::default());
    assert_eq!(out, vec![line(keys::DELETE_DONE)]);
    assert!(matches!(chat.outputs()[0], Output::Message { .. }));

    // After the erase, the review starts from scratch.
    chat.send(cmd(Command::Start));
    let out = chat.press(&plain(keys::MENU_REVIEW));
    assert_contains(&out[0], &part(1));
    assert_eq!(chat.labels(), sender_labels(), "no Keep button");
}

#[test]
fn resume_on_a_fresh_state_shows_the_greeting() {
    let mut chat = Chat::new();
    let out = chat.send(Input::Resume);
    assert_eq!(out.len(), 1);
    assert_contains(&out[0], &line(keys::START_GREETING));
    assert_eq!(chat.labels(), menu_labels());
    assert_eq!(chat.state, ChatState::default());
}

#[test]
fn resume_mid_review_shows_the_current_question() {
    let mut chat = Chat::at(&[], Question::Coverage);
    let before = chat.state.clone();
    let out = chat.send(Input::Resume);
    assert_eq!(chat.state, before);
    assert_eq!(out.len(), 1);
    assert_contains(&out[0], &part(1));
    assert_eq!(chat.labels(), coverage_labels());
}

#[test]
fn resume_on_sub_screens_shows_them_again() {
    // The date confirmation.
    let mut chat = Chat::at(&[], Question::ServiceDate);
    chat.send(text("12/25/26"));
    let before = chat.state.clone();
    let out = chat.send(Input::Resume);
    assert_eq!(chat.state, before);
    assert_eq!(out.len(), 1);
    assert_contains(
        &out[0],
        &filled(keys::DATE_IN_FUTURE, &[("date", &shown(day(2026, 12, 25)))]),
    );
    assert_eq!(chat.labels(), vec![plain(keys::DATE_KEEP_IT), plain(keys::DATE_RETYPE)]);

    // Fixing a line, half way.
    let mut chat = with_er_items();
    chat.press(&plain(keys::ITEMS_FIX));
    chat.send(text("3"));
    let before = chat.state.clone();
    let out = chat.send(Input::Resume);
    assert_eq!(chat.state, before);
    assert_contains(
        &out[0],
        &filled(
            keys::ITEMS_SEND_CORRECTED,
            &[
                ("number", "3"),
                ("line", "3. Sat, Mar 14 · 0300 · 85025 · CBC W/AUTO DIFF $145.00"),
            ],
        ),
    );
}
