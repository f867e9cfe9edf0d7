//! Who is signed in: the access token and the user, **in memory only**.
//!
//! The token never touches storage a script could read later: a reload starts signed
//! out and asks `POST /auth/refresh` for a new token, which the server gives for the
//! HttpOnly `portal_refresh` cookie of the sign-in (see [`SessionStore::provide`]).
//! While that runs the store is *restoring*, and the route guards show a loading state
//! instead of the login page. A token is refreshed a minute before it expires, and
//! once more when the server refuses it (`api::graphql`); the server's grace for a
//! refresh token used twice within 10 s covers two tabs refreshing together.
//!
//! Components read the session through [`use_session`] (context). The API client also
//! needs it after an `.await`, where the reactive owner and its context are gone, so the
//! one store of the app is also registered in a thread-local when it is created.
//!
//! When a page needs a session and there is none (a link from an e-mail, or a token the
//! server no longer accepts), the address is kept in session storage (this tab only)
//! and the login page brings the person back to it: see [`login_redirect`].

use std::cell::{Cell, RefCell};

use gloo_storage::{LocalStorage, SessionStorage, Storage};
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde::{Deserialize, Serialize};
use shared::Role;

use crate::api::auth::User;

/// Where sessions were kept before refresh cookies: removed at start.
const LEGACY_STORAGE_KEY: &str = "portal.session";
/// A hint without any secret that this browser was signed in, so that a reload after
/// the session ended elsewhere says so on the login page.
const SIGNED_IN_HINT_KEY: &str = "portal.signedIn";
/// Refresh this long before the access token expires.
const REFRESH_AHEAD_SECONDS: f64 = 60.0;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Session {
    pub token: String,
    pub user: User,
}

#[derive(Clone, Copy)]
pub struct SessionStore {
    session: RwSignal<Option<Session>>,
    /// True from the start of the app until the session restore has answered.
    restoring: RwSignal<bool>,
}

thread_local! {
    static REGISTERED: Cell<Option<SessionStore>> = const { Cell::new(None) };
    /// Set by "Log out": the page the person left is not one to come back to.
    static SIGNED_OUT_ON_PURPOSE: Cell<bool> = const { Cell::new(false) };
    /// The timer of the next scheduled refresh.
    static REFRESH_TIMER: RefCell<Option<TimeoutHandle>> = const { RefCell::new(None) };
}

impl SessionStore {
    /// Provides the store as context, registers it for the API client, and restores
    /// the session of the refresh cookie. Called once, by the root component.
    pub fn provide() -> SessionStore {
        LocalStorage::delete(LEGACY_STORAGE_KEY);
        let store = SessionStore {
            session: RwSignal::new(None),
            restoring: RwSignal::new(true),
        };
        REGISTERED.with(|registered| registered.set(Some(store)));
        provide_context(store);
        spawn_local(restore(store));
        store
    }

    /// For the route guards: `None` while the session is being restored.
    pub fn signed_in_state(self) -> Option<bool> {
        if self.restoring.get() {
            None
        } else {
            Some(self.is_signed_in())
        }
    }

    pub fn is_signed_in(self) -> bool {
        self.session.with(Option::is_some)
    }

    pub fn user(self) -> Option<User> {
        self.session
            .with(|session| session.as_ref().map(|s| s.user.clone()))
    }

    /// Whether the signed-in user's company is suspended (ordering paused); tracked.
    pub fn company_suspended(self) -> bool {
        self.session.with(|session| {
            session
                .as_ref()
                .and_then(|session| session.user.company.as_ref())
                .is_some_and(|company| company.suspended)
        })
    }

    pub fn user_untracked(self) -> Option<User> {
        self.session
            .with_untracked(|session| session.as_ref().map(|s| s.user.clone()))
    }

    pub fn role(self) -> Option<Role> {
        self.session
            .with(|session| session.as_ref().map(|s| s.user.role))
    }

