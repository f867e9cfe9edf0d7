//! The supplier's order queue, its bulk moves, the pick list and the staff's home card
//! of open customer requests.
//!
//! The shape and both languages live together here, so the screens of this feature
//! change one file. Column names the queue shares with the customer's list (number,
//! date, status, total) come from the orders texts.

use crate::api::fulfilment::OrderAction;

pub struct StaffOrdersTexts {
    // The queue.
    pub title: &'static str,
    pub intro: &'static str,
    pub filters_label: &'static str,
    pub status_all: &'static str,
    pub company: &'static str,
    pub company_all: &'static str,
    pub from: &'static str,
    pub to: &'static str,
    pub channel: &'static str,
    pub channel_all: &'static str,
    pub search: &'static str,
    pub search_placeholder: &'static str,
    pub clear_filters: &'static str,
    pub requests_heading: &'static str,
    pub orders_heading: &'static str,
    pub empty: &'static str,
    pub empty_filtered: &'static str,
    pub col_select: &'static str,
    pub col_company: &'static str,
    pub col_channel: &'static str,
    pub col_pick_list: &'static str,
    /// The accessible name of a row's check box: "Select order SO-000123".
    pub select_order: fn(&str) -> String,
    pub pick_list_link: &'static str,

    // Customer requests.
    /// "3 requests wait for an answer".
    pub requests_waiting: fn(usize) -> String,
    pub show_requests: &'static str,
    pub requests_only: &'static str,
    pub show_all_orders: &'static str,
    /// `CANCEL`, `CHANGE`, `RETURN` as a tag.
    pub request_kind: fn(&str) -> &'static str,
    pub requests_card_title: &'static str,
    pub requests_card_text: &'static str,

    // Bulk moves.
    pub bulk_label: &'static str,
    pub select_all_shown: fn(usize) -> String,
    pub selected_count: fn(usize) -> String,
    pub action_label: &'static str,
    pub action_choose: &'static str,
    /// A bulk step in words, as a command.
    pub action: fn(OrderAction) -> &'static str,
    /// "2 of the 3 selected can take this step".
    pub action_fits: fn(usize, usize) -> String,
    pub apply: &'static str,
    pub moving: fn(usize) -> String,
    pub confirm_cancel: fn(usize) -> String,
    pub confirm_cancel_yes: &'static str,
    pub confirm_cancel_no: &'static str,
    /// "28 moved, 2 not moved".
    pub moved_summary: fn(usize, usize) -> String,
    pub not_moved_heading: &'static str,
    pub dismiss: &'static str,

    // The pick list.
    pub pick_list_title: &'static str,
    pub back_to_queue: &'static str,
    pub print: &'static str,
    pub placed_on: &'static str,
    pub col_sku: &'static str,
    pub col_product: &'static str,
    pub col_unit: &'static str,
    pub col_pack_size: &'static str,
    pub col_quantity: &'static str,
    pub col_packs: &'static str,
    pub col_on_hand: &'static str,
    pub col_picked: &'static str,
    /// The accessible name of a line's tick box: "Picked SKU-123".
    pub picked_line: fn(&str) -> String,
    pub pick_list_empty: &'static str,
    pub picked_by: &'static str,
    pub checked_by: &'static str,
}

pub const HE: StaffOrdersTexts = StaffOrdersTexts {
    title: "תור ההזמנות",
    intro: "כל ההזמנות שעברו את אישור הלקוח, מכל הערוצים, החדשות ראשונות. בקשות של לקוחות מופיעות למעלה.",
    filters_label: "סינון ההזמנות",
    status_all: "כל הסטטוסים",
    company: "חברה",
    company_all: "כל החברות",
    from: "מתאריך",
    to: "עד תאריך",
    channel: "ערוץ",
    channel_all: "כל הערוצים",
    search: "חיפוש",
    search_placeholder: "מספר הזמנה או מק״ט",
    clear_filters: "ניקוי הסינון",
    requests_heading: "בקשות שממתינות לתשובה",
    orders_heading: "הזמנות",
    empty: "אין הזמנות בתור.",
    empty_filtered: "אין הזמנות שמתאימות לסינון.",
    col_select: "בחירה",
    col_company: "חברה",
    col_channel: "ערוץ",
    col_pick_list: "ליקוט",
    select_order: |number| format!("בחירת הזמנה {number}"),
    pick_list_link: "רשימת ליקוט",

    requests_waiting: |count| match count {
        1 => "בקשה אחת ממתינה לתשובה".to_owned(),
        _ => format!("{count} בקשות ממתינות לתשובה"),
    },
    show_requests: "הצגת הבקשות",
    requests_only: "מוצגות רק הזמנות עם בקשה פתוחה.",
    show_all_orders: "הצגת כל ההזמנות",
    request_kind: |kind| match kind {
        "CANCEL" => "בקשת ביטול",
        "CHANGE" => "בקשת שינוי",
        "RETURN" => "בקשת החזרה",
        _ => "בקשה",
    },
    requests_card_title: "בקשות של לקוחות",
    requests_card_text: "בקשות ביטול, שינוי והחזרה שממתינות לתשובה.",

    bulk_label: "פעולה על כמה הזמנות",
    select_all_shown: |count| format!("בחירת כל המוצגות ({count})"),
    selected_count: |count| match count {
        0 => "לא נבחרו הזמנות".to_owned(),
        1 => "נבחרה הזמנה אחת".to_owned(),
        _ => format!("נבחרו {count} הזמנות"),
    },
    action_label: "פעולה",
    action_choose: "בחירת פעולה",
    action: |action| match action {
        OrderAction::Confirm => "אישור",
        OrderAction::StartPicking => "התחלת ליקוט",
        OrderAction::Pack => "אריזה והפקת חשבונית",
        OrderAction::Invoice => "הפקת חשבונית",
        OrderAction::Deliver => "סימון כנמסרה",
        OrderAction::Cancel => "ביטול ההזמנות",
        _ => "פעולה אחרת",
    },
    action_fits: |fit, selected| format!("{fit} מתוך {selected}"),
    apply: "ביצוע",
    moving: |count| match count {
        1 => "מעדכן הזמנה אחת…".to_owned(),
        _ => format!("מעדכן {count} הזמנות…"),
    },
    confirm_cancel: |count| match count {
        1 => "לבטל הזמנה אחת? המלאי השמור משתחרר, ולהזמנה עם חשבונית תופק הודעת זיכוי.".to_owned(),
        _ => format!(
            "לבטל {count} הזמנות? המלאי השמור משתחרר, ולהזמנות עם חשבונית יופקו הודעות זיכוי."
        ),
    },
    confirm_cancel_yes: "כן, לבטל",
    confirm_cancel_no: "לא לבטל",
    moved_summary: |moved, failed| {
        let moved = match moved {
            1 => "הזמנה אחת עודכנה".to_owned(),
            _ => format!("{moved} הזמנות עודכנו"),
        };
        match failed {
            0 => moved,
            1 => format!("{moved}, הזמנה אחת לא עודכנה"),
            _ => format!("{moved}, {failed} לא עודכנו"),
        }
    },
    not_moved_heading: "לא עודכנו:",
    dismiss: "סגירה",

    pick_list_title: "רשימת ליקוט",
    back_to_queue: "לתור ההזמנות",
    print: "הדפסה",
    placed_on: "תאריך ההזמנה",
    col_sku: "מק״ט",
    col_product: "מוצר",
    col_unit: "יחידה",
    col_pack_size: "באריזה",
    col_quantity: "כמות",
    col_packs: "אריזות",
    col_on_hand: "במלאי",
    col_picked: "לוקט",
    picked_line: |sku| format!("לוקט {sku}"),
    pick_list_empty: "אין שורות בהזמנה.",
    picked_by: "ליקט/ה:",
    checked_by: "בדק/ה:",
};

