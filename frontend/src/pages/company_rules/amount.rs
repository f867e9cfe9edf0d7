//! Amounts typed into the rules page: thresholds, limits and budgets, in shekels.
//!
//! The checks are the server's (`company_rules::stored`): between 0 and 1,000,000,000
//! with at most 4 decimals. An empty field means "no limit".

use rust_decimal::Decimal;
use shared::Money;

use crate::components::amount::{NotANumber, read_decimal};
use crate::i18n::Texts;

/// A text of the current language, chosen when shown.
pub type Text = fn(&Texts) -> &'static str;

/// The largest amount the server accepts, against typing mistakes.
const MAX_AMOUNT: i64 = 1_000_000_000;
/// The server keeps ten-thousandths of a shekel.
const MAX_DECIMALS: u32 = 4;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AmountError {
    NotANumber,
    OutOfRange,
    TooPrecise,
}

impl AmountError {
    pub fn text(self) -> Text {
        match self {
            AmountError::NotANumber => |t| t.company_rules.amount_not_a_number,
            AmountError::OutOfRange => |t| t.company_rules.amount_out_of_range,
            AmountError::TooPrecise => |t| t.company_rules.amount_too_precise,
        }
    }
}

/// Reads an amount field: `Ok(None)` when it is empty (no limit).
pub fn parse_amount(text: &str) -> Result<Option<Money>, AmountError> {
    let Some(amount) = read_decimal(text).map_err(|NotANumber| AmountError::NotANumber)? else {
        return Ok(None);
    };
    if (amount.is_sign_negative() && !amount.is_zero()) || amount > Decimal::from(MAX_AMOUNT) {
        return Err(AmountError::OutOfRange);
    }
    if amount.normalize().scale() > MAX_DECIMALS {
        return Err(AmountError::TooPrecise);
    }
    Ok(Some(Money::new(amount.normalize())))
}

/// The text an amount field starts with: `5000`, `12.5`, or empty for no limit.
pub fn amount_text(amount: Option<Money>) -> String {
    amount
        .map(|amount| amount.amount().normalize().to_string())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use std::str::FromStr;

    use super::*;

    fn money(text: &str) -> Option<Money> {
        Decimal::from_str(text).ok().map(Money::new)
    }

    #[test]
    fn an_empty_field_means_no_limit() {
        assert_eq!(parse_amount(""), Ok(None));
        assert_eq!(parse_amount("   "), Ok(None));
    }

    #[test]
    fn plain_and_grouped_amounts_are_read() {
        assert_eq!(parse_amount("5000"), Ok(money("5000")));
        assert_eq!(parse_amount(" 5,000 "), Ok(money("5000")));
        assert_eq!(parse_amount("₪ 1,250,000.50"), Ok(money("1250000.5")));
        assert_eq!(parse_amount("0"), Ok(money("0")));
        assert_eq!(parse_amount("12.3456"), Ok(money("12.3456")));
        assert_eq!(parse_amount("20000.00000"), Ok(money("20000")));
    }

    #[test]
    fn what_the_server_refuses_is_refused_here() {
        assert_eq!(parse_amount("abc"), Err(AmountError::NotANumber));
        assert_eq!(parse_amount("5,5"), Err(AmountError::NotANumber));
        assert_eq!(parse_amount("1e5"), Err(AmountError::NotANumber));
        assert_eq!(parse_amount("-5"), Err(AmountError::OutOfRange));
        assert_eq!(parse_amount("1000000001"), Err(AmountError::OutOfRange));
        assert_eq!(parse_amount("1.23456"), Err(AmountError::TooPrecise));
    }

    #[test]
    fn fields_start_without_trailing_zeros() {
        assert_eq!(amount_text(money("5000.00")), "5000");
        assert_eq!(amount_text(money("12.50")), "12.5");
        assert_eq!(amount_text(None), "");
    }
}
