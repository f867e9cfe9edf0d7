//! Reading an amount of money typed by a person: `5000`, `5,000`, `₪ 1,250,000.50`.
//! What range and precision a field accepts is the page's (the server's rule for it).

use std::str::FromStr;

use rust_decimal::Decimal;

/// The text is not an amount.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NotANumber;

/// Removes thousands separators (`5,000` or `1,250,000.50`), and only those: `5,5`
/// is not a number rather than silently 55.
fn without_thousands_separators(text: &str) -> Option<String> {
    if !text.contains(',') {
        return Some(text.to_owned());
    }
    let (whole, fraction) = match text.split_once('.') {
        Some((whole, fraction)) => (whole, Some(fraction)),
        None => (text, None),
    };
    let mut groups = whole.split(',');
    let first = groups.next()?;
    if first.is_empty() || first.len() > 3 {
        return None;
    }
    let mut digits = first.to_owned();
    for group in groups {
        if group.len() != 3 {
            return None;
        }
        digits.push_str(group);
    }
    if let Some(fraction) = fraction {
        if fraction.contains(',') {
            return None;
        }
        digits.push('.');
        digits.push_str(fraction);
    }
    Some(digits)
}

/// The amount in a field, without spaces and the shekel sign; `Ok(None)` when the
/// field is empty.
pub fn read_decimal(text: &str) -> Result<Option<Decimal>, NotANumber> {
    let cleaned: String = text
        .chars()
        .filter(|character| !character.is_whitespace() && *character != '₪')
        .collect();
    if cleaned.is_empty() {
        return Ok(None);
    }
    let digits = without_thousands_separators(&cleaned).ok_or(NotANumber)?;
    if !digits
        .chars()
        .all(|c| c.is_ascii_digit() || c == '.' || c == '-')
    {
        return Err(NotANumber);
    }
    Decimal::from_str(&digits).map(Some).map_err(|_| NotANumber)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decimal(text: &str) -> Option<Decimal> {
        Decimal::from_str(text).ok()
    }

    #[test]
    fn plain_grouped_and_shekel_amounts_are_read() {
        assert_eq!(read_decimal(""), Ok(None));
        assert_eq!(read_decimal(" 5,000 "), Ok(decimal("5000")));
        assert_eq!(read_decimal("₪ 1,250,000.50"), Ok(decimal("1250000.50")));
        assert_eq!(read_decimal("-5"), Ok(decimal("-5")));
    }

    #[test]
    fn a_comma_that_is_not_a_thousands_separator_is_not_a_number() {
        assert_eq!(read_decimal("5,5"), Err(NotANumber));
        assert_eq!(read_decimal("1,0000"), Err(NotANumber));
        assert_eq!(read_decimal("1e5"), Err(NotANumber));
        assert_eq!(read_decimal("abc"), Err(NotANumber));
    }
}
