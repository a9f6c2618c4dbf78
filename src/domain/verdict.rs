//! Findings of the checkers, for the diary and for letters, and letter links that carry them.
//!
//! A finding is a neutral statement of fact: what was compared with what, and what the data
//! said, naming the data set and its as-of date where one was used. It gives no advice, does
//! not address the merchant (no 您/你, and no subject where the merchant would be one: a letter
//! speaks as 本人, 本店 or 本公司) and has no closing 。: a letter's chronology writes it as
//! "YYYY年M月D日，{finding}。" with the date of the diary event, and [`dated_fact`] does the
//! same for a letter link's `facts`. The advice stays on the checker pages.
//!
//! Public API: [`licence_finding`], [`licence_not_found_finding`], [`clearing_finding`],
//! [`mcc_finding`], [`fee_finding`] (each → [`Bilingual`]), [`dated_fact`], [`letter_query`].

use chrono::NaiveDate;

use super::clearing::{best_match, ClearingInput, PayerKind};
use super::fees::{
    cost_floor_micro, cost_floor_rate, points_text, Band, CardType, FeeCheck, FeeCheckInput,
    MerchantCategory, RateInput, CREDIT_COST_FLOOR, DEBIT_CAP_FLOOR_FEN, DEBIT_ISSUER_CAP_FEN,
    NETWORK_CAP_PER_SIDE_FEN, QR_DISCLOSED_HIGH, QR_DISCLOSED_LOW,
};
use super::letters::format_date_zh;
use super::licence::{Licence, LicenceRegistry, Scope, Status, ValidUntil};
use super::mcc::{MccTable, MccVerdict};
use super::merchant_no::MerchantNumber;
use super::text::Bilingual;

// ---------------------------------------------------------------------------------------------
// Licence list
// ---------------------------------------------------------------------------------------------

/// The licence list by name and as-of date, as a finding cites it.
fn licence_list(as_of: Option<NaiveDate>) -> Bilingual {
    match as_of {
        Some(d) => Bilingual::new(
            format!(
                "中国人民银行公布的已获许可机构（支付机构）名单（截至{}）",
                format_date_zh(d)
            ),
            format!(
                "the PBoC list of licensed payment institutions (已获许可机构（支付机构）名单) as of {d}"
            ),
        ),
        None => Bilingual::new(
            "中国人民银行公布的已获许可机构（支付机构）名单（所用名单未注明截至日期）",
            "the PBoC list of licensed payment institutions (已获许可机构（支付机构）名单; the copy used states no as-of date)",
        ),
    }
}

/// A licence's business types as the list gives them; a 2024 acquiring category says that it
/// is the former 银行卡收单 (实施细则 第五十五条).
fn business_types(licence: &Licence) -> Bilingual {
    if licence.business_types.is_empty() {
        return Bilingual::new("业务类型未列明", "no business types listed");
    }
    let (zh, en): (Vec<String>, Vec<String>) = licence
        .business_types
        .iter()
        .map(|b| {
            if b.is_card_acquiring() && b.category != "银行卡收单" {
                (
                    format!("“{}”（即原“银行卡收单”）", b.raw),
                    format!("“{}” (the former bank-card acquiring, 银行卡收单)", b.raw),
                )
            } else {
                (format!("“{}”", b.raw), format!("“{}”", b.raw))
            }
        })
        .unzip();
    Bilingual::new(
        format!("业务类型为{}", zh.join("、")),
        format!("business types {}", en.join(", ")),
    )
}

/// `有效期至…` as the list gives it; `None` when the list has no date.
fn validity(valid_until: &ValidUntil) -> Option<Bilingual> {
    Some(match valid_until {
        ValidUntil::Unknown => return None,
        ValidUntil::LongTerm => Bilingual::new("长期有效", "valid long-term (长期)"),
        ValidUntil::Date(d) => Bilingual::new(
            format!("有效期至{}", format_date_zh(*d)),
            format!("valid until {d}"),
        ),
        ValidUntil::WithTransition {
            until,
            transition_until,
        } => Bilingual::new(
            format!(
                "有效期至{}（过渡期至{}）",
                format_date_zh(*until),
                format_date_zh(*transition_until)
            ),
            format!("valid until {until} (transition until {transition_until})"),
        ),
    })
}

/// `（2016年1月5日）` / ` on 2016-01-05`, or nothing.
fn on_date(date: Option<NaiveDate>) -> (String, String) {
    date.map_or_else(
        || (String::new(), String::new()),
        |d| (format!("（{}）", format_date_zh(d)), format!(" on {d}")),
    )
}

/// What the licence list says about one licence: its number, status (with the date of a
/// cancellation, merger or revocation), validity, business types and coverage.
pub fn licence_finding(registry: &LicenceRegistry, licence: &Licence) -> Bilingual {
    let mut finding = listed_licence_finding(registry, licence);
    // A company's own public notice (e.g. that it stopped its transaction business) follows.
    for n in licence.notices() {
        finding.zh.push_str(&format!("；{}", n.text.zh));
        finding.en.push_str(&format!("; {}", n.text.en));
    }
    finding
}

