//! Call scripts and letters: text a person reads aloud on the phone or
//! mails, filled with what is known about their bill.
//!
//! The words live in `dialogues/en/scripts/*.txt` (Telegram HTML: `<b>` and
//! `<i>` only, short enough to read during a call) and
//! `dialogues/en/letters/*.txt` (plain text, sent as a document). Both are
//! templates over a fixed vocabulary of [`Fact`]s:
//!
//! - `{name}` is the fact's value, or — when the bot does not know it — its
//!   clear blank from `dialogues/en/blanks/blanks.toml` ("[your account
//!   number]"). Never an empty gap, never "None" or "$0.00" for an unknown.
//! - `{?name}…{/name}` is shown only when the fact is known, and
//!   `{!name}…{/name}` only when it is not. Blocks nest. A block tag alone on
//!   its line takes the whole line with it, so a hidden block leaves no gap.
//!
//! Any other `{` or `}` is an error. Like the rest of the copy, the
//! templates are checked when loaded (embedded, or from a
//! `BILLCOACH_DIALOGUES` folder with `scripts/`, `letters/` and
//! `blanks/blanks.toml`): every file the code needs exists and no other, every
//! placeholder is in the vocabulary, blocks are balanced, every fact has a
//! blank, scripts use only `<b>` and `<i>` and keep their tags balanced
//! whichever facts are known, and letters hold no markup.

use super::{embedded_files, escape, ContentError, Html, Lang};
use chrono::NaiveDate;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The folder of call scripts, inside a dialogues folder.
pub const SCRIPTS_DIR: &str = "scripts";
/// The folder of letters, inside a dialogues folder.
pub const LETTERS_DIR: &str = "letters";
/// The blanks for unknown facts, inside a dialogues folder. (It sits in a
/// folder of its own: the top level's `*.toml` files are the copy, whose
/// loader refuses keys it does not know.)
pub const BLANKS_FILE: &str = "blanks/blanks.toml";

