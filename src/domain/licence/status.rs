//! Status and verdicts: a licence's status, validity date, their labels and tone, the status
//! note, bank-card acquiring capability and the POS verdict.

use chrono::NaiveDate;
use serde::Serialize;

use super::{parse_scope, BusinessType, Licence, LicenceRegistry, Scope};
use crate::domain::text::{Bilingual, Source};

/// Status as of the dataset date (sources/README.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Valid,
    ExpiredListed,
    Cancelled,
    NotRenewed,
    Merged,
    NotListed,
    Revoked,
}

impl Status {
    pub fn parse(text: &str) -> Option<Status> {
        Some(match text.trim() {
            "valid" => Status::Valid,
            "expired_listed" => Status::ExpiredListed,
            "cancelled" => Status::Cancelled,
            "not_renewed" => Status::NotRenewed,
            "merged" => Status::Merged,
            "not_listed" => Status::NotListed,
            "revoked" => Status::Revoked,
            _ => return None,
        })
    }

    /// Still on the PBoC list of licensed institutions at the as-of date.
    pub fn is_listed(self) -> bool {
        matches!(self, Status::Valid | Status::ExpiredListed)
    }

    /// The short status label (the tag next to a licence's name).
    pub fn label(self) -> Bilingual {
        let (zh, en) = match self {
            Status::Valid => ("有效", "valid"),
            Status::ExpiredListed => ("在名单上但已过期", "listed but expired"),
            Status::Cancelled => ("已注销", "cancelled"),
            Status::NotRenewed => ("未续展", "not renewed"),
            Status::Merged => ("已合并", "merged"),
            Status::NotListed => ("已不在最新名单", "missing from the latest list"),
            Status::Revoked => ("已吊销", "revoked"),
        };
        Bilingual::new(zh, en)
    }

    /// How the status reads for a merchant: a valid licence is good; still listed but expired,
    /// or gone without a notice, is unclear; cancelled, not renewed, merged or revoked is bad.
    pub fn tone(self) -> Tone {
        match self {
            Status::Valid => Tone::Good,
            Status::ExpiredListed | Status::NotListed => Tone::Unclear,
            _ => Tone::Bad,
        }
    }

    /// Ordering for search ties: current licences first.
    pub(super) fn rank(self) -> u8 {
        match self {
            Status::Valid => 0,
            Status::ExpiredListed => 1,
            Status::NotListed => 2,
            _ => 3,
        }
    }
}

/// How a verdict reads for the merchant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Tone {
    Good,
    Unclear,
    Bad,
}

/// `有效期至` as PBoC lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum ValidUntil {
    /// Empty in the data (usual for gone licences).
    Unknown,
    /// `长期`: re-issued under the 2024 regulation.
    LongTerm,
    Date(NaiveDate),
    /// `2024-07-09（过渡期至2025-07-09）`.
    WithTransition {
        until: NaiveDate,
        transition_until: NaiveDate,
    },
}

impl ValidUntil {
    /// `有效期至` as the page shows it.
    pub fn label(&self) -> Bilingual {
        match self {
            ValidUntil::Unknown => Bilingual::new("（名单未列）", "(not listed)"),
            ValidUntil::LongTerm => Bilingual::new("长期", "long-term (长期)"),
            ValidUntil::Date(d) => Bilingual::new(d.to_string(), d.to_string()),
            ValidUntil::WithTransition {
                until,
                transition_until,
            } => Bilingual::new(
                format!("{until}（过渡期至{transition_until}）"),
                format!("{until} (transition until {transition_until})"),
            ),
        }
    }
}

/// Bank-card acquiring capability of a licence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Acquiring<'a> {
    /// The business type that grants it, as in the data.
    pub business_type: &'a BusinessType,
    /// Where it may be done: the bracket scope, else the licence's coverage.
    pub scope: Scope,
    /// True only for `valid` licences; `expired_listed` is uncertain, gone licences cannot acquire.
    pub currently_allowed: bool,
    pub explanation: Bilingual,
    pub source: Source,
}

/// Status explanation for the UI.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StatusNote {
    pub status: Status,
    pub date: Option<NaiveDate>,
    pub text: Bilingual,
    pub source: Source,
}