/// What the list and its notices say about one licence.
fn listed_licence_finding(registry: &LicenceRegistry, licence: &Licence) -> Bilingual {
    let list = licence_list(registry.as_of);
    let (name, no) = (&licence.name, licence.number.as_str());
    let types = business_types(licence);
    let coverage = match &licence.coverage {
        Scope::Unstated(_) => None,
        scope => Some(scope.label()),
    };
    let (coverage_zh, coverage_en) = coverage.map_or_else(
        || (String::new(), String::new()),
        |c| {
            (
                format!("，业务覆盖范围为{}", c.zh),
                format!("; coverage: {}", c.en),
            )
        },
    );
    let (date_zh, date_en) = on_date(licence.status_date);
    match licence.status {
        Status::Valid => {
            let (v_zh, v_en) = validity(&licence.valid_until).map_or_else(
                || (String::new(), String::new()),
                |v| (format!("，{}", v.zh), format!(", {}", v.en)),
            );
            Bilingual::new(
                format!("经查询{}，“{name}”持有支付业务许可证（编号{no}{v_zh}），{}{coverage_zh}", list.zh, types.zh),
                format!("A search of {} shows that “{name}” holds a payment business licence (No. {no}{v_en}), with {}{coverage_en}", list.en, types.en),
            )
        }
        Status::ExpiredListed => {
            let v = validity(&licence.valid_until)
                .unwrap_or_else(|| Bilingual::new("有效期未列明", "no validity date listed"));
            Bilingual::new(
                format!("经查询{}，“{name}”仍在名单中（许可证编号{no}），{}{coverage_zh}；名单所列{}，截至名单日期已过期", list.zh, types.zh, v.zh),
                format!("A search of {} shows that “{name}” is still listed (licence No. {no}), with {}{coverage_en}; the list gives it as {}, which had passed by the list's date", list.en, types.en, v.en),
            )
        }
        Status::Cancelled => Bilingual::new(
            format!("经查询{}及相关公告，“{name}”的支付业务许可证（编号{no}）已注销{date_zh}", list.zh),
            format!("A search of {} and the related notices shows that the payment business licence of “{name}” (No. {no}) was cancelled{date_en}", list.en),
        ),
        Status::NotRenewed => Bilingual::new(
            format!("经查询{}及相关公告，“{name}”的支付业务许可证（编号{no}）未获续展，已注销{date_zh}", list.zh),
            format!("A search of {} and the related notices shows that the payment business licence of “{name}” (No. {no}) was not renewed and was cancelled{date_en}", list.en),
        ),
        Status::Revoked => Bilingual::new(
            format!("经查询{}及相关公告，“{name}”的支付业务许可证（编号{no}）已被吊销{date_zh}", list.zh),
            format!("A search of {} and the related notices shows that the payment business licence of “{name}” (No. {no}) was revoked{date_en}", list.en),
        ),
        Status::Merged => {
            let target = licence.merged_into.as_ref().map(|n| {
                let target_name = registry
                    .by_number(n.as_str())
                    .map_or(String::new(), |l| format!("“{}”", l.name));
                (target_name, n.as_str().to_owned())
            });
            let (into_zh, into_en) = match target {
                Some((t, n)) => (
                    format!("{t}（许可证编号{n}）"),
                    format!("{t} (licence No. {n})"),
                ),
                None => (
                    "其他持牌机构".to_owned(),
                    "another licensed institution".to_owned(),
                ),
            };
            Bilingual::new(
                format!("经查询{}及相关公告，“{name}”的业务已并入{into_zh}，其支付业务许可证（编号{no}）已注销{date_zh}", list.zh),
                format!("A search of {} and the related notices shows that the business of “{name}” was merged into {into_en} and its payment business licence (No. {no}) was cancelled{date_en}", list.en),
            )
        }
        Status::NotListed => Bilingual::new(
            format!("经查询{}，其中已无“{name}”（许可证编号{no}），该机构在2022年11月29日的名单中，未查到注销公告", list.zh),
            format!("A search of {} shows that “{name}” (licence No. {no}) is no longer on it; it was on the list of 2022-11-29, and no cancellation notice was found", list.en),
        ),
    }
}

/// Nothing in the licence list matched the query.
pub fn licence_not_found_finding(as_of: Option<NaiveDate>, query: &str) -> Bilingual {
    let list = licence_list(as_of);
    let query = query.trim();
    Bilingual::new(
        format!("经查询{}，未查到与“{query}”相符的机构", list.zh),
        format!(
            "A search of {} found no institution matching “{query}”",
            list.en
        ),
    )
}

// ---------------------------------------------------------------------------------------------
// 一清 / 二清
// ---------------------------------------------------------------------------------------------

