//! Rules about the codes and lines themselves: duplicates, codes that do
//! not exist or were deleted, malformed modifiers, unbundling (a panel with
//! its own parts, several blood draws, an injection with a visit but no
//! modifier 25, the curated pairs), and implausible units.
//!
//! Every rule comes from `shared/design/domain-facts.md` section C (the
//! section is named on each rule) and the curated pairs in
//! `data/rules/coding-pairs.csv`. Each finding is a question about a line,
//! never an accusation: how sure it is says how to ask.
//!
//! Lines are compared within one *visit*: the same date of service, and the
//! same biller. On a hospital bill the professional fees (revenue codes
//! 096x–098x) are the doctors' side, and the rest the hospital's: the same
//! ER visit code once on each side is normal, not a duplicate (C3, C6).
//! Credits (negative amounts) and $0 lines are never findings.

use super::{Certainty, FindingKind, Proposal, Stake};
use crate::domain::bill::{Bill, ClaimStatus};
use crate::domain::line_items::{is_modifier, is_procedure_code, LineItem};
use crate::domain::reference::{CodeStatus, CodingPair, Reference};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::collections::{BTreeMap, HashMap, HashSet};

/// Modifiers that mark a repeat of the same code the same day as real
/// (C5): a distinct service (59 and its X forms), a repeated procedure
/// (76, 77), a repeated lab test (91).
const REPEAT_MODIFIERS: [&str; 8] = ["59", "XE", "XS", "XP", "XU", "76", "77", "91"];
/// Whether a modifier marks a real repeat (C5): 59, X{E,S,P,U}, 76, 77, 91.
fn is_repeat_mark(modifier: &str) -> bool {
    REPEAT_MODIFIERS.contains(&modifier.trim().to_ascii_uppercase().as_str())
}

/// Whether the statement prints modifiers, so that a missing one means
/// something. A repeat mark itself (76, 91, 59 …) does not count: adding a
/// properly marked repeat never makes another finding surer.
pub fn prints_modifiers(bill: &Bill) -> bool {
    bill.items.iter().any(|item| {
        item.modifiers
            .iter()
            .any(|m| !m.trim().is_empty() && !is_repeat_mark(m))
    })
}

/// "A distinct service": only one of them per line, never on a visit (C5).
const DISTINCT_MODIFIERS: [&str; 5] = ["59", "XE", "XS", "XP", "XU"];
/// "The same test run again later that day": the only repeat mark for labs
/// (C1 rule 5, C5).
const LAB_REPEAT: &str = "91";
/// "A separate exam beyond the procedure": goes on a visit only (C4, C5).
const SEPARATE_VISIT: &str = "25";

/// Modifiers that name a body site (left, right, both sides, fingers,
/// toes, eyelids, heart arteries): the same code on two sites is two
/// services, so lines with other sites are not compared as duplicates.
const SITE_MODIFIERS: [&str; 32] = [
    "LT", "RT", "50", "E1", "E2", "E3", "E4", "FA", "F1", "F2", "F3", "F4", "F5", "F6", "F7", "F8", "F9", "TA", "T1",
    "T2", "T3", "T4", "T5", "T6", "T7", "T8", "T9", "LC", "LD", "LM", "RC", "RI",
];

/// "Each additional" codes, billed again for each extra hour, drug or half
/// hour: the same code twice in a day is normal (C3, C4).
const ADD_ON_CODES: [&str; 7] = ["96361", "96366", "96367", "96368", "96375", "96376", "99292"];

/// Tests and tracings that are normally repeated hours apart in one visit:
/// troponin (serial tests after chest pain), lactate, glucose by meter and
/// blood gases, blood cultures (drawn in pairs from two sites), and ECG
/// tracings (C5 "91", C6 0730). A repeat of one is a question with no
/// dollars counted, never "an error".
const SERIAL_CODES: [&str; 12] = [
    "84484", "84512", "83605", "82962", "82803", "82805", "87040", "87070", "87076", "93000", "93005", "93010",
];

/// Therapy codes billed in 15-minute units (physical, occupational and
/// speech therapy, modalities with constant attendance): several lines of
/// the same code in a day are the minutes of one session, printed unit by
/// unit, never a duplicate.
const TIMED_CODES: [&str; 14] = [
    "97110", "97112", "97113", "97116", "97140", "97530", "97533", "97535", "97537", "97542", "97750", "97032",
    "97033", "97035",
];

/// Each "first" administration code with the add-on code the later ones
/// use instead (C4: one initial administration per encounter).
const INITIAL_TO_ADD_ON: [(&str, &str); 6] = [
    ("96360", "96361"),
    ("96365", "96366"),
    ("96369", "96370"),
    ("96374", "96375"),
    ("96409", "96411"),
    ("96413", "96415"),
];

/// Contrast agents (dye): gadolinium for MRI (A9575–A9579, Q9953) and
/// iodinated contrast for CT (Q9951, Q9958–Q9967), HCPCS Level II.
const CONTRAST_AGENT_CODES: [&str; 17] = [
    "A9575", "A9576", "A9577", "A9578", "A9579", "Q9951", "Q9953", "Q9958", "Q9959", "Q9960", "Q9961", "Q9962",
    "Q9963", "Q9964", "Q9965", "Q9966", "Q9967",
];
/// CT and MRI codes for a study without contrast (head, face, neck,
/// chest, spine, abdomen and pelvis, joints).
const WITHOUT_CONTRAST_CODES: [&str; 16] = [
    "70450", "70480", "70486", "70490", "70544", "70551", "71250", "72125", "72128", "72131", "72141", "72146",
    "72148", "73721", "74150", "74176",
];
/// CT and MRI codes for a study with contrast, or with and without.
const WITH_CONTRAST_CODES: [&str; 22] = [
    "70460", "70470", "70481", "70482", "70487", "70488", "70491", "70492", "70552", "70553", "71260", "71270",
    "71275", "72142", "72149", "72156", "72158", "73722", "73723", "74174", "74177", "74178",
];

/// Blood draw from a vein: one fee per encounter (C2).
const VENIPUNCTURE: &str = "36415";
/// Critical care, first 30–74 minutes: once per physician per date (C3, C8).
const CRITICAL_CARE: &str = "99291";
/// Observation, billed per hour (C3, C8).
const OBSERVATION_HOURS: &str = "G0378";
/// Hours of observation beyond which the count is worth a question.
const OBSERVATION_MAX_HOURS: u32 = 48;

/// The machine tags of `data/rules/coding-pairs.csv` this file reads.
mod tag {
    pub const PANEL_COMPONENT: &str = "panel_component_same_dos";
    pub const PANEL_IN_PANEL: &str = "panel_within_panel";
    pub const PANEL_OVERLAP: &str = "panel_overlap_soft";
    pub const VISIT_WITH_DRUG: &str = "em_with_drug_admin_same_day";
    pub const BRIEF_VISIT_WITH_DRUG: &str = "em_99211_not_with_drug_admin";
    pub const ONE_INITIAL: &str = "one_initial_admin_per_encounter";
    pub const HYDRATION_CONCURRENT: &str = "hydration_concurrent_with_infusion";
    pub const IV_ACCESS: &str = "iv_access_included";
}

/// The pair rules in the order they claim a pair of lines: the most
/// specific first, so 96365 + 96360 is "fluids with a drug drip", not "two
/// first treatments".
const PAIR_TAGS: [&str; 5] = [
    tag::IV_ACCESS,
    tag::HYDRATION_CONCURRENT,
    tag::BRIEF_VISIT_WITH_DRUG,
    tag::VISIT_WITH_DRUG,
    tag::ONE_INITIAL,
];

/// A problem with the codes on the bill. Line numbers are 0-based indexes
/// into `bill.items`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CodingIssue {
    /// The same code on the same day on identical lines (same units, same
    /// price), with no modifier that marks a real repeat (C5).
    Duplicate {
        code: String,
        date: Option<NaiveDate>,
        first: usize,
        repeats: Vec<usize>,
        doubt: RepeatDoubt,
    },
    /// The same code on the same day on several lines whose units or
    /// prices differ: one service cut in pieces, or a repeat.
    SplitService {
        code: String,
        date: Option<NaiveDate>,
        lines: Vec<usize>,
    },
    /// A code in none of our code lists (which may lag behind).
    UnknownCode { item: usize, code: String },
    /// A Level II code CMS retired before the date of service; `deleted` is
    /// its last valid day.
    DeletedCode {
        item: usize,
        code: String,
        deleted: NaiveDate,
    },
    /// A modifier that is misprinted, unknown, or used where it does not
    /// belong (C5).
    BadModifier {
        item: usize,
        modifier: String,
        problem: ModifierProblem,
    },
    /// Tests billed on their own the same day as a panel that includes them
    /// (C1 rule 1).
    PanelComponent {
        panel: usize,
        components: Vec<usize>,
        date: Option<NaiveDate>,
    },
    /// A smaller panel wholly inside a bigger one billed the same day (C1
    /// rule 2).
    PanelInPanel {
        panel: usize,
        inner: usize,
        date: Option<NaiveDate>,
    },
    /// Two panels that share almost all their tests (C1 rule 3); `other` is
    /// the one that adds little.
    PanelOverlap {
        panel: usize,
        other: usize,
        date: Option<NaiveDate>,
    },
    /// More than one blood-draw fee in one visit (C2).
    ExtraVenipuncture {
        date: Option<NaiveDate>,
        draws: u32,
        lines: Vec<usize>,
    },
    /// A visit billed with an injection or infusion the same day, without
    /// modifier 25 on the visit (C4).
    VisitWithInjection {
        visit: usize,
        shot: usize,
        date: Option<NaiveDate>,
        setting: VisitSetting,
    },
    /// One of the other curated pairs (C4): `extra` is the line that should
    /// not be billed as it is, `kept` the one it goes with.
    CodingPair {
        rule: PairRule,
        kept: usize,
        extra: usize,
        date: Option<NaiveDate>,
    },
    /// A contrast agent (dye) billed the same day as scans that are all
    /// described or coded as done without contrast (C6, 035x): `study` is
    /// the first such scan.
    ContrastWithoutDye {
        agent: usize,
        study: usize,
        date: Option<NaiveDate>,
    },
    /// Routine supplies (gauze, gloves, alcohol pads …) billed on their own
    /// lines on a hospital bill: normally part of the room or procedure
    /// charge (C6 supplies rule). A question, nothing counted.
    RoutineSupply { lines: Vec<usize> },
    /// More units on a line than a sourced limit allows (C8).
    TooManyUnits {
        item: usize,
        code: String,
        units: u32,
        limit: u32,
        reason: UnitLimit,
    },
}

