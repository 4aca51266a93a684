//! Keys of the report's 🧭 plan: the steps, what each could save and by
//! when, the first step's reason and where to turn, and the money tips.

use super::keys;

keys! {
    // The message.
    PLAN_HEADING = "plan.heading";
    /// The bill is paid: nothing to plan.
    PLAN_PAID = "plan.paid";
    /// No step applies (nothing known to owe).
    PLAN_NOTHING = "plan.nothing";
    /// One step: number, title, what it could save, when.
    PLAN_STEP = "plan.step" [number, title, saves, when];
    PLAN_SAVES_UP_TO = "plan.saves.up_to" [amount];
    PLAN_SAVES_RANGE = "plan.saves.range" [low, high];
    PLAN_SAVES_MOST_OF = "plan.saves.most_of" [amount];
    PLAN_SAVES_AT_LEAST = "plan.saves.at_least" [amount];
    PLAN_SAVES_NOTHING = "plan.saves.nothing";
    PLAN_SAVES_UNKNOWN = "plan.saves.unknown";
    PLAN_WHEN_NOW = "plan.when.now";
    PLAN_WHEN_AFTER = "plan.when.after" [number];
    PLAN_WHEN_BY = "plan.when.by" [date, days, reason];
    PLAN_WHEN_PASSED = "plan.when.passed" [date, reason];
    /// What sets a step's date, said beside it (by the step's action).
    PLAN_DUE_HELP = "plan.due.financial_help";
    PLAN_DUE_MEDICAID_MONTHS = "plan.due.medicaid_three_months";
    PLAN_DUE_MEDICAID_RULE = "plan.due.medicaid_rule_change";
    PLAN_DUE_MEDICAID_ONE_MONTH = "plan.due.medicaid_one_month";
    PLAN_DUE_APPEAL_PRIVATE = "plan.due.appeal_private";
    PLAN_DUE_APPEAL_ORIGINAL_MEDICARE = "plan.due.appeal_original_medicare";
    PLAN_DUE_APPEAL_ADVANTAGE = "plan.due.appeal_advantage";
    PLAN_DUE_APPEAL_MEDICARE_NOT_SURE = "plan.due.appeal_medicare_not_sure";
    PLAN_DUE_APPEAL_MEDICAID = "plan.due.appeal_medicaid";
    PLAN_DUE_ESTIMATE = "plan.due.estimate";
    PLAN_DUE_VALIDATE = "plan.due.validate";
    /// A later step due before step 1's date.
    PLAN_SOONER = "plan.sooner" [number, date];
    /// Why the first step, and what to say.
    PLAN_START = "plan.start" [why];
    /// Where to turn if the office says no.
    PLAN_IF_NO = "plan.if_no" [route];
    PLAN_TIP = "plan.tip" [text];
    /// Buttons.
    PLAN_SCRIPT_BUTTON = "plan.script_button" [number];
    PLAN_LETTER_BUTTON = "plan.letter_button" [number];
    /// A later step of the plan, on its own.
    PLAN_STEP_BUTTON = "plan.step_button" [number];
    PLAN_STEP_WHY = "plan.step_why" [why];
    REPORT_SEE_PLAN = "report.see_plan";

    // Each action: a short title (one phone line) and why, in the report.
    PLAN_WAIT_FOR_EOB = "plan.action.wait_for_eob.title";
    PLAN_WAIT_FOR_EOB_WHY = "plan.action.wait_for_eob.why";
    PLAN_BILL_INSURANCE = "plan.action.bill_insurance.title";
    PLAN_BILL_INSURANCE_WHY = "plan.action.bill_insurance.why";
    PLAN_ASK_INSURER = "plan.action.ask_insurer.title";
    PLAN_ASK_INSURER_WHY = "plan.action.ask_insurer.why";
    /// E2, E11: the same steps for Original Medicare, which sends a
    /// Medicare Summary Notice, not an EOB, and answers at 1-800-MEDICARE.
    PLAN_WAIT_FOR_MSN = "plan.action.wait_for_msn.title";
    PLAN_WAIT_FOR_MSN_WHY = "plan.action.wait_for_msn.why";
    PLAN_BILL_MEDICARE = "plan.action.bill_medicare.title";
    PLAN_BILL_MEDICARE_WHY = "plan.action.bill_medicare.why";
    PLAN_ASK_MEDICARE = "plan.action.ask_medicare.title";
    PLAN_ASK_MEDICARE_WHY = "plan.action.ask_medicare.why";
    PLAN_ASK_MSN = "plan.action.ask_msn.title";
    PLAN_ASK_MSN_WHY = "plan.action.ask_msn.why";
    PLAN_SAY_WAIT_FOR_MSN = "plan.ask.wait_for_msn";
    PLAN_SAY_ASK_MEDICARE = "plan.ask.ask_medicare";
    PLAN_SAY_BILL_MEDICARE = "plan.ask.bill_medicare";
    PLAN_SAY_COLLECTOR_WAIT_FOR_MSN = "plan.ask_collector.wait_for_msn";
    PLAN_SAY_COLLECTOR_ASK_MEDICARE = "plan.ask_collector.ask_medicare";
    PLAN_SAY_COLLECTOR_BILL_MEDICARE = "plan.ask_collector.bill_medicare";
    PLAN_COMPLAINT_BILL_MEDICARE = "plan.complaint.reason.bill_medicare";
    /// E2, E11: the same steps for Medicare of a kind not known (Original
    /// or a Medicare Advantage plan): the notice from Medicare or the plan
    /// (an MSN or an EOB), 1-800-MEDICARE or the number on the plan's card.
    PLAN_WAIT_FOR_MEDICARE_OR_PLAN = "plan.action.wait_for_medicare_or_plan.title";
    PLAN_WAIT_FOR_MEDICARE_OR_PLAN_WHY = "plan.action.wait_for_medicare_or_plan.why";
    PLAN_BILL_MEDICARE_OR_PLAN = "plan.action.bill_medicare_or_plan.title";
    PLAN_BILL_MEDICARE_OR_PLAN_WHY = "plan.action.bill_medicare_or_plan.why";
    PLAN_ASK_MEDICARE_OR_PLAN = "plan.action.ask_medicare_or_plan.title";
    PLAN_ASK_MEDICARE_OR_PLAN_WHY = "plan.action.ask_medicare_or_plan.why";
    PLAN_ASK_MEDICARE_OR_PLAN_NOTICE = "plan.action.ask_medicare_or_plan_notice.title";
    PLAN_ASK_MEDICARE_OR_PLAN_NOTICE_WHY = "plan.action.ask_medicare_or_plan_notice.why";
    PLAN_SAY_WAIT_FOR_MEDICARE_OR_PLAN = "plan.ask.wait_for_medicare_or_plan";
    PLAN_SAY_ASK_MEDICARE_OR_PLAN = "plan.ask.ask_medicare_or_plan";
    PLAN_SAY_BILL_MEDICARE_OR_PLAN = "plan.ask.bill_medicare_or_plan";
    PLAN_SAY_COLLECTOR_WAIT_FOR_MEDICARE_OR_PLAN = "plan.ask_collector.wait_for_medicare_or_plan";
    PLAN_SAY_COLLECTOR_ASK_MEDICARE_OR_PLAN = "plan.ask_collector.ask_medicare_or_plan";
    PLAN_SAY_COLLECTOR_BILL_MEDICARE_OR_PLAN = "plan.ask_collector.bill_medicare_or_plan";
    PLAN_COMPLAINT_BILL_MEDICARE_OR_PLAN = "plan.complaint.reason.bill_medicare_or_plan";
    PLAN_SAY_ASK_INSURER = "plan.ask.ask_insurer";
    PLAN_MEDICAID = "plan.action.medicaid.title";
    PLAN_MEDICAID_WHY = "plan.action.medicaid.why";
    PLAN_MEDICAID_WHY_PAID = "plan.action.medicaid.why_paid";
    PLAN_APPLY_MEDICAID = "plan.action.apply_medicaid.title";
    PLAN_APPLY_MEDICAID_WHY = "plan.action.apply_medicaid.why" [care, apply_by];
    PLAN_APPLY_MEDICAID_WHY_2027 = "plan.action.apply_medicaid.why_rule_change" [care, apply_by];
    PLAN_APPLY_MEDICAID_WHY_ONE_MONTH = "plan.action.apply_medicaid.why_one_month" [care, apply_by];
    PLAN_QMB = "plan.action.qmb.title";
    PLAN_QMB_WHY = "plan.action.qmb.why";
    PLAN_ASK_QMB = "plan.action.ask_qmb.title";
    PLAN_ASK_QMB_WHY = "plan.action.ask_qmb.why";
    /// E2: the income is within QMB's limit (100% of the guideline).
    PLAN_ASK_QMB_LIKELY = "plan.action.ask_qmb_likely.title";
    PLAN_ASK_QMB_LIKELY_WHY = "plan.action.ask_qmb_likely.why";
    PLAN_SHARE_ZERO = "plan.action.share_zero.title";
    PLAN_SHARE_ZERO_WHY = "plan.action.share_zero.why" [amount_due];
    PLAN_PAY_SHARE = "plan.action.pay_share.title" [share];
    PLAN_PAY_SHARE_WHY = "plan.action.pay_share.why" [share, amount_due];
    PLAN_PAY_SHARE_MEDICARE = "plan.action.pay_share.title_medicare" [share];
    PLAN_PAY_SHARE_MEDICARE_WHY = "plan.action.pay_share.why_medicare" [share, amount_due];
    PLAN_CONFIRM_NETWORK = "plan.action.confirm_network.title";
    PLAN_CONFIRM_NETWORK_WHY = "plan.action.confirm_network.why" [share, amount_due];
    /// A3/E4: the facility's network not known; the Act may apply.
    PLAN_CONFIRM_FACILITY = "plan.action.confirm_facility.title";
    PLAN_CONFIRM_FACILITY_WHY = "plan.action.confirm_facility.why" [share];
    PLAN_CONFIRM_FACILITY_SHARE_KNOWN = "plan.action.confirm_facility.share_known" [share];
    PLAN_CONFIRM_FACILITY_SHARE_UNKNOWN = "plan.action.confirm_facility.share_unknown";
    PLAN_NSA_EMERGENCY = "plan.action.nsa_emergency.title";
    PLAN_NSA_FACILITY = "plan.action.nsa_facility.title";
    PLAN_NSA_EMERGENCY_WHY = "plan.action.nsa_emergency.why" [share];
    PLAN_NSA_FACILITY_WHY = "plan.action.nsa_facility.why" [share];
    /// The in-network share when the EOB's figure is known, or not.
    PLAN_NSA_SHARE_KNOWN = "plan.action.nsa_share.known" [share];
    PLAN_NSA_SHARE_UNKNOWN = "plan.action.nsa_share.unknown";
    PLAN_ESTIMATE = "plan.action.estimate.title";
    PLAN_ESTIMATE_WHY = "plan.action.estimate.why" [estimate, over, deadline];
    PLAN_ESTIMATE_WHY_UNDATED = "plan.action.estimate.why_undated" [estimate, over];
    PLAN_ESTIMATE_WHY_PASSED = "plan.action.estimate.why_passed" [estimate, over, deadline];
    PLAN_HELP = "plan.action.help.title";
    PLAN_HELP_LAW = "plan.action.help.title_law";
    PLAN_HELP_FREE = "plan.action.help.why_free" [percent, basis];
    PLAN_HELP_DISCOUNT = "plan.action.help.why_discount" [percent, off, basis];
    PLAN_HELP_SOME = "plan.action.help.why_some" [percent, basis];
    PLAN_HELP_ASK = "plan.action.help.why_ask" [basis];
    /// Insured, under a law that reaches insured patients with high bills only.
    PLAN_HELP_HIGH_COSTS = "plan.action.help.why_high_costs" [basis];
    PLAN_HELP_LATE = "plan.action.help.late" [date];
    PLAN_HELP_NONPROFIT = "plan.action.help.nonprofit";
    PLAN_HELP_MAYBE_NONPROFIT = "plan.action.help.maybe_nonprofit";
    PLAN_HELP_COLLECTOR = "plan.action.help.collector";
    PLAN_APPEAL = "plan.action.appeal.title";
    PLAN_APPEAL_PRIVATE = "plan.action.appeal.why_private" [deadline];
    PLAN_APPEAL_ORIGINAL_MEDICARE = "plan.action.appeal.why_original_medicare" [deadline];
    PLAN_APPEAL_ADVANTAGE = "plan.action.appeal.why_advantage" [deadline];
    PLAN_APPEAL_MEDICARE_NOT_SURE = "plan.action.appeal.why_medicare_not_sure" [deadline];
    PLAN_APPEAL_MEDICAID = "plan.action.appeal.why_medicaid" [deadline];
    PLAN_APPEAL_UNDATED = "plan.action.appeal.why_undated";
    PLAN_APPEAL_PASSED = "plan.action.appeal.why_passed" [deadline];
    PLAN_ASK_EOB = "plan.action.ask_eob.title";
    PLAN_ASK_EOB_WHY = "plan.action.ask_eob.why";
    /// The same, where the No Surprises Act limits the bill to the EOB's share.
    PLAN_ASK_EOB_WHY_NO_SURPRISES = "plan.action.ask_eob.why_no_surprises";
    PLAN_ITEMIZED = "plan.action.itemized.title";
    PLAN_ITEMIZED_WHY = "plan.action.itemized.why";
    PLAN_FIX_ERRORS = "plan.action.fix_errors.title" [count];
    PLAN_FIX_ERROR = "plan.action.fix_errors.title_one";
    PLAN_FIX_ERRORS_WHY = "plan.action.fix_errors.why";
    PLAN_VALIDATE = "plan.action.validate.title";
    PLAN_VALIDATE_WHY = "plan.action.validate.why" [deadline];
    PLAN_VALIDATE_WHY_UNDATED = "plan.action.validate.why_undated";
    PLAN_VALIDATE_WHY_PASSED = "plan.action.validate.why_passed" [deadline];
    PLAN_DISCOUNT_SELF_PAY = "plan.action.discount.title_self_pay";
    PLAN_DISCOUNT_PROMPT_PAY = "plan.action.discount.title_prompt_pay";
    PLAN_DISCOUNT_WHY = "plan.action.discount.why" [owed];
    PLAN_DISCOUNT_WHY_BALANCE = "plan.action.discount.why_balance" [owed];
    PLAN_DISCOUNT_WHY_LATER = "plan.action.discount.why_later";
    PLAN_SETTLE = "plan.action.settle.title";
    PLAN_SETTLE_WHY = "plan.action.settle.why" [owed];
    PLAN_PAYMENT_PLAN = "plan.action.payment_plan.title";
    PLAN_PAYMENT_PLAN_WHY = "plan.action.payment_plan.why";
    PLAN_ADVOCATE = "plan.action.advocate.title";
    PLAN_ADVOCATE_WHY = "plan.action.advocate.why";

    // What to say first in a script, when step 1 is about who pays.
    PLAN_SAY_WAIT_FOR_EOB = "plan.ask.wait_for_eob";
    PLAN_SAY_BILL_INSURANCE = "plan.ask.bill_insurance";
    PLAN_SAY_MEDICAID = "plan.ask.medicaid";
    PLAN_SAY_MEDICAID_PAID = "plan.ask.medicaid_paid";
    PLAN_SAY_QMB = "plan.ask.qmb";
    PLAN_SAY_SHARE_ZERO = "plan.ask.share_zero";
    PLAN_SAY_PAY_SHARE = "plan.ask.pay_share" [share];
    PLAN_SAY_PAY_SHARE_MEDICARE = "plan.ask.pay_share_medicare" [share];
    PLAN_SAY_CONFIRM_NETWORK = "plan.ask.confirm_network";
    PLAN_SAY_ASK_QMB = "plan.ask.ask_qmb";
    PLAN_SAY_APPLY_MEDICAID = "plan.ask.apply_medicaid";
    PLAN_SAY_CONFIRM_FACILITY = "plan.ask.confirm_facility";
    /// The same first words, to a collection agency (it holds the debt; it
    /// neither bills the insurer nor corrects the provider's bill).
    PLAN_SAY_COLLECTOR_WAIT_FOR_EOB = "plan.ask_collector.wait_for_eob";
    PLAN_SAY_COLLECTOR_ASK_INSURER = "plan.ask_collector.ask_insurer";
    PLAN_SAY_COLLECTOR_BILL_INSURANCE = "plan.ask_collector.bill_insurance";
    PLAN_SAY_COLLECTOR_MEDICAID = "plan.ask_collector.medicaid";
    PLAN_SAY_COLLECTOR_QMB = "plan.ask_collector.qmb";
    PLAN_SAY_COLLECTOR_SHARE_ZERO = "plan.ask_collector.share_zero";
    PLAN_SAY_COLLECTOR_PAY_SHARE = "plan.ask_collector.pay_share" [share];
    PLAN_SAY_COLLECTOR_PAY_SHARE_MEDICARE = "plan.ask_collector.pay_share_medicare" [share];
    PLAN_SAY_COLLECTOR_CONFIRM_NETWORK = "plan.ask_collector.confirm_network";
    PLAN_SAY_COLLECTOR_ASK_QMB = "plan.ask_collector.ask_qmb";
    PLAN_SAY_COLLECTOR_APPLY_MEDICAID = "plan.ask_collector.apply_medicaid";
    PLAN_SAY_COLLECTOR_CONFIRM_FACILITY = "plan.ask_collector.confirm_facility";
    /// What comes after the plan's appeal, by coverage (E3), for the script.
    PLAN_APPEAL_NEXT_PRIVATE = "plan.appeal_next.private";
    PLAN_APPEAL_NEXT_ORIGINAL_MEDICARE = "plan.appeal_next.original_medicare";
    PLAN_APPEAL_NEXT_ADVANTAGE = "plan.appeal_next.advantage";
    PLAN_APPEAL_NEXT_MEDICARE_NOT_SURE = "plan.appeal_next.medicare_not_sure";
    PLAN_APPEAL_NEXT_MEDICAID = "plan.appeal_next.medicaid";
    // The care the No Surprises Act protects, for scripts and letters.
    PLAN_NSA_CARE_EMERGENCY = "plan.nsa_care.emergency";
    PLAN_NSA_CARE_FACILITY = "plan.nsa_care.facility";

    // State charity-care laws (E6), each a link to the statute.
    PLAN_LAW_CA = "plan.law.ca";
    PLAN_LAW_CO = "plan.law.co";
    PLAN_LAW_CT = "plan.law.ct";
    PLAN_LAW_IL = "plan.law.il";
    PLAN_LAW_ME = "plan.law.me";
    PLAN_LAW_MD = "plan.law.md";
    PLAN_LAW_MA = "plan.law.ma";
    PLAN_LAW_NJ = "plan.law.nj";
    PLAN_LAW_NY = "plan.law.ny";
    PLAN_LAW_OR = "plan.law.or";
    PLAN_LAW_RI = "plan.law.ri";
    PLAN_LAW_WA = "plan.law.wa";
    // The same laws by name (plain text) and their sources, for scripts and letters.
    PLAN_LAW_NAME_CA = "plan.law_name.ca";
    PLAN_LAW_NAME_CO = "plan.law_name.co";
    PLAN_LAW_NAME_CT = "plan.law_name.ct";
    PLAN_LAW_NAME_IL = "plan.law_name.il";
    PLAN_LAW_NAME_ME = "plan.law_name.me";
    PLAN_LAW_NAME_MD = "plan.law_name.md";
    PLAN_LAW_NAME_MA = "plan.law_name.ma";
    PLAN_LAW_NAME_NJ = "plan.law_name.nj";
    PLAN_LAW_NAME_NY = "plan.law_name.ny";
    PLAN_LAW_NAME_OR = "plan.law_name.or";
    PLAN_LAW_NAME_RI = "plan.law_name.ri";
    PLAN_LAW_NAME_WA = "plan.law_name.wa";
    PLAN_LAW_LINK_CA = "plan.law_link.ca";
    PLAN_LAW_LINK_CO = "plan.law_link.co";
    PLAN_LAW_LINK_CT = "plan.law_link.ct";
    PLAN_LAW_LINK_IL = "plan.law_link.il";
    PLAN_LAW_LINK_ME = "plan.law_link.me";
    PLAN_LAW_LINK_MD = "plan.law_link.md";
    PLAN_LAW_LINK_MA = "plan.law_link.ma";
    PLAN_LAW_LINK_NJ = "plan.law_link.nj";
    PLAN_LAW_LINK_NY = "plan.law_link.ny";
    PLAN_LAW_LINK_OR = "plan.law_link.or";
    PLAN_LAW_LINK_RI = "plan.law_link.ri";
    PLAN_LAW_LINK_WA = "plan.law_link.wa";

    // Where to turn (E11).
    PLAN_ESCALATE_NSA = "plan.escalate.no_surprises";
    PLAN_ESCALATE_INSURER = "plan.escalate.insurer";
    PLAN_ESCALATE_MEDICARE = "plan.escalate.medicare";
    PLAN_ESCALATE_MEDICAID = "plan.escalate.medicaid";
    PLAN_ESCALATE_INSURANCE = "plan.escalate.insurance";
    PLAN_ESCALATE_CFPB = "plan.escalate.cfpb";
    PLAN_ESCALATE_AG = "plan.escalate.attorney_general";
    PLAN_ESCALATE_IRS = "plan.escalate.irs";

    // The complaint letter: who it goes to and how to send it (E11)…
    PLAN_COMPLAINT_TO_NSA = "plan.complaint.to.no_surprises";
    PLAN_COMPLAINT_TO_INSURER = "plan.complaint.to.insurer";
    PLAN_COMPLAINT_TO_MEDICARE = "plan.complaint.to.medicare";
    PLAN_COMPLAINT_TO_MEDICAID = "plan.complaint.to.medicaid";
    PLAN_COMPLAINT_TO_INSURANCE = "plan.complaint.to.insurance";
    PLAN_COMPLAINT_TO_CFPB = "plan.complaint.to.cfpb";
    PLAN_COMPLAINT_TO_AG = "plan.complaint.to.attorney_general";
    PLAN_COMPLAINT_TO_IRS = "plan.complaint.to.irs";
    PLAN_COMPLAINT_HOW_NSA = "plan.complaint.how.no_surprises";
    PLAN_COMPLAINT_HOW_INSURER = "plan.complaint.how.insurer";
    PLAN_COMPLAINT_HOW_MEDICARE = "plan.complaint.how.medicare";
    PLAN_COMPLAINT_HOW_MEDICAID = "plan.complaint.how.medicaid";
    PLAN_COMPLAINT_HOW_INSURANCE = "plan.complaint.how.insurance";
    PLAN_COMPLAINT_HOW_CFPB = "plan.complaint.how.cfpb";
    PLAN_COMPLAINT_HOW_AG = "plan.complaint.how.attorney_general";
    PLAN_COMPLAINT_HOW_IRS = "plan.complaint.how.irs";
    // …and what went wrong, by the step it is about.
    PLAN_COMPLAINT_BILL_INSURANCE = "plan.complaint.reason.bill_insurance";
    PLAN_COMPLAINT_MEDICAID = "plan.complaint.reason.medicaid";
    PLAN_COMPLAINT_QMB = "plan.complaint.reason.qmb";
    PLAN_COMPLAINT_SHARE = "plan.complaint.reason.share" [share, amount_due];
    /// Medicare's share (the MSN, or a Medicare plan's EOB; E2).
    PLAN_COMPLAINT_SHARE_MEDICARE = "plan.complaint.reason.share_medicare" [share, amount_due];
    PLAN_COMPLAINT_NSA = "plan.complaint.reason.no_surprises" [care];
    PLAN_COMPLAINT_ESTIMATE = "plan.complaint.reason.estimate" [estimate, over];
    PLAN_COMPLAINT_HELP = "plan.complaint.reason.financial_help";
    PLAN_COMPLAINT_APPEAL = "plan.complaint.reason.appeal";
    PLAN_COMPLAINT_COLLECTOR = "plan.complaint.reason.collector";

    // Money tips (E8, E9, E10, A6).
    PLAN_TIP_COURT = "plan.tips.court_papers";
    PLAN_TIP_IN_WRITING = "plan.tips.in_writing";
    PLAN_TIP_NO_BANK_ACCESS = "plan.tips.no_bank_access";
    PLAN_TIP_RESTARTS_CLOCK = "plan.tips.restarts_clock";
    PLAN_TIP_NO_CREDIT_CARD = "plan.tips.no_credit_card";
    PLAN_TIP_APPLY_FIRST = "plan.tips.apply_first";
    PLAN_TIP_1099C = "plan.tips.form_1099c";
    PLAN_TIP_HSA = "plan.tips.hsa";
    PLAN_TIP_MEDICARE_SAVINGS = "plan.tips.medicare_savings";
}
