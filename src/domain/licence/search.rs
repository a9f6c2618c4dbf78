//! Registry search: ranked matching on licence number, name and aliases, and the honest
//! "not found" with the list it was searched in.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use super::{normalise_name, Licence, LicenceNoError, LicenceNumber, LicenceRegistry};
use crate::domain::text::{fold_width, Bilingual, Source};

/// The data set the registry comes from, by name and (when known) as-of date. Its provenance is
/// `sources/README.md`.
/// The built-in list's citation before the list itself has loaded: its as-of date is the
/// `licences` data set's (compiled in), which a test holds equal to the shipped file's.
pub fn builtin_list_citation() -> Source {
    licence_list(
        crate::domain::datasets::licences_as_of()
            .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok()),
    )
}

fn licence_list(as_of: Option<NaiveDate>) -> Source {
    match as_of {
        Some(d) => Source::new(
            format!(
                "中国人民银行 已获许可机构（支付机构）名单，截至{}年{}月{}日",
                d.year(),
                d.month(),
                d.day()
            ),
            format!(
                "PBoC list of licensed payment institutions (已获许可机构（支付机构）), as of {d}"
            ),
        ),
        None => Source::new(
            "中国人民银行 已获许可机构（支付机构）名单",
            "PBoC list of licensed payment institutions (已获许可机构（支付机构）)",
        ),
    }
}

/// Which field a hit matched on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MatchedField {
    LicenceNumber,
    Name,
    /// A former legal name or a brand/short name from `short_names`.
    Alias,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SearchHit<'a> {
    pub licence: &'a Licence,
    pub matched: MatchedField,
    /// The name or alias that matched, as in the data.
    pub matched_text: String,
    /// Higher is better; only meaningful for ordering.
    pub score: u8,
}

/// An honest "nothing matched": the list is a snapshot, so absence is not proof of anything.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NotFound {
    pub as_of: Option<NaiveDate>,
    /// Headline plus the possible meanings, most specific first.
    pub explanations: Vec<Bilingual>,
    pub source: Source,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum SearchOutcome<'a> {
    Found(Vec<SearchHit<'a>>),
    NotFound(NotFound),
    /// The query looks like a licence number but fails the format or check digit.
    InvalidLicenceNo(LicenceNoError),
    /// Fewer than 2 characters after normalisation: would match almost everything.
    QueryTooShort,
}

/// Most hits a search returns.
pub const MAX_HITS: usize = 10;

impl LicenceRegistry {
    /// The list by name and as-of date, as the page names the list in use:
    /// "中国人民银行 已获许可机构（支付机构）名单，截至2026年10月2日".
    pub fn list_citation(&self) -> Source {
        licence_list(self.as_of)
    }

