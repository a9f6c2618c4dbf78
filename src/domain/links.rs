//! The public URL scheme (for advocacy groups' deep links) and validation of
//! what arrives in a URL. Anything taken from a URL is untrusted: it is
//! validated here before a view uses it, and views only ever show it as text.
//!
//! Paths (relative to the app's base path, e.g. `/` or `/pos-help/`):
//! - `/wizard`, `/wizard/<step-id>`          diagnostic wizard, a step or outcome
//! - `/check?q=<name or licence no.>`        licence & fee checker (`/check/mcc?no=…`, `/check/fee?…`)
//! - `/diary`, `/diary/<case-id>`            dispute diary, one case
//! - `/letters`, `/letters/<kind>`           complaint letters, one kind
//! - `/about`                                what the app is, sources, privacy
//! - any path accepts `?lang=zh` or `?lang=en`

use super::text::Lang;

/// Longest id accepted from a URL (step ids, case ids, letter kinds).
pub const MAX_ID_LEN: usize = 64;
/// Longest free-text query accepted from a URL (`?q=`).
pub const MAX_QUERY_CHARS: usize = 100;

/// A step id, letter kind or case id as it may appear in a path segment:
/// 1–64 characters of lowercase ASCII letters, digits and `-`, not starting
/// or ending with `-`.
pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= MAX_ID_LEN
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !id.starts_with('-')
        && !id.ends_with('-')
}

/// A path parameter after validation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IdParam {
    /// No parameter in the URL (e.g. `/wizard`).
    Absent,
    Valid(String),
    /// Present but not a valid id: the view says so and ignores it.
    Invalid,
}

impl IdParam {
    pub fn from_segment(segment: Option<&str>) -> IdParam {
        match segment {
            None | Some("") => IdParam::Absent,
            Some(s) if is_valid_id(s) => IdParam::Valid(s.to_owned()),
            Some(_) => IdParam::Invalid,
        }
    }
}

/// A free-text query from `?q=`: trimmed, control characters dropped, and
/// cut to [`MAX_QUERY_CHARS`] characters. `None` when nothing is left.
pub fn clean_query(raw: &str) -> Option<String> {
    let cleaned: String = raw
        .chars()
        .filter(|c| !c.is_control())
        .take(MAX_QUERY_CHARS)
        .collect();
    let trimmed = cleaned.trim();
    (!trimmed.is_empty()).then(|| trimmed.to_owned())
}

/// Which language to start in: a valid `?lang=` wins, then the stored
/// choice, then Chinese.
pub fn initial_lang(query_lang: Option<&str>, stored: Option<Lang>) -> Lang {
    query_lang
        .and_then(Lang::parse)
        .or(stored)
        .unwrap_or_default()
}

/// The router base from the document's base URL path (`<base href>` written
/// by Trunk's `--public-url`): `/` → `""`, `/pos-help/` → `"/pos-help"`.
pub fn router_base(base_path: &str) -> String {
    let trimmed = base_path.trim_end_matches('/');
    if trimmed.is_empty() || !trimmed.starts_with('/') {
        String::new()
    } else {
        trimmed.to_owned()
    }
}

/// An in-app link under the router base: `join_base("/pos-help", "/check?q=1")` →
/// `/pos-help/check?q=1`; with an empty base the path is unchanged. Leptos leaves
/// absolute hrefs alone, so every in-app link goes through this.
pub fn join_base(base: &str, path: &str) -> String {
    let path = if path.starts_with('/') {
        path.to_owned()
    } else {
        format!("/{path}")
    };
    if base.is_empty() {
        path
    } else if path == "/" {
        format!("{base}/")
    } else {
        format!("{base}{path}")
    }
}

/// Which separately loaded part of the app a route's code lives in (see `app.rs`: the tools are
/// lazy routes, cut out of the main module by the release build).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RoutePart {
    /// Home and "not found": in the main module.
    Shell,
    /// The wizard, the code decoder, the poster and the About page.
    Guide,
    /// The licence and fee checker.
    Check,
    /// The diary and the letters.
    Records,
}

