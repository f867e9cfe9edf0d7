//! Small pieces shared by the invoices and account pages (and the home cards).

/// `2026-05-04` -> `04/05/2026` (day first, as in Israel); the text as sent otherwise.
/// Calendar dates need no time zone, so this is plain text work.
pub fn day(date: &str) -> String {
    let mut parts = date.splitn(3, '-');
    match (parts.next(), parts.next(), parts.next()) {
        (Some(year), Some(month), Some(day)) if year.len() == 4 => {
            format!("{day}/{month}/{year}")
        }
        _ => date.to_owned(),
    }
}
