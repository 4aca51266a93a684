use super::*;

// ---------------------------------------------------------------------------
// I2. Scenarios: reminders, the time zone, /paid
// ---------------------------------------------------------------------------

/// A reviewed hospital bill first billed Nov 1, 2026: day 90 is Jan 30, 2027.
/// The income is above the free-care band, so the plan offers money now
/// (a discount) and the best day to ask for it is a reminder.
fn reviewed_new_bill() -> Chat {
    Chat::reviewed(&[
        (Question::FirstBillDate, "11/1/26"),
        (Question::YearlyIncome, "$150,000"),
    ])
}

/// At the standard answers' income (154% of the guideline, a nonprofit
/// hospital) financial help may erase the bill, so the plan offers nothing
/// yet: the dates and the reminders suggest no day to ask for a discount,
/// as the 💵 offer says to apply first.
#[test]
fn no_day_to_ask_for_a_discount_while_the_plan_offers_nothing() {
    let mut chat = Chat::reviewed(&[(Question::FirstBillDate, "11/1/26")]);
    let out = chat.send(cmd(Command::Remind));
    assert_contains(&out[0], &line(keys::REMIND_HEADING));
    let best_day = remind_button(keys::REMIND_SHORT_BEST_DAY);
    assert!(!chat.labels().contains(&best_day), "{:?}", chat.labels());
    let today = today();
    let plan = billcoach::domain::plan::plan(chat.bill(), &[], today);
    assert!(!plan.offers_now(), "{:?}", plan.owed);
    for advice in billcoach::domain::plan::dates(chat.bill(), today) {
        assert!(
            !matches!(
                advice.kind,
                billcoach::domain::timing::AdviceKind::BestDayToCall
                    | billcoach::domain::timing::AdviceKind::BestDayToCallQuarterEnd
            ),
            "{advice:?}"
        );
    }
}

fn utc(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text).unwrap().to_utc()
}

/// The picker's button for a reminder: what it is for, in a few words (its
/// day is in the message).
fn remind_button(short: Key) -> String {
    filled(keys::REMIND_BUTTON, &[("what", &plain(short))])
}

/// A reviewed new bill in Eastern time with one reminder set from the
/// picker; returns the chat and the reminder's id.
fn chat_with_reminder(short: Key) -> (Chat, u32) {
    let mut chat = reviewed_new_bill();
    chat.state.time_zone = Some("America/New_York".to_string());
    chat.send(cmd(Command::Remind));
    chat.press(&remind_button(short));
    let id = chat.state.reminders.items.last().expect("a reminder is set").id;
    (chat, id)
}

/// What the scheduler's claim gives for reminder `id` at `now`.
fn claim_at(state: &mut ChatState, id: u32, now: DateTime<Utc>) -> Due {
    let ctx = Ctx {
        languages: languages(),
        reference: reference(),
        now,
    };
    claim_reminder(state, id, &ctx)
}

#[test]
fn remind_offers_the_bills_dates_and_asks_the_time_zone_only_once() {
    let mut chat = reviewed_new_bill();
    let out = chat.send(cmd(Command::Remind));
    assert_eq!(out.len(), 1);
    assert_contains(&out[0], &line(keys::REMIND_HEADING));
    let week_before = remind_button(keys::REMIND_SHORT_COLLECTIONS_WEEK);
    let best_day = remind_button(keys::REMIND_SHORT_BEST_DAY);
    assert!(chat.labels().contains(&week_before), "{:?}", chat.labels());
    assert!(chat.labels().contains(&best_day), "{:?}", chat.labels());
    // The days are in the message, not on the buttons.
    assert_contains(&out[0], &shown(day(2027, 1, 23)));
    assert_contains(&out[0], &shown(day(2026, 11, 30)));

    // The first reminder asks the time zone.
    chat.press(&week_before);
    assert!(matches!(chat.state.screen, Screen::AskTimeZone { .. }));
    // Ohio's zone first, for one tap; then the six other US zones and
    // Other (Eastern once, not again: trial 7).
    assert_eq!(chat.labels().len(), 8, "{:?}", chat.labels());
    assert_eq!(
        chat.labels()[0],
        filled(keys::ZONE_OF_STATE, &[("zone", "Eastern"), ("state", "Ohio")])
    );
    assert!(!chat.labels().contains(&plain(keys::ZONE_EASTERN)));
    let out = chat.press(&filled(keys::ZONE_OF_STATE, &[("zone", "Eastern"), ("state", "Ohio")]));
    assert_eq!(out[0], filled(keys::ZONE_SET, &[("zone", "Eastern")]));
    let when = format!("{} at 10:00 AM", shown(day(2027, 1, 23)));
    assert_eq!(
        out[1],
        filled(
            keys::REMIND_SET,
            &[("what", &plain(keys::REMIND_KIND_COLLECTIONS_WEEK)), ("when", &when)]
        )
    );
    assert!(matches!(chat.state.screen, Screen::Remind { .. }), "back on the picker");
    assert!(!chat.labels().contains(&week_before), "a set reminder has no button");
    assert_eq!(chat.state.time_zone.as_deref(), Some("America/New_York"));
    let reminder = &chat.state.reminders.items[0];
    assert_eq!(reminder.due, utc("2027-01-23T15:00:00Z"), "10 AM Eastern");

    // The second one is set at once.
    let out = chat.press(&best_day);
    assert_eq!(out.len(), 2, "the line and the picker: {out:?}");
    assert_eq!(chat.state.reminders.items.len(), 2);
    assert_eq!(chat.state.reminders.items[1].due, utc("2026-11-30T15:00:00Z"));

    // Done: back where the user was.
    chat.press(&plain(keys::REMIND_LEAVE));
    assert_eq!(chat.state.screen, Screen::Summary);
}