/// Why a duplicate may still be real, which makes it a question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RepeatDoubt {
    /// Nothing: the same line twice.
    None,
    /// A drug or supply: a second dose the same day can be real.
    SecondDose,
    /// A test or tracing normally repeated hours apart in one visit
    /// (serial troponins, paired blood cultures, ECG tracings).
    Serial,
    /// A line carries this modifier, which does not mark a repeat of this
    /// kind of code (59 on a lab test, which takes 91; 25, which marks a
    /// separate exam, not a repeat).
    WrongModifier(String),
}

/// What is wrong with a modifier.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ModifierProblem {
    /// Not two letters or digits.
    Malformed,
    /// In neither our CPT list nor the HCPCS Level II list.
    Unknown,
    /// 25 on a line that is not a visit.
    VisitOnly,
    /// 59, X{E,S,P,U}, 76 or 77 on a visit.
    NotOnVisit,
    /// A second one of 59 / XE / XS / XP / XU on the same line.
    TwoDistinct,
    /// 76 or 77 on a lab test (a repeated test is marked 91).
    LabRepeat,
}

/// Where the visit of [`CodingIssue::VisitWithInjection`] took place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VisitSetting {
    /// ER visit 99281–99285.
    Emergency,
    /// Office visit 99202–99215.
    Office,
}

/// The curated pair rules of [`CodingIssue::CodingPair`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PairRule {
    /// Two "initial" drug or fluid administrations in one visit.
    OneInitialAdmin,
    /// A brief nurse visit (99211) with a drug administration.
    BriefVisitWithDrug,
    /// IV fluids at the same time as an IV drug drip.
    HydrationWithInfusion,
    /// Starting the IV billed apart from the IV fluids.
    IvStartIncluded,
}

/// The sourced unit limits of [`CodingIssue::TooManyUnits`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnitLimit {
    /// 99291: once per date; extra time is 99292.
    CriticalCare,
    /// A lab panel: 1 unit per line.
    Panel,
    /// G0378: units are hours.
    ObservationHours,
}

impl CodingIssue {
    /// A stable short name for the corpus and the dialogue keys.
    pub fn id(&self) -> &'static str {
        match self {
            CodingIssue::Duplicate { .. } => "duplicate",
            CodingIssue::SplitService { .. } => "split_service",
            CodingIssue::UnknownCode { .. } => "unknown_code",
            CodingIssue::DeletedCode { .. } => "deleted_code",
            CodingIssue::BadModifier { .. } => "bad_modifier",
            CodingIssue::PanelComponent { .. } => "panel_component",
            CodingIssue::PanelInPanel { .. } => "panel_in_panel",
            CodingIssue::PanelOverlap { .. } => "panel_overlap",
            CodingIssue::ExtraVenipuncture { .. } => "extra_venipuncture",
            CodingIssue::VisitWithInjection { .. } => "visit_with_injection",
            CodingIssue::CodingPair { .. } => "coding_pair",
            CodingIssue::TooManyUnits { .. } => "too_many_units",
            CodingIssue::ContrastWithoutDye { .. } => "contrast_without_dye",
            CodingIssue::RoutineSupply { .. } => "routine_supply",
        }
    }
}

/// Every coding finding this bill gives rise to.
pub fn propose(bill: &Bill, reference: &Reference, today: NaiveDate) -> Vec<Proposal> {
    let charges = lines(bill, |amount| amount > Decimal::ZERO);
    let credits = lines(bill, |amount| amount < Decimal::ZERO);
    let evidence = Evidence::of(bill);
    let mut proposals = duplicates(&charges, &credits, reference, evidence);
    proposals.extend(unknown_or_deleted_codes(&charges, bill, reference, today));
    proposals.extend(bad_modifiers(&charges, reference));
    proposals.extend(panels(&charges, reference, evidence));
    proposals.extend(venipunctures(&charges));
    proposals.extend(pairs(&charges, reference, evidence));
    proposals.extend(units(&charges, reference));
    proposals.extend(contrast_without_dye(&charges, reference));
    proposals.extend(routine_supplies(bill, &charges, reference));
    proposals
}

/// What the bill as a whole says about how far a missing modifier counts.
///
/// Patient statements rarely print modifiers: when no line shows one (other
/// than a repeat mark), "no
/// 91 / 76 / 59 on the repeat" says nothing, and a repeat is one step less
/// sure than on a bill that prints them. An insurer's payment of the visit
/// (an EOB with the plan paying) means the claim carried the modifier the
/// visit needed (C4: the visit is paid only with 25).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Evidence {
    /// Some line on the bill prints a modifier.
    shows_modifiers: bool,
    /// The insurer processed the claim and paid part of it.
    plan_paid: bool,
}

impl Evidence {
    fn of(bill: &Bill) -> Evidence {
        Evidence {
            shows_modifiers: prints_modifiers(bill),
            plan_paid: bill.claim == Some(ClaimStatus::PaidPart)
                && bill.eob.plan_paid.is_some_and(|paid| paid > Decimal::ZERO),
        }
    }

    /// How sure a repeat without a repeat modifier is an error: `printed`
    /// when the bill prints modifiers, one step less when it does not.
    fn missing_modifier(self, printed: Certainty) -> Certainty {
        match (self.shows_modifiers, printed) {
            (true, certainty) => certainty,
            (false, Certainty::Certain) => Certainty::Likely,
            (false, _) => Certainty::WorthAsking,
        }
    }
}

/// One line item as the rules read it: code and modifiers upper-cased.
struct Line<'a> {
    index: usize,
    item: &'a LineItem,
    code: String,
    modifiers: Vec<String>,
    visit: Visit,
}

/// Lines billed together: the same date and the same biller (the
/// hospital, or the doctors' professional fees on its bill).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
struct Visit {
    date: Option<NaiveDate>,
    professional: bool,
}

impl Line<'_> {
    fn has(&self, modifier: &str) -> bool {
        self.modifiers.iter().any(|m| m == modifier)
    }

    fn has_any(&self, modifiers: &[impl AsRef<str>]) -> bool {
        modifiers.iter().any(|m| self.has(m.as_ref()))
    }

    /// A lab test: a CPT 8xxxx or PLA (xxxxU) code, or a lab revenue code
    /// (030x, 031x).
    fn is_lab(&self) -> bool {
        let code = self.code.as_bytes();
        let lab_code = code.len() == 5
            && ((code[0] == b'8' && code.iter().all(u8::is_ascii_digit))
                || (code[..4].iter().all(u8::is_ascii_digit) && code[4] == b'U'));
        lab_code || self.revenue_starts_with(&["030", "031"])
    }

    /// A drug or supply, which can be given more than once a day: a J code,
    /// or pharmacy, supply or drug revenue codes (025x, 027x, 063x).
    fn is_dose(&self) -> bool {
        self.code.starts_with('J') || self.revenue_starts_with(&["025", "027", "063"])
    }

    /// The body sites the line's modifiers name, sorted.
    fn sites(&self) -> Vec<&str> {
        let mut sites: Vec<&str> = self
            .modifiers
            .iter()
            .map(String::as_str)
            .filter(|m| SITE_MODIFIERS.contains(m))
            .collect();
        sites.sort_unstable();
        sites
    }

    fn revenue_starts_with(&self, prefixes: &[&str]) -> bool {
        self.item
            .revenue_code
            .as_deref()
            .is_some_and(|rev| prefixes.iter().any(|p| rev.starts_with(p)))
    }

    fn amount(&self) -> Decimal {
        self.item.amount
    }

    fn units(&self) -> u32 {
        self.item.units.max(1)
    }
}

