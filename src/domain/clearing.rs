//! 一清 / 二清: who paid the settlement into the merchant's account?
//!
//! Facts: 条例 第六条, PCAC rules on outsourcing (中支协发〔2024〕108号, 〔2023〕81号) and 银发〔2021〕259号,
//! each cited per reason. Only licensed acquirers may settle merchants' funds;
//! 二清 = an unlicensed entity receives many merchants' money and pays them on. The practical
//! rule "the payer should be the licensed acquirer (or its 备付金 bank)" is our derivation and
//! no document states it as a rule (UNCONFIRMED), so verdicts built on it carry
//! `unconfirmed: true`.
//!
//! Public API: [`decide_clearing`] with [`ClearingInput`] and a [`LicenceRegistry`] →
//! [`ClearingDecision`] { [`ClearingOutcome`], reasons with sources }; [`best_match`] for the
//! licence a name stands for.

use serde::Serialize;

use super::case::Case;
use super::licence::{Licence, LicenceRegistry, SearchOutcome, Status};
use super::text::{Bilingual, Source};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PayerKind {
    Person,
    Company,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ClearingInput {
    /// 付款方/对方户名 on the bank statement for the settlement credit.
    pub payer_name: String,
    pub payer_kind: PayerKind,
    /// 收单机构 printed on the slip, if known.
    pub slip_acquirer: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ClearingOutcome {
    /// Paid by the licensed acquirer on the slip: consistent with 一清 (direct settlement).
    DirectClearing,
    /// Signs of 二清.
    SecondClearingWarning,
    CannotTell,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ClearingDecision {
    pub outcome: ClearingOutcome,
    pub reasons: Vec<(Bilingual, Source)>,
}

/// The rule "the payer should be the licensed acquirer" is our inference: no document states it
/// in these words.
fn derived_rule() -> Source {
    Source::unconfirmed("本应用的推断，依据：《非银行支付机构监督管理条例》（国务院令第768号）第六条；中国支付清算协会《收单外包服务自律管理办法》（中支协发〔2024〕108号）第十三条、第二十一条；《中国人民银行关于加强支付受理终端及相关业务管理的通知》（银发〔2021〕259号）", "our inference from: Regulations on the Supervision of Non-bank Payment Institutions 《非银行支付机构监督管理条例》 (State Council Decree No. 768), Art. 6; Payment & Clearing Association of China (PCAC), self-regulation of acquiring outsourcers 《收单外包服务自律管理办法》 (中支协发〔2024〕108号), Arts. 13, 21; PBoC notice on payment acceptance terminals 《中国人民银行关于加强支付受理终端及相关业务管理的通知》 (银发〔2021〕259号)")
}

fn definition() -> (Bilingual, Source) {
    (
        Bilingual::new(
            "二清：收单机构把接口开放给没有收单资质的机构，商户的钱先进入这家机构的账户再由它转给商户。只有持牌机构可以从事支付业务，收单机构不得把商户结算资金划到外包机构（代理商）的账户。",
            "二清: an acquirer lets an entity without an acquiring licence settle many merchants' money into its own account and pay them on. Only licensed institutions may do payment business, and acquirers may not route merchant settlement to an outsourcer's (agent's) account.",
        ),
        Source::new("中国支付清算协会《行业风险信息共享管理办法》（二十四）“二清”的定义；《非银行支付机构监督管理条例》（国务院令第768号）第六条；中国支付清算协会《收单外包服务自律管理办法》（中支协发〔2024〕108号）第十三条", "PCAC rules on sharing industry risk information 《行业风险信息共享管理办法》, definition (24) 二清; Regulations on the Supervision of Non-bank Payment Institutions 《非银行支付机构监督管理条例》 (State Council Decree No. 768), Art. 6; Payment & Clearing Association of China (PCAC), self-regulation of acquiring outsourcers 《收单外包服务自律管理办法》 (中支协发〔2024〕108号), Art. 13"),
    )
}

/// What 二清 means for the merchant's money.
fn money_risk() -> (Bilingual, Source) {
    (
        Bilingual::new(
            "对您的钱意味着：结算款先进入一家无权经手商户资金的机构的账户，再由它转给您。外包机构（代理商）不得结算、截留或挪用商户资金，收单机构也不得把商户结算款划到外包机构的账户；未经批准从事支付业务要被没收违法所得并罚款。若这家机构延迟、截留或跑路，钱不在持牌机构的保护之下。请保留银行流水，向签购单上的收单机构核实并投诉。",
            "For your money this means: the settlement first lands in the account of an entity that may not handle merchant funds, which then pays you. Outsourcers (agents) may not settle, withhold or move merchant funds, and acquirers may not route merchant settlement to an outsourcer's account; unlicensed payment business is punished by confiscation and fines. If that entity delays, withholds or disappears, your money is outside the licensed acquirer's protection. Keep the bank statements, check with the acquirer on the slip and complain.",
        ),
        Source::new("中国支付清算协会《收单外包服务自律管理办法》（中支协发〔2024〕108号）第十三条、第二十一条；中国支付清算协会《关于加强收单外包服务市场规范管理的意见》（中支协发〔2023〕81号）；《非银行支付机构监督管理条例》（国务院令第768号）第六条、第四十七条", "Payment & Clearing Association of China (PCAC), self-regulation of acquiring outsourcers 《收单外包服务自律管理办法》 (中支协发〔2024〕108号), Arts. 13, 21; PCAC opinions on acquiring outsourcing 《关于加强收单外包服务市场规范管理的意见》 (中支协发〔2023〕81号); Regulations on the Supervision of Non-bank Payment Institutions 《非银行支付机构监督管理条例》 (State Council Decree No. 768), Arts. 6, 47"),
    )
}

/// The licence a name (a payer, or the acquirer printed on the slip) stands for: the top search
/// hit, if any.
pub fn best_match<'a>(registry: &'a LicenceRegistry, name: &str) -> Option<&'a Licence> {
    match registry.search(name) {
        SearchOutcome::Found(hits) => hits.into_iter().next().map(|h| h.licence),
        _ => None,
    }
}

/// Decides from the payer on the bank statement. Uses the registry only to recognise licensed
/// acquirers; a name not found is reported as "not in the list as of <date>", never "unlicensed".
pub fn decide_clearing(registry: &LicenceRegistry, input: &ClearingInput) -> ClearingDecision {
    let payer = input.payer_name.trim();
    let as_of = registry.as_of_text();
    let mut reasons = Vec::new();
    let decision = |outcome, mut reasons: Vec<(Bilingual, Source)>| {
        if outcome == ClearingOutcome::SecondClearingWarning {
            reasons.push(money_risk());
        }
        reasons.push(definition());
        ClearingDecision { outcome, reasons }
    };
    if payer.is_empty() {
        reasons.push((
            Bilingual::new(
                "请填写银行流水上结算款的付款方户名。",
                "Please enter the payer name of the settlement credit on your bank statement.",
            ),
            Source::default(),
        ));
        return ClearingDecision {
            outcome: ClearingOutcome::CannotTell,
            reasons,
        };
    }
    if input.payer_kind == PayerKind::Person {
        reasons.push((
            Bilingual::new(
                format!("结算款来自个人（{payer}）：持牌收单机构不会用个人账户给商户结算，这是二清的警示信号。"),
                format!("The settlement came from a private person ({payer}): a licensed acquirer does not settle from a personal account; this is a warning sign of 二清 (agent settlement)."),
            ),
            derived_rule(),
        ));
        return decision(ClearingOutcome::SecondClearingWarning, reasons);
    }

    let top_licence = |name: &str| best_match(registry, name);
    let payer_licence = top_licence(payer);
    let slip_licence = input
        .slip_acquirer
        .as_deref()
        .filter(|s| !s.trim().is_empty())
        .and_then(top_licence);

    match payer_licence {
        Some(licence) => {
            let acquiring = licence.acquiring();
            let same_as_slip = slip_licence.is_some_and(|s| s.number == licence.number);
            if acquiring.is_none() {
                reasons.push((
                    Bilingual::new(
                        format!("付款方 {} 是持牌支付机构，但名单上没有银行卡收单业务。", licence.name),
                        format!("The payer {} is a licensed payment institution, but the list shows no bank-card acquiring.", licence.name),
                    ),
                    derived_rule(),
                ));
                return decision(ClearingOutcome::CannotTell, reasons);
            }
            if !licence.status.is_listed() || licence.status == Status::ExpiredListed {
                reasons.push((
                    licence.status_note(registry).text,
                    licence.status_note(registry).source,
                ));
            }
            if licence.status != Status::Valid {
                reasons.push((
                    Bilingual::new(
                        format!(
                            "付款方 {} 的许可证状态不是“有效”，请向收单机构问清楚。",
                            licence.name
                        ),
                        format!(
                            "The payer {}'s licence is not “valid”; ask your acquirer.",
                            licence.name
                        ),
                    ),
                    derived_rule(),
                ));
                return decision(ClearingOutcome::SecondClearingWarning, reasons);
            }
            match (&input.slip_acquirer, same_as_slip) {
                (_, true) | (None, false) => {
                    reasons.push((
                        Bilingual::new(
                            format!("结算款由持牌收单机构 {}（{}）直接支付{}，符合一清。", licence.name, licence.number.as_str(),
                                if same_as_slip { "，与签购单上的收单机构一致" } else { "" }),
                            format!("The settlement was paid by the licensed acquirer {} ({}){}, consistent with 一清 (direct settlement).", licence.name, licence.number.as_str(),
                                if same_as_slip { ", the same acquirer as on the slip" } else { "" }),
                        ),
                        derived_rule(),
                    ));
                    decision(ClearingOutcome::DirectClearing, reasons)
                }
                (Some(slip), false) => {
                    reasons.push((
                        Bilingual::new(
                            format!("付款方 {} 与签购单上的收单机构“{slip}”不是同一家。可能是二清，也可能是集团内的结算安排，请向签购单上的收单机构核实。", licence.name),
                            format!("The payer {} is not the acquirer on the slip (“{slip}”). This may be 二清 (agent settlement) or a group settlement arrangement; check with the acquirer on the slip.", licence.name),
                        ),
                        derived_rule(),
                    ));
                    decision(ClearingOutcome::CannotTell, reasons)
                }
            }
        }
        None if payer.contains("银行") => {
            reasons.push((
                Bilingual::new(
                    format!("付款方是银行（{payer}）：可能是收单银行本身，或持牌收单机构的备付金银行代付，属正常；但仅凭户名无法确定。请对照签购单上的收单机构。"),
                    format!("The payer is a bank ({payer}): it may be the acquiring bank itself or the licensed acquirer's reserve-fund bank paying on its behalf, which is normal, but the name alone cannot prove it. Compare with the acquirer on the slip."),
                ),
                derived_rule(),
            ));
            decision(ClearingOutcome::CannotTell, reasons)
        }
        None => {
            reasons.push((
                Bilingual::new(
                    format!("付款方“{payer}”是公司，但在截至{as_of}的支付许可证名单中没有找到（可能是代理商或服务商，也可能是抄写有误或新公司）。钱从非持牌公司转来是二清的警示信号。"),
                    format!("The payer “{payer}” is a company not found in the payment-licence list as of {as_of} (it may be an agent or service provider, a typo, or a new company). Money passed on by a non-licensed company is a warning sign of 二清 (agent settlement)."),
                ),
                derived_rule(),
            ));
            decision(ClearingOutcome::SecondClearingWarning, reasons)
        }
    }
}

/// What a diary case knows for the 一清/二清 check: the payer on the settlement statement (with
/// a guess of its kind) and the acquirer on the slip.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClearingPrefill {
    pub payer: String,
    pub kind: PayerKind,
    pub slip: String,
}

