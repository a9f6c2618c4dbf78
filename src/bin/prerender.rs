//! Writes the catalogue of static pages (`domain::static_pages`) as JSON, for
//! `scripts/post-build.mjs` to turn into one HTML file per page.
//!
//! Usage: `cargo run --bin prerender -- <out.json>`
use std::process::ExitCode;

fn main() -> ExitCode {
    let Some(out) = std::env::args().nth(1) else {
        eprintln!("usage: prerender <out.json>");
        return ExitCode::from(2);
    };
    let pages = pos_helper::domain::static_pages::static_pages();
    let json = match serde_json::to_string(&pages) {
        Ok(json) => json,
        Err(e) => {
            eprintln!("prerender: {e}");
            return ExitCode::FAILURE;
        }
    };
    if let Err(e) = std::fs::write(&out, json) {
        eprintln!("prerender: cannot write {out}: {e}");
        return ExitCode::FAILURE;
    }
    println!("prerender: {} pages → {out}", pages.len());
    ExitCode::SUCCESS
}
