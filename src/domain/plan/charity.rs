//! Financial help from a hospital: the federal rule for nonprofit hospitals
//! (IRS §501(r)) and the state laws that reach further, some of them to
//! every hospital, for-profit ones too.
//!
//! [`assess`] says whether a bill's patient is likely to get free care, a
//! discount of a known size, a discount of unknown size, or should simply ask
//! for the application. Figures: `domain-facts.md` A2, A7, A8 and
//! `domain-facts-2.md` E6. Where a state's law has a threshold marked
//! [verify] there, the conservative figure is used (Maine's 150%, not the
//! 200% of a law whose start date is unconfirmed; Washington's tier-2
//! hospitals, not the larger systems' higher tiers).

use crate::domain::audit::visit::{poverty_guideline, poverty_percent};
use crate::domain::bill::{Answer3, Bill, BillSender, Coverage};
use rust_decimal::Decimal;

/// A8: nonprofit hospitals' own policies commonly give free care up to
/// 200% of the poverty guideline…
pub const NONPROFIT_FREE_PERCENT: u32 = 200;
/// …and help of some kind up to 400%.
pub const NONPROFIT_HELP_PERCENT: u32 = 400;

/// A state whose law sets financial help at hospitals (E6).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum StateLaw {
    California,
    Colorado,
    Connecticut,
    Illinois,
    Maine,
    Maryland,
    Massachusetts,
    NewJersey,
    NewYork,
    Oregon,
    RhodeIsland,
    Washington,
}

/// Which hospitals a state law binds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Binds {
    /// Every hospital, for-profit ones too.
    AllHospitals,
    /// Nonprofit hospitals only.
    Nonprofits,
}

/// Whether insured patients can use a state law.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Insured {
    /// Insured patients qualify like anyone else.
    Eligible,
    /// Only with high medical bills compared with income.
    HighCosts,
    /// Uninsured patients only.
    NotEligible,
    /// The facts files do not say (E6 lists neither way): an insured
    /// patient is told to ask, with no dollars promised.
    Unclear,
}

/// One discount band: up to `up_to` percent of the guideline, at least
/// `off` percent off.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Band {
    pub up_to: u32,
    pub off: u32,
}

/// What one state's law gives (E6).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LawTerms {
    pub law: StateLaw,
    /// Two-letter code.
    pub state: &'static str,
    pub binds: Binds,
    pub insured: Insured,
    /// Free care at or under this percent of the guideline, if the law says.
    pub free_up_to: Option<u32>,
    /// Discount bands above the free band, lowest income first.
    pub bands: &'static [Band],
    /// A discount of a size the law does not fix, up to this percent.
    pub discount_up_to: Option<u32>,
}