#[test]
fn set_all_sets_every_reminder_offered_and_a_typed_zone_is_read() {
    let mut chat = reviewed_new_bill();
    chat.send(cmd(Command::Remind));
    let all = chat
        .labels()
        .into_iter()
        .find(|l| l.starts_with("🔔"))
        .expect("a set-all button");
    chat.press(&all);
    let out = chat.send(text("Mars/Olympus"));
    assert_eq!(
        out,
        vec![pointed(&line(keys::ZONE_UNKNOWN), keys::INPUT_POINTER_TYPE_OR_TAP)]
    );
    assert!(matches!(chat.state.screen, Screen::AskTimeZone { .. }));
    let out = chat.send(text("america/chicago"));
    assert_eq!(out[0], filled(keys::ZONE_SET, &[("zone", "Central")]));
    let count = chat.state.reminders.items.len();
    assert!(count >= 4, "week before, day before, best day, financial help: {count}");
    assert_eq!(out[1], filled(keys::REMIND_SET_MANY, &[("count", &count.to_string())]));
    // 10 AM Central, in winter and in summer time.
    for reminder in &chat.state.reminders.items {
        let local = reminder.due.with_timezone(&chrono_tz::America::Chicago);
        assert_eq!(local.format("%H:%M").to_string(), "10:00", "{reminder:?}");
    }
}

#[test]
fn reminders_lists_the_coming_ones_and_cancels_one() {
    let (mut chat, _) = chat_with_reminder(keys::REMIND_SHORT_COLLECTIONS_DAY);
    chat.press(&remind_button(keys::REMIND_SHORT_BEST_DAY));
    let out = chat.send(cmd(Command::Reminders));
    let listed = &out[0];
    assert_contains(listed, &filled(keys::REMINDERS_HEADING, &[("zone", "Eastern")]));
    // Soonest first.
    let first = listed.find(&plain(keys::REMIND_KIND_BEST_DAY)).unwrap();
    let second = listed.find(&plain(keys::REMIND_KIND_COLLECTIONS_DAY)).unwrap();
    assert!(first < second);
    let out = chat.press(&filled(keys::REMINDERS_CANCEL, &[("number", "1")]));
    assert_contains(&out[0], &plain(keys::REMIND_KIND_BEST_DAY));
    assert_eq!(chat.state.reminders.items.len(), 1);
    assert!(
        !out[1].contains(&plain(keys::REMIND_KIND_BEST_DAY)),
        "the list shows again without it"
    );
    // A cancel button from an old list.
    let out = chat.send(button("remind:cancel:1"));
    assert_eq!(out[0], line(keys::REMIND_NO_LONGER));
}