macro_rules! vocabulary {
    ($($(#[doc = $doc:expr])* $variant:ident = $name:literal,)*) => {
        /// A fact a script or letter can name as `{name}`: the fixed
        /// vocabulary of the templates.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Fact {
            $($(#[doc = $doc])* $variant,)*
        }

        impl Fact {
            /// Every fact, in the order of the vocabulary.
            pub const ALL: &'static [Fact] = &[$(Fact::$variant,)*];

            /// The name templates use (`account_number`).
            pub fn name(self) -> &'static str {
                match self {
                    $(Fact::$variant => $name,)*
                }
            }
        }
    };
}

vocabulary! {
    /// Today's date ("Sat, Nov 28"; "November 28, 2026" in letters). Always known.
    Today = "today",
    /// The patient's name (the bot never asks it).
    PatientName = "patient_name",
    /// The patient's mailing address (never asked).
    PatientAddress = "patient_address",
    /// The patient's phone number (never asked).
    PatientPhone = "patient_phone",
    /// The patient's date of birth (never asked; billing offices check it).
    DateOfBirth = "date_of_birth",
    /// The account number on the bill (never asked).
    AccountNumber = "account_number",
    /// The name of the hospital, office or lab that sent the bill (never asked).
    Provider = "provider",
    /// The name of the collection agency (never asked).
    Collector = "collector",
    /// The name of the insurance company (never asked).
    Insurer = "insurer",
    /// The member ID on the insurance card (never asked).
    MemberId = "member_id",
    /// The claim number on the EOB or denial letter (never asked).
    ClaimNumber = "claim_number",
    /// The mailing address of whoever the letter goes to (never asked).
    TheirAddress = "their_address",
    /// The date of service.
    ServiceDate = "service_date",
    /// The date of the first bill (statement).
    FirstBillDate = "first_bill_date",
    /// What the bill says is due now.
    AmountDue = "amount_due",
    /// What the bill charges in all (the larger of the amount due and the
    /// line items' total).
    Billed = "billed",
    /// The EOB's "your share".
    YourShare = "your_share",
    /// The good-faith estimate's amount.
    Estimate = "estimate",
    /// How much the bill is above the good-faith estimate (when it is).
    OverEstimate = "over_estimate",
    /// The last day to start a No Surprises dispute: first bill + 120 days.
    DisputeDeadline = "dispute_deadline",
    /// The date of the insurer's denial.
    DenialDate = "denial_date",
    /// The last day of the internal appeal: denial + 180 days.
    AppealDeadline = "appeal_deadline",
    /// The date of the collector's first letter.
    CollectorLetterDate = "collector_letter_date",
    /// The day to dispute the debt by: the collector's letter + 30 days.
    ValidationDeadline = "validation_deadline",
    /// A nonprofit hospital accepts assistance applications at least until
    /// this day: first bill + 240 days.
    AssistanceDeadline = "assistance_deadline",
    /// The number of people in the household.
    HouseholdSize = "household_size",
    /// The household's yearly income.
    Income = "income",
    /// The income as a percentage of the federal poverty guideline ("181%").
    PovertyPercent = "poverty_percent",
    /// What the patient could pay at once.
    LumpSum = "lump_sum",
    /// What the patient could pay each month.
    Monthly = "monthly",
    /// Known when the patient said they can pay $0 a month: a letter asks
    /// to hold the account, never for "[amount you can pay] a month".
    NothingMonthly = "nothing_monthly",
    /// How many monthly payments clear the balance.
    PlanMonths = "plan_months",
    /// What to open a settlement with a collector at (30% of the balance).
    OfferOpen = "offer_open",
    /// Where to stop when settling with a collector (50% of the balance).
    OfferSettle = "offer_settle",
    /// Who sent the bill, when it is who gave the care (a hospital, a
    /// doctor's office, a lab, an ambulance); unknown for a collector's or
    /// another sender's bill, which may be any of them.
    CareProvider = "care_provider",
    /// Known only for a hospital's own bill (a UB-04, the form with
    /// revenue codes, C6): what the itemized bill should list differs.
    HospitalBill = "hospital_bill",
    /// Known only for a lab's own bill: the office script is headed for
    /// the lab's billing office, not a doctor's office.
    LabBill = "lab_bill",
    /// Known only for an ambulance company's own bill (the same).
    AmbulanceBill = "ambulance_bill",
    /// The dollars at stake over all findings.
    AtStake = "at_stake",
    /// The first charge the script asks about whose billing code is
    /// questioned (a coding rule, the ER level); known only then, so the
    /// lines about codes appear only with such a finding.
    CodesQuestioned = "codes_questioned",
    /// The first charge the script asks about that may be an error on the
    /// bill (not a step like the itemized bill); known only then, so the
    /// lines about a charge billed correctly appear only with one.
    ChargesQuestioned = "charges_questioned",
    /// The top finding's title.
    TopFinding = "top_finding",
    /// The exact thing to ask about the top finding (first person).
    TopFindingAsk = "top_finding_ask",
    /// The dollars at stake in the top finding.
    TopFindingAmount = "top_finding_amount",
    /// The asks of the next findings, one per line.
    MoreAsks = "more_asks",
    /// Every finding: titles in scripts, a numbered list with the
    /// explanation and the ask in letters.
    Findings = "findings",
    /// Earlier calls about this bill (date, name, reference number).
    CallLog = "call_log",
    /// What the patient should really owe after the plan's earlier steps
    /// (the EOB's share, the estimate, the audited balance); unknown when
    /// they should owe nothing or must wait for the insurer.
    Owed = "owed",
    /// Known when the plan's first step is to have the provider bill the
    /// insurance plan (the claim was never sent): letters lead with it.
    InsuranceFirst = "insurance_first",
    /// The same for Original Medicare: have the provider bill Medicare
    /// first; letters name Medicare and its Medicare Summary Notice (E2).
    MedicareFirst = "medicare_first",
    /// The same for Medicare of a kind not known: have the provider bill
    /// Medicare or the Medicare plan; letters name the notice from either
    /// (a Medicare Summary Notice or an EOB, E2).
    MedicareOrPlanFirst = "medicare_or_plan_first",
    /// Known when the plan's first step is that Medicaid covered the care
    /// (E1): the billing letter asks the provider to bill Medicaid, not to
    /// review charges (trial 7: step 1 said to write, with no letter).
    MedicaidFirst = "medicaid_first",
    /// Known when a denial is Original Medicare's (E2, E3): the appeal is a
    /// redetermination by the Medicare contractor, asked through the
    /// Medicare Summary Notice and 1-800-MEDICARE, not an insurer's
    /// internal appeal with a member ID.
    OriginalMedicare = "original_medicare",
    /// Known when a denial is Medicare's of a kind not known (Original or
    /// Advantage): the script speaks of "Medicare or your Medicare plan"
    /// and its notice, not an insurance company and a member ID (E2).
    MedicareKindUnknown = "medicare_kind_unknown",
    /// Known when a denial is a Medicare Advantage plan's (E3): a
    /// reconsideration within 65 days, then the independent review entity
    /// automatically; not an internal appeal with an external review.
    MedicareAdvantage = "medicare_advantage",
    /// Known when the patient said the hospital is not a nonprofit: the
    /// financial-help letter leaves out the nonprofit rules (501(r), A2),
    /// which do not bind it (trial 7: a for-profit hospital was told "if
    /// your hospital is a nonprofit…").
    ForProfit = "for_profit",
    /// Known when the patient pays on their own (uninsured / self-pay): the
    /// self-pay discount's rule of thumb (30–60% off charges, B) is said
    /// only then.
    SelfPay = "self_pay",
    /// The state law on hospital financial help that applies to this bill
    /// (E6), by name and citation; known only when the plan's financial-help
    /// step names one, so the scripts and letters invoke it instead of
    /// falling back to a self-pay discount.
    StateLaw = "state_law",
    /// The source of that law (a URL from E6).
    StateLawLink = "state_law_link",
    /// Known ("$0.00") when the plan says the patient should owe nothing
    /// (Medicaid, QMB, a $0 share): no "before I pay", no "I'm not refusing
    /// to pay", no itemized bill to ask for.
    OwesNothing = "owes_nothing",
    /// Known when what is owed (`owed`) is less than the bill asks: only
    /// then is it "what you should really owe, not the bill's total".
    OwedIsLess = "owed_is_less",
    /// What to say first when the plan's first step is about who pays
    /// (Medicaid, QMB, the insurer, the EOB's share), first person.
    CoverageAsk = "coverage_ask",
    /// The same, worded for a collection agency on the line.
    CollectorCoverageAsk = "collector_coverage_ask",
    /// The care the No Surprises Act protects, in words ("emergency care").
    NsaCare = "nsa_care",
    /// Known when the care came from a clinician at a hospital or surgery
    /// center whose network the patient is not sure of (A3, E4): the No
    /// Surprises script and letter ask whether the facility was in network
    /// instead of saying the Act protects the bill.
    FacilityNotSure = "facility_not_sure",
    /// What comes after the appeal for this coverage (external review, the
    /// independent reviewer, a fair hearing), plain text.
    AppealNext = "appeal_next",
    /// Who a complaint goes to: the route the plan names for step 1 (E11).
    ComplaintTo = "complaint_to",
    /// What went wrong and the rule it breaks, first person.
    ComplaintReason = "complaint_reason",
    /// How to send the complaint (phone, website, mail).
    ComplaintHow = "complaint_how",
}

impl Fact {
    /// The fact named `name`, if it is in the vocabulary.
    pub fn from_name(name: &str) -> Option<Fact> {
        Fact::ALL.iter().copied().find(|fact| fact.name() == name)
    }
}

/// The known facts about one bill, already formatted. A fact may read
/// differently in a script (short dates, finding titles) and in a letter
/// (long dates, findings in full); most read the same.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Facts {
    values: BTreeMap<Fact, Value>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Value {
    script: String,
    letter: String,
}

impl Facts {
    /// No fact known.
    pub fn new() -> Facts {
        Facts::default()
    }

    /// Sets a fact that reads the same in scripts and letters. Text that is
    /// empty or only spaces leaves the fact unknown (so it shows its blank,
    /// never a gap).
    pub fn set(&mut self, fact: Fact, value: impl Into<String>) {
        let value = value.into();
        self.set_forms(fact, value.clone(), value);
    }

    /// Sets a fact when the value is known; `None` leaves it unknown.
    pub fn set_opt(&mut self, fact: Fact, value: Option<String>) {
        if let Some(value) = value {
            self.set(fact, value);
        }
    }

    /// Sets a fact that reads one way in scripts and another in letters.
    pub fn set_forms(&mut self, fact: Fact, script: impl Into<String>, letter: impl Into<String>) {
        let (script, letter) = (script.into(), letter.into());
        if script.trim().is_empty() || letter.trim().is_empty() {
            self.values.remove(&fact);
        } else {
            self.values.insert(fact, Value { script, letter });
        }
    }

    /// Sets a date: the short form in scripts (`Sat, Mar 14`, with the
    /// year when it is not this year), the long one in letters
    /// (`March 14, 2026`).
    pub fn set_date(&mut self, fact: Fact, date: NaiveDate, today: NaiveDate) {
        self.set_forms(fact, crate::domain::dates::format_date(date, today), long_date(date));
    }

    /// Forgets a fact.
    pub fn unset(&mut self, fact: Fact) {
        self.values.remove(&fact);
    }

    /// The fact as a script shows it, when known.
    pub fn get(&self, fact: Fact) -> Option<&str> {
        self.values.get(&fact).map(|value| value.script.as_str())
    }

    /// The fact as a letter shows it, when known.
    pub fn get_letter(&self, fact: Fact) -> Option<&str> {
        self.values.get(&fact).map(|value| value.letter.as_str())
    }

    pub fn is_known(&self, fact: Fact) -> bool {
        self.values.contains_key(&fact)
    }
}

/// A date the way a letter writes it: `March 14, 2026`.
pub fn long_date(date: NaiveDate) -> String {
    date.format("%B %-d, %Y").to_string()
}

/// Declares a kind of template: its variants with their stable ids (also
/// the file names without `.txt`; buttons carry them, so never rename one),
/// `ALL`, `id`, `from_id` and `path` inside its folder.
macro_rules! template_kinds {
    ($(#[$doc:meta])* $name:ident in $dir:ident { $($variant:ident = $id:literal,)* }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum $name {
            $($variant,)*
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant,)*];

            /// A stable short name (also the file's name without `.txt`).
            pub fn id(self) -> &'static str {
                match self {
                    $($name::$variant => $id,)*
                }
            }

            /// The kind for a stable short name.
            pub fn from_id(id: &str) -> Option<$name> {
                $name::ALL.iter().copied().find(|kind| kind.id() == id)
            }

            /// The template's path inside a dialogues folder.
            pub fn path(self) -> String {
                format!("{}/{}.txt", $dir, self.id())
            }
        }
    };
}