    /// Ranked search: exact number; then exact, prefix, substring matches on the full name before
    /// aliases; a query that *contains* a name (a whole slip line such as
    /// `收单机构：拉卡拉支付股份有限公司`) also matches. Ties: listed licences first, then serial.
    pub fn search(&self, query: &str) -> SearchOutcome<'_> {
        let compact: String = query
            .chars()
            .map(fold_width)
            .filter(|c| !c.is_whitespace())
            .map(|c| c.to_ascii_uppercase())
            .collect();
        let looks_like_number =
            compact.starts_with("Z2") && compact.chars().skip(1).all(|c| c.is_ascii_digit());
        if looks_like_number && compact.len() >= 14 {
            return match LicenceNumber::parse(&compact) {
                Err(e) => SearchOutcome::InvalidLicenceNo(e),
                Ok(n) => match self.licences.iter().find(|l| l.number == n) {
                    Some(l) => SearchOutcome::Found(vec![SearchHit {
                        licence: l,
                        matched: MatchedField::LicenceNumber,
                        matched_text: l.number.as_str().to_string(),
                        score: 100,
                    }]),
                    None => SearchOutcome::NotFound(self.not_found(query)),
                },
            };
        }
        if looks_like_number && compact.len() >= 6 {
            let hits: Vec<SearchHit> = self
                .licences
                .iter()
                .filter(|l| l.number.as_str().starts_with(&compact))
                .map(|l| SearchHit {
                    licence: l,
                    matched: MatchedField::LicenceNumber,
                    matched_text: l.number.as_str().to_string(),
                    score: 80,
                })
                .take(MAX_HITS)
                .collect();
            return if hits.is_empty() {
                SearchOutcome::NotFound(self.not_found(query))
            } else {
                SearchOutcome::Found(hits)
            };
        }
        let key = normalise_name(query);
        if key.chars().count() < 2 {
            return SearchOutcome::QueryTooShort;
        }
        let mut hits: Vec<SearchHit> = self
            .licences
            .iter()
            .filter_map(|l| score(l, &key))
            .collect();
        hits.sort_by(|a, b| {
            b.score
                .cmp(&a.score)
                .then(a.licence.status.rank().cmp(&b.licence.status.rank()))
                .then(a.licence.number.serial().cmp(&b.licence.number.serial()))
        });
        hits.truncate(MAX_HITS);
        if hits.is_empty() {
            SearchOutcome::NotFound(self.not_found(query))
        } else {
            SearchOutcome::Found(hits)
        }
    }

    fn not_found(&self, query: &str) -> NotFound {
        let as_of = self.as_of_text();
        let mut explanations = vec![Bilingual::new(
            format!("截至{as_of}的许可证名单中没有找到“{query}”。这不等于“无牌”，可能是："),
            format!("“{query}” was not found in the licence list as of {as_of}. That does not mean “unlicensed”; it may be:"),
        )];
        if query.contains("收钱吧") {
            explanations.push(Bilingual::new(
                "收钱吧不是持牌机构名称，它通过哪家持牌收单机构清算无法从现有资料核实。请看签购单上印的“收单机构”。",
                "收钱吧 is not a licence holder name; which licensed acquirer it routes through could not be verified. Look for the “收单机构” (acquirer) printed on the slip.",
            ));
        }
        if query.contains("银行") {
            explanations.push(Bilingual::new(
                "本名单只收录非银行支付机构；银行（如建设银行）做收单不在这份名单里。",
                "This list covers only non-bank payment institutions; a bank acting as acquirer (e.g. 建设银行) is not in it.",
            ));
        }
        explanations.extend([
            Bilingual::new(
                "代理商、服务商或聚合品牌名（不是持牌机构的法定名称）：请按签购单或微信/支付宝账单上的“收单机构”名称查。",
                "A reseller, agent or aggregator brand rather than the licensee's legal name: search for the “收单机构” name on the slip or the WeChat/Alipay receipt.",
            ),
            Bilingual::new("名称或编号抄写有误：请核对后再查。", "A typo in the name or number: check and search again."),
            Bilingual::new(
                format!("{as_of}之后新发或变更的许可证：本名单不含此后的变化。"),
                format!("A licence issued or renamed after {as_of}: later changes are not in this list."),
            ),
            Bilingual::new(
                "本名单只收录非银行支付机构，银行不在其中。",
                "The list covers non-bank payment institutions only; banks are not in it.",
            ),
        ]);
        NotFound {
            as_of: self.as_of,
            explanations,
            source: licence_list(self.as_of),
        }
    }
}