/// E6 (and A8): the states whose laws the bot applies.
pub const LAWS: [LawTerms; 12] = [
    // CA H&S §127405: uninsured or high medical costs ≤400%; no free band fixed.
    terms(
        StateLaw::California,
        "CA",
        Binds::AllHospitals,
        Insured::HighCosts,
        None,
        &[],
        Some(400),
    ),
    // C.R.S. 25.5-3-503: ≤250% FPG, charges capped at the state's rates.
    terms(
        StateLaw::Colorado,
        "CO",
        Binds::AllHospitals,
        Insured::Eligible,
        None,
        &[],
        Some(250),
    ),
    // C.G.S. §19a-673: uninsured ≤250%: no more than cost.
    terms(
        StateLaw::Connecticut,
        "CT",
        Binds::AllHospitals,
        Insured::NotEligible,
        None,
        &[],
        Some(250),
    ),
    // 210 ILCS 89: uninsured; free ≤200% (non-rural), discount ≤600%.
    terms(
        StateLaw::Illinois,
        "IL",
        Binds::AllHospitals,
        Insured::NotEligible,
        Some(200),
        &[],
        Some(600),
    ),
    // 22 M.R.S. §1716: free ≤150%.
    terms(
        StateLaw::Maine,
        "ME",
        Binds::AllHospitals,
        Insured::Eligible,
        Some(150),
        &[],
        None,
    ),
    // Md. Health-Gen. §19-214.1: free ≤200%, reduced cost above (depth set by the hospital).
    terms(
        StateLaw::Maryland,
        "MD",
        Binds::AllHospitals,
        Insured::Eligible,
        Some(200),
        &[],
        None,
    ),
    // 101 CMR 613: Health Safety Net, full ≤150%, partial to 300%.
    terms(
        StateLaw::Massachusetts,
        "MA",
        Binds::AllHospitals,
        Insured::HighCosts,
        Some(150),
        &[],
        Some(300),
    ),
    // N.J.S.A. 26:2H-18.60: free ≤200%, sliding scale to 300%.
    terms(
        StateLaw::NewJersey,
        "NJ",
        Binds::AllHospitals,
        Insured::Eligible,
        Some(200),
        &[],
        Some(300),
    ),
    // PHL §2807-k(9-a): free ≤200%, 10–20% of the Medicaid rate to 400%.
    terms(
        StateLaw::NewYork,
        "NY",
        Binds::AllHospitals,
        Insured::HighCosts,
        Some(200),
        &[],
        Some(400),
    ),
    // ORS 442.614: nonprofit hospitals; 100% ≤200, 75% to 300, 50% to 350, 25% to 400.
    terms(
        StateLaw::Oregon,
        "OR",
        Binds::Nonprofits,
        Insured::Eligible,
        Some(200),
        &[
            Band { up_to: 300, off: 75 },
            Band { up_to: 350, off: 50 },
            Band { up_to: 400, off: 25 },
        ],
        None,
    ),
    // 216-RICR-40-10-23.14: uninsured; free ≤200%, discount to 300%.
    terms(
        StateLaw::RhodeIsland,
        "RI",
        Binds::AllHospitals,
        Insured::NotEligible,
        Some(200),
        &[],
        Some(300),
    ),
    // RCW 70.170.060, tier 2 (the larger systems give more): free ≤200, 75% to 250, 50% to 300.
    terms(
        StateLaw::Washington,
        "WA",
        Binds::AllHospitals,
        Insured::Eligible,
        Some(200),
        &[Band { up_to: 250, off: 75 }, Band { up_to: 300, off: 50 }],
        None,
    ),
];

const fn terms(
    law: StateLaw,
    state: &'static str,
    binds: Binds,
    insured: Insured,
    free_up_to: Option<u32>,
    bands: &'static [Band],
    discount_up_to: Option<u32>,
) -> LawTerms {
    LawTerms {
        law,
        state,
        binds,
        insured,
        free_up_to,
        bands,
        discount_up_to,
    }
}

/// The law of a state, if the bot knows one.
pub fn law_of(state: &str) -> Option<&'static LawTerms> {
    LAWS.iter().find(|terms| terms.state.eq_ignore_ascii_case(state.trim()))
}

/// How likely help is, and how much.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outlook {
    /// The income is in the free band (of the law, or of typical nonprofit
    /// policies): the bill may go away.
    LikelyFree,
    /// At least `off` percent off: the law's band for the income.
    Discount { off: u32 },
    /// A discount of a size the hospital sets.
    SomeDiscount,
    /// Income not known: ask for the application.
    AskForApplication,
    /// Insured, under a state law that reaches insured patients only with
    /// high medical bills against their income (CA, NY: E6), which the bot
    /// does not ask: ask, if they are; no dollars, no hold on offers
    /// (trial 8: "you may get a discount" for bills at 4% of income).
    HighCostsOnly,
}

/// Financial help that fits a bill.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Assistance {
    /// The state law that applies, if any.
    pub law: Option<&'static LawTerms>,
    /// The hospital is a nonprofit (yes), or may be (not sure).
    pub nonprofit: Option<Answer3>,
    /// Income as a percent of the guideline, when known.
    pub percent: Option<Decimal>,
    /// The guideline for the household (2026), when its size is known.
    pub guideline: Option<Decimal>,
    pub outlook: Outlook,
    /// The bill came from a collector: the original provider (and whether
    /// it is a hospital at all) is not known, so this is a question to ask.
    pub collector: bool,
}

