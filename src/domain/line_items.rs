//! Reading an itemized hospital or clinic bill pasted as text (or a .txt /
//! .csv file's contents) into line items the user can confirm.
//!
//! Each line is split into fields by tabs, pipes, commas or semicolons
//! (CSV, with quoted fields) or runs of two or more spaces, then read by
//! position and shape: a date anywhere, a 4-digit revenue code before the
//! description, a CPT/HCPCS code with its modifiers, the LAST money-looking
//! field as the line total, the whole number just before it (or `x2`,
//! `qty 2`) as units, and the remaining words as the description. A price
//! typed with how many times at the end (`36415 blood draw 45 x2`, `$45
//! twice`, `45 2 times`, `45 dos veces`) is that
//! many units, the line total their product.
//! Headers, totals, payments and page footers are skipped; a line that
//! looks like a charge but cannot be read is reported as unreadable, never
//! guessed at and never a panic.
//!
//! Codes are checked for shape only, never looked up.
//!
//! Layouts not supported: the revenue code after the description; several
//! amount columns (charges, payments, balance: the last one is taken);
//! unquoted thousands separators inside CSV rows (`1,850.00` must be quoted,
//! as spreadsheets do); decimal quantities (`1.00`); a description wrapped
//! onto the next line (the continuation is skipped).

use super::csv::{join_quoted_lines, split_csv_line};
use crate::domain::dates::{parse_date, DateError};
use crate::domain::money::{parse_amount, parse_signed_amount, MAX_AMOUNT};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// The most text [`parse_bill_text`] reads; when there is more,
/// [`ParsedBill::truncated`] is set.
pub const MAX_BILL_BYTES: usize = 100_000;
/// The most lines [`parse_bill_text`] reads; when there are more,
/// [`ParsedBill::truncated`] is set.
pub const MAX_BILL_LINES: usize = 2_000;
/// A longer line is not a bill line: [`read_line`] calls it unreadable.
pub const MAX_LINE_CHARS: usize = 1_000;

/// Unreadable lines are kept for showing back, cut to this many characters.
const SHOWN_LINE_CHARS: usize = 200;
/// The largest unit count read from a line.
const MAX_UNITS: u32 = 9_999;

/// One charge on an itemized bill, as printed.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LineItem {
    #[serde(default)]
    pub date: Option<NaiveDate>,
    /// UB-04 revenue code, 4 digits (`0450`).
    #[serde(default)]
    pub revenue_code: Option<String>,
    /// CPT or HCPCS code, upper case (`99285`, `J1885`, `0001U`).
    #[serde(default)]
    pub code: Option<String>,
    /// Two-character modifiers in the order printed (`25`, `LT`).
    #[serde(default)]
    pub modifiers: Vec<String>,
    #[serde(default)]
    pub description: String,
    /// 1 when the line does not say.
    #[serde(default = "one")]
    pub units: u32,
    /// The line total as printed; negative for credits and adjustments.
    pub amount: Decimal,
}

fn one() -> u32 {
    1
}

/// What one line of a bill turned out to be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LineRead {
    /// A charge (or credit) line.
    Item(LineItem),
    /// Not a charge: blank, a header, a total, a payment, a page footer…
    Skipped,
    /// Looks like a charge but cannot be read safely.
    Unreadable,
}

/// A whole pasted bill: the items read, and the lines to show back as
/// "I could not read these".
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ParsedBill {
    pub items: Vec<LineItem>,
    pub unreadable: Vec<String>,
    /// The text was longer than the limits and was read only in part.
    pub truncated: bool,
    /// The total of charges the bill prints (`TOTAL CHARGES 6,787.50`),
    /// the last one when there are several: compared with the sum of the
    /// lines read, it shows a line missed (by OCR above all).
    pub printed_total: Option<Decimal>,
}

/// A CPT-shaped code (5 digits, or 4 digits and `F`/`T`/`U`/`M`) or a
/// HCPCS Level II one (a letter A–V and 4 digits). Either case.
pub fn is_procedure_code(s: &str) -> bool {
    let bytes = s.as_bytes();
    if bytes.len() != 5 {
        return false;
    }
    let digits = |part: &[u8]| part.iter().all(u8::is_ascii_digit);
    let last = bytes[4].to_ascii_uppercase();
    let first = bytes[0].to_ascii_uppercase();
    (digits(&bytes[..4]) && (last.is_ascii_digit() || matches!(last, b'F' | b'T' | b'U' | b'M')))
        || ((b'A'..=b'V').contains(&first) && digits(&bytes[1..]))
}

/// Two letters or digits (`25`, `LT`, `XU`). Shape only.
pub fn is_modifier(s: &str) -> bool {
    s.len() == 2 && s.bytes().all(|b| b.is_ascii_alphanumeric())
}

/// Four digits (`0450`), other than `0000`. Shape only: whether a 4-digit
/// number on a line is a revenue code depends on where it sits.
pub fn is_revenue_code(s: &str) -> bool {
    s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit()) && s != "0000"
}

/// Reads a whole bill, line by line.
///
/// Reads at most [`MAX_BILL_BYTES`] (cut at the last whole line) and
/// [`MAX_BILL_LINES`]; when more was sent, `truncated` says so.
pub fn parse_bill_text(text: &str, today: NaiveDate) -> ParsedBill {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let (text, mut cut) = within_byte_limit(text);
    let mut bill = ParsedBill::default();
    // A CSV field in quotes may span lines: one record, one line.
    let lines = join_quoted_lines(text);
    let mut lines = lines.iter().map(String::as_str);
    for line in lines.by_ref().take(MAX_BILL_LINES) {
        match read_line(line, today) {
            LineRead::Item(item) => bill.items.push(item),
            LineRead::Skipped => bill.printed_total = printed_total(line).or(bill.printed_total),
            LineRead::Unreadable => bill.unreadable.push(shown_line(line)),
        }
    }
    cut |= lines.any(|line| !line.trim().is_empty());
    bill.truncated = cut;
    bill
}

/// Reads one line of a bill, or one item typed on its own
/// (`99285 ER visit level 5 $2,400`).
pub fn read_line(line: &str, today: NaiveDate) -> LineRead {
    let line = line.trim();
    if !line.chars().any(char::is_alphanumeric) || starts_like_summary_or_footer(line) {
        return LineRead::Skipped;
    }
    if line.chars().count() > MAX_LINE_CHARS {
        return LineRead::Unreadable;
    }
    let mut reading = Reading::new(split_fields(line));
    let dates = reading.take_dates(today);
    let leading_code = reading.starts_with_code();
    // "36415 blood draw 45 x2": a price, then how many times, at the end
    // of a typed line: the line total is their product.
    let times = reading.take_trailing_times();
    let amount = reading.take_amount(leading_code);
    let (amount, units) = match (amount, times) {
        (Amount::Found { at, value }, Some(times)) => match value.checked_mul(Decimal::from(times)) {
            Some(total) if total.abs() <= MAX_AMOUNT => (Amount::Found { at, value: total }, Some(times)),
            _ => (Amount::Bad { with_dollar: false }, None),
        },
        (Amount::Found { at, value }, None) => (amount, reading.take_units(at, value)),
        (other, _) => (other, None),
    };
    let codes = reading.take_codes();
    let description = reading.description();
    if is_summary(&description, &codes) {
        return LineRead::Skipped;
    }
    let has_code = codes.code.is_some() || codes.revenue_code.is_some();
    match amount {
        Amount::Missing if leading_code => LineRead::Unreadable,
        Amount::Missing => LineRead::Skipped,
        Amount::Bad { with_dollar } if with_dollar || has_code || dates.first.is_some() => LineRead::Unreadable,
        Amount::Bad { .. } => LineRead::Skipped,
        Amount::Found { .. } if dates.impossible || (!has_code && description.is_empty()) => LineRead::Unreadable,
        Amount::Found { value, .. } => LineRead::Item(LineItem {
            date: dates.first,
            revenue_code: codes.revenue_code,
            code: codes.code,
            modifiers: codes.modifiers,
            description,
            units: units.unwrap_or(1),
            amount: value,
        }),
    }
}

