//! The payment form's checks, the server's (`ledger::payments::validate`): an amount
//! above 0 with at most 2 decimals, a date not in the future, a reference; checked
//! here so that a mistake is named by its field before anything is sent.

use rust_decimal::Decimal;
use shared::Money;

use crate::components::amount::read_decimal;
use crate::i18n::Text;

/// The largest single payment the server accepts: a typo guard.
const MAX_AMOUNT_ILS: i64 = 100_000_000;
const MAX_REFERENCE_CHARS: usize = 100;
const MAX_NOTE_CHARS: usize = 300;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    Company,
    Amount,
    Date,
    Reference,
    Note,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Problem {
    NoCompany,
    NoAmount,
    AmountNotANumber,
    AmountNotPositive,
    AmountTooPrecise,
    AmountTooLarge,
    NoDate,
    DateInFuture,
    NoReference,
    ReferenceTooLong,
    NoteTooLong,
}

impl Problem {
    pub fn field(self) -> Field {
        match self {
            Problem::NoCompany => Field::Company,
            Problem::NoAmount
            | Problem::AmountNotANumber
            | Problem::AmountNotPositive
            | Problem::AmountTooPrecise
            | Problem::AmountTooLarge => Field::Amount,
            Problem::NoDate | Problem::DateInFuture => Field::Date,
            Problem::NoReference | Problem::ReferenceTooLong => Field::Reference,
            Problem::NoteTooLong => Field::Note,
        }
    }

    pub fn text(self) -> Text {
        match self {
            Problem::NoCompany => |t| t.payments.no_company,
            Problem::NoAmount => |t| t.payments.no_amount,
            Problem::AmountNotANumber => |t| t.payments.amount_not_a_number,
            Problem::AmountNotPositive => |t| t.payments.amount_not_positive,
            Problem::AmountTooPrecise => |t| t.payments.amount_too_precise,
            Problem::AmountTooLarge => |t| t.payments.amount_too_large,
            Problem::NoDate => |t| t.payments.no_date,
            Problem::DateInFuture => |t| t.payments.date_in_future,
            Problem::NoReference => |t| t.payments.no_reference,
            Problem::ReferenceTooLong => |t| t.payments.reference_too_long,
            Problem::NoteTooLong => |t| t.payments.note_too_long,
        }
    }
}

/// The payment's fields as typed.
pub struct Typed<'a> {
    pub company_id: Option<&'a str>,
    pub amount: &'a str,
    /// `YYYY-MM-DD` from the date input; empty when none is chosen.
    pub date: &'a str,
    pub reference: &'a str,
    pub note: &'a str,
}

/// The amount, when it is one the server accepts.
pub fn check_amount(text: &str) -> Result<Money, Problem> {
    let amount = read_decimal(text)
        .map_err(|_| Problem::AmountNotANumber)?
        .ok_or(Problem::NoAmount)?;
    if amount <= Decimal::ZERO {
        return Err(Problem::AmountNotPositive);
    }
    if amount.normalize().scale() > 2 {
        return Err(Problem::AmountTooPrecise);
    }
    if amount > Decimal::from(MAX_AMOUNT_ILS) {
        return Err(Problem::AmountTooLarge);
    }
    Ok(Money::new(amount))
}

/// Every field checked: the payment to send, or one problem per field that has one.
/// `today` is `YYYY-MM-DD`; such dates compare as text.
pub fn check(typed: &Typed, today: &str) -> Result<(String, Money), Vec<Problem>> {
    let mut problems = Vec::new();
    let company_id = typed
        .company_id
        .filter(|id| !id.is_empty())
        .ok_or(Problem::NoCompany);
    let amount = check_amount(typed.amount);
    let date = typed.date.trim();
    if date.is_empty() {
        problems.push(Problem::NoDate);
    } else if date > today {
        problems.push(Problem::DateInFuture);
    }
    let reference = typed.reference.trim();
    if reference.is_empty() {
        problems.push(Problem::NoReference);
    } else if reference.chars().count() > MAX_REFERENCE_CHARS {
        problems.push(Problem::ReferenceTooLong);
    }
    if typed.note.trim().chars().count() > MAX_NOTE_CHARS {
        problems.push(Problem::NoteTooLong);
    }
    match (company_id, amount) {
        (Ok(company_id), Ok(amount)) if problems.is_empty() => Ok((company_id.to_owned(), amount)),
        (company_id, amount) => {
            problems.extend(company_id.err());
            problems.extend(amount.err());
            Err(problems)
        }
    }
}

/// Today's date as the server counts days (UTC), `YYYY-MM-DD`: a payment dated by the
/// Israeli calendar just after midnight would be "in the future" for it.
pub fn today_utc() -> String {
    let now: String = js_sys::Date::new_0().to_iso_string().into();
    now.chars().take(10).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed<'a>(amount: &'a str, date: &'a str, reference: &'a str) -> Typed<'a> {
        Typed {
            company_id: Some("1"),
            amount,
            date,
            reference,
            note: "",
        }
    }

    const TODAY: &str = "2026-05-01";

    #[test]
    fn a_positive_amount_a_past_date_and_a_reference_make_a_payment() {
        let checked = check(&typed("1,234.50", "2026-04-30", " R-1 "), TODAY);
        assert_eq!(
            checked,
            Ok(("1".to_owned(), Money::new(Decimal::new(123_450, 2))))
        );
        assert!(check(&typed("100", TODAY, "R-1"), TODAY).is_ok());
    }

    #[test]
    fn amounts_are_refused_as_the_server_refuses_them() {
        assert_eq!(check_amount(""), Err(Problem::NoAmount));
        assert_eq!(check_amount("abc"), Err(Problem::AmountNotANumber));
        assert_eq!(check_amount("0"), Err(Problem::AmountNotPositive));
        assert_eq!(check_amount("-5"), Err(Problem::AmountNotPositive));
        assert_eq!(check_amount("10.005"), Err(Problem::AmountTooPrecise));
        assert_eq!(check_amount("100000001"), Err(Problem::AmountTooLarge));
        assert!(check_amount("10.50").is_ok());
        assert!(check_amount("10.500").is_ok());
    }

    #[test]
    fn every_field_with_a_problem_is_named_at_once() {
        let problems = check(
            &Typed {
                company_id: None,
                amount: "0",
                date: "2026-05-02",
                reference: "  ",
                note: "",
            },
            TODAY,
        );
        assert_eq!(
            problems,
            Err(vec![
                Problem::DateInFuture,
                Problem::NoReference,
                Problem::NoCompany,
                Problem::AmountNotPositive,
            ])
        );
    }

    #[test]
    fn a_reference_and_a_note_have_the_servers_lengths() {
        let long = "x".repeat(101);
        assert_eq!(
            check(&typed("1", TODAY, &long), TODAY),
            Err(vec![Problem::ReferenceTooLong])
        );
        let note = "n".repeat(301);
        let with_note = Typed {
            note: &note,
            ..typed("1", TODAY, "R-1")
        };
        assert_eq!(check(&with_note, TODAY), Err(vec![Problem::NoteTooLong]));
    }
}
