//! The accessibility statement (`/accessibility`) and the links to it.
//!
//! The shape and both languages live together here, so the statement changes in one file.

pub struct AccessibilityTexts {
    /// The link in the footer of every page and under the login form.
    pub link: &'static str,
    pub title: &'static str,
    pub intro: &'static str,
    pub standard_title: &'static str,
    pub standard_text: &'static str,
    pub supported_title: &'static str,
    pub supported: &'static [&'static str],
    pub limitations_title: &'static str,
    pub limitations: &'static [&'static str],
    pub contact_title: &'static str,
    pub contact_text: &'static str,
    /// The address people write to about accessibility.
    pub contact_email: &'static str,
    pub last_checked_label: &'static str,
    /// The day of the last check, as dd/mm/yyyy.
    pub last_checked_date: &'static str,
    pub back: &'static str,
}

pub const HE: AccessibilityTexts = AccessibilityTexts {
    link: "הצהרת נגישות",
    title: "הצהרת נגישות",
    intro: "אנו רואים חשיבות בכך שכל לקוחותינו ועובדינו, לרבות אנשים עם מוגבלות, יוכלו להזמין, לאשר ולעקוב אחר הזמנות בפורטל באופן עצמאי ושוויוני.",
    standard_title: "התקן",
    standard_text: "הפורטל הותאם לדרישות תקן ישראלי 5568, המבוסס על הנחיות WCAG 2.0 ברמה AA, ובהתאם לתקנות שוויון זכויות לאנשים עם מוגבלות (התאמות נגישות לשירות), התשע\"ג-2013.",
    supported_title: "מה נתמך",
    supported: &[
        "שימוש מלא במקלדת: מיקוד גלוי, סדר ניווט הגיוני, קישור \"דילוג לתוכן\" בראש כל עמוד, וסגירת חלונות ב-Escape.",
        "קוראי מסך: כותרות, תוויות לכל שדה ולכל כפתור, אזורי ציון (landmarks) ועדכונים חיים שמוקראים בלי להזיז את המיקוד.",
        "עברית מימין לשמאל ואנגלית משמאל לימין, עם מספרים, מק\"טים ומחירים שנשארים משמאל לימין.",
        "ניגודיות צבעים ברמה AA, וטלפון נייד ללא גלילה אופקית של העמוד.",
    ],
    limitations_title: "מגבלות ידועות",
    limitations: &[
        "קובצי PDF של חשבוניות ודוחות חשבון אינם מתויגים במלואם לקוראי מסך; אותו מידע מוצג גם בעמודי החשבוניות והכרטסת.",
        "טבלאות רחבות בעמודי הצוות נגללות בתוך המסגרת שלהן בטלפון.",
    ],
    contact_title: "יצירת קשר",
    contact_text: "נתקלתם בבעיית נגישות? כתבו לרכז הנגישות שלנו ונחזור אליכם תוך חמישה ימי עסקים:",
    contact_email: "accessibility@demo.test",
    last_checked_label: "תאריך הבדיקה האחרונה:",
    last_checked_date: "24/11/2026",
    back: "חזרה לפורטל",
};

pub const EN: AccessibilityTexts = AccessibilityTexts {
    link: "Accessibility statement",
    title: "Accessibility statement",
    intro: "We want every customer and employee, including people with disabilities, to order, approve and follow orders in the portal independently and on equal terms.",
    standard_title: "Standard",
    standard_text: "The portal is designed to meet Israeli Standard 5568, which follows the WCAG 2.0 guidelines at level AA, as the Equal Rights for Persons with Disabilities (Service Accessibility Adjustments) Regulations, 2013 require.",
    supported_title: "What is supported",
    supported: &[
        "Full keyboard use: visible focus, a logical order, a \"Skip to content\" link at the top of every page, and Escape to close dialogs.",
        "Screen readers: headings, labels for every field and button, landmarks, and live updates announced without moving the focus.",
        "Hebrew right to left and English left to right, with numbers, SKUs and prices kept left to right.",
        "Colour contrast at level AA, and phones without horizontal scrolling of the page.",
    ],
    limitations_title: "Known limitations",
    limitations: &[
        "PDF invoices and statements are not fully tagged for screen readers; the same information is shown on the invoices and account pages.",
        "Wide tables on the staff pages scroll inside their own frame on a phone.",
    ],
    contact_title: "Contact",
    contact_text: "Found an accessibility problem? Write to our accessibility coordinator and we will answer within five business days:",
    contact_email: "accessibility@demo.test",
    last_checked_label: "Last checked:",
    last_checked_date: "24/11/2026",
    back: "Back to the portal",
};
