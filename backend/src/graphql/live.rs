//! Subscriptions end with the session that opened them. A websocket is authenticated
//! once, at `connection_init`; without this an open subscription would keep delivering
//! after a logout, "log out everywhere", a password change or reset, or a deactivation.

use futures_util::{Stream, StreamExt};
use sea_orm::DatabaseConnection;

use crate::domain::auth::session;
use crate::domain::authz::Actor;

/// Delivers `events` while the caller's session is open: before each event, one
/// primary-key read of the session. A closed session completes the subscription. A
/// check that cannot run (the database restarting) delivers the event: ending every
/// open subscription at each database hiccup would cost more than one event of a
/// session that may have ended, and the next event checks again.
pub fn while_signed_in<S>(
    events: S,
    db: DatabaseConnection,
    actor: &Actor,
) -> impl Stream<Item = S::Item> + Send + use<S>
where
    S: Stream + Send + 'static,
    S::Item: Send,
{
    let (user, session) = (actor.user_id, actor.session_id);
    events
        .then(move |event| {
            let db = db.clone();
            async move {
                let open = match session {
                    Some(session) => session::is_open(&db, user, session).await.unwrap_or(true),
                    None => false,
                };
                (open, event)
            }
        })
        .take_while(|(open, _)| std::future::ready(*open))
        .map(|(_, event)| event)
}
