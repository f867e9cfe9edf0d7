//! The queue's filter in the address, so a reload, the back button and a shared link
//! keep it: `/staff/orders?status=CONFIRMED&company=2&from=2026-01-01&to=2026-01-31&
//! channel=PHONE&q=SO-12&requests=open`. What is not set is left out.

use leptos_router::params::ParamsMap;
use shared::OrderStatus;

use crate::api::orders::{CHANNELS, OrderFilter};

pub const QUEUE_PATH: &str = "/staff/orders";

/// The queue showing only the orders whose customer asked for something.
pub const REQUESTS_ADDRESS: &str = "/staff/orders?requests=open";

/// `YYYY-MM-DD`, as a date input gives it; anything else would only make the server
/// refuse the whole list.
fn is_day(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.len() == 10
        && bytes.iter().enumerate().all(|(index, byte)| match index {
            4 | 7 => *byte == b'-',
            _ => byte.is_ascii_digit(),
        })
}

/// The filter an address asks for; unknown values are ignored.
pub fn filter_in(query: &ParamsMap) -> OrderFilter {
    let text = |key: &str| {
        query
            .get(key)
            .map(|value| value.trim().to_owned())
            .filter(|value| !value.is_empty())
    };
    OrderFilter {
        status: text("status").and_then(|status| OrderStatus::parse(&status)),
        company_id: text("company"),
        from: text("from").filter(|day| is_day(day)),
        to: text("to").filter(|day| is_day(day)),
        channel: text("channel").filter(|channel| CHANNELS.contains(&channel.as_str())),
        search: text("q").unwrap_or_default(),
        has_open_request: (text("requests").as_deref() == Some("open")).then_some(true),
    }
}

/// The address of a filter (the inverse of [`filter_in`]).
pub fn address(filter: &OrderFilter) -> String {
    let mut parameters = Vec::new();
    let mut add = |key: &str, value: Option<&str>| {
        if let Some(value) = value.filter(|value| !value.is_empty()) {
            parameters.push(format!("{key}={}", js_sys::encode_uri_component(value)));
        }
    };
    add("status", filter.status.map(OrderStatus::as_str));
    add("company", filter.company_id.as_deref());
    add("from", filter.from.as_deref());
    add("to", filter.to.as_deref());
    add("channel", filter.channel.as_deref());
    add("q", Some(filter.search.trim()));
    add(
        "requests",
        (filter.has_open_request == Some(true)).then_some("open"),
    );
    if parameters.is_empty() {
        QUEUE_PATH.to_owned()
    } else {
        format!("{QUEUE_PATH}?{}", parameters.join("&"))
    }
}

#[cfg(test)]
mod tests {
    use super::is_day;

    #[test]
    fn a_day_is_four_two_and_two_digits() {
        assert!(is_day("2026-01-31"));
        assert!(!is_day("2026-1-31"));
        assert!(!is_day("31/01/2026"));
        assert!(!is_day("2026-01-3x"));
    }
}