/// Words that mark an organisation's name (a company, bank, shop or other body).
const ORGANISATION_MARKS: &[&str] = &[
    "公司",
    "银行",
    "集团",
    "中心",
    "合作社",
    "商行",
    "商店",
    "店",
    "厂",
    "部",
    "社",
    "所",
    "局",
    "院",
    "会",
    "行",
    "支付",
    "科技",
    "有限",
    "商务",
    "银联",
    "网络",
    "技术",
    "服务",
    "信息",
    "电子",
    "贸易",
    "实业",
    "工作室",
    "Co",
    "Ltd",
];

/// A guess of who a payer is, for a form the merchant can correct: a company when it has a credit
/// code or its name reads like an organisation's; a person when the name is two to four Chinese
/// characters with no such mark.
pub fn guess_payer_kind(name: &str, credit_code: &str) -> PayerKind {
    let name = name.trim();
    if !credit_code.trim().is_empty() || ORGANISATION_MARKS.iter().any(|m| name.contains(m)) {
        return PayerKind::Company;
    }
    let count = name.chars().count();
    let all_han = name
        .chars()
        .all(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c) || c == '·');
    if (2..=4).contains(&count) && all_han {
        PayerKind::Person
    } else {
        PayerKind::Company
    }
}

/// The case's payer and slip acquirer; `None` when the case has no payer name.
pub fn prefill_from_case(case: &Case) -> Option<ClearingPrefill> {
    let payer = case.payer.name.trim();
    (!payer.is_empty()).then(|| ClearingPrefill {
        payer: payer.to_owned(),
        kind: guess_payer_kind(payer, &case.payer.credit_code),
        slip: case.acquirer.name.trim().to_owned(),
    })
}