    /// Whether the signed-in user may fill a cart and place orders (the server's
    /// `PlaceOrder` roles): buyers and approvers.
    pub fn can_order(self) -> bool {
        matches!(self.role(), Some(Role::Buyer | Role::Approver))
    }

    pub fn sign_in(self, session: Session) {
        SIGNED_OUT_ON_PURPOSE.with(|on_purpose| on_purpose.set(false));
        if let Err(error) = LocalStorage::set(SIGNED_IN_HINT_KEY, true) {
            leptos::logging::warn!("could not keep the signed-in hint: {error}");
        }
        schedule_refresh(&session.token);
        self.session.set(Some(session));
    }

    /// Replaces the user of the current session (after `me` or `setLanguage`).
    pub fn update_user(self, user: User) {
        let Some(mut session) = self.session.get_untracked() else {
            return;
        };
        if session.user == user {
            return;
        }
        session.user = user;
        self.session.set(Some(session));
    }

    /// "Log out": the server ends the session of the refresh cookie (and clears the
    /// cookie), then the session ends here and nothing is kept to come back to. The
    /// login page shows only after the server answered, so a reload right after it
    /// cannot restore the session that is being ended.
    pub fn sign_out(self) {
        SIGNED_OUT_ON_PURPOSE.with(|on_purpose| on_purpose.set(true));
        SessionStorage::delete(RETURN_KEY);
        cancel_refresh();
        spawn_local(async move {
            if let Err(error) = crate::api::auth::logout().await {
                leptos::logging::warn!("logout was not confirmed by the server: {error:?}");
            }
            self.clear();
        });
    }

    fn clear(self) {
        LocalStorage::delete(SIGNED_IN_HINT_KEY);
        cancel_refresh();
        self.session.set(None);
    }

    fn token_untracked(self) -> Option<String> {
        self.session
            .with_untracked(|session| session.as_ref().map(|s| s.token.clone()))
    }

    fn set_token(self, token: String) {
        schedule_refresh(&token);
        self.session.update(|session| {
            if let Some(session) = session {
                session.token = token;
            }
        });
    }
}

/// At start: a new access token for the refresh cookie, then the user. Without a
/// cookie (or with one the server refuses) the app starts signed out; if this browser
/// was signed in, the login page says that the session ended.
async fn restore(store: SessionStore) {
    let restored = match crate::api::auth::refresh().await {
        Ok(access) => crate::api::auth::me_with_token(&access.token)
            .await
            .ok()
            .map(|user| Session {
                token: access.token,
                user,
            }),
        Err(_) => None,
    };
    match restored {
        Some(session) => store.sign_in(session),
        None => {
            if LocalStorage::get::<bool>(SIGNED_IN_HINT_KEY).unwrap_or(false) {
                LocalStorage::delete(SIGNED_IN_HINT_KEY);
                if SessionStorage::get::<Return>(RETURN_KEY).is_err() {
                    remember(Return {
                        path: current_path(),
                        expired: true,
                    });
                }
            }
        }
    }
    store.restoring.set(false);
}

/// Asks the server for a new access token now (the token was refused, or is about to
/// expire); the new one replaces the old. `None` when the session is over.
pub async fn refresh_now() -> Option<String> {
    let store = registered()?;
    store.token_untracked()?;
    match crate::api::auth::refresh().await {
        Ok(access) => {
            store.set_token(access.token.clone());
            Some(access.token)
        }
        Err(_) => None,
    }
}

/// Seconds until `token` expires, from its `exp` claim (the payload is plain base64).
fn seconds_left(token: &str) -> Option<f64> {
    let payload = token.split('.').nth(1)?;
    let mut base64: String = payload
        .chars()
        .map(|c| match c {
            '-' => '+',
            '_' => '/',
            c => c,
        })
        .collect();
    while !base64.len().is_multiple_of(4) {
        base64.push('=');
    }
    let json = window().atob(&base64).ok()?;
    let exp = serde_json::from_str::<serde_json::Value>(&json)
        .ok()?
        .get("exp")?
        .as_f64()?;
    Some(exp - js_sys::Date::now() / 1000.0)
}