template_kinds! {
    /// Who a call script is for.
    ScriptKind in SCRIPTS_DIR {
        Hospital = "hospital",
        Doctor = "doctor",
        Collections = "collections",
        InsurerAppeal = "insurer_appeal",
        FinancialAssistance = "financial_assistance",
        NoSurprises = "no_surprises",
    }
}

template_kinds! {
    /// Which letter.
    LetterKind in LETTERS_DIR {
        ItemizedRequest = "itemized_request",
        BillingDispute = "billing_dispute",
        FinancialAssistance = "financial_assistance",
        DebtValidation = "debt_validation",
        NoSurprisesDispute = "no_surprises_dispute",
        InsuranceAppeal = "insurance_appeal",
        HardshipPlan = "hardship_plan",
        Complaint = "complaint",
    }
}

impl LetterKind {
    /// A file name for the document the user receives.
    pub fn document_name(self) -> String {
        format!("{}.txt", self.id().replace('_', "-"))
    }
}

/// Parses and checks the template of every kind, taking its file out of
/// `found` (what is left afterwards is an unknown file).
fn load_kinds<K: Copy + Ord>(
    kinds: &[K],
    path_of: fn(K) -> String,
    check: fn(&Template, &str, &mut Vec<String>),
    found: &mut BTreeMap<String, String>,
    problems: &mut Vec<String>,
) -> BTreeMap<K, Template> {
    let mut templates = BTreeMap::new();
    for &kind in kinds {
        let path = path_of(kind);
        match found.remove(&path) {
            None => problems.push(format!("missing file {path}")),
            Some(text) => {
                if let Some(template) = Template::parse(&path, &text, problems) {
                    check(&template, &path, problems);
                    templates.insert(kind, template);
                }
            }
        }
    }
    templates
}

/// The loaded, validated scripts and letters for one language.
#[derive(Debug, Clone)]
pub struct Templates {
    scripts: BTreeMap<ScriptKind, Template>,
    letters: BTreeMap<LetterKind, Template>,
    blanks: BTreeMap<Fact, String>,
}

impl Templates {
    /// The English templates compiled into the binary.
    pub fn embedded() -> Result<Templates, ContentError> {
        Templates::embedded_in(Lang::En)
    }

    /// One language's templates compiled into the binary.
    pub fn embedded_in(lang: Lang) -> Result<Templates, ContentError> {
        let files = [SCRIPTS_DIR, LETTERS_DIR, "blanks"]
            .into_iter()
            .flat_map(|folder| embedded_files(lang, folder));
        Templates::from_files(files)
    }

    /// The templates in a dialogues folder (see `BILLCOACH_DIALOGUES`): its
    /// `scripts/` and `letters/` subfolders and `blanks/blanks.toml`.
    pub fn from_dir(dir: &Path) -> Result<Templates, ContentError> {
        let mut files = Vec::new();
        let mut problems = Vec::new();
        for folder in [SCRIPTS_DIR, LETTERS_DIR, "blanks"] {
            let path = dir.join(folder);
            let entries = match std::fs::read_dir(&path) {
                Ok(entries) => entries,
                Err(e) => {
                    problems.push(format!("cannot read folder {}: {e}", path.display()));
                    continue;
                }
            };
            for entry in entries.flatten() {
                let path = entry.path();
                if !path.is_file() {
                    continue;
                }
                let name = format!("{folder}/{}", entry.file_name().to_string_lossy());
                match std::fs::read_to_string(&path) {
                    Ok(text) => files.push((name, text)),
                    Err(e) => problems.push(format!("{}: {e}", path.display())),
                }
            }
        }
        if !problems.is_empty() {
            return Err(ContentError { problems });
        }
        Templates::from_files(files)
    }