#[cfg(test)]
mod tests {

    #[test]
    fn a_case_fills_the_payer_its_kind_and_the_slip() {
        let now = chrono::NaiveDate::from_ymd_opt(2026, 11, 1)
            .unwrap()
            .and_hms_opt(9, 0, 0)
            .unwrap();
        let mut case = Case::new("c1", "结算款晚到", now);
        assert_eq!(prefill_from_case(&case), None);
        case.payer.name = " 张三 ".into();
        case.acquirer.name = "拉卡拉支付股份有限公司".into();
        assert_eq!(
            prefill_from_case(&case),
            Some(ClearingPrefill {
                payer: "张三".into(),
                kind: PayerKind::Person,
                slip: "拉卡拉支付股份有限公司".into(),
            })
        );
        case.payer.name = "深圳某某信息科技有限公司".into();
        assert_eq!(prefill_from_case(&case).unwrap().kind, PayerKind::Company);
        // A credit code means an organisation, whatever the name looks like.
        case.payer.name = "王五".into();
        case.payer.credit_code = "91440300MA5ZZZZZZ3".into();
        assert_eq!(prefill_from_case(&case).unwrap().kind, PayerKind::Company);
    }

    #[test]
    fn payer_kind_guesses_people_only_from_short_plain_names() {
        for person in ["张三", "欧阳娜娜", "阿依·木"] {
            assert_eq!(guess_payer_kind(person, ""), PayerKind::Person, "{person}");
        }
        for company in [
            "中国建设银行",
            "某某便利店",
            "银联商务",
            "ABC",
            "张三丰收获合作社",
            "",
            "李",
        ] {
            assert_eq!(
                guess_payer_kind(company, ""),
                PayerKind::Company,
                "{company}"
            );
        }
    }
    use super::*;

