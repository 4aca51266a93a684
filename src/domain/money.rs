//! Money as the user types it and as the bot shows it.
//!
//! Amounts are always [`Decimal`] (never floating point) rounded to cents.
//! [`parse_amount`] is forgiving about how people write dollars:
//! `$1,234.56`, `1234.5`, `1,234`, `1 234,56 $`, `USD 80`, `80 dollars`.

use rust_decimal::{Decimal, RoundingStrategy};
use std::fmt;

/// The largest amount the bot accepts for one bill: anything above is
/// almost certainly a typo (an extra zero or a pasted account number).
pub const MAX_AMOUNT: Decimal = Decimal::from_parts(1_000_000_000, 0, 0, false, 2); // $10,000,000.00

/// Why a typed amount was not accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AmountError {
    /// Not a number we can read (`12x`, `twelve`, empty).
    Unreadable,
    /// A negative amount where only zero or more makes sense.
    Negative,
    /// More than two digits after the decimal point (`12.345`).
    TooPrecise,
    /// Above [`MAX_AMOUNT`].
    TooLarge,
}

/// Reads an amount of US dollars typed by a person.
///
/// Accepts a `$`, `USD`, `dollars` or `usd` marker before or after the
/// number, thousands separators (`,` `.` space or apostrophe in groups of
/// three) and a decimal point or decimal comma with one or two digits.
/// Returns the amount rounded to cents; rejects negatives (see
/// [`parse_signed_amount`] for bill lines that may be credits).
pub fn parse_amount(input: &str) -> Result<Decimal, AmountError> {
    let amount = parse_signed_amount(input)?;
    if amount.is_sign_negative() && !amount.is_zero() {
        return Err(AmountError::Negative);
    }
    Ok(amount)
}

/// Like [`parse_amount`] but also reads credits: `-$120.00`, `$-120`,
/// `(120.00)` and `120.00 CR`.
pub fn parse_signed_amount(input: &str) -> Result<Decimal, AmountError> {
    let mut text = input.trim().to_ascii_lowercase();
    let mut negative = false;

    if let Some(inner) = text.strip_prefix('(').and_then(|t| t.strip_suffix(')')) {
        negative = true;
        text = inner.trim().to_string();
    }
    for suffix in [" cr", "cr"] {
        if let Some(rest) = text.strip_suffix(suffix) {
            if rest.ends_with(|c: char| c.is_ascii_digit() || c == ' ') {
                negative = true;
                text = rest.trim().to_string();
                break;
            }
        }
    }
    let text = strip_currency_markers(&text);
    let (sign_negative, digits) = match text.strip_prefix('-').or_else(|| text.strip_prefix('−')) {
        Some(rest) => (true, strip_currency_markers(rest)),
        None => (
            false,
            text.strip_prefix('+').map(strip_currency_markers).unwrap_or(text),
        ),
    };
    if sign_negative && negative {
        return Err(AmountError::Unreadable);
    }
    let mut amount = parse_unsigned_number(digits)?;
    if amount > MAX_AMOUNT {
        return Err(AmountError::TooLarge);
    }
    if (negative || sign_negative) && !amount.is_zero() {
        amount.set_sign_negative(true);
    }
    Ok(amount)
}

/// Removes `$`, `usd` and `dollars` from either end, with any spaces.
fn strip_currency_markers(text: &str) -> &str {
    let mut text = text.trim();
    loop {
        let before = text;
        for marker in ["$", "usd", "us$", "dollars", "dollar"] {
            if let Some(rest) = text.strip_prefix(marker) {
                text = rest.trim_start();
            }
            if let Some(rest) = text.strip_suffix(marker) {
                text = rest.trim_end();
            }
        }
        if text == before {
            return text;
        }
    }
}

/// Parses digits with optional grouping and decimal separators.
fn parse_unsigned_number(text: &str) -> Result<Decimal, AmountError> {
    if !text.chars().any(|c| c.is_ascii_digit()) || !text.chars().all(|c| c.is_ascii_digit() || ".,' ".contains(c)) {
        return Err(AmountError::Unreadable);
    }
    if !text.starts_with(|c: char| c.is_ascii_digit() || c == '.' || c == ',') {
        return Err(AmountError::Unreadable);
    }
    let (integer_part, fraction) = split_decimal(text)?;
    let integer_digits = ungroup(integer_part)?;
    if fraction.len() > 2 {
        return Err(AmountError::TooPrecise);
    }
    let number = if fraction.is_empty() {
        integer_digits
    } else {
        format!("{integer_digits}.{fraction}")
    };
    let number = if number.starts_with('.') {
        format!("0{number}")
    } else {
        number
    };
    let mut value: Decimal = number.parse().map_err(|_| AmountError::Unreadable)?;
    value.rescale(2);
    Ok(value)
}

