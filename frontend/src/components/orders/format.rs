//! Dates and times of orders as the screens show them, in the browser's time zone:
//! `04/05/2026` and `04/05/2026 14:30` (day first, as in Israel), and an order's age.
//!
//! The browser's `Date` parses the server's RFC 3339 text; it costs no WASM.

use wasm_bindgen::JsValue;

fn parse(rfc3339: &str) -> Option<js_sys::Date> {
    let date = js_sys::Date::new(&JsValue::from_str(rfc3339));
    (!date.get_time().is_nan()).then_some(date)
}

fn day_of(date: &js_sys::Date) -> String {
    format!(
        "{:02}/{:02}/{}",
        date.get_date(),
        date.get_month() + 1,
        date.get_full_year()
    )
}

/// `dd/mm/yyyy`; the text as sent when it is not a date.
pub fn date(rfc3339: &str) -> String {
    parse(rfc3339).map_or_else(|| rfc3339.to_owned(), |date| day_of(&date))
}

/// `dd/mm/yyyy HH:MM`.
pub fn date_time(rfc3339: &str) -> String {
    parse(rfc3339).map_or_else(
        || rfc3339.to_owned(),
        |date| {
            format!(
                "{} {:02}:{:02}",
                day_of(&date),
                date.get_hours(),
                date.get_minutes()
            )
        },
    )
}

/// How long ago something happened, in the largest whole unit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Age {
    JustNow,
    Minutes(u32),
    Hours(u32),
    Days(u32),
}

pub fn age(rfc3339: &str) -> Age {
    let Some(date) = parse(rfc3339) else {
        return Age::JustNow;
    };
    let elapsed = (js_sys::Date::now() - date.get_time()).max(0.0);
    // Whole minutes of a non-negative, finite difference fit in u32 for ~8,000 years.
    let minutes = (elapsed / 60_000.0).floor() as u32;
    match minutes {
        0 => Age::JustNow,
        1..=59 => Age::Minutes(minutes),
        60..=1_439 => Age::Hours(minutes / 60),
        _ => Age::Days(minutes / 1_440),
    }
}
