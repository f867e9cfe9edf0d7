//! The words of every notification, in Hebrew and English: the short in-app title and
//! body, and the e-mail's subject and plain text. All of it is built here from the
//! facts of the order, so the two channels never disagree.

use serde::{Deserialize, Serialize};
use shared::{Language, Money, OrderStatus};

use super::NotificationKind;
use crate::domain::approval::ApprovalReason;

/// What a notification says about its order, captured when the order changed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderFacts {
    pub order_id: i64,
    /// `SO-000123`.
    pub number: String,
    /// The name of the user who placed the order.
    pub buyer_name: String,
    /// Net, before VAT.
    pub subtotal: Money,
    /// Why the order needs approval (for approvers).
    pub reasons: Vec<ApprovalReason>,
    /// The approver who decided (for the buyer).
    pub decided_by: Option<String>,
    /// The approver's comment, or the reason of a rejection.
    pub comment: String,
    /// The order's status after a fulfilment move (for the buyer).
    #[serde(default)]
    pub status: Option<OrderStatus>,
    /// What goes with the move: the invoice number, the carrier and tracking link.
    #[serde(default)]
    pub detail: String,
    /// A customer request's kind: `CANCEL`, `CHANGE` or `RETURN`.
    #[serde(default)]
    pub request: Option<String>,
    /// Whether the supplier accepted the request (for the requester).
    #[serde(default)]
    pub accepted: Option<bool>,
}

/// The in-app notification's text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InApp {
    pub title: String,
    pub body: String,
}

/// An e-mail's subject and plain-text body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Email {
    pub subject: String,
    pub text: String,
}

/// The page of the web app a notification opens: approvers go to the mobile approval
/// page, buyers to their order.
pub fn link(kind: NotificationKind, order_id: i64) -> String {
    match kind {
        NotificationKind::ApprovalNeeded => format!("/approvals/{order_id}"),
        NotificationKind::OrderApproved
        | NotificationKind::OrderRejected
        | NotificationKind::OrderStatusChanged
        | NotificationKind::OrderRequestDecided => format!("/orders/{order_id}"),
        NotificationKind::OrderRequestOpened => format!("/staff/orders/{order_id}"),
    }
}

/// A status in the recipient's language, as the end of "Order X was ...".
fn status_words(status: Option<OrderStatus>, language: Language) -> &'static str {
    match (status, language) {
        (Some(OrderStatus::Confirmed), Language::En) => "confirmed by the supplier",
        (Some(OrderStatus::Confirmed), Language::He) => "אושרה על ידי הספק",
        (Some(OrderStatus::Picking), Language::En) => "is being picked",
        (Some(OrderStatus::Picking), Language::He) => "בליקוט",
        (Some(OrderStatus::Packed), Language::En) => "packed",
        (Some(OrderStatus::Packed), Language::He) => "נארזה",
        (Some(OrderStatus::Invoiced), Language::En) => "packed and invoiced",
        (Some(OrderStatus::Invoiced), Language::He) => "נארזה וחשבונית הופקה",
        (Some(OrderStatus::Shipped), Language::En) => "shipped",
        (Some(OrderStatus::Shipped), Language::He) => "נשלחה",
        (Some(OrderStatus::Delivered), Language::En) => "delivered",
        (Some(OrderStatus::Delivered), Language::He) => "נמסרה",
        (Some(OrderStatus::Cancelled), Language::En) => "cancelled",
        (Some(OrderStatus::Cancelled), Language::He) => "בוטלה",
        (Some(OrderStatus::Returned), Language::En) => "returned",
        (Some(OrderStatus::Returned), Language::He) => "הוחזרה",
        (_, Language::En) => "updated",
        (_, Language::He) => "עודכנה",
    }
}

/// A request's kind as a noun in the recipient's language.
fn request_words(request: Option<&str>, language: Language) -> &'static str {
    match (request, language) {
        (Some("CANCEL"), Language::En) => "cancellation",
        (Some("CANCEL"), Language::He) => "ביטול",
        (Some("RETURN"), Language::En) => "return",
        (Some("RETURN"), Language::He) => "החזרה",
        (_, Language::En) => "change",
        (_, Language::He) => "שינוי",
    }
}

