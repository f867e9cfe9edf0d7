//! The order page's workflow: the steps staff take, the requests customers make, the
//! supplier's answer to them, and the order's documents.
//!
//! The shape and both languages live together here, so the screens of this feature
//! change one file.

use crate::api::fulfilment::{OrderAction, ReturnReason};

pub struct FulfilmentTexts {
    /// The button of a step.
    pub action: fn(OrderAction) -> &'static str,
    pub staff_heading: &'static str,
    pub customer_heading: &'static str,
    pub customer_intro: &'static str,
    pub working: &'static str,
    pub close: &'static str,
    pub optional: &'static str,

    // Ship.
    pub ship_title: &'static str,
    pub carrier: &'static str,
    pub carrier_hint: &'static str,
    pub tracking_number: &'static str,
    pub tracking_url: &'static str,
    pub tracking_url_hint: &'static str,
    pub carrier_missing: &'static str,
    pub tracking_missing: &'static str,
    pub tracking_url_invalid: &'static str,
    pub ship_confirm: &'static str,

    // Deliver.
    pub deliver_title: &'static str,
    pub delivery_note: &'static str,
    pub delivery_note_hint: &'static str,
    pub deliver_confirm: &'static str,

    // Cancel.
    pub cancel_title: &'static str,
    pub cancel_warning: &'static str,
    pub cancel_reason: &'static str,
    pub cancel_confirm: &'static str,
    pub keep_order: &'static str,

    // Returns (staff) and return requests (customers).
    pub return_title: &'static str,
    pub request_return_title: &'static str,
    pub return_reason: &'static str,
    pub reason_name: fn(ReturnReason) -> &'static str,
    pub return_lines: &'static str,
    pub return_lines_hint: &'static str,
    pub return_quantity_of: fn(&str) -> String,
    pub return_nothing: &'static str,
    pub return_confirm: &'static str,
    pub comment: &'static str,

    // Cancellation and change requests.
    pub request_cancel_title: &'static str,
    pub request_change_title: &'static str,
    pub request_message: &'static str,
    pub request_cancel_hint: &'static str,
    pub request_change_hint: &'static str,
    pub request_message_missing: &'static str,
    pub request_send: &'static str,

    // The requests and the supplier's answer.
    pub requests_heading: &'static str,
    pub open_request_heading: &'static str,
    /// `CANCEL`, `CHANGE`, `RETURN` in words.
    pub request_kind: fn(&str) -> &'static str,
    /// `OPEN`, `ACCEPTED`, `DECLINED` in words.
    pub request_status: fn(&str) -> &'static str,
    /// "Asked by Dana Katz on 04/05/2026 14:30".
    pub requested_by: fn(&str, &str) -> String,
    pub answer: &'static str,
    pub accept: &'static str,
    pub accept_hint: fn(&str) -> &'static str,
    pub decline: &'static str,
    pub decline_title: &'static str,
    pub decline_reason: &'static str,
    pub decline_reason_hint: &'static str,
    pub decline_confirm: &'static str,
    pub whole_order: &'static str,

    // Documents and the pick list.
    pub documents_heading: &'static str,
    pub invoice: fn(&str) -> String,
    pub credit_note: fn(&str) -> String,
    pub pdf: &'static str,
    pub pick_list: &'static str,
    pub delivered_on: &'static str,
    pub shipped_on: &'static str,
}