/// Who paid the settlement (from the bank statement), what the licence list says about the
/// payer and about the acquirer printed on the slip, and whether the two are one institution.
pub fn clearing_finding(registry: &LicenceRegistry, input: &ClearingInput) -> Bilingual {
    let payer = input.payer_name.trim();
    if payer.is_empty() {
        return Bilingual::new(
            "银行流水上结算款的付款方户名未填写",
            "The payer of the settlement on the bank statement was not given",
        );
    }
    let list = licence_list(registry.as_of);
    let person = input.payer_kind == PayerKind::Person;
    let mut zh = Vec::new();
    let mut en = Vec::new();
    if person {
        zh.push(format!("银行流水显示结算款的付款方为个人“{payer}”"));
        en.push(format!(
            "The bank statement shows the settlement was paid by a private person, “{payer}”"
        ));
    } else {
        zh.push(format!("银行流水显示结算款的付款方为“{payer}”"));
        en.push(format!(
            "The bank statement shows the settlement was paid by “{payer}”"
        ));
    }
    // The list is named in full the first time, then "该名单" / "that list".
    let mut list_named = false;
    let payer_licence = if person {
        None
    } else {
        best_match(registry, payer)
    };
    match payer_licence {
        Some(l) => {
            let status = l.status.label();
            let (no_acq_zh, no_acq_en) = if l.acquiring().is_none() {
                (
                    "，业务类型不含银行卡收单",
                    ", with no bank-card acquiring among its business types",
                )
            } else {
                ("", "")
            };
            zh.push(format!(
                "经查询{}，该付款方为“{}”（许可证编号{}，状态为“{}”）{no_acq_zh}",
                list.zh,
                l.name,
                l.number.as_str(),
                status.zh
            ));
            en.push(format!(
                "in {} the payer is “{}” (licence No. {}, status “{}”){no_acq_en}",
                list.en,
                l.name,
                l.number.as_str(),
                status.en
            ));
            list_named = true;
        }
        // Banks are not on the list of non-bank payment institutions.
        None if person || payer.contains("银行") => {}
        None => {
            zh.push(format!("经查询{}，未查到该付款方", list.zh));
            en.push(format!("the payer was not found in {}", list.en));
            list_named = true;
        }
    }
    if let Some(slip) = input
        .slip_acquirer
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        let (in_zh, in_en) = if list_named {
            ("在该名单中".to_owned(), "in that list".to_owned())
        } else {
            (format!("在{}中", list.zh), format!("in {}", list.en))
        };
        match (best_match(registry, slip), payer_licence) {
            (Some(s), Some(p)) if s.number == p.number => {
                zh.push(format!("签购单上的收单机构“{slip}”与付款方为同一机构"));
                en.push(format!(
                    "the acquirer on the slip, “{slip}”, is the same institution as the payer"
                ));
            }
            (Some(s), p) => {
                let (differ_zh, differ_en) = if p.is_some() || person {
                    (
                        "，与付款方不是同一机构",
                        ", not the same institution as the payer",
                    )
                } else {
                    ("", "")
                };
                zh.push(format!(
                    "签购单上的收单机构“{slip}”{in_zh}为“{}”（许可证编号{}）{differ_zh}",
                    s.name,
                    s.number.as_str()
                ));
                en.push(format!(
                    "the acquirer on the slip, “{slip}”, is “{}” {in_en} (licence No. {}){differ_en}",
                    s.name,
                    s.number.as_str()
                ));
            }
            (None, _) => {
                zh.push(format!("签购单上的收单机构“{slip}”{in_zh}未查到"));
                en.push(format!(
                    "the acquirer on the slip, “{slip}”, was not found {in_en}"
                ));
            }
        }
    }
    Bilingual::new(zh.join("；"), en.join("; "))
}

// ---------------------------------------------------------------------------------------------
// Merchant number and MCC
// ---------------------------------------------------------------------------------------------

/// The MCC in the merchant number (characters 8–11), its name in the MCC table, the business
/// actually run, and whether the table's grouping puts the two together.
pub fn mcc_finding(table: &MccTable, number: &MerchantNumber, business_kind_id: &str) -> Bilingual {
    let check = table.check(business_kind_id, &number.mcc);
    let (full, mcc) = (&number.full, &number.mcc);
    let (name_zh, name_en) = match &check.entry {
        Some(e) => e.name.as_ref().map_or_else(
            || (String::new(), String::new()),
            |n| (format!("（{}）", n.zh), format!(" ({})", n.en)),
        ),
        None => (
            "（不在本应用的商户类别码表中）".to_owned(),
            " (not in this app's MCC table)".to_owned(),
        ),
    };
    let kind = table.business_kind(business_kind_id).map_or_else(
        || Bilingual::new(business_kind_id, business_kind_id),
        |k| k.name.clone(),
    );
    let (fit_zh, fit_en) = match check.verdict {
        MccVerdict::Matches => ("，二者一致", "; the two match"),
        MccVerdict::MatchesOnlyIfLarge => (
            "，该代码只用于大型仓储式超市",
            "; that code is for large warehouse supermarkets only",
        ),
        MccVerdict::Mismatch | MccVerdict::MismatchLowerFee => {
            ("，二者不一致", "; the two do not match")
        }
        _ => ("", ""),
    };
    Bilingual::new(
        format!(
            "商户编号{full}第8至11位（按行业惯例的编号结构推断，未经官方文件确认）的商户类别码（MCC）为{mcc}{name_zh}，实际经营类别为“{}”{fit_zh}",
            kind.zh
        ),
        format!(
            "Characters 8–11 of merchant number {full} (read by an industry convention on how the number is built, not confirmed by an official document), the merchant category code (MCC), are {mcc}{name_en}; the business actually run is “{}”{fit_en}",
            kind.en
        ),
    )
}

// ---------------------------------------------------------------------------------------------
// Fees
// ---------------------------------------------------------------------------------------------

fn yuan(fen: u64) -> String {
    format!("{}.{:02}", fen / 100, fen % 100)
}

