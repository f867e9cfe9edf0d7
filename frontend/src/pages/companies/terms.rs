//! Payment terms in words. The contract does not fix the shape of `paymentTerms` yet,
//! so this reads the likely ones: `"NET 30"` / `"NET_30"` / `"EOM+30"` as text, a number
//! of days, or an object with a kind and days. Anything else is shown as sent.

use serde_json::Value;

use crate::i18n::CompaniesTexts;

pub fn describe(terms: &Value, texts: &CompaniesTexts) -> String {
    match terms {
        Value::Null => "—".to_owned(),
        Value::Number(days) => days
            .as_u64()
            .and_then(|days| u32::try_from(days).ok())
            .map_or_else(|| days.to_string(), texts.net_days),
        Value::String(text) => describe_text(text, texts).unwrap_or_else(|| text.clone()),
        Value::Object(fields) => {
            let kind = ["kind", "type", "terms"]
                .iter()
                .find_map(|key| fields.get(*key).and_then(Value::as_str))
                .unwrap_or("NET");
            let days = ["days", "paymentDays"]
                .iter()
                .find_map(|key| fields.get(*key).and_then(Value::as_u64))
                .and_then(|days| u32::try_from(days).ok());
            days.and_then(|days| describe_text(&format!("{kind}{days}"), texts))
                .unwrap_or_else(|| terms.to_string())
        }
        Value::Bool(_) | Value::Array(_) => terms.to_string(),
    }
}

fn describe_text(text: &str, texts: &CompaniesTexts) -> Option<String> {
    let compact: String = text
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect::<String>()
        .to_ascii_uppercase();
    let digits_start = compact.find(|c: char| c.is_ascii_digit())?;
    let (kind, days) = compact.split_at(digits_start);
    let days: u32 = days.parse().ok()?;
    match kind {
        "NET" | "N" => Some((texts.net_days)(days)),
        "EOM" | "EOMPLUS" | "SHOTEF" | "SHOTEFPLUS" => Some((texts.end_of_month_plus)(days)),
        _ => None,
    }
}