/// The lines whose amount passes `keep`, read for the rules.
fn lines(bill: &Bill, keep: impl Fn(Decimal) -> bool) -> Vec<Line<'_>> {
    bill.items
        .iter()
        .enumerate()
        .filter(|(_, item)| keep(item.amount))
        .map(|(index, item)| Line {
            index,
            item,
            code: item.code.as_deref().unwrap_or("").trim().to_ascii_uppercase(),
            modifiers: item.modifiers.iter().map(|m| m.trim().to_ascii_uppercase()).collect(),
            visit: Visit {
                date: item.date,
                professional: item
                    .revenue_code
                    .as_deref()
                    .is_some_and(|rev| ["096", "097", "098"].iter().any(|p| rev.starts_with(p))),
            },
        })
        .collect()
}

/// The lines of a visit by code, so a rule finds "the other line with code
/// X" without scanning the whole visit (bills run to hundreds of lines).
fn by_code<'l, 'a>(lines: &[&'l Line<'a>]) -> HashMap<&'l str, Vec<&'l Line<'a>>> {
    let mut codes: HashMap<&str, Vec<&Line>> = HashMap::new();
    for line in lines {
        codes.entry(line.code.as_str()).or_default().push(line);
    }
    codes
}

/// The lines of each visit, in bill order.
fn by_visit<'l, 'a>(lines: impl IntoIterator<Item = &'l Line<'a>>) -> BTreeMap<Visit, Vec<&'l Line<'a>>>
where
    'a: 'l,
{
    let mut visits: BTreeMap<Visit, Vec<&Line>> = BTreeMap::new();
    for line in lines {
        visits.entry(line.visit).or_default().push(line);
    }
    visits
}

fn proposal(issue: CodingIssue, mut items: Vec<usize>, certainty: Certainty, stake: Stake) -> Proposal {
    items.sort_unstable();
    items.dedup();
    Proposal {
        kind: FindingKind::Coding(issue),
        items,
        certainty,
        stake,
    }
}

/// A question counts no dollars (ARCHITECTURE.md, "Confidence per rule");
/// a likely or certain finding counts `stake`.
fn asked_or(certainty: Certainty, stake: Stake) -> Stake {
    if certainty == Certainty::WorthAsking {
        Stake::Nothing
    } else {
        stake
    }
}

/// Lines without a date may be on different days: one step less sure.
fn dated(date: Option<NaiveDate>, certainty: Certainty) -> Certainty {
    match (date, certainty) {
        (Some(_), certainty) => certainty,
        (None, Certainty::Certain) => Certainty::Likely,
        (None, _) => Certainty::WorthAsking,
    }
}

/// The part of a line's amount for `extra` of its units, to the cent.
fn share(line: &Line, extra: u32) -> Decimal {
    (line.amount() * Decimal::from(extra) / Decimal::from(line.units())).round_dp(2)
}

/// Duplicates and split services (C5 "duplicate-line logic"): lines with
/// the same code in the same visit, less those a repeat modifier explains
/// and those a credit reverses. Identical lines are a duplicate; lines
/// with other units or prices look like one service split (a question).
/// Codes with their own repeat rule (36415, one initial administration)
/// and "each additional" codes are left to those rules.
fn duplicates(lines: &[Line], credits: &[Line], reference: &Reference, evidence: Evidence) -> Vec<Proposal> {
    let mut groups: BTreeMap<(&str, Visit, Vec<&str>), Vec<&Line>> = BTreeMap::new();
    for line in lines.iter().filter(|line| is_procedure_code(&line.code)) {
        if ADD_ON_CODES.contains(&line.code.as_str())
            || TIMED_CODES.contains(&line.code.as_str())
            || reference.pairs_for(&line.code).any(|pair| pair.code_b == line.code)
        {
            continue;
        }
        groups
            .entry((&line.code, line.visit, line.sites()))
            .or_default()
            .push(line);
    }
    groups
        .into_iter()
        .filter_map(|((code, visit, _), group)| duplicate_group(code, visit, group, credits, evidence))
        .collect()
}

/// One code's lines in one visit: a duplicate, a split service, or fine.
///
/// Calibration (ARCHITECTURE.md, "Confidence per rule"): identical lines
/// are "an error" only when the bill prints modifiers (so a real repeat
/// would show 76, 77 or 91) and the code is not one normally repeated; a
/// lab test on a bill without modifiers may be a recheck later that day
/// (a question, nothing counted); serial tests and tracings are always a
/// question with nothing counted.
fn duplicate_group(
    code: &str,
    visit: Visit,
    group: Vec<&Line>,
    credits: &[Line],
    evidence: Evidence,
) -> Option<Proposal> {
    let lab = group[0].is_lab();
    let marks_repeat = |line: &Line| {
        if lab {
            line.has(LAB_REPEAT)
        } else {
            line.has_any(&REPEAT_MODIFIERS)
        }
    };
    let mut open: Vec<&Line> = group.into_iter().filter(|line| !marks_repeat(line)).collect();
    for credit in credits
        .iter()
        .filter(|credit| credit.code == code && credit.visit == visit)
    {
        if let Some(at) = open.iter().rposition(|line| line.amount() == -credit.amount()) {
            open.remove(at);
        }
    }
    let (first, rest) = open.split_first()?;
    if rest.is_empty() {
        return None;
    }
    let repeats: Vec<usize> = rest.iter().map(|line| line.index).collect();
    let all: Vec<usize> = open.iter().map(|line| line.index).collect();
    let identical = rest
        .iter()
        .all(|line| line.units() == first.units() && line.amount() == first.amount());
    if !identical {
        if first.is_dose() {
            return None;
        }
        let issue = CodingIssue::SplitService {
            code: code.to_string(),
            date: visit.date,
            lines: all.clone(),
        };
        return Some(proposal(issue, all, Certainty::WorthAsking, Stake::Nothing));
    }
    let wrong_modifier = open
        .iter()
        .flat_map(|line| line.modifiers.iter())
        .find(|m| m.as_str() == SEPARATE_VISIT || REPEAT_MODIFIERS.contains(&m.as_str()));
    let doubt = match wrong_modifier {
        _ if first.is_dose() => RepeatDoubt::SecondDose,
        _ if SERIAL_CODES.contains(&code) => RepeatDoubt::Serial,
        Some(modifier) => RepeatDoubt::WrongModifier(modifier.clone()),
        None => RepeatDoubt::None,
    };
    let certainty = match doubt {
        RepeatDoubt::None if lab => evidence.missing_modifier(dated(visit.date, Certainty::Likely)),
        RepeatDoubt::None => evidence.missing_modifier(dated(visit.date, Certainty::Certain)),
        _ => Certainty::WorthAsking,
    };
    let stake = asked_or(certainty, Stake::Items(repeats.clone()));
    let issue = CodingIssue::Duplicate {
        code: code.to_string(),
        date: visit.date,
        first: first.index,
        repeats: repeats.clone(),
        doubt,
    };
    Some(proposal(issue, all, certainty, stake))
}

/// Codes in none of our lists, or retired before the date of service
/// (Certain, the line at stake). A five-digit CPT code in none of our
/// lists is Likely wrong (a misprint, the hospital's own charge number):
/// those lists hold every current CPT number, but may lag. Other codes
/// (HCPCS Level II, CPT category II/III, lab PLA codes) are only a
/// question, with nothing counted: codes some insurers and Medicaid use
/// (S, H, T codes) are not in Medicare's files, nor are some current
/// drug codes. Revenue codes are not procedure codes and are not looked
/// up.
fn unknown_or_deleted_codes(lines: &[Line], bill: &Bill, reference: &Reference, today: NaiveDate) -> Vec<Proposal> {
    lines
        .iter()
        .filter(|line| is_procedure_code(&line.code))
        .filter_map(|line| {
            let item = line.index;
            match reference.code_status(&line.code, today) {
                CodeStatus::Active => None,
                CodeStatus::NotFound => {
                    let issue = CodingIssue::UnknownCode {
                        item,
                        code: line.code.clone(),
                    };
                    Some(if line.code.bytes().all(|b| b.is_ascii_digit()) {
                        proposal(issue, vec![item], Certainty::Likely, Stake::Items(vec![item]))
                    } else {
                        proposal(issue, vec![item], Certainty::WorthAsking, Stake::Nothing)
                    })
                }
                CodeStatus::Deleted(deleted) => {
                    let certainty = match line.item.date.or(bill.service_date) {
                        Some(service) if service <= deleted => return None,
                        Some(_) => Certainty::Certain,
                        None => Certainty::Likely,
                    };
                    let issue = CodingIssue::DeletedCode {
                        item,
                        code: line.code.clone(),
                        deleted,
                    };
                    Some(proposal(issue, vec![item], certainty, Stake::Items(vec![item])))
                }
            }
        })
        .collect()
}

/// An E/M visit code (99202–99499): where 25 goes, and where 59, the X
/// modifiers, 76 and 77 never go (C5).
fn is_visit_code(code: &str) -> bool {
    code.len() == 5 && code.parse::<u32>().is_ok_and(|n| (99202..=99499).contains(&n))
}

/// Codes that may carry 25: visits, eye exams (92002–92014) and the
/// hospital clinic visit G0463.
fn takes_modifier_25(code: &str) -> bool {
    is_visit_code(code) || code == "G0463" || code.parse::<u32>().is_ok_and(|n| (92002..=92014).contains(&n))
}