/// fen × 10^6 as 元 with up to four decimals: `4.825`, `16.25`.
fn yuan_micro(micro: u128) -> String {
    let ten_thousandths = (micro + 50) / 100 / 100; // 元 × 10^4
    let whole = ten_thousandths / 10_000;
    let mut frac = format!("{:04}", ten_thousandths % 10_000);
    while frac.len() > 2 && frac.ends_with('0') {
        frac.pop();
    }
    format!("{whole}.{frac}")
}

/// The caps the cost floor is computed from, as a finding cites them.
const CAPS_ZH: &str =
    "按发改价格〔2016〕557号和《政府定价的经营服务性收费目录清单（2022版）》规定的上限计算的";
const CAPS_EN: &str = "computed from the caps of 发改价格〔2016〕557号 and the NDRC fee list 《政府定价的经营服务性收费目录清单（2022版）》";

/// What the fee check computed: the rate (stated, or from one transaction's amount and fee),
/// the comparisons with a sourced figure (the cost floor from the regulated caps; for QR, one
/// licensed acquirer's published range), the debit cap, add-ons, fixed and one-off charges, and
/// the yearly cost and all-in rate from the monthly volume.
pub fn fee_finding(input: &FeeCheckInput, check: &FeeCheck) -> Bilingual {
    let card = input.card.label();
    let rate = check.rate.percent_text();
    let mut zh = match input.rate {
        RateInput::Stated(_) => format!("{}交易的手续费率为{rate}", card.zh),
        RateInput::Observed {
            amount_fen,
            fee_fen,
        } => format!(
            "一笔{}元的{}交易实际扣除手续费{}元，手续费率为{rate}",
            yuan(amount_fen),
            card.zh,
            yuan(fee_fen)
        ),
    };
    let mut en = match input.rate {
        RateInput::Stated(_) => format!("The {} rate is {rate}", card.en),
        RateInput::Observed {
            amount_fen,
            fee_fen,
        } => format!(
            "A {} transaction of {} 元 had a fee of {} 元 deducted, a rate of {rate}",
            card.en,
            yuan(amount_fen),
            yuan(fee_fen)
        ),
    };
    // The rate itself against the sourced figures (a neutral statement of the comparison).
    let nominal_below_floor = match input.rate {
        RateInput::Observed {
            amount_fen,
            fee_fen,
        } => cost_floor_micro(input.card, amount_fen)
            .map(|f| (u128::from(fee_fen) * 1_000_000 < f, Some(f))),
        RateInput::Stated(r) => cost_floor_rate(input.card).map(|f| (r < f, None)),
    };
    match (nominal_below_floor, input.rate) {
        (Some((true, Some(floor))), RateInput::Observed { .. }) => {
            let floor = yuan_micro(floor);
            zh.push_str(&format!(
                "，低于{CAPS_ZH}该笔交易发卡行服务费与收单侧网络服务费之和{floor}元"
            ));
            en.push_str(&format!(
                ", below the issuer fee plus the acquirer-side network fee for that transaction, {floor} 元, {CAPS_EN}"
            ));
        }
        (Some((true, _)), _) => {
            let floor = cost_floor_rate(input.card)
                .unwrap_or(CREDIT_COST_FLOOR)
                .percent_text();
            zh.push_str(&format!(
                "，低于{CAPS_ZH}发卡行服务费与收单侧网络服务费之和{floor}"
            ));
            en.push_str(&format!(
                ", below the issuer fee plus the acquirer-side network fee, {floor}, {CAPS_EN}"
            ));
        }
        (None, _) => {
            let (where_zh, where_en, inside) = if check.rate < QR_DISCLOSED_LOW {
                ("低于", "below", "")
            } else if check.rate > QR_DISCLOSED_HIGH {
                ("高于", "above", "")
            } else {
                ("在", "within", "内")
            };
            let range = format!(
                "{}–{}",
                QR_DISCLOSED_LOW.percent_text(),
                QR_DISCLOSED_HIGH.percent_text()
            );
            zh.push_str(&format!(
                "，{where_zh}卡友支付（持牌收单机构）官网公示的扫码收费区间（{range}）{inside}"
            ));
            en.push_str(&format!(
                ", {where_en} the QR range published on the website of 卡友支付, a licensed acquirer ({range})"
            ));
        }
        _ => {}
    }
    if input.category != MerchantCategory::Unknown {
        let label = input.category.label();
        zh.push_str(&format!("；商户自述的费率类别为{}", label.zh));
        en.push_str(&format!(
            "; the merchant gives its fee category as {}",
            label.en
        ));
    }
    if let (CardType::Debit, Some(cap)) = (input.card, input.debit_cap_fen) {
        zh.push_str(&format!("；借记卡每笔封顶{}元", yuan(cap)));
        en.push_str(&format!(
            "; the debit cap is {} 元 per transaction",
            yuan(cap)
        ));
        if check.debit_cap_band == Some(Band::BelowCostFloor) {
            let (issuer, network, floor) = (
                yuan(DEBIT_ISSUER_CAP_FEN),
                yuan(NETWORK_CAP_PER_SIDE_FEN),
                yuan(DEBIT_CAP_FLOOR_FEN),
            );
            zh.push_str(&format!(
                "，低于{CAPS_ZH}发卡行服务费每笔上限{issuer}元与收单侧网络服务费每笔上限{network}元之和{floor}元"
            ));
            en.push_str(&format!(
                ", below the per-transaction issuer fee cap of {issuer} 元 plus the acquirer-side network fee cap of {network} 元, {floor} 元, {CAPS_EN}"
            ));
        }
    }
    if input.per_transaction_addon_fen > 0 {
        let addon = yuan(input.per_transaction_addon_fen);
        zh.push_str(&format!("；每笔另收{addon}元"));
        en.push_str(&format!("; an extra {addon} 元 is charged per transaction"));
        if let Some((avg, r)) = check.addon_rate {
            zh.push_str(&format!(
                "，按平均每笔{}元计，含附加费的手续费率约为{}",
                yuan(avg),
                r.percent_text()
            ));
            en.push_str(&format!(
                ", which at an average of {} 元 per transaction makes the rate with the add-on about {}",
                yuan(avg),
                r.percent_text()
            ));
        }
    }
    if input.yearly_fixed_fen > 0 {
        let y = yuan(input.yearly_fixed_fen);
        zh.push_str(&format!("；每年另收固定费用{y}元"));
        en.push_str(&format!("; fixed charges of {y} 元 a year"));
    }
    if input.one_off_fen > 0 {
        let o = yuan(input.one_off_fen);
        zh.push_str(&format!("；一次性收费{o}元"));
        en.push_str(&format!("; a one-off charge of {o} 元"));
    }
    if let (Some(all_in), Some(parts)) = (check.all_in_rate, check.breakdown) {
        let volume = yuan(input.monthly_volume_fen);
        let (count_zh, count_en) = input.monthly_transactions.filter(|n| *n > 0).map_or_else(
            || (String::new(), String::new()),
            |n| (format!("、{n}笔"), format!(" in {n} transactions")),
        );
        let extras = [parts.addons_fen, parts.yearly_fen, parts.one_off_fen];
        let (parts_zh, parts_en) = if extras.iter().any(|f| *f > 0) {
            let mut zh_parts = vec![format!("费率部分{}元", yuan(parts.rate_fen))];
            let mut en_parts = vec![format!("{} 元 from the rate", yuan(parts.rate_fen))];
            for (fen, z, e) in [
                (parts.addons_fen, "每笔附加费", "per-transaction add-ons"),
                (parts.yearly_fen, "每年固定费用", "yearly fixed fees"),
                (parts.one_off_fen, "一次性收费", "one-off charges"),
            ] {
                if fen > 0 {
                    zh_parts.push(format!("{z}{}元", yuan(fen)));
                    en_parts.push(format!("{} 元 {e}", yuan(fen)));
                }
            }
            (
                format!("（{}）", zh_parts.join("、")),
                format!(" ({})", en_parts.join(", ")),
            )
        } else {
            (String::new(), String::new())
        };
        zh.push_str(&format!(
            "；按每月{}交易额{volume}元{count_zh}计，第一年各项费用合计{}元{parts_zh}，折合综合费率{}",
            card.zh,
            yuan(check.first_year_cost_fen),
            all_in.rounded_text()
        ));
        en.push_str(&format!(
            "; at a monthly {} volume of {volume} 元{count_en}, all charges in the first year come to {} 元{parts_en}, an all-in rate of {}",
            card.en,
            yuan(check.first_year_cost_fen),
            all_in.rounded_text()
        ));
        if check.later_year_cost_fen != check.first_year_cost_fen {
            let later = yuan(check.later_year_cost_fen);
            zh.push_str(&format!("，以后每年{later}元"));
            en.push_str(&format!(", and {later} 元 in each later year"));
        }
    }
    if let Some(p) = check.promise {
        let (promised, charged) = (p.promised.percent_text(), check.headline_text());
        let what_zh = if check.all_in_rate.is_some() {
            "综合费率"
        } else {
            "费率"
        };
        let what_en = if check.all_in_rate.is_some() {
            "the all-in rate"
        } else {
            "the rate"
        };
        zh.push_str(&format!(
            "；代理商承诺的费率为{promised}，实际{what_zh}为{charged}"
        ));
        en.push_str(&format!(
            "; the agent promised {promised}, and {what_en} charged is {charged}"
        ));
        if p.charged_more() {
            let points = points_text(p.points);
            zh.push_str(&format!("，高出{points}个百分点"));
            en.push_str(&format!(", {points} percentage points more"));
            match (p.gap_fen, p.per_year) {
                (Some(g), true) if g > 0 => {
                    zh.push_str(&format!("，第一年多付{}元", yuan(g.unsigned_abs())));
                    en.push_str(&format!(
                        ", {} 元 more in the first year",
                        yuan(g.unsigned_abs())
                    ));
                }
                (Some(g), false) if g > 0 => {
                    zh.push_str(&format!("，该笔多扣{}元", yuan(g.unsigned_abs())));
                    en.push_str(&format!(
                        ", {} 元 more on that transaction",
                        yuan(g.unsigned_abs())
                    ));
                }
                _ => {}
            }
        } else {
            zh.push_str("，未超过承诺");
            en.push_str(", not more than promised");
        }
    }
    Bilingual::new(zh, en)
}