#[test]
fn a_call_with_a_promised_date_offers_a_reminder_on_that_date() {
    let mut chat = reviewed_new_bill();
    chat.state.time_zone = Some("America/New_York".to_string());
    chat.send(cmd(Command::Call));
    chat.send(text("Dana"));
    chat.send(text("55812"));
    chat.press(&plain(keys::CALL_OUTCOME_PROMISED));
    chat.send(text("send the itemized bill"));
    let out = chat.send(text("12/11"));
    let offer = filled(
        keys::REMIND_FOLLOW_UP_AFTER_CALL,
        &[("date", &shown(day(2026, 12, 11)))],
    );
    let saved = chat
        .outputs()
        .iter()
        .find(|o| o.text().to_plain().starts_with("Saved"))
        .expect("the saved line");
    assert_eq!(labels_of(keyboard_of(saved)), [offer, plain(keys::FAQ_BACK)], "{out:?}");
    assert_eq!(chat.outputs().len(), 1, "the long report is not sent again");
    let data = keyboard_of(saved)[0][0].data.clone();
    chat.send(button(&data));
    let reminder = &chat.state.reminders.items[0];
    assert_eq!(reminder.date, day(2026, 12, 11));
    assert_eq!(reminder.due, utc("2026-12-11T15:00:00Z"));
    assert_eq!(chat.state.screen, Screen::Summary, "still where the user was");

    // On that day the reminder quotes the promise.
    let mut state = chat.state.clone();
    let Due::Send(message) = claim_at(&mut state, reminder.id, reminder.due) else {
        panic!("not sent")
    };
    assert_contains(&message.text().to_plain(), "send the itemized bill");
}

#[test]
fn a_call_note_takes_the_name_and_reference_said_in_a_sentence_and_none_for_none() {
    // Trial 7: the whole sentence was kept as the name, and "no she didnt
    // give one" as the reference number.
    let mut chat = reviewed_new_bill();
    chat.send(cmd(Command::Call));
    chat.send(text("talked to a lady named maria, ref 44821"));
    // The reference is known: its question is not asked.
    chat.press(&plain(keys::CALL_OUTCOME_REFUSED));
    let call = chat.bill().calls.last().expect("the call is logged").clone();
    assert_eq!(call.rep.as_deref(), Some("Maria"));
    assert_eq!(call.reference.as_deref(), Some("44821"));

    let mut chat = reviewed_new_bill();
    chat.send(cmd(Command::Call));
    chat.send(text("Dana"));
    chat.send(text("no she didnt give one"));
    chat.press(&plain(keys::CALL_OUTCOME_REFUSED));
    let call = chat.bill().calls.last().expect("the call is logged").clone();
    assert_eq!(call.rep.as_deref(), Some("Dana"));
    assert_eq!(call.reference, None);
}

#[test]
fn a_call_that_lowered_the_bill_asks_the_new_amount_and_keeps_it() {
    let mut chat = reviewed_new_bill();
    chat.send(cmd(Command::Call));
    chat.send(text("Ana"));
    chat.send(cmd(Command::Skip));
    let out = chat.press(&plain(keys::CALL_OUTCOME_REDUCED));
    assert_eq!(out.last().unwrap(), &line(keys::CALL_NEW_AMOUNT_PROMPT));
    let out = chat.send(text("about half"));
    assert_eq!(
        out,
        vec![pointed(&line(keys::AMOUNT_UNREADABLE), keys::INPUT_POINTER_TYPE_OR_TAP)]
    );
    let out = chat.send(text("$617.25"));
    assert_contains(&out[0], "Ana lowered the bill to $617.25");
    assert_contains(&out[0], &filled(keys::CALL_AMOUNT_UPDATED, &[("amount", "$617.25")]));
    assert_eq!(chat.bill().amount_due, Some(dec!(617.25)));
    assert_eq!(chat.bill().calls[0].new_amount, Some(dec!(617.25)));
    assert_eq!(chat.state.screen, Screen::Summary, "back where the user was");
}

#[test]
fn a_letter_from_the_report_does_not_send_the_long_report_again() {
    let mut chat = Chat::reviewed(&[]);
    assert_eq!(chat.state.screen, Screen::Summary);
    chat.send(cmd(Command::Letter));
    chat.press(&plain(keys::LETTER_ITEMIZED_REQUEST));
    let outputs = chat.outputs();
    assert_eq!(outputs.len(), 2, "{outputs:?}");
    assert!(matches!(outputs[0], Output::Document { .. }));
    assert_eq!(outputs[1].text().to_plain(), line(keys::SCRIPT_REPORT_WAITS));
    let out = chat.press(&plain(keys::FAQ_BACK));
    assert_contains(&out[0], &line(keys::SUMMARY_FOOTER));
    // Mid-review, the question is asked again instead.
    let mut chat = Chat::at(&[], Question::AmountDue);
    chat.send(cmd(Command::Script));
    let out = chat.press(&plain(keys::SCRIPT_HOSPITAL));
    assert_contains(out.last().unwrap(), &line(keys::AMOUNT_DUE_PROMPT));
}