/// An approval reason in the recipient's language.
pub fn reason_text(reason: &ApprovalReason, language: Language) -> String {
    match language {
        Language::En => reason.message(),
        Language::He => match reason {
            ApprovalReason::AboveAutoApproval { limit } => {
                format!("מעל {} לפני מע״מ: נדרש אישור", limit.format_ils())
            }
            ApprovalReason::AboveDualApproval { limit } => {
                format!("מעל {} לפני מע״מ: נדרשים שני אישורים", limit.format_ils())
            }
            ApprovalReason::AboveBuyerLimit { limit } => {
                format!("מעל מגבלת ההזמנה של הקונה, {}", limit.format_ils())
            }
            ApprovalReason::OverBudget {
                cost_center,
                month,
                over_by,
                ..
            } => format!(
                "מרכז העלות {cost_center} חורג מתקציב {month} ב-{}",
                over_by.format_ils()
            ),
        },
    }
}

fn reasons_text(facts: &OrderFacts, language: Language) -> String {
    facts
        .reasons
        .iter()
        .map(|reason| reason_text(reason, language))
        .collect::<Vec<_>>()
        .join("; ")
}

/// The notification's title (and the e-mail's subject).
fn title_of(kind: NotificationKind, language: Language, facts: &OrderFacts) -> String {
    let number = &facts.number;
    match (kind, language) {
        (NotificationKind::ApprovalNeeded, Language::En) => {
            format!("Order {number} needs your approval")
        }
        (NotificationKind::ApprovalNeeded, Language::He) => {
            format!("הזמנה {number} ממתינה לאישורך")
        }
        (NotificationKind::OrderApproved, Language::En) => format!("Order {number} was approved"),
        (NotificationKind::OrderApproved, Language::He) => format!("הזמנה {number} אושרה"),
        (NotificationKind::OrderRejected, Language::En) => format!("Order {number} was rejected"),
        (NotificationKind::OrderRejected, Language::He) => format!("הזמנה {number} נדחתה"),
        (NotificationKind::OrderStatusChanged, Language::En) => {
            format!(
                "Order {number} was {}",
                status_words(facts.status, language)
            )
        }
        (NotificationKind::OrderStatusChanged, Language::He) => {
            format!("הזמנה {number} {}", status_words(facts.status, language))
        }
        (NotificationKind::OrderRequestOpened, Language::En) => format!(
            "Order {number}: {} requested",
            request_words(facts.request.as_deref(), language)
        ),
        (NotificationKind::OrderRequestOpened, Language::He) => format!(
            "הזמנה {number}: התבקש {}",
            request_words(facts.request.as_deref(), language)
        ),
        (NotificationKind::OrderRequestDecided, Language::En) => format!(
            "Your {} request for order {number} was {}",
            request_words(facts.request.as_deref(), language),
            if facts.accepted == Some(true) {
                "accepted"
            } else {
                "declined"
            }
        ),
        (NotificationKind::OrderRequestDecided, Language::He) => format!(
            "בקשת ה{} להזמנה {number} {}",
            request_words(facts.request.as_deref(), language),
            if facts.accepted == Some(true) {
                "התקבלה"
            } else {
                "נדחתה"
            }
        ),
    }
}