fn cancel_refresh() {
    REFRESH_TIMER.with(|timer| {
        if let Some(handle) = timer.borrow_mut().take() {
            handle.clear();
        }
    });
}

/// Refreshes the token a minute before it expires.
fn schedule_refresh(token: &str) {
    cancel_refresh();
    let Some(left) = seconds_left(token) else {
        return;
    };
    let wait = (left - REFRESH_AHEAD_SECONDS).max(5.0);
    let handle = set_timeout_with_handle(
        || {
            spawn_local(async {
                if refresh_now().await.is_none() {
                    expire();
                }
            });
        },
        std::time::Duration::from_millis((wait * 1000.0) as u64),
    );
    if let Ok(handle) = handle {
        REFRESH_TIMER.with(|timer| *timer.borrow_mut() = Some(handle));
    }
}

pub fn use_session() -> SessionStore {
    expect_context::<SessionStore>()
}

fn registered() -> Option<SessionStore> {
    REGISTERED.with(Cell::get)
}

/// The bearer token for the next request, if someone is signed in.
pub fn current_token() -> Option<String> {
    registered().and_then(SessionStore::token_untracked)
}

/// The server no longer accepts the token (expired, or rejected): forget the session and
/// remember where the person was. The route guard reacts and shows the login page, which
/// says why and comes back here after signing in.
pub fn expire() {
    // Only the first refusal counts: the other requests of the page fail the same way
    // when the login page may already be showing.
    if let Some(store) = registered().filter(|store| store.token_untracked().is_some()) {
        remember(Return {
            path: current_path(),
            expired: true,
        });
        store.clear();
    }
}

/// Session storage key of the [`Return`] address.
const RETURN_KEY: &str = "portal.return";

/// Where to go after signing in, and whether a session ended on its own to get here.
#[derive(Serialize, Deserialize)]
struct Return {
    path: String,
    expired: bool,
}

fn remember(to: Return) {
    if let Err(error) = SessionStorage::set(RETURN_KEY, &to) {
        leptos::logging::warn!("could not keep the page to come back to: {error}");
    }
}

fn current_path() -> String {
    let location = window().location();
    let path = location.pathname().unwrap_or_default();
    let search = location.search().unwrap_or_default();
    format!("{path}{search}")
}

/// The route guard's way to the login page from a page that needs a session: keeps the
/// address (unless the person logged out, or a session that ended already kept one).
pub fn login_redirect() -> &'static str {
    let on_purpose = SIGNED_OUT_ON_PURPOSE.with(Cell::get);
    if !on_purpose && SessionStorage::get::<Return>(RETURN_KEY).is_err() {
        remember(Return {
            path: current_path(),
            expired: false,
        });
    }
    "/login"
}

/// Where the login page sends a person who just signed in: back where they were, or
/// their landing page (supplier staff: the dashboard; everyone else: home).
pub fn after_sign_in_path() -> String {
    SessionStorage::get::<Return>(RETURN_KEY)
        .ok()
        .map(|to| to.path)
        .filter(|path| path.starts_with('/') && !path.starts_with("//") && path != "/login")
        .unwrap_or_else(|| landing_path().to_owned())
}

/// The page a role starts on.
fn landing_path() -> &'static str {
    let role = registered().and_then(|store| {
        store
            .session
            .with_untracked(|session| session.as_ref().map(|s| s.user.role))
    });
    match role {
        Some(Role::SupplierStaff) => STAFF_LANDING,
        _ => "/",
    }
}

/// Supplier staff's landing page.
pub const STAFF_LANDING: &str = "/staff/dashboard";

/// Whether the login page is shown because a session ended (not a first visit).
pub fn session_expired() -> bool {
    SessionStorage::get::<Return>(RETURN_KEY).is_ok_and(|to| to.expired)
}

/// A signed-in page is showing: the kept address has served its purpose.
pub fn arrived() {
    SessionStorage::delete(RETURN_KEY);
}