impl Licence {
    /// What the status means, with the date and (for merges) the target.
    pub fn status_note(&self, registry: &LicenceRegistry) -> StatusNote {
        let as_of = registry.as_of_text();
        let date_zh = self
            .status_date
            .map(|d| format!("（{d}）"))
            .unwrap_or_default();
        let date_en = self
            .status_date
            .map(|d| format!(" on {d}"))
            .unwrap_or_default();
        let text = match self.status {
            Status::Valid => Bilingual::new(
                format!("截至{as_of}，在人民银行已获许可机构名单上，许可证有效。"),
                format!("On the PBoC list of licensed institutions as of {as_of}; licence valid."),
            ),
            Status::ExpiredListed => Bilingual::new(
                format!("截至{as_of}仍在名单上，但所列有效期已过：续展/换证可能仍在审查或已中止。许可状态不确定，请谨慎。"),
                format!("Still listed as of {as_of}, but the listed expiry date has passed: renewal is pending or suspended. Licence status uncertain — be careful."),
            ),
            Status::Cancelled => Bilingual::new(
                format!("许可证已注销{date_zh}。"),
                format!("Licence cancelled{date_en}."),
            ),
            Status::NotRenewed => Bilingual::new(
                format!("许可证未获续展（或未申请续展）后注销{date_zh}。"),
                format!("Licence not renewed (or no renewal applied for), then cancelled{date_en}."),
            ),
            Status::Merged => {
                let target = self.merged_into.as_ref().map(|n| {
                    let name = registry.by_number(n.as_str()).map(|l| l.name.as_str()).unwrap_or("");
                    (n.as_str().to_string(), name.to_string())
                });
                match target {
                    Some((no, name)) => Bilingual::new(
                        format!("业务已并入 {name}（{no}），本许可证注销{date_zh}。"),
                        format!("Business merged into {name} ({no}); this licence was cancelled{date_en}."),
                    ),
                    None => Bilingual::new(
                        format!("业务已并入其他持牌机构，本许可证注销{date_zh}。"),
                        format!("Business merged into another licensee; this licence was cancelled{date_en}."),
                    ),
                }
            }
            Status::NotListed => Bilingual::new(
                format!("2022-11-29 的名单上有，{as_of} 的名单上没有，但未找到注销公告：几乎可以肯定已注销，但未经确认。"),
                format!("On the 2022-11-29 list but not on the {as_of} list, and no cancellation notice was found: almost certainly cancelled, but not confirmed."),
            ),
            Status::Revoked => Bilingual::new(
                format!("许可证被吊销{date_zh}。"),
                format!("Licence revoked{date_en}."),
            ),
        };
        StatusNote {
            status: self.status,
            date: self.status_date,
            text,
            source: Source::new("中国人民银行 已获许可机构（支付机构）名单，以及每条记录所列的注销、续展公告和新闻报道", "PBoC list of licensed payment institutions (已获许可机构（支付机构）), and the cancellation and renewal notices and news reports listed for each row"),
        }
    }

    /// Bank-card acquiring capability, if the business types include it (sources/README.md).
    pub fn acquiring(&self) -> Option<Acquiring<'_>> {
        let business_type = self.business_types.iter().find(|b| b.is_card_acquiring())?;
        let scope = match &business_type.scope_text {
            Some(text) => parse_scope(text),
            None => self.coverage.clone(),
        };
        let currently_allowed = self.status == Status::Valid;
        let explanation = match self.status {
            Status::Valid => Bilingual::new(
                format!("可以做银行卡收单（业务类型“{}”）。", business_type.raw),
                format!("May do bank-card acquiring (business type “{}”).", business_type.raw),
            ),
            Status::ExpiredListed => Bilingual::new(
                format!("业务类型含“{}”，但许可证有效期已过、续展未决：收单资格不确定。", business_type.raw),
                format!("Business types include “{}”, but the licence has passed its expiry with renewal undecided: acquiring status uncertain.", business_type.raw),
            ),
            _ => Bilingual::new(
                format!("曾有收单业务（“{}”），但许可证已不在名单上，不能再做收单。", business_type.raw),
                format!("Once had acquiring (“{}”), but the licence is no longer listed, so it cannot acquire now.", business_type.raw),
            ),
        };
        Some(Acquiring {
            business_type,
            scope,
            currently_allowed,
            explanation,
            source: Source::new("中国人民银行 已获许可机构（支付机构）名单；《非银行支付机构监督管理条例实施细则》（中国人民银行令〔2024〕第4号）第五十五条（原“银行卡收单”业务即“支付交易处理Ⅰ类”）", "PBoC list of licensed payment institutions (已获许可机构（支付机构）); Implementing Rules of the Regulations on Non-bank Payment Institutions 《非银行支付机构监督管理条例实施细则》 (PBoC Order〔2024〕No. 4), Art. 55 (the former 银行卡收单 business is now 支付交易处理Ⅰ类)"),
        })
    }
}