#[test]
fn an_out_of_network_doctor_is_asked_about_the_facility_and_the_act_applies() {
    let overrides = [
        (Question::Sender, "doctor_office"),
        (Question::Coverage, "out_of_network"),
        (Question::Emergency, "no"),
        (Question::InNetworkFacility, "yes"),
        (Question::Claim, "paid_part"),
        (Question::AmountDue, "$900"),
        (Question::EobYourShare, "$150"),
    ];
    let mut chat = Chat::reviewing();
    chat.answer_until(&overrides, None);
    assert!(chat.asked.contains(&Question::InNetworkFacility));
    assert_eq!(chat.bill().in_network_facility, Some(Answer3::Yes));
    let out = chat.press(&plain(keys::REPORT_SEE_FINDINGS));
    assert_contains(&out[0], &line(keys::VISIT_FACILITY_BALANCE_BILLING_TITLE));
    // Not asked of a hospital's own bill, nor of emergency care.
    let hospital = Chat::reviewed(&[(Question::Coverage, "out_of_network")]);
    assert!(!hospital.asked.contains(&Question::InNetworkFacility));
    let emergency = Chat::reviewed(&[
        (Question::Sender, "doctor_office"),
        (Question::Coverage, "out_of_network"),
        (Question::Emergency, "yes"),
    ]);
    assert!(!emergency.asked.contains(&Question::InNetworkFacility));
}

#[test]
fn a_payment_plan_agreed_while_help_may_erase_the_bill_is_saved_with_a_warning() {
    // Trial 8 (sam): a $200-a-month plan logged before applying for help
    // that could take half the bill or more was saved without a word.
    let mut chat = Chat::reviewed(&[(Question::FirstBillDate, "11/1/26")]);
    chat.send(cmd(Command::Call));
    chat.send(cmd(Command::Skip));
    chat.send(cmd(Command::Skip));
    chat.press(&plain(keys::CALL_OUTCOME_PLAN));
    chat.send(text("200"));
    chat.send(text("1/1"));
    let saved = chat.outputs()[0].text().to_plain();
    assert_contains(&saved, &line(keys::CALL_PLAN_TOO_SOON));
    assert_contains(&saved, &line(keys::OFFER_APPLY_FIRST));
    // Where the plan offers money, no warning.
    let mut chat = reviewed_new_bill();
    chat.send(cmd(Command::Call));
    chat.send(cmd(Command::Skip));
    chat.send(cmd(Command::Skip));
    chat.press(&plain(keys::CALL_OUTCOME_PLAN));
    chat.send(text("100"));
    chat.send(text("1/1"));
    assert_lacks(&chat.outputs()[0].text().to_plain(), &line(keys::CALL_PLAN_TOO_SOON));
}

#[test]
fn a_payment_plan_agreed_on_a_call_offers_a_reminder_for_each_payment() {
    let mut chat = reviewed_new_bill();
    chat.state.time_zone = Some("America/New_York".to_string());
    chat.send(cmd(Command::Call));
    chat.send(cmd(Command::Skip));
    chat.send(cmd(Command::Skip));
    let out = chat.press(&plain(keys::CALL_OUTCOME_PLAN));
    assert_eq!(out.last().unwrap(), &line(keys::CALL_PLAN_MONTHLY_PROMPT));
    chat.send(text("100"));
    chat.send(text("1/1"));
    let saved = chat.outputs()[0].clone();
    assert_contains(
        &saved.text().to_plain(),
        &format!(
            "agreed a payment plan of $100.00 a month from {}",
            shown(day(2027, 1, 1))
        ),
    );
    // $1,234.50 at $100 a month: 13 payments, the last $34.50.
    let each = filled(keys::REMIND_EACH_PAYMENT, &[("count", "13")]);
    assert_eq!(labels_of(keyboard_of(&saved))[0], each);
    let data = keyboard_of(&saved)[0][0].data.clone();
    chat.send(button(&data));
    let payments = &chat.state.reminders.items;
    assert_eq!(payments.len(), 13);
    assert_eq!(payments[0].date, day(2027, 1, 1));
    assert_eq!(payments[0].deliver_on, day(2026, 12, 29), "three days ahead");
    assert_eq!(payments[12].date, day(2028, 1, 1));
    let last = match payments[12].kind {
        billcoach::domain::reminders::ReminderKind::Payment { amount, .. } => amount,
        other => panic!("{other:?}"),
    };
    assert_eq!(last, dec!(34.50));
}

