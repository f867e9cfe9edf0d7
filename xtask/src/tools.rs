//! Finding and installing the tools the build needs, from the registries only
//! (crates.io, npm, Debian): nothing is downloaded from anywhere else.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, bail};

/// The Trunk release that builds with our Rust toolchain (0.22 needs a newer rustc).
pub const TRUNK_VERSION: &str = "0.21.14";

/// The checkout this run belongs to. `cargo run` (and so `cargo xtask`) sets
/// `CARGO_MANIFEST_DIR` for the process; the path compiled in is only the fallback,
/// because a build cache shared between checkouts can hand out an xtask binary built
/// in another one (cargo does not rebuild a workspace member that only moved).
pub fn repo_root() -> PathBuf {
    let manifest_dir = std::env::var_os("CARGO_MANIFEST_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")));
    manifest_dir
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."))
}

/// Cargo's target directory (CI may keep it outside the clone).
pub fn target_dir() -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) => {
            let dir = PathBuf::from(dir);
            if dir.is_absolute() {
                dir
            } else {
                repo_root().join(dir)
            }
        }
        None => repo_root().join("target"),
    }
}

pub fn cargo_bin_dir() -> PathBuf {
    match std::env::var_os("CARGO_HOME") {
        Some(home) => PathBuf::from(home).join("bin"),
        None => home_dir().join(".cargo").join("bin"),
    }
}

fn home_dir() -> PathBuf {
    std::env::var_os("HOME")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/root"))
}

/// The stdout of a command, or `None` if it cannot run or fails.
pub fn output_of(program: &str, arguments: &[&str]) -> Option<String> {
    let output = Command::new(program).args(arguments).output().ok()?;
    output
        .status
        .success()
        .then(|| String::from_utf8_lossy(&output.stdout).into_owned())
}

/// Runs a command in `dir`, echoing it; fails when it fails.
pub fn run(
    dir: &Path,
    program: &str,
    arguments: &[&str],
    env: &[(&str, &str)],
) -> anyhow::Result<()> {
    println!("$ {program} {}", arguments.join(" "));
    let mut command = Command::new(program);
    command.args(arguments).current_dir(dir);
    for (key, value) in env {
        command.env(key, value);
    }
    let status = command
        .status()
        .with_context(|| format!("cannot start `{program}`: is it installed and on PATH?"))?;
    if !status.success() {
        bail!("`{program} {}` failed ({status})", arguments.join(" "));
    }
    Ok(())
}

/// The wasm-bindgen version in Cargo.lock: the CLI must be exactly this version.
pub fn locked_wasm_bindgen_version() -> anyhow::Result<String> {
    let lock = std::fs::read_to_string(repo_root().join("Cargo.lock"))
        .context("cannot read Cargo.lock")?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line.trim() == "name = \"wasm-bindgen\""
            && let Some(version) = lines
                .next()
                .and_then(|line| line.trim().strip_prefix("version = \""))
        {
            return Ok(version.trim_end_matches('"').to_owned());
        }
    }
    bail!("Cargo.lock has no wasm-bindgen package")
}

/// Checks that Trunk.toml pins the same wasm-bindgen as Cargo.lock, so Trunk never
/// looks for another version (which it would try to download).
pub fn check_trunk_toml_pins(wasm_bindgen_version: &str) -> anyhow::Result<()> {
    let trunk_toml = std::fs::read_to_string(repo_root().join("Trunk.toml"))
        .context("cannot read Trunk.toml")?;
    let expected = format!("wasm_bindgen = \"{wasm_bindgen_version}\"");
    if !trunk_toml.lines().any(|line| line.trim() == expected) {
        bail!("Trunk.toml must pin `{expected}` (the wasm-bindgen version in Cargo.lock)");
    }
    Ok(())
}

pub fn ensure_wasm_target() -> anyhow::Result<()> {
    let installed = output_of("rustup", &["target", "list", "--installed"]).unwrap_or_default();
    if installed
        .lines()
        .any(|line| line.trim() == "wasm32-unknown-unknown")
    {
        return Ok(());
    }
    println!("installing the wasm32-unknown-unknown target");
    run(
        &repo_root(),
        "rustup",
        &["target", "add", "wasm32-unknown-unknown"],
        &[],
    )
}

fn installed_version(binary: &Path) -> Option<String> {
    let text = output_of(binary.to_str()?, &["--version"])?;
    text.split_whitespace().nth(1).map(str::to_owned)
}

pub fn trunk_binary() -> PathBuf {
    cargo_bin_dir().join("trunk")
}

pub fn ensure_trunk() -> anyhow::Result<()> {
    if installed_version(&trunk_binary()).as_deref() == Some(TRUNK_VERSION) {
        return Ok(());
    }
    println!("installing Trunk {TRUNK_VERSION} from crates.io (about 15 minutes on 2 cores, once)");
    run(
        &repo_root(),
        "cargo",
        &["install", "trunk", "--version", TRUNK_VERSION, "--locked"],
        &[],
    )
}

