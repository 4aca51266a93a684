//! Amounts of money as people type them: "$2.4k", "2400 bucks", "like
//! 55k", "100/mo", "maybe 500?".

use super::text::{find_phrase, normalize, take_phrases};
use super::{Reading, Words};
use crate::domain::money::{parse_amount, AmountError, MAX_AMOUNT};
use rust_decimal::Decimal;

/// An amount read, and what period it is for when the text said.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Amount {
    pub value: Decimal,
    pub period: Period,
}

/// The period an amount was typed for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    /// No period said: the amount as asked.
    AsAsked,
    PerMonth,
    PerYear,
}

/// What the question asking for an amount makes doubtful: a figure typed
/// with no period that is above zero and below `doubtful_below` is asked
/// again ("$1,200" as a year's income is more likely a month's).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct AmountContext {
    pub doubtful_below: Decimal,
}

impl AmountContext {
    /// A household's yearly income: under $5,000 a year, typed without a
    /// period, is more likely a month's pay.
    pub fn yearly_income() -> AmountContext {
        AmountContext {
            doubtful_below: Decimal::from(5000),
        }
    }

    /// Whether the question makes this amount doubtful: typed with no
    /// period, above zero and below [`AmountContext::doubtful_below`].
    pub fn doubts(&self, amount: &Amount) -> bool {
        amount.period == Period::AsAsked && amount.value > Decimal::ZERO && amount.value < self.doubtful_below
    }
}

/// Reads an amount as [`read_amount`] does, then asks again about a
/// figure the question makes doubtful ([`AmountContext`]).
pub fn read_amount_for(text: &str, words: &Words, context: AmountContext) -> Result<Reading<Amount>, AmountError> {
    let reading = read_amount(text, words)?;
    match reading.value() {
        Some(amount) if context.doubts(amount) => Err(AmountError::Unreadable),
        _ => Ok(reading),
    }
}

/// Reads an amount. A hedge ("about", "maybe") makes it a guess; a
/// thousand mark (`k`, "grand") multiplies it; a period ("/mo", "a year")
/// is reported for the conversation to convert. Words left over that are
/// not understood make it unreadable, never a number picked out of them.
pub fn read_amount(text: &str, words: &Words) -> Result<Reading<Amount>, AmountError> {
    if words.says_dont_know(text) {
        return Ok(Reading::DontKnow);
    }
    if !text.contains(|c: char| c.is_ascii_digit()) && words.says_no_figure(text) {
        return Ok(Reading::DontKnow);
    }
    // "0 because they denied it": a reason after the figure changes nothing.
    let (normalized, _) = without_aside(&normalize(text), &words.reasons);
    let (normalized, aside) = without_aside(&normalized, &words.asides);
    let (rest, hedged) = take_phrases(&normalized, &words.hedges);
    let (rest, hedged_ish) = strip_ish(&rest);
    let (rest, per_month) = take_phrases(&rest, &words.per_month);
    let (rest, per_year) = take_phrases(&rest, &words.per_year);
    let period = match (per_month, per_year) {
        (false, false) => Period::AsAsked,
        (true, false) => Period::PerMonth,
        (false, true) => Period::PerYear,
        (true, true) => return Err(AmountError::Unreadable),
    };
    // Labels ("amount billed", "you may owe") and words that change nothing.
    // A figure pasted with an EOB label may be another figure than the
    // one asked ("Your share: $300" at "what was billed?"): a guess.
    // Longest label first, across the lists: "maximum you may be billed"
    // (a Medicare summary notice's share) before "billed".
    let eob = &words.eob;
    let mut labels: Vec<String> = [&eob.billed, &eob.allowed, &eob.plan_paid, &eob.your_share]
        .into_iter()
        .flatten()
        .cloned()
        .collect();
    labels.sort_by_key(|label| std::cmp::Reverse(label.len()));
    let (rest, labelled) = take_phrases(&rest, &labels);
    let mut rest = take_phrases(&rest, &words.money).0;
    // "0, it says not my responsibility": words of zero beside a zero.
    let (without_zero, zero_said) = take_phrases(&rest, &words.zero);
    if zero_said && (without_zero.is_empty() || parse_amount(&without_zero).is_ok_and(|v| v.is_zero())) {
        rest = "0".to_string();
    }
    // "social security only, 1100": a comma left at either end goes.
    let rest = decimal_comma(rest.trim_matches([',', ' ']));
    let (rest, thousands) = take_thousands(&rest, &words.thousand);
    // A number in words ("two fifty") has more than one reading: a guess.
    let (rest, spelled) = match spelled_number(&rest, &words.number_words) {
        Some(number) => (number, true),
        None => (rest, false),
    };
    if !commas_group_thousands(&rest) {
        return Err(AmountError::Unreadable);
    }
    let mut value = parse_amount(&rest)?;
    if thousands {
        value = (value * Decimal::ONE_THOUSAND).round_dp(2);
        if value > MAX_AMOUNT {
            return Err(AmountError::TooLarge);
        }
    }
    let amount = Amount { value, period };
    // A lone digit ("1") is as likely a slip, or a button's number typed
    // in the terminal, as a bill of one dollar: a guess.
    let lone_digit = matches!(text.trim().as_bytes(), [b'1'..=b'9']);
    Ok(
        match hedged || hedged_ish || aside || labelled || spelled || lone_digit {
            true => Reading::Guess(amount),
            false => Reading::Sure(amount),
        },
    )
}

