//! Where a request comes from: the peer address of the TCP connection, or, when that
//! peer is a configured trusted proxy (`TRUSTED_PROXIES`), the client its
//! `X-Forwarded-For` names. A header from anyone else is ignored: a client could
//! otherwise pick a fresh address for every login attempt.

use std::convert::Infallible;
use std::net::{IpAddr, SocketAddr};

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::HeaderMap;
use axum::http::request::Parts;

use super::AppState;

/// The client's IP address; `None` when the server was not started with connection
/// information (a router called directly, without a socket).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ClientIp(pub Option<IpAddr>);

impl FromRequestParts<AppState> for ClientIp {
    type Rejection = Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<ClientIp, Infallible> {
        let peer = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|ConnectInfo(address)| address.ip());
        Ok(ClientIp(peer.map(|peer| {
            client_ip(peer, &parts.headers, &state.trusted_proxies)
        })))
    }
}

/// The peer, or for a trusted proxy the right-most `X-Forwarded-For` entry that is not
/// itself a trusted proxy (each proxy appends the address it received from).
pub fn client_ip(peer: IpAddr, headers: &HeaderMap, trusted_proxies: &[IpAddr]) -> IpAddr {
    if !trusted_proxies.contains(&peer) {
        return peer;
    }
    let forwarded: Vec<IpAddr> = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .filter_map(|entry| entry.trim().parse().ok())
        .collect();
    forwarded
        .into_iter()
        .rev()
        .find(|address| !trusted_proxies.contains(address))
        .unwrap_or(peer)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(text: &str) -> IpAddr {
        text.parse().unwrap_or_else(|_| unreachable!())
    }

    fn forwarded(value: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(
            "x-forwarded-for",
            value.parse().unwrap_or_else(|_| unreachable!()),
        );
        headers
    }

    #[test]
    fn an_untrusted_peer_is_the_client_whatever_its_header_says() {
        let headers = forwarded("1.2.3.4");
        assert_eq!(client_ip(ip("9.9.9.9"), &headers, &[]), ip("9.9.9.9"));
        assert_eq!(
            client_ip(ip("9.9.9.9"), &headers, &[ip("10.0.0.1")]),
            ip("9.9.9.9")
        );
    }

    #[test]
    fn a_trusted_proxy_names_the_client_it_received_from() {
        let proxies = [ip("10.0.0.1"), ip("10.0.0.2")];
        // The client forged the first entry; the proxies appended the real one.
        let headers = forwarded("6.6.6.6, 1.2.3.4, 10.0.0.2");
        assert_eq!(client_ip(ip("10.0.0.1"), &headers, &proxies), ip("1.2.3.4"));
        assert_eq!(
            client_ip(ip("10.0.0.1"), &HeaderMap::new(), &proxies),
            ip("10.0.0.1")
        );
    }
}
