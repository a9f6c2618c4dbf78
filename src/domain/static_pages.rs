//! The pages that have an address known at build time (issue 17): every tool and tab, every
//! wizard step and outcome, every response code, every letter kind, `/about`, `/me` and
//! `/poster`. For each: its own title, description and the main text a phone shows before the
//! WebAssembly arrives.
//!
//! One source for each page's text: the titles and leads come from the locale files the app
//! reads (`locales/zh/*.json`), the steps, codes and letters from the same data the app renders
//! (`wizard::tree`, `codes::table`, `letters::templates`). `src/bin/prerender.rs` writes this
//! catalogue as JSON and `scripts/post-build.mjs` turns each entry into an HTML file, so the
//! static text cannot drift from the app's.

use super::codes;
use super::letters::{self, escape_html};
use super::links::{CheckTab, ROUTES};
use super::text::Lang;
use super::wizard::{self, Node};
use serde::Serialize;
use serde_json::Value;
use std::sync::OnceLock;

/// One page written at build time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StaticPage {
    /// The route, relative to the public URL, without a leading slash (`wizard/network`).
    pub path: String,
    /// The document title: the page's own name, then the site's.
    pub title: String,
    /// The meta and Open Graph description: one or two plain sentences.
    pub description: String,
    /// The Open Graph title (the page's name alone).
    pub og_title: String,
    /// The `<main>` contents: escaped HTML with the app's own classes.
    pub main: String,
}

/// The Chinese locale files, as the app reads them.
fn locales() -> &'static Value {
    static LOCALES: OnceLock<Value> = OnceLock::new();
    LOCALES.get_or_init(|| {
        let files = [
            ("common", include_str!("../../locales/zh/common.json")),
            ("home", include_str!("../../locales/zh/home.json")),
            ("wizard", include_str!("../../locales/zh/wizard.json")),
            ("check", include_str!("../../locales/zh/check.json")),
            ("diary", include_str!("../../locales/zh/diary.json")),
            ("letters", include_str!("../../locales/zh/letters.json")),
            ("about", include_str!("../../locales/zh/about.json")),
            ("profile", include_str!("../../locales/zh/profile.json")),
            ("reach", include_str!("../../locales/zh/reach.json")),
        ];
        let mut all = serde_json::Map::new();
        for (ns, text) in files {
            let value: Value =
                serde_json::from_str(text).expect("locale files are checked by build.rs");
            all.insert(ns.to_owned(), value);
        }
        Value::Object(all)
    })
}

/// A Chinese UI text by its `namespace.key.key` path. Panics on a missing key: a test walks
/// every page, so a renamed key fails the build's tests, not a user.
fn zh(path: &str) -> String {
    let mut value = locales();
    for key in path.split('.') {
        value = &value[key];
    }
    match value.as_str() {
        Some(text) => strip_interpolation(text),
        None => panic!("no locale text for {path}"),
    }
}

