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

    /// Rounded half-up to two decimals: `1.03%` (for computed rates such as the all-in rate).
    pub fn rounded_text(self) -> String {
        let hundredths = (u64::from(self.0) + 50) / 100;
        format!("{}.{:02}%", hundredths / 100, hundredths % 100)
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

/// The merchant's fee category (标准类/优惠类/减免类, the labels of 银发〔2021〕169号 and of acquirer
/// systems). Issuer and network fees are lower (优惠类) or waived (减免类) for the categories
/// 发改价格〔2016〕557号 names, so a rate below the standard cost is legitimate there.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum MerchantCategory {
    /// 不知道 (the default).
    #[default]
    Unknown,
    Standard,
    Discounted,
    Exempt,
}

impl MerchantCategory {
    pub const ALL: [MerchantCategory; 4] = [
        MerchantCategory::Unknown,
        MerchantCategory::Standard,
        MerchantCategory::Discounted,
        MerchantCategory::Exempt,
    ];

    /// The query-parameter value (`category=`); empty for "don't know".
    pub fn code(self) -> &'static str {
        match self {
            MerchantCategory::Unknown => "",
            MerchantCategory::Standard => "standard",
            MerchantCategory::Discounted => "discounted",
            MerchantCategory::Exempt => "exempt",
        }
    }

    pub fn from_code(code: &str) -> Option<MerchantCategory> {
        match code.trim() {
            "" | "unknown" => Some(MerchantCategory::Unknown),
            "standard" => Some(MerchantCategory::Standard),
            "discounted" => Some(MerchantCategory::Discounted),
            "exempt" => Some(MerchantCategory::Exempt),
            _ => None,
        }
    }

    pub fn label(self) -> Bilingual {
        match self {
            MerchantCategory::Unknown => Bilingual::new("不知道", "don't know"),
            MerchantCategory::Standard => Bilingual::new("标准类", "standard (标准类)"),
            MerchantCategory::Discounted => Bilingual::new("优惠类", "discounted (优惠类)"),
            MerchantCategory::Exempt => Bilingual::new("减免类", "exempt (减免类)"),
        }
    }

    /// What the category means, in the words of the documents it comes from.
    pub fn meaning(self) -> Bilingual {
        match self {
            MerchantCategory::Unknown => Bilingual::new(
                "可以问收单机构您按哪一类计费；签购单上的商户类别码（MCC）也能看出来。",
                "Ask your acquirer which category you are billed as; the merchant category code (MCC) on the slip also shows it.",
            ),
            MerchantCategory::Standard => Bilingual::new(
                "标准类：其他所有商户（如餐饮、零售、服务）。发卡行服务费上限：信用卡0.45%，借记卡0.35%（每笔最多13元）；网络服务费收单方最多0.0325%（每笔最多3.25元）。",
                "Standard: all other merchants (e.g. restaurants, shops, services). Issuer-fee caps: credit 0.45%, debit 0.35% (at most 13 元 per transaction); network fee on the acquirer side at most 0.0325% (3.25 元 per transaction).",
            ),
            MerchantCategory::Discounted => Bilingual::new(
                "优惠类：超市、大型仓储式卖场、水电煤气缴费、加油、交通运输售票商户，发卡行服务费和网络服务费有优惠（2021年起按7.8折）。具体优惠费率未经官方文件确认（行业网站说0.38%）。",
                "Discounted: supermarkets, large warehouse stores, utility bill payments, fuel, transport ticketing; issuer and network fees are discounted (at 78% from 2021). The exact discounted rate is not confirmed by an official document (industry pages say 0.38%).",
            ),
            MerchantCategory::Exempt => Bilingual::new(
                "减免类：非营利性的医疗、教育、社会福利、养老、慈善机构，发卡行服务费和网络服务费全额减免。",
                "Exempt: non-profit medical, educational, social-welfare, elderly-care and charitable institutions; issuer and network fees are waived in full.",
            ),
        }
    }

    /// Categories whose issuer/network fees are lower than the standard caps.
    pub fn lower_fee(self) -> bool {
        matches!(
            self,
            MerchantCategory::Discounted | MerchantCategory::Exempt
        )
    }
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
    /// The merchant's fee category (标准类/优惠类/减免类), or unknown.
    pub category: MerchantCategory,
    /// The rate the agent promised, if the merchant gives it.
    pub promised: Option<Rate>,
}

impl FeeCheckInput {
    /// A check of the rate alone: no cap, add-ons, fixed fees, volume, category or promise.
    pub fn new(card: CardType, rate: RateInput) -> FeeCheckInput {
        FeeCheckInput {
            card,
            rate,
            debit_cap_fen: None,
            per_transaction_addon_fen: 0,
            one_off_fen: 0,
            yearly_fixed_fen: 0,
            monthly_volume_fen: 0,
            monthly_transactions: None,
            category: MerchantCategory::Unknown,
            promised: None,
        }
    }
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

/// Where the headline rate (all-in when the volume is known) stands against a sourced figure.
/// Only the cost implied by the regulated caps and one licensed acquirer's published QR range
/// are used: the agent-platform market range is unconfirmed and never makes a band.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Band {
    /// Below the cost implied by the regulated caps, for a standard (or unknown) category.
    BelowCostFloor,
    /// At or above that cost.
    AboveCostFloor,
    /// Below the standard cost, but the merchant is 优惠类/减免类: lower fees are legitimate.
    LowerFeeCategory,
    /// QR/contactless: no sourced floor; within the one disclosed range.
    WithinDisclosedRange,
    BelowDisclosedRange,
    AboveDisclosedRange,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub severity: Severity,
    pub text: Bilingual,
    pub sources: Vec<Source>,
}

/// The first year's fees, part by part (fen); they add up to `first_year_cost_fen`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Breakdown {
    /// The percentage rate on the year's volume (debit capped per transaction).
    pub rate_fen: u64,
    /// Per-transaction add-ons for the year.
    pub addons_fen: u64,
    /// Yearly fixed fees.
    pub yearly_fen: u64,
    /// One-off charges, all in the first year.
    pub one_off_fen: u64,
}

/// The promised rate against what is charged (all-in when the volume is known).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct PromiseGap {
    pub promised: Rate,
    /// The rate compared: the all-in rate with a volume, else the rate.
    pub charged: Rate,
    /// charged − promised, millionths (negative: charged less than promised).
    pub points: i64,
    /// The gap in fen: per year (first year) with a volume; else on the one transaction entered;
    /// `None` for a stated rate without volume.
    pub gap_fen: Option<i64>,
    /// Whether `gap_fen` is per year (true) or for the one transaction (false).
    pub per_year: bool,
}