/// Whether every comma in a number stands before a group of three digits
/// ("1,250.00"); "$15,6" may be 15.6 or 15,600, so it is not read.
fn commas_group_thousands(number: &str) -> bool {
    number.split(',').skip(1).all(|group| {
        let digits = group.chars().take_while(char::is_ascii_digit).count();
        digits == 3 && !group[3..].starts_with(|c: char| c.is_ascii_digit())
    })
}

/// A whole number spelled in words, as digits: "ninety eight" → 98,
/// "fifteen hundred" → 1500, and "two fifty" (said of money) → 250.
/// None unless every word is a number word.
fn spelled_number(text: &str, number_words: &[Vec<String>]) -> Option<String> {
    let mut value: u64 = 0;
    let mut after_hundred = false;
    for token in text.split_whitespace() {
        let n: u64 = number_words.iter().find(|pair| pair[0] == token)?[1].parse().ok()?;
        if n == 100 {
            value = value.max(1).checked_mul(100)?;
            after_hundred = true;
        } else if n >= 20 && (1..10).contains(&value) && !after_hundred {
            value = value * 100 + n;
        } else {
            value = value.checked_add(n)?;
        }
    }
    (!text.is_empty()).then(|| value.to_string())
}

/// "1k if they take it" → "1k": the text before an aside word, when the
/// aside holds no figure of its own (then it is compared, and asked).
fn without_aside(text: &str, asides: &[String]) -> (String, bool) {
    let cut = asides
        .iter()
        .filter_map(|word| find_phrase(text, word))
        .filter(|at| *at > 0)
        .min();
    match cut {
        Some(at) if !text[at..].contains(|c: char| c.is_ascii_digit()) => (text[..at].trim().to_string(), true),
        _ => (text.to_string(), false),
    }
}

/// "87,40" → "87.40": a single comma with two digits after it and no
/// point is a decimal comma; so is one after thousands grouped by points
/// or spaces, as much of the world writes money ("1.234,56", "1 234,56").
fn decimal_comma(number: &str) -> String {
    let bare = number.trim_matches(['$', ' ']);
    if let Some((whole, cents)) = bare.rsplit_once(',') {
        let groups: Vec<&str> = whole.split(['.', ' ']).collect();
        let grouped = groups.len() > 1
            && (1..=3).contains(&groups[0].len())
            && groups.iter().all(|g| g.chars().all(|c| c.is_ascii_digit()))
            && groups[1..].iter().all(|g| g.len() == 3);
        if grouped && cents.len() == 2 && cents.chars().all(|c| c.is_ascii_digit()) {
            return format!("{}.{cents}", groups.concat());
        }
    }
    match number.split_once(',') {
        Some((whole, cents))
            if !number.contains('.')
                && !cents.contains(',')
                && cents.len() == 2
                && cents.chars().all(|c| c.is_ascii_digit())
                && whole.ends_with(|c: char| c.is_ascii_digit()) =>
        {
            format!("{whole}.{cents}")
        }
        _ => number.to_string(),
    }
}

/// "2400ish" → "2400", hedged.
fn strip_ish(text: &str) -> (String, bool) {
    match text.strip_suffix("ish") {
        Some(rest) if rest.ends_with(|c: char| c.is_ascii_digit() || c == 'k') => {
            (rest.trim_end_matches('-').to_string(), true)
        }
        _ => (text.to_string(), false),
    }
}