/// The part a page path belongs to, given the router base (`router_base`): lets the app load a
/// deep link's code before it replaces the static shell, so the page appears in one step.
pub fn route_part(base: &str, pathname: &str) -> RoutePart {
    let path = pathname.strip_prefix(base).unwrap_or(pathname);
    match path.trim_start_matches('/').split('/').next().unwrap_or("") {
        "wizard" | "codes" | "poster" | "about" => RoutePart::Guide,
        "check" => RoutePart::Check,
        "diary" | "letters" => RoutePart::Records,
        _ => RoutePart::Shell,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn route_parts_follow_the_first_segment_under_the_base() {
        use RoutePart::*;
        for (base, path, part) in [
            ("", "/", Shell),
            ("", "/wizard", Guide),
            ("", "/wizard/no-network", Guide),
            ("", "/codes/97", Guide),
            ("", "/poster", Guide),
            ("", "/about", Guide),
            ("", "/check/mcc", Check),
            ("", "/diary", Records),
            ("", "/diary/abc", Records),
            ("", "/letters/demand", Records),
            ("", "/nowhere", Shell),
            ("", "/checkout", Shell),
            ("/pos-help", "/pos-help/", Shell),
            ("/pos-help", "/pos-help/check", Check),
            ("/pos-help", "/pos-help/letters", Records),
            // Outside the base (a misconfigured host): judged by the path as it is.
            ("/pos-help", "/wizard", Guide),
        ] {
            assert_eq!(route_part(base, path), part, "{base} {path}");
        }
    }

    #[test]
    fn ids_accept_slugs_only() {
        for ok in [
            "no-network",
            "sim-expired",
            "a",
            "97",
            "case-2026-11-23-ab12",
        ] {
            assert!(is_valid_id(ok), "{ok} should be valid");
        }
        let too_long = "a".repeat(MAX_ID_LEN + 1);
        for bad in [
            "",
            "-x",
            "x-",
            "No-Network",
            "a b",
            "<script>alert(1)</script>",
            "../etc",
            "%3Cb%3E",
            "步骤",
            too_long.as_str(),
        ] {
            assert!(!is_valid_id(bad), "{bad:?} should be invalid");
        }
        assert!(is_valid_id(&"a".repeat(MAX_ID_LEN)));
    }

    #[test]
    fn id_param_distinguishes_absent_valid_invalid() {
        assert_eq!(IdParam::from_segment(None), IdParam::Absent);
        assert_eq!(IdParam::from_segment(Some("")), IdParam::Absent);
        assert_eq!(
            IdParam::from_segment(Some("no-network")),
            IdParam::Valid("no-network".into())
        );
        assert_eq!(
            IdParam::from_segment(Some("\"><img src=x>")),
            IdParam::Invalid
        );
    }

    #[test]
    fn query_is_trimmed_cleaned_and_capped() {
        assert_eq!(clean_query("  拉卡拉 "), Some("拉卡拉".into()));
        assert_eq!(clean_query("a\u{0}b\nc"), Some("abc".into()));
        assert_eq!(clean_query("   "), None);
        let long = "支".repeat(500);
        assert_eq!(
            clean_query(&long).map(|q| q.chars().count()),
            Some(MAX_QUERY_CHARS)
        );
    }

    #[test]
    fn initial_lang_prefers_query_then_storage_then_chinese() {
        assert_eq!(initial_lang(Some("en"), Some(Lang::Zh)), Lang::En);
        assert_eq!(initial_lang(Some("zh"), Some(Lang::En)), Lang::Zh);
        assert_eq!(initial_lang(Some("xx"), Some(Lang::En)), Lang::En);
        assert_eq!(initial_lang(None, Some(Lang::En)), Lang::En);
        assert_eq!(initial_lang(None, None), Lang::Zh);
    }

    #[test]
    fn join_base_prefixes_the_deployment_path() {
        assert_eq!(join_base("", "/check"), "/check");
        assert_eq!(join_base("", "/"), "/");
        assert_eq!(join_base("/pos-help", "/"), "/pos-help/");
        assert_eq!(
            join_base("/pos-help", "/letters/pboc"),
            "/pos-help/letters/pboc"
        );
        assert_eq!(join_base("/pos-help", "check?q=1"), "/pos-help/check?q=1");
    }

    #[test]
    fn router_base_follows_public_url() {
        assert_eq!(router_base("/"), "");
        assert_eq!(router_base(""), "");
        assert_eq!(router_base("/pos-help/"), "/pos-help");
        assert_eq!(router_base("/a/b/"), "/a/b");
        assert_eq!(router_base("relative/"), "");
    }
}
