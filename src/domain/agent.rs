//! The agent check (代理商行为自查, issue 19): what an agent (代理商; in the rules a 收单外包服务机构)
//! may not do, as questions a shopkeeper can answer, each tied to the self-regulatory rule it
//! breaks (`data/agent-rules.json`).
//!
//! - The citations come from the letters' registry of articles (`data/letters/law.json`, by id);
//!   a rule may add a citation that no official document confirms (`sources`, flagged
//!   `unconfirmed`), which the page shows with that caveat and never as settled.
//! - Every rule is self-regulation by an industry association (中国支付清算协会), not law: the
//!   page says so next to each citation ([`is_self_regulation`] is checked for all of them).
//! - A ticked question with its details (date, amount, a name) becomes a neutral finding
//!   ([`AgentRule::finding`]): no advice, no 您, no subject where the merchant would be one, no
//!   closing 。 (like `verdict`'s findings), so the diary and the letters can state it as fact.
//! - The answers live in the address (`/check/agent?yes=deposit,agent_account&deposit_date=…`):
//!   [`AgentCheck::from_query`] and [`AgentCheck::query_pairs`] round-trip them.
//!
//! Public API: [`book`], [`AgentRule`], [`Detail`], [`DetailKey`], [`Outcome`], [`AgentCheck`],
//! [`Answer`], [`DetailProblem`], [`is_self_regulation`], [`citations`].

use std::collections::BTreeMap;
use std::sync::OnceLock;

use chrono::NaiveDate;
use serde::Deserialize;

use super::case::Vendor;
use super::fees::parse_money;
use super::letters::{format_date_zh, law};
use super::text::{Bilingual, Source};

const RULES_JSON: &str = include_str!("../../data/agent-rules.json");

/// Longest text kept for a detail, the agent's name or contacts (longer input is cut).
pub const MAX_DETAIL_CHARS: usize = 100;

/// What a question may ask for besides "yes".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DetailKey {
    Date,
    Amount,
    Text,
}

impl DetailKey {
    /// The suffix of its query parameter (`deposit_date`) and its `{placeholder}`.
    pub fn name(self) -> &'static str {
        match self {
            DetailKey::Date => "date",
            DetailKey::Amount => "amount",
            DetailKey::Text => "text",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Detail {
    pub key: DetailKey,
    pub label: Bilingual,
}

/// One thing an agent may not do, as a question.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct AgentRule {
    pub id: String,
    pub question: Bilingual,
    #[serde(default)]
    pub details: Vec<Detail>,
    /// The finding with `{date}`, `{amount}`, `{text}` where the details go.
    finding: Bilingual,
    /// How a text detail is set in the finding (`{}` is the text); the text as it is without.
    #[serde(default)]
    text_wrap: Option<Bilingual>,
    /// What the finding says when the text detail is empty (nothing without).
    #[serde(default)]
    text_default: Option<Bilingual>,
    /// What the rule says, for the page.
    pub rule: Bilingual,
    /// Ids in the letters' article registry.
    #[serde(default)]
    pub articles: Vec<String>,
    /// Further citations outside the registry (only unconfirmed ones, each saying so).
    #[serde(default)]
    sources: Vec<Source>,
    /// What it means for the merchant and what to do.
    pub meaning: Bilingual,
}

/// Who acts once something is ticked.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Outcome {
    pub acquirer: Bilingual,
    acquirer_articles: Vec<String>,
    pub pcac: Bilingual,
    pcac_sources: Vec<Source>,
    pcac_articles: Vec<String>,
}

impl Outcome {
    /// What the acquirer's duty rests on.
    pub fn acquirer_sources(&self) -> Vec<Source> {
        citations(&self.acquirer_articles, &[])
    }

