//! The public URL scheme (for advocacy groups' deep links) and validation of
//! what arrives in a URL. Anything taken from a URL is untrusted: it is
//! validated here before a view uses it, and views only ever show it as text.
//!
//! Paths (relative to the app's base path, e.g. `/` or `/pos-help/`):
//! - `/wizard`, `/wizard/<step-id>`          diagnostic wizard, a step or outcome
//! - `/check?q=<name or licence no.>`        licence & fee checker (`/check/mcc?no=…`, `/check/fee?…`)
//! - `/diary`, `/diary/<case-id>`            dispute diary, one case
//! - `/letters`, `/letters/<kind>`           complaint letters, one kind
//! - `/me`                                   the merchant's own details (我的信息) for letters
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

/// The pages cut into the `guide` part of the release build.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GuidePage {
    Wizard,
    Codes,
    Poster,
    About,
}

/// The pages cut into the `records` part of the release build.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecordsPage {
    Diary,
    Letters,
    /// 我的信息: the merchant's particulars, filled into letters.
    Profile,
}

/// Every page that has an address, grouped by the part of the app its code lives in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Page {
    Home,
    Guide(GuidePage),
    Check,
    Records(RecordsPage),
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
    /// The diary, the letters and the merchant's details.
    Records,
}

impl Page {
    pub fn part(self) -> RoutePart {
        match self {
            Page::Home => RoutePart::Shell,
            Page::Guide(_) => RoutePart::Guide,
            Page::Check => RoutePart::Check,
            Page::Records(_) => RoutePart::Records,
        }
    }
}

/// One route: `/<segment>` and, when `param` is set, `/<segment>/<param>` too.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Route {
    /// The first path segment (`""` for home).
    pub segment: &'static str,
    /// Name of the optional second segment, read by the page (e.g. `step` in `/wizard/<step>`).
    pub param: Option<&'static str>,
    pub page: Page,
}

/// The one route table: the router (`app.rs`), [`route_part`] and the wizard's links to tools
/// all read it.
pub const ROUTES: &[Route] = &[
    Route {
        segment: "",
        param: None,
        page: Page::Home,
    },
    Route {
        segment: "wizard",
        param: Some("step"),
        page: Page::Guide(GuidePage::Wizard),
    },
    Route {
        segment: "codes",
        param: Some("code"),
        page: Page::Guide(GuidePage::Codes),
    },
    Route {
        segment: "check",
        param: Some("sub"),
        page: Page::Check,
    },
    Route {
        segment: "diary",
        param: Some("case"),
        page: Page::Records(RecordsPage::Diary),
    },
    Route {
        segment: "letters",
        param: Some("kind"),
        page: Page::Records(RecordsPage::Letters),
    },
    Route {
        segment: "me",
        param: None,
        page: Page::Records(RecordsPage::Profile),
    },
    Route {
        segment: "about",
        param: None,
        page: Page::Guide(GuidePage::About),
    },
    Route {
        segment: "poster",
        param: None,
        page: Page::Guide(GuidePage::Poster),
    },
];

/// The checker's tabs: `/check` and `/check/<tab>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CheckTab {
    Licence,
    Clearing,
    Mcc,
    Fee,
    /// 代理商行为自查: what the agent did, ticked off by the merchant (issue 19).
    Agent,
}

impl CheckTab {
    pub const ALL: [CheckTab; 5] = [
        CheckTab::Licence,
        CheckTab::Clearing,
        CheckTab::Mcc,
        CheckTab::Fee,
        CheckTab::Agent,
    ];

    /// The tab's path under the base: `/check` for the licence lookup, `/check/<tab>` otherwise.
    pub fn path(self) -> &'static str {
        match self {
            CheckTab::Licence => "/check",
            CheckTab::Clearing => "/check/clearing",
            CheckTab::Mcc => "/check/mcc",
            CheckTab::Fee => "/check/fee",
            CheckTab::Agent => "/check/agent",
        }
    }

    /// The tab a `/check/<segment>` shows; `None` for a segment that names no tab.
    pub fn from_segment(segment: Option<&str>) -> Option<CheckTab> {
        match segment {
            None | Some("") | Some("licence") => Some(CheckTab::Licence),
            Some(s) => CheckTab::ALL
                .into_iter()
                .find(|t| t.path().strip_prefix("/check/") == Some(s)),
        }
    }
}

