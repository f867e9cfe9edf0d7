//! The browser's side of CSV files: reading a picked file as text and saving a string
//! as a download.

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// Reads the file picked in an `<input type="file">` change event and hands its text to
/// `done` (`None` when it is not UTF-8 text); false when no file was picked.
pub fn read_picked(event: &leptos::ev::Event, done: impl FnOnce(Option<String>) + 'static) -> bool {
    let Some(file) = picked_file(event) else {
        return false;
    };
    leptos::task::spawn_local(async move { done(read_text(&file).await) });
    true
}

/// The text of a picked file, as UTF-8, byte for byte: a byte-order mark is kept (the
/// server strips it), and a file in another encoding is refused rather than garbled.
/// (`Blob.text()` would drop the mark and replace bad bytes silently.)
async fn read_text(file: &web_sys::File) -> Option<String> {
    let buffer = JsFuture::from(file.array_buffer()).await.ok()?;
    let bytes = js_sys::Uint8Array::new(&buffer).to_vec();
    String::from_utf8(bytes).ok()
}

/// The first file of an `<input type="file">` change event.
fn picked_file(event: &leptos::ev::Event) -> Option<web_sys::File> {
    let input: web_sys::HtmlInputElement = event.target()?.dyn_into().ok()?;
    input.files()?.get(0)
}

/// Offers `text` as a download named `file_name` (a Blob behind a temporary link).
pub fn download(text: &str, file_name: &str, mime: &str) -> Result<(), JsValue> {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let document = leptos::prelude::document();
    let link: web_sys::HtmlAnchorElement = document.create_element("a")?.dyn_into()?;
    link.set_href(&url);
    link.set_download(file_name);
    link.set_attribute("hidden", "")?;
    let body = document
        .body()
        .ok_or_else(|| JsValue::from_str("no body"))?;
    body.append_child(&link)?;
    link.click();
    link.remove();
    // Some browsers read the object URL after `click` returns: free it a moment later.
    leptos::prelude::set_timeout(
        move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        },
        std::time::Duration::from_secs(10),
    );
    Ok(())
}
