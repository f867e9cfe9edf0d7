//! A minimal `graphql-transport-ws` client for subscription tests.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::time::Duration;

use futures_util::{SinkExt, StreamExt};
use serde_json::{Value, json};
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;

pub struct Subscription {
    socket: tokio_tungstenite::WebSocketStream<
        tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>,
    >,
}

impl Subscription {
    /// Connects, authenticates with `token` in `connection_init`, and subscribes.
    pub async fn start(base_url: &str, token: &str, query: &str, variables: Value) -> Subscription {
        Subscription::start_as(base_url, Some(token), query, variables).await
    }

    /// As [`Subscription::start`], signed in with `token` or anonymous without one.
    pub async fn start_as(
        base_url: &str,
        token: Option<&str>,
        query: &str,
        variables: Value,
    ) -> Subscription {
        let url = format!("{}/graphql/ws", base_url.replacen("http", "ws", 1));
        let mut request = url.into_client_request().expect("a websocket request");
        request.headers_mut().insert(
            "sec-websocket-protocol",
            "graphql-transport-ws".parse().expect("header"),
        );
        let (mut socket, _) = tokio_tungstenite::connect_async(request)
            .await
            .expect("websocket connects");
        let payload = match token {
            Some(token) => json!({ "authorization": format!("Bearer {token}") }),
            None => json!({}),
        };
        let init = json!({ "type": "connection_init", "payload": payload });
        socket
            .send(Message::text(init.to_string()))
            .await
            .expect("send init");
        let ack = next_json(&mut socket, Duration::from_secs(5))
            .await
            .expect("an ack");
        assert_eq!(ack["type"], "connection_ack", "{ack}");
        let subscribe = json!({ "id": "1", "type": "subscribe", "payload": { "query": query, "variables": variables } });
        socket
            .send(Message::text(subscribe.to_string()))
            .await
            .expect("send subscribe");
        Subscription { socket }
    }

    /// The next `next` payload, or `None` after `timeout`.
    pub async fn next(&mut self, timeout: Duration) -> Option<Value> {
        loop {
            let message = next_json(&mut self.socket, timeout).await?;
            match message["type"].as_str() {
                Some("next") => return Some(message["payload"].clone()),
                Some("ping") => {
                    let _ = self
                        .socket
                        .send(Message::text(json!({"type": "pong"}).to_string()))
                        .await;
                }
                Some("error") | Some("complete") => return Some(message),
                _ => {}
            }
        }
    }
}

async fn next_json(
    socket: &mut tokio_tungstenite::WebSocketStream<
        tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>,
    >,
    timeout: Duration,
) -> Option<Value> {
    loop {
        let message = tokio::time::timeout(timeout, socket.next())
            .await
            .ok()??
            .ok()?;
        if let Message::Text(text) = message {
            return serde_json::from_str(text.as_str()).ok();
        }
    }
}