fn score<'a>(licence: &'a Licence, key: &str) -> Option<SearchHit<'a>> {
    let hit = |matched, text: &str, score| SearchHit {
        licence,
        matched,
        matched_text: text.to_string(),
        score,
    };
    let name = &licence.name_key;
    let mut best: Option<SearchHit> = None;
    let mut consider = |candidate: SearchHit<'a>| {
        if best.as_ref().is_none_or(|b| candidate.score > b.score) {
            best = Some(candidate);
        }
    };
    if name == key {
        consider(hit(MatchedField::Name, &licence.name, 100));
    } else if name.starts_with(key) {
        consider(hit(MatchedField::Name, &licence.name, 80));
    } else if name.contains(key) {
        consider(hit(MatchedField::Name, &licence.name, 60));
    } else if name.chars().count() >= 2 && key.contains(name.as_str()) {
        consider(hit(MatchedField::Name, &licence.name, 55));
    }
    for (alias, alias_key) in licence.aliases.iter().zip(&licence.alias_keys) {
        if alias_key.is_empty() {
            continue;
        }
        if alias_key == key {
            consider(hit(MatchedField::Alias, alias, 90));
        } else if alias_key.starts_with(key) {
            consider(hit(MatchedField::Alias, alias, 70));
        } else if alias_key.contains(key) {
            consider(hit(MatchedField::Alias, alias, 50));
        } else if alias_key.chars().count() >= 2 && key.contains(alias_key.as_str()) {
            consider(hit(MatchedField::Alias, alias, 45));
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::datasets::source_files;
    use crate::domain::licence::test_support::*;
    use crate::domain::licence::Status;

    #[test]
    fn the_citation_shown_while_loading_is_the_one_the_loaded_list_shows() {
        assert_eq!(builtin_list_citation(), registry().list_citation());
        assert!(builtin_list_citation().zh.contains("截至"));
    }

    #[test]
    fn lakala_is_found_first_with_number_and_acquiring() {
        let reg = registry();
        let found = hits(reg.search("拉卡拉"));
        let top = found[0].licence;
        assert_eq!(top.name, "拉卡拉支付股份有限公司");
        assert_eq!(top.number.as_str(), "Z2002511000017");
        assert_eq!(top.status, Status::Valid);
        let acq = top.acquiring().expect("acquiring");
        assert!(acq.currently_allowed);
        assert_eq!(acq.business_type.raw, "支付交易处理Ⅰ类（除宁波市以外地区）");
        // The whole slip line also finds it.
        let slip = hits(reg.search("收单机构：拉卡拉支付股份有限公司"));
        assert_eq!(slip[0].licence.number.as_str(), "Z2002511000017");
        // And the number.
        let by_no = hits(reg.search("z2002511000017"));
        assert_eq!(by_no[0].matched, MatchedField::LicenceNumber);
    }

    #[test]
    fn former_name_and_brand_aliases_match() {
        let reg = registry();
        let found = hits(reg.search("北京拉卡拉网络技术有限公司"));
        assert_eq!(found[0].licence.number.as_str(), "Z2002511000017");
        assert_eq!(found[0].matched, MatchedField::Alias);
        let wx = hits(reg.search("微信支付"));
        assert_eq!(wx[0].licence.name, "财付通支付科技有限公司");
    }

    #[test]
    fn unknown_name_is_not_found_as_of_date_never_unlicensed() {
        let reg = registry();
        let SearchOutcome::NotFound(nf) = reg.search("收钱吧") else {
            panic!("收钱吧 must not match")
        };
        assert_eq!(nf.as_of, source_as_of());
        assert!(nf.explanations[0]
            .zh
            .contains(&source_files::as_of("payment-licences.csv")));
        assert_eq!(nf.source.citation_problems(), Vec::<String>::new());
        assert_eq!(reg.list_citation(), nf.source);
        let as_of = source_as_of().unwrap();
        assert_eq!(
            reg.list_citation().zh,
            format!(
                "中国人民银行 已获许可机构（支付机构）名单，截至{}年{}月{}日",
                as_of.year(),
                as_of.month(),
                as_of.day()
            )
        );
        assert!(nf.explanations[0].zh.contains("不等于“无牌”"));
        assert!(nf.explanations[1].zh.contains("收钱吧不是持牌机构"));
        assert!(nf.explanations.iter().all(Bilingual::is_complete));
        assert!(matches!(
            reg.search("Z2002511000016"),
            SearchOutcome::InvalidLicenceNo(_)
        ));
        assert!(matches!(reg.search("拉"), SearchOutcome::QueryTooShort));
    }
}