/// Keeps whole lines within [`MAX_BILL_BYTES`]; true when something was cut.
fn within_byte_limit(text: &str) -> (&str, bool) {
    if text.len() <= MAX_BILL_BYTES {
        return (text, false);
    }
    let mut end = MAX_BILL_BYTES;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let head = &text[..end];
    let whole_lines = head.rfind('\n').map_or("", |newline| &head[..newline]);
    (whole_lines, true)
}

/// The trimmed line, cut for showing back.
fn shown_line(line: &str) -> String {
    let line = line.trim();
    if line.chars().count() <= SHOWN_LINE_CHARS {
        return line.to_string();
    }
    let mut shown: String = line.chars().take(SHOWN_LINE_CHARS).collect();
    shown.push('…');
    shown
}

// ---------------------------------------------------------------------------
// Lines that are not charges
// ---------------------------------------------------------------------------

/// How totals, payments, headers and footers begin.
const SKIPPED_OPENINGS: &[&str] = &[
    "total",
    "totals",
    "subtotal",
    "sub-total",
    "sub total",
    "grand total",
    "balance",
    "amount due",
    "amount you owe",
    "amount owed",
    "amount paid",
    "amount enclosed",
    "charges",
    "payment",
    "payments",
    "paid",
    "adjustments",
    "credits",
    "previous balance",
    "prior balance",
    "current balance",
    "new balance",
    "you owe",
    "your balance",
    "your share",
    "please pay",
    "pay this amount",
    "due date",
    "due by",
    "insurance",
    "patient",
    "page",
    "continued",
    "cont'd",
    "account",
    "acct",
    "statement",
    "guarantor",
    "mrn",
    "medical record",
    "invoice number",
    "invoice #",
    "invoice date",
    "claim number",
    "claim #",
    "member id",
    "policy number",
    "policy #",
    "group number",
    "group #",
    "phone",
    "tel",
    "fax",
    "date of service",
    "admit date",
    "admission date",
    "discharge date",
    "billing date",
    "remit",
    "thank you",
    "questions",
];

/// The amount of a line that gives the total of the charges: `TOTAL
/// CHARGES $4,512.00`, `Total: 2,333.00`, `GRAND TOTAL 8,632.50` — not a
/// subtotal, and not a balance or an amount due (payments may be off it).
fn printed_total(line: &str) -> Option<Decimal> {
    let lower = line.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .collect();
    let saying_total = words.iter().any(|w| *w == "total" || *w == "totals")
        && !words.iter().any(|w| {
            [
                "subtotal",
                "sub",
                "due",
                "balance",
                "payments",
                "paid",
                "adjustments",
                "insurance",
            ]
            .contains(w)
        });
    if !saying_total
        || words
            .iter()
            .filter(|w| w.chars().any(|c| c.is_ascii_alphabetic()))
            .count()
            > 4
    {
        return None;
    }
    let amount = line
        .split_whitespace()
        .rev()
        .find(|token| token.chars().any(|c| c.is_ascii_digit()))?;
    parse_amount(amount).ok().filter(|total| !total.is_zero())
}

/// True for lines such as `TOTAL CHARGES $4,512.00`, `Page 1 of 2` or
/// `Account number: 123`, whatever follows the opening words.
fn starts_like_summary_or_footer(line: &str) -> bool {
    let lower = line.trim_start_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
    SKIPPED_OPENINGS.iter().any(|opening| {
        lower
            .strip_prefix(opening)
            .is_some_and(|rest| !rest.starts_with(|c: char| c.is_alphanumeric()))
    })
}

/// Totals and payments inside a line (`03/20/2026 PAYMENT - THANK YOU
/// -50.00`, `0300 LAB SUBTOTAL 540.00`). A line with a procedure code is a
/// charge even when its name has "total" in it (`82465 TOTAL CHOLESTEROL`).
fn is_summary(description: &str, codes: &Codes) -> bool {
    let words: Vec<String> = description
        .split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .map(str::to_lowercase)
        .collect();
    let has = |word: &str| words.iter().any(|w| w == word);
    if has("subtotal") || words.windows(2).any(|pair| pair[0] == "sub" && pair[1] == "total") {
        return true;
    }
    codes.code.is_none()
        && (["total", "totals", "balance", "payment", "payments", "paid", "pmt"]
            .iter()
            .any(|word| has(word))
            || (has("amount") && has("due")))
}

// ---------------------------------------------------------------------------
// Fields and tokens
// ---------------------------------------------------------------------------

/// Splits a line into fields by the separator it uses.
fn split_fields(line: &str) -> Vec<String> {
    if line.contains(['\t', '|']) {
        line.split(['\t', '|']).flat_map(split_on_wide_spaces).collect()
    } else {
        let commas = separator_count(line, ',');
        let semicolons = separator_count(line, ';');
        if semicolons >= 2 && semicolons >= commas {
            split_csv_line(line, ';')
        } else if commas >= 2 {
            split_csv_line(line, ',')
        } else {
            split_on_wide_spaces(line)
        }
    }
}

/// Splits on runs of two or more spaces (columns of a printed bill).
fn split_on_wide_spaces(text: &str) -> Vec<String> {
    let mut fields = vec![String::new()];
    let mut spaces = 0;
    for c in text.chars() {
        if c.is_whitespace() {
            spaces += 1;
            continue;
        }
        if spaces >= 2 {
            fields.push(String::new());
        }
        if let Some(field) = fields.last_mut() {
            if spaces == 1 && !field.is_empty() {
                field.push(' ');
            }
            field.push(c);
        }
        spaces = 0;
    }
    fields
}

/// Counts the separators that would split a CSV row: outside quotes, not
/// followed by a space, and (for commas) not a thousands separator as in
/// `1,850.00`. A quoted field counts as one more, so `x,"1,234.00"` is CSV.
fn separator_count(line: &str, separator: char) -> usize {
    let chars: Vec<char> = line.chars().collect();
    let mut in_quotes = false;
    let mut count = 0;
    for (i, &c) in chars.iter().enumerate() {
        if c == '"' {
            in_quotes = !in_quotes;
            let opens_field = i == 0 || chars[i - 1] == separator;
            count += usize::from(in_quotes && opens_field && i > 0);
        } else if c == separator && !in_quotes {
            let next = chars.get(i + 1).copied();
            let thousands =
                separator == ',' && i > 0 && chars[i - 1].is_ascii_digit() && is_digit_group(&chars[i + 1..]);
            count += usize::from(next != Some(' ') && !thousands);
        }
    }
    count
}

/// Exactly three digits, then a non-digit or the end.
fn is_digit_group(rest: &[char]) -> bool {
    rest.len() >= 3 && rest[..3].iter().all(char::is_ascii_digit) && !rest.get(3).is_some_and(char::is_ascii_digit)
}

/// One word of a line, with the field it came from.
struct Token {
    text: String,
    field: usize,
    /// The only word in its field (a column by itself).
    alone: bool,
}

impl Token {
    /// The word for recognizing shapes: without a trailing `,` or `;`.
    fn key(&self) -> &str {
        self.text.trim_end_matches([',', ';'])
    }
}

fn tokenize(fields: Vec<String>) -> Vec<Token> {
    let mut tokens = Vec::new();
    for (field, text) in fields.iter().enumerate() {
        let words: Vec<&str> = text.split_whitespace().collect();
        let alone = words.len() == 1;
        tokens.extend(words.into_iter().map(|word| Token {
            text: word.to_string(),
            field,
            alone,
        }));
    }
    tokens
}

// ---------------------------------------------------------------------------
// Reading a line: each pass takes the words it recognizes
// ---------------------------------------------------------------------------

