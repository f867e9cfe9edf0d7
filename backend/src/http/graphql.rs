//! The GraphQL endpoints.

use async_graphql::http::{ALL_WEBSOCKET_PROTOCOLS, GraphiQLSource};
use async_graphql::parser::types::OperationType;
use async_graphql::{Data, Executor, Request};
use async_graphql_axum::{GraphQLProtocol, GraphQLWebSocket};
use axum::body::Bytes;
use axum::extract::{RawQuery, State, WebSocketUpgrade};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};

use super::AppState;
use super::auth::{RequestAuthentication, authenticate, bearer_token};
use super::client_ip::ClientIp;
use super::graphql_over_http::{AnswerMediaType, RequestRefused, answer, parse_post};
use crate::domain::authz::Authentication;
use crate::graphql::loaders::Loaders;

/// POST runs any operation; the body is read strictly (`graphql_over_http`).
pub async fn graphql_post(
    State(state): State<AppState>,
    headers: HeaderMap,
    RequestAuthentication(authentication): RequestAuthentication,
    client_ip: ClientIp,
    body: Bytes,
) -> Response {
    let Some(media_type) = AnswerMediaType::negotiate(&headers) else {
        return RequestRefused::not_acceptable().into_response();
    };
    match parse_post(&headers, &body) {
        Ok(request) => {
            let request = request
                .data(client_ip)
                .data(super::session::UserAgent::of(&headers));
            execute(&state, authentication, media_type, request).await
        }
        Err(refused) => refused.into_response(),
    }
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
        return RequestRefused::bad_request("a GET request needs a `query` parameter")
            .into_response();
    }
    let Some(media_type) = AnswerMediaType::negotiate(&headers) else {
        return RequestRefused::not_acceptable().into_response();
    };
    let request = match async_graphql::http::parse_query_string(&raw_query) {
        Ok(request) => request,
        Err(error) => return RequestRefused::bad_request(error.to_string()).into_response(),
    };
    if is_mutation_or_subscription(&request) {
        return (
            StatusCode::METHOD_NOT_ALLOWED,
            [(header::ALLOW, "POST")],
            "mutations and subscriptions must be sent with POST",
        )
            .into_response();
    }
    execute(&state, authentication, media_type, request.data(client_ip)).await
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
    media_type: AnswerMediaType,
    request: Request,
) -> Response {
    let request = request.data(authentication).data(Loaders::new(&state.db));
    answer(media_type, state.schema.execute(request).await)
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
