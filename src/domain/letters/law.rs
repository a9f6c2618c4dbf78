//! The articles letters cite (`data/letters/law.json`), each tagged with the matters it fits,
//! the respondents it binds, the letter kinds that may cite it and, where it protects only some
//! complainants, the sender kinds it applies to.
//!
//! The rules that choose them:
//! - a letter cites an article only if the letter's kind is in its `kinds`, the respondent is in
//!   its `respondents`, the sender's kind is in its `senders` (empty = any) and, unless its
//!   `matters` is empty (= any dispute), one of the case's matters is in its `matters`;
//! - a **bank** acquirer is never held to the non-bank 条例 or 细则: those articles list only
//!   `non_bank` (checked by a test);
//! - `procedural` articles (the PBoC clocks and the basis on which a user complains) are worded by
//!   the letter itself, not listed in its legal basis;
//! - nothing whose source is unconfirmed is cited (checked by a test).

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use super::LetterKind;
use crate::domain::party::{Matter, PartyKind, Respondent};
use crate::domain::text::{Bilingual, Source};

const LAW_JSON: &str = include_str!("../../../data/letters/law.json");

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Article {
    pub id: String,
    pub source: Source,
    /// What it says, for the page.
    pub summary: Bilingual,
    /// What it says, in the letter's register, without the citation and final 。.
    pub clause: String,
    #[serde(default)]
    pub matters: Vec<Matter>,
    pub respondents: Vec<Respondent>,
    pub kinds: Vec<LetterKind>,
    #[serde(default)]
    pub senders: Vec<PartyKind>,
}

impl Article {
    /// Stated by the letter's own procedural paragraph rather than in its legal basis.
    pub fn is_procedural(&self) -> bool {
        matches!(self.id.as_str(), "fcp-40" | "fcp-43" | "nbpi-rules-58")
    }

    /// Whether the article can bind this respondent in this kind of letter from this sender
    /// (whatever the case is about).
    pub fn fits(&self, kind: LetterKind, respondent: Respondent, sender: PartyKind) -> bool {
        self.kinds.contains(&kind)
            && self.respondents.contains(&respondent)
            && (self.senders.is_empty() || self.senders.contains(&sender))
    }

    /// Whether it fits a case about `matters`.
    pub fn fits_matters(&self, matters: &[Matter]) -> bool {
        self.matters.is_empty() || self.matters.iter().any(|m| matters.contains(m))
    }

    /// "《…》第X条规定，……。"
    pub fn sentence(&self) -> String {
        format!("{}规定，{}。", self.source.zh, self.clause)
    }
}

/// Every article, in file order.
pub fn articles() -> &'static [Article] {
    static ARTICLES: OnceLock<Vec<Article>> = OnceLock::new();
    ARTICLES.get_or_init(|| {
        #[derive(Deserialize)]
        struct File {
            articles: Vec<Article>,
        }
        serde_json::from_str::<File>(LAW_JSON)
            .expect("data/letters/law.json checked by tests")
            .articles
    })
}

pub fn article(id: &str) -> Option<&'static Article> {
    articles().iter().find(|a| a.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_article_is_sourced_confirmed_and_well_formed() {
        let all = articles();
        assert!(all.len() >= 20);
        let mut ids = std::collections::BTreeSet::new();
        for a in all {
            assert!(ids.insert(&a.id), "duplicate {}", a.id);
            assert!(
                !a.source.unconfirmed,
                "{} rests on an unconfirmed source",
                a.id
            );
            assert!(
                a.source.zh.contains('《') && a.source.zh.contains('》'),
                "{}",
                a.id
            );
            assert!(
                !a.clause.ends_with('。') && !a.clause.is_empty(),
                "{}",
                a.id
            );
            assert!(!a.clause.contains('您'), "{}", a.id);
            assert!(!a.kinds.is_empty() && !a.respondents.is_empty(), "{}", a.id);
        }
    }

    #[test]
    fn a_bank_is_never_held_to_the_non_bank_rules() {
        for a in articles() {
            if a.source.zh.contains("非银行支付机构监督管理条例") {
                assert!(
                    !a.respondents.contains(&Respondent::Bank),
                    "{} is cited against a bank",
                    a.id
                );
                // Only the licence requirement (第六条) binds anyone, licensed or not.
                if a.id != "nbpi-6" {
                    assert_eq!(a.respondents, vec![Respondent::NonBank], "{}", a.id);
                }
            }
            if a.respondents.contains(&Respondent::Bank) {
                let allowed = a.source.zh.contains("民法典")
                    || a.source.zh.contains("明码标价")
                    || a.source.zh.contains("投诉举报处理暂行办法")
                    || a.source.zh.contains("金融消费者权益保护实施办法")
                    || a.id == "nbpi-6";
                assert!(allowed, "{} cited against a bank", a.id);
            }
        }
    }

    #[test]
    fn the_fee_rules_do_not_fit_a_deregistration_case() {
        let dereg = [Matter::Deregistration];
        let cited: Vec<&str> = articles()
            .iter()
            .filter(|a| {
                a.fits(
                    LetterKind::Acquirer,
                    Respondent::NonBank,
                    PartyKind::SoleTrader,
                ) && a.fits_matters(&dereg)
                    && !a.is_procedural()
            })
            .map(|a| a.id.as_str())
            .collect();
        assert!(cited.contains(&"pboc-259"), "{cited:?}");
        for fee_rule in ["nbpi-34", "nbpi-rules-62", "nbpi-20", "price-8"] {
            assert!(!cited.contains(&fee_rule), "{fee_rule} in {cited:?}");
        }
    }
}