/// leptos_i18n marks (`<b>…</b>` components, `{{ var }}`) are not for a static page.
fn strip_interpolation(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find(['<', '{']) {
        out.push_str(&rest[..start]);
        let close = if rest[start..].starts_with('<') {
            ">"
        } else {
            "}}"
        };
        match rest[start..].find(close) {
            Some(end) => rest = &rest[start + end + close.len()..],
            None => {
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

fn site() -> String {
    zh("common.app_name")
}

fn p(class: &str, text: &str) -> String {
    if class.is_empty() {
        format!("<p>{}</p>", escape_html(text))
    } else {
        format!("<p class=\"{class}\">{}</p>", escape_html(text))
    }
}

fn h(level: u8, text: &str) -> String {
    format!("<h{level}>{}</h{level}>", escape_html(text))
}

fn list<'a>(items: impl IntoIterator<Item = &'a str>) -> String {
    let items: String = items
        .into_iter()
        .map(|t| format!("<li>{}</li>", escape_html(t)))
        .collect();
    format!("<ul>{items}</ul>")
}

/// A description: the first sentence-sized run of `text`, at most 120 characters.
fn describe(text: &str) -> String {
    const MAX: usize = 120;
    let text = text.trim();
    if text.chars().count() <= MAX {
        return text.to_owned();
    }
    let cut: String = text.chars().take(MAX).collect();
    match cut.rfind(['。', '；', '？']) {
        Some(i) if i > 30 => cut[..i + '。'.len_utf8()].to_owned(),
        _ => format!("{cut}…"),
    }
}

fn page(path: &str, name: &str, description: &str, main: String) -> StaticPage {
    StaticPage {
        path: path.to_owned(),
        title: format!("{name} · {}", site()),
        description: describe(description),
        og_title: name.to_owned(),
        main,
    }
}

fn wizard_pages(out: &mut Vec<StaticPage>) {
    let tree = wizard::tree();
    let z = Lang::Zh;
    let kicker = zh("wizard.title");
    if let Some(Node::Question(start)) = tree.start() {
        let main = [
            h(1, &kicker),
            p("lead", &zh("wizard.intro")),
            h(2, start.title.get(z)),
            answers(start),
        ]
        .concat();
        out.push(page("wizard", &kicker, &zh("wizard.intro"), main));
    }
    for node in tree.nodes() {
        let path = format!("wizard/{}", node.id());
        match node {
            Node::Question(q) => {
                let mut main =
                    p("wz-kicker", &kicker) + &h(1, q.title.get(z)) + &p("wz-help", q.help.get(z));
                if !q.checks.is_empty() {
                    main += &h(2, &zh("wizard.checks_title"));
                    main += &list(q.checks.iter().map(|c| c.get(z)));
                }
                main += &h(2, &zh("wizard.answers_title"));
                main += &answers(q);
                let description = format!("{} {}", q.title.get(z), q.help.get(z));
                out.push(page(&path, q.title.get(z), &description, main));
            }
            Node::Outcome(o) => {
                let mut main = p("wz-kicker", &zh("wizard.outcome.kicker")) + &h(1, o.title.get(z));
                main += &h(2, &zh("wizard.outcome.self_fix"));
                main += &format!(
                    "<ol>{}</ol>",
                    o.self_fix
                        .iter()
                        .map(|s| format!("<li>{}</li>", escape_html(s.get(z))))
                        .collect::<String>()
                );
                let first = o.self_fix.first().map(|s| s.get(z)).unwrap_or_default();
                let description = format!("{}：{first}", o.title.get(z));
                out.push(page(&path, o.title.get(z), &description, main));
            }
        }
    }
}

fn answers(q: &wizard::Question) -> String {
    let items: String = q
        .answers
        .iter()
        .map(|a| {
            format!(
                "<li><a class=\"wz-answer\" href=\"wizard/{}\">{}</a></li>",
                escape_html(&a.next),
                escape_html(a.label.get(Lang::Zh))
            )
        })
        .collect();
    format!("<ul class=\"wz-answers\">{items}</ul>")
}

fn code_pages(out: &mut Vec<StaticPage>) {
    let z = Lang::Zh;
    let title = zh("wizard.codes_title");
    out.push(page(
        "codes",
        &title,
        &zh("wizard.codes.intro"),
        h(1, &title) + &p("lead", &zh("wizard.codes.intro")),
    ));
    for entry in codes::table().entries() {
        for code in entry.codes() {
            let name = format!("应答码 {code}：{}", entry.meaning.get(z));
            let who: Vec<&str> = entry.who_acts.iter().map(|p| p.name(z)).collect();
            // As the app shows it: the decoder's heading, then this code's result.
            let main = h(1, &title)
                + &p("", &zh("wizard.codes.intro"))
                + &h(2, &name)
                + &p("", entry.what_to_do.get(z))
                + &p("", &format!("该找：{}", who.join("、")));
            let description = format!("{}。{}", entry.meaning.get(z), entry.what_to_do.get(z));
            out.push(page(&format!("codes/{code}"), &name, &description, main));
        }
    }
}

fn check_pages(out: &mut Vec<StaticPage>) {
    let title = zh("check.title");
    for tab in CheckTab::ALL {
        let (nav, lead) = match tab {
            CheckTab::Licence => ("check.nav.licence", "check.licence.lead"),
            CheckTab::Clearing => ("check.nav.clearing", "check.clearing.lead"),
            CheckTab::Mcc => ("check.nav.mcc", "check.mcc.lead"),
            CheckTab::Fee => ("check.nav.fee", "check.fee.lead"),
            CheckTab::Agent => ("check.nav.agent", "check.agent.lead"),
        };
        let name = zh(nav);
        let main = h(1, &title) + &h(2, &name) + &p("lead", &zh(lead));
        let path = tab.path().trim_start_matches('/');
        out.push(page(path, &format!("{name} · {title}"), &zh(lead), main));
    }
}

fn letter_pages(out: &mut Vec<StaticPage>) {
    let z = Lang::Zh;
    let title = zh("letters.title");
    let all: Vec<&str> = letters::templates()
        .iter()
        .map(|t| t.title.get(z))
        .collect();
    out.push(page(
        "letters",
        &title,
        &zh("letters.intro"),
        h(1, &title) + &p("lead", &zh("letters.intro")) + &list(all),
    ));
    for t in letters::templates() {
        let main = h(1, t.title.get(z))
            + &p("lead", t.explanation.get(z))
            + &p("", t.when_to_use.get(z))
            + &p("", t.recipient.get(z));
        out.push(page(
            &format!("letters/{}", t.kind.slug()),
            t.title.get(z),
            &format!("{} {}", t.explanation.get(z), t.when_to_use.get(z)),
            main,
        ));
    }
}

/// Every page with an address known at build time, except the home page (`index.html` itself).
pub fn static_pages() -> Vec<StaticPage> {
    let mut out = Vec::new();
    for route in ROUTES {
        match route.segment {
            "" => {}
            "wizard" => wizard_pages(&mut out),
            "codes" => code_pages(&mut out),
            "check" => check_pages(&mut out),
            "letters" => letter_pages(&mut out),
            "diary" => out.push(page(
                "diary",
                &zh("diary.title"),
                &zh("diary.intro"),
                h(1, &zh("diary.title")) + &p("lead", &zh("diary.intro")),
            )),
            "me" => out.push(page(
                "me",
                &zh("profile.title"),
                &zh("profile.intro"),
                h(1, &zh("profile.title")) + &p("lead", &zh("profile.intro")),
            )),
            "about" => out.push(page(
                "about",
                &zh("about.title"),
                &zh("common.app_tagline"),
                h(1, &zh("about.title")) + &h(2, &zh("about.not_advice_title")),
            )),
            "poster" => out.push(page(
                "poster",
                &zh("reach.poster.title"),
                &zh("reach.poster.intro"),
                h(1, &zh("reach.poster.title")) + &p("lead", &zh("reach.poster.intro")),
            )),
            other => panic!("route /{other} has no static page: add it here"),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::links::resolve;
    use std::collections::BTreeSet;

    #[test]
    fn every_page_resolves_to_a_route_and_every_path_is_unique() {
        let pages = static_pages();
        let mut seen = BTreeSet::new();
        for page in &pages {
            assert!(
                resolve(&format!("/{}", page.path)).is_some(),
                "{} is no route",
                page.path
            );
            assert!(seen.insert(page.path.clone()), "{} twice", page.path);
            assert!(!page.path.ends_with('/') && !page.path.starts_with('/'));
        }
        // Every step, every code, every letter kind and every tab has its page.
        let tree = wizard::tree();
        for node in tree.nodes() {
            assert!(
                seen.contains(&format!("wizard/{}", node.id())),
                "{}",
                node.id()
            );
        }
        for entry in codes::table().entries() {
            for code in entry.codes() {
                assert!(seen.contains(&format!("codes/{code}")), "{code}");
            }
        }
        for kind in letters::LetterKind::ALL {
            assert!(seen.contains(&format!("letters/{}", kind.slug())));
        }
        for tab in CheckTab::ALL {
            assert!(seen.contains(tab.path().trim_start_matches('/')));
        }
        for fixed in [
            "wizard", "codes", "check", "diary", "letters", "me", "about", "poster",
        ] {
            assert!(seen.contains(fixed), "{fixed}");
        }
    }

    #[test]
    fn titles_are_distinct_and_descriptions_short_and_plain() {
        let pages = static_pages();
        let titles: BTreeSet<&str> = pages.iter().map(|p| p.title.as_str()).collect();
        assert_eq!(titles.len(), pages.len(), "two pages share a title");
        for page in &pages {
            assert!(page.title.ends_with("POS 商户自助站"), "{}", page.title);
            let n = page.description.chars().count();
            assert!((10..=121).contains(&n), "{}: {n} chars", page.path);
            for text in [&page.title, &page.description] {
                assert!(
                    !text.contains(['<', '>', '{', '}']),
                    "{}: {text}",
                    page.path
                );
            }
            assert!(
                page.main.starts_with("<h1>") || page.main.starts_with("<p class=\"wz-kicker\">")
            );
            assert_eq!(page.main.matches("<h1>").count(), 1, "{}", page.path);
            // The page's own name is on the page, as a heading.
            assert!(
                page.main
                    .contains(&format!("<h1>{}</h1>", escape_html(&page.og_title)))
                    || page
                        .main
                        .contains(&format!("<h2>{}</h2>", escape_html(&page.og_title)))
                    || page.path.starts_with("check"),
                "{}",
                page.path
            );
        }
    }

    #[test]
    fn text_is_escaped_and_locale_marks_removed() {
        assert_eq!(
            strip_interpolation("您正在{{ app }}里打开<b>本页</b>"),
            "您正在里打开本页"
        );
        assert_eq!(p("", "<script>"), "<p>&lt;script&gt;</p>");
        let long = "很长的一句话。".repeat(30);
        assert!(describe(&long).chars().count() <= 120);
        assert!(describe(&long).ends_with('。'));
    }

    #[test]
    fn a_step_page_shows_its_question_and_answers() {
        let pages = static_pages();
        let tree = wizard::tree();
        let q = tree
            .nodes()
            .iter()
            .find_map(Node::as_question)
            .expect("a question");
        let page = pages
            .iter()
            .find(|p| p.path == format!("wizard/{}", q.id))
            .expect("page");
        assert!(page.main.contains(&escape_html(q.title.get(Lang::Zh))));
        for a in &q.answers {
            assert!(page.main.contains(&format!("href=\"wizard/{}\"", a.next)));
        }
        let code = pages
            .iter()
            .find(|p| p.path == "codes/97")
            .expect("code 97");
        assert!(code.title.starts_with("应答码 97："), "{}", code.title);
    }
}