    /// Parses and validates `(path inside the dialogues folder, text)`
    /// pairs, e.g. `("scripts/hospital.txt", …)`; reports every problem.
    pub fn from_files(files: impl IntoIterator<Item = (String, String)>) -> Result<Templates, ContentError> {
        let mut problems = Vec::new();
        let mut found: BTreeMap<String, String> = BTreeMap::new();
        for (path, text) in files {
            let path = path.replace('\\', "/");
            // Editors' backups and hidden files are not templates.
            let name = path.rsplit('/').next().unwrap_or("");
            if name.starts_with('.') || name.ends_with('~') {
                continue;
            }
            found.insert(path, text);
        }

        let blanks = match found.remove(BLANKS_FILE) {
            None => {
                problems.push(format!("missing file {BLANKS_FILE}"));
                BTreeMap::new()
            }
            Some(text) => parse_blanks(&text, &mut problems),
        };
        let scripts = load_kinds(
            ScriptKind::ALL,
            ScriptKind::path,
            Template::check_script,
            &mut found,
            &mut problems,
        );
        let letters = load_kinds(
            LetterKind::ALL,
            LetterKind::path,
            Template::check_letter,
            &mut found,
            &mut problems,
        );
        for path in found.keys() {
            problems.push(format!("{path}: unknown file (not used by the code)"));
        }
        if problems.is_empty() {
            Ok(Templates {
                scripts,
                letters,
                blanks,
            })
        } else {
            Err(ContentError { problems })
        }
    }

    /// A call script filled with `facts` (values escaped), as Telegram HTML.
    pub fn render_script(&self, kind: ScriptKind, facts: &Facts) -> Html {
        let text = match self.scripts.get(&kind) {
            Some(template) => template.render(facts, &self.blanks, Mode::Script),
            None => String::new(),
        };
        Html::trusted(text)
    }

    /// A letter filled with `facts`, as plain text ending in a newline.
    pub fn render_letter(&self, kind: LetterKind, facts: &Facts) -> String {
        match self.letters.get(&kind) {
            Some(template) => {
                let mut text = template.render(facts, &self.blanks, Mode::Letter);
                text.push('\n');
                text
            }
            None => String::new(),
        }
    }

    /// The blank shown for an unknown fact: "[your account number]".
    pub fn blank(&self, fact: Fact) -> &str {
        self.blanks.get(&fact).map(String::as_str).unwrap_or(fact.name())
    }

    /// The facts a script may show as blanks when nothing is known: those
    /// named outside any `{?fact}` block.
    pub fn script_blanks(&self, kind: ScriptKind) -> BTreeSet<Fact> {
        self.scripts.get(&kind).map(Template::blank_facts).unwrap_or_default()
    }

    /// The facts a letter may show as blanks when nothing is known.
    pub fn letter_blanks(&self, kind: LetterKind) -> BTreeSet<Fact> {
        self.letters.get(&kind).map(Template::blank_facts).unwrap_or_default()
    }
}