    /// What PCAC's role rests on.
    pub fn pcac_sources(&self) -> Vec<Source> {
        citations(&self.pcac_articles, &self.pcac_sources)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct RuleBook {
    /// What these rules are (self-regulation, not law) and what that means for the merchant.
    pub status: Bilingual,
    pub rules: Vec<AgentRule>,
    pub outcome: Outcome,
}

impl RuleBook {
    pub fn rule(&self, id: &str) -> Option<&AgentRule> {
        self.rules.iter().find(|r| r.id == id)
    }
}

/// The rules, in the order the page asks them.
pub fn book() -> &'static RuleBook {
    static BOOK: OnceLock<RuleBook> = OnceLock::new();
    BOOK.get_or_init(|| {
        serde_json::from_str(RULES_JSON).expect("data/agent-rules.json checked by tests")
    })
}

/// The registry articles' citations, then the extra ones.
pub fn citations(articles: &[String], extra: &[Source]) -> Vec<Source> {
    articles
        .iter()
        .filter_map(|id| law::article(id))
        .map(|a| a.source.clone())
        .chain(extra.iter().cloned())
        .collect()
}

/// A rule of 中国支付清算协会, an industry association: self-regulation, not law.
pub fn is_self_regulation(source: &Source) -> bool {
    source.zh.starts_with("中国支付清算协会")
}

impl AgentRule {
    /// Every citation of the rule: the registry's, then its own.
    pub fn citations(&self) -> Vec<Source> {
        citations(&self.articles, &self.sources)
    }

    /// Whether every citation is confirmed by an official document. A rule that is not is
    /// shown with the caveat, never as settled.
    pub fn settled(&self) -> bool {
        self.citations().iter().all(|s| !s.unconfirmed)
    }

    pub fn asks(&self, key: DetailKey) -> bool {
        self.details.iter().any(|d| d.key == key)
    }

    /// The neutral finding for a "yes" with `answer`'s details (those that do not parse are
    /// left out).
    pub fn finding(&self, answer: &Answer) -> Bilingual {
        let date = answer.date().ok().flatten();
        let amount = answer.amount().ok().flatten();
        let text = answer.text();
        let (date_zh, date_en) = date.map_or_else(Default::default, |d| {
            (format!("于{}", format_date_zh(d)), format!(" on {d}"))
        });
        let (amount_zh, amount_en) = amount.map_or_else(Default::default, |fen| {
            let y = yuan(fen);
            (format!("{y}元"), format!(" of {y} yuan"))
        });
        let (text_zh, text_en) = match (&text, &self.text_wrap, &self.text_default) {
            (Some(t), Some(w), _) => (w.zh.replace("{}", t), w.en.replace("{}", t)),
            (Some(t), None, _) => (t.clone(), t.clone()),
            (None, _, Some(d)) => (d.zh.clone(), d.en.clone()),
            (None, _, None) => Default::default(),
        };
        let fill = |template: &str, date: &str, amount: &str, text: &str| {
            template
                .replace("{date}", date)
                .replace("{amount}", amount)
                .replace("{text}", text)
        };
        Bilingual::new(
            fill(&self.finding.zh, &date_zh, &amount_zh, &text_zh),
            fill(&self.finding.en, &date_en, &amount_en, &text_en),
        )
    }
}

/// `299`, `299.5`, `0.05`: yuan without trailing zeros.
fn yuan(fen: u64) -> String {
    let (whole, cents) = (fen / 100, fen % 100);
    match cents {
        0 => whole.to_string(),
        c if c % 10 == 0 => format!("{whole}.{}", c / 10),
        c => format!("{whole}.{c:02}"),
    }
}

/// Plain one-line text: no control characters, trimmed, cut at [`MAX_DETAIL_CHARS`].
fn clean(raw: &str) -> String {
    let line: String = raw
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .take(MAX_DETAIL_CHARS)
        .collect();
    line.trim().to_owned()
}

/// The details given with a "yes", as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Answer {
    /// `YYYY-MM-DD` (a date input's value).
    pub date: String,
    /// In 元.
    pub amount: String,
    pub text: String,
}

/// A detail that does not parse: the finding leaves it out and the page says why, next to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DetailProblem {
    Date,
    Amount,
}

impl DetailProblem {
    pub fn message(self) -> Bilingual {
        match self {
            DetailProblem::Date => Bilingual::new(
                "日期看不懂：请按“年-月-日”填写，例如 2026-03-15。",
                "Date not understood: use year-month-day, e.g. 2026-03-15.",
            ),
            DetailProblem::Amount => Bilingual::new(
                "金额看不懂：请只填数字，例如 299。",
                "Amount not understood: enter a number only, e.g. 299.",
            ),
        }
    }
}