// ---------------------------------------------------------------------------------------------
// Letters
// ---------------------------------------------------------------------------------------------

/// A finding as a letter's `facts`: "YYYY年M月D日，{finding}。", the form of a chronology line.
pub fn dated_fact(finding: &Bilingual, checked_on: NaiveDate) -> String {
    format!(
        "{}，{}。",
        format_date_zh(checked_on),
        finding.zh.trim().trim_end_matches('。')
    )
}

/// `?name=value&…` for a letter link (values percent-encoded; empty values left out). The
/// letter page keeps only fields it knows ([`super::letters::fields_from_query`]).
pub fn letter_query(pairs: &[(&str, &str)]) -> String {
    let query = super::links::query_string(pairs);
    if query.is_empty() {
        query
    } else {
        format!("?{query}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::fees::{check_fees, parse_rate};

    fn registry() -> LicenceRegistry {
        LicenceRegistry::parse(include_str!("../../public/data/licences.csv")).unwrap()
    }

    fn as_of_zh() -> String {
        format_date_zh(
            registry()
                .as_of
                .expect("the shipped list has an as-of date"),
        )
    }

    fn licence(no: &str) -> Bilingual {
        let r = registry();
        let l = r.by_number(no).expect(no);
        licence_finding(&r, l)
    }

    /// Facts, not advice: no addressee, no advice, no closing 。, both languages.
    fn assert_neutral(b: &Bilingual) {
        for bad in ["您", "你", "请", "建议", "应当"] {
            assert!(!b.zh.contains(bad), "{bad} in {}", b.zh);
        }
        assert!(!b.zh.ends_with('。'), "{}", b.zh);
        assert!(!b.zh.trim().is_empty());
        assert!(!b.en.trim().is_empty());
        assert!(!b.en.contains("you"), "{}", b.en);
        assert!(!b.en.ends_with('.'), "{}", b.en);
    }

    #[test]
    fn a_valid_licence_is_stated_with_the_list_its_date_number_and_business_types() {
        let f = licence("Z2002511000017");
        assert_neutral(&f);
        assert!(f.zh.starts_with(&format!(
            "经查询中国人民银行公布的已获许可机构（支付机构）名单（截至{}），“拉卡拉支付股份有限公司”持有支付业务许可证（编号Z2002511000017",
            as_of_zh()
        )), "{}", f.zh);
        assert!(f.zh.contains("支付交易处理Ⅰ类"), "{}", f.zh);
        assert!(f.zh.contains("即原“银行卡收单”"), "{}", f.zh);
        assert!(f.en.contains(&registry().as_of_text()), "{}", f.en);
    }

    #[test]
    fn a_listed_licence_that_announced_it_stopped_says_so_too() {
        let f = licence("Z2012831000019");
        assert_neutral(&f);
        assert!(
            f.zh.contains("持有支付业务许可证（编号Z2012831000019"),
            "{}",
            f.zh
        );
        assert!(
            f.zh.ends_with(
                "；上海申鑫电子支付股份有限公司于2024年5月20日发布公告，称已停止支付交易业务"
            ),
            "{}",
            f.zh
        );
        assert!(f.en.contains("announced on 2024-05-20"), "{}", f.en);
    }

    #[test]
    fn gone_and_expired_licences_say_what_the_list_and_notices_say() {
        let cancelled = licence("Z2003731000019");
        assert_neutral(&cancelled);
        assert!(cancelled.zh.contains(&as_of_zh()));
        assert!(
            cancelled.zh.ends_with("“上海畅购企业服务有限公司”的支付业务许可证（编号Z2003731000019）已注销（2016年1月5日）"),
            "{}",
            cancelled.zh
        );
        let merged = licence("Z2001731000013");
        assert_neutral(&merged);
        assert!(merged.zh.contains("已并入"), "{}", merged.zh);
        assert!(merged.zh.contains("2017年6月6日"), "{}", merged.zh);
        let not_renewed = licence("Z2003431000012");
        assert!(not_renewed.zh.contains("未获续展"), "{}", not_renewed.zh);
        let not_listed = licence("Z2000611000010");
        assert_neutral(&not_listed);
        assert!(
            not_listed.zh.contains("其中已无“开联通支付服务有限公司”"),
            "{}",
            not_listed.zh
        );
        let expired = licence("Z2001231000018");
        assert_neutral(&expired);
        assert!(expired.zh.contains("仍在名单中"), "{}", expired.zh);
        assert!(expired.zh.contains("已过期"), "{}", expired.zh);
    }

    #[test]
    fn every_licence_in_the_shipped_list_gives_a_neutral_dated_finding() {
        let r = registry();
        let as_of = as_of_zh();
        for l in &r.licences {
            let f = licence_finding(&r, l);
            assert_neutral(&f);
            assert!(f.zh.contains(&as_of), "{}", f.zh);
            assert!(f.zh.contains(l.number.as_str()), "{}", f.zh);
        }
    }

    #[test]
    fn not_found_names_the_list_its_date_and_the_query() {
        let f = licence_not_found_finding(registry().as_of, " 某某商务服务有限公司 ");
        assert_neutral(&f);
        assert_eq!(
            f.zh,
            format!(
                "经查询中国人民银行公布的已获许可机构（支付机构）名单（截至{}），未查到与“某某商务服务有限公司”相符的机构",
                as_of_zh()
            )
        );
        let undated = licence_not_found_finding(None, "x公司");
        assert!(undated.zh.contains("未注明截至日期"), "{}", undated.zh);
    }

    fn clearing(payer: &str, kind: PayerKind, slip: Option<&str>) -> Bilingual {
        clearing_finding(
            &registry(),
            &ClearingInput {
                payer_name: payer.into(),
                payer_kind: kind,
                slip_acquirer: slip.map(Into::into),
            },
        )
    }

    #[test]
    fn clearing_states_the_payer_the_list_and_the_slip() {
        let direct = clearing("拉卡拉支付股份有限公司", PayerKind::Company, Some("拉卡拉"));
        assert_neutral(&direct);
        assert!(direct.zh.contains(&as_of_zh()), "{}", direct.zh);
        assert!(direct.zh.contains("Z2002511000017"), "{}", direct.zh);
        assert!(
            direct
                .zh
                .ends_with("签购单上的收单机构“拉卡拉”与付款方为同一机构"),
            "{}",
            direct.zh
        );

        let other = clearing(
            "银联商务支付股份有限公司",
            PayerKind::Company,
            Some("拉卡拉"),
        );
        assert_neutral(&other);
        assert!(
            other.zh.contains("在该名单中为“拉卡拉支付股份有限公司”"),
            "{}",
            other.zh
        );
        assert!(other.zh.ends_with("与付款方不是同一机构"), "{}", other.zh);

        let unknown = clearing("某某信息科技有限公司", PayerKind::Company, None);
        assert_neutral(&unknown);
        assert_eq!(
            unknown.zh,
            format!(
                "银行流水显示结算款的付款方为“某某信息科技有限公司”；经查询中国人民银行公布的已获许可机构（支付机构）名单（截至{}），未查到该付款方",
                as_of_zh()
            )
        );

        // A person and a slip acquirer: the list is named when the slip is looked up.
        let person = clearing("张三", PayerKind::Person, Some("拉卡拉"));
        assert_neutral(&person);
        assert!(
            person
                .zh
                .starts_with("银行流水显示结算款的付款方为个人“张三”"),
            "{}",
            person.zh
        );
        assert!(person.zh.contains(&as_of_zh()), "{}", person.zh);
        assert!(person.zh.ends_with("与付款方不是同一机构"), "{}", person.zh);
        assert!(
            !person.zh.contains("二清"),
            "a finding does not judge: {}",
            person.zh
        );

        let bank = clearing("中国建设银行", PayerKind::Company, None);
        assert_neutral(&bank);
        assert_eq!(bank.zh, "银行流水显示结算款的付款方为“中国建设银行”");
        assert_neutral(&clearing("", PayerKind::Company, None));
    }

    #[test]
    fn mcc_states_the_code_its_name_the_business_and_whether_they_match() {
        let table = MccTable::builtin();
        let n = MerchantNumber::parse("898210154110002").unwrap();
        let f = mcc_finding(&table, &n, "restaurant");
        assert_neutral(&f);
        assert!(
            f.zh.starts_with("商户编号898210154110002第8至11位（按行业惯例的编号结构推断，未经官方文件确认）的商户类别码（MCC）为5411（"),
            "{}",
            f.zh
        );
        assert!(f.zh.contains("大型仓储式超级市场"), "{}", f.zh);
        assert!(
            f.zh.ends_with("实际经营类别为“餐馆、饭店”，二者不一致"),
            "{}",
            f.zh
        );
        assert!(!f.zh.contains("跳码"), "{}", f.zh);
        let large = mcc_finding(&table, &n, "supermarket");
        assert_neutral(&large);
        assert!(
            large
                .zh
                .ends_with("实际经营类别为“超市”，该代码只用于大型仓储式超市"),
            "{}",
            large.zh
        );
        let fits = mcc_finding(
            &table,
            &MerchantNumber::parse("105290058120392").unwrap(),
            "restaurant",
        );
        assert_neutral(&fits);
        assert!(fits.zh.ends_with("，二者一致"), "{}", fits.zh);
        let unknown = mcc_finding(
            &table,
            &MerchantNumber::parse("105290000010392").unwrap(),
            "restaurant",
        );
        assert_neutral(&unknown);
        assert!(
            unknown.zh.contains("不在本应用的商户类别码表中"),
            "{}",
            unknown.zh
        );
    }

    fn fee(input: FeeCheckInput) -> Bilingual {
        let check = check_fees(&input).unwrap();
        fee_finding(&input, &check)
    }

    fn input(card: CardType, rate: RateInput) -> FeeCheckInput {
        FeeCheckInput::new(card, rate)
    }

    #[test]
    fn fee_states_the_rate_and_only_sourced_comparisons() {
        let below = fee(input(
            CardType::Credit,
            RateInput::Stated(parse_rate("0.38").unwrap()),
        ));
        assert_neutral(&below);
        assert_eq!(
            below.zh,
            "信用卡（贷记卡）交易的手续费率为0.38%，低于按发改价格〔2016〕557号和《政府定价的经营服务性收费目录清单（2022版）》规定的上限计算的发卡行服务费与收单侧网络服务费之和0.4825%"
        );
        // The market range comes from one agent platform (unconfirmed): not in a finding.
        let high = fee(input(
            CardType::Credit,
            RateInput::Observed {
                amount_fen: 100_000,
                fee_fen: 1_000,
            },
        ));
        assert_neutral(&high);
        assert_eq!(
            high.zh,
            "一笔1000.00元的信用卡（贷记卡）交易实际扣除手续费10.00元，手续费率为1.00%"
        );
        for word in ["偏高", "合理", "正常", "市场"] {
            assert!(!high.zh.contains(word), "{word}: {}", high.zh);
        }
        let observed_floor = fee(input(
            CardType::Credit,
            RateInput::Observed {
                amount_fen: 100_000,
                fee_fen: 380,
            },
        ));
        assert!(
            observed_floor.zh.ends_with("之和4.825元"),
            "{}",
            observed_floor.zh
        );
        let qr = fee(input(
            CardType::QrOrContactless,
            RateInput::Stated(parse_rate("1.2").unwrap()),
        ));
        assert_neutral(&qr);
        assert!(
            qr.zh
                .contains("高于卡友支付（持牌收单机构）官网公示的扫码收费区间（0.22%–1.00%）"),
            "{}",
            qr.zh
        );
    }

    #[test]
    fn fee_adds_the_cap_add_ons_fixed_charges_and_the_all_in_rate() {
        let f = fee(FeeCheckInput {
            debit_cap_fen: Some(1_500),
            per_transaction_addon_fen: 300,
            one_off_fen: 9_900,
            yearly_fixed_fen: 6_000,
            monthly_volume_fen: 5_000_000,
            monthly_transactions: Some(100),
            ..input(
                CardType::Debit,
                RateInput::Observed {
                    amount_fen: 500_000,
                    fee_fen: 1_500,
                },
            )
        });
        assert_neutral(&f);
        for part in [
            "借记卡每笔封顶15.00元，低于",
            "每笔上限13.00元与收单侧网络服务费每笔上限3.25元之和16.25元",
            "；每笔另收3.00元，按平均每笔500.00元计，含附加费的手续费率约为",
            "；每年另收固定费用60.00元",
            "；一次性收费99.00元",
            "；按每月借记卡交易额50000.00元、100笔计，第一年各项费用合计",
            "，以后每年",
        ] {
            assert!(f.zh.contains(part), "{part} not in {}", f.zh);
        }
        let plain = fee(FeeCheckInput {
            monthly_volume_fen: 5_000_000,
            ..input(
                CardType::Credit,
                RateInput::Stated(parse_rate("0.6").unwrap()),
            )
        });
        assert_neutral(&plain);
        assert_eq!(
            plain.zh,
            "信用卡（贷记卡）交易的手续费率为0.60%；按每月信用卡（贷记卡）交易额50000.00元计，第一年各项费用合计3600.00元，折合综合费率0.60%"
        );
    }

    #[test]
    fn the_diary_note_carries_the_totals_and_the_promise() {
        let f = fee(FeeCheckInput {
            per_transaction_addon_fen: 300,
            one_off_fen: 29_900,
            monthly_volume_fen: 5_000_000,
            monthly_transactions: Some(100),
            promised: Some(parse_rate("0.38").unwrap()),
            ..input(
                CardType::Credit,
                RateInput::Stated(parse_rate("0.38").unwrap()),
            )
        });
        assert_neutral(&f);
        for part in [
            "信用卡（贷记卡）交易的手续费率为0.38%，低于",
            "；每笔另收3.00元",
            "第一年各项费用合计6179.00元（费率部分2280.00元、每笔附加费3600.00元、一次性收费299.00元），折合综合费率1.03%，以后每年5880.00元",
            "；代理商承诺的费率为0.38%，实际综合费率为1.03%，高出0.65个百分点，第一年多付3899.00元",
        ] {
            assert!(f.zh.contains(part), "{part} not in {}", f.zh);
        }
        assert!(f.en.contains("an all-in rate of 1.03%"), "{}", f.en);
        assert!(
            f.en.contains("0.65 percentage points more, 3899.00 元 more in the first year"),
            "{}",
            f.en
        );
        let category = fee(FeeCheckInput {
            category: crate::domain::fees::MerchantCategory::Discounted,
            ..input(
                CardType::Credit,
                RateInput::Stated(parse_rate("0.38").unwrap()),
            )
        });
        assert!(
            category.zh.ends_with("；商户自述的费率类别为优惠类"),
            "{}",
            category.zh
        );
    }

    #[test]
    fn a_dated_fact_reads_like_a_chronology_line() {
        let d = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        assert_eq!(
            dated_fact(&Bilingual::new("经查询某名单，未查到“x”", "x"), d),
            "2026年11月23日，经查询某名单，未查到“x”。"
        );
    }

    #[test]
    fn letter_query_encodes_values_and_skips_blanks() {
        assert_eq!(
            letter_query(&[
                ("acquirer_name", "拉卡拉 &x=1"),
                ("acquirer_licence_no", " ")
            ]),
            "?acquirer_name=%E6%8B%89%E5%8D%A1%E6%8B%89%20%26x%3D1"
        );
        assert_eq!(letter_query(&[]), "");
        let q = letter_query(&[("a", "1"), ("b", "2")]);
        assert_eq!(q, "?a=1&b=2");
    }
}