fn parse_blanks(text: &str, problems: &mut Vec<String>) -> BTreeMap<Fact, String> {
    let mut blanks = BTreeMap::new();
    let table = match text.parse::<toml::Table>() {
        Ok(table) => table,
        Err(e) => {
            problems.push(format!("{BLANKS_FILE}: not valid TOML: {e}"));
            return blanks;
        }
    };
    for (name, value) in &table {
        let Some(fact) = Fact::from_name(name) else {
            problems.push(format!("{BLANKS_FILE}: unknown fact `{name}`"));
            continue;
        };
        match value {
            toml::Value::String(text) if !text.trim().is_empty() && !text.contains(['{', '}', '<', '>', '&']) => {
                blanks.insert(fact, text.trim().to_string());
            }
            toml::Value::String(_) => problems.push(format!(
                "{BLANKS_FILE}: `{name}` must be plain, non-empty text (no braces or markup)"
            )),
            _ => problems.push(format!("{BLANKS_FILE}: `{name}` must be text")),
        }
    }
    for fact in Fact::ALL {
        if !blanks.contains_key(fact) && !table.contains_key(fact.name()) {
            problems.push(format!("{BLANKS_FILE}: missing blank for `{}`", fact.name()));
        }
    }
    blanks
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// Telegram HTML: values and blanks escaped.
    Script,
    /// Plain text.
    Letter,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Node {
    Text(String),
    Fact(Fact),
    /// Shown when the fact is known (`{?fact}`) or unknown (`{!fact}`).
    Block {
        fact: Fact,
        when_known: bool,
        body: Vec<Node>,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Template {
    nodes: Vec<Node>,
}

/// A piece of template source.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Token {
    Text(String),
    Fact(String),
    Open { name: String, when_known: bool },
    Close(String),
}

impl Token {
    fn is_block_tag(&self) -> bool {
        matches!(self, Token::Open { .. } | Token::Close(_))
    }
}

impl Template {
    /// Parses a template; on errors adds them to `problems` (with the
    /// file and line) and returns `None`.
    fn parse(path: &str, text: &str, problems: &mut Vec<String>) -> Option<Template> {
        let before = problems.len();
        let text = text.replace("\r\n", "\n");
        let tokens = tokenize(path, &text, problems)?;
        let tokens = trim_standalone(tokens);
        let mut stack: Vec<(Fact, bool, Vec<Node>)> = Vec::new();
        let mut nodes: Vec<Node> = Vec::new();
        for token in tokens {
            let current = match stack.last_mut() {
                Some((_, _, body)) => body,
                None => &mut nodes,
            };
            match token {
                Token::Text(text) => {
                    if !text.is_empty() {
                        current.push(Node::Text(text));
                    }
                }
                Token::Fact(name) => match Fact::from_name(&name) {
                    Some(fact) => current.push(Node::Fact(fact)),
                    None => problems.push(format!("{path}: {{{name}}} is not a known fact (see {BLANKS_FILE})")),
                },
                Token::Open { name, when_known } => match Fact::from_name(&name) {
                    Some(fact) => stack.push((fact, when_known, Vec::new())),
                    None => {
                        problems.push(format!(
                            "{path}: block {{{name}}} names no known fact (see {BLANKS_FILE})"
                        ));
                        return None;
                    }
                },
                Token::Close(name) => match stack.pop() {
                    Some((fact, when_known, body)) if fact.name() == name => {
                        let parent = match stack.last_mut() {
                            Some((_, _, body)) => body,
                            None => &mut nodes,
                        };
                        parent.push(Node::Block { fact, when_known, body });
                    }
                    Some((fact, _, _)) => {
                        problems.push(format!(
                            "{path}: {{/{name}}} closes nothing: the open block is {{?{}}}",
                            fact.name()
                        ));
                        return None;
                    }
                    None => {
                        problems.push(format!("{path}: {{/{name}}} closes nothing"));
                        return None;
                    }
                },
            }
        }
        if let Some((fact, _, _)) = stack.last() {
            problems.push(format!("{path}: block {{?{}}} is never closed", fact.name()));
            return None;
        }
        (problems.len() == before).then_some(Template { nodes })
    }

    fn render(&self, facts: &Facts, blanks: &BTreeMap<Fact, String>, mode: Mode) -> String {
        let mut out = String::new();
        render_nodes(&self.nodes, facts, blanks, mode, &mut out);
        tidy(&out)
    }

    /// The facts used in the template.
    fn facts(&self) -> BTreeSet<Fact> {
        fn walk(nodes: &[Node], into: &mut BTreeSet<Fact>) {
            for node in nodes {
                match node {
                    Node::Text(_) => {}
                    Node::Fact(fact) => {
                        into.insert(*fact);
                    }
                    Node::Block { fact, body, .. } => {
                        into.insert(*fact);
                        walk(body, into);
                    }
                }
            }
        }
        let mut facts = BTreeSet::new();
        walk(&self.nodes, &mut facts);
        facts
    }

    /// The facts whose blank shows when nothing is known.
    fn blank_facts(&self) -> BTreeSet<Fact> {
        fn walk(nodes: &[Node], into: &mut BTreeSet<Fact>) {
            for node in nodes {
                match node {
                    Node::Text(_) => {}
                    Node::Fact(fact) => {
                        into.insert(*fact);
                    }
                    Node::Block { when_known, body, .. } => {
                        if !when_known {
                            walk(body, into);
                        }
                    }
                }
            }
        }
        let mut facts = BTreeSet::new();
        walk(&self.nodes, &mut facts);
        facts
    }

    fn texts(&self) -> Vec<&str> {
        fn walk<'a>(nodes: &'a [Node], into: &mut Vec<&'a str>) {
            for node in nodes {
                match node {
                    Node::Text(text) => into.push(text),
                    Node::Fact(_) => {}
                    Node::Block { body, .. } => walk(body, into),
                }
            }
        }
        let mut texts = Vec::new();
        walk(&self.nodes, &mut texts);
        texts
    }

    /// The ways of filling the template worth checking: everything known,
    /// nothing known, and each fact alone known or alone unknown.
    fn sample_fills(&self) -> Vec<Facts> {
        let used = self.facts();
        let all = |except: Option<Fact>| {
            let mut facts = Facts::new();
            for fact in used.iter().filter(|fact| Some(**fact) != except) {
                facts.set(*fact, "x");
            }
            facts
        };
        let mut fills = vec![all(None), Facts::new()];
        for fact in &used {
            fills.push(all(Some(*fact)));
            let mut one = Facts::new();
            one.set(*fact, "x");
            fills.push(one);
        }
        fills
    }

    /// Scripts: only `<b>` and `<i>`, balanced whichever facts are known;
    /// a bare `&` is not allowed (Telegram wants `&amp;`).
    fn check_script(&self, path: &str, problems: &mut Vec<String>) {
        let blanks = BTreeMap::new();
        for text in self.texts() {
            let mut rest = text;
            while let Some(start) = rest.find('<') {
                let after = &rest[start + 1..];
                let end = after.find('>').unwrap_or(after.len());
                let tag = after[..end].trim_start_matches('/');
                if tag != "b" && tag != "i" {
                    problems.push(format!(
                        "{path}: tag <{}> is not allowed in a script (only <b> and <i>)",
                        &after[..end]
                    ));
                    return;
                }
                rest = &after[end..];
            }
            for (index, _) in text.match_indices('&') {
                let entity = &text[index..];
                if !["&amp;", "&lt;", "&gt;", "&quot;"]
                    .iter()
                    .any(|e| entity.starts_with(e))
                {
                    problems.push(format!("{path}: a bare `&` (write &amp;)"));
                    return;
                }
            }
        }
        for facts in self.sample_fills() {
            let html = Html::trusted(self.render(&facts, &blanks, Mode::Script));
            if let Err(problem) = html.check_tags() {
                problems.push(format!("{path}: {problem} (depending on which facts are known)"));
                return;
            }
        }
    }

    /// Letters are plain text: no markup.
    fn check_letter(&self, path: &str, problems: &mut Vec<String>) {
        if self.texts().iter().any(|text| text.contains('<') || text.contains('>')) {
            problems.push(format!("{path}: a letter is plain text, without < or >"));
        }
    }
}

fn render_nodes(nodes: &[Node], facts: &Facts, blanks: &BTreeMap<Fact, String>, mode: Mode, out: &mut String) {
    for node in nodes {
        match node {
            Node::Text(text) => out.push_str(text),
            Node::Fact(fact) => {
                let value = match mode {
                    Mode::Script => facts.get(*fact),
                    Mode::Letter => facts.get_letter(*fact),
                };
                let text = value
                    .or_else(|| blanks.get(fact).map(String::as_str))
                    .unwrap_or(fact.name());
                match mode {
                    Mode::Script => out.push_str(&escape(text)),
                    Mode::Letter => out.push_str(text),
                }
            }
            Node::Block { fact, when_known, body } => {
                if facts.is_known(*fact) == *when_known {
                    render_nodes(body, facts, blanks, mode, out);
                }
            }
        }
    }
}

/// Drops trailing spaces on every line, keeps at most one empty line in a
/// row, and trims the text's ends, so a missing part leaves no gap.
fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut empty_run = 0;
    for line in text.lines() {
        let line = line.trim_end();
        if line.is_empty() {
            empty_run += 1;
            if empty_run > 1 || out.is_empty() {
                continue;
            }
        } else {
            empty_run = 0;
        }
        out.push_str(line);
        out.push('\n');
    }
    out.trim_end().to_string()
}