pub const HE: FulfilmentTexts = FulfilmentTexts {
    action: |action| match action {
        OrderAction::Confirm => "אישור ההזמנה",
        OrderAction::StartPicking => "התחלת ליקוט",
        OrderAction::Pack => "נארז (הפקת חשבונית)",
        OrderAction::Invoice => "הפקת חשבונית",
        OrderAction::Ship => "משלוח…",
        OrderAction::Deliver => "אישור מסירה…",
        OrderAction::Cancel => "ביטול ההזמנה…",
        OrderAction::Return => "רישום החזרה…",
        OrderAction::RequestCancellation => "בקשת ביטול…",
        OrderAction::RequestChange => "בקשת שינוי…",
        OrderAction::RequestReturn => "בקשת החזרה…",
        OrderAction::Unknown => "",
    },
    staff_heading: "הטיפול בהזמנה",
    customer_heading: "צריכים משהו?",
    customer_intro: "בקשה נשלחת לספק ומופיעה בראש התור שלו; התשובה תופיע כאן.",
    working: "שומר…",
    close: "סגירה",
    optional: "(רשות)",

    ship_title: "משלוח הזמנה",
    carrier: "חברת שילוח",
    carrier_hint: "למשל: חברת ההובלות, דואר ישראל, איסוף עצמי",
    tracking_number: "מספר מעקב",
    tracking_url: "קישור למעקב",
    tracking_url_hint: "כתובת https:// של עמוד המעקב אצל המוביל; הלקוח יראה אותה.",
    carrier_missing: "כתבו את שם המוביל.",
    tracking_missing: "כתבו את מספר המעקב.",
    tracking_url_invalid: "הקישור צריך להתחיל ב-https://",
    ship_confirm: "סימון כנשלח",

    deliver_title: "אישור מסירה",
    delivery_note: "מי קיבל / הערה",
    delivery_note_hint: "למשל שם החותם על תעודת המשלוח.",
    deliver_confirm: "אישור מסירה",

    cancel_title: "ביטול הזמנה",
    cancel_warning: "המלאי השמור ישוחרר מיד. אם כבר הופקה חשבונית, תופק עבורה הודעת זיכוי.",
    cancel_reason: "סיבת הביטול",
    cancel_confirm: "ביטול ההזמנה",
    keep_order: "השארת ההזמנה",

    return_title: "רישום החזרה",
    request_return_title: "בקשת החזרה",
    return_reason: "סיבה",
    reason_name: |reason| match reason {
        ReturnReason::WrongItem => "פריט שגוי",
        ReturnReason::Damaged => "פגום",
        ReturnReason::Other => "אחר",
    },
    return_lines: "מה חוזר",
    return_lines_hint: "כמויות של כל שורה; השאירו הכול כדי להחזיר את כל ההזמנה.",
    return_quantity_of: |sku| format!("כמות להחזרה של {sku}"),
    return_nothing: "בחרו לפחות שורה אחת להחזרה.",
    return_confirm: "רישום ההחזרה והפקת זיכוי",
    comment: "הערה",

    request_cancel_title: "בקשת ביטול",
    request_change_title: "בקשת שינוי",
    request_message: "מה לכתוב לספק",
    request_cancel_hint: "למשל: הוזמן בטעות, כבר לא צריך.",
    request_change_hint: "למשל: להוסיף 10 יחידות, לשנות כתובת מסירה.",
    request_message_missing: "כתבו לספק מה אתם מבקשים.",
    request_send: "שליחת הבקשה",

    requests_heading: "בקשות",
    open_request_heading: "בקשה שמחכה לתשובה",
    request_kind: |kind| match kind {
        "CANCEL" => "ביטול",
        "CHANGE" => "שינוי",
        "RETURN" => "החזרה",
        _ => "בקשה",
    },
    request_status: |status| match status {
        "OPEN" => "ממתינה",
        "ACCEPTED" => "התקבלה",
        "DECLINED" => "נדחתה",
        _ => "",
    },
    requested_by: |name, when| format!("ביקש/ה {name}, {when}"),
    answer: "תשובה",
    accept: "קבלת הבקשה",
    accept_hint: |kind| match kind {
        "CANCEL" => "ההזמנה תבוטל והמלאי ישוחרר מיד (ואם הופקה חשבונית – תופק הודעת זיכוי).",
        "RETURN" => "הסחורה תחזור למלאי ותופק הודעת זיכוי.",
        _ => "הלקוח יקבל הודעה שהבקשה התקבלה; עדכנו את ההזמנה בהתאם.",
    },
    decline: "דחייה…",
    decline_title: "דחיית בקשה",
    decline_reason: "הסיבה (הלקוח יראה אותה)",
    decline_reason_hint: "למשל: ההזמנה כבר יצאה.",
    decline_confirm: "דחיית הבקשה",
    whole_order: "כל ההזמנה",

    documents_heading: "מסמכים",
    invoice: |number| format!("חשבונית {number}"),
    credit_note: |number| format!("הודעת זיכוי {number}"),
    pdf: "PDF",
    pick_list: "רשימת ליקוט",
    delivered_on: "נמסר",
    shipped_on: "נשלח",
};

