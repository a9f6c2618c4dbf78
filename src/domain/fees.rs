//! Fee-rate sanity check for card and QR payments.
//!
//! Every number is cited per finding by the document it comes from (`Finding::sources`; the
//! provenance of the research is summarised in README "Where the facts come from").
//! Money is integer fen; rates are integer millionths of the amount ([`Rate`], 1 % = 10 000), and
//! observed fees are compared as exact fractions, so band edges are exact.
//!
//! Band edges (rate compared with `<`/`<=` exactly as listed):
//! - cost floor (derived from the caps of 发改价格〔2016〕557号 and the 2022 目录清单): credit 0.4825 % = 0.45 % issuer +
//!   0.0325 % network; debit 0.3825 % = 0.35 % + 0.0325 %, and per transaction at most
//!   13 + 3.25 = 16.25 元. Below the floor → [`Band::BelowCostFloor`] (red flag: 跳码/二清/hidden fees).
//! - `floor <= rate < 0.51 %` → [`Band::Low`]; `0.51 % <= rate <= 0.72 %` → [`Band::Normal`]:
//!   the range one agent platform enforces (public code, unconfirmed), which contains the common 0.60 %. This is
//!   market practice, never law: the acquirer fee is market-priced (发改价格〔2016〕557号).
//! - `rate > 0.72 %` → [`Band::AboveMarket`]: not illegal per se, but a rise needs ≥ 30 days'
//!   notice and the merchant's consent (实施细则 第六十二条; 条例 第二十条、第三十四条).
//! - debit cap: `< 16.25 元` below floor; `< 18 元` low; `18–25 元` normal; `> 25 元` above (the same platform).
//! - QR/contactless: no sourced cost floor (the 0.38 % NFC rule is UNCONFIRMED); we only
//!   compare with one acquirer's disclosed range 0.22 %–1.00 % (卡友支付's published fees).
//!
//! Public API: [`parse_rate`], [`parse_money`], [`check_fees`] with [`FeeCheckInput`] →
//! [`FeeCheck`] (effective rate, yearly cost, band, findings with sources), typed errors with
//! `message() -> Bilingual`.

use std::cmp::Ordering;

use serde::Serialize;
use thiserror::Error;

use super::text::fold_width;
use super::text::{Bilingual, Source};

/// Rate in millionths of the amount: 1 % = 10 000, 0.0325 % = 325.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Rate(pub u32);

impl Rate {
    pub const PER_MILLION: u64 = 1_000_000;

    pub fn from_percent_str(text: &str) -> Result<Rate, RateParseError> {
        parse_rate(text)
    }

    /// `0.6000%`-style text without trailing zeros beyond two decimals: `0.60%`, `0.4825%`.
    pub fn percent_text(self) -> String {
        let whole = self.0 / 10_000;
        let frac = self.0 % 10_000;
        let mut frac_text = format!("{frac:04}");
        while frac_text.len() > 2 && frac_text.ends_with('0') {
            frac_text.pop();
        }
        format!("{whole}.{frac_text}%")
    }
}

// Band edges, in millionths (see the module docs for their sources).
pub const CREDIT_ISSUER_CAP: Rate = Rate(4_500);
pub const DEBIT_ISSUER_CAP: Rate = Rate(3_500);
pub const NETWORK_FEE_PER_SIDE: Rate = Rate(325);
pub const CREDIT_COST_FLOOR: Rate = Rate(4_825);
pub const DEBIT_COST_FLOOR: Rate = Rate(3_825);
pub const MARKET_LOW: Rate = Rate(5_100);
pub const MARKET_HIGH: Rate = Rate(7_200);
pub const QR_DISCLOSED_LOW: Rate = Rate(2_200);
pub const QR_DISCLOSED_HIGH: Rate = Rate(10_000);
/// Per-transaction caps, fen.
pub const DEBIT_ISSUER_CAP_FEN: u64 = 1_300;
pub const NETWORK_CAP_PER_SIDE_FEN: u64 = 325;
pub const DEBIT_CAP_FLOOR_FEN: u64 = 1_625;
pub const DEBIT_CAP_MARKET_LOW_FEN: u64 = 1_800;
pub const DEBIT_CAP_MARKET_HIGH_FEN: u64 = 2_500;
/// Yearly SIM/流量费 an industry page calls typical (36–60 元) and "偏高" above 100 元.
pub const SIM_FEE_TYPICAL_HIGH_FEN: u64 = 6_000;
pub const SIM_FEE_HIGH_FEN: u64 = 10_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CardType {
    Credit,
    Debit,
    /// WeChat/Alipay/UnionPay QR and NFC (云闪付).
    QrOrContactless,
}

