//! Which of the frontend's two bundles serves a page. The customer bundle leaves out the
//! supplier's back-office pages, so buyers and approvers (often on a phone) download
//! less; the staff bundle has every page. The server picks the HTML file by this rule,
//! and the customer bundle reloads into the staff one by the same rule, so the two
//! sides cannot disagree.

/// The file name of the staff bundle's HTML page in the built `dist/`.
pub const STAFF_HTML: &str = "staff.html";

/// Whether `path` (the URL path, without query) is a page of the staff bundle only.
pub fn is_staff_page(path: &str) -> bool {
    let path = path.trim_end_matches('/');
    let first = path
        .trim_start_matches('/')
        .split('/')
        .next()
        .unwrap_or_default();
    matches!(first, "staff" | "companies")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn back_office_pages_are_staff_pages() {
        for path in [
            "/staff/orders",
            "/staff/orders/12/pick-list",
            "/staff/products/",
            "/staff/api-keys",
            "/staff/webhooks",
            "/staff",
            "/companies",
        ] {
            assert!(is_staff_page(path), "{path}");
        }
    }

    #[test]
    fn customer_and_shared_pages_are_not() {
        for path in [
            "/",
            "",
            "/catalog",
            "/orders/3",
            "/approvals/7",
            "/audit",
            "/users",
            "/staffing",
            "/companies-list",
            "/login",
        ] {
            assert!(!is_staff_page(path), "{path}");
        }
    }
}
