use super::*;
use billcoach::conversation::Guess;

// ---------------------------------------------------------------------------
// C. Scenarios: dates
// ---------------------------------------------------------------------------

#[test]
fn dates_are_read_the_ways_people_type_them() {
    let base = Chat::at(&[], Question::ServiceDate);
    assert_contains(&base.outputs().last().unwrap().text().to_plain(), &part(2));
    let cases = [
        ("3/14/26", day(2026, 3, 14)),
        ("March 14", day(2026, 3, 14)),
        ("yesterday", day(2026, 11, 27)),
        ("2026-03-14", day(2026, 3, 14)),
        ("Dec 14", day(2025, 12, 14)),
        ("today", day(2026, 11, 28)),
    ];
    for (typed, expected) in cases {
        let mut chat = base.fork();
        let out = chat.send(text(typed));
        assert_eq!(chat.bill().service_date, Some(expected), "typed {typed:?}");
        assert_eq!(chat.state.screen, asking(Question::FirstBillDate), "typed {typed:?}");
        assert_eq!(out.len(), 1, "typed {typed:?}");
        assert_contains(&out[0], &part(2));
        // /back shows it the short way, to keep.
        chat.send(cmd(Command::Back));
        assert_eq!(chat.labels(), vec![keep_label(&shown(expected))]);
    }
}

#[test]
fn a_future_date_asks_to_confirm_with_keep_and_retype() {
    let base = Chat::at(&[], Question::ServiceDate);
    let christmas = day(2026, 12, 25);

    let mut chat = base.fork();
    let out = chat.send(text("12/25/26"));
    assert_eq!(
        chat.state.screen,
        Screen::ConfirmDate {
            question: Question::ServiceDate,
            date: christmas
        }
    );
    assert_eq!(chat.bill().service_date, None, "not stored before it is confirmed");
    assert_eq!(out, vec![filled(keys::DATE_IN_FUTURE, &[("date", &shown(christmas))])]);
    assert_eq!(out[0], "Fri, Dec 25 is in the future. Is that right?");
    assert_eq!(chat.labels(), vec![plain(keys::DATE_KEEP_IT), plain(keys::DATE_RETYPE)]);
    assert_eq!(chat.data_of(&plain(keys::DATE_KEEP_IT)), "date:yes");
    assert_eq!(chat.data_of(&plain(keys::DATE_RETYPE)), "date:no");

    // Keep it: stored, and the review goes on.
    let mut kept = chat.fork();
    kept.press(&plain(keys::DATE_KEEP_IT));
    assert_eq!(kept.bill().service_date, Some(christmas));
    assert_eq!(kept.state.screen, asking(Question::FirstBillDate));

    // Retype: the question again, nothing stored.
    let out = chat.press(&plain(keys::DATE_RETYPE));
    assert_eq!(out[0], line(keys::DATE_TYPE_AGAIN));
    assert_contains(&out[1], &part(2));
    assert_contains(&out[1], &line(keys::SERVICE_DATE_PROMPT));
    assert_eq!(chat.state.screen, asking(Question::ServiceDate));
    assert_eq!(chat.bill().service_date, None);
    chat.send(text("3/14/26"));
    assert_eq!(chat.bill().service_date, Some(day(2026, 3, 14)));

    // Typing another date at the confirmation answers too; /back leaves it.
    let mut chat = base.fork();
    chat.send(text("12/25/26"));
    chat.send(text("March 14"));
    assert_eq!(chat.bill().service_date, Some(day(2026, 3, 14)));
    assert_eq!(chat.state.screen, asking(Question::FirstBillDate));
    let mut chat = base.fork();
    chat.send(text("12/25/26"));
    chat.send(cmd(Command::Back));
    assert_eq!(chat.state.screen, asking(Question::ServiceDate));
    assert_eq!(chat.bill().service_date, None);
}

