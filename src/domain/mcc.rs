//! Merchant category codes (MCC) and the 跳码/套码 check.
//!
//! Data: `data/mcc.json`: MCC names from public source code of acquirer systems and the ISO 18245
//! list, each entry with its citation. The post-2016 bucket (标准/优惠/减免/特殊) is an industry
//! list and is always reported as UNCONFIRMED.
//!
//! Public API:
//! - [`MccTable::builtin`] — the table compiled into the app; [`MccTable::from_json`] for tests.
//! - [`MccTable::lookup`] — code → [`MccEntry`] (name may be missing for bucket-only codes).
//! - [`MccTable::business_kinds`] — the kinds of business the UI offers ("restaurant", …).
//! - [`MccTable::check`] — does the MCC on the slip fit the merchant's real business? →
//!   [`MccCheck`] with a [`MccVerdict`], bilingual reasons and sources. Unknown codes are reported
//!   as "not in our table", never guessed.

use serde::{Deserialize, Serialize};

use super::text::{Bilingual, Source};

const BUILTIN_JSON: &str = include_str!("../../data/mcc.json");

/// Post-2016 fee bucket as industry lists give it (UNCONFIRMED).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FeeBucket {
    /// 标准类.
    Standard,
    /// 优惠类: lower issuer/network fees (supermarkets, fuel, utilities, transport).
    Discounted,
    /// 减免类: issuer/network fees waived (non-profit hospitals, schools, …).
    Exempt,
    /// "特殊类" in the industry list.
    Special,
}

impl FeeBucket {
    pub fn label(self) -> Bilingual {
        match self {
            FeeBucket::Standard => Bilingual::new("标准类", "standard"),
            FeeBucket::Discounted => Bilingual::new("优惠类", "discounted"),
            FeeBucket::Exempt => Bilingual::new("减免类", "exempt"),
            FeeBucket::Special => Bilingual::new("特殊类", "special"),
        }
    }

