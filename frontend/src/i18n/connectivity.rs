//! What the app says about its connection and the session: the offline banner and the
//! notice on the login page after a session ended.
//!
//! The shape and both languages live together here.

pub struct ConnectivityTexts {
    /// The banner while the browser is offline or the server cannot be reached.
    pub offline: &'static str,
    pub retry: &'static str,
    pub retrying: &'static str,
    /// Retry found the server still unreachable.
    pub still_offline: &'static str,
    /// The login page after a session ended (expired or no longer accepted).
    pub session_ended: &'static str,
}

pub const HE: ConnectivityTexts = ConnectivityTexts {
    offline: "אין חיבור לאינטרנט: שינויים לא נשמרים עד שהחיבור יחזור.",
    retry: "לנסות שוב",
    retrying: "בודקים את החיבור…",
    still_offline: "עדיין אין חיבור. נא לבדוק את הרשת ולנסות שוב.",
    session_ended: "תוקף ההתחברות הסתיים. נא להתחבר שוב, ונחזור לדף שבו היית.",
};

pub const EN: ConnectivityTexts = ConnectivityTexts {
    offline: "You are offline; changes are not saved until the connection is back.",
    retry: "Try again",
    retrying: "Checking the connection…",
    still_offline: "Still offline. Check your network and try again.",
    session_ended: "Your session has ended. Sign in again and you will be back on the page you were on.",
};
