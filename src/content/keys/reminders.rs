//! Keys of reminders (`/remind`, `/reminders`, the reminder messages, the
//! time-zone question) and of `/paid`.

use super::keys;

keys! {
    // `/remind`: the reminders the bill calls for.
    REMIND_HEADING = "remind.heading";
    REMIND_LINE = "remind.line" [what, when];
    REMIND_LINE_AHEAD = "remind.line_ahead" [what, date, when];
    REMIND_LINE_SET = "remind.line_set" [what, when];
    REMIND_NONE = "remind.none";
    REMIND_PASSED = "remind.passed";
    REMIND_PAID = "remind.paid";
    REMIND_BUTTON = "remind.button" [what];
    REMIND_ALL = "remind.all" [count];
    REMIND_LEAVE = "remind.leave";
    REMIND_SET = "remind.set" [what, when];
    REMIND_SET_MANY = "remind.set_many" [count];
    REMIND_ALREADY_SET = "remind.already_set";
    REMIND_FULL = "remind.full" [max];
    REMIND_NO_LONGER = "remind.no_longer";
    REMIND_WHEN = "remind.when" [date, time];
    REMIND_FOLLOW_UP_AFTER_CALL = "remind.after_call" [date];
    REMIND_EACH_PAYMENT = "remind.each_payment" [count];
    REMIND_FROM_REPORT = "remind.from_report";

    // What each reminder is for (plain: also on buttons).
    REMIND_KIND_COLLECTIONS_WEEK = "remind.kind.collections_week";
    REMIND_KIND_COLLECTIONS_DAY = "remind.kind.collections_day";
    REMIND_KIND_FOLLOW_UP = "remind.kind.follow_up";
    REMIND_KIND_PROMISED = "remind.kind.promised";
    REMIND_KIND_BEST_DAY = "remind.kind.best_day_to_call";
    REMIND_KIND_NO_SURPRISES = "remind.kind.no_surprises";
    REMIND_KIND_APPEAL = "remind.kind.internal_appeal";
    REMIND_KIND_ASSISTANCE = "remind.kind.financial_assistance";
    REMIND_KIND_VALIDATION = "remind.kind.debt_validation";
    REMIND_KIND_COLLECTIONS_NOTICE = "remind.kind.collections_notice";
    REMIND_KIND_PAYMENT = "remind.kind.payment" [number];
    REMIND_KIND_PAYMENTS = "remind.kind.payments" [count];
    REMIND_SHORT_COLLECTIONS_WEEK = "remind.short.collections_week";
    REMIND_SHORT_COLLECTIONS_DAY = "remind.short.collections_day";
    REMIND_SHORT_FOLLOW_UP = "remind.short.follow_up";
    REMIND_SHORT_PROMISED = "remind.short.promised";
    REMIND_SHORT_BEST_DAY = "remind.short.best_day_to_call";
    REMIND_SHORT_NO_SURPRISES = "remind.short.no_surprises";
    REMIND_SHORT_APPEAL = "remind.short.internal_appeal";
    REMIND_SHORT_ASSISTANCE = "remind.short.financial_assistance";
    REMIND_SHORT_VALIDATION = "remind.short.debt_validation";
    REMIND_SHORT_COLLECTIONS_NOTICE = "remind.short.collections_notice";
    REMIND_SHORT_PAYMENT = "remind.short.payment" [number];
    REMIND_SHORT_PAYMENTS = "remind.short.payments" [count];

    // The time zone, asked once.
    ZONE_PROMPT = "zone.prompt";
    ZONE_EASTERN = "zone.eastern";
    ZONE_CENTRAL = "zone.central";
    ZONE_MOUNTAIN = "zone.mountain";
    ZONE_ARIZONA = "zone.arizona";
    ZONE_PACIFIC = "zone.pacific";
    ZONE_ALASKA = "zone.alaska";
    ZONE_HAWAII = "zone.hawaii";
    ZONE_OTHER = "zone.other";
    ZONE_OF_STATE = "zone.of_state" [zone, state];
    ZONE_TYPE_IT = "zone.type_it";
    ZONE_UNKNOWN = "zone.unknown";
    ZONE_SET = "zone.set" [zone];

    // `/reminders`: the list.
    REMINDERS_HEADING = "reminders.heading" [zone];
    REMINDERS_LINE = "reminders.line" [number, when, what, bill];
    REMINDERS_LINE_AHEAD = "reminders.line_ahead" [number, when, what, date, bill];
    REMINDERS_MORE = "reminders.more" [count];
    REMINDERS_EMPTY = "reminders.empty";
    REMINDERS_CANCEL = "reminders.cancel" [number];
    REMINDERS_ADD = "reminders.add";
    REMINDERS_CHANGE_ZONE = "reminders.change_zone";
    REMINDERS_CANCELLED = "reminders.cancelled" [what, when];
    REMINDERS_BILL = "reminders.bill" [sender, amount];
    REMINDERS_BILL_NO_AMOUNT = "reminders.bill_no_amount" [sender];
    REMINDERS_SENDER_HOSPITAL = "reminders.sender.hospital";
    REMINDERS_SENDER_DOCTOR = "reminders.sender.doctor_office";
    REMINDERS_SENDER_LAB = "reminders.sender.lab";
    REMINDERS_SENDER_AMBULANCE = "reminders.sender.ambulance";
    REMINDERS_SENDER_COLLECTOR = "reminders.sender.collections_agency";
    REMINDERS_SENDER_OTHER = "reminders.sender.other" [number];

    // A reminder as delivered.
    DUE_HEADING = "due.heading" [bill];
    DUE_LATE = "due.late" [date];
    DUE_COLLECTIONS_WEEK = "due.collections_week" [date, days];
    DUE_COLLECTIONS_WEEK_ITEMIZED = "due.collections_week_itemized" [date, days];
    DUE_COLLECTIONS_DAY = "due.collections_day" [date, days];
    DUE_FOLLOW_UP = "due.follow_up";
    DUE_PROMISED = "due.promised" [date, days, call];
    DUE_BEST_DAY = "due.best_day_to_call" [date, days];
    DUE_NO_SURPRISES = "due.no_surprises" [date, days];
    DUE_APPEAL = "due.internal_appeal" [date, days];
    DUE_ASSISTANCE = "due.financial_assistance" [date, days];
    DUE_VALIDATION = "due.debt_validation" [date, days];
    DUE_COLLECTIONS_NOTICE = "due.collections_notice" [date, days];
    DUE_PAYMENT = "due.payment" [number, amount, date, days];
    DUE_DONE = "due.done_button";
    DUE_SNOOZE = "due.snooze_button";
    DUE_SCRIPT = "due.script_button";
    DUE_MARKED_DONE = "due.marked_done";
    DUE_SNOOZED = "due.snoozed" [when];

    // `/paid`: a bill settled.
    PAID_PROMPT = "paid.prompt" [bill];
    PAID_FULL = "paid.full" [amount];
    PAID_NOT_NOW = "paid.not_now";
    PAID_NO_BILL = "paid.no_bill";
    PAID_NEGATIVE = "paid.negative";
    PAID_ALREADY = "paid.already" [amount, date];
    PAID_DONE = "paid.done" [amount, date];
    PAID_SAVED = "paid.saved" [saved];
    PAID_LINE = "paid.line" [amount, date];

    // The terminal shows reminders as they fall due.
    CONSOLE_REMINDER = "shell.console_reminder";
}