/// What the date pass found.
struct Dates {
    first: Option<NaiveDate>,
    /// A date-shaped word that is no real day (`13/45/2026`).
    impossible: bool,
}

/// What the amount pass found.
#[derive(Clone, Copy)]
enum Amount {
    Missing,
    /// Shaped like money but not readable (`$2,40.00`, `$12.345`).
    Bad {
        with_dollar: bool,
    },
    /// `at` is the first word of the amount.
    Found {
        at: usize,
        value: Decimal,
    },
}

/// What the code pass found.
#[derive(Default)]
struct Codes {
    revenue_code: Option<String>,
    code: Option<String>,
    modifiers: Vec<String>,
}

/// The words of a line, and which ones a pass has already taken.
struct Reading {
    tokens: Vec<Token>,
    taken: Vec<bool>,
}

impl Reading {
    fn new(fields: Vec<String>) -> Self {
        let tokens = tokenize(fields);
        let taken = vec![false; tokens.len()];
        Reading { tokens, taken }
    }

    fn key(&self, i: usize) -> &str {
        self.tokens[i].key()
    }

    fn free(&self) -> Vec<usize> {
        (0..self.tokens.len()).filter(|&i| !self.taken[i]).collect()
    }

    fn previous_free(&self, i: usize) -> Option<usize> {
        (0..i).rev().find(|&j| !self.taken[j])
    }

    fn next_free(&self, i: usize) -> Option<usize> {
        (i + 1..self.tokens.len()).find(|&j| !self.taken[j])
    }

    fn same_field(&self, a: usize, b: usize) -> bool {
        self.tokens[a].field == self.tokens[b].field
    }

    fn take(&mut self, range: std::ops::Range<usize>) {
        for i in range {
            self.taken[i] = true;
        }
    }

    // ---- dates ----------------------------------------------------------

    /// Takes every date on the line; the first one is the date of service.
    fn take_dates(&mut self, today: NaiveDate) -> Dates {
        let mut dates = Dates {
            first: None,
            impossible: false,
        };
        let mut i = 0;
        while i < self.tokens.len() {
            match self.date_at(i, today) {
                Some((len, result)) => {
                    self.take(i..i + len);
                    match result {
                        Ok(date) => dates.first = dates.first.or(Some(date)),
                        Err(_) => dates.impossible = true,
                    }
                    i += len;
                }
                None => i += 1,
            }
        }
        dates
    }

    /// A date starting at word `i`: how many words it spans and the day
    /// (or [`DateError::Impossible`]). Short forms that could be part of a
    /// description (`1/2`, `May 5`, `today`) count only at the start.
    fn date_at(&self, i: usize, today: NaiveDate) -> Option<(usize, Result<NaiveDate, DateError>)> {
        let at_start = i == 0;
        let key = self.key(i);
        let has_year = key.matches(['/', '-']).count() >= 2;
        if at_start || has_year {
            if let Some(found) = readable_date(key, today) {
                return Some((1, found));
            }
        }
        let in_field = |j: usize| j < self.tokens.len() && self.same_field(i, j);
        if in_field(i + 2) {
            let year = self.key(i + 2);
            if at_start || (year.len() == 4 && year.bytes().all(|b| b.is_ascii_digit())) {
                let words = format!("{} {} {}", key, self.key(i + 1), year);
                if let Some(found) = readable_date(&words, today) {
                    return Some((3, found));
                }
            }
        }
        if at_start && in_field(i + 1) {
            let words = format!("{} {}", key, self.key(i + 1));
            return readable_date(&words, today).map(|found| (2, found));
        }
        None
    }

    // ---- codes at the start -----------------------------------------------

    /// True when the line (after its dates, a line number and a `CPT`
    /// label) begins with a procedure or revenue code.
    fn starts_with_code(&self) -> bool {
        let free = self.free();
        let mut words = free.iter().map(|&i| self.key(i)).peekable();
        if words.peek().is_some_and(|word| is_line_number(word)) {
            words.next();
        }
        if words.peek().is_some_and(|word| is_code_label(word)) {
            words.next();
        }
        words
            .next()
            .is_some_and(|word| is_revenue_code(word) || split_code(word).is_some())
    }

    // ---- amount ---------------------------------------------------------

    /// Takes the last money-looking field. A bare number (`2400`) counts
    /// only as the very last word of a line that starts with a code.
    fn take_amount(&mut self, bare_ok: bool) -> Amount {
        let free = self.free();
        let Some(&last) = free.last() else {
            return Amount::Missing;
        };
        let mut field_tails: Vec<usize> = Vec::new();
        for &i in free.iter().rev() {
            if field_tails.last().is_none_or(|&tail| !self.same_field(tail, i)) {
                field_tails.push(i);
            }
        }
        for tail in field_tails {
            if let Some((at, text)) = self.amount_ending_at(tail, bare_ok && tail == last) {
                self.take(at..tail + 1);
                return match parse_line_amount(&text) {
                    Some(value) => Amount::Found { at, value },
                    None => Amount::Bad {
                        with_dollar: text.contains('$'),
                    },
                };
            }
        }
        Amount::Missing
    }

    /// The amount whose last word is `tail`: its first word and its text,
    /// joining `120.00 CR`, `$ 80` and `80 USD`.
    fn amount_ending_at(&self, tail: usize, bare_ok: bool) -> Option<(usize, String)> {
        let key = self.key(tail);
        let before = self.previous_free(tail).filter(|&j| self.same_field(j, tail));
        if matches!(key.to_ascii_lowercase().as_str(), "cr" | "usd" | "dollars") {
            let number = before?;
            let number_key = self.key(number);
            let is_number = is_money_like(number_key) || number_key.bytes().all(|b| b.is_ascii_digit());
            return is_number.then(|| (number, format!("{number_key} {key}")));
        }
        // A sign or a dollar sign standing apart from the number, as text
        // copied from a PDF often has it: `$ 80`, `- 11.50`, `-$ 11.50`.
        // A lone minus sign is a sign even across a column gap
        // (`Adj   -  11.50`): nothing else stands alone as `-`.
        let lone_sign = self
            .previous_free(tail)
            .filter(|&j| matches!(self.key(j), "-" | "−" | "-$"));
        let dollar_before = before
            .filter(|&j| matches!(self.key(j), "$" | "-$" | "US$"))
            .or(lone_sign);
        let plain_number = is_bare_amount(key);
        if let Some(sign) = dollar_before.filter(|_| plain_number || is_money_like(key)) {
            return Some((sign, format!("{}{}", self.key(sign), key)));
        }
        (is_money_like(key) || (bare_ok && plain_number)).then(|| (tail, key.to_string()))
    }

    // ---- units ----------------------------------------------------------

    /// Takes the units: a written form (`x2`, `qty 2`) or the whole number
    /// just before the amount, skipping a unit price (`2 46.00 92.00`).
    fn take_units(&mut self, amount_at: usize, amount: Decimal) -> Option<u32> {
        self.take_written_units()
            .or_else(|| self.take_units_before(amount_at, amount))
    }

    /// Takes "x2", "x 2" or "×2" ending the line after a price (`45 x2`,
    /// `$45 x 2`): how many times the price is charged.
    fn take_trailing_times(&mut self) -> Option<u32> {
        let free = self.free();
        let (&last, rest) = free.split_last()?;
        let key = self.key(last).to_ascii_lowercase();
        let attached = key
            .strip_prefix('x')
            .or_else(|| key.strip_prefix('×'))
            .and_then(units_number)
            .map(|times| (last, times));
        let apart = || {
            let &sign = rest.last()?;
            let times = units_number(&key)?;
            (matches!(self.key(sign), "x" | "X" | "×") && self.same_field(sign, last)).then_some((sign, times))
        };
        // "$45 twice", "45 2 times", "45 dos veces".
        let in_words = || match key.as_str() {
            "twice" => Some((last, 2)),
            "times" | "veces" => {
                let &count = rest.last()?;
                let count_key = self.key(count).to_ascii_lowercase();
                let times = match count_key.as_str() {
                    "two" | "dos" => Some(2),
                    "three" | "tres" => Some(3),
                    word => units_number(word),
                }?;
                self.same_field(count, last).then_some((count, times))
            }
            _ => None,
        };
        let (from, times) = attached.or_else(apart).or_else(in_words)?;
        let price = self.previous_free(from)?;
        let priced = is_money_like(self.key(price)) || is_bare_amount(self.key(price));
        // "ER visit level 5 x2" names a level, not a price.
        let after_level_word = self
            .previous_free(price)
            .is_some_and(|j| is_level_word(&self.key(j).to_ascii_lowercase()));
        if !priced || after_level_word || times == 0 {
            return None;
        }
        self.take(from..last + 1);
        Some(times)
    }

