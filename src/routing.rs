//! Routing helpers for views: the deployment's base path, in-app links, path parameters and
//! whether a route is still loading. The URL scheme itself (the route table, validation) is pure
//! and lives in `domain::links`.

use crate::domain::links::{self, IdParam};
use crate::platform;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// The router base for this page (from Trunk's public URL); fixed for the page's life.
pub fn base() -> &'static str {
    static BASE: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    BASE.get_or_init(|| links::router_base(&platform::base_path()))
}

/// An in-app href under the deployment's base path, e.g. `href("/check")`.
pub fn href(path: &str) -> String {
    links::join_base(base(), path)
}

/// The raw second path segment of the current route, as the route table names it
/// (`step` in `/wizard/<step>`).
pub fn raw_path_param(name: &'static str) -> Signal<Option<String>> {
    let params = use_params_map();
    Signal::derive(move || params.with(|p| p.get_str(name).map(str::to_owned)))
}

/// A path parameter of the current route, validated as an id.
pub fn path_param(name: &'static str) -> Signal<IdParam> {
    let raw = raw_path_param(name);
    Signal::derive(move || raw.with(|segment| IdParam::from_segment(segment.as_deref())))
}

/// Whether a route is loading (its code is fetched on the first visit to a tool). Provided by
/// `App`; read with [`use_routing`].
#[derive(Clone, Copy)]
pub struct Routing(pub ReadSignal<bool>);

/// True while the router waits for a route; always false outside `App` (e.g. in tests).
pub fn use_routing() -> Signal<bool> {
    match use_context::<Routing>() {
        Some(Routing(loading)) => loading.into(),
        None => Signal::stored(false),
    }
}