/// Modifiers that cannot be right (misprinted: Likely) or are worth a
/// question (unknown, or used where C5 says they do not belong). No money
/// is at stake: a wrong modifier changes how a line is paid, not whether.
fn bad_modifiers(lines: &[Line], reference: &Reference) -> Vec<Proposal> {
    let mut proposals = Vec::new();
    for line in lines {
        for (position, modifier) in line.modifiers.iter().enumerate() {
            let m = modifier.as_str();
            let problem = if !is_modifier(m) {
                ModifierProblem::Malformed
            } else if !reference.is_known_modifier(m) {
                ModifierProblem::Unknown
            } else if m == SEPARATE_VISIT && !line.code.is_empty() && !takes_modifier_25(&line.code) {
                ModifierProblem::VisitOnly
            } else if is_visit_code(&line.code) && (DISTINCT_MODIFIERS.contains(&m) || m == "76" || m == "77") {
                ModifierProblem::NotOnVisit
            } else if line.is_lab() && (m == "76" || m == "77") {
                ModifierProblem::LabRepeat
            } else if DISTINCT_MODIFIERS.contains(&m)
                && line.modifiers[..position]
                    .iter()
                    .any(|p| DISTINCT_MODIFIERS.contains(&p.as_str()))
            {
                ModifierProblem::TwoDistinct
            } else {
                continue;
            };
            let certainty = if problem == ModifierProblem::Malformed {
                Certainty::Likely
            } else {
                Certainty::WorthAsking
            };
            let issue = CodingIssue::BadModifier {
                item: line.index,
                modifier: modifier.clone(),
                problem,
            };
            proposals.push(proposal(issue, vec![line.index], certainty, Stake::Nothing));
        }
    }
    proposals
}

/// Lab panels billed with their own tests, a smaller panel inside a bigger
/// one, and heavily overlapping panels, in one visit (C1 rules 1–3, pairs
/// from the CSV). Only 91 (a later re-run) excuses a test or a panel: the
/// CSV's "59 not accepted" is not a modifier that allows (C1 rule 5). Each
/// line is questioned once, under the first panel that includes it.
///
/// Calibration: a component (or a smaller panel) may be a recheck later
/// that day, marked 91 on the claim even when the statement prints no
/// modifiers. So it is Likely (the line at stake) on a bill that prints
/// modifiers, and a question with nothing counted on one that does not;
/// never "an error".
fn panels(lines: &[Line], reference: &Reference, evidence: Evidence) -> Vec<Proposal> {
    let certainty = |date| evidence.missing_modifier(dated(date, Certainty::Likely));
    let mut proposals = Vec::new();
    let mut claimed: HashSet<usize> = HashSet::new();
    for (visit, visit_lines) in by_visit(lines) {
        let codes = by_code(&visit_lines);
        for panel in &visit_lines {
            let mut components = Vec::new();
            for pair in reference.pairs_for(&panel.code) {
                let tag = pair.tag.as_str();
                if ![tag::PANEL_COMPONENT, tag::PANEL_IN_PANEL, tag::PANEL_OVERLAP].contains(&tag) {
                    continue;
                }
                for other in codes.get(pair.code_b.as_str()).into_iter().flatten() {
                    if other.index == panel.index || other.has(LAB_REPEAT) || claimed.contains(&other.index) {
                        continue;
                    }
                    claimed.insert(other.index);
                    let (panel, other, date) = (panel.index, other.index, visit.date);
                    match tag {
                        tag::PANEL_COMPONENT => components.push(other),
                        tag::PANEL_IN_PANEL => proposals.push(proposal(
                            CodingIssue::PanelInPanel {
                                panel,
                                inner: other,
                                date,
                            },
                            vec![panel, other],
                            certainty(date),
                            asked_or(certainty(date), Stake::Items(vec![other])),
                        )),
                        _ => proposals.push(proposal(
                            CodingIssue::PanelOverlap { panel, other, date },
                            vec![panel, other],
                            Certainty::WorthAsking,
                            Stake::Nothing,
                        )),
                    }
                }
            }
            if !components.is_empty() {
                let mut items = components.clone();
                items.push(panel.index);
                proposals.push(proposal(
                    CodingIssue::PanelComponent {
                        panel: panel.index,
                        components: components.clone(),
                        date: visit.date,
                    },
                    items,
                    certainty(visit.date),
                    asked_or(certainty(visit.date), Stake::Items(components)),
                ));
            }
        }
    }
    proposals
}

/// More than one blood-draw fee (36415) in one visit, by units or by lines
/// (C2: one collection fee per encounter, however many tubes or sticks).
/// Units above 1 on one line are likely wrong (C2: several draws in one
/// encounter are billed as one unit). Separate lines are a question with
/// nothing counted: a repeat can be normal (another encounter that day, or
/// another type of specimen: C2 allows one fee "for each type of specimen
/// for each patient encounter"), and a statement rarely shows which.
fn venipunctures(lines: &[Line]) -> Vec<Proposal> {
    let draws = lines.iter().filter(|line| line.code == VENIPUNCTURE);
    let mut proposals = Vec::new();
    for (visit, group) in by_visit(draws) {
        let count: u32 = group.iter().map(|line| line.units()).sum();
        if count <= 1 {
            continue;
        }
        let certainty = if group.len() > 1 {
            Certainty::WorthAsking
        } else {
            dated(visit.date, Certainty::Likely)
        };
        let stake = match group.as_slice() {
            [only] => Stake::PartOfItem {
                item: only.index,
                amount: share(only, count - 1),
            },
            [_, rest @ ..] => Stake::Items(rest.iter().map(|line| line.index).collect()),
            [] => continue,
        };
        let stake = asked_or(certainty, stake);
        let all: Vec<usize> = group.iter().map(|line| line.index).collect();
        let issue = CodingIssue::ExtraVenipuncture {
            date: visit.date,
            draws: count,
            lines: all.clone(),
        };
        proposals.push(proposal(issue, all, certainty, stake));
    }
    proposals
}

/// The drug-administration pairs of C4, by their CSV tags, in one visit.
/// A pair of lines is questioned once (under the first rule in
/// [`PAIR_TAGS`]) and a line is the "extra" of one finding at most.
fn pairs(lines: &[Line], reference: &Reference, evidence: Evidence) -> Vec<Proposal> {
    let mut proposals = Vec::new();
    for (visit, visit_lines) in by_visit(lines) {
        let codes = by_code(&visit_lines);
        let mut seen: HashSet<(usize, usize)> = HashSet::new();
        let mut questioned: HashSet<usize> = HashSet::new();
        for tag in PAIR_TAGS {
            for a in &visit_lines {
                for pair in reference.pairs_for(&a.code).filter(|pair| pair.tag == tag) {
                    for b in codes
                        .get(pair.code_b.as_str())
                        .into_iter()
                        .flatten()
                        .filter(|b| b.index != a.index)
                    {
                        let key = (a.index.min(b.index), a.index.max(b.index));
                        if seen.contains(&key) || pair_allowed(pair, a, b) {
                            continue;
                        }
                        let context = PairContext {
                            date: visit.date,
                            codes: &codes,
                            reference,
                            evidence,
                        };
                        let Some((found, extra)) = pair_proposal(tag, a, b, &context) else {
                            continue;
                        };
                        if questioned.insert(extra) {
                            seen.insert(key);
                            proposals.push(found);
                        }
                    }
                }
            }
        }
    }
    proposals
}

/// The CSV's modifiers make the pair legitimate: 25 on the visit itself
/// for a visit with a drug (C4), any listed modifier on either line
/// otherwise.
fn pair_allowed(pair: &CodingPair, a: &Line, b: &Line) -> bool {
    if pair.tag == tag::VISIT_WITH_DRUG {
        a.has_any(&pair.modifiers_allowing)
    } else {
        a.has_any(&pair.modifiers_allowing) || b.has_any(&pair.modifiers_allowing)
    }
}

/// What a pair rule reads besides its two lines.
struct PairContext<'c, 'l, 'a> {
    date: Option<NaiveDate>,
    /// The visit's lines by code (an add-on line's price).
    codes: &'c HashMap<&'l str, Vec<&'l Line<'a>>>,
    reference: &'c Reference,
    evidence: Evidence,
}

