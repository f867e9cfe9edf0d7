//! The `Decimal` scalar: money as a string (`"1234.50"`). Unlike async-graphql's stock
//! decimal it refuses JSON numbers, which a client may have computed as floats.

use std::str::FromStr;

use async_graphql::{InputValueError, InputValueResult, Scalar, ScalarType, Value};
use rust_decimal::Decimal;
use shared::Money;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DecimalScalar(pub Decimal);

/// Money amounts and other exact decimals, sent as strings, e.g. `"1234.50"`.
#[Scalar(name = "Decimal")]
impl ScalarType for DecimalScalar {
    fn parse(value: Value) -> InputValueResult<Self> {
        match &value {
            Value::String(text) => Decimal::from_str(text.trim())
                .map(DecimalScalar)
                .map_err(|_| InputValueError::custom(format!("'{text}' is not a decimal number"))),
            _ => Err(InputValueError::custom(
                "a Decimal must be sent as a string, e.g. \"1234.50\"",
            )),
        }
    }

    fn to_value(&self) -> Value {
        Value::String(self.0.to_string())
    }
}

impl From<Money> for DecimalScalar {
    /// Money is shown with at least 2 decimals and no trailing zeros beyond them
    /// (`"40000.00"`, `"12.3450"` becomes `"12.345"`).
    fn from(money: Money) -> DecimalScalar {
        DecimalScalar(crate::db::money::shown(money))
    }
}

/// A calendar day, `YYYY-MM-DD` (e.g. `"2026-03-31"`): invoice and due dates, ledger
/// entries, date filters.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DateScalar(pub chrono::NaiveDate);

#[Scalar(name = "Date")]
impl ScalarType for DateScalar {
    fn parse(value: Value) -> InputValueResult<Self> {
        match &value {
            Value::String(text) => chrono::NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
                .map(DateScalar)
                .map_err(|_| {
                    InputValueError::custom(format!("'{text}' is not a date like 2026-03-31"))
                }),
            _ => Err(InputValueError::custom(
                "a Date must be sent as a string, e.g. \"2026-03-31\"",
            )),
        }
    }

    fn to_value(&self) -> Value {
        Value::String(self.0.format("%Y-%m-%d").to_string())
    }
}

impl From<chrono::NaiveDate> for DateScalar {
    fn from(day: chrono::NaiveDate) -> DateScalar {
        DateScalar(day)
    }
}
