//! The GraphQL endpoints.

use async_graphql::http::{ALL_WEBSOCKET_PROTOCOLS, GraphiQLSource};
use async_graphql::parser::types::OperationType;
use async_graphql::{Data, Request};
use async_graphql_axum::{GraphQLProtocol, GraphQLRequest, GraphQLResponse, GraphQLWebSocket};
use axum::extract::{RawQuery, State, WebSocketUpgrade};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};

use super::AppState;
use super::auth::{RequestAuthentication, authenticate, bearer_token};
use super::client_ip::ClientIp;
use crate::domain::authz::Authentication;
use crate::graphql::loaders::Loaders;

pub async fn graphql_post(
    State(state): State<AppState>,
    RequestAuthentication(authentication): RequestAuthentication,
    client_ip: ClientIp,
    request: GraphQLRequest,
) -> GraphQLResponse {
    execute(&state, authentication, request.into_inner().data(client_ip)).await
}

/// GET runs queries (never mutations: a link must not change anything) and shows
/// GraphiQL to a browser that asks for HTML without a query.
pub async fn graphql_get(
    State(state): State<AppState>,
    headers: HeaderMap,
    RawQuery(raw_query): RawQuery,
    RequestAuthentication(authentication): RequestAuthentication,
    client_ip: ClientIp,
) -> Response {
    let raw_query = raw_query.unwrap_or_default();
    let wants_html = headers
        .get(header::ACCEPT)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|accept| accept.contains("text/html"));
    if raw_query.is_empty() {
        if wants_html {
            return (
                [(
                    header::CONTENT_SECURITY_POLICY,
                    super::security::GRAPHIQL_POLICY,
                )],
                Html(
                    GraphiQLSource::build()
                        .endpoint("/graphql")
                        .subscription_endpoint("/graphql/ws")
                        .title("Wholesale Portal API")
                        .finish(),
                ),
            )
                .into_response();
        }
        return (
            StatusCode::BAD_REQUEST,
            "a GET request needs a `query` parameter",
        )
            .into_response();
    }
    let request = match async_graphql::http::parse_query_string(&raw_query) {
        Ok(request) => request,
        Err(error) => return (StatusCode::BAD_REQUEST, error.to_string()).into_response(),
    };
    if is_mutation_or_subscription(&request) {
        return (
            StatusCode::METHOD_NOT_ALLOWED,
            [(header::ALLOW, "POST")],
            "mutations and subscriptions must be sent with POST",
        )
            .into_response();
    }
    execute(&state, authentication, request.data(client_ip))
        .await
        .into_response()
}

fn is_mutation_or_subscription(request: &Request) -> bool {
    async_graphql::parser::parse_query(&request.query).is_ok_and(|document| {
        document
            .operations
            .iter()
            .any(|(_, operation)| operation.node.ty != OperationType::Query)
    })
}

async fn execute(
    state: &AppState,
    authentication: Authentication,
    request: Request,
) -> GraphQLResponse {
    let request = request.data(authentication).data(Loaders::new(&state.db));
    state.schema.execute(request).await.into()
}

/// Subscriptions. The client authenticates in `connection_init`:
/// `{"authorization": "Bearer <token>"}` (or `{"token": "<token>"}`).
pub async fn graphql_ws(
    State(state): State<AppState>,
    protocol: GraphQLProtocol,
    client_ip: ClientIp,
    upgrade: WebSocketUpgrade,
) -> Response {
    upgrade
        .protocols(ALL_WEBSOCKET_PROTOCOLS)
        .on_upgrade(move |stream| {
            let schema = state.schema.clone();
            GraphQLWebSocket::new(stream, schema, protocol)
                .on_connection_init(move |payload| async move {
                    let token = payload
                        .get("authorization")
                        .or_else(|| payload.get("Authorization"))
                        .and_then(|value| value.as_str())
                        .and_then(bearer_token)
                        .or_else(|| payload.get("token").and_then(|value| value.as_str()))
                        .map(str::to_owned);
                    let authentication = authenticate(&state, token.as_deref())
                        .await
                        .map_err(|_| async_graphql::Error::new("authentication failed"))?;
                    let mut data = Data::default();
                    data.insert(authentication);
                    data.insert(client_ip);
                    data.insert(Loaders::new(&state.db));
                    Ok(data)
                })
                .serve()
        })
}