/// The finding for lines `a` and `b` of a pair under `tag`, and the line
/// it questions; `None` when the evidence clears the pair.
fn pair_proposal(tag: &str, a: &Line, b: &Line, context: &PairContext) -> Option<(Proposal, usize)> {
    let date = context.date;
    let coding_pair = |rule, kept: &Line, extra: &Line, certainty, stake| {
        let issue = CodingIssue::CodingPair {
            rule,
            kept: kept.index,
            extra: extra.index,
            date,
        };
        let certainty = dated(date, certainty);
        let found = proposal(
            issue,
            vec![kept.index, extra.index],
            certainty,
            asked_or(certainty, stake),
        );
        Some((found, extra.index))
    };
    match tag {
        // C4, [V]: the visit is paid only with a separate exam (25).
        // Statements rarely print 25, and a sick visit with a shot is
        // usually a real, separate exam: a question with nothing counted,
        // in the office as in the ER. When the insurer paid the claim, the
        // visit carried 25: no finding.
        tag::VISIT_WITH_DRUG => {
            if context.evidence.plan_paid {
                return None;
            }
            let setting = if a.code.starts_with("9928") {
                VisitSetting::Emergency
            } else {
                VisitSetting::Office
            };
            let issue = CodingIssue::VisitWithInjection {
                visit: a.index,
                shot: b.index,
                date,
                setting,
            };
            let found = proposal(issue, vec![a.index, b.index], Certainty::WorthAsking, Stake::Nothing);
            Some((found, a.index))
        }
        // C4, [S] payer policy: 99211 is not billed with a drug administration.
        tag::BRIEF_VISIT_WITH_DRUG => coding_pair(
            PairRule::BriefVisitWithDrug,
            b,
            a,
            Certainty::WorthAsking,
            Stake::Nothing,
        ),
        // C4, [S]: fluids at the same time as a drug drip are not billed.
        tag::HYDRATION_CONCURRENT => coding_pair(
            PairRule::HydrationWithInfusion,
            a,
            b,
            Certainty::WorthAsking,
            Stake::Nothing,
        ),
        // C4, [S]: the IV start is part of IV fluids.
        tag::IV_ACCESS => coding_pair(PairRule::IvStartIncluded, a, b, Certainty::WorthAsking, Stake::Nothing),
        // C4, [V]: one initial administration per visit; the others are
        // add-ons. The cheaper line (the later one at equal prices) is the
        // one to re-code, and the saving is its gap to the add-on price,
        // not the whole line.
        _ => {
            let (kept, extra) = if b.amount() < a.amount() || (b.amount() == a.amount() && b.index > a.index) {
                (a, b)
            } else {
                (b, a)
            };
            let stake = add_on_gap(extra, context).map_or(Stake::Nothing, |gap| Stake::PartOfItem {
                item: extra.index,
                amount: gap,
            });
            coding_pair(PairRule::OneInitialAdmin, kept, extra, Certainty::Likely, stake)
        }
    }
}

/// What re-coding a second "first" administration as its add-on saves:
/// the line less the add-on's price, taken from an add-on line in the same
/// visit when there is one, else from the ratio of Medicare's rates for
/// the two codes (physician schedule, which prices both). `None` when
/// neither is known.
fn add_on_gap(extra: &Line, context: &PairContext) -> Option<Decimal> {
    let add_on = INITIAL_TO_ADD_ON
        .iter()
        .find(|(initial, _)| *initial == extra.code)
        .map(|(_, add_on)| *add_on)?;
    let units = Decimal::from(extra.units());
    let per_unit = match context.codes.get(add_on).and_then(|lines| lines.first()) {
        Some(line) => line.amount() / Decimal::from(line.units()),
        None => {
            let initial = context.reference.physician_rate(&extra.code)?;
            let add_on = context.reference.physician_rate(add_on)?;
            if initial <= Decimal::ZERO {
                return None;
            }
            extra.amount() / units * add_on / initial
        }
    };
    let gap = (extra.amount() - per_unit * units).round_dp(2);
    (gap > Decimal::ZERO).then_some(gap)
}

/// A contrast agent (by code, or by its words on an uncoded line) billed
/// the same day as scans all described or coded "without contrast" (C6,
/// 035x: contrast billed with a "without" study). Likely (a description
/// can be loose), the agent's line at stake. Days with no scan, or with
/// any scan done with contrast, give nothing.
fn contrast_without_dye(lines: &[Line], reference: &Reference) -> Vec<Proposal> {
    use crate::domain::line_words::LineKind;
    let says = |line: &Line, kind| reference.described_as(&line.item.description, kind);
    let is_agent = |line: &Line| {
        CONTRAST_AGENT_CODES.contains(&line.code.as_str())
            || (line.code.is_empty() && says(line, LineKind::ContrastAgent))
    };
    let with = |line: &Line| WITH_CONTRAST_CODES.contains(&line.code.as_str()) || says(line, LineKind::WithContrast);
    let without = |line: &Line| {
        !with(line) && (WITHOUT_CONTRAST_CODES.contains(&line.code.as_str()) || says(line, LineKind::WithoutContrast))
    };
    if !lines.iter().any(is_agent) {
        return Vec::new();
    }
    let mut by_date: BTreeMap<Option<NaiveDate>, Vec<&Line>> = BTreeMap::new();
    for line in lines {
        by_date.entry(line.visit.date).or_default().push(line);
    }
    let mut proposals = Vec::new();
    for (date, day) in by_date {
        let studies: Vec<&&Line> = day
            .iter()
            .filter(|line| !is_agent(line) && (with(line) || without(line)))
            .collect();
        let Some(study) = studies.first() else {
            continue;
        };
        if studies.iter().any(|line| with(line)) {
            continue;
        }
        for agent in day.iter().filter(|line| is_agent(line)) {
            let issue = CodingIssue::ContrastWithoutDye {
                agent: agent.index,
                study: study.index,
                date,
            };
            proposals.push(proposal(
                issue,
                vec![agent.index, study.index],
                dated(date, Certainty::Likely),
                Stake::Items(vec![agent.index]),
            ));
        }
    }
    proposals
}

/// Routine supplies billed apart on a hospital bill (one with revenue
/// codes, or from a hospital), recognised by their words on lines with no
/// procedure code or a supply code (A4xxx), and no revenue code or a
/// supply one (027x). C6: "may be a routine supply normally included in
/// the room or procedure charge — ask the hospital to justify it"; never
/// called illegal. A question with nothing counted.
fn routine_supplies(bill: &Bill, lines: &[Line], reference: &Reference) -> Vec<Proposal> {
    use crate::domain::line_words::LineKind;
    let hospital = bill.sender == Some(crate::domain::bill::BillSender::Hospital)
        || bill.items.iter().any(|item| item.revenue_code.is_some());
    if !hospital {
        return Vec::new();
    }
    let supplies: Vec<usize> = lines
        .iter()
        .filter(|line| line.code.is_empty() || line.code.starts_with("A4"))
        .filter(|line| line.item.revenue_code.is_none() || line.revenue_starts_with(&["027"]))
        .filter(|line| reference.described_as(&line.item.description, LineKind::RoutineSupply))
        .map(|line| line.index)
        .collect();
    if supplies.is_empty() {
        return Vec::new();
    }
    let issue = CodingIssue::RoutineSupply {
        lines: supplies.clone(),
    };
    vec![proposal(issue, supplies, Certainty::WorthAsking, Stake::Nothing)]
}