/// Percent-encodes a query value or key (RFC 3986 unreserved characters stay as they are).
pub fn encode_query_component(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// `name=value&…` from pairs, values trimmed and percent-encoded, empty values left out.
pub fn query_string(pairs: &[(&str, &str)]) -> String {
    pairs
        .iter()
        .filter(|(_, v)| !v.trim().is_empty())
        .map(|(k, v)| {
            format!(
                "{}={}",
                encode_query_component(k),
                encode_query_component(v.trim())
            )
        })
        .collect::<Vec<_>>()
        .join("&")
}

/// A query string (with or without its leading `?`) without `lang=`: the language is the
/// reader's choice, not part of a shared check.
pub fn without_lang(query: &str) -> String {
    query
        .trim_start_matches('?')
        .split('&')
        .filter(|p| !p.is_empty() && *p != "lang" && !p.starts_with("lang="))
        .collect::<Vec<_>>()
        .join("&")
}

/// The 一清/二清 check for a company name (e.g. one the licence list did not have): the name
/// goes in as the payer, as a company.
pub fn clearing_check_path(payer: &str) -> String {
    if payer.trim().is_empty() {
        CheckTab::Clearing.path().to_owned()
    } else {
        let query = query_string(&[("payer", payer), ("kind", "company")]);
        format!("{}?{query}", CheckTab::Clearing.path())
    }
}

/// Each checker tab's last query, so a filled-in tab survives switching to another and back, and
/// the sub-navigation's links carry it (a volunteer can share any of them).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TabQueries([String; 5]);

impl TabQueries {
    fn slot(tab: CheckTab) -> usize {
        match tab {
            CheckTab::Licence => 0,
            CheckTab::Clearing => 1,
            CheckTab::Mcc => 2,
            CheckTab::Fee => 3,
            CheckTab::Agent => 4,
        }
    }

    /// Records `query` (as in the address bar, `?` optional) for `tab`, without `lang=`.
    pub fn set(&mut self, tab: CheckTab, query: &str) {
        self.0[Self::slot(tab)] = without_lang(query);
    }

    /// The tab's last query without `?` (empty when none).
    pub fn get(&self, tab: CheckTab) -> &str {
        &self.0[Self::slot(tab)]
    }

    /// The tab's path with its last query: `/check/mcc?no=…&business=…`.
    pub fn path(&self, tab: CheckTab) -> String {
        match self.get(tab) {
            "" => tab.path().to_owned(),
            q => format!("{}?{q}", tab.path()),
        }
    }
}

/// Splits a page path (relative to the router base) into its route and the second segment.
/// `None` for a path no route has (the "not found" page), including a parameter on a route that
/// takes none and anything past the second segment.
pub fn resolve(path: &str) -> Option<(&'static Route, Option<&str>)> {
    let path = path.split(['?', '#']).next().unwrap_or("");
    let mut segments = path.trim_start_matches('/').splitn(2, '/');
    let first = segments.next().unwrap_or("");
    let rest = segments
        .next()
        .map(|r| r.trim_end_matches('/'))
        .filter(|r| !r.is_empty());
    let route = ROUTES.iter().find(|r| r.segment == first)?;
    match (route.param, rest) {
        (_, None) => Some((route, None)),
        (Some(_), Some(param)) if !param.contains('/') => Some((route, Some(param))),
        _ => None,
    }
}

/// True for an in-app link target an outcome may name (`check/mcc`, `diary`, `codes`…): a route
/// of a tool (not home), and for the checker one of its tabs.
pub fn is_tool_link(path: &str) -> bool {
    match resolve(path) {
        Some((route, _)) if route.page == Page::Home => false,
        Some((route, tab)) if route.page == Page::Check => CheckTab::from_segment(tab).is_some(),
        Some(_) => true,
        None => false,
    }
}

/// The part a page path belongs to, given the router base (`router_base`): lets the app load a
/// deep link's code before it replaces the static shell, so the page appears in one step.
pub fn route_part(base: &str, pathname: &str) -> RoutePart {
    let path = pathname.strip_prefix(base).unwrap_or(pathname);
    let first = path.trim_start_matches('/').split('/').next().unwrap_or("");
    ROUTES
        .iter()
        .find(|r| r.segment == first)
        .map_or(RoutePart::Shell, |r| r.page.part())
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
            ("", "/me", Records),
            ("", "/meet", Shell),
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
    fn resolve_finds_the_route_and_its_parameter() {
        let page = |p: &str| resolve(p).map(|(r, param)| (r.page, param.map(str::to_owned)));
        assert_eq!(page("/"), Some((Page::Home, None)));
        assert_eq!(
            page("/wizard"),
            Some((Page::Guide(GuidePage::Wizard), None))
        );
        assert_eq!(
            page("/wizard/network?lang=en"),
            Some((Page::Guide(GuidePage::Wizard), Some("network".into())))
        );
        assert_eq!(
            page("/letters/pboc/"),
            Some((Page::Records(RecordsPage::Letters), Some("pboc".into())))
        );
        assert_eq!(page("/about/x"), None, "About takes no parameter");
        assert_eq!(
            page("/me"),
            Some((Page::Records(RecordsPage::Profile), None))
        );
        assert_eq!(
            page("/me/"),
            Some((Page::Records(RecordsPage::Profile), None))
        );
        assert_eq!(page("/me/x"), None, "My details take no parameter");
        assert_eq!(page("/wizard/a/b"), None);
        assert_eq!(page("/nowhere"), None);
    }

    #[test]
    fn every_page_has_one_route_and_every_part_a_page() {
        for (i, a) in ROUTES.iter().enumerate() {
            for b in &ROUTES[i + 1..] {
                assert_ne!(a.segment, b.segment);
                assert_ne!(a.page, b.page);
            }
        }
        for part in [
            RoutePart::Shell,
            RoutePart::Guide,
            RoutePart::Check,
            RoutePart::Records,
        ] {
            assert!(ROUTES.iter().any(|r| r.page.part() == part), "{part:?}");
        }
    }

    #[test]
    fn tool_links_are_routes_and_check_tabs() {
        for ok in [
            "check",
            "check/mcc",
            "check/fee",
            "check/clearing",
            "diary",
            "codes",
            "letters",
            "me",
        ] {
            assert!(is_tool_link(ok), "{ok}");
        }
        for bad in ["", "/", "check/weather", "nowhere", "about/x"] {
            assert!(!is_tool_link(bad), "{bad}");
        }
        for tab in CheckTab::ALL {
            let segment = tab
                .path()
                .strip_prefix("/check")
                .unwrap()
                .trim_start_matches('/');
            assert_eq!(CheckTab::from_segment(Some(segment)), Some(tab));
        }
        assert_eq!(CheckTab::from_segment(Some("weather")), None);
    }

    #[test]
    fn each_tab_keeps_its_own_query_without_the_language() {
        let mut q = TabQueries::default();
        assert_eq!(q.path(CheckTab::Mcc), "/check/mcc");
        q.set(
            CheckTab::Mcc,
            "?no=898210154110002&lang=en&business=restaurant",
        );
        q.set(CheckTab::Licence, "q=%E6%8B%89%E5%8D%A1%E6%8B%89");
        assert_eq!(
            q.path(CheckTab::Mcc),
            "/check/mcc?no=898210154110002&business=restaurant"
        );
        assert_eq!(
            q.path(CheckTab::Licence),
            "/check?q=%E6%8B%89%E5%8D%A1%E6%8B%89"
        );
        assert_eq!(q.path(CheckTab::Fee), "/check/fee");
        // A later query replaces the earlier one; an empty one clears it.
        q.set(CheckTab::Mcc, "?lang=zh");
        assert_eq!(q.path(CheckTab::Mcc), "/check/mcc");
        assert_eq!(without_lang("?language=x&lang=en"), "language=x");
    }

    #[test]
    fn the_clearing_link_carries_the_name_encoded() {
        assert_eq!(
            clearing_check_path(" 某某 & Co "),
            "/check/clearing?payer=%E6%9F%90%E6%9F%90%20%26%20Co&kind=company"
        );
        assert_eq!(clearing_check_path("  "), "/check/clearing");
        assert!(is_tool_link(
            clearing_check_path("x").trim_start_matches('/')
        ));
        assert_eq!(
            query_string(&[("a", "1"), ("b", " "), ("c", "x=y")]),
            "a=1&c=x%3Dy"
        );
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