impl CardType {
    pub fn label(self) -> Bilingual {
        match self {
            CardType::Credit => Bilingual::new("信用卡（贷记卡）", "credit card"),
            CardType::Debit => Bilingual::new("借记卡", "debit card"),
            CardType::QrOrContactless => Bilingual::new("扫码/云闪付", "QR code / contactless"),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Parsing user input
// ---------------------------------------------------------------------------------------------

#[derive(Debug, Clone, PartialEq, Eq, Error, Serialize)]
pub enum RateParseError {
    #[error("rate is empty")]
    Empty,
    #[error("{0:?} is not a number")]
    NotANumber(String),
    #[error("{0:?} has more decimals than a rate needs")]
    TooManyDecimals(String),
    /// A bare number between 5 and 10, or above 500: percent or 万分之? We do not guess.
    #[error("{0:?} is ambiguous: write it with % (e.g. 0.6%)")]
    Ambiguous(String),
    #[error("a rate above 100% is not possible")]
    TooHigh,
}

impl RateParseError {
    pub fn message(&self) -> Bilingual {
        match self {
            Self::Empty => {
                Bilingual::new("请输入费率，例如 0.6%。", "Please enter a rate, e.g. 0.6%.")
            }
            Self::NotANumber(t) => Bilingual::new(
                format!("“{t}”不是数字。可以写 0.6%、0.6、万分之60 或 千分之6。"),
                format!("“{t}” is not a number. You can write 0.6%, 0.6, 万分之60 or 千分之6."),
            ),
            Self::TooManyDecimals(t) => Bilingual::new(
                format!("“{t}”的小数位太多（百分比最多4位小数）。"),
                format!("“{t}” has too many decimals (at most 4 for a percentage)."),
            ),
            Self::Ambiguous(t) => Bilingual::new(
                format!("“{t}”不明确：请加上 %（如 0.6%）或写“万分之60”。"),
                format!("“{t}” is ambiguous: add % (e.g. 0.6%) or write 万分之60."),
            ),
            Self::TooHigh => Bilingual::new("费率不可能超过100%。", "A rate cannot exceed 100%."),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Error, Serialize)]
pub enum MoneyParseError {
    #[error("amount is empty")]
    Empty,
    #[error("{0:?} is not an amount")]
    NotANumber(String),
    #[error("{0:?} has more than 2 decimals (fen)")]
    TooManyDecimals(String),
    #[error("amount is too large")]
    TooLarge,
}

impl MoneyParseError {
    pub fn message(&self) -> Bilingual {
        match self {
            Self::Empty => Bilingual::new("请输入金额。", "Please enter an amount."),
            Self::NotANumber(t) => Bilingual::new(
                format!("“{t}”不是金额。"),
                format!("“{t}” is not an amount."),
            ),
            Self::TooManyDecimals(t) => Bilingual::new(
                format!("“{t}”的小数超过两位（分）。"),
                format!("“{t}” has more than two decimals (fen)."),
            ),
            Self::TooLarge => Bilingual::new("金额太大。", "The amount is too large."),
        }
    }
}

/// A typed number with full-width forms folded, `。` read as a decimal point and spaces dropped.
fn fold_number(text: &str) -> String {
    text.chars()
        .map(|c| match fold_width(c) {
            '。' => '.',
            c => c,
        })
        .filter(|c| !c.is_whitespace())
        .collect()
}

/// Parses a non-negative decimal into an integer scaled by 10^`scale`, exactly.
/// `Ok(None)` means more decimals than `scale`.
fn parse_scaled(text: &str, scale: u32) -> Result<Option<u64>, ()> {
    let (whole, frac) = text.split_once('.').unwrap_or((text, ""));
    if whole.is_empty() && frac.is_empty()
        || !whole.bytes().all(|b| b.is_ascii_digit())
        || !frac.bytes().all(|b| b.is_ascii_digit())
        || whole.len() > 12
    {
        return Err(());
    }
    let frac = frac.trim_end_matches('0');
    if frac.len() > scale as usize {
        return Ok(None);
    }
    let whole: u64 = if whole.is_empty() {
        0
    } else {
        whole.parse().map_err(|_| ())?
    };
    let frac_value: u64 = if frac.is_empty() {
        0
    } else {
        frac.parse().map_err(|_| ())?
    };
    let frac_scaled = frac_value * 10u64.pow(scale - frac.len() as u32);
    Ok(Some(whole * 10u64.pow(scale) + frac_scaled))
}

/// Parses a rate as merchants write it: `0.6%`, `0.60 %`, `0.6` (bare ≤ 5 = percent),
/// `60` or `万分之60` or `万60` (bare 10–500 = basis points, the POS trade's "费率60"),
/// `千分之6`, full-width digits. Anything else is an error, never a guess.
pub fn parse_rate(text: &str) -> Result<Rate, RateParseError> {
    let folded = fold_number(text);
    if folded.is_empty() {
        return Err(RateParseError::Empty);
    }
    let not_a_number = || RateParseError::NotANumber(text.trim().to_string());
    let too_many = || RateParseError::TooManyDecimals(text.trim().to_string());
    // (number text, decimals kept): scaling by 10^decimals gives millionths directly, because
    // 1 % = 10^4, 1 ‰ = 10^3 and 1 bp = 10^2 millionths.
    let (number, scale) = if let Some(n) = folded.strip_prefix("千分之") {
        (n.to_string(), 3)
    } else if let Some(n) = folded
        .strip_prefix("万分之")
        .or_else(|| folded.strip_prefix('万'))
    {
        (n.to_string(), 2)
    } else if let Some(n) = folded.strip_suffix('%') {
        (n.to_string(), 4)
    } else {
        let value = parse_scaled(&folded, 4)
            .map_err(|_| not_a_number())?
            .ok_or_else(too_many)?;
        // value is the number × 10^4.
        return match value {
            0..=50_000 => Ok(Rate(value as u32)),
            100_000..=5_000_000 => parse_scaled(&folded, 2)
                .map_err(|_| not_a_number())?
                .ok_or_else(too_many)
                .map(|bp| Rate(bp as u32)),
            _ => Err(RateParseError::Ambiguous(text.trim().to_string())),
        };
    };
    let value = parse_scaled(&number, scale)
        .map_err(|_| not_a_number())?
        .ok_or_else(too_many)?;
    if value > Rate::PER_MILLION {
        return Err(RateParseError::TooHigh);
    }
    Ok(Rate(value as u32))
}

/// The largest amount accepted anywhere (1 000 000 000 元 = 10^11 fen). It keeps every product
/// in [`check_fees`] far inside `u128` (10^11 × 10^11 × 10^6 < 10^29).
pub const MAX_MONEY_FEN: u64 = 100_000_000_000;

/// Parses an amount in 元 into fen: `1000`, `1,000.50`, `¥1000`, `3元`, full-width digits.
pub fn parse_money(text: &str) -> Result<u64, MoneyParseError> {
    let folded: String = fold_number(text)
        .chars()
        .filter(|c| !matches!(c, ',' | '，' | '¥' | '￥' | '元'))
        .collect();
    if folded.is_empty() {
        return Err(MoneyParseError::Empty);
    }
    match parse_scaled(&folded, 2) {
        Err(()) => Err(MoneyParseError::NotANumber(text.trim().to_string())),
        Ok(None) => Err(MoneyParseError::TooManyDecimals(text.trim().to_string())),
        Ok(Some(fen)) if fen > MAX_MONEY_FEN => Err(MoneyParseError::TooLarge),
        Ok(Some(fen)) => Ok(fen),
    }
}

// ---------------------------------------------------------------------------------------------
// The check
// ---------------------------------------------------------------------------------------------

/// How the merchant knows their rate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum RateInput {
    /// The percentage rate from the contract or app.
    Stated(Rate),
    /// One transaction: amount and the fee deducted (fen). Includes any add-on the acquirer took.
    Observed { amount_fen: u64, fee_fen: u64 },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FeeCheckInput {
    pub card: CardType,
    pub rate: RateInput,
    /// Debit cap per transaction (封顶), fen; `None` = no cap / not known.
    pub debit_cap_fen: Option<u64>,
    /// Fixed add-on per transaction (秒到费, "+3"), fen.
    pub per_transaction_addon_fen: u64,
    /// One-off charges (押金, 激活费), fen.
    pub one_off_fen: u64,
    /// Yearly fixed charges (流量费/SIM, 服务费), fen.
    pub yearly_fixed_fen: u64,
    /// Monthly card volume for this card type, fen.
    pub monthly_volume_fen: u64,
    /// Monthly number of transactions; needed for add-ons and the debit cap.
    pub monthly_transactions: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Eq, Error, Serialize)]
pub enum FeeInputError {
    #[error("the transaction amount is zero")]
    ZeroAmount,
    #[error("the fee is larger than the amount")]
    FeeExceedsAmount,
    #[error("the number of transactions per month is needed for add-ons and the debit cap")]
    TransactionCountNeeded,
    #[error("an amount is above {MAX_MONEY_FEN} fen")]
    AmountTooLarge,
}

impl FeeInputError {
    pub fn message(&self) -> Bilingual {
        match self {
            Self::ZeroAmount => Bilingual::new("交易金额不能为0。", "The transaction amount cannot be zero."),
            Self::FeeExceedsAmount => Bilingual::new("手续费不可能大于交易金额，请核对。", "The fee cannot exceed the amount; please check."),
            Self::TransactionCountNeeded => Bilingual::new(
                "有每笔附加费或借记卡封顶时，需要填写每月交易笔数。",
                "With a per-transaction add-on or a debit cap, please enter the number of transactions per month.",
            ),
            Self::AmountTooLarge => Bilingual::new(
                "金额太大（最多10亿元），请核对。",
                "An amount is too large (at most 1,000,000,000 元); please check.",
            ),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Ok,
    Info,
    Warning,
    RedFlag,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Band {
    BelowCostFloor,
    Low,
    Normal,
    AboveMarket,
    /// QR/contactless: no sourced floor; within the one disclosed range.
    WithinDisclosedRange,
    BelowDisclosedRange,
    AboveDisclosedRange,
}

impl Band {
    fn severity(self) -> Severity {
        match self {
            Band::BelowCostFloor => Severity::RedFlag,
            Band::AboveMarket | Band::AboveDisclosedRange => Severity::Warning,
            Band::Low | Band::BelowDisclosedRange => Severity::Info,
            Band::Normal | Band::WithinDisclosedRange => Severity::Ok,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub severity: Severity,
    pub text: Bilingual,
    pub sources: Vec<Source>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FeeCheck {
    /// The percentage rate (stated, or fee/amount rounded half-up to 0.0001 %).
    pub rate: Rate,
    pub band: Band,
    /// Debit cap band, when a debit cap was given.
    pub debit_cap_band: Option<Band>,
    /// Fees in the first year: percentage + add-ons + yearly fixed + one-off (fen).
    pub first_year_cost_fen: u64,
    /// Fees in a later year (no one-off charges).
    pub later_year_cost_fen: u64,
    /// First-year cost ÷ yearly volume; `None` without volume.
    pub all_in_rate: Option<Rate>,
    /// With a per-transaction add-on, a monthly volume and a count: the average ticket (fen) and
    /// the rate with the add-on included (percentage + add-ons ÷ volume).
    pub addon_rate: Option<(u64, Rate)>,
    pub findings: Vec<Finding>,
    /// The most serious finding.
    pub severity: Severity,
}

/// fee / amount as an exact fraction.
#[derive(Debug, Clone, Copy)]
struct Fraction {
    numerator: u128,
    denominator: u128,
}

impl Fraction {
    fn of_rate(rate: Rate) -> Fraction {
        Fraction {
            numerator: u128::from(rate.0),
            denominator: u128::from(Rate::PER_MILLION),
        }
    }

    fn cmp_rate(self, edge: Rate) -> Ordering {
        (self.numerator * u128::from(Rate::PER_MILLION))
            .cmp(&(u128::from(edge.0) * self.denominator))
    }

    /// Rounded half-up to whole millionths.
    fn to_rate(self) -> Rate {
        let scaled = self.numerator * u128::from(Rate::PER_MILLION);
        let rounded = (scaled + self.denominator / 2) / self.denominator;
        Rate(u32::try_from(rounded).unwrap_or(u32::MAX))
    }

    /// amount × fraction, in fen × 10^6 (exact for rate inputs).
    fn apply_micro(self, amount_fen: u64) -> u128 {
        u128::from(amount_fen) * self.numerator * u128::from(Rate::PER_MILLION) / self.denominator
    }
}

/// Lowest fee (fen × 10^6) the acquirer pays on one standard transaction (caps of 发改价格〔2016〕557号 and the 2022 目录清单):
/// issuer fee (debit capped at 13 元) + network fee to the acquirer side (capped at 3.25 元).
/// `None` for QR/contactless (no sourced floor).
pub fn cost_floor_micro(card: CardType, amount_fen: u64) -> Option<u128> {
    let amount = u128::from(amount_fen);
    let network = (amount * u128::from(NETWORK_FEE_PER_SIDE.0))
        .min(u128::from(NETWORK_CAP_PER_SIDE_FEN) * 1_000_000);
    match card {
        CardType::Credit => Some(amount * u128::from(CREDIT_ISSUER_CAP.0) + network),
        CardType::Debit => {
            let issuer = (amount * u128::from(DEBIT_ISSUER_CAP.0))
                .min(u128::from(DEBIT_ISSUER_CAP_FEN) * 1_000_000);
            Some(issuer + network)
        }
        CardType::QrOrContactless => None,
    }
}

fn yuan(fen: u64) -> String {
    format!("{}.{:02}", fen / 100, fen % 100)
}

fn rate_band(card: CardType, rate: Fraction) -> Band {
    match card {
        CardType::QrOrContactless => {
            if rate.cmp_rate(QR_DISCLOSED_LOW).is_lt() {
                Band::BelowDisclosedRange
            } else if rate.cmp_rate(QR_DISCLOSED_HIGH).is_gt() {
                Band::AboveDisclosedRange
            } else {
                Band::WithinDisclosedRange
            }
        }
        CardType::Credit | CardType::Debit => {
            let floor = if card == CardType::Credit {
                CREDIT_COST_FLOOR
            } else {
                DEBIT_COST_FLOOR
            };
            if rate.cmp_rate(floor).is_lt() {
                Band::BelowCostFloor
            } else if rate.cmp_rate(MARKET_LOW).is_lt() {
                Band::Low
            } else if rate.cmp_rate(MARKET_HIGH).is_le() {
                Band::Normal
            } else {
                Band::AboveMarket
            }
        }
    }
}

fn debit_cap_band(cap_fen: u64) -> Band {
    if cap_fen < DEBIT_CAP_FLOOR_FEN {
        Band::BelowCostFloor
    } else if cap_fen < DEBIT_CAP_MARKET_LOW_FEN {
        Band::Low
    } else if cap_fen <= DEBIT_CAP_MARKET_HIGH_FEN {
        Band::Normal
    } else {
        Band::AboveMarket
    }
}

fn below_floor_finding(what_zh: String, what_en: String) -> Finding {
    Finding {
        severity: Severity::RedFlag,
        text: Bilingual::new(
            format!("{what_zh}低于收单机构自己要付出的成本（发卡行服务费上限＋网络服务费）。按标准类商户处理，每笔都会亏钱——常见原因是跳码/套码（按优惠类或减免类商户处理）、二清，或通过其他费用（秒到费、流量费、押金）找补。请核对签购单上的 MCC 和商户名称，以及实际到账金额。"),
            format!("{what_en} is below what the acquirer itself must pay (issuer-fee cap + network fee). On a standard merchant it would lose money on every transaction — usually explained by 跳码/套码 (routing you as a discounted or exempt category), 二清, or other fees (instant-settlement add-ons, SIM fees, deposits). Check the MCC and merchant name on the slip and what actually arrives in your account."),
        ),
        sources: vec![
            Source::new("据发改价格〔2016〕557号和《政府定价的经营服务性收费目录清单（2022版）》规定的上限推算（发卡行服务费＋网络服务费）", "derived from the caps in 发改价格〔2016〕557号 and the NDRC fee list 《政府定价的经营服务性收费目录清单（2022版）》 (issuer fee + network fee)"),
            Source::new("中国支付清算协会《行业风险信息共享管理办法》（二十五）“套码”的定义；中国支付清算协会《关于加强收单外包服务市场规范管理的意见》（中支协发〔2023〕81号）", "PCAC rules on sharing industry risk information 《行业风险信息共享管理办法》, definition (25) 套码 (using another category's code); PCAC opinions on acquiring outsourcing 《关于加强收单外包服务市场规范管理的意见》 (中支协发〔2023〕81号)"),
        ],
    }
}

fn fee_rise_rules() -> Finding {
    Finding {
        severity: Severity::Warning,
        text: Bilingual::new(
            "这高于我们找到的市场区间（0.51%–0.72%，一个代理平台的设定范围；0.6%只是行业惯例，法律没有规定固定费率）。高费率本身不违法，但：支付机构调整收费须原则上提前至少30个自然日公示，并在下一笔交易前确认您知悉并同意、重新签约并留存同意记录；不得收取任何未标明的费用。如果费率是悄悄上调的，可以据此投诉。",
            "This is above the market range we found (0.51%–0.72%, one agent platform's allowed range; 0.6% is only industry convention — no law fixes the rate). A high rate is not illegal in itself, but: a payment institution must in principle publish a fee change at least 30 natural days in advance, confirm before your next transaction that you know and accept it, re-sign and keep a record of your consent; and it may not charge any unmarked fee. A silent rate rise can be complained about on these grounds.",
        ),
        sources: vec![
            Source::unconfirmed("代理商平台的公开源代码（力POS：费率须在0.51%至0.72%之间）", "public source code of an agent platform (力POS: rates must be between 0.51% and 0.72%)"),
            Source::new("国家发展改革委、中国人民银行《关于完善银行卡刷卡手续费定价机制的通知》（发改价格〔2016〕557号）（收单服务费实行市场调节价）", "NDRC and PBoC notice on bank-card fee pricing 《关于完善银行卡刷卡手续费定价机制的通知》 (发改价格〔2016〕557号) (the acquirer fee is market-priced)"),
            Source::new("《非银行支付机构监督管理条例实施细则》（中国人民银行令〔2024〕第4号）第六十二条；《非银行支付机构监督管理条例》（国务院令第768号）第二十条、第三十四条", "Implementing Rules of the Regulations on Non-bank Payment Institutions 《非银行支付机构监督管理条例实施细则》 (PBoC Order〔2024〕No. 4), Art. 62; Regulations on the Supervision of Non-bank Payment Institutions 《非银行支付机构监督管理条例》 (State Council Decree No. 768), Arts. 20, 34"),
        ],
    }
}

/// Runs the sanity check. Findings are ordered: rate, debit cap, add-on, yearly, one-off.
pub fn check_fees(input: &FeeCheckInput) -> Result<FeeCheck, FeeInputError> {
    // parse_money never returns more; a caller that builds the input itself might.
    let observed = match input.rate {
        RateInput::Observed {
            amount_fen,
            fee_fen,
        } => [amount_fen, fee_fen],
        RateInput::Stated(_) => [0, 0],
    };
    let amounts = observed.into_iter().chain([
        input.debit_cap_fen.unwrap_or(0),
        input.per_transaction_addon_fen,
        input.one_off_fen,
        input.yearly_fixed_fen,
        input.monthly_volume_fen,
    ]);
    if amounts.into_iter().any(|fen| fen > MAX_MONEY_FEN) {
        return Err(FeeInputError::AmountTooLarge);
    }
    let fraction = match input.rate {
        RateInput::Stated(rate) => Fraction::of_rate(rate),
        RateInput::Observed { amount_fen: 0, .. } => return Err(FeeInputError::ZeroAmount),
        RateInput::Observed {
            amount_fen,
            fee_fen,
        } if fee_fen > amount_fen => return Err(FeeInputError::FeeExceedsAmount),
        RateInput::Observed {
            amount_fen,
            fee_fen,
        } => Fraction {
            numerator: u128::from(fee_fen),
            denominator: u128::from(amount_fen),
        },
    };
    let needs_count = input.per_transaction_addon_fen > 0
        || (input.card == CardType::Debit && input.debit_cap_fen.is_some());
    if needs_count && input.monthly_volume_fen > 0 && input.monthly_transactions.unwrap_or(0) == 0 {
        return Err(FeeInputError::TransactionCountNeeded);
    }
    let rate = fraction.to_rate();
    let card = input.card.label();
    let mut findings = Vec::new();

    // 1. The rate. An observed debit fee may already be capped; then judge it per transaction.
    let mut band = rate_band(input.card, fraction);
    if let RateInput::Observed {
        amount_fen,
        fee_fen,
    } = input.rate
    {
        let floor = cost_floor_micro(input.card, amount_fen);
        let below_floor = floor.is_some_and(|f| u128::from(fee_fen) * 1_000_000 < f);
        if input.card != CardType::QrOrContactless {
            band = match (below_floor, band) {
                (true, _) => Band::BelowCostFloor,
                // Above the per-transaction floor but a low ratio: the 封顶 is at work.
                (false, Band::BelowCostFloor | Band::Low) if input.card == CardType::Debit => {
                    debit_cap_band(fee_fen)
                }
                (false, Band::BelowCostFloor) => Band::Low,
                (false, b) => b,
            };
        }
    }
    let rate_text = rate.percent_text();
    findings.push(match band {
        Band::BelowCostFloor => below_floor_finding(format!("{}费率 {rate_text} ", card.zh), format!("The {} rate of {rate_text}", card.en)),
        Band::Low => Finding {
            severity: Severity::Info,
            text: Bilingual::new(
                format!("{}费率 {rate_text} 高于成本底线，但低于我们找到的市场区间（0.51%–0.72%）。利润很薄：留意是否有秒到费、流量费等其他收费。", card.zh),
                format!("The {} rate of {rate_text} is above the cost floor but below the market range we found (0.51%–0.72%). The margin is thin: watch for add-on, SIM or other fees.", card.en),
            ),
            sources: vec![Source::new("据发改价格〔2016〕557号和《政府定价的经营服务性收费目录清单（2022版）》规定的上限推算（发卡行服务费＋网络服务费）", "derived from the caps in 发改价格〔2016〕557号 and the NDRC fee list 《政府定价的经营服务性收费目录清单（2022版）》 (issuer fee + network fee)"), Source::unconfirmed("代理商平台的公开源代码（力POS：费率须在0.51%至0.72%之间）", "public source code of an agent platform (力POS: rates must be between 0.51% and 0.72%)")],
        },
        Band::Normal => Finding {
            severity: Severity::Ok,
            text: Bilingual::new(
                format!("{}费率 {rate_text} 在常见的市场区间内（0.51%–0.72%；行业常说标准类0.6%）。这是市场惯例，不是法定费率。", card.zh),
                format!("The {} rate of {rate_text} is within the usual market range (0.51%–0.72%; 0.6% is the commonly quoted standard rate). That is market practice, not a legal rate.", card.en),
            ),
            sources: vec![
                Source::unconfirmed("代理商平台的公开源代码（力POS：费率须在0.51%至0.72%之间）；POS 行业网站资料（标准类0.60%）", "public source code of an agent platform (力POS: rates must be between 0.51% and 0.72%); POS industry web pages (0.60% for standard merchants)"),
                Source::new("国家发展改革委、中国人民银行《关于完善银行卡刷卡手续费定价机制的通知》（发改价格〔2016〕557号）（收单服务费实行市场调节价）", "NDRC and PBoC notice on bank-card fee pricing 《关于完善银行卡刷卡手续费定价机制的通知》 (发改价格〔2016〕557号) (the acquirer fee is market-priced)"),
            ],
        },
        Band::AboveMarket => fee_rise_rules(),
        Band::WithinDisclosedRange | Band::BelowDisclosedRange | Band::AboveDisclosedRange => {
            let (severity, zh, en) = match band {
                Band::WithinDisclosedRange => (Severity::Ok, "在", "within"),
                Band::BelowDisclosedRange => (Severity::Info, "低于", "below"),
                _ => (Severity::Warning, "高于", "above"),
            };
            Finding {
                severity,
                text: Bilingual::new(
                    format!("扫码/云闪付费率 {rate_text} {zh}一家持牌收单机构公示的区间（微信/支付宝 0.22%–1.00%）。扫码没有可靠的成本底线：常说的“1000元以下0.38%”未经核实。"),
                    format!("The QR/contactless rate of {rate_text} is {en} one licensed acquirer's disclosed range (WeChat/Alipay 0.22%–1.00%). There is no reliable cost floor for QR: the often-quoted “0.38% up to 1000 元” is unconfirmed."),
                ),
                sources: vec![
                    Source::new("卡友支付（持牌收单机构）官网公示的收费标准", "fee schedule published on the website of 卡友支付 (a licensed acquirer)"),
                    Source::unconfirmed("没有找到中国银联或中国人民银行关于“1000元以下扫码、云闪付费率0.38%”的文件", "no UnionPay or PBoC document found for the “0.38% up to 1000 元” rate for QR or contactless payments"),
                ],
            }
        }
    });

    // 2. Debit cap.
    let debit_cap_band = match (input.card, input.debit_cap_fen) {
        (CardType::Debit, Some(cap)) => Some(debit_cap_band(cap)),
        _ => None,
    };
    match (input.card, input.debit_cap_fen, debit_cap_band) {
        (CardType::Debit, Some(cap), Some(cap_band)) => findings.push(match cap_band {
            Band::BelowCostFloor => below_floor_finding(format!("借记卡封顶 {} 元", yuan(cap)), format!("A debit cap of {} 元", yuan(cap))),
            _ => {
                let (severity, zh, en) = match cap_band {
                    Band::Low => (Severity::Info, "略低于", "slightly below"),
                    Band::Normal => (Severity::Ok, "在", "within"),
                    _ => (Severity::Warning, "高于", "above"),
                };
                Finding {
                    severity,
                    text: Bilingual::new(
                        format!("借记卡封顶 {} 元{zh}一个代理平台设定的区间（18–25元）。", yuan(cap)),
                        format!("A debit cap of {} 元 is {en} one agent platform's range (18–25 元).", yuan(cap)),
                    ),
                    sources: vec![Source::unconfirmed("代理商平台的公开源代码（力POS：借记卡封顶18至25元）", "public source code of an agent platform (力POS: debit cap between 18 and 25 元)"), Source::new("据发改价格〔2016〕557号和《政府定价的经营服务性收费目录清单（2022版）》的上限推算：13元＋3.25元＝16.25元", "derived from the caps in 发改价格〔2016〕557号 and the NDRC fee list of 2022: 13 + 3.25 = 16.25 元")],
                }
            }
        }),
        (CardType::Debit, None, _) => findings.push(Finding {
            severity: Severity::Info,
            text: Bilingual::new(
                "没有借记卡封顶（或不知道）：发卡行服务费每笔最多13元、网络服务费每笔最多3.25元，所以不封顶时大额借记卡交易付的远超成本。可以问收单机构是否封顶（常见18–25元）。",
                "No debit cap (or unknown): the issuer fee is capped at 13 元 and the network fee at 3.25 元 per transaction, so without a cap large debit payments pay far more than the cost. Ask your acquirer for a cap (18–25 元 is common).",
            ),
            sources: vec![Source::new("国家发展改革委、中国人民银行《关于完善银行卡刷卡手续费定价机制的通知》（发改价格〔2016〕557号）；国家发展改革委《政府定价的经营服务性收费目录清单（2022版）》", "NDRC and PBoC notice on bank-card fee pricing 《关于完善银行卡刷卡手续费定价机制的通知》 (发改价格〔2016〕557号); NDRC list of government-priced service fees 《政府定价的经营服务性收费目录清单（2022版）》"), Source::unconfirmed("代理商平台的公开源代码（力POS：借记卡封顶18至25元）", "public source code of an agent platform (力POS: debit cap between 18 and 25 元)")],
        }),
        _ => {}
    }

    // Cost arithmetic (micro-fen, exact until the final rounding).
    let count = u64::from(input.monthly_transactions.unwrap_or(0));
    let percentage_micro: u128 = match (input.card, input.debit_cap_fen) {
        (CardType::Debit, Some(cap)) if count > 0 => {
            // Approximation: every transaction at the average ticket.
            let per_txn = fraction.apply_micro(input.monthly_volume_fen) / u128::from(count);
            per_txn.min(u128::from(cap) * 1_000_000) * u128::from(count)
        }
        _ => fraction.apply_micro(input.monthly_volume_fen),
    };
    let addon_micro = u128::from(input.per_transaction_addon_fen) * u128::from(count) * 1_000_000;
    let to_fen = |micro: u128| u64::try_from((micro + 500_000) / 1_000_000).unwrap_or(u64::MAX);
    let later_year_cost_fen =
        to_fen((percentage_micro + addon_micro) * 12).saturating_add(input.yearly_fixed_fen);
    let first_year_cost_fen = later_year_cost_fen.saturating_add(input.one_off_fen);
    let yearly_volume = u128::from(input.monthly_volume_fen) * 12;
    let all_in_rate = (yearly_volume > 0).then(|| {
        Fraction {
            numerator: u128::from(first_year_cost_fen),
            denominator: yearly_volume,
        }
        .to_rate()
    });

    // 3. Per-transaction add-on.
    let mut addon_rate = None;
    if input.per_transaction_addon_fen > 0 {
        let effective = (count > 0 && input.monthly_volume_fen > 0).then(|| {
            let avg = input.monthly_volume_fen / count;
            let per_txn = Fraction {
                numerator: percentage_micro + addon_micro,
                denominator: u128::from(input.monthly_volume_fen) * 1_000_000,
            };
            (
                avg,
                per_txn.to_rate(),
                per_txn.cmp_rate(MARKET_HIGH).is_gt(),
            )
        });
        addon_rate = effective.map(|(avg, r, _)| (avg, r));
        let (extra_zh, extra_en, above) = match effective {
            Some((avg, r, above)) => (
                format!(
                    "按平均每笔 {} 元计，实际费率约为 {}。",
                    yuan(avg),
                    r.percent_text()
                ),
                format!(
                    " At your average ticket of {} 元 the effective rate is about {}.",
                    yuan(avg),
                    r.percent_text()
                ),
                above,
            ),
            None => (String::new(), String::new(), false),
        };
        findings.push(Finding {
            severity: if above { Severity::Warning } else { Severity::Info },
            text: Bilingual::new(
                format!("每笔另收 {} 元（秒到费/提现费一类）。{extra_zh}这类附加费必须事先在协议和公示中写明；支付机构不得收取任何未标明的费用。“+3”只是市场上常见的说法，并非规范标准。", yuan(input.per_transaction_addon_fen)),
                format!("An extra {} 元 per transaction (instant-settlement/withdrawal fee).{extra_en} Such add-ons must be in the agreement and the published fees; a payment institution may not charge any unmarked fee. “+3” is a common market practice, not a norm.", yuan(input.per_transaction_addon_fen)),
            ),
            sources: vec![
                Source::unconfirmed("代理商平台的公开源代码（每笔固定的提现手续费）；POS 代理商网站的宣传文字（“永不+3”）", "public source code of agent platforms (a fixed withdrawal fee per transaction); POS agents' marketing text (“永不+3”, never +3)"),
                Source::new("《非银行支付机构监督管理条例》（国务院令第768号）第三十四条；《明码标价和禁止价格欺诈规定》（国家市场监督管理总局令第56号）第八条", "Regulations on the Supervision of Non-bank Payment Institutions 《非银行支付机构监督管理条例》 (State Council Decree No. 768), Art. 34; Provisions on Marked Prices and Price Fraud 《明码标价和禁止价格欺诈规定》 (SAMR Order No. 56), Art. 8"),
            ],
        });
    }

    // 4. Yearly fixed fees (SIM/流量费, 服务费).
    if input.yearly_fixed_fen > 0 {
        let (severity, zh, en) = if input.yearly_fixed_fen > SIM_FEE_HIGH_FEN {
            (
                Severity::Warning,
                "一个行业网页认为流量费超过100元/年“偏高”。",
                "One industry page calls a SIM fee above 100 元/year “high”.",
            )
        } else if input.yearly_fixed_fen > SIM_FEE_TYPICAL_HIGH_FEN {
            (
                Severity::Info,
                "高于行业网页所说的常见36–60元/年。",
                "Above the 36–60 元/year an industry page calls typical.",
            )
        } else {
            (
                Severity::Ok,
                "在行业网页所说的常见范围内（36–60元/年）。",
                "Within the 36–60 元/year an industry page calls typical.",
            )
        };
        findings.push(Finding {
            severity,
            text: Bilingual::new(
                format!("每年固定费用 {} 元（流量费/服务费）。{zh}只有签约前披露过才正当。", yuan(input.yearly_fixed_fen)),
                format!("Yearly fixed fees of {} 元 (SIM/service). {en} They are legitimate only if disclosed before signing.", yuan(input.yearly_fixed_fen)),
            ),
            sources: vec![
                Source::unconfirmed("POS 行业网站资料（流量费常见36–60元/年）", "POS industry web pages (SIM fees of 36–60 元/year are typical)"),
                Source::new("卡友支付（持牌收单机构）官网公示的收费标准（网络服务费0–198元/年）", "fee schedule published on the website of 卡友支付, a licensed acquirer (network service fee 0–198 元/year)"),
                Source::new("《非银行支付机构监督管理条例》（国务院令第768号）第三十四条", "Regulations on the Supervision of Non-bank Payment Institutions 《非银行支付机构监督管理条例》 (State Council Decree No. 768), Art. 34"),
            ],
        });
    }

    // 5. One-off deposit / activation fee.
    if input.one_off_fen > 0 {
        findings.push(Finding {
            severity: Severity::Warning,
            text: Bilingual::new(
                format!("一次性收费 {} 元（押金/激活费）。中国支付清算协会把收单外包机构“违规收取特约商户押金”列为风险行为；若退还要求达到交易量，请保留书面约定。", yuan(input.one_off_fen)),
                format!("A one-off charge of {} 元 (deposit/activation fee). The Payment & Clearing Association lists “improperly charging merchants a deposit” as a risk behaviour of outsourced agents; if a refund depends on reaching a volume, keep the written terms.", yuan(input.one_off_fen)),
            ),
            sources: vec![Source::new("中国支付清算协会《收单外包服务评价管理规范》（中支协发〔2025〕64号）第十五条第（二十一）项", "PCAC rules for evaluating acquiring outsourcers 《收单外包服务评价管理规范》 (中支协发〔2025〕64号), Art. 15(21)")],
        });
    }

    let severity = findings
        .iter()
        .map(|f| f.severity)
        .max()
        .unwrap_or(Severity::Ok)
        .max(band.severity());
    Ok(FeeCheck {
        rate,
        band,
        debit_cap_band,
        first_year_cost_fen,
        later_year_cost_fen,
        all_in_rate,
        addon_rate,
        findings,
        severity,
    })
}

// ---------------------------------------------------------------------------------------------
// The form: raw text as the merchant typed it (or a deep link carried it)
// ---------------------------------------------------------------------------------------------

/// The fee form's ten fields as typed (amounts in 元, rates as [`parse_rate`] reads them).
/// Also the deep-link parameters of `/check/fee`, named as in [`FeeForm::FIELDS`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FeeForm {
    /// `credit`, `debit` or `qr`; empty means credit.
    pub card: String,
    pub rate: String,
    /// One transaction's amount and the fee deducted from it (used when `rate` is empty).
    pub amount: String,
    pub fee: String,
    /// Debit cap per transaction (only used for debit cards).
    pub cap: String,
    pub addon: String,
    pub oneoff: String,
    pub yearly: String,
    pub volume: String,
    /// Transactions per month (a whole number).
    pub count: String,
}

impl FeeForm {
    /// The field names, in form order: also the query parameter names.
    pub const FIELDS: [&'static str; 10] = [
        "card", "rate", "amount", "fee", "cap", "addon", "oneoff", "yearly", "volume", "count",
    ];

    /// A form filled by looking up each of [`FeeForm::FIELDS`] (e.g. in the query string).
    pub fn from_fields(mut get: impl FnMut(&'static str) -> String) -> FeeForm {
        FeeForm {
            card: get("card"),
            rate: get("rate"),
            amount: get("amount"),
            fee: get("fee"),
            cap: get("cap"),
            addon: get("addon"),
            oneoff: get("oneoff"),
            yearly: get("yearly"),
            volume: get("volume"),
            count: get("count"),
        }
    }

    /// `(name, value)` for each of [`FeeForm::FIELDS`], in the same order.
    pub fn pairs(&self) -> [(&'static str, String); 10] {
        let values = [
            &self.card,
            &self.rate,
            &self.amount,
            &self.fee,
            &self.cap,
            &self.addon,
            &self.oneoff,
            &self.yearly,
            &self.volume,
            &self.count,
        ];
        std::array::from_fn(|i| (Self::FIELDS[i], values[i].clone()))
    }

    /// Whether the form holds something to check: a rate, an amount or a fee (a deep link
    /// with only extras is not checked until submitted).
    pub fn has_rate_input(&self) -> bool {
        !self.rate.is_empty() || !self.amount.is_empty() || !self.fee.is_empty()
    }

    /// The domain input, or every problem with the form (bilingual).
    pub fn to_input(&self) -> Result<FeeCheckInput, Vec<Bilingual>> {
        let mut errors = Vec::new();
        let card = match self.card.trim() {
            "" | "credit" => CardType::Credit,
            "debit" => CardType::Debit,
            "qr" => CardType::QrOrContactless,
            other => {
                errors.push(Bilingual::new(
                    format!("卡类型“{other}”不认识，应为 credit、debit 或 qr。"),
                    format!("Card type “{other}” is unknown; use credit, debit or qr."),
                ));
                CardType::Credit
            }
        };
        let mut money = |label: (&str, &str), v: &str| -> Option<u64> {
            if v.trim().is_empty() {
                return None;
            }
            match parse_money(v) {
                Ok(f) => Some(f),
                Err(e) => {
                    let m = e.message();
                    errors.push(Bilingual::new(
                        format!("{}：{}", label.0, m.zh),
                        format!("{}: {}", label.1, m.en),
                    ));
                    None
                }
            }
        };
        let amount = money(("交易金额", "Amount"), &self.amount);
        let fee = money(("手续费", "Fee"), &self.fee);
        let cap = money(("封顶", "Cap"), &self.cap);
        let addon = money(("每笔附加费", "Per-transaction add-on"), &self.addon);
        let oneoff = money(("一次性费用", "One-off charges"), &self.oneoff);
        let yearly = money(("每年固定费用", "Yearly charges"), &self.yearly);
        let volume = money(("每月流水", "Monthly volume"), &self.volume);
        let count = if self.count.trim().is_empty() {
            None
        } else {
            match self.count.trim().parse::<u32>() {
                Ok(n) => Some(n),
                Err(_) => {
                    errors.push(Bilingual::new(
                        "每月笔数应为整数。",
                        "Transactions per month must be a whole number.",
                    ));
                    None
                }
            }
        };
        let rate = if !self.rate.trim().is_empty() {
            match parse_rate(&self.rate) {
                Ok(r) => Some(RateInput::Stated(r)),
                Err(e) => {
                    let m = e.message();
                    errors.push(Bilingual::new(
                        format!("费率：{}", m.zh),
                        format!("Rate: {}", m.en),
                    ));
                    None
                }
            }
        } else {
            match (amount, fee) {
                (Some(amount_fen), Some(fee_fen)) => Some(RateInput::Observed {
                    amount_fen,
                    fee_fen,
                }),
                _ => {
                    errors.push(Bilingual::new(
                        "请填写费率，或者填写一笔交易的金额和实际扣除的手续费。",
                        "Enter the rate, or the amount of one transaction and the fee actually deducted.",
                    ));
                    None
                }
            }
        };
        match (errors.is_empty(), rate) {
            (true, Some(rate)) => Ok(FeeCheckInput {
                card,
                rate,
                debit_cap_fen: if card == CardType::Debit { cap } else { None },
                per_transaction_addon_fen: addon.unwrap_or(0),
                one_off_fen: oneoff.unwrap_or(0),
                yearly_fixed_fen: yearly.unwrap_or(0),
                monthly_volume_fen: volume.unwrap_or(0),
                monthly_transactions: count,
            }),
            _ => Err(errors),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// What a verdict says
// ---------------------------------------------------------------------------------------------

impl Band {
    /// A stable code for the band (the page's `data-verdict`; e2e tests read it).
    pub fn code(self) -> &'static str {
        match self {
            Band::BelowCostFloor => "below-floor",
            Band::Low => "low",
            Band::Normal => "normal",
            Band::AboveMarket => "above-market",
            Band::WithinDisclosedRange => "within-disclosed",
            Band::BelowDisclosedRange => "below-disclosed",
            Band::AboveDisclosedRange => "above-disclosed",
        }
    }

    /// The verdict's headline for this band.
    pub fn headline(self) -> Bilingual {
        match self {
            Band::BelowCostFloor => Bilingual::new(
                "低于监管成本底线：警惕跳码、二清或隐藏费用",
                "Below the regulatory cost floor: watch for 跳码 (MCC jumping), 二清 (agent settlement) or hidden fees",
            ),
            Band::Low => Bilingual::new(
                "偏低（高于成本底线，低于常见市场区间）",
                "Low (above the cost floor, below the common market range)",
            ),
            Band::Normal => Bilingual::new(
                "正常：在常见市场区间内（市场惯例，不是法定费率）",
                "Normal: within the common market range (market practice, not a legal rate)",
            ),
            Band::AboveMarket => Bilingual::new(
                "偏高：高于常见市场区间，可能被多收费",
                "High: above the common market range — possibly overcharged",
            ),
            Band::WithinDisclosedRange => Bilingual::new(
                "在一家收单机构公开的扫码费率区间内",
                "Within one acquirer's disclosed QR range",
            ),
            Band::BelowDisclosedRange => {
                Bilingual::new("低于已公开的扫码费率区间", "Below the disclosed QR range")
            }
            Band::AboveDisclosedRange => {
                Bilingual::new("高于已公开的扫码费率区间", "Above the disclosed QR range")
            }
        }
    }
}

impl FeeCheck {
    /// The letters that fit this verdict (letter kinds as in `/letters/<kind>`): below the
    /// cost floor the acquirer and the PBoC; above the range also a 12315 report; any other
    /// warning the acquirer; nothing for a plain result.
    pub fn letter_kinds(&self) -> Vec<&'static str> {
        match self.band {
            Band::BelowCostFloor => vec!["acquirer", "pboc"],
            Band::AboveMarket | Band::AboveDisclosedRange => {
                vec!["acquirer", "pboc", "report-12315"]
            }
            _ if self.severity >= Severity::Warning => vec!["acquirer"],
            _ => vec![],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stated(card: CardType, rate: &str) -> FeeCheck {
        check_fees(&FeeCheckInput {
            card,
            rate: RateInput::Stated(parse_rate(rate).unwrap()),
            debit_cap_fen: Some(2_000),
            per_transaction_addon_fen: 0,
            one_off_fen: 0,
            yearly_fixed_fen: 0,
            monthly_volume_fen: 0,
            monthly_transactions: None,
        })
        .unwrap()
    }

    #[test]
    fn edge_numbers_are_the_sum_of_the_caps() {
        assert_eq!(
            CREDIT_COST_FLOOR.0,
            CREDIT_ISSUER_CAP.0 + NETWORK_FEE_PER_SIDE.0
        );
        assert_eq!(
            DEBIT_COST_FLOOR.0,
            DEBIT_ISSUER_CAP.0 + NETWORK_FEE_PER_SIDE.0
        );
        assert_eq!(
            DEBIT_CAP_FLOOR_FEN,
            DEBIT_ISSUER_CAP_FEN + NETWORK_CAP_PER_SIDE_FEN
        );
    }

    #[test]
    fn parses_rates_as_merchants_write_them() {
        assert_eq!(parse_rate("0.6"), Ok(Rate(6_000)));
        assert_eq!(parse_rate("0.60%"), Ok(Rate(6_000)));
        assert_eq!(parse_rate(" 0.6 % "), Ok(Rate(6_000)));
        assert_eq!(parse_rate("０．６０％"), Ok(Rate(6_000)));
        assert_eq!(parse_rate("６０"), Ok(Rate(6_000)));
        assert_eq!(parse_rate("万分之60"), Ok(Rate(6_000)));
        assert_eq!(parse_rate("万60"), Ok(Rate(6_000)));
        assert_eq!(parse_rate("千分之6"), Ok(Rate(6_000)));
        assert_eq!(parse_rate("0.4825%"), Ok(Rate(4_825)));
        assert_eq!(parse_rate("48.25"), Ok(Rate(4_825)));
        assert_eq!(parse_rate(""), Err(RateParseError::Empty));
        assert_eq!(
            parse_rate("abc"),
            Err(RateParseError::NotANumber("abc".into()))
        );
        assert_eq!(
            parse_rate("0.48251%"),
            Err(RateParseError::TooManyDecimals("0.48251%".into()))
        );
        assert_eq!(parse_rate("7"), Err(RateParseError::Ambiguous("7".into())));
        assert_eq!(
            parse_rate("600"),
            Err(RateParseError::Ambiguous("600".into()))
        );
        assert_eq!(parse_rate("120%"), Err(RateParseError::TooHigh));
        assert_eq!(
            parse_rate("-0.6%"),
            Err(RateParseError::NotANumber("-0.6%".into()))
        );
        assert!(RateParseError::Ambiguous("7".into())
            .message()
            .is_complete());
        assert_eq!(Rate(6_000).percent_text(), "0.60%");
        assert_eq!(Rate(4_825).percent_text(), "0.4825%");
    }

    #[test]
    fn parses_money_into_fen() {
        assert_eq!(parse_money("1000"), Ok(100_000));
        assert_eq!(parse_money("1,000.5"), Ok(100_050));
        assert_eq!(parse_money("¥３元"), Ok(300));
        assert_eq!(parse_money("16.25"), Ok(1_625));
        assert_eq!(
            parse_money("1.005"),
            Err(MoneyParseError::TooManyDecimals("1.005".into()))
        );
        assert_eq!(parse_money(" "), Err(MoneyParseError::Empty));
        assert_eq!(
            parse_money("十元"),
            Err(MoneyParseError::NotANumber("十元".into()))
        );
    }

    #[test]
    fn credit_bands_at_their_exact_edges() {
        let band = |r| stated(CardType::Credit, r).band;
        assert_eq!(band("0.38%"), Band::BelowCostFloor);
        assert_eq!(band("0.4824%"), Band::BelowCostFloor);
        assert_eq!(band("0.4825%"), Band::Low);
        assert_eq!(band("0.5099%"), Band::Low);
        assert_eq!(band("0.51%"), Band::Normal);
        assert_eq!(band("0.60%"), Band::Normal);
        assert_eq!(band("0.72%"), Band::Normal);
        assert_eq!(band("0.7201%"), Band::AboveMarket);
        assert_eq!(band("1.25%"), Band::AboveMarket);
        assert_eq!(
            stated(CardType::Credit, "0.38%").severity,
            Severity::RedFlag
        );
        assert_eq!(stated(CardType::Credit, "0.6%").severity, Severity::Ok);
        let above = stated(CardType::Credit, "1%");
        assert_eq!(above.severity, Severity::Warning);
        assert!(above.findings[0].text.zh.contains("30个自然日"));
        assert!(above.findings[0]
            .sources
            .iter()
            .any(|s| s.zh.contains("第六十二条")));
        // Never called law: the normal band says market practice.
        assert!(stated(CardType::Credit, "0.6%").findings[0]
            .text
            .zh
            .contains("不是法定费率"));
    }

    #[test]
    fn debit_bands_and_cap_edges() {
        let band = |r| stated(CardType::Debit, r).band;
        assert_eq!(band("0.3824%"), Band::BelowCostFloor);
        assert_eq!(band("0.3825%"), Band::Low);
        assert_eq!(band("0.38%"), Band::BelowCostFloor);
        let cap = |fen| {
            check_fees(&FeeCheckInput {
                card: CardType::Debit,
                rate: RateInput::Stated(Rate(6_000)),
                debit_cap_fen: Some(fen),
                per_transaction_addon_fen: 0,
                one_off_fen: 0,
                yearly_fixed_fen: 0,
                monthly_volume_fen: 0,
                monthly_transactions: None,
            })
            .unwrap()
            .debit_cap_band
            .unwrap()
        };
        assert_eq!(cap(1_624), Band::BelowCostFloor);
        assert_eq!(cap(1_625), Band::Low);
        assert_eq!(cap(1_800), Band::Normal);
        assert_eq!(cap(2_500), Band::Normal);
        assert_eq!(cap(2_501), Band::AboveMarket);
    }

    #[test]
    fn observed_fees_are_compared_exactly() {
        let observed = |card, amount_fen, fee_fen| {
            check_fees(&FeeCheckInput {
                card,
                rate: RateInput::Observed {
                    amount_fen,
                    fee_fen,
                },
                debit_cap_fen: None,
                per_transaction_addon_fen: 0,
                one_off_fen: 0,
                yearly_fixed_fen: 0,
                monthly_volume_fen: 0,
                monthly_transactions: None,
            })
            .unwrap()
        };
        // 4825 fen on 1,000,000 fen is exactly the floor; one fen less is below.
        assert_eq!(observed(CardType::Credit, 1_000_000, 4_825).band, Band::Low);
        assert_eq!(
            observed(CardType::Credit, 1_000_000, 4_824).band,
            Band::BelowCostFloor
        );
        assert_eq!(observed(CardType::Credit, 100_000, 600).band, Band::Normal);
        assert_eq!(observed(CardType::Credit, 100_000, 600).rate, Rate(6_000));
        // A 20,000 元 debit payment charged 20 元: capped, and the cap is normal.
        assert_eq!(
            observed(CardType::Debit, 2_000_000, 2_000).band,
            Band::Normal
        );
        // Charged 16 元: below the 16.25 元 per-transaction floor.
        assert_eq!(
            observed(CardType::Debit, 2_000_000, 1_600).band,
            Band::BelowCostFloor
        );
        assert_eq!(
            check_fees(&FeeCheckInput {
                card: CardType::Credit,
                rate: RateInput::Observed {
                    amount_fen: 0,
                    fee_fen: 0
                },
                debit_cap_fen: None,
                per_transaction_addon_fen: 0,
                one_off_fen: 0,
                yearly_fixed_fen: 0,
                monthly_volume_fen: 0,
                monthly_transactions: None,
            }),
            Err(FeeInputError::ZeroAmount)
        );
    }

    #[test]
    fn yearly_cost_with_extras() {
        let check = check_fees(&FeeCheckInput {
            card: CardType::Credit,
            rate: RateInput::Stated(Rate(6_000)),
            debit_cap_fen: None,
            per_transaction_addon_fen: 300,
            one_off_fen: 29_900,
            yearly_fixed_fen: 6_800,
            monthly_volume_fen: 10_000_000, // 100,000 元
            monthly_transactions: Some(100),
        })
        .unwrap();
        // 0.6 % of 100,000 元 = 600 元/month; +3 元 × 100 = 300 元/month → 10,800 元/year.
        assert_eq!(check.later_year_cost_fen, 1_080_000 + 6_800);
        assert_eq!(check.first_year_cost_fen, 1_080_000 + 6_800 + 29_900);
        // (600 + 300) / 100,000 = 0.9 % per transaction → above market via the add-on.
        assert!(check
            .findings
            .iter()
            .any(|f| f.text.en.contains("about 0.90%") && f.severity == Severity::Warning));
        assert_eq!(check.severity, Severity::Warning);
        assert_eq!(check.all_in_rate, Some(Rate(9_306))); // 11,167 元 / 1,200,000 元 = 0.93058 %
        let missing_count = FeeCheckInput {
            monthly_transactions: None,
            ..FeeCheckInput {
                card: CardType::Credit,
                rate: RateInput::Stated(Rate(6_000)),
                debit_cap_fen: None,
                per_transaction_addon_fen: 300,
                one_off_fen: 0,
                yearly_fixed_fen: 0,
                monthly_volume_fen: 100,
                monthly_transactions: Some(1),
            }
        };
        assert_eq!(
            check_fees(&missing_count),
            Err(FeeInputError::TransactionCountNeeded)
        );
    }

    /// Found by tests/fuzz_parsers.rs: amounts no form produces overflowed u128 in debug builds
    /// (and wrapped silently in release). Now refused with a message.
    #[test]
    fn amounts_above_the_limit_are_refused_not_overflowed() {
        let input = FeeCheckInput {
            card: CardType::Credit,
            rate: RateInput::Observed {
                amount_fen: 15_219_399_737_539_309_114,
                fee_fen: 0,
            },
            debit_cap_fen: None,
            per_transaction_addon_fen: 1_622_624_359_589_534_701,
            one_off_fen: 0,
            yearly_fixed_fen: 0,
            monthly_volume_fen: u64::MAX,
            monthly_transactions: Some(u32::MAX),
        };
        assert_eq!(check_fees(&input), Err(FeeInputError::AmountTooLarge));
        assert!(FeeInputError::AmountTooLarge
            .message()
            .zh
            .contains("10亿元"));
        // At the limit everything still computes.
        let at_limit = FeeCheckInput {
            rate: RateInput::Observed {
                amount_fen: MAX_MONEY_FEN,
                fee_fen: MAX_MONEY_FEN,
            },
            per_transaction_addon_fen: MAX_MONEY_FEN,
            monthly_volume_fen: MAX_MONEY_FEN,
            ..input
        };
        assert!(check_fees(&at_limit).is_ok());
    }

    #[test]
    fn qr_has_no_floor_only_the_disclosed_range() {
        assert_eq!(
            stated(CardType::QrOrContactless, "0.38%").band,
            Band::WithinDisclosedRange
        );
        assert_eq!(
            stated(CardType::QrOrContactless, "0.2199%").band,
            Band::BelowDisclosedRange
        );
        assert_eq!(
            stated(CardType::QrOrContactless, "1.0001%").band,
            Band::AboveDisclosedRange
        );
        let f = &stated(CardType::QrOrContactless, "0.38%").findings[0];
        assert!(f.sources.iter().any(|s| s.unconfirmed));
    }

    #[test]
    fn every_finding_is_bilingual_and_sourced() {
        // Every band, every card type, every debit cap band (and none), and every extra fee.
        let mut checks = Vec::new();
        for rate in ["0.3%", "0.5%", "0.6%", "0.9%"] {
            for card in [CardType::Credit, CardType::Debit, CardType::QrOrContactless] {
                for cap in [None, Some(1_000), Some(1_700), Some(2_000), Some(3_000)] {
                    for (addon, one_off, yearly) in [
                        (0, 0, 0),
                        (300, 29_900, 3_000),
                        (300, 0, 12_000),
                        (0, 0, 8_000),
                    ] {
                        checks.push(FeeCheckInput {
                            card,
                            rate: RateInput::Stated(parse_rate(rate).unwrap()),
                            debit_cap_fen: cap,
                            per_transaction_addon_fen: addon,
                            one_off_fen: one_off,
                            yearly_fixed_fen: yearly,
                            monthly_volume_fen: 5_000_000,
                            monthly_transactions: Some(100),
                        });
                    }
                }
            }
        }
        for input in checks {
            for f in check_fees(&input).unwrap().findings {
                assert!(f.text.is_complete());
                assert!(!f.sources.is_empty());
                for source in &f.sources {
                    assert_eq!(source.citation_problems(), Vec::<String>::new());
                }
            }
        }
    }
}

#[cfg(test)]
mod form_tests {
    use super::*;

    fn form(pairs: &[(&str, &str)]) -> FeeForm {
        FeeForm::from_fields(|name| {
            pairs
                .iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| v.to_string())
                .unwrap_or_default()
        })
    }

    fn errors(pairs: &[(&str, &str)]) -> Vec<Bilingual> {
        form(pairs).to_input().expect_err("the form is invalid")
    }

    #[test]
    fn fields_round_trip_through_pairs() {
        let values = [
            "debit", "0.6%", "1000", "6", "20", "3", "99", "60", "50000", "100",
        ];
        let pairs: Vec<(&str, &str)> = FeeForm::FIELDS.iter().copied().zip(values).collect();
        let f = form(&pairs);
        assert_eq!(f.card, "debit");
        assert_eq!(f.count, "100");
        let back: Vec<(&str, String)> = f.pairs().into_iter().collect();
        let expected: Vec<(&str, String)> =
            pairs.iter().map(|(k, v)| (*k, v.to_string())).collect();
        assert_eq!(back, expected);
    }

    #[test]
    fn only_a_rate_amount_or_fee_makes_a_form_worth_checking() {
        assert!(!FeeForm::default().has_rate_input());
        assert!(!form(&[("card", "debit"), ("volume", "5000")]).has_rate_input());
        assert!(form(&[("rate", "0.6")]).has_rate_input());
        assert!(form(&[("amount", "100")]).has_rate_input());
        assert!(form(&[("fee", "1")]).has_rate_input());
    }

    #[test]
    fn a_stated_rate_with_every_extra_becomes_the_input() {
        let input = form(&[
            ("card", " debit "),
            ("rate", "0.6%"),
            ("cap", "20"),
            ("addon", "3"),
            ("oneoff", "99"),
            ("yearly", "60.5"),
            ("volume", "50,000"),
            ("count", " 100 "),
        ])
        .to_input()
        .unwrap();
        assert_eq!(
            input,
            FeeCheckInput {
                card: CardType::Debit,
                rate: RateInput::Stated(Rate(6_000)),
                debit_cap_fen: Some(2_000),
                per_transaction_addon_fen: 300,
                one_off_fen: 9_900,
                yearly_fixed_fen: 6_050,
                monthly_volume_fen: 5_000_000,
                monthly_transactions: Some(100),
            }
        );
    }

    #[test]
    fn amount_and_fee_stand_in_for_a_missing_rate() {
        let input = form(&[("card", "qr"), ("amount", "1000"), ("fee", "6")])
            .to_input()
            .unwrap();
        assert_eq!(input.card, CardType::QrOrContactless);
        assert_eq!(
            input.rate,
            RateInput::Observed {
                amount_fen: 100_000,
                fee_fen: 600
            }
        );
        assert_eq!(input.monthly_transactions, None);
        assert_eq!(input.monthly_volume_fen, 0);
    }

    #[test]
    fn empty_card_is_credit_and_a_cap_counts_only_for_debit() {
        let input = form(&[("rate", "0.6"), ("cap", "20")]).to_input().unwrap();
        assert_eq!(input.card, CardType::Credit);
        assert_eq!(input.debit_cap_fen, None);
        let input = form(&[("card", "credit"), ("rate", "0.6"), ("cap", "20")])
            .to_input()
            .unwrap();
        assert_eq!(input.debit_cap_fen, None);
    }

    #[test]
    fn an_unknown_card_type_is_named() {
        assert_eq!(
            errors(&[("card", "amex"), ("rate", "0.6")]),
            vec![Bilingual::new(
                "卡类型“amex”不认识，应为 credit、debit 或 qr。",
                "Card type “amex” is unknown; use credit, debit or qr.",
            )]
        );
    }

    #[test]
    fn each_bad_amount_is_named_by_its_field() {
        let labels = [
            ("amount", "交易金额", "Amount"),
            ("fee", "手续费", "Fee"),
            ("cap", "封顶", "Cap"),
            ("addon", "每笔附加费", "Per-transaction add-on"),
            ("oneoff", "一次性费用", "One-off charges"),
            ("yearly", "每年固定费用", "Yearly charges"),
            ("volume", "每月流水", "Monthly volume"),
        ];
        for (field, zh, en) in labels {
            let found = errors(&[("rate", "0.6"), (field, "abc")]);
            assert_eq!(
                found,
                vec![Bilingual::new(
                    format!("{zh}：“abc”不是金额。"),
                    format!("{en}: “abc” is not an amount."),
                )],
                "{field}"
            );
        }
        assert_eq!(
            errors(&[("rate", "0.6"), ("fee", "1.234")]),
            vec![Bilingual::new(
                "手续费：“1.234”的小数超过两位（分）。",
                "Fee: “1.234” has more than two decimals (fen).",
            )]
        );
    }

    #[test]
    fn a_count_must_be_a_whole_number() {
        for bad in ["1.5", "-3", "many"] {
            assert_eq!(
                errors(&[("rate", "0.6"), ("count", bad)]),
                vec![Bilingual::new(
                    "每月笔数应为整数。",
                    "Transactions per month must be a whole number.",
                )],
                "{bad}"
            );
        }
    }

    #[test]
    fn a_bad_rate_says_why() {
        assert_eq!(
            errors(&[("rate", "7")]),
            vec![Bilingual::new(
                "费率：“7”不明确：请加上 %（如 0.6%）或写“万分之60”。",
                "Rate: “7” is ambiguous: add % (e.g. 0.6%) or write 万分之60.",
            )]
        );
    }

    #[test]
    fn without_a_rate_both_amount_and_fee_are_needed() {
        let needed = Bilingual::new(
            "请填写费率，或者填写一笔交易的金额和实际扣除的手续费。",
            "Enter the rate, or the amount of one transaction and the fee actually deducted.",
        );
        assert_eq!(errors(&[]), vec![needed.clone()]);
        assert_eq!(errors(&[("amount", "1000")]), vec![needed.clone()]);
        assert_eq!(errors(&[("fee", "6")]), vec![needed.clone()]);
        assert_eq!(errors(&[("rate", "  "), ("fee", "6")]), vec![needed]);
    }

    #[test]
    fn every_problem_is_reported_at_once_in_form_order() {
        let found = errors(&[("card", "x"), ("amount", "a"), ("fee", "b"), ("count", "c")]);
        let zh: Vec<&str> = found.iter().map(|b| b.zh.as_str()).collect();
        assert_eq!(zh.len(), 5, "{zh:?}");
        assert!(zh[0].starts_with("卡类型"));
        assert!(zh[1].starts_with("交易金额："));
        assert!(zh[2].starts_with("手续费："));
        assert_eq!(zh[3], "每月笔数应为整数。");
        assert!(zh[4].starts_with("请填写费率"));
    }

    const BANDS: [Band; 7] = [
        Band::BelowCostFloor,
        Band::Low,
        Band::Normal,
        Band::AboveMarket,
        Band::WithinDisclosedRange,
        Band::BelowDisclosedRange,
        Band::AboveDisclosedRange,
    ];

    #[test]
    fn each_band_has_its_own_code_and_headline() {
        let codes: std::collections::HashSet<&str> = BANDS.iter().map(|b| b.code()).collect();
        assert_eq!(codes.len(), BANDS.len());
        let headlines: std::collections::HashSet<String> =
            BANDS.iter().map(|b| b.headline().zh).collect();
        assert_eq!(headlines.len(), BANDS.len());
        for b in BANDS {
            assert!(b.headline().is_complete(), "{b:?}");
        }
        assert_eq!(Band::BelowCostFloor.code(), "below-floor");
        assert_eq!(Band::AboveDisclosedRange.code(), "above-disclosed");
    }

    #[test]
    fn the_headline_follows_the_checked_band() {
        let check = |card, rate: &str| {
            let input = form(&[("card", card), ("rate", rate)]).to_input().unwrap();
            check_fees(&input).unwrap()
        };
        let cases = [
            (
                "credit",
                "0.38%",
                "低于监管成本底线：警惕跳码、二清或隐藏费用",
            ),
            ("credit", "0.5%", "偏低（高于成本底线，低于常见市场区间）"),
            (
                "credit",
                "0.6%",
                "正常：在常见市场区间内（市场惯例，不是法定费率）",
            ),
            ("debit", "0.9%", "偏高：高于常见市场区间，可能被多收费"),
            ("qr", "0.38%", "在一家收单机构公开的扫码费率区间内"),
            ("qr", "0.2%", "低于已公开的扫码费率区间"),
            ("qr", "1.2%", "高于已公开的扫码费率区间"),
        ];
        for (card, rate, zh) in cases {
            assert_eq!(check(card, rate).band.headline().zh, zh, "{card} {rate}");
        }
        assert_eq!(
            check("credit", "0.9%").band.headline().en,
            "High: above the common market range — possibly overcharged"
        );
    }

    #[test]
    fn letters_fit_the_band_and_the_severity() {
        let with = |band: Band, severity: Severity| FeeCheck {
            rate: Rate(6_000),
            band,
            debit_cap_band: None,
            first_year_cost_fen: 0,
            later_year_cost_fen: 0,
            all_in_rate: None,
            addon_rate: None,
            findings: vec![],
            severity,
        };
        assert_eq!(
            with(Band::BelowCostFloor, Severity::RedFlag).letter_kinds(),
            ["acquirer", "pboc"]
        );
        for band in [Band::AboveMarket, Band::AboveDisclosedRange] {
            assert_eq!(
                with(band, Severity::Warning).letter_kinds(),
                ["acquirer", "pboc", "report-12315"]
            );
        }
        assert_eq!(
            with(Band::Normal, Severity::Warning).letter_kinds(),
            ["acquirer"]
        );
        assert_eq!(
            with(Band::Low, Severity::RedFlag).letter_kinds(),
            ["acquirer"]
        );
        assert!(with(Band::Normal, Severity::Ok).letter_kinds().is_empty());
        assert!(with(Band::BelowDisclosedRange, Severity::Info)
            .letter_kinds()
            .is_empty());
    }
}