/// The one-paragraph summary shared by the in-app body and the e-mail.
fn summary(kind: NotificationKind, language: Language, facts: &OrderFacts) -> String {
    let total = facts.subtotal.format_ils();
    let buyer = &facts.buyer_name;
    let decider = facts.decided_by.as_deref().unwrap_or_default();
    let comment = facts.comment.trim();
    match (kind, language) {
        (NotificationKind::ApprovalNeeded, Language::En) => {
            let mut text = format!("{buyer} placed an order of {total} before VAT.");
            let reasons = reasons_text(facts, language);
            if !reasons.is_empty() {
                text.push_str(&format!(" Why it needs approval: {reasons}."));
            }
            text
        }
        (NotificationKind::ApprovalNeeded, Language::He) => {
            let mut text = format!("{buyer} ביצע/ה הזמנה בסך {total} לפני מע״מ.");
            let reasons = reasons_text(facts, language);
            if !reasons.is_empty() {
                text.push_str(&format!(" סיבת האישור: {reasons}."));
            }
            text
        }
        (NotificationKind::OrderApproved, Language::En) => {
            let mut text = format!(
                "{decider} approved your order of {total} before VAT; it has gone to the supplier."
            );
            if !comment.is_empty() {
                text.push_str(&format!(" Comment: {comment}"));
            }
            text
        }
        (NotificationKind::OrderApproved, Language::He) => {
            let mut text =
                format!("{decider} אישר/ה את הזמנתך בסך {total} לפני מע״מ, וההזמנה נשלחה לספק.");
            if !comment.is_empty() {
                text.push_str(&format!(" הערה: {comment}"));
            }
            text
        }
        (NotificationKind::OrderRejected, Language::En) => {
            format!("{decider} rejected your order of {total} before VAT. Reason: {comment}")
        }
        (NotificationKind::OrderRejected, Language::He) => {
            format!("{decider} דחה/תה את הזמנתך בסך {total} לפני מע״מ. סיבה: {comment}")
        }
        (NotificationKind::OrderStatusChanged, Language::En) => {
            let mut text = format!(
                "Your order {} of {total} before VAT was {}.",
                facts.number,
                status_words(facts.status, language)
            );
            append(&mut text, &facts.detail);
            if !comment.is_empty() {
                text.push_str(&format!(" Comment: {comment}"));
            }
            text
        }
        (NotificationKind::OrderStatusChanged, Language::He) => {
            let mut text = format!(
                "הזמנתך {} בסך {total} לפני מע״מ {}.",
                facts.number,
                status_words(facts.status, language)
            );
            append(&mut text, &facts.detail);
            if !comment.is_empty() {
                text.push_str(&format!(" הערה: {comment}"));
            }
            text
        }
        (NotificationKind::OrderRequestOpened, Language::En) => {
            let mut text = format!(
                "{buyer} asked for a {} of order {} ({total} before VAT).",
                request_words(facts.request.as_deref(), language),
                facts.number
            );
            if !comment.is_empty() {
                text.push_str(&format!(" Message: {comment}"));
            }
            text
        }
        (NotificationKind::OrderRequestOpened, Language::He) => {
            let mut text = format!(
                "{buyer} ביקש/ה {} של הזמנה {} ({total} לפני מע״מ).",
                request_words(facts.request.as_deref(), language),
                facts.number
            );
            if !comment.is_empty() {
                text.push_str(&format!(" הודעה: {comment}"));
            }
            text
        }
        (NotificationKind::OrderRequestDecided, Language::En) => {
            let mut text = format!(
                "{decider} {} your {} request for order {}.",
                if facts.accepted == Some(true) {
                    "accepted"
                } else {
                    "declined"
                },
                request_words(facts.request.as_deref(), language),
                facts.number
            );
            if !comment.is_empty() {
                text.push_str(&format!(" Comment: {comment}"));
            }
            text
        }
        (NotificationKind::OrderRequestDecided, Language::He) => {
            let mut text = format!(
                "{decider} {} את בקשת ה{} להזמנה {}.",
                if facts.accepted == Some(true) {
                    "קיבל/ה"
                } else {
                    "דחה/תה"
                },
                request_words(facts.request.as_deref(), language),
                facts.number
            );
            if !comment.is_empty() {
                text.push_str(&format!(" הערה: {comment}"));
            }
            text
        }
    }
}

fn append(text: &mut String, detail: &str) {
    if !detail.trim().is_empty() {
        text.push(' ');
        text.push_str(detail.trim());
    }
}

/// The in-app notification.
pub fn in_app(kind: NotificationKind, language: Language, facts: &OrderFacts) -> InApp {
    InApp {
        title: title_of(kind, language, facts),
        body: summary(kind, language, facts),
    }
}

/// The longest line of an e-mail, in bytes (a Hebrew letter takes two): mail whose
/// lines stay well under 76 bytes with their line break can travel as 8-bit text.
pub const MAX_LINE_BYTES: usize = 72;

/// Wraps every line of `text` at spaces so that it has at most `max_bytes` bytes; a
/// single longer word (a long link) keeps a line of its own.
pub fn wrap(text: &str, max_bytes: usize) -> String {
    let mut wrapped = String::with_capacity(text.len() + text.len() / max_bytes.max(1));
    for (index, line) in text.split('\n').enumerate() {
        if index > 0 {
            wrapped.push('\n');
        }
        let mut width = 0;
        for word in line.split(' ') {
            if width > 0 && width + 1 + word.len() > max_bytes {
                wrapped.push('\n');
                width = 0;
            } else if width > 0 {
                wrapped.push(' ');
                width += 1;
            }
            wrapped.push_str(word);
            width += word.len();
        }
    }
    wrapped
}

