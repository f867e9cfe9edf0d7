//! Live updates: the `stockChanged` and `orderUpdated` subscriptions over
//! `graphql-transport-ws` at `/graphql/ws`, with the bearer token in `connection_init`.
//!
//! The protocol is spoken by the `graphql-ws-client` crate over `ws_stream_wasm` (measured:
//! about +38 KB of gzip WASM, under the 60 KB budget, and it speaks
//! `connection_init`/`subscribe`/`next`/`ping`/`pong`/`complete` as the server expects).
//! What the crate leaves to its user lives here: reconnecting with backoff, following
//! the set of SKUs on screen (one subscription at a time; a new set completes the old
//! subscription and starts another on the same socket), and telling the page when
//! updates may have been missed so it can read the current levels over HTTP.
//!
//! API boundary: a page calls [`StockFeed::start`] with three callbacks, [`StockFeed::watch`]
//! whenever its SKUs change and [`StockFeed::stop`] when it goes away. The feed also ends
//! by itself once nobody is signed in. The [`OrderFeed`] follows the caller's orders
//! the same way, with one subscription and no arguments.

use std::future::IntoFuture;
use std::time::Duration;

use futures_lite::{FutureExt, StreamExt};
use futures_timer::Delay;
use graphql_ws_client::graphql::GraphqlOperation;
use graphql_ws_client::{Client, Subscription};
use leptos::task::spawn_local;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use crate::api::orders::Order;
use crate::session;

const PATH: &str = "/graphql/ws";
const PROTOCOL: &str = "graphql-transport-ws";
/// A ping after this much silence notices a connection that died without a close.
const KEEP_ALIVE: Duration = Duration::from_secs(25);
const FIRST_RETRY: Duration = Duration::from_millis(500);
const LONGEST_RETRY: Duration = Duration::from_secs(30);

/// A new available quantity of one product.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct StockUpdate {
    pub sku: String,
    pub available: i64,
}

/// Whether live updates are flowing, for a small indicator on the page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FeedStatus {
    Connecting,
    /// Connected; `watching` SKUs are subscribed (0 while the page shows none).
    Live {
        watching: usize,
    },
    Reconnecting,
}

/// What the page is told by the feed.
pub struct FeedHandlers {
    pub on_update: Box<dyn Fn(StockUpdate)>,
    pub on_status: Box<dyn Fn(FeedStatus)>,
    /// Called after a reconnection with the SKUs watched: changes made while the
    /// socket was down were not delivered.
    pub on_resync: Box<dyn Fn(Vec<String>)>,
}

enum Command {
    Watch(Vec<String>),
    Stop,
}

/// A handle on the background task that keeps one socket open.
#[derive(Clone)]
pub struct StockFeed {
    commands: async_channel::Sender<Command>,
}

impl StockFeed {
    pub fn start(handlers: FeedHandlers) -> StockFeed {
        let (commands, receiver) = async_channel::unbounded();
        spawn_local(run(receiver, handlers));
        StockFeed { commands }
    }

    /// Follows exactly these SKUs from now on (an empty list pauses the subscription).
    pub fn watch(&self, skus: Vec<String>) {
        // The task is gone only after `stop`; then nothing needs to be watched.
        let _ = self.commands.try_send(Command::Watch(skus));
    }

    pub fn stop(&self) {
        let _ = self.commands.try_send(Command::Stop);
        self.commands.close();
    }
}

/// The subscription document and its variables, as the crate sends them.
#[derive(Serialize)]
struct StockChanged {
    query: &'static str,
    variables: Value,
}

impl StockChanged {
    fn for_skus(skus: &[String]) -> StockChanged {
        StockChanged {
            query: "subscription StockChanged($skus: [String!]) { stockChanged(skus: $skus) { sku available } }",
            variables: json!({ "skus": skus }),
        }
    }
}

impl GraphqlOperation for StockChanged {
    type Response = Value;
    type Error = serde_json::Error;

    fn decode(&self, data: Value) -> Result<Value, serde_json::Error> {
        Ok(data)
    }
}

/// Reads `{"data": {"stockChanged": {...}}}`; an answer with errors carries no update.
fn decode_update(response: Value) -> Option<StockUpdate> {
    let mut response = response;
    let update = response.get_mut("data")?.get_mut("stockChanged")?.take();
    serde_json::from_value(update).ok()
}