/// The financial help a hospital bill's patient can ask for, if any.
pub fn assess(bill: &Bill) -> Option<Assistance> {
    // Medicaid pays in full, and QMB leaves nothing to pay: nothing to apply for.
    if bill.coverage == Some(Coverage::Medicaid) || bill.qmb == Some(Answer3::Yes) {
        return None;
    }
    if bill.sender == Some(BillSender::CollectionsAgency) {
        return from_a_collector(bill);
    }
    if bill.sender != Some(BillSender::Hospital) {
        return None;
    }
    let insured = bill.coverage.is_some_and(Coverage::is_insured);
    let nonprofit = bill.nonprofit.filter(|answer| *answer != Answer3::No);
    let law = bill
        .state
        .as_deref()
        .and_then(law_of)
        .filter(|terms| terms.binds == Binds::AllHospitals || nonprofit == Some(Answer3::Yes))
        .filter(|terms| !(insured && terms.insured == Insured::NotEligible));
    if law.is_none() && nonprofit.is_none() {
        return None;
    }
    let household = bill.household_size.filter(|size| *size > 0);
    let guideline = household.map(|size| poverty_guideline(size, bill.state.as_deref()));
    let percent = household
        .zip(bill.yearly_income)
        .map(|(size, income)| poverty_percent(income, size, bill.state.as_deref()));
    let outlook = match percent {
        None => Outlook::AskForApplication,
        Some(percent) => outlook(percent, law, nonprofit.is_some(), insured)?,
    };
    Some(Assistance {
        law,
        nonprofit,
        percent,
        guideline,
        outlook,
        collector: false,
    })
}

/// A bill sent by a collector may have started at a hospital, whose help
/// (A2: applications taken even in collections) is worth asking about at
/// any income where nonprofit policies commonly help.
fn from_a_collector(bill: &Bill) -> Option<Assistance> {
    let household = bill.household_size.filter(|size| *size > 0);
    let percent = household
        .zip(bill.yearly_income)
        .map(|(size, income)| poverty_percent(income, size, bill.state.as_deref()));
    let outlook = match percent {
        None => Outlook::AskForApplication,
        Some(p) if p <= Decimal::from(NONPROFIT_HELP_PERCENT) => Outlook::SomeDiscount,
        Some(_) => return None,
    };
    Some(Assistance {
        law: None,
        nonprofit: None,
        percent,
        guideline: household.map(|size| poverty_guideline(size, bill.state.as_deref())),
        outlook,
        collector: true,
    })
}

