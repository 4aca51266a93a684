//! Keys of the report: summary, timing, plan.

use super::keys;

keys! {
    // ⏰ Timing: the message around the advice.
    TIMING_HEADING = "timing.heading";
    TIMING_NOTHING = "timing.nothing";
    /// One piece of advice without a source (our own tip).
    TIMING_LINE = "timing.line" [text];
    /// One piece of advice with its source links.
    TIMING_LINE_SOURCED = "timing.line_sourced" [text, sources];
    /// One source link, shown by its site name.
    TIMING_SOURCE = "timing.source" [url, site];
    /// Between two source links.
    TIMING_SOURCE_SEPARATOR = "timing.source_separator";
    /// Advice left out to keep the message short.
    TIMING_MORE = "timing.more" [count];

    // Days counted from today.
    TIMING_TODAY = "timing.days.today";
    TIMING_DAY_LEFT = "timing.days.one_left";
    TIMING_DAYS_LEFT = "timing.days.left" [days];
    TIMING_DAY_AGO = "timing.days.one_ago";
    TIMING_DAYS_AGO = "timing.days.ago" [days];

    // One text per kind of advice.
    TIMING_WAIT_FOR_EOB = "timing.wait_for_eob";
    /// Original Medicare: its Medicare Summary Notice (E2).
    TIMING_WAIT_FOR_MSN = "timing.wait_for_msn";
    /// Medicare of a kind not known: the notice from Medicare or the plan.
    TIMING_WAIT_FOR_MEDICARE_OR_PLAN = "timing.wait_for_medicare_or_plan";
    TIMING_BEFORE_CARE_SELF_PAY = "timing.before_care.self_pay" [date, days];
    TIMING_BEFORE_CARE = "timing.before_care.insured" [date, days];
    TIMING_BEST_DAY = "timing.best_day.month" [date, days];
    TIMING_BEST_DAY_QUARTER = "timing.best_day.quarter" [date, days];
    TIMING_COLLECTIONS_AHEAD = "timing.collections.ahead" [start, end, days];
    TIMING_COLLECTIONS_OPEN = "timing.collections.open" [start, end, days];
    TIMING_COLLECTIONS_PASSED = "timing.collections.passed" [start, end, days];
    TIMING_COLLECTIONS_NOTICE = "timing.collections.notice" [date, days];
    TIMING_COLLECTIONS_NOTICE_PASSED = "timing.collections.notice_passed" [date, days];
    TIMING_NONPROFIT_BEFORE = "timing.nonprofit.before" [date, days];
    /// A1: state floors on collecting.
    TIMING_CALIFORNIA_FLOOR = "timing.state_floor.california" [date, days];
    TIMING_WASHINGTON_FLOOR = "timing.state_floor.washington" [date, days];
    TIMING_NONPROFIT_NOTICE = "timing.nonprofit.notice" [date, days];
    TIMING_ASSISTANCE_OPEN = "timing.assistance.open" [date, days];
    TIMING_ASSISTANCE_LATE = "timing.assistance.late" [date, days];
    TIMING_NSA_OPEN = "timing.no_surprises.open" [over, date, days];
    TIMING_NSA_MISSED = "timing.no_surprises.missed" [over, date, days];
    TIMING_APPEAL = "timing.appeal.internal" [date, days];
    TIMING_APPEAL_PASSED = "timing.appeal.internal_passed" [date, days];
    TIMING_APPEAL_UNDATED = "timing.appeal.internal_undated";
    TIMING_APPEAL_EXTERNAL = "timing.appeal.external";
    TIMING_APPEAL_OTHER_PLAN = "timing.appeal.other_plan";
    /// Medicare or Medicaid with the notice's date: by when, by which rule.
    TIMING_APPEAL_BY_NOTICE = "timing.appeal.by_notice" [date, days, rule];
    TIMING_APPEAL_BY_NOTICE_PASSED = "timing.appeal.by_notice_passed" [date, days, rule];
    TIMING_VALIDATION = "timing.validation.open" [date, days];
    TIMING_VALIDATION_PASSED = "timing.validation.passed" [date, days];
    TIMING_VALIDATION_LEGAL_END = "timing.validation.legal_end" [date, days];
    TIMING_MEDICAID_APPLY_BY = "timing.medicaid.apply_by" [date, days];
    TIMING_MEDICAID_RULE_CHANGE = "timing.medicaid.rule_change" [date, days];
    TIMING_VALIDATION_UNDATED = "timing.validation.undated";
    TIMING_CREDIT_NOT_BEFORE = "timing.credit.not_before" [date, days];
    TIMING_CREDIT = "timing.credit.general";
    /// A1 applied to the bill: under $500, never listed by the three bureaus.
    TIMING_CREDIT_UNDER_500 = "timing.credit.under_500";
    /// A1 applied: $500 or more and a year since the first bill.
    TIMING_CREDIT_MAY_SHOW = "timing.credit.may_show";
    TIMING_LIMITATIONS = "timing.limitations";

    // The report's parts and their buttons.
    REPORT_SEE_FINDINGS = "report.see_findings";
    REPORT_MORE_FINDINGS = "report.more_findings" [count];
    REPORT_SEE_TIMING = "report.see_timing";
    REPORT_BACK_TO_SUMMARY = "report.back_to_summary";
    REPORT_BACK_TO_FINDINGS = "report.back_to_findings";
    REPORT_FINDINGS_HEADING = "report.findings_heading" [count, total];
    REPORT_FINDINGS_HEADING_ONE = "report.findings_heading_one" [total];
    REPORT_FINDINGS_HEADING_NO_MONEY = "report.findings_heading_no_money" [count];
    REPORT_FINDINGS_HEADING_NO_MONEY_ONE = "report.findings_heading_no_money_one";
    REPORT_FINDING = "report.finding" [number, title, stake, explain, ask];
    REPORT_AT_STAKE = "report.at_stake" [amount, certainty];
    REPORT_CERTAIN = "report.certainty.certain";
    REPORT_LIKELY = "report.certainty.likely";
    REPORT_WORTH_ASKING = "report.certainty.worth_asking";
    REPORT_STEP = "report.certainty.step";
    /// A right to use (the estimate dispute), not an error on the bill.
    REPORT_RIGHT = "report.certainty.right";
    REPORT_CLEAN = "report.clean";
    REPORT_SEE_SCRIPTS = "report.see_scripts";
    REPORT_SEE_OFFER = "report.see_offer";
    REPORT_OFFER_WAIT_FOR_EOB = "report.offer_wait_for_eob";
    REPORT_BACK_TO_TIMING = "report.back_to_timing";
    REPORT_BACK_TO_SCRIPTS = "report.back_to_scripts";
    REPORT_CLEAN_NO_ITEMS = "report.clean_no_items";
    /// A clean bill while the plan offers nothing yet: no price to ask.
    REPORT_CLEAN_HOLD = "report.clean_hold";
    /// Nothing found on a bill that should be $0 (Medicaid, QMB, a $0
    /// share): no charges to check, no itemized bill to ask for.
    REPORT_CLEAN_OWE_NOTHING = "report.clean_owe_nothing";
    REPORT_CLEAN_PLAN_SAVES = "report.clean_plan_saves" [total];
    /// The plan's figure in those headings: "up to $X", or "at least $X"
    /// where questions may take off more (`Plan::could_save_more`).
    REPORT_TOTAL_UP_TO = "report.total.up_to" [amount];
    REPORT_TOTAL_AT_LEAST = "report.total.at_least" [amount];
}