fn is_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

fn line_of(text: &str, offset: usize) -> usize {
    text[..offset].matches('\n').count() + 1
}

/// Splits a template into text and tags; any other `{` or `}` is an error.
fn tokenize(path: &str, text: &str, problems: &mut Vec<String>) -> Option<Vec<Token>> {
    let mut tokens = Vec::new();
    let mut literal = String::new();
    let mut offset = 0;
    let mut ok = true;
    while offset < text.len() {
        let rest = &text[offset..];
        let Some(at) = rest.find(['{', '}']) else {
            literal.push_str(rest);
            break;
        };
        literal.push_str(&rest[..at]);
        let position = offset + at;
        if rest[at..].starts_with('}') {
            problems.push(format!(
                "{path}, line {}: a `}}` outside a placeholder",
                line_of(text, position)
            ));
            ok = false;
            offset = position + 1;
            continue;
        }
        let after = &rest[at + 1..];
        let Some(end) = after.find('}').filter(|end| !after[..*end].contains(['{', '\n'])) else {
            problems.push(format!(
                "{path}, line {}: a `{{` that is not a placeholder",
                line_of(text, position)
            ));
            ok = false;
            offset = position + 1;
            continue;
        };
        let inside = &after[..end];
        let token = if let Some(name) = inside.strip_prefix('?') {
            Token::Open {
                name: name.to_string(),
                when_known: true,
            }
        } else if let Some(name) = inside.strip_prefix('!') {
            Token::Open {
                name: name.to_string(),
                when_known: false,
            }
        } else if let Some(name) = inside.strip_prefix('/') {
            Token::Close(name.to_string())
        } else {
            Token::Fact(inside.to_string())
        };
        let name = match &token {
            Token::Open { name, .. } | Token::Close(name) | Token::Fact(name) => name,
            Token::Text(_) => unreachable!(),
        };
        if !is_name(name) {
            problems.push(format!(
                "{path}, line {}: {{{inside}}} is not a placeholder (names are lowercase_with_underscores)",
                line_of(text, position)
            ));
            ok = false;
        }
        if !literal.is_empty() {
            tokens.push(Token::Text(std::mem::take(&mut literal)));
        }
        tokens.push(token);
        offset = position + 1 + end + 1;
    }
    if !literal.is_empty() {
        tokens.push(Token::Text(literal));
    }
    ok.then_some(tokens)
}