pub const EN: StaffOrdersTexts = StaffOrdersTexts {
    title: "Order queue",
    intro: "Every order that passed the customer's approval, from every channel, newest first. Customer requests come first.",
    filters_label: "Filter orders",
    status_all: "All statuses",
    company: "Company",
    company_all: "All companies",
    from: "From",
    to: "To",
    channel: "Channel",
    channel_all: "All channels",
    search: "Search",
    search_placeholder: "Order number or SKU",
    clear_filters: "Clear filters",
    requests_heading: "Requests waiting for an answer",
    orders_heading: "Orders",
    empty: "The queue is empty.",
    empty_filtered: "No orders match the filter.",
    col_select: "Select",
    col_company: "Company",
    col_channel: "Channel",
    col_pick_list: "Picking",
    select_order: |number| format!("Select order {number}"),
    pick_list_link: "Pick list",

    requests_waiting: |count| match count {
        1 => "1 request waits for an answer".to_owned(),
        _ => format!("{count} requests wait for an answer"),
    },
    show_requests: "Show the requests",
    requests_only: "Showing only orders with an open request.",
    show_all_orders: "Show all orders",
    request_kind: |kind| match kind {
        "CANCEL" => "Cancellation request",
        "CHANGE" => "Change request",
        "RETURN" => "Return request",
        _ => "Request",
    },
    requests_card_title: "Customer requests",
    requests_card_text: "Cancellation, change and return requests waiting for an answer.",

    bulk_label: "Act on several orders",
    select_all_shown: |count| format!("Select all shown ({count})"),
    selected_count: |count| match count {
        0 => "No orders selected".to_owned(),
        1 => "1 order selected".to_owned(),
        _ => format!("{count} orders selected"),
    },
    action_label: "Action",
    action_choose: "Choose an action",
    action: |action| match action {
        OrderAction::Confirm => "Confirm",
        OrderAction::StartPicking => "Start picking",
        OrderAction::Pack => "Pack and invoice",
        OrderAction::Invoice => "Issue the invoice",
        OrderAction::Deliver => "Mark delivered",
        OrderAction::Cancel => "Cancel the orders",
        _ => "Other action",
    },
    action_fits: |fit, selected| format!("{fit} of {selected}"),
    apply: "Apply",
    moving: |count| match count {
        1 => "Moving 1 order…".to_owned(),
        _ => format!("Moving {count} orders…"),
    },
    confirm_cancel: |count| match count {
        1 => {
            "Cancel 1 order? Its reserved stock is released; an invoiced order gets a credit note."
                .to_owned()
        }
        _ => format!(
            "Cancel {count} orders? Their reserved stock is released; invoiced ones get a credit note."
        ),
    },
    confirm_cancel_yes: "Yes, cancel",
    confirm_cancel_no: "Keep them",
    moved_summary: |moved, failed| format!("{moved} moved, {failed} not moved"),
    not_moved_heading: "Not moved:",
    dismiss: "Close",

    pick_list_title: "Pick list",
    back_to_queue: "Back to the queue",
    print: "Print",
    placed_on: "Placed on",
    col_sku: "SKU",
    col_product: "Product",
    col_unit: "Unit",
    col_pack_size: "Pack size",
    col_quantity: "Quantity",
    col_packs: "Packs",
    col_on_hand: "On hand",
    col_picked: "Picked",
    picked_line: |sku| format!("Picked {sku}"),
    pick_list_empty: "The order has no lines.",
    picked_by: "Picked by:",
    checked_by: "Checked by:",
};