/// Units above a sourced limit (C8): 99291 once per date (C3), a lab
/// panel 1 unit per line, G0378 counted in hours (more than 48 is a
/// question). 36415 is left to [`venipunctures`]. The share of the amount
/// for the extra units is at stake.
fn units(lines: &[Line], reference: &Reference) -> Vec<Proposal> {
    let panel_codes: HashSet<&str> = reference
        .pairs()
        .iter()
        .filter(|pair| pair.tag == tag::PANEL_COMPONENT && pair.code_a.starts_with("80"))
        .map(|pair| pair.code_a.as_str())
        .collect();
    lines
        .iter()
        .filter_map(|line| {
            let (limit, reason, certainty) = match line.code.as_str() {
                CRITICAL_CARE => (1, UnitLimit::CriticalCare, Certainty::Likely),
                OBSERVATION_HOURS => (
                    OBSERVATION_MAX_HOURS,
                    UnitLimit::ObservationHours,
                    Certainty::WorthAsking,
                ),
                code if panel_codes.contains(code) => (1, UnitLimit::Panel, Certainty::Likely),
                _ => return None,
            };
            let units = line.units();
            if units <= limit {
                return None;
            }
            let issue = CodingIssue::TooManyUnits {
                item: line.index,
                code: line.code.clone(),
                units,
                limit,
                reason,
            };
            let stake = Stake::PartOfItem {
                item: line.index,
                amount: share(line, units - limit),
            };
            Some(proposal(issue, vec![line.index], certainty, stake))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;
    use std::sync::OnceLock;

    fn reference() -> &'static Reference {
        static REFERENCE: OnceLock<Reference> = OnceLock::new();
        REFERENCE.get_or_init(|| Reference::embedded().unwrap())
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 28).unwrap()
    }

    fn day(d: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(2026, 3, d)
    }

    fn money(text: &str) -> Decimal {
        Decimal::from_str(text).unwrap()
    }

    /// A line on Mar 14 with a code and an amount.
    fn line(code: &str, amount: &str) -> LineItem {
        LineItem {
            date: day(14),
            revenue_code: None,
            code: Some(code.to_string()),
            modifiers: Vec::new(),
            description: format!("item {code}"),
            units: 1,
            amount: money(amount),
        }
    }

    fn with(mut item: LineItem, modifiers: &[&str]) -> LineItem {
        item.modifiers = modifiers.iter().map(|m| m.to_string()).collect();
        item
    }

    fn qty(mut item: LineItem, units: u32) -> LineItem {
        item.units = units;
        item
    }

    fn on(mut item: LineItem, date: Option<NaiveDate>) -> LineItem {
        item.date = date;
        item
    }

    fn revenue(mut item: LineItem, code: &str) -> LineItem {
        item.revenue_code = Some(code.to_string());
        item
    }

    /// The lines plus a last one that prints a modifier (a right-side
    /// X-ray, which raises nothing): a bill that shows modifiers, where a
    /// missing repeat modifier counts.
    fn printed(mut items: Vec<LineItem>) -> Vec<LineItem> {
        items.push(on(
            with(line("73610", "90.00"), &["RT"]),
            NaiveDate::from_ymd_opt(2026, 1, 2),
        ));
        items
    }

    fn run(items: Vec<LineItem>) -> Vec<Proposal> {
        propose(
            &Bill {
                items,
                ..Bill::default()
            },
            reference(),
            today(),
        )
    }

    fn issue(proposal: &Proposal) -> &CodingIssue {
        match &proposal.kind {
            FindingKind::Coding(issue) => issue,
            other => panic!("not a coding finding: {other:?}"),
        }
    }

    fn ids(proposals: &[Proposal]) -> Vec<&'static str> {
        proposals.iter().map(|p| issue(p).id()).collect()
    }

    fn only<'a>(proposals: &'a [Proposal], id: &str) -> &'a Proposal {
        let found: Vec<_> = proposals.iter().filter(|p| issue(p).id() == id).collect();
        assert_eq!(found.len(), 1, "one {id} in {:?}", ids(proposals));
        found[0]
    }

    #[test]
    fn the_same_line_twice_is_a_duplicate_with_the_repeat_at_stake() {
        let found = run(printed(vec![
            line("71046", "142.00"),
            line("99283", "480.00"),
            line("71046", "142.00"),
        ]));
        assert_eq!(ids(&found), ["duplicate"]);
        let duplicate = &found[0];
        assert_eq!(duplicate.items, [0, 2]);
        assert_eq!(duplicate.certainty, Certainty::Certain);
        assert_eq!(duplicate.stake, Stake::Items(vec![2]));
        assert_eq!(
            issue(duplicate),
            &CodingIssue::Duplicate {
                code: "71046".into(),
                date: day(14),
                first: 0,
                repeats: vec![2],
                doubt: RepeatDoubt::None
            }
        );
        // A statement that prints no modifiers: likely, not certain.
        let unprinted = run(vec![line("71046", "142.00"), line("71046", "142.00")]);
        let duplicate = only(&unprinted, "duplicate");
        assert_eq!(
            (duplicate.certainty, &duplicate.stake),
            (Certainty::Likely, &Stake::Items(vec![1]))
        );
        // A lab test may be a recheck later that day: likely where modifiers
        // show, a question with nothing counted where they do not.
        let lab = run(printed(vec![line("85025", "142.00"), line("85025", "142.00")]));
        assert_eq!(only(&lab, "duplicate").certainty, Certainty::Likely);
        let lab = run(vec![line("85025", "142.00"), line("85025", "142.00")]);
        let duplicate = only(&lab, "duplicate");
        assert_eq!(
            (duplicate.certainty, &duplicate.stake),
            (Certainty::WorthAsking, &Stake::Nothing)
        );
    }

    #[test]
    fn serial_tests_tracings_and_therapy_units_are_never_an_error() {
        for code in ["84484", "87040", "93005", "93010", "83605"] {
            let found = run(printed(vec![line(code, "60.00"), line(code, "60.00")]));
            let duplicate = only(&found, "duplicate");
            assert_eq!(
                (duplicate.certainty, &duplicate.stake),
                (Certainty::WorthAsking, &Stake::Nothing),
                "{code}"
            );
            assert!(matches!(
                issue(duplicate),
                CodingIssue::Duplicate {
                    doubt: RepeatDoubt::Serial,
                    ..
                }
            ));
        }
        // Physical therapy printed 15 minutes a line: no finding.
        assert!(run(printed(vec![
            line("97110", "75.00"),
            line("97110", "75.00"),
            line("97110", "75.00")
        ]))
        .is_empty());
    }

    #[test]
    fn duplicates_without_dates_are_likely_and_other_days_are_not_duplicates() {
        let found = run(printed(vec![
            on(line("71046", "90.00"), None),
            on(line("71046", "90.00"), None),
        ]));
        assert_eq!(only(&found, "duplicate").certainty, Certainty::Likely);
        assert!(run(vec![line("71046", "90.00"), on(line("71046", "90.00"), day(15))]).is_empty());
        // One dated line and one undated line are not compared.
        assert!(run(vec![line("71046", "90.00"), on(line("71046", "90.00"), None)]).is_empty());
    }

    #[test]
    fn repeat_modifiers_make_a_repeat_legitimate() {
        assert!(run(vec![line("71046", "90.00"), with(line("71046", "90.00"), &["76"])]).is_empty());
        assert!(run(vec![line("71046", "90.00"), with(line("71046", "90.00"), &["77"])]).is_empty());
        assert!(run(vec![line("85025", "40.00"), with(line("85025", "40.00"), &["91"])]).is_empty());
        assert!(run(vec![line("73610", "90.00"), with(line("73610", "90.00"), &["XS"])]).is_empty());
        assert!(run(vec![line("73610", "90.00"), with(line("73610", "90.00"), &["59"])]).is_empty());
    }

    #[test]
    fn a_lab_repeat_marked_59_or_a_visit_marked_25_is_only_a_question() {
        let lab = run(vec![line("85025", "40.00"), with(line("85025", "40.00"), &["59"])]);
        let duplicate = only(&lab, "duplicate");
        assert_eq!(duplicate.certainty, Certainty::WorthAsking);
        assert!(
            matches!(issue(duplicate), CodingIssue::Duplicate { doubt: RepeatDoubt::WrongModifier(m), .. } if m == "59")
        );
        let visit = run(vec![line("99213", "120.00"), with(line("99213", "120.00"), &["25"])]);
        assert_eq!(only(&visit, "duplicate").certainty, Certainty::WorthAsking);
    }

    #[test]
    fn a_second_dose_of_a_drug_is_a_question_and_split_doses_are_normal() {
        let found = run(vec![line("J2405", "30.00"), line("J2405", "30.00")]);
        let duplicate = only(&found, "duplicate");
        assert_eq!(duplicate.certainty, Certainty::WorthAsking);
        assert!(matches!(
            issue(duplicate),
            CodingIssue::Duplicate {
                doubt: RepeatDoubt::SecondDose,
                ..
            }
        ));
        let saline = revenue(line("J7030", "45.00"), "0258");
        assert!(run(vec![saline.clone(), qty(revenue(line("J7030", "90.00"), "0258"), 2)]).is_empty());
    }

    #[test]
    fn the_facility_and_the_doctor_each_billing_the_er_visit_is_not_a_duplicate() {
        let facility = revenue(line("99284", "900.00"), "0450");
        let doctor = revenue(line("99284", "250.00"), "0981");
        assert!(run(vec![facility, doctor]).is_empty());
    }

    #[test]
    fn the_same_code_on_two_body_sites_is_not_a_duplicate() {
        assert!(run(vec![
            with(line("73610", "90.00"), &["RT"]),
            with(line("73610", "90.00"), &["LT"])
        ])
        .is_empty());
        let same_side = run(vec![
            with(line("73610", "90.00"), &["RT"]),
            with(line("73610", "90.00"), &["RT"]),
        ]);
        assert_eq!(only(&same_side, "duplicate").certainty, Certainty::Certain);
    }

    #[test]
    fn a_credit_that_reverses_the_repeat_clears_it() {
        assert!(run(vec![
            line("85025", "142.00"),
            line("85025", "142.00"),
            line("85025", "-142.00")
        ])
        .is_empty());
    }

    #[test]
    fn the_same_code_with_other_units_or_prices_looks_split() {
        let found = run(vec![
            qty(line("29125", "60.00"), 2),
            line("29125", "30.00"),
            line("29125", "30.00"),
        ]);
        let split = only(&found, "split_service");
        assert_eq!(split.items, [0, 1, 2]);
        assert_eq!(split.certainty, Certainty::WorthAsking);
        assert_eq!(split.stake, Stake::Nothing);
        // Therapy minutes on several lines are one session, printed unit by unit.
        assert!(run(vec![qty(line("97110", "60.00"), 2), line("97110", "30.00")]).is_empty());
    }

    #[test]
    fn add_on_codes_repeat_normally() {
        assert!(run(vec![line("96375", "48.00"), line("96375", "48.00")]).is_empty());
        assert!(run(vec![line("99292", "200.00"), line("99292", "200.00")]).is_empty());
    }

    #[test]
    fn a_code_in_no_list_is_likely_wrong_and_revenue_codes_are_not_checked() {
        let found = run(vec![line("85026", "50.00"), revenue(line("", "80.00"), "0250")]);
        let unknown = only(&found, "unknown_code");
        assert_eq!(unknown.certainty, Certainty::Likely);
        assert_eq!(unknown.stake, Stake::Items(vec![0]));
        assert!(
            run(vec![line("0450", "500.00")]).is_empty(),
            "a revenue code typed as a code"
        );
        // An urgent-care code private insurers use, not in Medicare's files
        // but in the HCPCS list: it exists.
        assert!(run(vec![line("S9083", "180.00")]).is_empty());
        // A Level II-shaped code in no list at all is only a question.
        let level2 = run(vec![line("T9999", "180.00")]);
        let unknown = only(&level2, "unknown_code");
        assert_eq!(
            (unknown.certainty, &unknown.stake),
            (Certainty::WorthAsking, &Stake::Nothing)
        );
    }

    #[test]
    fn a_code_retired_before_the_service_is_certain() {
        let found = run(vec![revenue(line("J2275", "60.00"), "0636")]);
        let deleted = only(&found, "deleted_code");
        assert_eq!(deleted.certainty, Certainty::Certain);
        assert_eq!(
            issue(deleted),
            &CodingIssue::DeletedCode {
                item: 0,
                code: "J2275".into(),
                deleted: NaiveDate::from_ymd_opt(2014, 12, 31).unwrap()
            }
        );
        // Billed for care before it was retired: no finding.
        assert!(run(vec![on(line("J2275", "60.00"), NaiveDate::from_ymd_opt(2014, 6, 1))]).is_empty());
        // No date anywhere: likely.
        assert_eq!(
            run(vec![on(line("J2275", "60.00"), None)])[0].certainty,
            Certainty::Likely
        );
    }

    #[test]
    fn a_bill_date_stands_in_for_a_missing_line_date() {
        let bill = Bill {
            service_date: NaiveDate::from_ymd_opt(2014, 6, 1),
            items: vec![on(line("J2275", "60.00"), None)],
            ..Bill::default()
        };
        assert!(propose(&bill, reference(), today()).is_empty());
    }

    #[test]
    fn malformed_unknown_and_misplaced_modifiers_are_questions_without_money() {
        let found = run(vec![
            with(line("71046", "90.00"), &["Q9Z"]),
            with(line("73610", "90.00"), &["ZZ"]),
            with(line("96372", "30.00"), &["25"]),
            with(line("99213", "120.00"), &["59"]),
            with(line("85610", "20.00"), &["76"]),
            with(line("12001", "200.00"), &["59", "XS"]),
            with(line("99214", "160.00"), &["25"]),
            with(line("73610", "90.00"), &["RT"]),
        ]);
        let problems: Vec<_> = found
            .iter()
            .filter(|p| issue(p).id() == "bad_modifier")
            .map(|p| match issue(p) {
                CodingIssue::BadModifier { item, problem, .. } => (*item, *problem, p.certainty),
                other => panic!("{other:?}"),
            })
            .collect();
        assert_eq!(
            problems,
            [
                (0, ModifierProblem::Malformed, Certainty::Likely),
                (1, ModifierProblem::Unknown, Certainty::WorthAsking),
                (2, ModifierProblem::VisitOnly, Certainty::WorthAsking),
                (3, ModifierProblem::NotOnVisit, Certainty::WorthAsking),
                (4, ModifierProblem::LabRepeat, Certainty::WorthAsking),
                (5, ModifierProblem::TwoDistinct, Certainty::WorthAsking),
            ]
        );
        assert!(found
            .iter()
            .filter(|p| issue(p).id() == "bad_modifier")
            .all(|p| p.stake == Stake::Nothing));
    }

    #[test]
    fn a_panel_with_its_own_tests_puts_the_tests_at_stake() {
        let found = run(printed(vec![
            line("80053", "180.00"),
            line("82565", "35.00"),
            line("84443", "90.00"),
            line("82947", "25.00"),
            with(line("84132", "20.00"), &["91"]),
        ]));
        let panel = only(&found, "panel_component");
        assert_eq!(panel.items, [0, 1, 3]);
        assert_eq!(panel.certainty, Certainty::Likely);
        assert_eq!(panel.stake, Stake::Items(vec![1, 3]));
        assert_eq!(found.len(), 1);
        // A statement without modifiers: the potassium may be a recheck
        // later that day, marked 91 on the claim. A question.
        let unprinted = run(vec![line("80048", "120.00"), line("84132", "20.00")]);
        let panel = only(&unprinted, "panel_component");
        assert_eq!(
            (panel.certainty, &panel.stake),
            (Certainty::WorthAsking, &Stake::Nothing)
        );
    }

    #[test]
    fn modifier_59_does_not_excuse_a_panel_test() {
        let found = run(printed(vec![
            line("80048", "120.00"),
            with(line("82565", "35.00"), &["59"]),
        ]));
        assert_eq!(only(&found, "panel_component").stake, Stake::Items(vec![1]));
    }

    #[test]
    fn a_panel_on_another_day_or_from_the_doctor_is_not_unbundled() {
        assert!(run(vec![line("80053", "180.00"), on(line("82565", "35.00"), day(15))]).is_empty());
    }

    #[test]
    fn a_panel_inside_a_panel_and_overlapping_panels() {
        let inside = run(printed(vec![line("80053", "180.00"), line("80048", "120.00")]));
        let found = only(&inside, "panel_in_panel");
        assert_eq!(
            (found.certainty, &found.stake),
            (Certainty::Likely, &Stake::Items(vec![1]))
        );
        let overlap = run(vec![line("80053", "180.00"), line("80076", "110.00")]);
        let found = only(&overlap, "panel_overlap");
        assert_eq!(
            (found.certainty, &found.stake),
            (Certainty::WorthAsking, &Stake::Nothing)
        );
    }

    #[test]
    fn a_test_is_questioned_once_even_with_two_panels() {
        let found = run(vec![
            line("80048", "120.00"),
            line("80053", "180.00"),
            line("82565", "35.00"),
        ]);
        assert_eq!(ids(&found), ["panel_component", "panel_in_panel"]);
    }

    #[test]
    fn two_blood_draws_in_one_visit_by_lines_or_units() {
        let lines = run(vec![
            line("36415", "25.00"),
            line("85025", "40.00"),
            line("36415", "25.00"),
        ]);
        // Two lines: a repeat can be normal (another encounter, another
        // specimen), so a question, nothing counted.
        let draw = only(&lines, "extra_venipuncture");
        assert_eq!((draw.certainty, &draw.stake), (Certainty::WorthAsking, &Stake::Nothing));
        assert_eq!(lines.len(), 1, "not also a duplicate");
        let units = run(vec![qty(line("36415", "75.00"), 3)]);
        let draw = only(&units, "extra_venipuncture");
        assert_eq!(draw.certainty, Certainty::Likely);
        assert_eq!(
            draw.stake,
            Stake::PartOfItem {
                item: 0,
                amount: money("50.00")
            }
        );
        assert_eq!(units.len(), 1, "not also too many units");
        assert!(matches!(issue(draw), CodingIssue::ExtraVenipuncture { draws: 3, .. }));
    }

    #[test]
    fn a_second_draw_marked_as_a_separate_encounter_is_a_question_and_one_draw_is_fine() {
        let found = run(vec![line("36415", "25.00"), with(line("36415", "25.00"), &["XE"])]);
        assert_eq!(only(&found, "extra_venipuncture").certainty, Certainty::WorthAsking);
        assert!(run(vec![line("36415", "25.00"), on(line("36415", "25.00"), day(15))]).is_empty());
    }

    #[test]
    fn an_office_visit_with_a_shot_and_no_25_is_a_question_and_a_paid_claim_clears_it() {
        let items = vec![line("99213", "150.00"), line("96372", "30.00"), line("J3301", "15.00")];
        let found = run(items.clone());
        let visit = only(&found, "visit_with_injection");
        assert_eq!(visit.items, [0, 1]);
        assert_eq!(
            (visit.certainty, &visit.stake),
            (Certainty::WorthAsking, &Stake::Nothing)
        );
        // The insurer paid the claim: the visit carried 25.
        let paid = Bill {
            items,
            coverage: Some(crate::domain::bill::Coverage::InNetwork),
            claim: Some(ClaimStatus::PaidPart),
            eob: crate::domain::bill::EobFigures {
                plan_paid: Some(money("120.00")),
                your_share: Some(money("60.00")),
                ..Default::default()
            },
            ..Bill::default()
        };
        assert!(propose(&paid, reference(), today()).is_empty());
        assert!(run(vec![with(line("99213", "150.00"), &["25"]), line("96372", "30.00")]).is_empty());
        // 25 on the shot is not 25 on the visit (and is a bad modifier).
        let misplaced = run(vec![line("99213", "150.00"), with(line("96372", "30.00"), &["25"])]);
        assert_eq!(ids(&misplaced).len(), 2);
        only(&misplaced, "visit_with_injection");
    }

    #[test]
    fn an_er_visit_with_an_iv_push_and_no_25_is_a_question_without_money() {
        let found = run(vec![
            line("99284", "900.00"),
            line("96374", "300.00"),
            line("96375", "80.00"),
        ]);
        let visit = only(&found, "visit_with_injection");
        assert_eq!(
            (visit.certainty, &visit.stake),
            (Certainty::WorthAsking, &Stake::Nothing)
        );
        assert!(matches!(
            issue(visit),
            CodingIssue::VisitWithInjection {
                setting: VisitSetting::Emergency,
                ..
            }
        ));
        assert_eq!(found.len(), 1);
    }

    #[test]
    fn a_brief_nurse_visit_with_a_shot() {
        let found = run(vec![line("99211", "40.00"), line("96372", "30.00")]);
        let pair = only(&found, "coding_pair");
        assert_eq!((pair.certainty, &pair.stake), (Certainty::WorthAsking, &Stake::Nothing));
        assert!(matches!(
            issue(pair),
            CodingIssue::CodingPair {
                rule: PairRule::BriefVisitWithDrug,
                extra: 0,
                kept: 1,
                ..
            }
        ));
    }

    #[test]
    fn two_initial_administrations_question_the_cheaper_one() {
        // The saving is the gap to the add-on's price: here the add-on
        // line's own price on the bill.
        let found = run(vec![
            line("96365", "400.00"),
            line("96374", "300.00"),
            line("96375", "80.00"),
        ]);
        let pair = only(&found, "coding_pair");
        assert_eq!(
            (pair.certainty, &pair.stake),
            (
                Certainty::Likely,
                &Stake::PartOfItem {
                    item: 1,
                    amount: money("220.00")
                }
            )
        );
        // No add-on line: the ratio of Medicare's rates for the two codes.
        let twice = run(vec![line("96374", "300.00"), line("96374", "300.00")]);
        assert_eq!(ids(&twice), ["coding_pair"], "not also a duplicate");
        let initial = reference().physician_rate("96374").unwrap();
        let add_on = reference().physician_rate("96375").unwrap();
        let expected = (money("300.00") - money("300.00") * add_on / initial).round_dp(2);
        assert_eq!(
            twice[0].stake,
            Stake::PartOfItem {
                item: 1,
                amount: expected
            }
        );
        assert!(expected > Decimal::ZERO && expected < money("300.00"));
        // Two IV sites, marked: fine.
        assert!(run(vec![line("96374", "300.00"), with(line("96374", "300.00"), &["XS"])]).is_empty());
    }

    #[test]
    fn fluids_with_a_drug_drip_question_the_fluids_once() {
        let found = run(vec![line("96360", "350.00"), line("96365", "400.00")]);
        let pair = only(&found, "coding_pair");
        assert!(matches!(
            issue(pair),
            CodingIssue::CodingPair {
                rule: PairRule::HydrationWithInfusion,
                extra: 0,
                ..
            }
        ));
        assert_eq!(pair.certainty, Certainty::WorthAsking);
        assert!(run(vec![with(line("96360", "350.00"), &["59"]), line("96365", "400.00")]).is_empty());
    }

    #[test]
    fn an_iv_start_with_iv_fluids() {
        let found = run(vec![line("96360", "350.00"), line("36000", "60.00")]);
        let pair = only(&found, "coding_pair");
        assert!(matches!(
            issue(pair),
            CodingIssue::CodingPair {
                rule: PairRule::IvStartIncluded,
                extra: 1,
                ..
            }
        ));
        assert_eq!(pair.stake, Stake::Nothing);
    }

    #[test]
    fn units_above_the_sourced_limits() {
        let found = run(vec![
            qty(line("99291", "2000.00"), 2),
            qty(line("80053", "360.00"), 2),
            qty(revenue(line("G0378", "3000.00"), "0762"), 60),
            on(qty(revenue(line("G0378", "1200.00"), "0762"), 24), day(15)),
            qty(line("85025", "80.00"), 2),
        ]);
        let stakes: Vec<_> = found
            .iter()
            .map(|p| (issue(p).id(), p.certainty, p.stake.clone()))
            .collect();
        assert_eq!(
            stakes,
            [
                (
                    "too_many_units",
                    Certainty::Likely,
                    Stake::PartOfItem {
                        item: 0,
                        amount: money("1000.00")
                    }
                ),
                (
                    "too_many_units",
                    Certainty::Likely,
                    Stake::PartOfItem {
                        item: 1,
                        amount: money("180.00")
                    }
                ),
                (
                    "too_many_units",
                    Certainty::WorthAsking,
                    Stake::PartOfItem {
                        item: 2,
                        amount: money("600.00")
                    }
                ),
            ]
        );
    }

    fn described(mut item: LineItem, description: &str) -> LineItem {
        item.description = description.to_string();
        item
    }

    #[test]
    fn dye_billed_with_scans_done_without_dye() {
        // MRI of the brain without contrast, and gadolinium: likely.
        let found = run(vec![
            described(line("70551", "2400.00"), "MRI BRAIN W/O DYE"),
            described(line("A9579", "310.00"), "GADOLINIUM PER ML"),
        ]);
        let dye = only(&found, "contrast_without_dye");
        assert_eq!((dye.certainty, &dye.stake), (Certainty::Likely, &Stake::Items(vec![1])));
        // The same by words alone, on lines printed without codes.
        let mut uncoded = described(line("", "2400.00"), "MRI BRAIN W/O DYE");
        uncoded.code = None;
        let mut agent = described(line("", "310.00"), "Gadobutrol 7.5 ml");
        agent.code = None;
        let found = run(vec![uncoded, agent]);
        assert_eq!(only(&found, "contrast_without_dye").stake, Stake::Items(vec![1]));
        // A scan with and without contrast, or another day: nothing.
        assert!(run(vec![
            described(line("70553", "3100.00"), "MRI BRAIN W/WO DYE"),
            described(line("A9579", "310.00"), "GADOLINIUM PER ML"),
        ])
        .is_empty());
        assert!(run(vec![
            described(line("70551", "2400.00"), "MRI BRAIN W/O DYE"),
            on(line("A9579", "310.00"), day(15)),
        ])
        .is_empty());
    }

    #[test]
    fn routine_supplies_on_a_hospital_bill_are_a_question() {
        let supply = |text: &str| {
            let mut item = described(line("", "7.00"), text);
            item.code = None;
            item
        };
        let found = run(vec![
            revenue(line("99283", "620.00"), "0450"),
            supply("Bandage supply"),
            supply("Gauze pads"),
            supply("Splint, fiberglass"),
        ]);
        let supplies = only(&found, "routine_supply");
        assert_eq!(supplies.items, [1, 2]);
        assert_eq!(
            (supplies.certainty, &supplies.stake),
            (Certainty::WorthAsking, &Stake::Nothing)
        );
        // A doctor's office bill (no revenue codes, not a hospital): nothing.
        assert!(run(vec![line("99213", "120.00"), supply("Bandage supply")]).is_empty());
    }

    #[test]
    fn credits_and_zero_lines_are_never_findings() {
        assert!(run(vec![
            line("85026", "-50.00"),
            line("85026", "0.00"),
            with(line("71046", "-90.00"), &["Q9Z"])
        ])
        .is_empty());
    }

    #[test]
    fn a_clean_er_bill_gives_nothing() {
        let found = run(vec![
            revenue(with(line("99284", "900.00"), &["25"]), "0450"),
            revenue(line("96374", "300.00"), "0260"),
            revenue(line("96375", "80.00"), "0260"),
            revenue(line("J2405", "20.00"), "0636"),
            revenue(line("80053", "180.00"), "0301"),
            revenue(line("85025", "60.00"), "0305"),
            revenue(with(line("85025", "60.00"), &["91"]), "0305"),
            revenue(line("36415", "20.00"), "0300"),
            revenue(line("71046", "150.00"), "0324"),
            revenue(line("99284", "250.00"), "0981"),
        ]);
        assert!(found.is_empty(), "{:?}", ids(&found));
    }

    #[test]
    fn every_id_is_distinct_snake_case() {
        let date = day(14);
        let issues = [
            CodingIssue::Duplicate {
                code: "x".into(),
                date,
                first: 0,
                repeats: vec![1],
                doubt: RepeatDoubt::None,
            },
            CodingIssue::SplitService {
                code: "x".into(),
                date,
                lines: vec![0, 1],
            },
            CodingIssue::UnknownCode {
                item: 0,
                code: "x".into(),
            },
            CodingIssue::DeletedCode {
                item: 0,
                code: "x".into(),
                deleted: today(),
            },
            CodingIssue::BadModifier {
                item: 0,
                modifier: "x".into(),
                problem: ModifierProblem::Unknown,
            },
            CodingIssue::PanelComponent {
                panel: 0,
                components: vec![1],
                date,
            },
            CodingIssue::PanelInPanel {
                panel: 0,
                inner: 1,
                date,
            },
            CodingIssue::PanelOverlap {
                panel: 0,
                other: 1,
                date,
            },
            CodingIssue::ExtraVenipuncture {
                date,
                draws: 2,
                lines: vec![0, 1],
            },
            CodingIssue::VisitWithInjection {
                visit: 0,
                shot: 1,
                date,
                setting: VisitSetting::Office,
            },
            CodingIssue::CodingPair {
                rule: PairRule::OneInitialAdmin,
                kept: 0,
                extra: 1,
                date,
            },
            CodingIssue::TooManyUnits {
                item: 0,
                code: "x".into(),
                units: 2,
                limit: 1,
                reason: UnitLimit::Panel,
            },
            CodingIssue::ContrastWithoutDye {
                agent: 1,
                study: 0,
                date,
            },
            CodingIssue::RoutineSupply { lines: vec![0] },
        ];
        let ids: HashSet<&str> = issues.iter().map(CodingIssue::id).collect();
        assert_eq!(ids.len(), issues.len());
        assert!(ids
            .iter()
            .all(|id| id.bytes().all(|b| b.is_ascii_lowercase() || b == b'_')));
    }
}