    fn take_written_units(&mut self) -> Option<u32> {
        for i in self.free() {
            let key = self.key(i).to_ascii_lowercase();
            let attached = key
                .strip_prefix('x')
                .or_else(|| key.strip_suffix('x'))
                .or_else(|| key.strip_prefix("qty:"))
                .and_then(units_number);
            if let Some(units) = attached {
                self.taken[i] = true;
                return Some(units);
            }
            let label = matches!(
                key.trim_end_matches([':', '.']),
                "x" | "qty" | "quantity" | "units" | "unit"
            );
            let next = self.next_free(i).filter(|&j| j == i + 1);
            if let Some((next, units)) = next
                .filter(|_| label)
                .and_then(|j| Some((j, units_number(self.key(j))?)))
            {
                self.take(i..next + 1);
                return Some(units);
            }
        }
        None
    }

    fn take_units_before(&mut self, amount_at: usize, amount: Decimal) -> Option<u32> {
        let just_before = self.previous_free(amount_at)?;
        if is_money_like(self.key(just_before)) {
            return self.take_units_and_price(just_before, amount);
        }
        let units = units_number(self.key(just_before))?;
        let column = self.tokens[just_before].alone || self.same_field(just_before, amount_at);
        let word_before = self
            .previous_free(just_before)
            .filter(|&j| self.same_field(j, just_before))
            .map(|j| self.key(j).to_ascii_lowercase());
        let after_level_word = word_before.as_deref().is_some_and(is_level_word);
        let code_before = self
            .previous_free(just_before)
            .is_some_and(|j| split_code(self.key(j)).is_some());
        let is_modifier_instead = code_before && is_common_modifier(self.key(just_before));
        if !column || after_level_word || is_modifier_instead {
            return None;
        }
        self.taken[just_before] = true;
        Some(units)
    }

    /// `qty  unit-price  total`: takes the price (and the quantity) when
    /// they multiply to the total; a price equal to the total means 1 unit.
    fn take_units_and_price(&mut self, price_at: usize, amount: Decimal) -> Option<u32> {
        let price = parse_line_amount(self.key(price_at))?;
        let quantity = self
            .previous_free(price_at)
            .and_then(|j| Some((j, units_number(self.key(j))?)))
            .filter(|&(j, _)| self.tokens[j].alone || self.same_field(j, price_at));
        if let Some((at, units)) = quantity {
            if Decimal::from(units).checked_mul(price) == Some(amount) {
                self.take(at..price_at + 1);
                return Some(units);
            }
        }
        if price == amount {
            self.taken[price_at] = true;
        }
        None
    }

    // ---- codes ----------------------------------------------------------

    /// Takes a revenue code (only before the description), a procedure
    /// code (anywhere, the first one) and the modifiers after it.
    fn take_codes(&mut self) -> Codes {
        let mut codes = Codes::default();
        let mut leading = true;
        let free = self.free();
        let mut k = 0;
        while k < free.len() {
            let i = free[k];
            let key = self.key(i).to_string();
            let next_is_code = free
                .get(k + 1)
                .is_some_and(|&j| is_revenue_code(self.key(j)) || split_code(self.key(j)).is_some());
            if leading && ((k == 0 && is_line_number(&key)) || is_code_label(&key)) && next_is_code {
                self.taken[i] = true;
            } else if leading && codes.revenue_code.is_none() && codes.code.is_none() && is_revenue_code(&key) {
                codes.revenue_code = Some(key);
                self.taken[i] = true;
            } else if let Some((code, modifiers)) = split_code(&key).filter(|_| codes.code.is_none()) {
                codes.code = Some(code);
                codes.modifiers = modifiers;
                self.taken[i] = true;
                k = self.take_modifiers(&free, k, &mut codes.modifiers);
            } else {
                leading = false;
            }
            k += 1;
        }
        codes
    }

    /// Takes the modifiers written after a code (`99285 25`, `99285 mod
    /// 25`); returns the position of the last word taken. Any two-character
    /// word right after `mod` is a modifier; elsewhere only common ones are.
    fn take_modifiers(&mut self, free: &[usize], code_at: usize, modifiers: &mut Vec<String>) -> usize {
        let mut after_keyword = false;
        let mut k = code_at;
        while let Some(&i) = free.get(k + 1) {
            let key = self.key(i).to_ascii_uppercase();
            if matches!(key.trim_end_matches(':'), "MOD" | "MODS" | "MODIFIER" | "MODIFIERS") {
                after_keyword = true;
            } else {
                let written: Vec<&str> = key.split([',', '/']).map(|part| part.trim_start_matches('-')).collect();
                let accepted = written
                    .iter()
                    .all(|m| is_modifier(m) && (after_keyword || is_common_modifier(m)));
                if !accepted {
                    break;
                }
                modifiers.extend(written.iter().map(|m| m.to_string()));
                after_keyword = false;
            }
            self.taken[i] = true;
            k += 1;
        }
        k
    }

    // ---- description ------------------------------------------------------

    /// The words nobody took, joined by single spaces, without stray
    /// punctuation at either end.
    fn description(&self) -> String {
        let words: Vec<&str> = self
            .free()
            .into_iter()
            .map(|i| self.tokens[i].text.as_str())
            // Stray punctuation goes; "&" and "+" are words ("METABOLIC &
            // PANEL").
            .filter(|word| word.chars().any(|c| !c.is_ascii_punctuation()) || matches!(*word, "&" | "+"))
            .collect();
        words
            .join(" ")
            .trim_matches(|c: char| c.is_whitespace() || ",;:-|".contains(c))
            .to_string()
    }
}

// ---------------------------------------------------------------------------
// Word shapes
// ---------------------------------------------------------------------------

/// [`parse_date`] when the words are a date (a real day or an impossible
/// one); `None` when they are not a date at all.
fn readable_date(words: &str, today: NaiveDate) -> Option<Result<NaiveDate, DateError>> {
    match parse_date(words, today) {
        Err(DateError::Unreadable) => None,
        found => Some(found),
    }
}

/// `99285`, `99285-25`, `99285-25-59` → the code and its modifiers.
fn split_code(word: &str) -> Option<(String, Vec<String>)> {
    let mut parts = word.split('-').filter(|part| !part.is_empty());
    let code = parts.next().filter(|code| is_procedure_code(code))?;
    let modifiers: Vec<String> = parts.map(str::to_ascii_uppercase).collect();
    modifiers
        .iter()
        .all(|m| is_modifier(m))
        .then(|| (code.to_ascii_uppercase(), modifiers))
}