#[test]
fn a_due_reminder_has_done_snooze_and_script_buttons() {
    let (mut chat, id) = chat_with_reminder(keys::REMIND_SHORT_COLLECTIONS_WEEK);

    // Too early: nothing to send.
    let mut state = chat.state.clone();
    assert_eq!(claim_at(&mut state, id, utc("2027-01-23T14:59:00Z")), Due::NotDue);
    // On time: the message, marked as being sent.
    let Due::Send(message) = claim_at(&mut state, id, utc("2027-01-23T15:00:00Z")) else {
        panic!("not sent")
    };
    let text = message.text().to_plain();
    // The bill by its sender and amount, as the user knows it.
    assert_contains(
        &text,
        &filled(keys::DUE_HEADING, &[("bill", "Hospital bill, $1,234.50")]),
    );
    assert_contains(&text, "day 90");
    assert_lacks(&text, &filled(keys::DUE_LATE, &[("date", &shown(day(2027, 1, 23)))]));
    assert_eq!(
        labels_of(keyboard_of(&message)),
        [plain(keys::DUE_DONE), plain(keys::DUE_SNOOZE), plain(keys::DUE_SCRIPT)]
    );
    state.reminders.delivered(id, utc("2027-01-23T15:00:01Z"));
    chat.state = state;

    // Snooze: same time tomorrow, the message edited to say so.
    chat.now = utc("2027-01-23T15:05:00Z");
    chat.send(button(&format!("remind:snooze:{id}")));
    let Output::ReplacePressed { text, keyboard } = &chat.outputs()[0] else {
        panic!("not an edit")
    };
    assert!(keyboard.is_empty());
    assert_contains(&text.to_plain(), "Sun, Jan 24 at 10:05 AM");
    assert_eq!(chat.state.reminders.pending().len(), 1);

    // Show script: the hospital script, filled.
    chat.send(button(&format!("remind:script:{id}")));
    assert_eq!(chat.outputs().len(), 1);
    assert_eq!(
        labels_of(keyboard_of(&chat.outputs()[0])),
        [plain(keys::SCRIPT_NOTE_CALL)]
    );

    // Done: forgotten.
    chat.send(button(&format!("remind:done:{id}")));
    assert!(matches!(chat.outputs()[0], Output::ReplacePressed { .. }));
    assert!(chat.state.reminders.items.is_empty());
    let out = chat.send(button(&format!("remind:done:{id}")));
    assert_eq!(out, [line(keys::REMIND_NO_LONGER)]);
}

#[test]
fn a_reminder_found_late_says_so_and_never_comes_at_night() {
    let (chat, id) = chat_with_reminder(keys::REMIND_SHORT_BEST_DAY);
    let mut state = chat.state.clone();
    // The bot comes back at 11 PM Eastern on Dec 1: wait for the morning.
    assert_eq!(claim_at(&mut state, id, utc("2026-12-02T04:00:00Z")), Due::Postponed);
    assert_eq!(state.reminders.items[0].due, utc("2026-12-02T14:00:00Z"));
    let Due::Send(message) = claim_at(&mut state, id, utc("2026-12-02T14:00:00Z")) else {
        panic!("not sent")
    };
    assert_contains(
        &message.text().to_plain(),
        &filled(keys::DUE_LATE, &[("date", &shown(day(2026, 11, 30)))]),
    );
}

#[test]
fn before_any_answer_there_is_nothing_to_remind_of_or_mark_paid() {
    let mut chat = Chat::new();
    let out = chat.send(cmd(Command::Remind));
    assert_eq!(out, [line(keys::REMIND_NONE)]);
    chat.press(&plain(keys::REMIND_LEAVE));
    let out = chat.send(cmd(Command::Paid));
    assert_eq!(out[0], line(keys::PAID_NO_BILL));
    assert_eq!(chat.state, ChatState::default());
}