    /// Buckets whose lower issuer/network fees make them the target of 跳码.
    pub fn is_lower_fee(self) -> bool {
        !matches!(self, FeeBucket::Standard)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MccEntry {
    pub code: String,
    /// Chinese acquirer-list name and ISO/Visa name; `None` for codes the sources list only by number.
    pub name: Option<Bilingual>,
    /// Merchant rate under the 2013 regime, as one onboarding listing configured it (history only).
    pub old_rate_2013: Option<String>,
    pub bucket_2016: Option<FeeBucket>,
    pub source: Source,
}

/// A kind of business the merchant can say they run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BusinessKind {
    /// Stable id for the UI and storage, e.g. `restaurant`.
    pub id: String,
    pub name: Bilingual,
    /// MCCs that fit this business (our grouping of the MCC names).
    pub mccs: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MccTable {
    pub codes: Vec<MccEntry>,
    pub business_kinds: Vec<BusinessKind>,
    /// Source of every `bucket_2016` value.
    pub bucket_source: Source,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MccVerdict {
    /// The MCC is one of those that fit the business.
    Matches,
    /// The business is a supermarket and the MCC is 5411, which Chinese acquirer lists reserve
    /// for large warehouse supermarkets: it fits only a large store; on a small shop it is the
    /// typical 跳码 target.
    MatchesOnlyIfLarge,
    /// The MCC is for another business: possible 跳码.
    Mismatch,
    /// As `Mismatch`, and the MCC is in a lower-fee bucket: the typical 跳码/套码 pattern.
    MismatchLowerFee,
    /// Not a 4-digit code.
    NotAnMcc,
    /// A 4-digit code our table does not have: we say so rather than guess.
    NotInTable,
    /// The business kind id is not one we offer.
    UnknownBusinessKind,
}

impl MccVerdict {
    /// True when the UI should raise the 跳码 warning.
    pub fn is_possible_jump_code(self) -> bool {
        matches!(self, MccVerdict::Mismatch | MccVerdict::MismatchLowerFee)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MccCheck {
    pub verdict: MccVerdict,
    pub entry: Option<MccEntry>,
    /// Reasons in reading order, each with its source.
    pub reasons: Vec<(Bilingual, Source)>,
}

impl MccTable {
    /// The table compiled into the app. The JSON is checked by a unit test, so this cannot fail
    /// at run time; it falls back to an empty table rather than panic.
    pub fn builtin() -> MccTable {
        Self::from_json(BUILTIN_JSON).unwrap_or_else(|_| MccTable {
            codes: Vec::new(),
            business_kinds: Vec::new(),
            bucket_source: Source::default(),
        })
    }

    pub fn from_json(json: &str) -> Result<MccTable, serde_json::Error> {
        serde_json::from_str(json)
    }

    pub fn lookup(&self, code: &str) -> Option<&MccEntry> {
        self.codes.iter().find(|e| e.code == code.trim())
    }

    pub fn business_kind(&self, id: &str) -> Option<&BusinessKind> {
        self.business_kinds.iter().find(|k| k.id == id)
    }

    /// Compares the MCC on the slip with the merchant's real business.
    pub fn check(&self, business_kind_id: &str, mcc: &str) -> MccCheck {
        let mcc = mcc.trim();
        let result = |verdict, entry: Option<&MccEntry>, reasons| MccCheck {
            verdict,
            entry: entry.cloned(),
            reasons,
        };
        let Some(kind) = self.business_kind(business_kind_id) else {
            return result(
                MccVerdict::UnknownBusinessKind,
                None,
                vec![(
                    Bilingual::new(
                        "请选择您的经营类别。",
                        "Please choose your kind of business.",
                    ),
                    Source::default(),
                )],
            );
        };
        if mcc.len() != 4 || !mcc.bytes().all(|b| b.is_ascii_digit()) {
            return result(
                MccVerdict::NotAnMcc,
                None,
                vec![(
                    Bilingual::new(
                        format!("“{mcc}”不是4位数字的商户类别码（MCC）。"),
                        format!("“{mcc}” is not a 4-digit merchant category code (MCC)."),
                    ),
                    Source::new("中国人民银行《支付机构现场检查手册》第二节 特约商户管理", "PBoC inspection manual for payment institutions 《支付机构现场检查手册》, section 2 (特约商户管理, merchant management)"),
                )],
            );
        }
        let Some(entry) = self.lookup(mcc) else {
            return result(
                MccVerdict::NotInTable,
                None,
                vec![(
                    Bilingual::new(
                        format!("MCC {mcc} 不在我们的表里，无法判断它是否符合您的经营。可以向收单机构询问它代表什么。"),
                        format!("MCC {mcc} is not in our table, so we cannot tell whether it fits your business. Ask your acquirer what it stands for."),
                    ),
                    Source::unconfirmed("收单机构商户入网系统的公开源代码（本表只收录常见 MCC）", "public source code of acquirers' merchant onboarding systems (this table has common MCCs only)"),
                )],
            );
        };
        let name = entry
            .name
            .clone()
            .unwrap_or_else(|| Bilingual::new("（名称未收录）", "(name not in our sources)"));
        let kind_name = &kind.name;
        if mcc == LARGE_STORE_MCC && kind.mccs.iter().any(|c| c == mcc) {
            return result(
                MccVerdict::MatchesOnlyIfLarge,
                Some(entry),
                vec![
                    (
                        Bilingual::new(
                            format!("MCC {mcc}（{}）只适合大型的“{}”。", name.zh, kind_name.zh),
                            format!(
                                "MCC {mcc} ({}) fits “{}” only for a large store.",
                                name.en, kind_name.en
                            ),
                        ),
                        entry.source.clone(),
                    ),
                    large_store_reason(),
                ],
            );
        }
        if kind.mccs.iter().any(|c| c == mcc) {
            return result(
                MccVerdict::Matches,
                Some(entry),
                vec![(
                    Bilingual::new(
                        format!("MCC {mcc}（{}）符合“{}”。", name.zh, kind_name.zh),
                        format!("MCC {mcc} ({}) fits “{}”.", name.en, kind_name.en),
                    ),
                    entry.source.clone(),
                )],
            );
        }
        let expected = kind.mccs.join("/");
        let mut reasons = vec![
            (
                Bilingual::new(
                    format!("签购单上的 MCC {mcc} 是“{}”，而您的经营是“{}”（通常为 {expected}）。", name.zh, kind_name.zh),
                    format!("The slip's MCC {mcc} is “{}”, but your business is “{}” (usually {expected}).", name.en, kind_name.en),
                ),
                entry.source.clone(),
            ),
            (
                Bilingual::new(
                    "收单机构设定的商户类别码应与商户主营业务一致；MCC 不符是“跳码/套码”的迹象（套码：套用其他商户类别以享受低手续费率）。",
                    "The acquirer sets the MCC to match the merchant's main business; a mismatch is a sign of 跳码/套码 (using another category's code to get lower fees).",
                ),
                Source::new("中国人民银行《支付机构现场检查手册》第二节 特约商户管理；中国支付清算协会《行业风险信息共享管理办法》（二十五）“套码”的定义", "PBoC inspection manual for payment institutions 《支付机构现场检查手册》, section 2 (特约商户管理, merchant management); PCAC rules on sharing industry risk information 《行业风险信息共享管理办法》, definition (25) 套码 (using another category's code)"),
            ),
        ];
        if mcc == LARGE_STORE_MCC {
            reasons.push(large_store_reason());
        }
        let lower_fee = entry.bucket_2016.is_some_and(FeeBucket::is_lower_fee);
        if let (true, Some(bucket)) = (lower_fee, entry.bucket_2016) {
            let label = bucket.label();
            reasons.push((
                Bilingual::new(
                    format!("MCC {mcc} 在行业清单中属于{}：发卡行和网络服务费更低，而商户往往仍按标准费率付费，差额被截留——这是典型的跳码模式。", label.zh),
                    format!("Industry lists put MCC {mcc} in the {} bucket: lower issuer and network fees while the merchant often still pays the standard rate, and the difference is kept — the typical 跳码 pattern.", label.en),
                ),
                self.bucket_source.clone(),
            ));
        }
        reasons.push((
            Bilingual::new(
                "MCC 不符可作为向收单机构或人民银行投诉的证据，但本身不能证明欺诈。请同时核对签购单上的商户名称是否为您自己的。",
                "A mismatching MCC is evidence for a complaint to the acquirer or the PBoC, not proof of fraud by itself. Also check that the merchant name on the slip is your own.",
            ),
            Source::new("本应用的说明，依据：中国人民银行《支付机构现场检查手册》第二节 特约商户管理；中国支付清算协会《行业风险信息共享管理办法》（二十五）“套码”的定义", "our explanation, based on: PBoC inspection manual for payment institutions 《支付机构现场检查手册》, section 2 (特约商户管理, merchant management); PCAC rules on sharing industry risk information 《行业风险信息共享管理办法》, definition (25) 套码 (using another category's code)"),
        ));
        result(
            if lower_fee {
                MccVerdict::MismatchLowerFee
            } else {
                MccVerdict::Mismatch
            },
            Some(entry),
            reasons,
        )
    }
}

/// The MCC Chinese acquirer lists name 大型仓储式超级市场 (large warehouse supermarket).
pub const LARGE_STORE_MCC: &str = "5411";

/// Why 5411 on a small shop is a sign of 跳码: what the code is for (acquirer lists, not an
/// official text), and the PCAC definition of 套码.
fn large_store_reason() -> (Bilingual, Source) {
    (
        Bilingual::new(
            "在收单机构的商户类别码表中，5411 是“大型仓储式超级市场”（这份表来自收单机构系统的公开源代码，未经官方文件确认）。发改价格〔2016〕557号对超市、大型仓储式卖场等商户给予优惠，行业清单把5411列为优惠类（未经官方文件确认）。如果您开的是小超市、便利店或小卖部，签购单上却是5411，这是跳码的迹象：套用低费率类别的代码。请向收单机构核实您的商户类别。",
            "In acquirers' MCC tables 5411 is “large warehouse supermarket” (the table comes from public source code of acquirer systems, not confirmed by an official document). 发改价格〔2016〕557号 gives supermarkets and large warehouse stores preferential fees, and industry lists put 5411 in the discounted bucket (not confirmed by an official document). If you run a small supermarket, convenience store or corner shop and the slip says 5411, that is a sign of 跳码: using a lower-fee category's code. Ask your acquirer to confirm your merchant category.",
        ),
        Source::new(
            "国家发展改革委、中国人民银行《关于完善银行卡刷卡手续费定价机制的通知》（发改价格〔2016〕557号）（超市、大型仓储式卖场等商户的优惠）；中国支付清算协会《行业风险信息共享管理办法》（二十五）“套码”的定义",
            "NDRC and PBoC notice on bank-card fee pricing 《关于完善银行卡刷卡手续费定价机制的通知》 (发改价格〔2016〕557号) (preferential fees for supermarkets and large warehouse stores); PCAC rules on sharing industry risk information 《行业风险信息共享管理办法》, definition (25) 套码 (using another category's code)",
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_table_loads_and_is_consistent() {
        let table = MccTable::from_json(BUILTIN_JSON).expect("data/mcc.json parses");
        assert!(table.codes.len() >= 50);
        for e in &table.codes {
            assert_eq!(e.code.len(), 4, "{}", e.code);
            assert_eq!(
                e.source.citation_problems(),
                Vec::<String>::new(),
                "{}",
                e.code
            );
            if let Some(n) = &e.name {
                assert!(n.is_complete(), "{}", e.code);
            }
        }
        let mut codes: Vec<&str> = table.codes.iter().map(|e| e.code.as_str()).collect();
        codes.dedup();
        assert_eq!(codes.len(), table.codes.len(), "codes sorted and unique");
        for kind in &table.business_kinds {
            assert!(kind.name.is_complete());
            for c in &kind.mccs {
                assert!(
                    table.lookup(c).is_some_and(|e| e.name.is_some()),
                    "{} → {c}",
                    kind.id
                );
            }
        }
        assert!(
            table.bucket_source.unconfirmed,
            "industry bucket lists are UNCONFIRMED"
        );
        assert_eq!(
            table.bucket_source.citation_problems(),
            Vec::<String>::new()
        );
        // Codes the research marked UNCONFIRMED stay flagged (names and rates from public code
        // are flagged too: no official UnionPay list was available).
        for code in ["4111", "8011", "8099", "9311", "9399"] {
            assert!(table.lookup(code).unwrap().source.unconfirmed, "{code}");
        }
        // Every reason of every check cites something checkable.
        for kind in &table.business_kinds {
            for code in ["5411", "5812", "1234", "54x1", "7011"] {
                for (text, source) in table.check(&kind.id, code).reasons {
                    assert!(text.is_complete());
                    assert_eq!(source.citation_problems(), Vec::<String>::new(), "{code}");
                }
            }
        }
        assert_eq!(MccTable::builtin(), table);
    }

    #[test]
    fn supermarket_code_on_a_restaurant_flags_jump_code() {
        let check = MccTable::builtin().check("restaurant", "5411");
        assert_eq!(check.verdict, MccVerdict::MismatchLowerFee);
        assert!(check.verdict.is_possible_jump_code());
        assert!(check.reasons[0].0.zh.contains("大型仓储式超级市场"));
        assert!(
            check.reasons.iter().any(|(_, s)| s.unconfirmed),
            "bucket reason marked unconfirmed"
        );
        assert!(check
            .reasons
            .iter()
            .all(|(t, s)| t.is_complete() && s.is_complete()));
    }

    #[test]
    fn matching_and_other_mismatches() {
        let table = MccTable::builtin();
        assert_eq!(
            table.check("restaurant", "5812").verdict,
            MccVerdict::Matches
        );
        assert_eq!(
            table.check("restaurant", " 5814 ").verdict,
            MccVerdict::Matches
        );
        assert_eq!(
            table.check("supermarket", "5499").verdict,
            MccVerdict::Matches
        );
        // Another standard-bucket business: still a mismatch, but not the lower-fee pattern.
        assert_eq!(
            table.check("restaurant", "5813").verdict,
            MccVerdict::Mismatch
        );
        assert_eq!(
            table.check("restaurant", "8011").verdict,
            MccVerdict::MismatchLowerFee
        );
    }

    #[test]
    fn a_supermarket_coded_5411_fits_only_a_large_store() {
        let table = MccTable::builtin();
        let check = table.check("supermarket", "5411");
        assert_eq!(check.verdict, MccVerdict::MatchesOnlyIfLarge);
        assert!(!check.verdict.is_possible_jump_code());
        let all: String = check.reasons.iter().map(|(t, _)| t.zh.as_str()).collect();
        assert!(all.contains("只适合大型的“超市”"), "{all}");
        assert!(all.contains("小超市、便利店或小卖部"), "{all}");
        assert!(all.contains("未经官方文件确认"), "{all}");
        // A small shop coded 5411: the jump-code verdict, with what 5411 is for.
        let small = table.check("convenience_store", "5411");
        assert_eq!(small.verdict, MccVerdict::MismatchLowerFee);
        assert!(small
            .reasons
            .iter()
            .any(|(t, _)| t.zh.contains("大型仓储式超级市场") && t.zh.contains("跳码的迹象")));
        // Other codes are untouched.
        assert!(!table
            .check("convenience_store", "5812")
            .reasons
            .iter()
            .any(|(t, _)| t.zh.contains("小卖部")));
    }

    #[test]
    fn unknown_inputs_are_reported_honestly() {
        let table = MccTable::builtin();
        let unknown = table.check("restaurant", "1234");
        assert_eq!(unknown.verdict, MccVerdict::NotInTable);
        assert!(unknown.reasons[0].0.en.contains("not in our table"));
        assert!(!unknown.verdict.is_possible_jump_code());
        assert_eq!(
            table.check("restaurant", "54a1").verdict,
            MccVerdict::NotAnMcc
        );
        assert_eq!(
            table.check("spaceport", "5411").verdict,
            MccVerdict::UnknownBusinessKind
        );
    }
}