/// Modifiers read even when written apart from the code without `mod`
/// (`99285 25`); other two-letter words after a code are description
/// (`99285 ER VISIT`).
fn is_common_modifier(word: &str) -> bool {
    const COMMON: &[&str] = &[
        "22", "23", "24", "25", "26", "27", "32", "33", "47", "50", "51", "52", "53", "54", "55", "56", "57", "58",
        "59", "62", "63", "66", "73", "74", "76", "77", "78", "79", "80", "81", "82", "90", "91", "92", "95", "96",
        "97", "99", "LT", "RT", "XE", "XS", "XP", "XU", "TC", "GA", "GY", "GZ", "GX", "GC", "GN", "GO", "GP", "GT",
        "KX", "QW", "JW", "JZ", "PO", "PN", "PD", "FA", "F1", "F2", "F3", "F4", "F5", "F6", "F7", "F8", "F9", "TA",
        "T1", "T2", "T3", "T4", "T5", "T6", "T7", "T8", "T9", "E1", "E2", "E3", "E4", "LC", "LD", "LM", "RC", "RI",
        "QK", "QX", "QY", "QZ", "AS", "SA", "SG", "AA", "AD", "QS",
    ];
    COMMON.contains(&word.to_ascii_uppercase().as_str())
}

/// `CPT`, `HCPCS:`, `code`, `rev` written before a code.
fn is_code_label(word: &str) -> bool {
    matches!(
        word.to_ascii_lowercase().trim_end_matches([':', '#', '.']),
        "cpt" | "hcpcs" | "cpt/hcpcs" | "code" | "rev" | "revenue"
    )
}

/// A line number at the start of a line (`1`, `12`, `123`).
fn is_line_number(word: &str) -> bool {
    (1..=3).contains(&word.len()) && word.bytes().all(|b| b.is_ascii_digit())
}

/// Words after which a number is part of the name (`LEVEL 5`), not units.
fn is_level_word(word: &str) -> bool {
    matches!(
        word.trim_end_matches([':', '.', '#']),
        "level" | "lvl" | "lev" | "type" | "stage" | "grade" | "class" | "tier" | "room" | "bed"
    )
}

/// A whole number of units (`2`, `12`), not a code (`0450`).
fn units_number(word: &str) -> Option<u32> {
    let plain = (1..=4).contains(&word.len()) && word.bytes().all(|b| b.is_ascii_digit());
    if !plain || (word.len() == 4 && word.starts_with('0')) {
        return None;
    }
    word.parse().ok().filter(|units| *units <= MAX_UNITS)
}

/// A number with no money sign that may still be the amount at the end
/// of a line that starts with a code (`99285 ER visit 2400`).
fn is_bare_amount(word: &str) -> bool {
    (2..=7).contains(&word.len()) && word.bytes().all(|b| b.is_ascii_digit()) && !word.starts_with('0')
}

/// Shaped like money and marked as money by a `$`, a sign, parentheses,
/// `CR`, a trailing minus or a decimal or thousands separator:
/// `$2,400`, `1,850.00`, `(120.00)`, `-45`, `150.00-`. The shape may still
/// fail to parse (`$2,40.00`), which makes the line unreadable.
fn is_money_like(word: &str) -> bool {
    let lower = word.trim().to_ascii_lowercase();
    let mut core = lower.as_str();
    let mut marked = false;
    if let Some(inner) = core.strip_prefix('(').and_then(|rest| rest.strip_suffix(')')) {
        core = inner;
        marked = true;
    }
    for suffix in ["cr", "-", "$"] {
        if let Some(rest) = core.strip_suffix(suffix) {
            core = rest;
            marked = true;
        }
    }
    for prefix in ["-", "+", "−", "$", "-"] {
        if let Some(rest) = core.strip_prefix(prefix) {
            core = rest;
            marked = true;
        }
    }
    let shaped = core.starts_with(|c: char| c.is_ascii_digit() || c == '.')
        && core.chars().all(|c| c.is_ascii_digit() || c == '.' || c == ',')
        && core.chars().any(|c| c.is_ascii_digit());
    shaped && (marked || core.contains(['.', ',']))
}