impl Answer {
    pub fn date(&self) -> Result<Option<NaiveDate>, DetailProblem> {
        let raw = self.date.trim();
        if raw.is_empty() {
            return Ok(None);
        }
        NaiveDate::parse_from_str(raw, "%Y-%m-%d")
            .map(Some)
            .map_err(|_| DetailProblem::Date)
    }

    pub fn amount(&self) -> Result<Option<u64>, DetailProblem> {
        if self.amount.trim().is_empty() {
            return Ok(None);
        }
        match parse_money(&self.amount) {
            Ok(0) | Err(_) => Err(DetailProblem::Amount),
            Ok(fen) => Ok(Some(fen)),
        }
    }

    /// The text detail without a closing punctuation mark, or `None` when empty.
    pub fn text(&self) -> Option<String> {
        let t = clean(&self.text);
        let t = t.trim_end_matches(['。', '；', '，', '.', ';', ',']).trim();
        (!t.is_empty()).then(|| t.to_owned())
    }

    /// The details that do not parse.
    pub fn problems(&self) -> Vec<DetailProblem> {
        let mut out = Vec::new();
        if self.date().is_err() {
            out.push(DetailProblem::Date);
        }
        if self.amount().is_err() {
            out.push(DetailProblem::Amount);
        }
        out
    }
}

/// The merchant's answers: the questions answered "yes" (by rule id) with their details, and
/// the agent's name and contacts as the merchant knows them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AgentCheck {
    pub yes: BTreeMap<String, Answer>,
    pub agent: String,
    pub contact: String,
}

impl AgentCheck {
    /// From query pairs: `yes=<id>,<id>`, `<id>_date`, `<id>_amount`, `<id>_text`, `agent`,
    /// `contact`. Unknown ids and the details of questions not answered "yes" are dropped.
    pub fn from_query<I, K, V>(pairs: I) -> AgentCheck
    where
        I: IntoIterator<Item = (K, V)>,
        K: AsRef<str>,
        V: AsRef<str>,
    {
        let pairs: Vec<(String, String)> = pairs
            .into_iter()
            .map(|(k, v)| (k.as_ref().to_owned(), v.as_ref().to_owned()))
            .collect();
        let get = |name: &str| {
            pairs
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| clean(v))
                .unwrap_or_default()
        };
        let ticked = get("yes");
        let mut check = AgentCheck {
            agent: get("agent"),
            contact: get("contact"),
            ..AgentCheck::default()
        };
        for id in ticked.split(',').map(str::trim) {
            let Some(rule) = book().rule(id) else {
                continue;
            };
            let detail = |key: DetailKey| {
                if rule.asks(key) {
                    get(&format!("{id}_{}", key.name()))
                } else {
                    String::new()
                }
            };
            check.yes.insert(
                id.to_owned(),
                Answer {
                    date: detail(DetailKey::Date),
                    amount: detail(DetailKey::Amount),
                    text: detail(DetailKey::Text),
                },
            );
        }
        check
    }

    /// The query pairs, in rule order; empty values are left out.
    pub fn query_pairs(&self) -> Vec<(String, String)> {
        let ids: Vec<&str> = self.ticked().map(|(r, _)| r.id.as_str()).collect();
        let mut out = vec![("yes".to_owned(), ids.join(","))];
        for (rule, answer) in self.ticked() {
            for (key, value) in [
                (DetailKey::Date, &answer.date),
                (DetailKey::Amount, &answer.amount),
                (DetailKey::Text, &answer.text),
            ] {
                if rule.asks(key) {
                    out.push((format!("{}_{}", rule.id, key.name()), clean(value)));
                }
            }
        }
        out.push(("agent".to_owned(), clean(&self.agent)));
        out.push(("contact".to_owned(), clean(&self.contact)));
        out.retain(|(_, v)| !v.is_empty());
        out
    }

    /// The questions answered "yes", in the page's order, with their answers.
    pub fn ticked(&self) -> impl Iterator<Item = (&'static AgentRule, &Answer)> {
        book()
            .rules
            .iter()
            .filter_map(|r| self.yes.get(&r.id).map(|a| (r, a)))
    }

    pub fn is_empty(&self) -> bool {
        self.yes.is_empty()
    }

    /// Every finding, in order.
    pub fn findings(&self) -> Vec<Bilingual> {
        self.ticked().map(|(r, a)| r.finding(a)).collect()
    }

    /// The findings as one statement ("…；…"), for the diary and the letters; `None` when
    /// nothing is ticked.
    pub fn statement(&self) -> Option<Bilingual> {
        let findings = self.findings();
        (!findings.is_empty()).then(|| {
            Bilingual::new(
                findings
                    .iter()
                    .map(|f| f.zh.as_str())
                    .collect::<Vec<_>>()
                    .join("；"),
                findings
                    .iter()
                    .map(|f| f.en.as_str())
                    .collect::<Vec<_>>()
                    .join("; "),
            )
        })
    }

    /// The agent as the case's vendor, when the merchant named it.
    pub fn vendor(&self) -> Option<Vendor> {
        let name = clean(&self.agent);
        let contact = clean(&self.contact);
        (!name.is_empty()).then(|| Vendor {
            name,
            contacts: if contact.is_empty() {
                vec![]
            } else {
                vec![contact]
            },
            ..Vendor::default()
        })
    }

    /// Whether the deposit question is answered "yes" (the page then names the refund).
    pub fn has(&self, id: &str) -> bool {
        self.yes.contains_key(id)
    }
}

