//! The frontend's size budget (issue: "speed people feel"). After each release build it
//! measures what each bundle's page makes the browser download: the WASM, JS and CSS
//! files the page names, gzip-compressed as the server sends them. The budget in
//! `frontend/size-budget.json` starts at a measured size; a build that grows more than
//! 10% past it fails until someone raises the budget and writes down why in its note.

use std::collections::BTreeSet;
use std::io::Write;
use std::path::Path;

use anyhow::{Context, bail};
use flate2::Compression;
use flate2::write::GzEncoder;
use serde::Deserialize;

/// How far a bundle may grow past its budget before the build fails.
const ALLOWED_GROWTH: f64 = 0.10;

#[derive(Debug, Deserialize)]
struct Budget {
    /// Gzip bytes of the customer bundle (`index.html`'s assets).
    customer_bytes: u64,
    /// Gzip bytes of the staff bundle (`staff.html`'s assets).
    staff_bytes: u64,
    // The file's `note` (why the numbers are what they are) is for people; serde skips it.
}

pub fn report_and_check(dist: &Path, budget_file: &Path) -> anyhow::Result<()> {
    let budget: Budget = serde_json::from_str(
        &std::fs::read_to_string(budget_file)
            .with_context(|| format!("reading {}", budget_file.display()))?,
    )
    .with_context(|| format!("{} is not a size budget", budget_file.display()))?;
    let mut over = Vec::new();
    println!("\nfrontend size (gzip), budget from frontend/size-budget.json:");
    for (page, limit) in [
        ("index.html", budget.customer_bytes),
        (STAFF_PAGE, budget.staff_bytes),
    ] {
        let assets = page_assets(dist, page)?;
        let total: u64 = assets.iter().map(|(_, size)| size).sum();
        println!(
            "  {page:<11} {:>8.1} KB of {:>8.1} KB budget ({:+.1}%)",
            kb(total),
            kb(limit),
            (total as f64 / limit as f64 - 1.0) * 100.0
        );
        for (name, size) in &assets {
            println!("      {:>8.1} KB  {name}", kb(*size));
        }
        if total as f64 > limit as f64 * (1.0 + ALLOWED_GROWTH) {
            over.push(format!(
                "{page}: {:.1} KB is more than 10% over its budget of {:.1} KB",
                kb(total),
                kb(limit)
            ));
        }
    }
    if !over.is_empty() {
        bail!(
            "the frontend outgrew its size budget: {}. Make it smaller, or raise the budget in \
             frontend/size-budget.json and say why in its note",
            over.join("; ")
        );
    }
    Ok(())
}

/// The staff bundle's page: `shared::bundles::STAFF_HTML` (xtask does not depend on the
/// app's crates).
const STAFF_PAGE: &str = "staff.html";

fn kb(bytes: u64) -> f64 {
    bytes as f64 / 1024.0
}

/// The page's WASM, JS and CSS files with their gzip sizes.
fn page_assets(dist: &Path, page: &str) -> anyhow::Result<Vec<(String, u64)>> {
    let html = std::fs::read_to_string(dist.join(page))
        .with_context(|| format!("dist/{page} is missing: the frontend build did not finish"))?;
    let mut assets = Vec::new();
    for name in asset_names(&html) {
        let path = dist.join(name.trim_start_matches('/'));
        let bytes = std::fs::read(&path)
            .with_context(|| format!("{page} names {name}, which is missing"))?;
        assets.push((name, gzip_size(&bytes)?));
    }
    if !assets.iter().any(|(name, _)| name.ends_with(".wasm")) {
        bail!("dist/{page} names no WASM file: is it a Trunk build?");
    }
    Ok(assets)
}

/// The absolute paths of `.wasm`, `.js` and `.css` files a page refers to, whether its
/// attributes are quoted or (minified) not, and in its inline loader script.
fn asset_names(html: &str) -> BTreeSet<String> {
    html.split(|c: char| c.is_whitespace() || "\"'=<>(),;{}`".contains(c))
        .filter(|token| token.starts_with('/'))
        .filter(|token| {
            [".wasm", ".js", ".css"]
                .iter()
                .any(|ext| token.ends_with(ext))
        })
        .map(str::to_owned)
        .collect()
}

/// The size gzip at its default level gives: what the server's compression sends.
fn gzip_size(bytes: &[u8]) -> anyhow::Result<u64> {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::default());
    encoder.write_all(bytes)?;
    Ok(encoder.finish()?.len() as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_assets_of_a_minified_trunk_page() {
        let html = r#"<link href=/style-1a2b.css integrity=sha384-x rel=stylesheet><link rel=modulepreload href=/frontend-9f.js crossorigin=anonymous><link as=fetch href="/frontend-9f_bg.wasm" rel=preload type=application/wasm><script type=module>import init, * as bindings from '/frontend-9f.js';const wasm = await init({ module_or_path: '/frontend-9f_bg.wasm' });</script><a href=/catalog>"#;
        let names: Vec<_> = asset_names(html).into_iter().collect();
        assert_eq!(
            names,
            ["/frontend-9f.js", "/frontend-9f_bg.wasm", "/style-1a2b.css"]
        );
    }

    #[test]
    fn a_bundle_over_budget_by_more_than_ten_percent_fails() {
        let dist = tempfile_dir();
        std::fs::write(dist.join("index.html"), "<link href=/a_bg.wasm>").unwrap();
        std::fs::write(dist.join("staff.html"), "<link href=/a_bg.wasm>").unwrap();
        // Random bytes do not compress: gzip keeps them at about 4 KB.
        let noise: Vec<u8> = (0..4096u32)
            .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8)
            .collect();
        std::fs::write(dist.join("a_bg.wasm"), &noise).unwrap();
        let size = gzip_size(&noise).unwrap();
        let budget = dist.join("budget.json");
        let write_budget = |bytes: u64| {
            std::fs::write(
                &budget,
                format!(r#"{{"customer_bytes": {bytes}, "staff_bytes": {size}, "note": ""}}"#),
            )
            .unwrap()
        };
        write_budget(size);
        assert!(report_and_check(&dist, &budget).is_ok());
        write_budget(size * 100 / 109);
        assert!(
            report_and_check(&dist, &budget).is_ok(),
            "9% over is allowed"
        );
        write_budget(size * 100 / 112);
        assert!(report_and_check(&dist, &budget).is_err(), "12% over is not");
    }

    fn tempfile_dir() -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("xtask-size-budget-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }
}