/// May this company be the acquirer behind a POS terminal? The plain statement for the merchant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PosVerdict {
    pub tone: Tone,
    pub text: Bilingual,
    pub sources: Vec<Source>,
    /// Letters that fit, as `/letters/<kind>` kinds.
    pub letters: Vec<&'static str>,
}

impl Licence {
    /// The POS statement: from the acquiring business type and the status. Without acquiring,
    /// or once the licence cannot acquire any more, the letters are a PBoC complaint and a
    /// 12315 report; while it may acquire, a letter to the acquirer.
    pub fn pos_verdict(&self, registry: &LicenceRegistry) -> PosVerdict {
        let note = self.status_note(registry);
        match self.acquiring() {
            None => PosVerdict {
                tone: Tone::Bad,
                text: if self.status.is_listed() {
                    Bilingual::new(
                        "这家公司有支付许可证，但业务类型里没有银行卡收单（银行卡收单/支付交易处理Ⅰ类）：它不能作为 POS 机的收单机构。",
                        "This company holds a payment licence, but not for bank-card acquiring (银行卡收单 / 支付交易处理Ⅰ类): it may not be the acquirer behind a POS terminal.",
                    )
                } else {
                    Bilingual::new(
                        "这家公司没有银行卡收单业务，许可证也已不在名单上：不能作为 POS 机的收单机构。",
                        "This company has no bank-card acquiring and its licence is no longer listed: it may not be the acquirer behind a POS terminal.",
                    )
                },
                sources: vec![note.source],
                letters: vec!["pboc", "report-12315"],
            },
            Some(a) => PosVerdict {
                tone: if a.currently_allowed {
                    Tone::Good
                } else if self.status == Status::ExpiredListed {
                    Tone::Unclear
                } else {
                    Tone::Bad
                },
                text: a.explanation,
                sources: vec![a.source, note.source],
                letters: if a.currently_allowed {
                    vec!["acquirer"]
                } else {
                    vec!["pboc", "report-12315"]
                },
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::datasets::source_files;
    use crate::domain::licence::test_support::*;
    use crate::domain::licence::MerchantRegion;

    fn shipped() -> LicenceRegistry {
        LicenceRegistry::parse(include_str!("../../../public/data/licences.csv"))
            .expect("shipped list parses")
    }

    /// Every verdict's source names the data set or the article, never a file or repository.
    #[test]
    fn every_licence_verdict_cites_a_checkable_source() {
        let reg = registry();
        let region = MerchantRegion {
            province: "浙江省".into(),
            city: Some("杭州市".into()),
        };
        for l in &reg.licences {
            assert_eq!(
                l.status_note(&reg).source.citation_problems(),
                Vec::<String>::new()
            );
            if let Some(acquiring) = l.acquiring() {
                assert_eq!(acquiring.source.citation_problems(), Vec::<String>::new());
                let coverage = l.acquiring_coverage(&region).unwrap();
                assert_eq!(coverage.source.citation_problems(), Vec::<String>::new());
            }
        }
    }

    #[test]
    fn cancelled_licence_shows_cancelled_with_date() {
        let reg = registry();
        let found = hits(reg.search("北京银联商务有限公司"));
        let l = found[0].licence;
        assert_eq!(l.number.as_str(), "Z2001611000018");
        let note = l.status_note(&reg);
        assert_eq!(note.status, Status::Cancelled);
        assert_eq!(note.date, NaiveDate::from_ymd_opt(2024, 11, 11));
        assert!(note.text.zh.contains("已注销") && note.text.zh.contains("2024-11-11"));
        let acq = l.acquiring().expect("had acquiring");
        assert!(!acq.currently_allowed);
    }

    #[test]
    fn merged_licence_names_its_target() {
        let reg = registry();
        let l = reg.by_number("Z2001731000013").unwrap();
        assert_eq!(l.status, Status::Merged);
        let note = l.status_note(&reg);
        assert!(note.text.zh.contains("Z2010131000010"), "{}", note.text.zh);
        assert!(note.text.zh.contains("杉德支付网络服务发展有限公司"));
    }

    #[test]
    fn acquiring_counts_match_the_generator() {
        let reg = registry();
        let acq = |pred: fn(Status) -> bool| {
            reg.licences
                .iter()
                .filter(|l| l.acquiring().is_some() && pred(l.status))
                .count()
        };
        // scripts/gen-licences.py counts the same from the source CSV, in Python.
        let meta = |key| source_files::meta_count(&["acquiring", key]);
        assert_eq!(acq(|s| s == Status::Valid), meta("valid"));
        assert_eq!(acq(Status::is_listed), meta("listed"));
        assert_eq!(acq(|_| true), meta("ever"));
    }

    fn first<'a>(
        reg: &'a LicenceRegistry,
        what: &str,
        pick: impl Fn(&Licence) -> bool,
    ) -> &'a Licence {
        reg.licences
            .iter()
            .find(|l| pick(l))
            .unwrap_or_else(|| panic!("the shipped list has {what}"))
    }

    #[test]
    fn every_status_has_its_own_label_and_tone() {
        let all = [
            Status::Valid,
            Status::ExpiredListed,
            Status::Cancelled,
            Status::NotRenewed,
            Status::Merged,
            Status::NotListed,
            Status::Revoked,
        ];
        let labels: std::collections::HashSet<String> = all.iter().map(|s| s.label().zh).collect();
        assert_eq!(labels.len(), all.len());
        assert!(all.iter().all(|s| s.label().is_complete()));
        assert_eq!(Status::Valid.label(), Bilingual::new("有效", "valid"));
        assert_eq!(
            Status::NotListed.label(),
            Bilingual::new("已不在最新名单", "missing from the latest list")
        );
        let tones: Vec<Tone> = all.iter().map(|s| s.tone()).collect();
        use Tone::*;
        assert_eq!(tones, [Good, Unclear, Bad, Bad, Bad, Unclear, Bad]);
    }

    #[test]
    fn valid_until_reads_as_listed() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        assert_eq!(
            ValidUntil::Unknown.label(),
            Bilingual::new("（名单未列）", "(not listed)")
        );
        assert_eq!(
            ValidUntil::LongTerm.label(),
            Bilingual::new("长期", "long-term (长期)")
        );
        assert_eq!(
            ValidUntil::Date(d("2026-05-03")).label(),
            Bilingual::new("2026-05-03", "2026-05-03")
        );
        assert_eq!(
            ValidUntil::WithTransition {
                until: d("2024-07-09"),
                transition_until: d("2025-07-09")
            }
            .label(),
            Bilingual::new(
                "2024-07-09（过渡期至2025-07-09）",
                "2024-07-09 (transition until 2025-07-09)"
            )
        );
    }