/// Reads a line amount, also as `150.00-` (a credit with a trailing minus)
/// and with a typographic minus sign.
fn parse_line_amount(text: &str) -> Option<Decimal> {
    let text = text.trim().replace('−', "-");
    let text = text.as_str();
    let text = match text.strip_suffix('-') {
        Some(number) if !number.starts_with(['-', '(']) => format!("-{number}"),
        _ => text.to_string(),
    };
    parse_signed_amount(&text).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    fn day(year: i32, month: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(year, month, day).unwrap()
    }

    #[test]
    fn a_credit_reads_as_negative_in_every_spelling_seen_on_statements() {
        let today = day(2026, 11, 28);
        for text in [
            "Adj -11.50",
            "Adj   -  11.50",
            "Adj - $11.50",
            "Adj -$ 11.50",
            "Adj (11.50)",
            "Adj 11.50-",
            "Adj 11.50 CR",
            "Adj 11.50 cr",
            "Adj \u{2212}11.50",
            "Adj \u{2212} 11.50",
            "03/14/2026 ADJUSTMENT - 11.50",
        ] {
            match read_line(text, today) {
                LineRead::Item(item) => assert_eq!(item.amount, d("-11.50"), "{text:?}"),
                other => panic!("{text:?}: {other:?}"),
            }
        }
        // A hyphen inside the words is not a sign.
        match read_line("X-RAY CHEST 2 VIEWS 120.00", today) {
            LineRead::Item(item) => assert_eq!(item.amount, d("120.00")),
            other => panic!("{other:?}"),
        }
    }

    fn today() -> NaiveDate {
        day(2026, 4, 1)
    }

    /// What a test expects of one item, in a compact form.
    struct Expect {
        date: Option<NaiveDate>,
        revenue_code: Option<&'static str>,
        code: Option<&'static str>,
        modifiers: &'static [&'static str],
        description: &'static str,
        units: u32,
        amount: &'static str,
    }

    impl Expect {
        fn item(&self) -> LineItem {
            LineItem {
                date: self.date,
                revenue_code: self.revenue_code.map(str::to_string),
                code: self.code.map(str::to_string),
                modifiers: self.modifiers.iter().map(|m| m.to_string()).collect(),
                description: self.description.to_string(),
                units: self.units,
                amount: d(self.amount),
            }
        }
    }

    /// An item with only a code, a description and an amount.
    const fn coded(code: &'static str, description: &'static str, amount: &'static str) -> Expect {
        Expect {
            date: None,
            revenue_code: None,
            code: Some(code),
            modifiers: &[],
            description,
            units: 1,
            amount,
        }
    }

    fn read(line: &str) -> LineRead {
        read_line(line, today())
    }

    #[test]
    fn an_ampersand_is_part_of_the_description() {
        let LineRead::Item(item) = read_line("03/14/2026 80053 METABOLIC & PANEL $88.00", today()) else {
            panic!("read")
        };
        assert_eq!(item.description, "METABOLIC & PANEL");
    }

    #[test]
    fn a_csv_field_with_a_quoted_line_break_is_one_item() {
        let text = "Date,Code,Description,Amount\n03/14/2026,85025,\"CBC\nwith differential\",$42.00\n";
        let bill = parse_bill_text(text, today());
        assert_eq!(bill.items.len(), 1, "{:?}", bill.unreadable);
        assert_eq!(bill.items[0].description, "CBC with differential");
    }

    #[test]
    fn code_shapes() {
        for code in [
            "99285", "00100", "0001U", "3074F", "0042T", "0521M", "J1885", "G0378", "A0429", "v2020", "j1885",
        ] {
            assert!(is_procedure_code(code), "{code}");
        }
        for not_code in [
            "9928",
            "992855",
            "W1234",
            "Z9999",
            "J188",
            "J18855",
            "0001X",
            "ABCDE",
            "99 85",
            "９９２８５",
            "",
        ] {
            assert!(!is_procedure_code(not_code), "{not_code}");
        }
        for modifier in ["25", "59", "LT", "XU", "91", "f1"] {
            assert!(is_modifier(modifier), "{modifier}");
        }
        for not_modifier in ["2", "255", "-2", "L T", "", "é1"] {
            assert!(!is_modifier(not_modifier), "{not_modifier}");
        }
        for revenue in ["0450", "0300", "0250", "0762", "2026"] {
            assert!(is_revenue_code(revenue), "{revenue}");
        }
        for not_revenue in ["450", "04500", "0000", "04a0", ""] {
            assert!(!is_revenue_code(not_revenue), "{not_revenue}");
        }
    }

    #[test]
    fn reads_single_line_shapes() {
        let march_14 = Some(day(2026, 3, 14));
        let cases = [
            (
                "99285 ER visit level 5 $2,400",
                coded("99285", "ER visit level 5", "2400"),
            ),
            (
                // A price, then how many times (the trial's typed line).
                "36415 blood draw 45 x2",
                Expect {
                    units: 2,
                    ..coded("36415", "blood draw", "90")
                },
            ),
            (
                "36415 blood draw $45.50 x 2",
                Expect {
                    units: 2,
                    ..coded("36415", "blood draw", "91")
                },
            ),
            (
                // The trial's second try: the times in words.
                "36415 blood draw $45 twice",
                Expect {
                    units: 2,
                    ..coded("36415", "blood draw", "90")
                },
            ),
            (
                "36415 blood draw 45 2 times",
                Expect {
                    units: 2,
                    ..coded("36415", "blood draw", "90")
                },
            ),
            (
                "36415 extraccion de sangre 45 dos veces",
                Expect {
                    units: 2,
                    ..coded("36415", "extraccion de sangre", "90")
                },
            ),
            (
                "36415 blood draw $45 ×3",
                Expect {
                    units: 3,
                    ..coded("36415", "blood draw", "135")
                },
            ),
            (
                "J1885 ketorolac inj 2 $90.00",
                Expect {
                    units: 2,
                    ..coded("J1885", "ketorolac inj", "90")
                },
            ),
            (
                "0450 emergency room 1,850.00",
                Expect {
                    revenue_code: Some("0450"),
                    code: None,
                    ..coded("", "emergency room", "1850")
                },
            ),
            (
                "99285-25 ER VISIT $2,400.00",
                Expect {
                    modifiers: &["25"],
                    ..coded("99285", "ER VISIT", "2400")
                },
            ),
            (
                "99285 25 ER VISIT $2,400.00",
                Expect {
                    modifiers: &["25"],
                    ..coded("99285", "ER VISIT", "2400")
                },
            ),
            (
                "99285-25-59 ER VISIT 1 2400.00",
                Expect {
                    modifiers: &["25", "59"],
                    ..coded("99285", "ER VISIT", "2400")
                },
            ),
            (
                "99285 mod 25 ER visit $2400",
                Expect {
                    modifiers: &["25"],
                    ..coded("99285", "ER visit", "2400")
                },
            ),
            (
                "03/14/2026 0450 99285 ER VISIT LEVEL 5 1 $2,400.00",
                Expect {
                    date: march_14,
                    revenue_code: Some("0450"),
                    ..coded("99285", "ER VISIT LEVEL 5", "2400")
                },
            ),
            (
                "2026-03-14\t0300\t80053\tCOMPREHENSIVE METABOLIC PANEL\t1\t310.00",
                Expect {
                    date: march_14,
                    revenue_code: Some("0300"),
                    ..coded("80053", "COMPREHENSIVE METABOLIC PANEL", "310")
                },
            ),
            (
                "3/14/26 | 0636 | J2405 | ONDANSETRON 4MG | 4 | 96.00",
                Expect {
                    date: march_14,
                    revenue_code: Some("0636"),
                    units: 4,
                    ..coded("J2405", "ONDANSETRON 4MG", "96")
                },
            ),
            (
                "03/14/2026,0300,85025,,CBC W/AUTO DIFF,1,\"1,145.00\"",
                Expect {
                    date: march_14,
                    revenue_code: Some("0300"),
                    ..coded("85025", "CBC W/AUTO DIFF", "1145")
                },
            ),
            (
                "0001U blood typing panel $720.00",
                coded("0001U", "blood typing panel", "720"),
            ),
            ("3074f BP REPORTED $0.00", coded("3074F", "BP REPORTED", "0")),
            (
                "ADJUSTMENT SELF PAY (500.00)",
                Expect {
                    code: None,
                    ..coded("", "ADJUSTMENT SELF PAY", "-500")
                },
            ),
            (
                "03/20/2026 CHARITY CARE ADJUSTMENT 1,200.00 CR",
                Expect {
                    date: Some(day(2026, 3, 20)),
                    code: None,
                    ..coded("", "CHARITY CARE ADJUSTMENT", "-1200")
                },
            ),
            (
                "G0378 OBSERVATION PER HOUR x12 $1,440.00",
                Expect {
                    units: 12,
                    ..coded("G0378", "OBSERVATION PER HOUR", "1440")
                },
            ),
            (
                "J7030 normal saline qty 3 $150",
                Expect {
                    units: 3,
                    ..coded("J7030", "normal saline", "150")
                },
            ),
            (
                "Mar 14 2026 99283 ER visit level 3 $900",
                Expect {
                    date: march_14,
                    ..coded("99283", "ER visit level 3", "900")
                },
            ),
            (
                "Sept 3 36415 blood draw $35",
                Expect {
                    date: Some(day(2025, 9, 3)),
                    ..coded("36415", "blood draw", "35")
                },
            ),
            (
                "march 14th 71046 chest x-ray $412.50",
                Expect {
                    date: march_14,
                    ..coded("71046", "chest x-ray", "412.50")
                },
            ),
            (
                "yesterday 96374 iv push $480",
                Expect {
                    date: Some(day(2026, 3, 31)),
                    ..coded("96374", "iv push", "480")
                },
            ),
            (
                "93005 ECG TRACING 1 210.00 210.00",
                coded("93005", "ECG TRACING", "210"),
            ),
            (
                "J1885 KETOROLAC 2 46.00 92.00",
                Expect {
                    units: 2,
                    ..coded("J1885", "KETOROLAC", "92")
                },
            ),
            ("CPT 99214 office visit $245", coded("99214", "office visit", "245")),
            (
                "1  03/14/2026  0300  36415  VENIPUNCTURE  1  30.00",
                Expect {
                    date: march_14,
                    revenue_code: Some("0300"),
                    ..coded("36415", "VENIPUNCTURE", "30")
                },
            ),
            ("99213 VISIT REVERSAL 165.00-", coded("99213", "VISIT REVERSAL", "-165")),
            (
                "99285 ER VISIT LEVEL 5 2400",
                coded("99285", "ER VISIT LEVEL 5", "2400"),
            ),
            (
                "20610 RT JOINT INJECTION LARGE $310",
                Expect {
                    modifiers: &["RT"],
                    ..coded("20610", "JOINT INJECTION LARGE", "310")
                },
            ),
            ("80053 CMP $ 310", coded("80053", "CMP", "310")),
            (
                "14 Mar 2026 85025 CBC W/AUTO DIFF $52",
                Expect {
                    date: march_14,
                    ..coded("85025", "CBC W/AUTO DIFF", "52")
                },
            ),
            (
                "03-14-2026 0250 PHARMACY 3 $45.50",
                Expect {
                    date: march_14,
                    revenue_code: Some("0250"),
                    units: 3,
                    code: None,
                    ..coded("", "PHARMACY", "45.50")
                },
            ),
            (
                "j1885 ketorolac 2 $90",
                Expect {
                    units: 2,
                    ..coded("J1885", "ketorolac", "90")
                },
            ),
            ("99285 🚑 ER visit $2,400", coded("99285", "🚑 ER visit", "2400")),
            (
                "0450 ER 1 1850",
                Expect {
                    revenue_code: Some("0450"),
                    code: None,
                    ..coded("", "ER", "1850")
                },
            ),
            (
                "OFFICE VISIT 99214-25 -$245.00",
                Expect {
                    modifiers: &["25"],
                    ..coded("99214", "OFFICE VISIT", "-245")
                },
            ),
            (
                "03/14/2026;0300;80048;BASIC METABOLIC PANEL;1;198,00",
                Expect {
                    date: march_14,
                    revenue_code: Some("0300"),
                    ..coded("80048", "BASIC METABOLIC PANEL", "198")
                },
            ),
            (
                "82465 TOTAL CHOLESTEROL $38.00",
                coded("82465", "TOTAL CHOLESTEROL", "38"),
            ),
            (
                "A0429 AMBULANCE BLS EMERGENCY 1 $1,650.00",
                coded("A0429", "AMBULANCE BLS EMERGENCY", "1650"),
            ),
        ];
        assert!(cases.len() >= 25);
        for (line, expected) in cases {
            assert_eq!(read(line), LineRead::Item(expected.item()), "line {line:?}");
        }
    }

    #[test]
    fn skips_lines_that_are_not_charges() {
        let lines = [
            "",
            "    ",
            "DATE  REV  CPT  DESCRIPTION  QTY  AMOUNT",
            "Service Date,Code,Description,Units,Charges",
            "TOTAL CHARGES $4,512.00",
            "Subtotal 1,234.00",
            "Balance due $500.00",
            "Amount due: $1,234.56",
            "Page 1 of 2",
            "Page 1 of 12",
            "Continued on next page",
            "Account number: 123456789",
            "Statement date: 03/20/2026",
            "----------------------------------------",
            "__________",
            "=====  =====",
            "Patient: Jane Doe   MRN 00012345",
            "Insurance payment -$410.00",
            "03/20/2026 PAYMENT - THANK YOU -50.00",
            "MERCY GENERAL HOSPITAL",
            "123 Main Street, Springfield, IL 62704",
            "Suite 200",
            "0300 LABORATORY SUBTOTAL 540.00",
            "*** TOTAL DUE ***   $3,812.00",
            ",,,,Total,,\"13,536.25\"",
        ];
        for line in lines {
            assert_eq!(read(line), LineRead::Skipped, "line {line:?}");
        }
    }

    #[test]
    fn reports_charge_lines_it_cannot_read() {
        let lines = [
            "99285 ER VISIT LEVEL 5",
            "03/14/2026 0450 EMERGENCY ROOM",
            "J1885 ketorolac inj 2",
            "99285 ER VISIT $2,40.00",
            "80053 CMP $12.345",
            "99285 ER VISIT $99,999,999.00",
            "13/45/2026 99285 ER VISIT $2,400",
            "$45.00",
            "03/14/2026 $45.00",
            "Feb 30 2026 99285 ER VISIT $2,400",
            "99285 ER VISIT LEVEL 5 x2",
            "99285 ER VISIT $9,000,000 x9",
        ];
        for line in lines {
            assert_eq!(read(line), LineRead::Unreadable, "line {line:?}");
        }
        assert_eq!(read(&"9".repeat(MAX_LINE_CHARS + 1)), LineRead::Unreadable);
    }

    fn total(bill: &ParsedBill) -> Decimal {
        bill.items.iter().map(|item| item.amount).sum()
    }

    const HOSPITAL_BILL: &str = "\
MERCY GENERAL HOSPITAL
ITEMIZED STATEMENT OF CHARGES
Patient: Jane Doe            Account #: 00012345678
Statement date: 04/02/2026