/// Adds `vendor` to a case's vendor: the name when the case has none, and each contact not
/// already listed. A case that names a different vendor is left as it is (the merchant edits
/// the case by hand if the agent changed).
pub fn merge_vendor(into: &mut Vendor, vendor: &Vendor) {
    if into.name.trim().is_empty() {
        into.name = vendor.name.clone();
    } else if into.name.trim() != vendor.name.trim() {
        return;
    }
    for c in &vendor.contacts {
        if !into.contacts.iter().any(|k| k.trim() == c.trim()) {
            into.contacts.push(c.clone());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::links::query_string;

    fn check(pairs: &[(&str, &str)]) -> AgentCheck {
        AgentCheck::from_query(pairs.iter().copied())
    }

    /// The scenario: a deposit and money through the agent's account.
    fn scenario() -> AgentCheck {
        check(&[
            ("yes", "deposit,agent_account"),
            ("deposit_date", "2026-03-15"),
            ("deposit_amount", "299"),
            ("agent_account_text", "张三"),
            ("agent", "某某信息科技有限公司"),
            ("contact", "13800000000"),
        ])
    }

    #[test]
    fn the_book_loads_with_unique_complete_questions() {
        let b = book();
        assert!(b.rules.len() >= 8);
        assert!(b.status.is_complete());
        assert!(b.status.zh.contains("不是法律"));
        let mut ids = std::collections::BTreeSet::new();
        for r in &b.rules {
            assert!(ids.insert(r.id.as_str()), "duplicate {}", r.id);
            assert!(
                r.id.chars().all(|c| c.is_ascii_lowercase() || c == '_'),
                "{}",
                r.id
            );
            for t in [&r.question, &r.rule, &r.meaning] {
                assert!(t.is_complete(), "{}", r.id);
                assert!(!t.zh.contains('你'), "{}: 你 instead of 您", r.id);
            }
            assert!(r.question.zh.ends_with('？'), "{}", r.id);
            assert!(r.question.en.ends_with('?'), "{}", r.id);
            for d in &r.details {
                assert!(d.label.is_complete(), "{}", r.id);
            }
        }
    }

    #[test]
    fn every_rule_has_a_citation_a_person_can_check() {
        for r in &book().rules {
            let cited = r.citations();
            assert!(!cited.is_empty(), "{} cites nothing", r.id);
            assert_eq!(
                cited.len(),
                r.articles.len() + r.sources.len(),
                "{}: an article id not in the registry",
                r.id
            );
            for s in &cited {
                assert_eq!(s.citation_problems(), Vec::<String>::new(), "{}", r.id);
                // Document, number and article (or definition) a person can look up.
                assert!(s.zh.contains('《') && s.zh.contains('》'), "{}", s.zh);
                assert!(
                    s.zh.contains('第') || s.zh.contains("定义"),
                    "{}: no article",
                    s.zh
                );
                assert!(
                    is_self_regulation(s),
                    "{}: not a PCAC rule, yet shown as self-regulation",
                    s.zh
                );
                // Unconfirmed only outside the registry, and then it says so in plain words.
                if s.unconfirmed {
                    assert!(s.zh.contains("未经官方文件确认"), "{}", s.zh);
                    assert!(s.en.contains("not confirmed"), "{}", s.en);
                } else {
                    assert!(s.zh.contains("中支协发〔"), "{}: no document number", s.zh);
                }
            }
            for s in &r.sources {
                assert!(
                    s.unconfirmed,
                    "{}: a confirmed citation belongs in the registry",
                    r.id
                );
            }
        }
        // The one whose document is unconfirmed is never settled.
        let switch = book().rule("switch").unwrap();
        assert!(!switch.settled());
        assert!(book().rule("deposit").unwrap().settled());
    }

    #[test]
    fn the_outcome_names_the_acquirer_and_pcac_with_sources() {
        let o = &book().outcome;
        assert!(o.acquirer.zh.contains("收单机构") && o.acquirer.zh.contains("10个工作日"));
        let acq = o.acquirer_sources();
        assert_eq!(acq.len(), 2);
        assert!(acq.iter().any(|s| s.zh.ends_with("第十二条")));
        assert!(acq.iter().any(|s| s.zh.ends_with("第三十二条")));
        let pcac = o.pcac_sources();
        assert_eq!(pcac.len(), 2);
        for s in acq.iter().chain(&pcac) {
            assert!(!s.unconfirmed);
            assert_eq!(s.citation_problems(), Vec::<String>::new());
        }
        // The 2016 channels are unconfirmed: never stated here.
        assert!(!o.pcac.zh.contains("jubao") && !o.pcac.zh.contains("010-"));
    }

    #[test]
    fn placeholders_match_the_details() {
        for r in &book().rules {
            for key in [DetailKey::Date, DetailKey::Amount, DetailKey::Text] {
                let p = format!("{{{}}}", key.name());
                for t in [&r.finding.zh, &r.finding.en] {
                    assert_eq!(t.contains(&p), r.asks(key), "{}: {p} in {t}", r.id);
                }
            }
            if let Some(w) = &r.text_wrap {
                assert!(r.asks(DetailKey::Text) && w.zh.contains("{}") && w.en.contains("{}"));
            }
            // Rendered with and without details: no placeholder left, neutral.
            let full = Answer {
                date: "2026-03-15".into(),
                amount: "299".into(),
                text: "某某".into(),
            };
            for a in [Answer::default(), full] {
                let f = r.finding(&a);
                for t in [&f.zh, &f.en] {
                    assert!(!t.contains('{') && !t.contains('}'), "{}: {t}", r.id);
                    assert!(!t.ends_with('。') && !t.ends_with('.'), "{}: {t}", r.id);
                }
                for word in ["您", "你", "本店", "本人", "本公司", "应当", "建议", "请"]
                {
                    assert!(!f.zh.contains(word), "{}: {word} in {}", r.id, f.zh);
                }
                for word in ["you", "You", "should"] {
                    assert!(!f.en.contains(word), "{}: {word} in {}", r.id, f.en);
                }
            }
        }
    }

    #[test]
    fn the_scenario_renders_neutral_dated_findings() {
        let c = scenario();
        let f = c.findings();
        assert_eq!(f.len(), 2);
        assert_eq!(f[0].zh, "代理商于2026年3月15日收取押金299元");
        assert_eq!(
            f[0].en,
            "The agent took a deposit of 299 yuan on 2026-03-15"
        );
        assert_eq!(f[1].zh, "结算款经代理商的账户转付（付款方显示为“张三”）");
        let s = c.statement().unwrap();
        assert_eq!(
            s.zh,
            "代理商于2026年3月15日收取押金299元；结算款经代理商的账户转付（付款方显示为“张三”）"
        );
        // As a letter writes a dated fact.
        let fact =
            crate::domain::verdict::dated_fact(&s, NaiveDate::from_ymd_opt(2026, 11, 28).unwrap());
        assert!(fact.starts_with("2026年11月28日，代理商于2026年3月15日收取押金299元；"));
        assert!(fact.ends_with("。"));
        let v = c.vendor().unwrap();
        assert_eq!(v.name, "某某信息科技有限公司");
        assert_eq!(v.contacts, vec!["13800000000".to_owned()]);
        assert!(AgentCheck::default().statement().is_none());
    }

    #[test]
    fn details_that_do_not_parse_are_left_out_and_reported() {
        let c = check(&[
            ("yes", "deposit"),
            ("deposit_date", "15/3/2026"),
            ("deposit_amount", "二百"),
        ]);
        let a = &c.yes["deposit"];
        assert_eq!(
            a.problems(),
            vec![DetailProblem::Date, DetailProblem::Amount]
        );
        assert_eq!(c.findings()[0].zh, "代理商收取押金");
        // Full-width digits, ¥ and 元 are understood; cents are kept.
        let c = check(&[("yes", "deposit"), ("deposit_amount", "¥２９９.５０元")]);
        assert_eq!(c.findings()[0].zh, "代理商收取押金299.5元");
        assert!(c.yes["deposit"].problems().is_empty());
        for m in [DetailProblem::Date, DetailProblem::Amount] {
            assert!(m.message().is_complete() && !m.message().zh.contains('你'));
        }
    }

    #[test]
    fn the_answers_round_trip_through_the_query() {
        let c = scenario();
        let pairs = c.query_pairs();
        assert_eq!(
            pairs[0],
            ("yes".to_owned(), "deposit,agent_account".to_owned())
        );
        let refs: Vec<(&str, &str)> = pairs
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        let q = query_string(&refs);
        assert!(
            q.starts_with("yes=deposit%2Cagent_account&deposit_date=2026-03-15&deposit_amount=299"),
            "{q}"
        );
        let back = AgentCheck::from_query(pairs.clone());
        assert_eq!(back, c);
        // Every rule, ticked with every detail it asks for, comes back the same.
        let mut all = AgentCheck::default();
        for r in &book().rules {
            let detail = |k: DetailKey, v: &str| {
                if r.asks(k) {
                    v.to_owned()
                } else {
                    String::new()
                }
            };
            all.yes.insert(
                r.id.clone(),
                Answer {
                    date: detail(DetailKey::Date, "2026-01-02"),
                    amount: detail(DetailKey::Amount, "50"),
                    text: detail(DetailKey::Text, "a&b=c,d？"),
                },
            );
        }
        assert_eq!(AgentCheck::from_query(all.query_pairs()), all);
    }

    #[test]
    fn unknown_ids_stray_details_and_hostile_values_are_dropped_or_cut() {
        let long = "长".repeat(5_000);
        let c = check(&[
            ("yes", "deposit,<script>,,weather"),
            ("deposit_text", "not asked"),
            ("online_sale_text", "not ticked"),
            ("agent", &long),
            ("contact", "a\nb"),
        ]);
        assert_eq!(c.yes.keys().collect::<Vec<_>>(), vec!["deposit"]);
        assert_eq!(c.yes["deposit"], Answer::default());
        assert_eq!(c.agent.chars().count(), MAX_DETAIL_CHARS);
        assert_eq!(c.contact, "a b");
        assert!(check(&[]).is_empty());
        assert_eq!(check(&[]).query_pairs(), vec![]);
    }

    #[test]
    fn a_vendor_merges_into_the_case_without_losing_what_it_had() {
        let mut v = Vendor {
            name: "原代理商".into(),
            contacts: vec!["13800000000".into()],
            ..Vendor::default()
        };
        merge_vendor(
            &mut v,
            &Vendor {
                name: "新名字".into(),
                contacts: vec!["13800000000".into(), "微信 abc".into()],
                ..Vendor::default()
            },
        );
        assert_eq!(v.name, "原代理商");
        assert_eq!(v.contacts, vec!["13800000000".to_owned()]);
        merge_vendor(
            &mut v,
            &Vendor {
                name: "原代理商".into(),
                contacts: vec!["13800000000".into(), "微信 abc".into()],
                ..Vendor::default()
            },
        );
        assert_eq!(
            v.contacts,
            vec!["13800000000".to_owned(), "微信 abc".to_owned()]
        );
        let mut empty = Vendor::default();
        merge_vendor(&mut empty, &scenario().vendor().unwrap());
        assert_eq!(empty.name, "某某信息科技有限公司");
    }
}
