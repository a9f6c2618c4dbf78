//! Generates the `i18n` module from `locales/<lang>/<namespace>.json` (leptos_i18n), checked at compile time:
//! a key missing in one language is a build error.
use leptos_i18n_build::{Config, TranslationsInfos};
use std::error::Error;
use std::path::PathBuf;

fn main() -> Result<(), Box<dyn Error>> {
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-changed=Cargo.toml");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").ok_or("OUT_DIR unset")?).join("i18n");
    // One namespace per tool, so each tool's strings live in their own file.
    let cfg = Config::new("zh")?.add_locale("en")?.add_namespaces([
        "common", "home", "about", "wizard", "check", "diary", "letters", "reach", "profile",
    ])?;
    let infos = TranslationsInfos::parse(cfg)?;
    infos.emit_diagnostics();
    infos.rerun_if_locales_changed();
    infos.generate_i18n_module(out)?;
    Ok(())
}