pub fn ensure_wasm_bindgen(version: &str) -> anyhow::Result<()> {
    let binary = cargo_bin_dir().join("wasm-bindgen");
    if installed_version(&binary).as_deref() == Some(version) {
        return Ok(());
    }
    println!("installing wasm-bindgen-cli {version} from crates.io (about 3 minutes, once)");
    // Not --locked: the CLI's own lockfile names a crate version the registry lacks.
    run(
        &repo_root(),
        "cargo",
        &[
            "install",
            "wasm-bindgen-cli",
            "--version",
            version,
            "--force",
        ],
        &[],
    )
}

pub fn ensure_npm() -> anyhow::Result<()> {
    if output_of("npm", &["--version"]).is_some() && output_of("node", &["--version"]).is_some() {
        return Ok(());
    }
    bail!(
        "Node.js and npm are needed for wasm-opt and the browser tests: install Node.js 20 or newer \
         (e.g. `apt-get install nodejs npm`) and run the command again"
    )
}

/// `npm ci` in `dir` unless its node_modules already match its package-lock.json.
pub fn ensure_npm_packages(dir: &Path) -> anyhow::Result<()> {
    let lock = std::fs::read(dir.join("package-lock.json")).ok();
    let installed = std::fs::read(dir.join("node_modules").join(".package-lock.json")).ok();
    if lock.is_some() && installed.is_some() && node_modules_current(dir) {
        return Ok(());
    }
    run(dir, "npm", &["ci", "--no-audit", "--no-fund"], &[])
}

/// npm rewrites node_modules/.package-lock.json on install; it is newer than the lock
/// file unless package-lock.json changed since.
fn node_modules_current(dir: &Path) -> bool {
    let modified = |path: PathBuf| std::fs::metadata(path).and_then(|m| m.modified()).ok();
    match (
        modified(dir.join("package-lock.json")),
        modified(dir.join("node_modules").join(".package-lock.json")),
    ) {
        (Some(lock), Some(installed)) => installed >= lock,
        _ => false,
    }
}

pub const CHROMIUM: &str = "/usr/bin/chromium";

/// Debian's Chromium for the browser tests (Playwright's own download is not reachable).
pub fn ensure_chromium() -> anyhow::Result<()> {
    if Path::new(CHROMIUM).exists() {
        return Ok(());
    }
    let is_root = output_of("id", &["-u"]).is_some_and(|uid| uid.trim() == "0");
    if !is_root || output_of("apt-get", &["--version"]).is_none() {
        bail!(
            "the browser tests need Debian's Chromium at {CHROMIUM}: run \
             `sudo apt-get update && sudo apt-get install -y chromium` and try again"
        );
    }
    println!("installing Debian's chromium (about a minute, once)");
    run(&repo_root(), "apt-get", &["update"], &[])?;
    run(
        &repo_root(),
        "apt-get",
        &["install", "-y", "--no-install-recommends", "chromium"],
        &[("DEBIAN_FRONTEND", "noninteractive")],
    )
}

/// Debian's `pdftotext` (poppler-utils): the document tests read the text of the
/// invoice and statement PDFs with it.
pub const PDFTOTEXT: &str = "/usr/bin/pdftotext";

/// Installs Debian's `poppler-utils` when `pdftotext` is missing (root only; others get
/// the command to run), like [`ensure_chromium`].
pub fn ensure_pdftotext() -> anyhow::Result<()> {
    if Path::new(PDFTOTEXT).exists() || output_of("pdftotext", &["-v"]).is_some() {
        return Ok(());
    }
    let is_root = output_of("id", &["-u"]).is_some_and(|uid| uid.trim() == "0");
    if !is_root || output_of("apt-get", &["--version"]).is_none() {
        bail!(
            "the invoice PDF tests need pdftotext: run \
             `sudo apt-get update && sudo apt-get install -y poppler-utils` and try again"
        );
    }
    println!("installing Debian's poppler-utils for pdftotext (seconds, once)");
    run(&repo_root(), "apt-get", &["update"], &[])?;
    run(
        &repo_root(),
        "apt-get",
        &["install", "-y", "--no-install-recommends", "poppler-utils"],
        &[("DEBIAN_FRONTEND", "noninteractive")],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trunk_toml_pins_the_wasm_bindgen_version_of_cargo_lock() {
        let version = locked_wasm_bindgen_version().unwrap_or_default();
        assert!(!version.is_empty());
        assert!(
            check_trunk_toml_pins(&version).is_ok(),
            "Trunk.toml must pin wasm-bindgen {version}"
        );
    }
}