DATE        REV   CPT/HCPCS    DESCRIPTION                     QTY      AMOUNT
----------  ----  -----------  ------------------------------  ---  ----------
03/14/2026  0450  99285-25     ER VISIT LEVEL 5                  1    2,400.00
03/14/2026  0300  80053        COMPREHENSIVE METABOLIC PANEL     1      310.00
03/14/2026  0300  85025        CBC W/AUTO DIFF                   1      145.00
03/14/2026  0300  36415        VENIPUNCTURE                      2       60.00
03/14/2026  0350  70450        CT HEAD W/O CONTRAST              1    3,150.00
03/14/2026  0636  J1885        KETOROLAC INJ 15MG                2       92.00
03/14/2026  0260  96374        IV PUSH SINGLE DRUG               1      480.00
03/14/2026  0250               PHARMACY GENERAL                  1       45.50
                                             SUBTOTAL PAGE 1          6,682.50
Page 1 of 2
Continued on next page
03/15/2026  0762  G0378        OBSERVATION PER HOUR             10    1,200.00
03/15/2026  0730  93005-59     ECG TRACING                       1      210.00
03/15/2026  0270               MED-SURG SUPPLIES                 1       85.00
03/15/2026  0300  80053-91     COMPREHENSIVE METABOLIC PANEL     1      310.00
03/15/2026  0300  84484        TROPONIN I QUANT
03/15/2026  0300  85025        CBC W/AUTO DIFF                          145.00
                                             TOTAL CHARGES            8,632.50