/// A block tag alone on its line takes the line (its indentation and its
/// line break) with it.
fn trim_standalone(mut tokens: Vec<Token>) -> Vec<Token> {
    let standalone: Vec<bool> = (0..tokens.len())
        .map(|i| {
            if !tokens[i].is_block_tag() {
                return false;
            }
            let before = match i.checked_sub(1).map(|j| &tokens[j]) {
                None => true,
                Some(Token::Text(text)) => {
                    let tail = text.rsplit('\n').next().unwrap_or("");
                    tail.trim().is_empty() && (text.contains('\n') || i == 1)
                }
                Some(_) => false,
            };
            let after = match tokens.get(i + 1) {
                None => true,
                Some(Token::Text(text)) => {
                    let head = text.split('\n').next().unwrap_or("");
                    head.trim().is_empty() && (text.contains('\n') || i + 2 == tokens.len())
                }
                Some(_) => false,
            };
            before && after
        })
        .collect();
    for (i, alone) in standalone.into_iter().enumerate() {
        if !alone {
            continue;
        }
        if let Some(Token::Text(text)) = i.checked_sub(1).and_then(|j| tokens.get_mut(j)) {
            let keep = text.trim_end_matches([' ', '\t']).len();
            text.truncate(keep);
        }
        if let Some(Token::Text(text)) = tokens.get_mut(i + 1) {
            let head = text.find('\n').map_or(text.len(), |n| n + 1);
            text.drain(..head);
        }
    }
    tokens
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn today() -> NaiveDate {
        day(2026, 11, 28)
    }

    fn embedded_files() -> Vec<(String, String)> {
        let mut files = Vec::new();
        for folder in [SCRIPTS_DIR, LETTERS_DIR, "blanks"] {
            files.extend(super::super::embedded_files(Lang::En, folder));
        }
        files
    }

    /// Every fact known, with values as long as real ones.
    fn rich_facts() -> Facts {
        let mut facts = Facts::new();
        for fact in Fact::ALL {
            facts.set(*fact, format!("<{}> & co", fact.name()));
        }
        facts.set_date(Fact::Today, today(), today());
        facts.set_date(Fact::ServiceDate, day(2026, 3, 14), today());
        facts.set(Fact::AmountDue, "$2,840.00");
        facts.set(
            Fact::TopFindingAsk,
            "Please remove the repeated Complete blood count on Sat, Mar 14 ($142.00), or tell me why it was done 2 times.",
        );
        facts.set(
            Fact::MoreAsks,
            "Please remove line 4, the blood draw billed a second time on Sat, Mar 14 ($38.00).\n\
             Please tell me what supports an ER visit at level 5 of 5 on line 1 ($3,120.00).",
        );
        facts.set_forms(
            Fact::Findings,
            "Complete blood count billed 2 times ($142.00)\nER visit billed at level 5 of 5 ($1,200.00)",
            "1. Complete blood count billed 2 times ($142.00)\n   It is billed twice on Mar 14 with no modifier.\n   \
             Please remove the repeated one.\n2. ER visit billed at level 5 of 5 ($1,200.00)\n   Level 5 is for the \
             most complex visits.\n   Please tell me what supports level 5.",
        );
        facts
    }

    fn just_today() -> Facts {
        let mut facts = Facts::new();
        facts.set_date(Fact::Today, today(), today());
        facts
    }

    /// "$0.00" or "0.00" on its own (not the end of "$2,840.00").
    pub(crate) fn shows_zero_dollars(text: &str) -> bool {
        text.match_indices("0.00").any(|(at, _)| {
            let before = text[..at].chars().next_back();
            !before.is_some_and(|c| c.is_ascii_digit() || c == ',')
        })
    }

    pub(crate) fn assert_clean(what: &str, text: &str) {
        assert!(
            !text.contains('{') && !text.contains('}'),
            "{what}: a placeholder is left:\n{text}"
        );
        assert!(!text.contains("None"), "{what}: shows None:\n{text}");
        assert!(!shows_zero_dollars(text), "{what}: shows 0.00 for an unknown:\n{text}");
        assert!(!text.contains("\n\n\n"), "{what}: has an empty gap:\n{text}");
        for gap in ["  ", " .", " ,", "()", "[]", ": \n", " :"] {
            let body: String = text.lines().map(str::trim_start).collect::<Vec<_>>().join("\n");
            assert!(!body.contains(gap), "{what}: has a gap {gap:?}:\n{text}");
        }
        assert!(!text.trim().is_empty(), "{what} is empty");
    }

    #[test]
    fn the_embedded_templates_load() {
        if let Err(e) = Templates::embedded() {
            panic!("{e}");
        }
    }

    #[test]
    fn every_script_renders_whole_for_a_rich_and_an_empty_bill() {
        let templates = Templates::embedded().unwrap();
        for &kind in ScriptKind::ALL {
            for (label, facts) in [("rich", rich_facts()), ("empty", just_today())] {
                let html = templates.render_script(kind, &facts);
                let what = format!("{} ({label})", kind.path());
                html.check_tags().unwrap_or_else(|e| panic!("{what}: {e}"));
                let shown = html.to_plain();
                assert_clean(&what, &shown);
                assert!(
                    shown.chars().count() <= 2_500,
                    "{what} is {} characters, too long to read during a call",
                    shown.chars().count()
                );
                assert!(shown.contains("You:"), "{what} has no turns");
                assert!(shown.contains("If they say"), "{what} has no replies");
                assert!(
                    shown.contains("name") && shown.contains("reference number"),
                    "{what} does not end with what to write down"
                );
                if label == "rich" {
                    assert!(!html.as_str().contains("<amount_due>"), "values are escaped");
                } else {
                    for fact in templates.script_blanks(kind) {
                        if fact != Fact::Today {
                            assert!(shown.contains(templates.blank(fact)), "{what}: no blank for {fact:?}");
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn every_letter_renders_whole_dated_and_says_it_is_not_legal_advice() {
        let templates = Templates::embedded().unwrap();
        for &kind in LetterKind::ALL {
            for (label, facts) in [("rich", rich_facts()), ("empty", just_today())] {
                let letter = templates.render_letter(kind, &facts);
                let what = format!("{} ({label})", kind.path());
                assert_clean(&what, &letter);
                assert!(letter.contains("November 28, 2026"), "{what} is not dated");
                assert!(
                    letter.contains("not legal advice"),
                    "{what} lacks the not-legal-advice line"
                );
                assert!(letter.ends_with('\n') && !letter.ends_with("\n\n"));
                if label == "empty" {
                    for fact in templates.letter_blanks(kind) {
                        if fact != Fact::Today {
                            assert!(letter.contains(templates.blank(fact)), "{what}: no blank for {fact:?}");
                        }
                    }
                    assert!(letter.contains(templates.blank(Fact::PatientName)), "{what}");
                } else {
                    assert!(
                        letter.contains("<patient_name> & co"),
                        "letters are not escaped: {letter}"
                    );
                }
            }
        }
    }

    #[test]
    fn blocks_show_by_what_is_known_and_take_their_lines_with_them() {
        let mut problems = Vec::new();
        let template = Template::parse(
            "t",
            "Hi.\n{?lump_sum}\nI can pay {lump_sum} now.\n{/lump_sum}\n{!lump_sum}\nNo lump sum.\n{/lump_sum}\nBye {?monthly}({monthly}){/monthly}.\n",
            &mut problems,
        )
        .unwrap();
        assert!(problems.is_empty());
        let blanks: BTreeMap<Fact, String> = BTreeMap::new();
        let mut facts = Facts::new();
        assert_eq!(
            template.render(&facts, &blanks, Mode::Letter),
            "Hi.\nNo lump sum.\nBye ."
        );
        facts.set(Fact::LumpSum, "$500.00");
        facts.set(Fact::Monthly, "$50.00");
        assert_eq!(
            template.render(&facts, &blanks, Mode::Letter),
            "Hi.\nI can pay $500.00 now.\nBye ($50.00)."
        );
    }

    #[test]
    fn an_unknown_fact_shows_its_blank_and_empty_text_is_unknown() {
        let templates = Templates::embedded().unwrap();
        let mut facts = just_today();
        facts.set(Fact::AccountNumber, "   ");
        assert!(!facts.is_known(Fact::AccountNumber));
        facts.set_opt(Fact::AmountDue, None);
        assert!(!facts.is_known(Fact::AmountDue));
        let letter = templates.render_letter(LetterKind::ItemizedRequest, &facts);
        assert!(letter.contains(templates.blank(Fact::AccountNumber)), "{letter}");
        assert_eq!(templates.blank(Fact::AccountNumber), "[your account number]");
    }

    #[test]
    fn dates_are_short_in_scripts_and_long_in_letters() {
        let mut facts = Facts::new();
        facts.set_date(Fact::ServiceDate, day(2026, 3, 14), today());
        assert_eq!(facts.get(Fact::ServiceDate), Some("Sat, Mar 14"));
        assert_eq!(facts.get_letter(Fact::ServiceDate), Some("March 14, 2026"));
        facts.set_date(Fact::ServiceDate, day(2025, 12, 1), today());
        assert_eq!(facts.get(Fact::ServiceDate), Some("Mon, Dec 1, 2025"));
    }

    #[test]
    fn a_missing_template_an_unknown_placeholder_and_an_unknown_file_are_reported() {
        let mut files = embedded_files();
        files.retain(|(path, _)| path != "letters/hardship_plan.txt");
        let hospital = files
            .iter_mut()
            .find(|(path, _)| path == "scripts/hospital.txt")
            .unwrap();
        hospital.1.push_str("\n<b>You:</b> My card is {credit_card}.\n");
        files.push(("scripts/dentist.txt".into(), "Hi".into()));
        let problems = Templates::from_files(files).unwrap_err().problems;
        assert!(
            problems.iter().any(|p| p == "missing file letters/hardship_plan.txt"),
            "{problems:?}"
        );
        assert!(
            problems
                .iter()
                .any(|p| p.contains("scripts/hospital.txt") && p.contains("{credit_card}")),
            "{problems:?}"
        );
        assert!(
            problems.iter().any(|p| p.contains("scripts/dentist.txt: unknown file")),
            "{problems:?}"
        );
    }

    #[test]
    fn unbalanced_blocks_stray_braces_and_bad_markup_are_reported() {
        let cases = [
            ("scripts/doctor.txt", "{?lump_sum}open", "never closed"),
            ("scripts/doctor.txt", "{/lump_sum}", "closes nothing"),
            (
                "scripts/doctor.txt",
                "{?lump_sum}{?monthly}x{/lump_sum}{/monthly}",
                "closes nothing",
            ),
            ("scripts/doctor.txt", "Pay {amount due}", "not a placeholder"),
            ("scripts/doctor.txt", "Pay } now", "outside a placeholder"),
            ("scripts/doctor.txt", "Pay { now", "not a placeholder"),
            ("scripts/doctor.txt", "<b>{?lump_sum}x</b>{/lump_sum}", "never closed"),
            ("scripts/doctor.txt", "<u>x</u>", "not allowed"),
            ("scripts/doctor.txt", "Tom & Jerry", "bare `&`"),
            ("letters/hardship_plan.txt", "<b>Dear</b>", "plain text"),
            ("blanks/blanks.toml", "account_number = \"\"", "non-empty"),
            ("blanks/blanks.toml", "nonsense = \"x\"", "unknown fact `nonsense`"),
        ];
        for (path, text, expected) in cases {
            let mut files = embedded_files();
            let file = files.iter_mut().find(|(p, _)| p == path).unwrap();
            if path == BLANKS_FILE {
                // Replaces the line with the same key, or adds the line.
                let key = text.split(' ').next().unwrap();
                let mut lines: Vec<String> = file
                    .1
                    .lines()
                    .filter(|line| !line.starts_with(&format!("{key} =")))
                    .map(String::from)
                    .collect();
                lines.push(text.to_string());
                file.1 = lines.join("\n");
            } else {
                file.1 = text.to_string();
            }
            let problems = Templates::from_files(files).unwrap_err().problems;
            assert!(
                problems.iter().any(|p| p.contains(path) && p.contains(expected)),
                "{path} {text:?}: {problems:?}"
            );
        }
    }

    #[test]
    fn a_missing_blank_is_reported() {
        let mut files = embedded_files();
        let blanks = files.iter_mut().find(|(p, _)| p == BLANKS_FILE).unwrap();
        blanks.1 = blanks
            .1
            .lines()
            .filter(|line| !line.starts_with("monthly ="))
            .collect::<Vec<_>>()
            .join("\n");
        let problems = Templates::from_files(files).unwrap_err().problems;
        assert!(
            problems.iter().any(|p| p.contains("missing blank for `monthly`")),
            "{problems:?}"
        );
    }

    #[test]
    fn from_dir_reads_the_subfolders_and_reports_what_is_missing() {
        let dir = tempfile::tempdir().unwrap();
        for (path, text) in embedded_files() {
            let target = dir.path().join(&path);
            std::fs::create_dir_all(target.parent().unwrap()).unwrap();
            std::fs::write(target, text).unwrap();
        }
        let templates = Templates::from_dir(dir.path()).unwrap();
        assert!(templates
            .render_script(ScriptKind::Hospital, &just_today())
            .as_str()
            .contains("You:"));

        std::fs::remove_file(dir.path().join("scripts/collections.txt")).unwrap();
        std::fs::write(dir.path().join("letters/billing_dispute.txt"), "Owed: {amount_owed}").unwrap();
        let problems = Templates::from_dir(dir.path()).unwrap_err().problems;
        assert!(
            problems.iter().any(|p| p == "missing file scripts/collections.txt"),
            "{problems:?}"
        );
        assert!(
            problems
                .iter()
                .any(|p| p.contains("letters/billing_dispute.txt") && p.contains("{amount_owed}")),
            "{problems:?}"
        );

        std::fs::remove_dir_all(dir.path().join("letters")).unwrap();
        let problems = Templates::from_dir(dir.path()).unwrap_err().problems;
        assert!(
            problems.iter().any(|p| p.contains("cannot read folder")),
            "{problems:?}"
        );
    }

    #[test]
    fn ids_round_trip_and_name_their_files() {
        for &kind in ScriptKind::ALL {
            assert_eq!(ScriptKind::from_id(kind.id()), Some(kind));
        }
        for &kind in LetterKind::ALL {
            assert_eq!(LetterKind::from_id(kind.id()), Some(kind));
        }
        assert_eq!(ScriptKind::InsurerAppeal.path(), "scripts/insurer_appeal.txt");
        assert_eq!(LetterKind::DebtValidation.document_name(), "debt-validation.txt");
        for fact in Fact::ALL {
            assert_eq!(Fact::from_name(fact.name()), Some(*fact));
        }
    }
}