/// Takes a thousand mark: a word of its own ("55 grand") or a `k` on the
/// number ("2.4k", "$55K"). Whether one was there.
fn take_thousands(text: &str, thousand: &[String]) -> (String, bool) {
    let (rest, taken) = take_phrases(text, thousand);
    if taken {
        return (rest, true);
    }
    match rest.strip_suffix('k') {
        Some(number) if number.ends_with(|c: char| c.is_ascii_digit()) => (number.to_string(), true),
        _ => (rest, false),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::reading::words::english;
    use rust_decimal_macros::dec;

    fn read(text: &str) -> Result<Reading<Amount>, AmountError> {
        read_amount(text, &english())
    }

    fn sure(value: Decimal) -> Result<Reading<Amount>, AmountError> {
        Ok(Reading::Sure(Amount {
            value,
            period: Period::AsAsked,
        }))
    }

    #[test]
    fn thousands_units_and_symbols() {
        assert_eq!(read("$2.4k"), sure(dec!(2400)));
        assert_eq!(read("2400 bucks"), sure(dec!(2400)));
        assert_eq!(read("55K"), sure(dec!(55000)));
        assert_eq!(read("55 grand"), sure(dec!(55000)));
        assert_eq!(read("$1,234.56"), sure(dec!(1234.56)));
        assert_eq!(read("it was $800 😩"), sure(dec!(800)));
    }

    fn guessed(value: Decimal) -> Result<Reading<Amount>, AmountError> {
        Ok(Reading::Guess(Amount {
            value,
            period: Period::AsAsked,
        }))
    }

    #[test]
    fn labels_zero_words_and_decimal_commas() {
        // A label may name another figure than the one asked: a guess.
        assert_eq!(read("amount billed 2,876.44"), guessed(dec!(2876.44)));
        assert_eq!(read("you may owe 412.77"), guessed(dec!(412.77)));
        assert_eq!(read("nothing"), sure(dec!(0)));
        assert_eq!(read("zero 😩"), sure(dec!(0)));
        assert_eq!(read("87,40"), sure(dec!(87.40)));
        assert_eq!(read("1.234,56 $"), sure(dec!(1234.56)));
        assert_eq!(read("1 234,56 $"), sure(dec!(1234.56)));
        assert_eq!(read("$12.345.678,90"), Err(AmountError::TooLarge));
        assert_eq!(read("not much, 30"), sure(dec!(30)));
        // A lone digit may be a slip or a button's number: a guess.
        assert_eq!(read("1"), guessed(dec!(1)));
        assert_eq!(read("$1"), sure(dec!(1)));
        assert_eq!(read("0"), sure(dec!(0)));
    }

    #[test]
    fn an_aside_without_a_figure_leaves_a_guess() {
        let guess = |value| {
            Ok(Reading::Guess(Amount {
                value,
                period: Period::AsAsked,
            }))
        };
        assert_eq!(read("1k if they take it"), guess(dec!(1000)));
        assert_eq!(read("100 but not till january"), guess(dec!(100)));
        assert_eq!(read("450 but the bill says 600"), Err(AmountError::Unreadable));
    }

    #[test]
    fn numbers_in_words() {
        // Words can be grouped more than one way ("ten fifty"): each is a
        // guess, confirmed with a tap.
        assert_eq!(read("ninety eight dollars"), guessed(dec!(98)));
        assert_eq!(read("fifteen hundred"), guessed(dec!(1500)));
        assert_eq!(read("two fifty"), guessed(dec!(250)));
        assert_eq!(read("two thousand"), guessed(dec!(2000)));
        assert_eq!(read("a grand"), guessed(dec!(1000)));
        assert_eq!(read("twelve apples"), Err(AmountError::Unreadable));
        assert_eq!(read("1,250"), sure(dec!(1250)));
        assert_eq!(read("no idea honestly"), Ok(Reading::DontKnow));
    }

    #[test]
    fn hedges_make_a_guess() {
        let guess = |value| {
            Ok(Reading::Guess(Amount {
                value,
                period: Period::AsAsked,
            }))
        };
        assert_eq!(read("like 55k"), guess(dec!(55000)));
        assert_eq!(read("maybe 500?"), guess(dec!(500)));
        assert_eq!(read("~300"), guess(dec!(300)));
        assert_eq!(read("2400ish"), guess(dec!(2400)));
    }

    #[test]
    fn periods_are_reported() {
        let per = |value, period| Ok(Reading::Sure(Amount { value, period }));
        assert_eq!(read("100/mo"), per(dec!(100), Period::PerMonth));
        assert_eq!(read("$100 a month"), per(dec!(100), Period::PerMonth));
        assert_eq!(read("40k a year"), per(dec!(40000), Period::PerYear));
    }

    #[test]
    fn a_figure_the_question_makes_doubtful_is_asked_again() {
        let yearly = |text| read_amount_for(text, &english(), AmountContext::yearly_income());
        assert_eq!(yearly("$1,200"), Err(AmountError::Unreadable));
        assert_eq!(yearly("$42,000"), sure(dec!(42000)));
        assert_eq!(yearly("0"), sure(dec!(0)));
        assert!(yearly("1,200 a month").is_ok(), "a period said is not doubtful");
        assert_eq!(read("$1,200"), sure(dec!(1200)), "no context, no doubt");
    }

    #[test]
    fn not_knowing_is_said_not_misread() {
        assert_eq!(read("idk"), Ok(Reading::DontKnow));
        assert_eq!(read("dunno"), Ok(Reading::DontKnow));
        assert_eq!(read("?"), Ok(Reading::DontKnow));
    }

    #[test]
    fn a_number_among_words_not_understood_is_not_an_amount() {
        for text in [
            "4 of us",
            "4 people",
            "3 kids",
            "20 days ago",
            "call me at 555",
            "500 or 600",
            "100-150",
            "$15,6",
            "over 10k",
            "under 30k",
        ] {
            assert_eq!(read(text), Err(AmountError::Unreadable), "{text}");
        }
        assert_eq!(read("-5"), Err(AmountError::Negative));
        assert_eq!(read("999999k"), Err(AmountError::TooLarge));
    }

    #[test]
    fn words_around_an_amount_from_the_trials() {
        let amount = |value| Amount {
            value,
            period: Period::AsAsked,
        };
        assert_eq!(read("um i think it said 6,800"), Ok(Reading::Guess(amount(dec!(6800)))));
        assert_eq!(read("oh wait no its 3,900"), Ok(Reading::Sure(amount(dec!(3900)))));
        assert_eq!(
            read("0 i think? it says not my responsibility or something"),
            Ok(Reading::Guess(amount(dec!(0))))
        );
        assert_eq!(
            read("it says 0 because they denied it"),
            Ok(Reading::Sure(amount(dec!(0))))
        );
        assert_eq!(read("500 not my responsibility"), Err(AmountError::Unreadable));
        // A range is two values: asked.
        assert_eq!(read("i could do like 100-150 a month"), Err(AmountError::Unreadable));
        let spanish = Words::from_toml(include_str!("../../../dialogues/es/reading/words.toml")).unwrap();
        assert_eq!(
            read_amount("creo que dijo 6,800", &spanish),
            Ok(Reading::Guess(amount(dec!(6800))))
        );
        assert_eq!(
            read_amount("dice 0 porque lo negaron", &spanish),
            Ok(Reading::Sure(amount(dec!(0))))
        );
        // No period of two weeks: asked, never read as a month's.
        assert_eq!(
            read_amount("1400 cada 2 semanas", &spanish),
            Err(AmountError::Unreadable)
        );
    }

    #[test]
    fn no_figure_to_give_is_not_knowing() {
        for text in [
            "i dont have the eob handy",
            "i dont have it handy",
            "i told u i dont have it",
            "i dont think i should have to pay this one",
        ] {
            assert_eq!(read(text), Ok(Reading::DontKnow), "{text}");
        }
        assert_eq!(
            read("i dont think i should have to pay more than 50"),
            Err(AmountError::Unreadable)
        );
        // Like "i cant pay anything" at what they could pay now: nothing.
        assert_eq!(read("i dont have savings"), sure(dec!(0)));
        let spanish = Words::from_toml(include_str!("../../../dialogues/es/reading/words.toml")).unwrap();
        assert_eq!(read_amount("no lo tengo a la mano", &spanish), Ok(Reading::DontKnow));
        assert_eq!(
            read_amount("no tengo ahorros", &spanish).map(|r| r.value().map(|a| a.value)),
            Ok(Some(dec!(0)))
        );
    }

    #[test]
    fn the_longest_label_is_taken_whole() {
        let guess = |value| {
            Ok(Reading::Guess(Amount {
                value,
                period: Period::AsAsked,
            }))
        };
        // A Medicare summary notice's share, not "billed" out of it.
        assert_eq!(read("it says maximum you may be billed 640"), guess(dec!(640)));
        assert_eq!(read("max you may be billed: $640.00"), guess(dec!(640)));
    }
}