fn socket_url() -> Option<String> {
    let location = web_sys::window()?.location();
    let scheme = if location.protocol().ok()? == "https:" {
        "wss"
    } else {
        "ws"
    };
    Some(format!("{scheme}://{}{PATH}", location.host().ok()?))
}

async fn connect(token: &str) -> Option<Client> {
    let url = socket_url()?;
    let socket = ws_stream_wasm::WsMeta::connect(url, Some(vec![PROTOCOL]))
        .await
        .ok()?;
    // `Connection::new` can only fail on a socket that already closed, and the close
    // event cannot run between the open event that resolved `connect` and this call.
    let connection = graphql_ws_client::ws_stream_wasm::Connection::new(socket).await;
    let (client, actor) = Client::build(connection)
        .payload(json!({ "authorization": format!("Bearer {token}") }))
        .ok()?
        .keep_alive_interval(KEEP_ALIVE)
        .await
        .ok()?;
    spawn_local(actor.into_future());
    Some(client)
}

/// Why one connection ended.
enum Ended {
    Stopped,
    Lost,
}

enum Event {
    Update(Option<Result<Value, graphql_ws_client::Error>>),
    Command(Option<Command>),
}

async fn next_command(commands: &async_channel::Receiver<Command>) -> Option<Command> {
    commands.recv().await.ok()
}

/// Runs subscriptions on one connected client until it drops or the page stops.
async fn serve(
    client: &Client,
    skus: &mut Vec<String>,
    commands: &async_channel::Receiver<Command>,
    handlers: &FeedHandlers,
) -> Ended {
    loop {
        if skus.is_empty() {
            (handlers.on_status)(FeedStatus::Live { watching: 0 });
            match next_command(commands).await {
                Some(Command::Watch(next)) => {
                    *skus = next;
                    continue;
                }
                Some(Command::Stop) | None => return Ended::Stopped,
            }
        }
        let mut subscription: Subscription<StockChanged> =
            match client.subscribe(StockChanged::for_skus(skus)).await {
                Ok(subscription) => subscription,
                Err(_) => return Ended::Lost,
            };
        (handlers.on_status)(FeedStatus::Live {
            watching: skus.len(),
        });
        loop {
            let update = async { Event::Update(subscription.next().await) };
            let command = async { Event::Command(next_command(commands).await) };
            match command.or(update).await {
                Event::Update(Some(Ok(response))) => {
                    if let Some(update) = decode_update(response) {
                        (handlers.on_update)(update);
                    }
                }
                // A message that does not decode is skipped; the next one may.
                Event::Update(Some(Err(_))) => {}
                Event::Update(None) => return Ended::Lost,
                Event::Command(Some(Command::Watch(next))) => {
                    if next != *skus {
                        *skus = next;
                        // Dropping the subscription sends `complete` for it.
                        break;
                    }
                }
                Event::Command(Some(Command::Stop) | None) => return Ended::Stopped,
            }
        }
    }
}

/// Waits `delay`, taking in SKU changes meanwhile; `false` when the page stopped.
async fn pause(
    delay: Duration,
    skus: &mut Vec<String>,
    commands: &async_channel::Receiver<Command>,
) -> bool {
    let timer = async {
        Delay::new(delay).await;
        None
    };
    let deadline = async {
        loop {
            match next_command(commands).await {
                Some(Command::Watch(next)) => *skus = next,
                Some(Command::Stop) | None => return Some(()),
            }
        }
    };
    // The timer, polled first, wins a tie: a pending Stop is seen on the next read.
    timer.or(deadline).await.is_none()
}

async fn run(commands: async_channel::Receiver<Command>, handlers: FeedHandlers) {
    let mut skus: Vec<String> = Vec::new();
    let mut retry = FIRST_RETRY;
    let mut connected_before = false;
    (handlers.on_status)(FeedStatus::Connecting);
    loop {
        // Signed out (or the session expired): nothing may be watched any more.
        let Some(token) = session::current_token() else {
            return;
        };
        if let Some(client) = connect(&token).await {
            retry = FIRST_RETRY;
            if connected_before && !skus.is_empty() {
                (handlers.on_resync)(skus.clone());
            }
            connected_before = true;
            match serve(&client, &mut skus, &commands, &handlers).await {
                Ended::Stopped => {
                    client.close(1000, "page closed").await;
                    return;
                }
                Ended::Lost => {}
            }
        }
        if commands.is_closed() {
            return;
        }
        (handlers.on_status)(FeedStatus::Reconnecting);
        if !pause(retry, &mut skus, &commands).await {
            return;
        }
        retry = (retry * 2).min(LONGEST_RETRY);
    }
}