/// The e-mail to `recipient_name`; `public_url` makes the link absolute.
pub fn email(
    kind: NotificationKind,
    language: Language,
    recipient_name: &str,
    facts: &OrderFacts,
    public_url: &str,
) -> Email {
    let url = format!(
        "{}{}",
        public_url.trim_end_matches('/'),
        link(kind, facts.order_id)
    );
    let summary = summary(kind, language, facts);
    let text = match language {
        Language::En => {
            let action = match kind {
                NotificationKind::ApprovalNeeded => "Approve or reject it here:",
                _ => "See the order here:",
            };
            format!(
                "Hello {recipient_name},\n\n\
                 {summary}\n\n\
                 Order: {number}\n\
                 Ordered by: {buyer}\n\
                 Net total: {total}\n\n\
                 {action}\n{url}\n\n\
                 -- \nThe wholesale portal\n",
                number = facts.number,
                buyer = facts.buyer_name,
                total = facts.subtotal.format_ils(),
            )
        }
        Language::He => {
            let action = match kind {
                NotificationKind::ApprovalNeeded => "לאישור או לדחייה:",
                _ => "לצפייה בהזמנה:",
            };
            format!(
                "שלום {recipient_name},\n\n\
                 {summary}\n\n\
                 הזמנה: {number}\n\
                 הוזמן על ידי: {buyer}\n\
                 סכום לפני מע״מ: {total}\n\n\
                 {action}\n{url}\n\n\
                 -- \nפורטל ההזמנות\n",
                number = facts.number,
                buyer = facts.buyer_name,
                total = facts.subtotal.format_ils(),
            )
        }
    };
    Email {
        subject: title_of(kind, language, facts),
        text: wrap(&text, MAX_LINE_BYTES),
    }
}

/// The password-reset e-mail with its link (`url`, absolute, valid 30 minutes).
pub fn password_reset_email(language: Language, recipient_name: &str, url: &str) -> Email {
    let (subject, text) = match language {
        Language::En => (
            "Reset your password".to_owned(),
            format!(
                "Hello {recipient_name},\n\n\
                 Someone asked to reset the password of your account on the wholesale \
                 portal. To choose a new password, open this link within 30 minutes; it \
                 works once:\n{url}\n\n\
                 If you did not ask for this, ignore this e-mail: your password stays as \
                 it is.\n\n\
                 -- \nThe wholesale portal\n"
            ),
        ),
        Language::He => (
            "איפוס הסיסמה שלך".to_owned(),
            format!(
                "שלום {recipient_name},\n\n\
                 התקבלה בקשה לאיפוס הסיסמה של החשבון שלך בפורטל ההזמנות. \
                 לבחירת סיסמה חדשה יש לפתוח את הקישור תוך 30 דקות; הוא פועל פעם אחת בלבד:\n\
                 {url}\n\n\
                 אם לא ביקשת זאת, אפשר להתעלם מהודעה זו: הסיסמה שלך לא תשתנה.\n\n\
                 -- \nפורטל ההזמנות\n"
            ),
        ),
    };
    Email {
        subject,
        text: wrap(&text, MAX_LINE_BYTES),
    }
}

/// The invitation e-mail: Hebrew first, then English, in one message (the invited
/// person has no language setting yet). The link (`url`, absolute) works once, for 7
/// days.
pub fn invitation_email(
    recipient_name: &str,
    company_name: &str,
    inviter_name: &str,
    url: &str,
) -> Email {
    let text = format!(
        "שלום {recipient_name},\n\n\
         {inviter_name} הזמין/ה אותך להצטרף לחשבון של {company_name} בפורטל ההזמנות. \
         ליצירת המשתמש שלך (שם וסיסמה) יש לפתוח את הקישור תוך 7 ימים; הוא פועל פעם אחת בלבד:\n\
         {url}\n\n\
         אם לא ציפית להזמנה זו, אפשר להתעלם מהודעה זו.\n\n\
         -----\n\n\
         Hello {recipient_name},\n\n\
         {inviter_name} invited you to join {company_name} on the wholesale portal. To \
         create your account (your name and a password), open this link within 7 days; \
         it works once:\n{url}\n\n\
         If you did not expect this invitation, ignore this e-mail.\n\n\
         -- \nפורטל ההזמנות / The wholesale portal\n"
    );
    Email {
        subject: format!(
            "הזמנה לפורטל ההזמנות / Invitation to the wholesale portal: {company_name}"
        ),
        text: wrap(&text, MAX_LINE_BYTES),
    }
}

