//! The built single-page app: files from Trunk's `dist/`, and `index.html` for every
//! other path so that client-side routes survive a reload.

use std::path::Path;

use axum::http::{HeaderValue, header};
use tower::Layer;
use tower_http::services::{ServeDir, ServeFile};
use tower_http::set_header::{SetResponseHeader, SetResponseHeaderLayer};

pub fn service(dir: &Path) -> SetResponseHeader<ServeDir<ServeFile>, HeaderValue> {
    let index = ServeFile::new(dir.join("index.html"));
    let files = ServeDir::new(dir).precompressed_gzip().fallback(index);
    // Trunk hashes asset names, but index.html must be revalidated on every load so a
    // new release is picked up; `no-cache` still lets the browser use its ETag.
    SetResponseHeaderLayer::if_not_present(
        header::CACHE_CONTROL,
        HeaderValue::from_static("no-cache"),
    )
    .layer(files)
}