/// Splits `1,234.56` into (`1,234`, `56`), deciding which separator (if any)
/// is the decimal one: the last `.` or `,` is decimal when one or two digits
/// follow it, or when it is the only separator of its kind and is not
/// followed by exactly three digits.
fn split_decimal(text: &str) -> Result<(&str, &str), AmountError> {
    let Some(position) = text.rfind(['.', ',']) else {
        return Ok((text, ""));
    };
    let separator = text[position..].chars().next().unwrap_or('.');
    let after = &text[position + 1..];
    if !after.chars().all(|c| c.is_ascii_digit()) {
        return Err(AmountError::Unreadable);
    }
    let same_kind_count = text.matches(separator).count();
    let is_decimal = match after.len() {
        0 => true, // "12." means 12
        1 | 2 => true,
        3 => {
            // Three digits after the last separator: "1,234" is thousands,
            // "1.234.567" too; "1.234" could mean either, so it is refused.
            let other = if separator == '.' { ',' } else { '.' };
            if same_kind_count > 1 {
                false
            } else if text[..position].contains(other) {
                // "1,234.567": both kinds, the last one is the decimal one.
                true
            } else if separator == ',' {
                false
            } else {
                return Err(AmountError::TooPrecise);
            }
        }
        _ => true,
    };
    if is_decimal {
        if same_kind_count > 1 {
            return Err(AmountError::Unreadable);
        }
        Ok((&text[..position], after))
    } else {
        Ok((text, ""))
    }
}

/// Removes thousands separators, checking they sit between groups of three.
fn ungroup(text: &str) -> Result<String, AmountError> {
    let groups: Vec<&str> = text.split(['.', ',', '\'', ' ']).collect();
    if groups.len() > 1 {
        let first_ok = (1..=3).contains(&groups[0].len());
        let rest_ok = groups[1..].iter().all(|g| g.len() == 3);
        if !first_ok || !rest_ok {
            return Err(AmountError::Unreadable);
        }
    }
    let digits: String = groups.concat();
    if digits.is_empty() {
        return Ok("0".to_string());
    }
    Ok(digits)
}

/// Dollars formatted for a US reader: `$1,234.50`, `-$120.00`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Usd(pub Decimal);

impl fmt::Display for Usd {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut value = self.0.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
        value.rescale(2);
        let negative = value.is_sign_negative() && !value.is_zero();
        let text = value.abs().to_string();
        let (whole, cents) = text.split_once('.').unwrap_or((&text, "00"));
        let mut grouped = String::new();
        for (i, digit) in whole.chars().enumerate() {
            if i > 0 && (whole.len() - i) % 3 == 0 {
                grouped.push(',');
            }
            grouped.push(digit);
        }
        write!(f, "{}${grouped}.{cents}", if negative { "-" } else { "" })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::Decimal;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn reads_the_ways_people_write_dollars() {
        let cases = [
            ("$1,234.56", "1234.56"),
            ("1234.5", "1234.50"),
            ("1,234", "1234.00"),
            ("$1,234.50", "1234.50"),
            ("1 234,56 $", "1234.56"),
            ("1.234,56", "1234.56"),
            ("1,234,567.89", "1234567.89"),
            ("USD 80", "80.00"),
            ("80 dollars", "80.00"),
            ("$ 80", "80.00"),
            ("80$", "80.00"),
            ("0", "0.00"),
            ("$0.99", "0.99"),
            (".99", "0.99"),
            ("12.", "12.00"),
            ("  450  ", "450.00"),
            ("1'234.00", "1234.00"),
            ("2,500.5", "2500.50"),
            ("12,5", "12.50"),
            ("+75", "75.00"),
        ];
        for (typed, expected) in cases {
            assert_eq!(parse_amount(typed), Ok(d(expected)), "typed {typed:?}");
        }
    }

    #[test]
    fn refuses_what_is_not_an_amount() {
        let cases = [
            ("12x", AmountError::Unreadable),
            ("", AmountError::Unreadable),
            ("twelve", AmountError::Unreadable),
            ("$", AmountError::Unreadable),
            ("1,23,4", AmountError::Unreadable),
            ("12.345", AmountError::TooPrecise),
            ("1.234", AmountError::TooPrecise),
            ("-5", AmountError::Negative),
            ("99999999999", AmountError::TooLarge),
            ("1.2.3", AmountError::Unreadable),
            ("$12-", AmountError::Unreadable),
            ("--5", AmountError::Unreadable),
            (".", AmountError::Unreadable),
            ("$.", AmountError::Unreadable),
            ("usd ,", AmountError::Unreadable),
        ];
        for (typed, expected) in cases {
            assert_eq!(parse_amount(typed), Err(expected), "typed {typed:?}");
        }
    }

    #[test]
    fn reads_credits_on_bill_lines() {
        for typed in ["-$120.00", "$-120", "(120.00)", "120.00 CR", "-120"] {
            assert_eq!(parse_signed_amount(typed), Ok(d("-120.00")), "typed {typed:?}");
        }
    }

    #[test]
    fn zero_is_never_negative() {
        for typed in ["-0", "(0)", "0 cr", "-$0.00"] {
            let amount = parse_signed_amount(typed).unwrap();
            assert!(amount.is_zero() && !amount.is_sign_negative(), "typed {typed:?}");
        }
    }

    #[test]
    fn formats_dollars_for_people() {
        assert_eq!(Usd(d("1234.5")).to_string(), "$1,234.50");
        assert_eq!(Usd(d("0")).to_string(), "$0.00");
        assert_eq!(Usd(d("999")).to_string(), "$999.00");
        assert_eq!(Usd(d("1000000")).to_string(), "$1,000,000.00");
        assert_eq!(Usd(d("-120")).to_string(), "-$120.00");
        assert_eq!(Usd(d("0.005")).to_string(), "$0.01");
    }
}