#[cfg(test)]
mod tests {
    use std::str::FromStr;

    use rust_decimal::Decimal;

    use super::*;

    fn facts() -> OrderFacts {
        OrderFacts {
            order_id: 42,
            number: "SO-000042".to_owned(),
            buyer_name: "Noa Levi".to_owned(),
            subtotal: Money::new(Decimal::from_str("6234.5").unwrap_or_default()),
            reasons: vec![ApprovalReason::AboveAutoApproval {
                limit: Money::new(Decimal::from(5000)),
            }],
            decided_by: Some("Avi Cohen".to_owned()),
            comment: "Over the project budget".to_owned(),
            status: None,
            detail: String::new(),
            request: None,
            accepted: None,
        }
    }

    #[test]
    fn an_approval_email_names_the_order_buyer_total_reasons_and_absolute_link() {
        let email = email(
            NotificationKind::ApprovalNeeded,
            Language::En,
            "Avi Cohen",
            &facts(),
            "https://portal.example/",
        );
        assert_eq!(email.subject, "Order SO-000042 needs your approval");
        let text = email.text.replace('\n', " ");
        for expected in [
            "Hello Avi Cohen",
            "SO-000042",
            "Noa Levi",
            "₪ 6,234.50",
            "above ₪ 5,000.00 before VAT: needs an approval",
            " https://portal.example/approvals/42 ",
        ] {
            assert!(text.contains(expected), "{expected}: {}", email.text);
        }
    }

    #[test]
    fn hebrew_messages_are_in_hebrew_with_the_same_numbers() {
        let email = email(
            NotificationKind::ApprovalNeeded,
            Language::He,
            "אבי כהן",
            &facts(),
            "http://127.0.0.1:8080",
        );
        assert_eq!(email.subject, "הזמנה SO-000042 ממתינה לאישורך");
        // Lines are wrapped: compare the words.
        let text = email.text.replace('\n', " ");
        assert!(text.starts_with("שלום אבי כהן"));
        assert!(
            text.contains("מעל ₪ 5,000.00 לפני מע״מ: נדרש אישור"),
            "{text}"
        );
        assert!(text.contains("₪ 6,234.50"));
        assert!(text.contains(" http://127.0.0.1:8080/approvals/42 "));
    }

    #[test]
    fn email_lines_fit_in_72_bytes_in_both_languages() {
        for language in Language::ALL {
            for kind in NotificationKind::ALL {
                let email = email(
                    kind,
                    language,
                    "Avi Cohen",
                    &facts(),
                    "http://127.0.0.1:8080",
                );
                for line in email.text.lines() {
                    assert!(line.len() <= MAX_LINE_BYTES, "{} bytes: {line}", line.len());
                }
            }
        }
        assert_eq!(wrap("one two three", 7), "one two\nthree");
        assert_eq!(
            wrap("a https://very.long/link b", 5),
            "a\nhttps://very.long/link\nb"
        );
        assert_eq!(wrap("keeps\n\nparagraphs", 20), "keeps\n\nparagraphs");
    }

    #[test]
    fn a_rejection_tells_the_buyer_who_rejected_and_why_and_links_to_the_order() {
        let in_app = in_app(NotificationKind::OrderRejected, Language::En, &facts());
        assert_eq!(in_app.title, "Order SO-000042 was rejected");
        assert_eq!(
            in_app.body,
            "Avi Cohen rejected your order of ₪ 6,234.50 before VAT. Reason: Over the project budget"
        );
        assert_eq!(link(NotificationKind::OrderRejected, 42), "/orders/42");
        let hebrew = super::in_app(NotificationKind::OrderRejected, Language::He, &facts());
        assert!(hebrew.body.contains("סיבה: Over the project budget"));
    }
}