Page 2 of 2
";

    #[test]
    fn reads_a_hospital_itemized_bill() {
        let bill = parse_bill_text(HOSPITAL_BILL, today());
        assert_eq!(bill.items.len(), 13);
        assert_eq!(total(&bill), d("8632.50"));
        assert_eq!(bill.unreadable, vec!["03/15/2026  0300  84484        TROPONIN I QUANT"]);
        let march_14 = Some(day(2026, 3, 14));
        let march_15 = Some(day(2026, 3, 15));
        let expected = [
            (
                0,
                Expect {
                    date: march_14,
                    revenue_code: Some("0450"),
                    modifiers: &["25"],
                    ..coded("99285", "ER VISIT LEVEL 5", "2400")
                },
            ),
            (
                3,
                Expect {
                    date: march_14,
                    revenue_code: Some("0300"),
                    units: 2,
                    ..coded("36415", "VENIPUNCTURE", "60")
                },
            ),
            (
                7,
                Expect {
                    date: march_14,
                    revenue_code: Some("0250"),
                    code: None,
                    ..coded("", "PHARMACY GENERAL", "45.50")
                },
            ),
            (
                8,
                Expect {
                    date: march_15,
                    revenue_code: Some("0762"),
                    units: 10,
                    ..coded("G0378", "OBSERVATION PER HOUR", "1200")
                },
            ),
            (
                11,
                Expect {
                    date: march_15,
                    revenue_code: Some("0300"),
                    modifiers: &["91"],
                    ..coded("80053", "COMPREHENSIVE METABOLIC PANEL", "310")
                },
            ),
            (
                12,
                Expect {
                    date: march_15,
                    revenue_code: Some("0300"),
                    ..coded("85025", "CBC W/AUTO DIFF", "145")
                },
            ),
        ];
        for (index, expect) in expected {
            assert_eq!(bill.items[index], expect.item(), "item {index}");
        }
    }

    const CLINIC_STATEMENT: &str = "\
Lakeside Family Medicine\tProvider statement
Account: 88-20931\tStatement date: 04/10/2026
CODE\tDESCRIPTION\tDATE\tUNITS\tCHARGE
99214-25\tOFFICE VISIT EST LEVEL 4\t03/02/2026\t1\t$245.00
96372\tINJECTION IM/SUBQ\t03/02/2026\t1\t$58.00
J1030\tMETHYLPREDNISOLONE 40 MG\t03/02/2026\t1\t$32.00
81002\tURINE DIPSTICK\t03/02/2026\t1\t$18.00
36415\tBLOOD DRAW\t03/02/2026\t1\t$25.00
85025\tCBC W/AUTO DIFF\t03/02/2026\t1\t$52.00
80061\tLIPID PANEL\t03/02/2026\t1\t$96.00
3074F\tBP REPORTED UNDER 130\t03/02/2026\t1\t$0.00
93000\tECG WITH READING\t03/09/2026\t1\t$120.00
99213\tOFFICE VISIT EST LEVEL 3\t03/09/2026\t1\t$165.00
99396\tPREVENTIVE VISIT 40-64\t03/09/2026\t1\t$2,10.00
G0008\tFLU SHOT GIVEN\t03/09/2026\t1\t$35.00
90686\tFLU VACCINE\t03/09/2026\t1\t$48.00
\tInsurance payment 03/20/2026\t\t\t-$410.00
\tTotal charges\t\t\t$1,104.00
\tBalance due\t\t\t$694.00
Page 1 of 1
";

    #[test]
    fn reads_a_clinic_statement_with_tabs() {
        let bill = parse_bill_text(CLINIC_STATEMENT, today());
        assert_eq!(bill.items.len(), 12);
        assert_eq!(total(&bill), d("894.00"));
        assert_eq!(
            bill.unreadable,
            vec!["99396\tPREVENTIVE VISIT 40-64\t03/09/2026\t1\t$2,10.00"]
        );
        let march_2 = Some(day(2026, 3, 2));
        let expected = [
            (
                0,
                Expect {
                    date: march_2,
                    modifiers: &["25"],
                    ..coded("99214", "OFFICE VISIT EST LEVEL 4", "245")
                },
            ),
            (
                2,
                Expect {
                    date: march_2,
                    ..coded("J1030", "METHYLPREDNISOLONE 40 MG", "32")
                },
            ),
            (
                7,
                Expect {
                    date: march_2,
                    ..coded("3074F", "BP REPORTED UNDER 130", "0")
                },
            ),
            (
                11,
                Expect {
                    date: Some(day(2026, 3, 9)),
                    ..coded("90686", "FLU VACCINE", "48")
                },
            ),
        ];
        for (index, expect) in expected {
            assert_eq!(bill.items[index], expect.item(), "item {index}");
        }
        assert!(bill.items.iter().all(|item| item.revenue_code.is_none()));
    }

    const CSV_EXPORT: &str = "\
Service Date,Rev Code,Code,Modifier,Description,Units,Charges
2026-01-20,0450,99284,25,EMERGENCY DEPT VISIT LEVEL 4,1,\"1,875.00\"
2026-01-20,0320,71046,,CHEST X-RAY 2 VIEWS,1,\"412.00\"
2026-01-20,0300,80048,,BASIC METABOLIC PANEL,1,198.00
2026-01-20,0300,85025,,CBC W/AUTO DIFF,1,\"145.00\"
2026-01-20,0300,36415,,BLOOD DRAW,1,38.00
2026-01-20,0636,J2405,,ONDANSETRON INJ PER 1MG,4,\"96.00\"
2026-01-20,0258,J7030,,NORMAL SALINE 1000CC,1,\"127.50\"
2026-01-20,0260,96360,,IV HYDRATION FIRST HOUR,1,\"690.00\"
2026-01-20,0260,96361,,IV HYDRATION EACH ADDL HOUR,2,\"540.00\"
2026-01-20,0272,,,\"SUPPLIES, STERILE\",1,\"64.25\"
2026-01-20,0681,G0390,,TRAUMA TEAM ACTIVATION,1,\"12,500.00\"
2026-01-20,0300,84484,,TROPONIN,1,
2026-02-03,,,,SELF-PAY DISCOUNT ADJUSTMENT,,\"(3,200.00)\"
2026-02-03,,,,\"Patient payment, thank you\",,-150.00
,,,,Total,,\"13,420.75\"
";

    #[test]
    fn reads_a_csv_export() {
        let bill = parse_bill_text(CSV_EXPORT, today());
        assert_eq!(bill.items.len(), 12);
        assert_eq!(total(&bill), d("13485.75"));
        assert_eq!(bill.unreadable, vec!["2026-01-20,0300,84484,,TROPONIN,1,"]);
        let jan_20 = Some(day(2026, 1, 20));
        let expected = [
            (
                0,
                Expect {
                    date: jan_20,
                    revenue_code: Some("0450"),
                    modifiers: &["25"],
                    ..coded("99284", "EMERGENCY DEPT VISIT LEVEL 4", "1875")
                },
            ),
            (
                8,
                Expect {
                    date: jan_20,
                    revenue_code: Some("0260"),
                    units: 2,
                    ..coded("96361", "IV HYDRATION EACH ADDL HOUR", "540")
                },
            ),
            (
                9,
                Expect {
                    date: jan_20,
                    revenue_code: Some("0272"),
                    code: None,
                    ..coded("", "SUPPLIES, STERILE", "64.25")
                },
            ),
            (
                10,
                Expect {
                    date: jan_20,
                    revenue_code: Some("0681"),
                    ..coded("G0390", "TRAUMA TEAM ACTIVATION", "12500")
                },
            ),
            (
                11,
                Expect {
                    date: Some(day(2026, 2, 3)),
                    code: None,
                    ..coded("", "SELF-PAY DISCOUNT ADJUSTMENT", "-3200")
                },
            ),
        ];
        for (index, expect) in expected {
            assert_eq!(bill.items[index], expect.item(), "item {index}");
        }
    }

    #[test]
    fn refuses_more_than_the_limits() {
        let line = "99285 ER VISIT $10.00\n";
        let many_lines = line.repeat(MAX_BILL_LINES + 5);
        let bill = parse_bill_text(&many_lines, today());
        assert_eq!(bill.items.len(), MAX_BILL_LINES);
        assert!(bill.truncated && bill.unreadable.is_empty());

        let padded = format!("{:<99}\n", "99285 ER VISIT $10.00");
        let big = padded.repeat(MAX_BILL_BYTES / padded.len() + 10);
        let bill = parse_bill_text(&big, today());
        assert_eq!(bill.items.len(), MAX_BILL_BYTES / padded.len());
        assert!(bill.truncated && bill.unreadable.is_empty());

        let within = line.repeat(3);
        assert_eq!(parse_bill_text(&within, today()).unreadable, Vec::<String>::new());
    }

    #[test]
    fn survives_odd_text() {
        let odd = [
            "é".repeat(60_000),
            "💸 99285 ER visit $2,400 💸".to_string(),
            "\u{feff}99285 ER VISIT $10.00\r\n\r0450 ER $5.00\r".to_string(),
            "\"\"\",,,\"".to_string(),
            "$,$,$,$".to_string(),
            "(((())))-$-$-$ cr cr".to_string(),
        ];
        for text in &odd {
            let bill = parse_bill_text(text, today());
            for item in &bill.items {
                assert_eq!(item.description.trim(), item.description);
            }
        }
        let bill = parse_bill_text(&odd[2], today());
        assert_eq!(bill.items.len(), 2);
    }

    proptest! {
        #[test]
        fn never_panics_and_descriptions_are_trimmed(text in "\\PC{0,400}") {
            let bill = parse_bill_text(&text, today());
            for item in &bill.items {
                prop_assert_eq!(item.description.trim(), item.description.as_str());
            }
        }

        #[test]
        fn bill_like_text_never_panics(
            lines in proptest::collection::vec(
                "[0-9A-Za-z$,.()\\-/| \t\"]{0,60}",
                0..20,
            )
        ) {
            let bill = parse_bill_text(&lines.join("\n"), today());
            for item in &bill.items {
                prop_assert_eq!(item.description.trim(), item.description.as_str());
                prop_assert!(!item.description.starts_with(' '));
            }
        }
    }

    #[test]
    fn the_printed_total_of_charges_is_found_but_not_a_subtotal_or_an_amount_due() {
        let today = NaiveDate::from_ymd_opt(2026, 12, 6).unwrap();
        let bill = parse_bill_text(include_str!("../../tests/fixtures/bills/er_visit.txt"), today);
        assert_eq!(bill.printed_total, Some(d("6787.50")));
        let text = "85025 CBC 1 145.00\nSUBTOTAL PAGE 1 145.00\nTOTAL DUE $95.00\n";
        assert_eq!(parse_bill_text(text, today).printed_total, None);
        let text = "85025 CBC 1 145.00\nTotal: 145.00\nGRAND TOTAL $2,333.00\nBalance due 40.00\n";
        assert_eq!(
            parse_bill_text(text, today).printed_total,
            Some(d("2333.00")),
            "the last total"
        );
    }
}