#[test]
fn paid_settles_the_bill_stops_its_reminders_and_goes_back() {
    let (mut chat, _) = chat_with_reminder(keys::REMIND_SHORT_COLLECTIONS_WEEK);
    chat.press(&plain(keys::REMIND_LEAVE));
    chat.send(cmd(Command::Paid));
    assert_eq!(
        chat.labels(),
        [
            filled(keys::PAID_FULL, &[("amount", "$1,234.50")]),
            plain(keys::PAID_NOT_NOW)
        ]
    );
    let out = chat.send(text("a lot"));
    assert_eq!(
        out,
        vec![pointed(&line(keys::AMOUNT_UNREADABLE), keys::INPUT_POINTER_TYPE_OR_TAP)]
    );
    let out = chat.send(text("800"));
    assert_eq!(
        out[0],
        filled(keys::PAID_DONE, &[("amount", "$800.00"), ("date", &shown(today()))])
    );
    assert_eq!(out[1], filled(keys::PAID_SAVED, &[("saved", "$434.50")]));
    assert_eq!(
        out.last().unwrap(),
        &line(keys::SCRIPT_REPORT_WAITS),
        "not the whole summary again"
    );
    assert!(chat.state.reminders.items.is_empty(), "its reminders stopped");
    assert_eq!(chat.bill().paid.map(|p| p.amount), Some(dec!(800.00)));
    assert_eq!(chat.state.screen, Screen::Summary);
    // Nothing left to remind of.
    let out = chat.send(cmd(Command::Remind));
    assert_eq!(out, [line(keys::REMIND_PAID)]);
    chat.press(&plain(keys::REMIND_LEAVE));
    // Asked again, it says what was recorded; a negative amount is refused.
    let out = chat.send(cmd(Command::Paid));
    assert_contains(
        &out[0],
        &filled(keys::PAID_ALREADY, &[("amount", "$800.00"), ("date", &shown(today()))]),
    );
    let out = chat.send(text("-5"));
    assert_eq!(
        out,
        vec![pointed(&line(keys::PAID_NEGATIVE), keys::INPUT_POINTER_TYPE_OR_TAP)]
    );
}

#[test]
fn today_is_the_users_own_date_once_the_zone_is_known() {
    let mut chat = reviewed_new_bill();
    // 11 PM Pacific on Nov 28 is already Nov 29 in UTC.
    chat.now = utc("2026-11-29T07:00:00Z");
    chat.state.time_zone = Some("America/Los_Angeles".to_string());
    chat.send(cmd(Command::Call));
    chat.send(cmd(Command::Skip));
    chat.send(cmd(Command::Skip));
    chat.press(&plain(keys::CALL_OUTCOME_REFUSED));
    assert_eq!(chat.bill().calls[0].date, day(2026, 11, 28));
}

#[test]
fn reminders_name_the_deadline_day_when_they_come_ahead_of_it() {
    // A collector's letter of Nov 20: 30 days on is Sun Dec 20, so to be
    // safe Fri Dec 18; the reminder comes a week ahead, on Fri Dec 11.
    let mut chat = Chat::reviewed(&[
        (Question::InCollections, "yes"),
        (Question::CollectorLetterDate, "11/20/26"),
    ]);
    chat.state.time_zone = Some("America/New_York".to_string());
    chat.send(cmd(Command::Remind));
    chat.press(&remind_button(keys::REMIND_SHORT_VALIDATION));
    let out = chat.send(cmd(Command::Reminders));
    let deadline = shown(day(2026, 12, 18));
    let when = format!("{} at 10:00 AM", shown(day(2026, 12, 11)));
    assert_contains(
        &out[0],
        &filled(
            keys::REMINDERS_LINE_AHEAD,
            &[
                ("number", "1"),
                ("when", &when),
                ("what", &plain(keys::REMIND_KIND_VALIDATION)),
                ("date", &deadline),
                ("bill", "Hospital bill, $1,234.50"),
            ],
        ),
    );
}

#[test]
fn the_week_before_collections_does_not_ask_for_an_itemized_bill_already_sent() {
    let mut chat = Chat::reviewed(&[(Question::FirstBillDate, "11/1/26"), (Question::HasItemized, "yes")]);
    chat.state.time_zone = Some("America/New_York".to_string());
    chat.send(cmd(Command::Remind));
    chat.press(&remind_button(keys::REMIND_SHORT_COLLECTIONS_WEEK));
    let id = chat.state.reminders.items.last().expect("a reminder is set").id;
    let Due::Send(message) = claim_at(&mut chat.state, id, utc("2027-01-23T15:00:00Z")) else {
        panic!("not sent")
    };
    let text = message.text().to_plain();
    assert_contains(&text, "day 90");
    assert_lacks(&text, "ask for the itemized bill");
}