pub const EN: FulfilmentTexts = FulfilmentTexts {
    action: |action| match action {
        OrderAction::Confirm => "Confirm order",
        OrderAction::StartPicking => "Start picking",
        OrderAction::Pack => "Packed (issue invoice)",
        OrderAction::Invoice => "Issue invoice",
        OrderAction::Ship => "Ship…",
        OrderAction::Deliver => "Confirm delivery…",
        OrderAction::Cancel => "Cancel order…",
        OrderAction::Return => "Record a return…",
        OrderAction::RequestCancellation => "Ask to cancel…",
        OrderAction::RequestChange => "Ask for a change…",
        OrderAction::RequestReturn => "Ask to return…",
        OrderAction::Unknown => "",
    },
    staff_heading: "Fulfilment",
    customer_heading: "Need something?",
    customer_intro: "A request goes to the supplier, on top of their queue; the answer shows here.",
    working: "Saving…",
    close: "Close",
    optional: "(optional)",

    ship_title: "Ship order",
    carrier: "Carrier",
    carrier_hint: "For example: the haulier, Israel Post, customer pick-up",
    tracking_number: "Tracking number",
    tracking_url: "Tracking link",
    tracking_url_hint: "The https:// address of the carrier's tracking page; the customer sees it.",
    carrier_missing: "Write the carrier's name.",
    tracking_missing: "Write the tracking number.",
    tracking_url_invalid: "The link must start with https://",
    ship_confirm: "Mark as shipped",

    deliver_title: "Confirm delivery",
    delivery_note: "Received by / note",
    delivery_note_hint: "For example the name on the signed delivery note.",
    deliver_confirm: "Confirm delivery",

    cancel_title: "Cancel order",
    cancel_warning: "Reserved stock is released at once. If the order was invoiced, a credit note is issued.",
    cancel_reason: "Why it is cancelled",
    cancel_confirm: "Cancel the order",
    keep_order: "Keep the order",

    return_title: "Record a return",
    request_return_title: "Ask to return goods",
    return_reason: "Reason",
    reason_name: |reason| match reason {
        ReturnReason::WrongItem => "Wrong item",
        ReturnReason::Damaged => "Damaged",
        ReturnReason::Other => "Other",
    },
    return_lines: "What comes back",
    return_lines_hint: "Quantities per line; leave them all to return the whole order.",
    return_quantity_of: |sku| format!("Quantity of {sku} to return"),
    return_nothing: "Choose at least one line to return.",
    return_confirm: "Record the return and credit it",
    comment: "Comment",

    request_cancel_title: "Ask to cancel",
    request_change_title: "Ask for a change",
    request_message: "Your message to the supplier",
    request_cancel_hint: "For example: ordered by mistake, no longer needed.",
    request_change_hint: "For example: add 10 units, change the delivery address.",
    request_message_missing: "Write what you ask the supplier for.",
    request_send: "Send the request",

    requests_heading: "Requests",
    open_request_heading: "A request waits for an answer",
    request_kind: |kind| match kind {
        "CANCEL" => "Cancellation",
        "CHANGE" => "Change",
        "RETURN" => "Return",
        _ => "Request",
    },
    request_status: |status| match status {
        "OPEN" => "Waiting",
        "ACCEPTED" => "Accepted",
        "DECLINED" => "Declined",
        _ => "",
    },
    requested_by: |name, when| format!("Asked by {name}, {when}"),
    answer: "Answer",
    accept: "Accept the request",
    accept_hint: |kind| match kind {
        "CANCEL" => {
            "The order is cancelled and its stock released at once (an invoiced order gets a credit note)."
        }
        "RETURN" => "The goods go back into stock and a credit note is issued.",
        _ => "The customer is told the request was accepted; update the order to match.",
    },
    decline: "Decline…",
    decline_title: "Decline the request",
    decline_reason: "Reason (the customer sees it)",
    decline_reason_hint: "For example: the order has already left.",
    decline_confirm: "Decline the request",
    whole_order: "The whole order",

    documents_heading: "Documents",
    invoice: |number| format!("Invoice {number}"),
    credit_note: |number| format!("Credit note {number}"),
    pdf: "PDF",
    pick_list: "Pick list",
    delivered_on: "Delivered",
    shipped_on: "Shipped",
};