#[test]
fn a_first_bill_dated_before_the_care_asks_to_confirm() {
    let mut chat = Chat::at(&[], Question::FirstBillDate);
    assert_eq!(chat.bill().service_date, Some(day(2026, 3, 14)));
    let out = chat.send(text("3/1/26"));
    assert_eq!(
        chat.state.screen,
        Screen::ConfirmDate {
            question: Question::FirstBillDate,
            date: day(2026, 3, 1)
        }
    );
    assert_eq!(
        out,
        vec![filled(
            keys::DATE_BEFORE_SERVICE,
            &[
                ("date", &shown(day(2026, 3, 1))),
                ("service_date", &shown(day(2026, 3, 14)))
            ]
        )]
    );
    assert_eq!(chat.labels(), vec![plain(keys::DATE_KEEP_IT), plain(keys::DATE_RETYPE)]);
    chat.press(&plain(keys::DATE_KEEP_IT));
    assert_eq!(chat.bill().first_bill_date, Some(day(2026, 3, 1)));
    assert_eq!(chat.state.screen, asking(Question::AmountDue));

    // The same day as the care is fine.
    let mut chat = Chat::at(&[], Question::FirstBillDate);
    chat.send(text("3/14/26"));
    assert_eq!(chat.state.screen, asking(Question::AmountDue));
}

#[test]
fn a_date_typed_day_first_is_offered_where_month_first_cannot_be() {
    // The care was Mar 14: "1/5/26" as Jan 5 is before it, as May 1 is
    // not: May 1 is offered, to confirm with one tap.
    let mut chat = Chat::at(&[], Question::FirstBillDate);
    chat.send(text("1/5/26"));
    assert_eq!(
        chat.state.screen,
        Screen::ConfirmGuess {
            question: Question::FirstBillDate,
            guess: Guess::Date(day(2026, 5, 1))
        }
    );
    chat.send(text("yes"));
    assert_eq!(chat.bill().first_bill_date, Some(day(2026, 5, 1)));
    assert_eq!(chat.state.screen, asking(Question::AmountDue));
    // Both readings before the care: the date typed is questioned, as before.
    let mut chat = Chat::at(&[], Question::FirstBillDate);
    chat.send(text("3/1/26"));
    assert!(matches!(chat.state.screen, Screen::ConfirmDate { .. }));
    // A month-first date that can be is read as typed.
    let mut chat = Chat::at(&[], Question::FirstBillDate);
    chat.send(text("5/4/26"));
    assert_eq!(chat.bill().first_bill_date, Some(day(2026, 5, 4)));
}

#[test]
fn a_collector_letter_dated_before_the_first_bill_asks_to_confirm() {
    let mut chat = Chat::at(&[(Question::InCollections, "yes")], Question::CollectorLetterDate);
    let out = chat.send(text("3/20/26"));
    assert_eq!(
        out,
        vec![filled(
            keys::DATE_BEFORE_FIRST_BILL,
            &[
                ("date", &shown(day(2026, 3, 20))),
                ("first_bill_date", &shown(day(2026, 4, 2)))
            ]
        )]
    );
    chat.press(&plain(keys::DATE_KEEP_IT));
    assert_eq!(chat.bill().collector_letter_date, Some(day(2026, 3, 20)));
}

#[test]
fn an_impossible_or_unreadable_date_gets_the_friendly_line_and_the_same_question() {
    let base = Chat::at(&[], Question::ServiceDate);
    for (typed, key) in [
        ("13/45/2026", keys::DATE_IMPOSSIBLE),
        ("Feb 30", keys::DATE_IMPOSSIBLE),
        ("tomorrowish", keys::DATE_UNREADABLE),
        ("", keys::DATE_UNREADABLE),
    ] {
        let mut chat = base.fork();
        let out = chat.send(text(typed));
        assert_eq!(chat.state, base.state, "typed {typed:?}");
        assert_eq!(out.len(), 2, "typed {typed:?}");
        assert_eq!(out[0], line(key), "typed {typed:?}");
        assert_contains(&out[1], &part(2));
        assert_contains(&out[1], &line(keys::SERVICE_DATE_PROMPT));
    }
}