    #[test]
    fn a_valid_acquirer_may_run_the_pos() {
        let reg = shipped();
        let l = first(&reg, "a valid acquirer", |l| {
            l.status == Status::Valid && l.acquiring().is_some()
        });
        let v = l.pos_verdict(&reg);
        assert_eq!(v.tone, Tone::Good);
        assert_eq!(v.text, l.acquiring().unwrap().explanation);
        assert_eq!(v.letters, ["acquirer"]);
        assert_eq!(
            v.sources,
            [l.acquiring().unwrap().source, l.status_note(&reg).source]
        );
    }

    #[test]
    fn an_expired_acquirer_is_unclear_and_a_gone_one_is_bad() {
        let reg = shipped();
        let expired = first(&reg, "an expired acquirer", |l| {
            l.status == Status::ExpiredListed && l.acquiring().is_some()
        });
        let v = expired.pos_verdict(&reg);
        assert_eq!(v.tone, Tone::Unclear);
        assert_eq!(v.letters, ["pboc", "report-12315"]);
        let gone = first(&reg, "a cancelled acquirer", |l| {
            l.status == Status::Cancelled && l.acquiring().is_some()
        });
        let v = gone.pos_verdict(&reg);
        assert_eq!(v.tone, Tone::Bad);
        assert_eq!(v.text, gone.acquiring().unwrap().explanation);
        assert_eq!(v.letters, ["pboc", "report-12315"]);
    }

    #[test]
    fn a_licence_without_acquiring_may_not_run_a_pos() {
        let reg = shipped();
        let listed = first(&reg, "a listed licence without acquiring", |l| {
            l.status.is_listed() && l.acquiring().is_none()
        });
        let v = listed.pos_verdict(&reg);
        assert_eq!(v.tone, Tone::Bad);
        assert!(
            v.text
                .zh
                .starts_with("这家公司有支付许可证，但业务类型里没有银行卡收单"),
            "{}",
            v.text.zh
        );
        assert!(v
            .text
            .en
            .ends_with("it may not be the acquirer behind a POS terminal."));
        assert_eq!(v.sources, [listed.status_note(&reg).source]);
        assert_eq!(v.letters, ["pboc", "report-12315"]);
        let gone = first(&reg, "a gone licence without acquiring", |l| {
            !l.status.is_listed() && l.acquiring().is_none()
        });
        let v = gone.pos_verdict(&reg);
        assert_eq!(v.tone, Tone::Bad);
        assert_eq!(
            v.text.zh,
            "这家公司没有银行卡收单业务，许可证也已不在名单上：不能作为 POS 机的收单机构。"
        );
    }
}
