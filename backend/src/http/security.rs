//! Security headers: the Content-Security-Policy the WASM app runs under, and HSTS when
//! the portal is served over TLS.
//!
//! One strict policy covers the SPA and the API. Two routes answer with their own:
//! GraphiQL (its scripts come from a CDN) and document downloads (Chrome's PDF viewer is
//! an embedded plugin that `object-src 'none'` would block, crbug.com/271452).

use std::path::Path;

use axum::http::HeaderValue;
use base64::Engine;
use sha2::{Digest, Sha256};
use tower_http::set_header::MakeHeaderValue;

/// The GraphiQL page of `GET /graphql`: async-graphql's page loads React and GraphiQL
/// from unpkg.com and starts them with an inline script.
pub const GRAPHIQL_POLICY: &str = "default-src 'self'; \
     script-src 'self' 'unsafe-inline' https://unpkg.com; \
     style-src 'self' 'unsafe-inline' https://unpkg.com; \
     font-src 'self' data: https://unpkg.com; \
     img-src 'self' data: https:; \
     connect-src 'self'; \
     frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'";

/// Invoices, credit notes and statements: no script can run in a PDF or a CSV, and
/// Chrome's PDF viewer needs the plugin (`object-src`) and inline styles of its own page.
pub const DOCUMENT_POLICY: &str = "frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/// One year, without `includeSubDomains`: the portal may live on a subdomain of a
/// company domain whose other hosts are not ours to force onto HTTPS.
pub const HSTS: &str = "max-age=31536000";

/// The headers every response gets unless its handler set its own.
#[derive(Clone, Debug)]
pub struct SecurityHeaders {
    pub content_security_policy: HeaderValue,
    /// `Strict-Transport-Security`, only when the public address is `https://`.
    pub strict_transport_security: Option<HeaderValue>,
}

impl SecurityHeaders {
    /// Reads the SPA's two pages (`index.html` and the staff bundle's `staff.html`)
    /// once for the hashes of their inline loader scripts, and turns on HSTS when
    /// `public_url` is `https://`.
    pub fn new(static_dir: Option<&Path>, public_url: &str) -> SecurityHeaders {
        let mut hashes = Vec::new();
        for page in ["index.html", shared::bundles::STAFF_HTML] {
            let html = static_dir
                .and_then(|dir| std::fs::read_to_string(dir.join(page)).ok())
                .unwrap_or_default();
            hashes.extend(inline_script_hashes(&html));
        }
        hashes.sort();
        hashes.dedup();
        let policy = app_policy(&hashes);
        let content_security_policy = HeaderValue::from_str(&policy)
            // Hashes are base64 and the rest is ASCII: this cannot fail, but a
            // broken page is better than no policy.
            .unwrap_or_else(|_| HeaderValue::from_static("default-src 'self'"));
        SecurityHeaders {
            content_security_policy,
            strict_transport_security: public_url
                .starts_with("https://")
                .then(|| HeaderValue::from_static(HSTS)),
        }
    }
}

/// A header value that may be absent (HSTS without TLS), for `SetResponseHeaderLayer`.
#[derive(Clone, Debug)]
pub struct OptionalHeader(pub Option<HeaderValue>);

impl<T> MakeHeaderValue<T> for OptionalHeader {
    fn make_header_value(&mut self, _message: &T) -> Option<HeaderValue> {
        self.0.clone()
    }
}

/// The policy of the SPA and the API. Scripts only from our origin plus the inline
/// loader Trunk writes into `index.html` (by hash, never `'unsafe-inline'`);
/// `'wasm-unsafe-eval'` lets the page compile its WASM. `connect-src 'self'` covers the
/// same-origin `ws:`/`wss:` of `/graphql/ws` (CSP level 3). Product images may live on
/// any HTTPS host (`imageUrl`), so `img-src` allows `https:`; an image runs no code and
/// the referrer policy keeps our paths from those hosts.
pub fn app_policy(inline_script_hashes: &[String]) -> String {
    let mut script_src = String::from("'self' 'wasm-unsafe-eval'");
    for hash in inline_script_hashes {
        script_src.push_str(&format!(" 'sha256-{hash}'"));
    }
    format!(
        "default-src 'self'; script-src {script_src}; style-src 'self'; \
         img-src 'self' data: https:; font-src 'self'; connect-src 'self'; \
         frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'"
    )
}

/// The base64 SHA-256 of every inline `<script>` (one without `src`) in `html`, as the
/// browser hashes it: the exact text between the tags.
pub fn inline_script_hashes(html: &str) -> Vec<String> {
    let mut hashes = Vec::new();
    let mut rest = html;
    while let Some(start) = find_ascii_case_insensitive(rest, "<script") {
        let after_tag_name = &rest[start + "<script".len()..];
        let Some(tag_end) = after_tag_name.find('>') else {
            break;
        };
        let attributes = &after_tag_name[..tag_end];
        let body_and_rest = &after_tag_name[tag_end + 1..];
        let Some(body_end) = find_ascii_case_insensitive(body_and_rest, "</script") else {
            break;
        };
        let has_src = attributes
            .split(|c: char| c.is_ascii_whitespace())
            .any(|attribute| attribute.to_ascii_lowercase().starts_with("src="));
        if !has_src {
            let digest = Sha256::digest(&body_and_rest.as_bytes()[..body_end]);
            hashes.push(base64::engine::general_purpose::STANDARD.encode(digest));
        }
        rest = &body_and_rest[body_end..];
    }
    hashes
}

fn find_ascii_case_insensitive(haystack: &str, needle: &str) -> Option<usize> {
    haystack
        .as_bytes()
        .windows(needle.len())
        .position(|window| window.eq_ignore_ascii_case(needle.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_scripts_are_hashed_and_scripts_with_a_source_are_not() {
        let html = "<html><head><script type=module>import init from '/app.js';</script>\
                    <SCRIPT src=/other.js></SCRIPT><script>x()</script></head></html>";
        let hashes = inline_script_hashes(html);
        let expected = |text: &str| {
            base64::engine::general_purpose::STANDARD.encode(Sha256::digest(text.as_bytes()))
        };
        assert_eq!(
            hashes,
            vec![expected("import init from '/app.js';"), expected("x()")]
        );
    }

    #[test]
    fn the_app_policy_allows_the_hashed_loader_and_no_inline_script() {
        let policy = app_policy(&["abc=".to_owned()]);
        assert!(policy.contains("script-src 'self' 'wasm-unsafe-eval' 'sha256-abc='"));
        assert!(!policy.contains("unsafe-inline"));
        assert!(policy.contains("frame-ancestors 'none'"));
        assert!(policy.contains("object-src 'none'"));
    }

    #[test]
    fn hsts_only_over_https() {
        assert!(
            SecurityHeaders::new(None, "https://portal.example")
                .strict_transport_security
                .is_some()
        );
        assert!(
            SecurityHeaders::new(None, "http://127.0.0.1:8080")
                .strict_transport_security
                .is_none()
        );
    }
}