/// The `orderUpdated` subscription document.
struct OrderUpdated;

impl Serialize for OrderUpdated {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let query = format!(
            "subscription OrderUpdated {{ orderUpdated {{ {} }} }}",
            crate::api::orders::ORDER_FIELDS
        );
        json!({ "query": query, "variables": {} }).serialize(serializer)
    }
}

impl GraphqlOperation for OrderUpdated {
    type Response = Value;
    type Error = serde_json::Error;

    fn decode(&self, data: Value) -> Result<Value, serde_json::Error> {
        Ok(data)
    }
}

/// Reads `{"data": {"orderUpdated": {...}}}`; an answer with errors carries no order.
fn decode_order(response: Value) -> Option<Order> {
    let mut response = response;
    let order = response.get_mut("data")?.get_mut("orderUpdated")?.take();
    serde_json::from_value(order).ok()
}

/// What the order feed tells its owner.
pub struct OrderFeedHandlers {
    pub on_update: Box<dyn Fn(Order)>,
    /// Whether the subscription is running (true) or the socket is being (re)opened.
    pub on_live: Box<dyn Fn(bool)>,
    /// Called after a reconnection: changes made while the socket was down were not
    /// delivered, so what is on screen should be read again.
    pub on_resync: Box<dyn Fn()>,
}

/// Live changes of the caller's orders (`orderUpdated`) on a socket of its own, with
/// the same reconnecting as the stock feed. Stops on [`OrderFeed::stop`], when the
/// handle is dropped, or once nobody is signed in.
pub struct OrderFeed {
    stop: async_channel::Sender<()>,
}

impl OrderFeed {
    pub fn start(handlers: OrderFeedHandlers) -> OrderFeed {
        let (stop, stopped) = async_channel::bounded(1);
        spawn_local(run_orders(stopped, handlers));
        OrderFeed { stop }
    }

    pub fn stop(&self) {
        self.stop.close();
    }
}

/// Resolves when the owner stopped the feed (closed or dropped the channel).
async fn stopped(stop: &async_channel::Receiver<()>) {
    // Nothing is ever sent: `recv` only returns once the channel is closed.
    let _ = stop.recv().await;
}

async fn serve_orders(
    client: &Client,
    stop: &async_channel::Receiver<()>,
    handlers: &OrderFeedHandlers,
) -> Ended {
    let mut subscription: Subscription<OrderUpdated> = match client.subscribe(OrderUpdated).await {
        Ok(subscription) => subscription,
        Err(_) => return Ended::Lost,
    };
    (handlers.on_live)(true);
    loop {
        let update = async { Some(subscription.next().await) };
        let halt = async {
            stopped(stop).await;
            None
        };
        match halt.or(update).await {
            None => return Ended::Stopped,
            Some(Some(Ok(response))) => {
                if let Some(order) = decode_order(response) {
                    (handlers.on_update)(order);
                }
            }
            // A message that does not decode is skipped; the next one may.
            Some(Some(Err(_))) => {}
            Some(None) => return Ended::Lost,
        }
    }
}

async fn run_orders(stop: async_channel::Receiver<()>, handlers: OrderFeedHandlers) {
    let mut retry = FIRST_RETRY;
    let mut connected_before = false;
    loop {
        let Some(token) = session::current_token() else {
            return;
        };
        if let Some(client) = connect(&token).await {
            retry = FIRST_RETRY;
            if connected_before {
                (handlers.on_resync)();
            }
            connected_before = true;
            match serve_orders(&client, &stop, &handlers).await {
                Ended::Stopped => {
                    client.close(1000, "page closed").await;
                    return;
                }
                Ended::Lost => {}
            }
        }
        if stop.is_closed() {
            return;
        }
        (handlers.on_live)(false);
        let timer = async {
            Delay::new(retry).await;
            false
        };
        let halt = async {
            stopped(&stop).await;
            true
        };
        if timer.or(halt).await {
            return;
        }
        retry = (retry * 2).min(LONGEST_RETRY);
    }
}