/// The most generous of the law and the typical nonprofit policy (E6:
/// "apply the more generous").
fn outlook(percent: Decimal, law: Option<&LawTerms>, nonprofit: bool, insured: bool) -> Option<Outlook> {
    let at_most = |limit: u32| percent <= Decimal::from(limit);
    if let Some(terms) = law {
        // High-cost rules need the medical bills against income, which the
        // bot does not ask: for an insured patient they are "ask".
        let high_costs_only = insured && matches!(terms.insured, Insured::HighCosts | Insured::Unclear);
        if !high_costs_only {
            if terms.free_up_to.is_some_and(at_most) {
                return Some(Outlook::LikelyFree);
            }
            if let Some(band) = terms.bands.iter().find(|band| at_most(band.up_to)) {
                return Some(Outlook::Discount { off: band.off });
            }
            if terms.discount_up_to.is_some_and(at_most) {
                return Some(Outlook::SomeDiscount);
            }
            if terms.free_up_to.is_some() && terms.discount_up_to.is_none() && terms.bands.is_empty() {
                // Maryland: reduced-cost care above the free band, no upper limit stated.
                return Some(Outlook::SomeDiscount);
            }
        } else if !nonprofit && terms.discount_up_to.or(terms.free_up_to).is_some_and(at_most) {
            return Some(Outlook::HighCostsOnly);
        }
    }
    if nonprofit {
        if at_most(NONPROFIT_FREE_PERCENT) {
            return Some(Outlook::LikelyFree);
        }
        if at_most(NONPROFIT_HELP_PERCENT) {
            return Some(Outlook::SomeDiscount);
        }
    }
    // A nonprofit's own policy does not reach this income, but the state
    // law may, for high medical bills.
    let high_costs = law.is_some_and(|terms| {
        insured
            && matches!(terms.insured, Insured::HighCosts | Insured::Unclear)
            && terms.discount_up_to.or(terms.free_up_to).is_some_and(at_most)
    });
    high_costs.then_some(Outlook::HighCostsOnly)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hospital(state: &str, nonprofit: Answer3, coverage: Coverage, size: u32, income: i64) -> Bill {
        Bill {
            sender: Some(BillSender::Hospital),
            nonprofit: Some(nonprofit),
            coverage: Some(coverage),
            state: Some(state.to_string()),
            household_size: Some(size),
            yearly_income: Some(Decimal::from(income)),
            ..Bill::default()
        }
    }

    #[test]
    fn a_for_profit_hospital_in_a_state_whose_law_covers_every_hospital() {
        // 1 person, $20,000: 125% of the 2026 guideline.
        let bill = hospital("CA", Answer3::No, Coverage::SelfPay, 1, 20_000);
        let help = assess(&bill).expect("California's law covers for-profit hospitals");
        assert_eq!(help.law.map(|t| t.law), Some(StateLaw::California));
        assert_eq!(help.outlook, Outlook::SomeDiscount);
        let bill = hospital("WA", Answer3::No, Coverage::InNetwork, 1, 20_000);
        assert_eq!(assess(&bill).unwrap().outlook, Outlook::LikelyFree);
        let bill = hospital("TX", Answer3::No, Coverage::SelfPay, 1, 20_000);
        assert_eq!(assess(&bill), None, "no law and not a nonprofit");
    }

    #[test]
    fn washington_bands_give_the_laws_minimum_discount() {
        // 1 person: 240% is $38,304.
        let bill = hospital("WA", Answer3::No, Coverage::SelfPay, 1, 38_000);
        assert_eq!(assess(&bill).unwrap().outlook, Outlook::Discount { off: 75 });
        let bill = hospital("WA", Answer3::No, Coverage::SelfPay, 1, 46_000);
        assert_eq!(assess(&bill).unwrap().outlook, Outlook::Discount { off: 50 });
        let bill = hospital("WA", Answer3::No, Coverage::SelfPay, 1, 60_000);
        assert_eq!(assess(&bill), None);
    }

    #[test]
    fn uninsured_only_laws_do_not_reach_insured_patients() {
        let bill = hospital("IL", Answer3::No, Coverage::InNetwork, 1, 20_000);
        assert_eq!(assess(&bill), None);
        let bill = hospital("IL", Answer3::No, Coverage::SelfPay, 1, 20_000);
        assert_eq!(assess(&bill).unwrap().outlook, Outlook::LikelyFree);
    }

    #[test]
    fn an_insured_patient_under_a_high_costs_law_is_asked_not_promised() {
        // Trial 8 (jake): insured, a for-profit California hospital, 240% of
        // the guideline: "you may get a discount" and offers held back,
        // though the law reaches him only with high medical costs.
        let bill = hospital("CA", Answer3::No, Coverage::InNetwork, 2, 52_000);
        assert_eq!(assess(&bill).unwrap().outlook, Outlook::HighCostsOnly);
        // Uninsured, the same law reaches him.
        let bill = hospital("CA", Answer3::No, Coverage::SelfPay, 2, 52_000);
        assert_eq!(assess(&bill).unwrap().outlook, Outlook::SomeDiscount);
        // At a nonprofit, the hospital's own policy applies as before.
        let bill = hospital("NY", Answer3::Yes, Coverage::InNetwork, 4, 40_000);
        assert_eq!(assess(&bill).unwrap().outlook, Outlook::LikelyFree);
    }

    #[test]
    fn nonprofits_anywhere_and_the_typical_thresholds() {
        // 114% of the guideline, the example: likely free.
        let bill = hospital("TX", Answer3::Yes, Coverage::SelfPay, 3, 31_145);
        let help = assess(&bill).unwrap();
        assert_eq!(help.outlook, Outlook::LikelyFree);
        assert_eq!(help.percent, Some(Decimal::new(1140, 1)));
        let bill = hospital("TX", Answer3::Yes, Coverage::SelfPay, 1, 50_000);
        assert_eq!(assess(&bill).unwrap().outlook, Outlook::SomeDiscount);
        let bill = hospital("TX", Answer3::Yes, Coverage::SelfPay, 1, 80_000);
        assert_eq!(assess(&bill), None);
        let mut bill = hospital("TX", Answer3::NotSure, Coverage::SelfPay, 1, 0);
        bill.yearly_income = None;
        assert_eq!(assess(&bill).unwrap().outlook, Outlook::AskForApplication);
    }

    #[test]
    fn oregon_binds_nonprofits_only() {
        let bill = hospital("OR", Answer3::No, Coverage::SelfPay, 1, 20_000);
        assert_eq!(assess(&bill), None);
        let bill = hospital("OR", Answer3::Yes, Coverage::SelfPay, 1, 45_000);
        assert_eq!(assess(&bill).unwrap().outlook, Outlook::Discount { off: 75 });
    }

    #[test]
    fn medicaid_and_other_senders_get_no_application() {
        let bill = hospital("CA", Answer3::Yes, Coverage::Medicaid, 1, 10_000);
        assert_eq!(assess(&bill), None);
        let mut bill = hospital("CA", Answer3::Yes, Coverage::SelfPay, 1, 10_000);
        bill.sender = Some(BillSender::DoctorOffice);
        assert_eq!(assess(&bill), None);
    }
}