    fn registry() -> LicenceRegistry {
        LicenceRegistry::parse(include_str!("../../public/data/licences.csv")).unwrap()
    }

    fn decide(payer: &str, kind: PayerKind, slip: Option<&str>) -> ClearingDecision {
        decide_clearing(
            &registry(),
            &ClearingInput {
                payer_name: payer.into(),
                payer_kind: kind,
                slip_acquirer: slip.map(Into::into),
            },
        )
    }

    #[test]
    fn licensed_acquirer_matching_the_slip_is_direct_clearing() {
        let d = decide(
            "拉卡拉支付股份有限公司",
            PayerKind::Company,
            Some("收单机构：拉卡拉支付股份有限公司"),
        );
        assert_eq!(d.outcome, ClearingOutcome::DirectClearing);
        assert!(d.reasons[0].0.zh.contains("Z2002511000017"));
    }

    #[test]
    fn person_or_unknown_company_is_a_warning() {
        assert_eq!(
            decide("张三", PayerKind::Person, None).outcome,
            ClearingOutcome::SecondClearingWarning
        );
        let d = decide("某某信息科技有限公司", PayerKind::Company, Some("拉卡拉"));
        assert_eq!(d.outcome, ClearingOutcome::SecondClearingWarning);
        assert!(
            d.reasons.iter().any(|(t, _)| t.zh.contains("截留")),
            "a warning says what it means for the money"
        );
        let as_of = registry().as_of_text();
        assert!(d.reasons[0].0.zh.contains(&format!("截至{as_of}")));
        assert!(d.reasons[0].1.unconfirmed, "derived rule is flagged");
    }

    #[test]
    fn other_cases_cannot_tell() {
        assert_eq!(
            decide("中国建设银行", PayerKind::Company, None).outcome,
            ClearingOutcome::CannotTell
        );
        assert_eq!(
            decide("", PayerKind::Company, None).outcome,
            ClearingOutcome::CannotTell
        );
        // Licensed acquirer, but not the one on the slip.
        assert_eq!(
            decide(
                "银联商务支付股份有限公司",
                PayerKind::Company,
                Some("拉卡拉")
            )
            .outcome,
            ClearingOutcome::CannotTell
        );
        // Cancelled licensee paying: warning.
        assert_eq!(
            decide("北京银联商务有限公司", PayerKind::Company, None).outcome,
            ClearingOutcome::SecondClearingWarning
        );
        for d in [
            decide("张三", PayerKind::Person, None),
            decide("中国建设银行", PayerKind::Company, None),
        ] {
            for (text, source) in &d.reasons {
                assert!(text.is_complete());
                assert_eq!(source.citation_problems(), Vec::<String>::new());
            }
        }
    }
}
