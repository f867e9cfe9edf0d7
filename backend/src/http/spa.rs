//! The built single-page app: files from Trunk's `dist/`, and for every other path the
//! bundle's HTML page, so that client-side routes survive a reload: `staff.html` (the
//! staff bundle) for the back-office addresses of `shared::bundles`, `index.html` (the
//! customer bundle) for the rest.

use std::convert::Infallible;
use std::path::Path;

use axum::body::Body;
use axum::http::{HeaderValue, Request, header};
use shared::bundles::{STAFF_HTML, is_staff_page};
use tower::{Layer, ServiceExt};
use tower_http::services::{ServeDir, ServeFile};
use tower_http::set_header::{SetResponseHeader, SetResponseHeaderLayer};

pub type SpaService = SetResponseHeader<
    ServeDir<
        tower::util::BoxCloneSyncService<
            Request<Body>,
            axum::http::Response<tower_http::services::fs::ServeFileSystemResponseBody>,
            Infallible,
        >,
    >,
    HeaderValue,
>;

pub fn service(dir: &Path) -> SpaService {
    let index = ServeFile::new(dir.join("index.html"));
    // A build without the staff bundle (an old `dist/`) serves every page from index.html.
    let staff = dir
        .join(STAFF_HTML)
        .exists()
        .then(|| ServeFile::new(dir.join(STAFF_HTML)));
    let page = tower::service_fn(move |request: Request<Body>| {
        let file = match &staff {
            Some(staff) if is_staff_page(request.uri().path()) => staff.clone(),
            _ => index.clone(),
        };
        file.oneshot(request)
    });
    let files = ServeDir::new(dir)
        .precompressed_gzip()
        .fallback(tower::util::BoxCloneSyncService::new(page));
    // Trunk hashes asset names, but the HTML pages must be revalidated on every load so a
    // new release is picked up; `no-cache` still lets the browser use its ETag.
    SetResponseHeaderLayer::if_not_present(
        header::CACHE_CONTROL,
        HeaderValue::from_static("no-cache"),
    )
    .layer(files)
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::StatusCode;

    async fn page_of(dir: &Path, path: &str) -> (StatusCode, String) {
        let response = service(dir)
            .oneshot(Request::get(path).body(Body::empty()).unwrap())
            .await
            .unwrap();
        let status = response.status();
        let body = axum::body::to_bytes(Body::new(response.into_body()), usize::MAX)
            .await
            .unwrap();
        (status, String::from_utf8_lossy(&body).into_owned())
    }

    #[tokio::test]
    async fn back_office_addresses_get_the_staff_bundle_and_the_rest_the_customer_one() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("index.html"), "customer").unwrap();
        std::fs::write(dir.path().join(STAFF_HTML), "staff").unwrap();
        std::fs::write(dir.path().join("app-123.js"), "js").unwrap();
        assert_eq!(page_of(dir.path(), "/staff/orders").await.1, "staff");
        assert_eq!(page_of(dir.path(), "/companies").await.1, "staff");
        assert_eq!(page_of(dir.path(), "/catalog").await.1, "customer");
        assert_eq!(page_of(dir.path(), "/approvals/3").await.1, "customer");
        assert_eq!(page_of(dir.path(), "/").await.1, "customer");
        assert_eq!(page_of(dir.path(), "/app-123.js").await.1, "js");
    }

    #[tokio::test]
    async fn without_a_staff_bundle_every_page_is_index_html() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("index.html"), "customer").unwrap();
        let (status, body) = page_of(dir.path(), "/staff/orders").await;
        assert_eq!((status, body.as_str()), (StatusCode::OK, "customer"));
    }
}