impl PromiseGap {
    pub fn charged_more(&self) -> bool {
        self.gap_fen.map_or(self.points > 0, |g| g > 0)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FeeCheck {
    /// The percentage rate (stated, or fee/amount rounded half-up to 0.0001 %).
    pub rate: Rate,
    /// What the merchant pays all in: the all-in rate when the volume is known, else the rate.
    /// The band and the verdict follow it.
    pub headline_rate: Rate,
    pub band: Band,
    /// Debit cap band (below/above the per-transaction cost), when a debit cap was given.
    pub debit_cap_band: Option<Band>,
    /// Fees in the first year: percentage + add-ons + yearly fixed + one-off (fen).
    pub first_year_cost_fen: u64,
    /// Fees in a later year (no one-off charges).
    pub later_year_cost_fen: u64,
    /// First-year cost ÷ yearly volume; `None` without volume.
    pub all_in_rate: Option<Rate>,
    /// The first year's cost by part; `None` without volume.
    pub breakdown: Option<Breakdown>,
    /// With a per-transaction add-on, a monthly volume and a count: the average ticket (fen) and
    /// the rate with the add-on included (percentage + add-ons ÷ volume).
    pub addon_rate: Option<(u64, Rate)>,
    pub promise: Option<PromiseGap>,
    pub category: MerchantCategory,
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

/// The standard cost floor as a rate (no per-transaction caps); `None` for QR.
pub fn cost_floor_rate(card: CardType) -> Option<Rate> {
    match card {
        CardType::Credit => Some(CREDIT_COST_FLOOR),
        CardType::Debit => Some(DEBIT_COST_FLOOR),
        CardType::QrOrContactless => None,
    }
}

fn yuan(fen: u64) -> String {
    format!("{}.{:02}", fen / 100, fen % 100)
}

fn signed_yuan(fen: i64) -> String {
    let sign = if fen < 0 { "-" } else { "" };
    format!("{sign}{}", yuan(fen.unsigned_abs()))
}

/// Percentage points with two decimals, half-up on the magnitude: `0.65`.
pub fn points_text(millionths: i64) -> String {
    let hundredths = (millionths.unsigned_abs() + 50) / 100;
    let sign = if millionths < 0 && hundredths > 0 {
        "-"
    } else {
        ""
    };
    format!("{sign}{}.{:02}", hundredths / 100, hundredths % 100)
}

fn qr_band(rate: Fraction) -> Band {
    if rate.cmp_rate(QR_DISCLOSED_LOW).is_lt() {
        Band::BelowDisclosedRange
    } else if rate.cmp_rate(QR_DISCLOSED_HIGH).is_gt() {
        Band::AboveDisclosedRange
    } else {
        Band::WithinDisclosedRange
    }
}

fn source_caps() -> Source {
    Source::new("据发改价格〔2016〕557号和《政府定价的经营服务性收费目录清单（2022版）》规定的上限推算（发卡行服务费＋网络服务费）", "derived from the caps in 发改价格〔2016〕557号 and the NDRC fee list 《政府定价的经营服务性收费目录清单（2022版）》 (issuer fee + network fee)")
}

fn source_market_priced() -> Source {
    Source::new("国家发展改革委、中国人民银行《关于完善银行卡刷卡手续费定价机制的通知》（发改价格〔2016〕557号）（收单服务费实行市场调节价）", "NDRC and PBoC notice on bank-card fee pricing 《关于完善银行卡刷卡手续费定价机制的通知》 (发改价格〔2016〕557号) (the acquirer fee is market-priced)")
}

/// Where the categories come from.
pub fn source_categories() -> Source {
    Source::new("国家发展改革委、中国人民银行《关于完善银行卡刷卡手续费定价机制的通知》（发改价格〔2016〕557号）（减免与优惠的商户）；中国人民银行等四部门《关于降低小微企业和个体工商户支付手续费的通知》（银发〔2021〕169号）（标准类、优惠类商户）", "NDRC and PBoC notice on bank-card fee pricing 《关于完善银行卡刷卡手续费定价机制的通知》 (发改价格〔2016〕557号) (exempt and discounted merchants); PBoC and three other authorities' notice on lowering payment fees for small businesses 《关于降低小微企业和个体工商户支付手续费的通知》 (银发〔2021〕169号) (standard and discounted merchants)")
}

fn source_platform_range() -> Source {
    Source::unconfirmed("代理商平台的公开源代码（力POS：费率须在0.51%至0.72%之间）；POS 行业网站资料（标准类0.60%、优惠类0.38%）", "public source code of an agent platform (力POS: rates must be between 0.51% and 0.72%); POS industry web pages (0.60% standard, 0.38% discounted)")
}

fn source_tao_ma() -> Source {
    Source::new("中国支付清算协会《行业风险信息共享管理办法》（二十五）“套码”的定义；中国支付清算协会《关于加强收单外包服务市场规范管理的意见》（中支协发〔2023〕81号）", "PCAC rules on sharing industry risk information 《行业风险信息共享管理办法》, definition (25) 套码 (using another category's code); PCAC opinions on acquiring outsourcing 《关于加强收单外包服务市场规范管理的意见》 (中支协发〔2023〕81号)")
}

fn below_floor_finding(what_zh: &str, what_en: &str, category: MerchantCategory) -> Finding {
    let (severity, extra_zh, extra_en) = if category == MerchantCategory::Standard {
        (Severity::RedFlag, "", "")
    } else {
        (
            Severity::Warning,
            "如果您属于优惠类（超市、加油等）或减免类（非营利性医疗、教育等）商户，费率本来就更低——请在上面选择商户类别。",
            " If you are a discounted (supermarket, fuel …) or exempt (non-profit hospital, school …) merchant, your rate is legitimately lower — choose your category above.",
        )
    };
    Finding {
        severity,
        text: Bilingual::new(
            format!("{what_zh}低于按监管上限推算的成本（发卡行服务费上限＋网络服务费）。按标准类商户处理，收单机构每笔都会亏钱——常见原因是跳码/套码（按优惠类或减免类商户处理）、二清，或通过其他费用（秒到费、流量费、押金）找补。请核对签购单上的商户类别码和商户名称，以及实际到账金额。{extra_zh}"),
            format!("{what_en} is below the cost implied by the regulated caps (issuer-fee cap + network fee). On a standard merchant the acquirer would lose money on every transaction — usually explained by 跳码/套码 (routing you as a discounted or exempt category), 二清, or other fees (instant-settlement add-ons, SIM fees, deposits). Check the MCC and merchant name on the slip and what actually arrives in your account.{extra_en}"),
        ),
        sources: vec![source_caps(), source_tao_ma(), source_categories()],
    }
}

/// Runs the check. The headline rate is the all-in rate when the monthly volume is known (rate,
/// add-ons, yearly and one-off fees over the first year), else the rate; the band and the
/// verdict follow it. Findings are ordered: headline rate, how the rate compares, promised rate,
/// debit cap, add-on, yearly, one-off. A finding resting on an unconfirmed source is never
/// above [`Severity::Info`].
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
    let category = input.category;

    // Cost arithmetic (micro-fen, exact until the final rounding).
    let count = u64::from(input.monthly_transactions.unwrap_or(0));
    let volume = input.monthly_volume_fen;
    let percentage_micro: u128 = match (input.card, input.debit_cap_fen) {
        (CardType::Debit, Some(cap)) if count > 0 => {
            // Approximation: every transaction at the average ticket.
            let per_txn = fraction.apply_micro(volume) / u128::from(count);
            per_txn.min(u128::from(cap) * 1_000_000) * u128::from(count)
        }
        _ => fraction.apply_micro(volume),
    };
    let addon_micro = u128::from(input.per_transaction_addon_fen) * u128::from(count) * 1_000_000;
    let to_fen = |micro: u128| u64::try_from((micro + 500_000) / 1_000_000).unwrap_or(u64::MAX);
    let rate_year_fen = to_fen(percentage_micro * 12);
    let addons_year_fen = to_fen(addon_micro * 12);
    let later_year_cost_fen = rate_year_fen
        .saturating_add(addons_year_fen)
        .saturating_add(input.yearly_fixed_fen);
    let first_year_cost_fen = later_year_cost_fen.saturating_add(input.one_off_fen);
    let yearly_volume = u128::from(volume) * 12;
    let all_in = (yearly_volume > 0).then_some(Fraction {
        numerator: u128::from(first_year_cost_fen),
        denominator: yearly_volume,
    });
    let all_in_rate = all_in.map(Fraction::to_rate);
    let breakdown = (yearly_volume > 0).then_some(Breakdown {
        rate_fen: rate_year_fen,
        addons_fen: addons_year_fen,
        yearly_fen: input.yearly_fixed_fen,
        one_off_fen: input.one_off_fen,
    });
    let headline = all_in.unwrap_or(fraction);
    let headline_rate = headline.to_rate();

    // Below the standard cost? With a volume: the first year's fees against the floor for the
    // year's transactions (at the average ticket when the count is known). Without: the rate,
    // or the one observed fee against that transaction's floor (a debit fee may be capped).
    let below_floor: Option<bool> = match (input.card, all_in) {
        (CardType::QrOrContactless, _) => None,
        (c, Some(_)) => {
            let floor_year = match volume.checked_div(count) {
                Some(avg) => cost_floor_micro(c, avg).map(|f| f * u128::from(count) * 12),
                None => cost_floor_rate(c).map(|r| u128::from(volume) * u128::from(r.0) * 12),
            };
            floor_year.map(|f| u128::from(first_year_cost_fen) * 1_000_000 < f)
        }
        (c, None) => match input.rate {
            RateInput::Observed {
                amount_fen,
                fee_fen,
            } => cost_floor_micro(c, amount_fen).map(|f| u128::from(fee_fen) * 1_000_000 < f),
            RateInput::Stated(_) => cost_floor_rate(c).map(|r| fraction.cmp_rate(r).is_lt()),
        },
    };
    let band = match below_floor {
        None => qr_band(headline),
        Some(true) if category.lower_fee() => Band::LowerFeeCategory,
        Some(true) => Band::BelowCostFloor,
        Some(false) => Band::AboveCostFloor,
    };

    let mut findings = Vec::new();
    let headline_text = if all_in.is_some() {
        headline_rate.rounded_text()
    } else {
        headline_rate.percent_text()
    };
    let (what_zh, what_en) = match (all_in.is_some(), input.rate) {
        (true, _) => (
            format!("{}综合费率 {headline_text}（含全部费用）", card.zh),
            format!("The all-in {} rate of {headline_text}", card.en),
        ),
        (false, RateInput::Observed { .. }) => (
            format!("这笔{}交易的费率 {headline_text} ", card.zh),
            format!(
                "The {} rate of {headline_text} on this transaction",
                card.en
            ),
        ),
        (false, RateInput::Stated(_)) => (
            format!("{}费率 {headline_text} ", card.zh),
            format!("The {} rate of {headline_text}", card.en),
        ),
    };
    let floor_text = cost_floor_rate(input.card)
        .map(Rate::percent_text)
        .unwrap_or_default();

    // 1. The headline rate against the cost implied by the caps (or the QR range).
    findings.push(match band {
        Band::BelowCostFloor => below_floor_finding(&what_zh, &what_en, category),
        Band::LowerFeeCategory => {
            let (label, meaning) = (category.label(), category.meaning());
            Finding {
                severity: Severity::Info,
                text: Bilingual::new(
                    format!("{what_zh}低于标准类商户按监管上限推算的成本（{floor_text}），但您选择了{}。{}这类商户的费率本来就更低，这不算危险信号。请确认签购单上的商户类别码与您的真实经营一致：不是这类商户却按这类处理，就是跳码。", label.zh, meaning.zh),
                    format!("{what_en} is below the cost a standard merchant implies under the regulated caps ({floor_text}), but you chose {}. {} Such merchants legitimately pay less, so this is not a warning sign. Check that the MCC on the slip fits your real business: being billed in this category without belonging to it is 跳码.", label.en, meaning.en),
                ),
                sources: vec![source_categories(), source_tao_ma()],
            }
        }
        Band::AboveCostFloor => Finding {
            severity: Severity::Ok,
            text: Bilingual::new(
                format!("{what_zh}不低于按监管上限推算的成本（{floor_text}）。收单服务费由收单机构与商户协商（市场调节价），法律没有规定固定费率；是否多收，要和签约时承诺的费率比。"),
                format!("{what_en} is not below the cost implied by the regulated caps ({floor_text}). The acquirer's fee is negotiated (market-priced); no law fixes the rate. Whether you are overcharged depends on the rate you were promised."),
            ),
            sources: vec![source_caps(), source_market_priced()],
        },
        Band::WithinDisclosedRange | Band::BelowDisclosedRange | Band::AboveDisclosedRange => {
            let (severity, zh, en) = match band {
                Band::WithinDisclosedRange => (Severity::Ok, "在", "within"),
                Band::BelowDisclosedRange => (Severity::Info, "低于", "below"),
                _ => (Severity::Warning, "高于", "above"),
            };
            Finding {
                severity,
                text: Bilingual::new(
                    format!("{what_zh}{zh}一家持牌收单机构公示的区间（微信/支付宝 0.22%–1.00%）。"),
                    format!("{what_en} is {en} one licensed acquirer's disclosed range (WeChat/Alipay 0.22%–1.00%)."),
                ),
                sources: vec![Source::new("卡友支付（持牌收单机构）官网公示的收费标准", "fee schedule published on the website of 卡友支付 (a licensed acquirer)")],
            }
        }
    });

    // 2. How the rate compares: the nominal rate when the extras change the picture, and the
    //    agent platform's range as hedged context only (never a verdict).
    if let (Some(floor), Some(_)) = (cost_floor_rate(input.card), all_in) {
        let nominal_below = fraction.cmp_rate(floor).is_lt();
        if nominal_below && band == Band::AboveCostFloor {
            findings.push(Finding {
                severity: Severity::Info,
                text: Bilingual::new(
                    format!("标称费率 {} 低于按监管上限推算的成本（{floor_text}），但加上每笔附加费、每年固定费用和一次性收费，您实际付出的是 {headline_text}：低费率是靠其他收费找补的。", rate.percent_text()),
                    format!("The headline rate of {} is below the cost implied by the regulated caps ({floor_text}), but with the per-transaction add-ons, yearly and one-off fees you actually pay {headline_text}: the low rate is made up by other charges.", rate.percent_text()),
                ),
                sources: vec![source_caps()],
            });
        }
    }
    if input.card != CardType::QrOrContactless {
        let (zh, en) = if headline.cmp_rate(MARKET_LOW).is_lt() {
            ("低于", "below")
        } else if headline.cmp_rate(MARKET_HIGH).is_gt() {
            ("高于", "above")
        } else {
            ("在", "within")
        };
        findings.push(Finding {
            severity: Severity::Info,
            text: Bilingual::new(
                format!("仅供参考：一个代理商平台设定的区间是 0.51%–0.72%，未经官方文件确认，不是市场标准，也不是法定费率；{headline_text} {zh}这个区间{}。行业网站常说标准类0.6%、优惠类0.38%，同样未经官方文件确认。", if zh == "在" { "内" } else { "" }),
                format!("For reference only: one agent platform sets a range of 0.51%–0.72%, not confirmed by an official document — neither a market standard nor a legal rate; {headline_text} is {en} it. Industry pages often quote 0.6% for standard and 0.38% for discounted merchants, also not confirmed by an official document."),
            ),
            sources: vec![source_platform_range(), source_market_priced()],
        });
    } else {
        findings.push(Finding {
            severity: Severity::Info,
            text: Bilingual::new(
                "扫码没有可靠的成本底线：常说的“1000元以下0.38%”未经官方文件确认。",
                "There is no reliable cost floor for QR: the often-quoted “0.38% up to 1000 元” is not confirmed by an official document.",
            ),
            sources: vec![Source::unconfirmed("没有找到中国银联或中国人民银行关于“1000元以下扫码、云闪付费率0.38%”的文件", "no UnionPay or PBoC document found for the “0.38% up to 1000 元” rate for QR or contactless payments")],
        });
    }

    // 3. The promised rate.
    let promise = input.promised.map(|promised| {
        let charged = headline_rate;
        let points = i64::from(charged.0) - i64::from(promised.0);
        let (gap_fen, per_year) = match (all_in, input.rate) {
            (Some(_), _) => {
                let promised_micro = yearly_volume * u128::from(promised.0);
                let promised_fen =
                    i64::try_from((promised_micro + 500_000) / 1_000_000).unwrap_or(i64::MAX);
                (
                    Some(i64::try_from(first_year_cost_fen).unwrap_or(i64::MAX) - promised_fen),
                    true,
                )
            }
            (
                None,
                RateInput::Observed {
                    amount_fen,
                    fee_fen,
                },
            ) => {
                let promised_micro = u128::from(amount_fen) * u128::from(promised.0);
                let promised_fen =
                    i64::try_from((promised_micro + 500_000) / 1_000_000).unwrap_or(i64::MAX);
                (
                    Some(i64::try_from(fee_fen).unwrap_or(i64::MAX) - promised_fen),
                    false,
                )
            }
            (None, RateInput::Stated(_)) => (None, false),
        };
        PromiseGap {
            promised,
            charged,
            points,
            gap_fen,
            per_year,
        }
    });
    if let Some(gap) = promise {
        let promised_text = gap.promised.percent_text();
        let points = points_text(gap.points);
        let (money_zh, money_en) = match (gap.gap_fen, gap.per_year) {
            (Some(g), true) => (
                format!("按您的流水，第一年多付 {} 元。", signed_yuan(g)),
                format!(
                    " At your volume that is {} 元 more in the first year.",
                    signed_yuan(g)
                ),
            ),
            (Some(g), false) => (
                format!("这一笔多扣 {} 元。", signed_yuan(g)),
                format!(
                    " That is {} 元 more on this one transaction.",
                    signed_yuan(g)
                ),
            ),
            (None, _) => (
                "填写每月流水，可以算出每年多付多少元。".to_string(),
                " Enter your monthly volume to see how many 元 a year that is.".to_string(),
            ),
        };
        findings.push(if gap.charged_more() {
            Finding {
                severity: Severity::Warning,
                text: Bilingual::new(
                    format!("代理商承诺的费率是 {promised_text}，您实际付出的是 {headline_text}，高出 {points} 个百分点。{money_zh}以低价招揽、以高价结算，可能属于《明码标价和禁止价格欺诈规定》第十九条所列的价格欺诈；支付机构也不得收取任何未标明的费用。如果费率是后来悄悄上调的：调整收费须原则上提前至少30个自然日公示，并在下一笔交易前取得您的同意。请保留承诺的证据（聊天记录、宣传单、合同）。"),
                    format!("The agent promised {promised_text}; you actually pay {headline_text}, {points} percentage points more.{money_en} Attracting a customer with a low price and settling at a higher one may be price fraud under Art. 19 of the Provisions on Marked Prices and Price Fraud; a payment institution may not charge any unmarked fee either. If the rate was raised silently later: a fee change must in principle be published at least 30 natural days in advance and accepted by you before your next transaction. Keep the evidence of the promise (chat messages, leaflets, contract)."),
                ),
                sources: vec![
                    Source::new("《明码标价和禁止价格欺诈规定》（国家市场监督管理总局令第56号）第十九条；《非银行支付机构监督管理条例》（国务院令第768号）第三十四条", "Provisions on Marked Prices and Price Fraud 《明码标价和禁止价格欺诈规定》 (SAMR Order No. 56), Art. 19; Regulations on the Supervision of Non-bank Payment Institutions 《非银行支付机构监督管理条例》 (State Council Decree No. 768), Art. 34"),
                    Source::new("《非银行支付机构监督管理条例实施细则》（中国人民银行令〔2024〕第4号）第六十二条", "Implementing Rules of the Regulations on Non-bank Payment Institutions 《非银行支付机构监督管理条例实施细则》 (PBoC Order〔2024〕No. 4), Art. 62"),
                ],
            }
        } else {
            Finding {
                severity: Severity::Ok,
                text: Bilingual::new(
                    format!("代理商承诺的费率是 {promised_text}，您实际付出的是 {headline_text}，没有超过承诺。"),
                    format!("The agent promised {promised_text}; you actually pay {headline_text}, not more than promised."),
                ),
                sources: vec![Source::new("《明码标价和禁止价格欺诈规定》（国家市场监督管理总局令第56号）第十九条", "Provisions on Marked Prices and Price Fraud 《明码标价和禁止价格欺诈规定》 (SAMR Order No. 56), Art. 19")],
            }
        });
    }

    // 4. Debit cap.
    let debit_cap_band = match (input.card, input.debit_cap_fen) {
        (CardType::Debit, Some(cap)) if cap < DEBIT_CAP_FLOOR_FEN => {
            Some(if category.lower_fee() {
                Band::LowerFeeCategory
            } else {
                Band::BelowCostFloor
            })
        }
        (CardType::Debit, Some(_)) => Some(Band::AboveCostFloor),
        _ => None,
    };
    match (input.card, input.debit_cap_fen, debit_cap_band) {
        (CardType::Debit, Some(cap), Some(Band::BelowCostFloor)) => findings.push(below_floor_finding(
            &format!("借记卡封顶 {} 元", yuan(cap)),
            &format!("A debit cap of {} 元", yuan(cap)),
            category,
        )),
        (CardType::Debit, Some(cap), Some(cap_band)) => {
            let (zh, en) = if cap_band == Band::LowerFeeCategory {
                ("低于", "below")
            } else {
                ("不低于", "not below")
            };
            findings.push(Finding {
                severity: Severity::Ok,
                text: Bilingual::new(
                    format!("借记卡封顶 {} 元{zh}标准类商户按监管上限推算的每笔成本16.25元（13元＋3.25元）。仅供参考：一个代理商平台设定的封顶区间是18–25元，未经官方文件确认。", yuan(cap)),
                    format!("A debit cap of {} 元 is {en} the per-transaction cost a standard merchant implies under the regulated caps, 16.25 元 (13 + 3.25). For reference only: one agent platform sets caps of 18–25 元, not confirmed by an official document.", yuan(cap)),
                ),
                sources: vec![Source::new("据发改价格〔2016〕557号和《政府定价的经营服务性收费目录清单（2022版）》的上限推算：13元＋3.25元＝16.25元", "derived from the caps in 发改价格〔2016〕557号 and the NDRC fee list of 2022: 13 + 3.25 = 16.25 元"), Source::unconfirmed("代理商平台的公开源代码（力POS：借记卡封顶18至25元）", "public source code of an agent platform (力POS: debit cap between 18 and 25 元)")],
            });
        }
        (CardType::Debit, None, _) => findings.push(Finding {
            severity: Severity::Info,
            text: Bilingual::new(
                "没有借记卡封顶（或不知道）：发卡行服务费每笔最多13元、网络服务费每笔最多3.25元，所以不封顶时大额借记卡交易付的远超成本。可以问收单机构是否封顶。",
                "No debit cap (or unknown): the issuer fee is capped at 13 元 and the network fee at 3.25 元 per transaction, so without a cap large debit payments pay far more than the cost. Ask your acquirer for a cap.",
            ),
            sources: vec![Source::new("国家发展改革委、中国人民银行《关于完善银行卡刷卡手续费定价机制的通知》（发改价格〔2016〕557号）；国家发展改革委《政府定价的经营服务性收费目录清单（2022版）》", "NDRC and PBoC notice on bank-card fee pricing 《关于完善银行卡刷卡手续费定价机制的通知》 (发改价格〔2016〕557号); NDRC list of government-priced service fees 《政府定价的经营服务性收费目录清单（2022版）》")],
        }),
        _ => {}
    }

    // 5. Per-transaction add-on.
    let mut addon_rate = None;
    if input.per_transaction_addon_fen > 0 {
        let effective = (count > 0 && volume > 0).then(|| {
            let avg = volume / count;
            let per_txn = Fraction {
                numerator: percentage_micro + addon_micro,
                denominator: u128::from(volume) * 1_000_000,
            };
            (avg, per_txn.to_rate())
        });
        addon_rate = effective;
        let (extra_zh, extra_en) = match effective {
            Some((avg, r)) => (
                format!(
                    "按平均每笔 {} 元计，含附加费的费率约为 {}。",
                    yuan(avg),
                    r.rounded_text()
                ),
                format!(
                    " At your average ticket of {} 元 the rate with the add-on is about {}.",
                    yuan(avg),
                    r.rounded_text()
                ),
            ),
            None => (String::new(), String::new()),
        };
        findings.push(Finding {
            severity: Severity::Info,
            text: Bilingual::new(
                format!("每笔另收 {} 元（秒到费/提现费一类）。{extra_zh}这类附加费必须事先在协议和公示中写明；支付机构不得收取任何未标明的费用。“+3”只是市场上常见的说法，未经官方文件确认为标准。", yuan(input.per_transaction_addon_fen)),
                format!("An extra {} 元 per transaction (instant-settlement/withdrawal fee).{extra_en} Such add-ons must be in the agreement and the published fees; a payment institution may not charge any unmarked fee. “+3” is a common market practice, not confirmed by an official document as a norm.", yuan(input.per_transaction_addon_fen)),
            ),
            sources: vec![
                Source::unconfirmed("代理商平台的公开源代码（每笔固定的提现手续费）；POS 代理商网站的宣传文字（“永不+3”）", "public source code of agent platforms (a fixed withdrawal fee per transaction); POS agents' marketing text (“永不+3”, never +3)"),
                Source::new("《非银行支付机构监督管理条例》（国务院令第768号）第三十四条；《明码标价和禁止价格欺诈规定》（国家市场监督管理总局令第56号）第八条", "Regulations on the Supervision of Non-bank Payment Institutions 《非银行支付机构监督管理条例》 (State Council Decree No. 768), Art. 34; Provisions on Marked Prices and Price Fraud 《明码标价和禁止价格欺诈规定》 (SAMR Order No. 56), Art. 8"),
            ],
        });
    }

    // 6. Yearly fixed fees (SIM/流量费, 服务费): the typical range is one industry page's.
    if input.yearly_fixed_fen > 0 {
        let (zh, en) = if input.yearly_fixed_fen > SIM_FEE_HIGH_FEN {
            ("一个行业网页认为流量费超过100元/年“偏高”（未经官方文件确认）。", "One industry page calls a SIM fee above 100 元/year “high” (not confirmed by an official document).")
        } else if input.yearly_fixed_fen > SIM_FEE_TYPICAL_HIGH_FEN {
            ("高于一个行业网页所说的常见36–60元/年（未经官方文件确认）。", "Above the 36–60 元/year an industry page calls typical (not confirmed by an official document).")
        } else {
            ("在一个行业网页所说的常见范围内（36–60元/年，未经官方文件确认）。", "Within the 36–60 元/year an industry page calls typical (not confirmed by an official document).")
        };
        findings.push(Finding {
            severity: Severity::Info,
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

    // 7. One-off deposit / activation fee.
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
        .unwrap_or(Severity::Ok);
    Ok(FeeCheck {
        rate,
        headline_rate,
        band,
        debit_cap_band,
        first_year_cost_fen,
        later_year_cost_fen,
        all_in_rate,
        breakdown,
        addon_rate,
        promise,
        category,
        findings,
        severity,
    })
}

// ---------------------------------------------------------------------------------------------
// The form: raw text as the merchant typed it (or a deep link carried it)
// ---------------------------------------------------------------------------------------------

/// The fee form's twelve fields as typed (amounts in 元, rates as [`parse_rate`] reads them).
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
    /// The rate the agent promised (as [`parse_rate`] reads it).
    pub promised: String,
    /// `standard`, `discounted`, `exempt`; empty means "don't know".
    pub category: String,
}

impl FeeForm {
    /// The field names, in form order: also the query parameter names.
    pub const FIELDS: [&'static str; 12] = [
        "card", "rate", "amount", "fee", "cap", "addon", "oneoff", "yearly", "volume", "count",
        "promised", "category",
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
            promised: get("promised"),
            category: get("category"),
        }
    }

    /// `(name, value)` for each of [`FeeForm::FIELDS`], in the same order.
    pub fn pairs(&self) -> [(&'static str, String); 12] {
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
            &self.promised,
            &self.category,
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
        let category = MerchantCategory::from_code(&self.category).unwrap_or_else(|| {
            errors.push(Bilingual::new(
                format!(
                    "商户类别“{}”不认识，应为 standard、discounted 或 exempt。",
                    self.category.trim()
                ),
                format!(
                    "Category “{}” is unknown; use standard, discounted or exempt.",
                    self.category.trim()
                ),
            ));
            MerchantCategory::Unknown
        });
        let promised = if self.promised.trim().is_empty() {
            None
        } else {
            match parse_rate(&self.promised) {
                Ok(r) => Some(r),
                Err(e) => {
                    let m = e.message();
                    errors.push(Bilingual::new(
                        format!("承诺的费率：{}", m.zh),
                        format!("Promised rate: {}", m.en),
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
                category,
                promised,
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
            Band::AboveCostFloor => "above-floor",
            Band::LowerFeeCategory => "lower-fee-category",
            Band::WithinDisclosedRange => "within-disclosed",
            Band::BelowDisclosedRange => "below-disclosed",
            Band::AboveDisclosedRange => "above-disclosed",
        }
    }

    /// The verdict's headline for this band.
    pub fn headline(self) -> Bilingual {
        match self {
            Band::BelowCostFloor => Bilingual::new(
                "低于按监管上限推算的成本：警惕跳码、二清或隐藏费用",
                "Below the cost implied by the regulated caps: watch for 跳码 (MCC jumping), 二清 (agent settlement) or hidden fees",
            ),
            Band::AboveCostFloor => Bilingual::new(
                "不低于按监管上限推算的成本（费率由市场决定，法律没有规定固定费率）",
                "Not below the cost implied by the regulated caps (the rate is market-priced; no law fixes it)",
            ),
            Band::LowerFeeCategory => Bilingual::new(
                "优惠类/减免类商户的费率本来就更低",
                "Discounted and exempt merchants legitimately pay less",
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
    /// The rate as the headline shows it: the all-in rate to 0.01 %, else the rate as given.
    pub fn headline_text(&self) -> String {
        if self.all_in_rate.is_some() {
            self.headline_rate.rounded_text()
        } else {
            self.headline_rate.percent_text()
        }
    }

    /// Whether the merchant pays more than the agent promised.
    pub fn above_promise(&self) -> bool {
        self.promise.is_some_and(|p| p.charged_more())
    }

    /// The page's `data-verdict`: `above-promised` when more is charged than promised, else
    /// the band's code.
    pub fn code(&self) -> &'static str {
        if self.above_promise() {
            "above-promised"
        } else {
            self.band.code()
        }
    }

    /// The verdict's headline: the promise broken, or the band (for an unknown category below
    /// the floor, it says the category decides).
    pub fn headline(&self) -> Bilingual {
        if let Some(p) = self.promise.filter(|p| p.charged_more()) {
            let points = points_text(p.points);
            return Bilingual::new(
                format!(
                    "比代理商承诺的 {} 高出 {points} 个百分点",
                    p.promised.percent_text()
                ),
                format!(
                    "{points} percentage points more than the {} the agent promised",
                    p.promised.percent_text()
                ),
            );
        }
        if self.band == Band::BelowCostFloor && self.category != MerchantCategory::Standard {
            return Bilingual::new(
                "低于按监管上限推算的成本：除非您是优惠类或减免类商户，请警惕跳码、二清或隐藏费用",
                "Below the cost implied by the regulated caps: unless you are a discounted or exempt merchant, watch for 跳码 (MCC jumping), 二清 (agent settlement) or hidden fees",
            );
        }
        self.band.headline()
    }

    /// The letters that fit this verdict (letter kinds as in `/letters/<kind>`): more than
    /// promised, or above the QR range, the acquirer, the PBoC and a 12315 report (price
    /// rules); below the cost floor the acquirer and the PBoC; any other warning the acquirer;
    /// nothing for a plain result.
    pub fn letter_kinds(&self) -> Vec<&'static str> {
        if self.above_promise() || self.band == Band::AboveDisclosedRange {
            return vec!["acquirer", "pboc", "report-12315"];
        }
        match self.band {
            Band::BelowCostFloor if self.severity >= Severity::Warning => vec!["acquirer", "pboc"],
            _ if self.severity >= Severity::Warning => vec!["acquirer"],
            _ => vec![],
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The chart: geometry computed here so that it can be tested natively
// ---------------------------------------------------------------------------------------------

/// The SVG's coordinate space (the view box).
pub const CHART_WIDTH: f64 = 320.0;
pub const CHART_HEIGHT: f64 = 104.0;
const CHART_LEFT: f64 = 14.0;
const CHART_PLOT: f64 = 292.0;

/// A text label: centred on `x` (text-anchor middle), baseline `y`.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartLabel {
    pub x: f64,
    pub y: f64,
    pub text: String,
    /// CSS class: `lbl` (ticks, floor), `lbl strong` (rate), `lbl all-in`, `lbl promised`.
    pub class: &'static str,
    /// Estimated width in view-box units (font size × character advance).
    pub width: f64,
}

/// Everything the chart draws, in view-box units.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartLayout {
    /// The scale's maximum, millionths.
    pub max: u32,
    /// x of the floor (cards only).
    pub floor_x: Option<f64>,
    /// The reference range (agent platform's for cards, the disclosed one for QR): x from, x to.
    pub band: (f64, f64),
    pub ticks: Vec<(f64, ChartLabel)>,
    pub rate_x: f64,
    pub all_in_x: Option<f64>,
    pub promised_x: Option<f64>,
    /// Marker labels (floor, promised above the bar; rate, all-in below the axis).
    pub labels: Vec<ChartLabel>,
}

fn label(x: f64, y: f64, text: String, class: &'static str) -> ChartLabel {
    let size = if class == "lbl strong" { 12.0 } else { 10.0 };
    // Digits, '.' and '%' average about 0.6 em in the UI fonts; '%' is wider, so round up.
    let width = text.chars().count() as f64 * size * 0.62 + 2.0;
    ChartLabel {
        x,
        y,
        text,
        class,
        width,
    }
}

/// Moves the labels of one row apart (keeping their order) so that none overlaps and all stay
/// inside the view box.
fn spread(row: &mut [ChartLabel]) {
    const GAP: f64 = 4.0;
    row.sort_by(|a, b| a.x.total_cmp(&b.x));
    for i in 0..row.len() {
        let min = if i == 0 {
            row[i].width / 2.0
        } else {
            row[i - 1].x + row[i - 1].width / 2.0 + GAP + row[i].width / 2.0
        };
        row[i].x = row[i].x.max(min);
    }
    // Pull back from the right edge, pushing left neighbours if needed.
    for i in (0..row.len()).rev() {
        let max = if i + 1 == row.len() {
            CHART_WIDTH - row[i].width / 2.0
        } else {
            row[i + 1].x - row[i + 1].width / 2.0 - GAP - row[i].width / 2.0
        };
        row[i].x = row[i].x.min(max);
    }
}

fn chart_pct(v: u32) -> String {
    let s = format!("{:.2}", f64::from(v) / 10_000.0);
    format!("{}%", s.trim_end_matches('0').trim_end_matches('.'))
}

/// The chart for a check: a scale from 0 to at least 1 % (up to the largest marker + 10 %),
/// ticks spaced so their labels never crowd, and the markers' labels spread apart.
pub fn chart_layout(card: CardType, check: &FeeCheck) -> ChartLayout {
    let rate = check.rate.0;
    let all_in = check.all_in_rate.map(|r| r.0).filter(|a| *a != rate);
    let promised = check.promise.map(|p| p.promised.0);
    let floor = cost_floor_rate(card).map(|r| r.0);
    let band = match card {
        CardType::QrOrContactless => (QR_DISCLOSED_LOW.0, QR_DISCLOSED_HIGH.0),
        _ => (MARKET_LOW.0, MARKET_HIGH.0),
    };
    let top = [
        10_000u32,
        rate,
        all_in.unwrap_or(0),
        promised.unwrap_or(0),
        band.1,
    ]
    .into_iter()
    .max()
    .unwrap_or(10_000);
    let max = top.saturating_add(top / 10).max(1);
    let x = |v: u32| CHART_LEFT + CHART_PLOT * f64::from(v.min(max)) / f64::from(max);
    // The smallest step that keeps at most 7 ticks.
    let step = [
        1_000u32, 2_000, 2_500, 5_000, 10_000, 20_000, 25_000, 50_000, 100_000, 200_000,
    ]
    .into_iter()
    .find(|s| max / s <= 6)
    .unwrap_or(max.max(1));
    let ticks = (0..=max / step)
        .map(|i| {
            let v = i * step;
            (x(v), label(x(v), 74.0, chart_pct(v), "lbl"))
        })
        .collect();
    let mut top_row = Vec::new();
    if let Some(f) = floor {
        top_row.push(label(x(f), 16.0, Rate(f).percent_text(), "lbl"));
    }
    if let Some(p) = promised {
        top_row.push(label(x(p), 16.0, Rate(p).percent_text(), "lbl promised"));
    }
    let mut bottom_row = vec![label(
        x(rate),
        96.0,
        check.rate.percent_text(),
        "lbl strong",
    )];
    if let Some(a) = all_in {
        bottom_row.push(label(x(a), 96.0, Rate(a).rounded_text(), "lbl all-in"));
    }
    spread(&mut top_row);
    spread(&mut bottom_row);
    ChartLayout {
        max,
        floor_x: floor.map(x),
        band: (x(band.0), x(band.1)),
        ticks,
        rate_x: x(rate),
        all_in_x: all_in.map(x),
        promised_x: promised.map(x),
        labels: top_row.into_iter().chain(bottom_row).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stated_input(card: CardType, rate: &str) -> FeeCheckInput {
        FeeCheckInput {
            debit_cap_fen: Some(2_000),
            ..FeeCheckInput::new(card, RateInput::Stated(parse_rate(rate).unwrap()))
        }
    }

    fn stated(card: CardType, rate: &str) -> FeeCheck {
        check_fees(&stated_input(card, rate)).unwrap()
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
        assert_eq!(band("0.4825%"), Band::AboveCostFloor);
        // The agent platform's range (unconfirmed) makes no band: 0.50 %, 0.60 % and 1.25 %
        // read alike, and none is a warning on that basis.
        for r in ["0.50%", "0.60%", "0.72%", "0.7201%", "1.25%"] {
            let check = stated(CardType::Credit, r);
            assert_eq!(check.band, Band::AboveCostFloor, "{r}");
            assert!(check.severity <= Severity::Info, "{r}");
        }
        // Unknown category: a warning that names the categories; standard: a red flag.
        let unknown = stated(CardType::Credit, "0.38%");
        assert_eq!(unknown.severity, Severity::Warning);
        assert!(unknown.headline().zh.contains("除非您是优惠类或减免类商户"));
        let standard = check_fees(&FeeCheckInput {
            category: MerchantCategory::Standard,
            ..stated_input(CardType::Credit, "0.38%")
        })
        .unwrap();
        assert_eq!(standard.severity, Severity::RedFlag);
        assert_eq!(
            standard.headline().zh,
            "低于按监管上限推算的成本：警惕跳码、二清或隐藏费用"
        );
        // Never called law.
        assert!(stated(CardType::Credit, "0.6%").findings[0]
            .text
            .zh
            .contains("法律没有规定固定费率"));
    }

    #[test]
    fn debit_bands_and_cap_edges() {
        let band = |r| stated(CardType::Debit, r).band;
        assert_eq!(band("0.3824%"), Band::BelowCostFloor);
        assert_eq!(band("0.3825%"), Band::AboveCostFloor);
        assert_eq!(band("0.38%"), Band::BelowCostFloor);
        let cap = |fen| {
            let check = check_fees(&FeeCheckInput {
                debit_cap_fen: Some(fen),
                category: MerchantCategory::Standard,
                ..stated_input(CardType::Debit, "0.6%")
            })
            .unwrap();
            (check.debit_cap_band.unwrap(), check.severity)
        };
        assert_eq!(cap(1_624), (Band::BelowCostFloor, Severity::RedFlag));
        // Info: the hedged reference range is listed, never more.
        assert_eq!(cap(1_625), (Band::AboveCostFloor, Severity::Info));
        // Above the platform's 18–25 元 (unconfirmed): no warning on that basis.
        assert_eq!(cap(3_000), (Band::AboveCostFloor, Severity::Info));
    }

    #[test]
    fn observed_fees_are_compared_exactly() {
        let observed = |card, amount_fen, fee_fen| {
            check_fees(&FeeCheckInput::new(
                card,
                RateInput::Observed {
                    amount_fen,
                    fee_fen,
                },
            ))
            .unwrap()
        };
        // 4825 fen on 1,000,000 fen is exactly the floor; one fen less is below.
        assert_eq!(
            observed(CardType::Credit, 1_000_000, 4_825).band,
            Band::AboveCostFloor
        );
        assert_eq!(
            observed(CardType::Credit, 1_000_000, 4_824).band,
            Band::BelowCostFloor
        );
        assert_eq!(
            observed(CardType::Credit, 100_000, 600).band,
            Band::AboveCostFloor
        );
        assert_eq!(observed(CardType::Credit, 100_000, 600).rate, Rate(6_000));
        // A 20,000 元 debit payment charged 20 元: capped, above the per-transaction cost.
        assert_eq!(
            observed(CardType::Debit, 2_000_000, 2_000).band,
            Band::AboveCostFloor
        );
        // Charged 16 元: below the 16.25 元 per-transaction floor.
        assert_eq!(
            observed(CardType::Debit, 2_000_000, 1_600).band,
            Band::BelowCostFloor
        );
        assert_eq!(
            check_fees(&FeeCheckInput::new(
                CardType::Credit,
                RateInput::Observed {
                    amount_fen: 0,
                    fee_fen: 0
                }
            )),
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
            category: MerchantCategory::Unknown,
            promised: None,
        })
        .unwrap();
        // 0.6 % of 100,000 元 = 600 元/month; +3 元 × 100 = 300 元/month → 10,800 元/year.
        assert_eq!(check.later_year_cost_fen, 1_080_000 + 6_800);
        assert_eq!(check.first_year_cost_fen, 1_080_000 + 6_800 + 29_900);
        // (600 + 300) / 100,000 = 0.9 % per transaction with the add-on: stated, not a warning
        // (the "+3" norm is unconfirmed); the deposit is (a PCAC rule).
        assert!(check
            .findings
            .iter()
            .any(|f| f.text.en.contains("about 0.90%") && f.severity == Severity::Info));
        assert_eq!(check.severity, Severity::Warning);
        assert_eq!(check.headline_rate, Rate(9_306));
        assert_eq!(check.headline_text(), "0.93%");
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
                category: MerchantCategory::Unknown,
                promised: None,
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
            category: MerchantCategory::Unknown,
            promised: None,
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
        let qr = stated(CardType::QrOrContactless, "0.38%");
        assert!(qr.findings[0].sources.iter().all(|s| !s.unconfirmed));
        assert!(qr.findings[1].sources.iter().any(|s| s.unconfirmed));
        assert_eq!(qr.findings[1].severity, Severity::Info);
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
                            category: MerchantCategory::Unknown,
                            promised: None,
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
mod issue16_tests {
    use super::*;

    /// The reported case: 0.38 %, 3 元 秒到费 on every swipe, a 299 元 deposit, 50,000 元 and
    /// 100 swipes a month.
    fn scenario() -> FeeCheckInput {
        FeeCheckInput {
            card: CardType::Credit,
            rate: RateInput::Stated(Rate(3_800)),
            debit_cap_fen: None,
            per_transaction_addon_fen: 300,
            one_off_fen: 29_900,
            yearly_fixed_fen: 0,
            monthly_volume_fen: 5_000_000,
            monthly_transactions: Some(100),
            category: MerchantCategory::Unknown,
            promised: None,
        }
    }

    #[test]
    fn the_scenario_leads_with_the_all_in_rate() {
        let check = check_fees(&scenario()).unwrap();
        // 0.38 % × 50,000 × 12 = 2,280; 3 × 100 × 12 = 3,600; + 299 = 6,179 元 on 600,000 元.
        let parts = check.breakdown.unwrap();
        assert_eq!(
            (
                parts.rate_fen,
                parts.addons_fen,
                parts.yearly_fen,
                parts.one_off_fen
            ),
            (228_000, 360_000, 0, 29_900)
        );
        assert_eq!(check.first_year_cost_fen, 617_900);
        assert_eq!(check.later_year_cost_fen, 588_000);
        assert_eq!(check.all_in_rate, Some(Rate(10_298)));
        assert_eq!(check.headline_rate, Rate(10_298));
        assert_eq!(check.headline_text(), "1.03%");
        // The verdict follows the all-in rate: not below the cost, not the 0.38 % red flag.
        assert_eq!(check.band, Band::AboveCostFloor);
        assert_eq!(check.headline(), Band::AboveCostFloor.headline());
        assert!(!check.headline().zh.starts_with("低于"));
        assert!(check.findings[0]
            .text
            .zh
            .starts_with("信用卡（贷记卡）综合费率 1.03%（含全部费用）"));
        // The nominal rate is explained as made up by the other charges.
        assert!(check
            .findings
            .iter()
            .any(|f| f.text.zh.contains("标称费率 0.38% 低于") && f.text.zh.contains("找补")));
        // The deposit (a PCAC rule) is the warning; nothing rests on the agent platform's range.
        assert_eq!(check.severity, Severity::Warning);
        // Without a volume the rate itself is the headline (and then it is below the floor).
        let bare = check_fees(&FeeCheckInput {
            monthly_volume_fen: 0,
            ..scenario()
        })
        .unwrap();
        assert_eq!(bare.headline_text(), "0.38%");
        assert_eq!(bare.band, Band::BelowCostFloor);
    }

    #[test]
    fn a_promised_rate_shows_the_gap_in_points_and_yuan() {
        let check = check_fees(&FeeCheckInput {
            promised: Some(Rate(3_800)),
            ..scenario()
        })
        .unwrap();
        let gap = check.promise.unwrap();
        assert_eq!(gap.points, 6_498);
        assert_eq!(points_text(gap.points), "0.65");
        // 6,179 − 2,280 = 3,899 元 more in the first year.
        assert_eq!((gap.gap_fen, gap.per_year), (Some(389_900), true));
        assert_eq!(check.code(), "above-promised");
        assert_eq!(
            check.headline().zh,
            "比代理商承诺的 0.38% 高出 0.65 个百分点"
        );
        let f = check
            .findings
            .iter()
            .find(|f| f.text.zh.contains("代理商承诺"))
            .unwrap();
        assert_eq!(f.severity, Severity::Warning);
        assert!(f.text.zh.contains("多付 3899.00 元"), "{}", f.text.zh);
        assert!(f.sources.iter().any(|s| s.zh.contains("第十九条")));
        assert_eq!(check.letter_kinds(), ["acquirer", "pboc", "report-12315"]);
        // A promise kept is said plainly, with no warning.
        let kept = check_fees(&FeeCheckInput {
            promised: Some(Rate(11_000)),
            ..scenario()
        })
        .unwrap();
        assert!(!kept.above_promise());
        assert_eq!(kept.code(), "above-floor");
        assert!(kept
            .findings
            .iter()
            .any(|f| f.text.zh.contains("没有超过承诺") && f.severity == Severity::Ok));
        // A stated rate alone: points only, and how to get the 元.
        let stated = check_fees(&FeeCheckInput {
            rate: RateInput::Stated(Rate(6_000)),
            monthly_volume_fen: 0,
            per_transaction_addon_fen: 0,
            one_off_fen: 0,
            promised: Some(Rate(3_800)),
            ..scenario()
        })
        .unwrap();
        assert_eq!(stated.promise.unwrap().gap_fen, None);
        assert!(stated.above_promise());
    }

    #[test]
    fn one_transaction_is_judged_against_the_cost_and_the_promise_not_called_normal() {
        let one = |promised| {
            check_fees(&FeeCheckInput {
                promised,
                ..FeeCheckInput::new(
                    CardType::Credit,
                    RateInput::Observed {
                        amount_fen: 100_000,
                        fee_fen: 680,
                    },
                )
            })
            .unwrap()
        };
        let plain = one(None);
        assert_eq!(plain.headline_text(), "0.68%");
        assert_eq!(plain.band, Band::AboveCostFloor);
        for f in &plain.findings {
            assert!(!f.text.zh.contains("正常"), "{}", f.text.zh);
        }
        assert!(!plain.headline().zh.contains("正常"));
        assert!(plain.severity <= Severity::Info);
        let promised = one(Some(Rate(6_000)));
        let gap = promised.promise.unwrap();
        assert_eq!(
            (gap.points, gap.gap_fen, gap.per_year),
            (800, Some(80), false)
        );
        assert!(promised
            .findings
            .iter()
            .any(|f| f.text.zh.contains("这一笔多扣 0.80 元") && f.severity == Severity::Warning));
        assert_eq!(promised.severity, Severity::Warning);
    }

    #[test]
    fn a_discounted_or_exempt_category_is_not_a_below_cost_red_flag() {
        for category in [MerchantCategory::Discounted, MerchantCategory::Exempt] {
            let check = check_fees(&FeeCheckInput {
                category,
                per_transaction_addon_fen: 0,
                one_off_fen: 0,
                monthly_volume_fen: 0,
                monthly_transactions: None,
                ..scenario()
            })
            .unwrap();
            assert_eq!(check.band, Band::LowerFeeCategory, "{category:?}");
            assert!(check.severity <= Severity::Info, "{category:?}");
            assert!(check.findings[0].text.zh.contains(&category.label().zh));
            assert!(check.findings[0].text.zh.contains("这不算危险信号"));
            assert!(check.findings[0]
                .sources
                .iter()
                .any(|s| s.zh.contains("银发〔2021〕169号")));
            assert!(check.letter_kinds().is_empty());
        }
        let standard = check_fees(&FeeCheckInput {
            category: MerchantCategory::Standard,
            monthly_volume_fen: 0,
            per_transaction_addon_fen: 0,
            one_off_fen: 0,
            ..scenario()
        })
        .unwrap();
        assert_eq!(standard.severity, Severity::RedFlag);
        for c in MerchantCategory::ALL {
            assert_eq!(MerchantCategory::from_code(c.code()), Some(c));
            assert!(c.meaning().is_complete() && c.label().is_complete());
        }
        assert_eq!(MerchantCategory::from_code("vip"), None);
        assert!(MerchantCategory::Discounted
            .meaning()
            .zh
            .contains("未经官方文件确认"));
    }

    /// The brief's rule: an UNCONFIRMED source never carries a warning or a red flag.
    #[test]
    fn no_warning_or_red_flag_rests_on_an_unconfirmed_source() {
        let mut seen = std::collections::BTreeSet::new();
        for card in [CardType::Credit, CardType::Debit, CardType::QrOrContactless] {
            for rate in [
                RateInput::Stated(Rate(0)),
                RateInput::Stated(Rate(3_800)),
                RateInput::Stated(Rate(6_000)),
                RateInput::Stated(Rate(12_500)),
                RateInput::Stated(Rate(50_000)),
                RateInput::Observed {
                    amount_fen: 100_000,
                    fee_fen: 680,
                },
                RateInput::Observed {
                    amount_fen: 2_000_000,
                    fee_fen: 1_600,
                },
            ] {
                for category in MerchantCategory::ALL {
                    for promised in [None, Some(Rate(3_800)), Some(Rate(20_000))] {
                        for (cap, addon, one_off, yearly, volume, count) in [
                            (None, 0, 0, 0, 0, None),
                            (Some(1_500), 300, 29_900, 0, 5_000_000, Some(100)),
                            (Some(3_000), 300, 0, 20_000, 5_000_000, Some(100)),
                            (None, 0, 0, 8_000, 10_000, None),
                        ] {
                            let input = FeeCheckInput {
                                card,
                                rate,
                                debit_cap_fen: cap,
                                per_transaction_addon_fen: addon,
                                one_off_fen: one_off,
                                yearly_fixed_fen: yearly,
                                monthly_volume_fen: volume,
                                monthly_transactions: count,
                                category,
                                promised,
                            };
                            let check = check_fees(&input).unwrap();
                            for f in &check.findings {
                                seen.insert(f.severity);
                                assert!(f.text.is_complete());
                                if f.severity >= Severity::Warning {
                                    assert!(
                                        f.sources.iter().all(|s| !s.unconfirmed),
                                        "{input:?}: {}",
                                        f.text.en
                                    );
                                }
                                for word in ["监管成本底线", "正常"] {
                                    assert!(!f.text.zh.contains(word), "{word}: {}", f.text.zh);
                                }
                            }
                            assert!(!check.headline().zh.contains("监管成本底线"));
                        }
                    }
                }
            }
        }
        // The sweep reached every severity, so the check above was exercised.
        assert_eq!(seen.len(), 4, "{seen:?}");
    }

    fn layout_at(rate: u32, addon_fen: u64, promised: Option<u32>) -> ChartLayout {
        let check = check_fees(&FeeCheckInput {
            card: CardType::Credit,
            rate: RateInput::Stated(Rate(rate)),
            debit_cap_fen: None,
            per_transaction_addon_fen: addon_fen,
            one_off_fen: 0,
            yearly_fixed_fen: 0,
            monthly_volume_fen: if addon_fen > 0 { 5_000_000 } else { 0 },
            monthly_transactions: (addon_fen > 0).then_some(100),
            category: MerchantCategory::Unknown,
            promised: promised.map(Rate),
        })
        .unwrap();
        chart_layout(CardType::Credit, &check)
    }

    fn assert_readable(layout: &ChartLayout, what: &str) {
        let labels: Vec<&ChartLabel> = layout
            .labels
            .iter()
            .chain(layout.ticks.iter().map(|(_, l)| l))
            .collect();
        for l in &labels {
            assert!(
                l.x - l.width / 2.0 >= -0.01,
                "{what}: {l:?} leaves the left edge"
            );
            assert!(
                l.x + l.width / 2.0 <= CHART_WIDTH + 0.01,
                "{what}: {l:?} leaves the right edge"
            );
        }
        for (i, a) in labels.iter().enumerate() {
            for b in &labels[i + 1..] {
                if (a.y - b.y).abs() < 12.0 {
                    let apart = (a.x - b.x).abs() - (a.width + b.width) / 2.0;
                    assert!(apart >= 0.0, "{what}: {a:?} overlaps {b:?}");
                }
            }
        }
        for x in [
            Some(layout.rate_x),
            layout.all_in_x,
            layout.promised_x,
            layout.floor_x,
        ]
        .into_iter()
        .flatten()
        {
            assert!((0.0..=CHART_WIDTH).contains(&x), "{what}: marker at {x}");
        }
        assert!(
            layout.ticks.len() >= 3 && layout.ticks.len() <= 7,
            "{what}: {} ticks",
            layout.ticks.len()
        );
    }

    #[test]
    fn chart_labels_never_overlap_from_0_to_5_percent() {
        for rate in [0, 3_800, 10_300, 33_800, 50_000] {
            assert_readable(&layout_at(rate, 0, None), &format!("{rate}"));
            // An all-in marker close to the rate, and a promise next to the floor.
            assert_readable(&layout_at(rate, 1, Some(4_000)), &format!("{rate} +0.01"));
            assert_readable(&layout_at(rate, 300, Some(3_800)), &format!("{rate} +3"));
            assert_readable(
                &layout_at(rate, 300, Some(rate)),
                &format!("{rate} promised = rate"),
            );
        }
        // 3.38 % with the scenario's extras: the rate is drawn where it belongs on the scale.
        let l = layout_at(33_800, 300, Some(3_800));
        assert!(l.max >= 33_800);
        let expected = 14.0 + 292.0 * 33_800.0 / f64::from(l.max);
        assert!((l.rate_x - expected).abs() < 1e-9);
        assert!(l.all_in_x.unwrap() > l.rate_x);
        // Spreading keeps the labels' order.
        let bottom: Vec<&ChartLabel> = l.labels.iter().filter(|x| x.y > 90.0).collect();
        assert_eq!(bottom.len(), 2);
        assert!(bottom[0].x < bottom[1].x);
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
            "debit", "0.6%", "1000", "6", "20", "3", "99", "60", "50000", "100", "0.38", "standard",
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
                category: MerchantCategory::Unknown,
                promised: None,
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

    const BANDS: [Band; 6] = [
        Band::BelowCostFloor,
        Band::AboveCostFloor,
        Band::LowerFeeCategory,
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
                "低于按监管上限推算的成本：警惕跳码、二清或隐藏费用",
            ),
            (
                "credit",
                "0.6%",
                "不低于按监管上限推算的成本（费率由市场决定，法律没有规定固定费率）",
            ),
            (
                "debit",
                "0.9%",
                "不低于按监管上限推算的成本（费率由市场决定，法律没有规定固定费率）",
            ),
            ("qr", "0.38%", "在一家收单机构公开的扫码费率区间内"),
            ("qr", "0.2%", "低于已公开的扫码费率区间"),
            ("qr", "1.2%", "高于已公开的扫码费率区间"),
        ];
        for (card, rate, zh) in cases {
            assert_eq!(check(card, rate).band.headline().zh, zh, "{card} {rate}");
        }
        assert_eq!(
            check("credit", "0.38%").band.headline().en,
            "Below the cost implied by the regulated caps: watch for 跳码 (MCC jumping), 二清 (agent settlement) or hidden fees"
        );
        for b in BANDS {
            let h = b.headline();
            assert!(
                !h.zh.contains("监管成本底线") && !h.zh.contains("市场区间"),
                "{b:?}"
            );
        }
    }

    #[test]
    fn letters_fit_the_band_and_the_severity() {
        let with = |band: Band, severity: Severity, promise: Option<PromiseGap>| FeeCheck {
            rate: Rate(6_000),
            headline_rate: Rate(6_000),
            band,
            debit_cap_band: None,
            first_year_cost_fen: 0,
            later_year_cost_fen: 0,
            all_in_rate: None,
            breakdown: None,
            addon_rate: None,
            promise,
            category: MerchantCategory::Unknown,
            findings: vec![],
            severity,
        };
        assert_eq!(
            with(Band::BelowCostFloor, Severity::RedFlag, None).letter_kinds(),
            ["acquirer", "pboc"]
        );
        let broken = PromiseGap {
            promised: Rate(3_800),
            charged: Rate(6_000),
            points: 2_200,
            gap_fen: None,
            per_year: false,
        };
        assert_eq!(
            with(Band::AboveCostFloor, Severity::Warning, Some(broken)).letter_kinds(),
            ["acquirer", "pboc", "report-12315"]
        );
        assert_eq!(
            with(Band::AboveDisclosedRange, Severity::Warning, None).letter_kinds(),
            ["acquirer", "pboc", "report-12315"]
        );
        assert_eq!(
            with(Band::AboveCostFloor, Severity::Warning, None).letter_kinds(),
            ["acquirer"]
        );
        let kept = PromiseGap {
            points: -100,
            ..broken
        };
        assert!(with(Band::AboveCostFloor, Severity::Ok, Some(kept))
            .letter_kinds()
            .is_empty());
        assert!(with(Band::BelowDisclosedRange, Severity::Info, None)
            .letter_kinds()
            .is_empty());
    }
}
