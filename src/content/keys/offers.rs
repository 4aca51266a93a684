//! Keys of the 💵 Offer message: what to offer, where to stop, a plan.

use super::keys;

keys! {
    OFFER_HEADING = "offer.heading";
    /// No balance known: nothing to work out yet.
    OFFER_NOTHING = "offer.nothing";
    /// The plan says the patient should owe nothing: offer nothing.
    OFFER_OWE_NOTHING = "offer.owe_nothing";
    /// The insurer has not decided (or was never sent the claim).
    OFFER_WAIT_FOR_INSURANCE = "offer.wait_for_insurance";
    /// Original Medicare: its Medicare Summary Notice (E2).
    OFFER_WAIT_FOR_MEDICARE = "offer.wait_for_medicare";
    /// Medicare of a kind not known: the notice from Medicare or the plan.
    OFFER_WAIT_FOR_MEDICARE_OR_PLAN = "offer.wait_for_medicare_or_plan";
    /// Decided, but the statement's share is not in hand (Owed::EobFirst).
    OFFER_EOB_FIRST = "offer.eob_first";
    OFFER_MSN_FIRST = "offer.msn_first";
    OFFER_MEDICARE_OR_PLAN_FIRST = "offer.medicare_or_plan_first";
    /// The EOB's share binds only in network, and that is not known yet.
    OFFER_CONFIRM_NETWORK = "offer.confirm_network" [share];
    /// Same, with a $0 share: in network nothing is owed.
    OFFER_CONFIRM_NETWORK_ZERO = "offer.confirm_network_zero";
    /// Medicare, QMB not known: with QMB nothing of Medicare's share is owed.
    OFFER_CONFIRM_QMB = "offer.confirm_qmb";
    OFFER_CONFIRM_FACILITY = "offer.confirm_facility";
    /// What is owed is settled, but a plan step comes first (Plan::offer_blocker).
    OFFER_NOT_YET = "offer.not_yet" [number, step];
    /// What the offer starts from, when it is not the balance as billed.
    OFFER_FROM_EOB_SHARE = "offer.from.eob_share" [owed, balance];
    OFFER_FROM_MEDICARE_SHARE = "offer.from.medicare_share" [owed, balance];
    OFFER_FROM_ESTIMATE = "offer.from.estimate" [owed, balance];
    OFFER_FROM_AUDITED = "offer.from.audited" [owed, balance];
    /// Financial help may make the bill free: apply before offering.
    OFFER_APPLY_FIRST = "offer.apply_first";
    /// Medicaid can reach back to the care: apply before offering.
    OFFER_APPLY_MEDICAID_FIRST = "offer.apply_medicaid_first" [apply_by];

    /// A collector: open at 30%, settle by 50%, terms in writing first.
    OFFER_COLLECTIONS = "offer.collections" [opening, opening_pct, walk_away, walk_away_pct, balance];

    // A discount for paying a provider at once.
    OFFER_SELF_PAY = "offer.lump_sum.self_pay" [low, high, ask_low, ask_high, balance];
    OFFER_PROMPT_PAY = "offer.lump_sum.prompt_pay" [low, high, ask_low, ask_high, balance];
    /// Self-pay with a Medicare-based price for every line.
    OFFER_FAIR_TARGET = "offer.lump_sum.fair_target" [target];

    // What the user said they could pay at once, against the range above.
    OFFER_CAN_PAY_BELOW = "offer.can_pay.below" [amount];
    OFFER_CAN_PAY_WITHIN = "offer.can_pay.within" [amount];
    OFFER_CAN_PAY_ABOVE = "offer.can_pay.above" [amount, high];

    // An interest-free payment plan at the user's monthly amount.
    /// The last payment is smaller than the others.
    OFFER_PLAN = "offer.plan.summary" [monthly, months, last];
    /// Every payment is the same.
    OFFER_PLAN_EVEN = "offer.plan.even" [monthly, months];
    /// Added to the summary when the plan is longer than our rule of thumb.
    OFFER_PLAN_TOO_LONG = "offer.plan.too_long";
    /// The due dates, as payments joined by the separator.
    OFFER_PLAN_SCHEDULE = "offer.plan.schedule" [payments];
    OFFER_PLAN_PAYMENT = "offer.plan.payment" [date, amount];
    OFFER_PLAN_SEPARATOR = "offer.plan.separator";
    /// Stands for the payments left out of a long schedule.
    OFFER_PLAN_GAP = "offer.plan.gap";
    /// The monthly amount would take more than the longest plan we propose.
    OFFER_PLAN_TOO_SLOW = "offer.plan.too_slow" [monthly, years];
    /// No monthly amount known.
    OFFER_PLAN_ASK = "offer.plan.ask";

    /// Deferred interest on medical credit cards, in plain words.
    OFFER_CREDIT_CARD = "offer.credit_card";
}
