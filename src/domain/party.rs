//! Who the parties to a letter are: the merchant ([`Profile`], "我的信息", entered once) and the
//! counterparties a case names ([`Counterparty`]), with what a letter says about each.
//!
//! The wording follows the sender's legal kind ([`PartyKind`]): a person writes 本人, a
//! 个体工商户 with a 字号 writes 本店, a company 本公司. The 起诉状's party blocks follow
//! 《中华人民共和国民事诉讼法》第一百二十四条 (a natural person: 姓名、性别、年龄、民族、职业、工作单位、
//! 住所、联系方式; an organisation: 名称、住所, 法定代表人或者主要负责人的姓名、职务、联系方式) and
//! 《最高人民法院关于适用〈中华人民共和国民事诉讼法〉的解释》第五十九条 (a 个体工商户 with a 字号 is
//! the party under its 字号, with the operator's particulars stated alongside).
//!
//! Pure: no storage, no clock. The merchant's profile is kept by `store::settings` and in
//! backups; counterparties live on the case.
//!
//! # Public API
//! - [`PartyKind`], [`Gender`], [`Profile`] with [`Profile::pronoun`], [`Profile::party_name`],
//!   [`Profile::particulars`], [`Profile::plaintiff_lines`], [`Profile::missing`],
//!   [`Profile::with_overrides`].
//! - [`Counterparty`] with [`Counterparty::particulars`] and [`Counterparty::defendant_line`].
//! - [`Matter`]: what a case is about (decides which articles a letter cites).
//! - [`Respondent`]: whom a letter is about (an agent or vendor, a non-bank institution, a bank).
//! - [`Acquisition`]: how the merchant got the terminal (购买 or 办理), which resolves "购买/办理" and
//!   "销售/布放" in letters.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use super::text::Bilingual;

/// The merchant's legal kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PartyKind {
    /// 个人 (a natural person not registered as a business).
    Person,
    /// 个体工商户: a registered operator, usually with a 字号 (shop name).
    #[default]
    SoleTrader,
    /// 公司或其他组织.
    Organisation,
}

impl PartyKind {
    pub const ALL: [PartyKind; 3] = [
        PartyKind::Person,
        PartyKind::SoleTrader,
        PartyKind::Organisation,
    ];

    pub fn label(self) -> Bilingual {
        match self {
            PartyKind::Person => Bilingual::new("个人", "individual"),
            PartyKind::SoleTrader => Bilingual::new("个体工商户", "sole trader (个体工商户)"),
            PartyKind::Organisation => {
                Bilingual::new("公司或其他组织", "company or other organisation")
            }
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            PartyKind::Person => "person",
            PartyKind::SoleTrader => "sole_trader",
            PartyKind::Organisation => "organisation",
        }
    }

    pub fn from_code(code: &str) -> Option<PartyKind> {
        PartyKind::ALL.into_iter().find(|k| k.code() == code)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Gender {
    Male,
    Female,
}

impl Gender {
    pub fn zh(self) -> &'static str {
        match self {
            Gender::Male => "男",
            Gender::Female => "女",
        }
    }
}

/// The merchant as a party ("我的信息"): entered once, filled into every letter, overridable per
/// letter. Every field is optional text; [`Profile::missing`] says what a given letter still
/// needs.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Profile {
    pub kind: PartyKind,
    /// A person's 姓名; a 个体工商户's 经营者 (the operator on the licence); an organisation's 名称.
    pub name: String,
    /// A 个体工商户's 字号 (shop name on the business licence), if it has one.
    pub trade_name: String,
    /// 统一社会信用代码 (个体工商户 or organisation).
    pub credit_code: String,
    /// An organisation's 法定代表人 or 主要负责人.
    pub representative: String,
    /// Their 职务 (e.g. 执行董事, 经理, 负责人).
    pub representative_title: String,
    /// 公民身份号码 of the person or the operator.
    pub id_no: String,
    pub gender: Option<Gender>,
    pub birth_date: Option<NaiveDate>,
    /// 民族, e.g. 汉族.
    pub ethnicity: String,
    /// 职业或工作单位 of the person or the operator.
    pub occupation: String,
    pub phone: String,
    /// 住所 (a person's domicile; an organisation's registered address).
    pub address: String,
}

/// One thing a letter needs from the profile, by its field name (see [`Profile::missing`]).
pub type ProfileField = &'static str;

fn nonempty(s: &str) -> Option<&str> {
    let s = s.trim();
    (!s.is_empty()).then_some(s)
}

impl Profile {
    /// 本人 / 本店 / 本公司 / 本单位: how the merchant refers to itself in a letter.
    pub fn pronoun(&self) -> &'static str {
        match self.kind {
            PartyKind::Person => "本人",
            PartyKind::SoleTrader if nonempty(&self.trade_name).is_some() => "本店",
            PartyKind::SoleTrader => "本人",
            PartyKind::Organisation if self.name.contains("公司") => "本公司",
            PartyKind::Organisation => "本单位",
        }
    }

    /// The name the merchant writes and signs under: the person's name, the 字号 (or the
    /// operator's name without one), the organisation's name. Empty when not entered.
    pub fn party_name(&self) -> String {
        match self.kind {
            PartyKind::SoleTrader => nonempty(&self.trade_name)
                .or(nonempty(&self.name))
                .unwrap_or_default()
                .to_owned(),
            _ => self.name.trim().to_owned(),
        }
    }

    /// The signature line's name: a 个体工商户 with a 字号 adds its operator,
    /// "某某便利店（经营者：张三）"; an organisation is signed for by its representative on paper.
    pub fn signer(&self) -> String {
        match (self.kind, nonempty(&self.trade_name), nonempty(&self.name)) {
            (PartyKind::SoleTrader, Some(shop), Some(op)) => format!("{shop}（经营者：{op}）"),
            _ => self.party_name(),
        }
    }

    /// Age in whole years on `today`, when the birth date is known.
    pub fn age_on(&self, today: NaiveDate) -> Option<u32> {
        let born = self.birth_date?;
        let mut years = today.year() - born.year();
        if (today.month(), today.day()) < (born.month(), born.day()) {
            years -= 1;
        }
        u32::try_from(years).ok()
    }

    /// The complainant's particulars for a complaint, in one line without the role label:
    /// "张三，公民身份号码：…，联系电话：…，住所：…". Only what is filled; the organisation adds its
    /// credit code and representative.
    pub fn particulars(&self) -> String {
        let mut parts: Vec<String> = Vec::new();
        let name = self.party_name();
        if !name.is_empty() {
            parts.push(name);
        }
        match self.kind {
            PartyKind::Person => {
                if let Some(id) = nonempty(&self.id_no) {
                    parts.push(format!("公民身份号码：{id}"));
                }
            }
            PartyKind::SoleTrader => {
                if nonempty(&self.trade_name).is_some() {
                    if let Some(op) = nonempty(&self.name) {
                        parts.push(format!("经营者：{op}"));
                    }
                }
                if let Some(code) = nonempty(&self.credit_code) {
                    parts.push(format!("统一社会信用代码：{code}"));
                }
                if let Some(id) = nonempty(&self.id_no) {
                    parts.push(format!("经营者公民身份号码：{id}"));
                }
            }
            PartyKind::Organisation => {
                if let Some(code) = nonempty(&self.credit_code) {
                    parts.push(format!("统一社会信用代码：{code}"));
                }
                if let Some(rep) = nonempty(&self.representative) {
                    let title = nonempty(&self.representative_title).unwrap_or("法定代表人");
                    parts.push(format!("{title}：{rep}"));
                }
            }
        }
        if let Some(phone) = nonempty(&self.phone) {
            parts.push(format!("联系电话：{phone}"));
        }
        if let Some(address) = nonempty(&self.address) {
            parts.push(format!("住所：{address}"));
        }
        parts.join("，")
    }

    /// The 原告 block of a 起诉状 (民诉法 第一百二十四条(一); 民诉法解释 第五十九条), one line per
    /// party line, each ending in 。; blanks are left as 【待填：…】 so nothing reads complete
    /// when it is not.
    pub fn plaintiff_lines(&self, today: NaiveDate) -> Vec<String> {
        let todo = |label: &str| format!("【待填：{label}】");
        let or_todo =
            |value: &str, label: &str| nonempty(value).map_or_else(|| todo(label), str::to_owned);
        let person = |who: &str, p: &Profile| {
            let gender = p.gender.map_or_else(|| todo("性别"), |g| g.zh().to_owned());
            let born = p.birth_date.map_or_else(
                || todo("出生日期"),
                |d| {
                    let age = p
                        .age_on(today)
                        .map(|a| format!("（{a}岁）"))
                        .unwrap_or_default();
                    format!("{}年{}月{}日出生{age}", d.year(), d.month(), d.day())
                },
            );
            format!(
                "{who}：{}，{gender}，{born}，{}，{}，住所：{}，公民身份号码：{}，联系电话：{}。",
                or_todo(&p.name, "姓名"),
                or_todo(&p.ethnicity, "民族"),
                or_todo(&p.occupation, "职业或工作单位"),
                or_todo(&p.address, "住所"),
                or_todo(&p.id_no, "公民身份号码"),
                or_todo(&p.phone, "联系电话"),
            )
        };
        match self.kind {
            PartyKind::Person => vec![person("原告", self)],
            PartyKind::SoleTrader => match nonempty(&self.trade_name) {
                Some(shop) => {
                    let code = nonempty(&self.credit_code)
                        .map(|c| format!("，统一社会信用代码：{c}"))
                        .unwrap_or_default();
                    vec![
                        format!(
                            "原告：{shop}（个体工商户）{code}，经营场所：{}。",
                            or_todo(&self.address, "经营场所")
                        ),
                        person("经营者", self),
                    ]
                }
                None => vec![person("原告", self)],
            },
            PartyKind::Organisation => {
                let code = nonempty(&self.credit_code)
                    .map(|c| format!("，统一社会信用代码：{c}"))
                    .unwrap_or_default();
                let title = nonempty(&self.representative_title).unwrap_or("职务【待填】");
                vec![
                    format!(
                        "原告：{}{code}，住所：{}。",
                        or_todo(&self.name, "名称"),
                        or_todo(&self.address, "住所")
                    ),
                    format!(
                        "法定代表人（主要负责人）：{}，{title}，联系电话：{}。",
                        or_todo(&self.representative, "法定代表人或主要负责人"),
                        or_todo(&self.phone, "联系电话"),
                    ),
                ]
            }
        }
    }

    /// The profile fields a letter needs and lacks, by field name (`name`, `trade_name`,
    /// `id_no`, `phone`, `address`, `credit_code`, `representative`, `representative_title`,
    /// `gender`, `birth_date`, `ethnicity`, `occupation`). `for_court` adds what the 起诉状
    /// needs (民诉法 第一百二十四条(一)); `with_id` asks for the ID number (the PBoC and PCAC
    /// letters, 实施办法 第四十一条).
    pub fn missing(&self, for_court: bool, with_id: bool) -> Vec<ProfileField> {
        let mut missing = Vec::new();
        let mut need = |ok: bool, field: ProfileField| {
            if !ok {
                missing.push(field);
            }
        };
        let has = |s: &str| nonempty(s).is_some();
        need(has(&self.name), "name");
        need(has(&self.phone), "phone");
        let natural = self.kind != PartyKind::Organisation;
        if natural {
            need(!with_id && !for_court || has(&self.id_no), "id_no");
        }
        if for_court {
            need(has(&self.address), "address");
            if natural {
                need(self.gender.is_some(), "gender");
                need(self.birth_date.is_some(), "birth_date");
                need(has(&self.ethnicity), "ethnicity");
                need(has(&self.occupation), "occupation");
            } else {
                need(has(&self.representative), "representative");
                need(has(&self.representative_title), "representative_title");
            }
        }
        missing
    }

    /// Bilingual label of a profile field named by [`Profile::missing`].
    pub fn field_label(field: &str, kind: PartyKind) -> Bilingual {
        match (field, kind) {
            ("name", PartyKind::Person) => Bilingual::new("姓名", "name"),
            ("name", PartyKind::SoleTrader) => Bilingual::new("经营者姓名", "operator's name"),
            ("name", PartyKind::Organisation) => Bilingual::new("名称", "name"),
            ("trade_name", _) => Bilingual::new("字号（店名）", "shop name (字号)"),
            ("credit_code", _) => Bilingual::new("统一社会信用代码", "unified social credit code"),
            ("representative", _) => Bilingual::new(
                "法定代表人或主要负责人",
                "legal representative or person in charge",
            ),
            ("representative_title", _) => Bilingual::new("职务", "their position"),
            ("id_no", PartyKind::SoleTrader) => {
                Bilingual::new("经营者公民身份号码", "operator's ID number")
            }
            ("id_no", _) => Bilingual::new("公民身份号码", "ID number"),
            ("gender", _) => Bilingual::new("性别", "gender"),
            ("birth_date", _) => Bilingual::new("出生日期", "date of birth"),
            ("ethnicity", _) => Bilingual::new("民族", "ethnic group"),
            ("occupation", _) => Bilingual::new("职业或工作单位", "occupation or employer"),
            ("phone", _) => Bilingual::new("联系电话", "phone"),
            ("address", PartyKind::Organisation) => Bilingual::new("住所", "registered address"),
            ("address", _) => Bilingual::new("住所（地址）", "address"),
            _ => Bilingual::new(field, field),
        }
    }

    /// This profile with a letter's own values (non-empty) in place of the stored ones:
    /// `merchant_name`, `merchant_phone`, `merchant_address`, `merchant_id_no`.
    pub fn with_overrides(&self, fields: &std::collections::BTreeMap<String, String>) -> Profile {
        let mut p = self.clone();
        let get = |k: &str| fields.get(k).and_then(|v| nonempty(v)).map(str::to_owned);
        if let Some(v) = get("merchant_name") {
            match p.kind {
                PartyKind::SoleTrader if nonempty(&p.trade_name).is_some() => p.trade_name = v,
                _ => p.name = v,
            }
        }
        if let Some(v) = get("merchant_phone") {
            p.phone = v;
        }
        if let Some(v) = get("merchant_address") {
            p.address = v;
        }
        if let Some(v) = get("merchant_id_no") {
            p.id_no = v;
        }
        p
    }
}

/// A company (or person) a case names: the vendor or agent, the acquirer, the payer on the
/// settlement statement. What a letter needs: full name, credit code if known, address, and the
/// legal representative for a 起诉状.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Counterparty {
    pub name: String,
    pub credit_code: String,
    pub address: String,
    pub legal_rep: String,
}

impl Counterparty {
    pub fn is_empty(&self) -> bool {
        [
            &self.name,
            &self.credit_code,
            &self.address,
            &self.legal_rep,
        ]
        .iter()
        .all(|s| s.trim().is_empty())
    }

    /// "某某支付有限公司，统一社会信用代码：…，住所：…" (only what is known).
    pub fn particulars(&self) -> String {
        let mut parts = vec![self.name.trim().to_owned()];
        if let Some(code) = nonempty(&self.credit_code) {
            parts.push(format!("统一社会信用代码：{code}"));
        }
        if let Some(address) = nonempty(&self.address) {
            parts.push(format!("住所：{address}"));
        }
        parts.retain(|p| !p.is_empty());
        parts.join("，")
    }

    /// The 被告 line of a 起诉状 (民诉法 第一百二十四条(二); 民诉法解释 第二百零九条 wants a name and
    /// domicile specific enough to identify the defendant).
    pub fn defendant_line(&self) -> String {
        let name = nonempty(&self.name).unwrap_or("【待填：被告名称】");
        let code = nonempty(&self.credit_code)
            .map(|c| format!("，统一社会信用代码：{c}"))
            .unwrap_or_default();
        let address = nonempty(&self.address).unwrap_or("【待填：被告住所】");
        let rep = nonempty(&self.legal_rep)
            .map(|r| format!("，法定代表人：{r}"))
            .unwrap_or_default();
        format!("被告：{name}{code}，住所：{address}{rep}。")
    }
}

/// What a case is about. Decides which articles a letter cites.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Matter {
    /// The terminal fails and nobody repairs it.
    Fault,
    /// The rate or fees went up without notice or consent.
    FeeRise,
    /// A fee that was never shown or agreed.
    UnmarkedFee,
    /// A deposit (押金) not refunded.
    Deposit,
    /// A SIM / data fee (流量费).
    SimFee,
    /// The terminal was deregistered, stopped or taken back.
    Deregistration,
    /// Settlement is late, withheld or frozen.
    Settlement,
    /// The money arrives from a company that is not a licensed acquirer (二清).
    SecondClearing,
    /// The merchant category code does not fit the business (跳码).
    CodeJump,
    /// The agent cannot be reached.
    AgentGone,
}

impl Matter {
    pub const ALL: [Matter; 10] = [
        Matter::Fault,
        Matter::FeeRise,
        Matter::UnmarkedFee,
        Matter::Deposit,
        Matter::SimFee,
        Matter::Deregistration,
        Matter::Settlement,
        Matter::SecondClearing,
        Matter::CodeJump,
        Matter::AgentGone,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Matter::Fault => "fault",
            Matter::FeeRise => "fee_rise",
            Matter::UnmarkedFee => "unmarked_fee",
            Matter::Deposit => "deposit",
            Matter::SimFee => "sim_fee",
            Matter::Deregistration => "deregistration",
            Matter::Settlement => "settlement",
            Matter::SecondClearing => "second_clearing",
            Matter::CodeJump => "code_jump",
            Matter::AgentGone => "agent_gone",
        }
    }

    pub fn from_code(code: &str) -> Option<Matter> {
        Matter::ALL.into_iter().find(|m| m.code() == code)
    }

    pub fn label(self) -> Bilingual {
        match self {
            Matter::Fault => Bilingual::new("机器故障、无人维修", "terminal fault, no repair"),
            Matter::FeeRise => Bilingual::new("费率或费用被上调", "rate or fees raised"),
            Matter::UnmarkedFee => Bilingual::new("未标明、未约定的收费", "unmarked fees"),
            Matter::Deposit => Bilingual::new("押金不退", "deposit not refunded"),
            Matter::SimFee => Bilingual::new("流量费（SIM卡费）", "SIM / data fee"),
            Matter::Deregistration => Bilingual::new(
                "终端被停用、注销或收回",
                "terminal stopped, deregistered or recovered",
            ),
            Matter::Settlement => Bilingual::new(
                "结算延迟、未到账或被冻结",
                "settlement late, missing or frozen",
            ),
            Matter::SecondClearing => Bilingual::new(
                "付款方不是持牌机构（二清）",
                "paid by an unlicensed company (二清)",
            ),
            Matter::CodeJump => Bilingual::new(
                "商户类别码与经营不符（跳码）",
                "category code does not fit the business (跳码)",
            ),
            Matter::AgentGone => Bilingual::new("代理商联系不上", "agent cannot be reached"),
        }
    }

    /// Parses a comma-separated list of codes (unknown codes are skipped).
    pub fn parse_list(text: &str) -> Vec<Matter> {
        let mut out: Vec<Matter> = text
            .split(',')
            .filter_map(|c| Matter::from_code(c.trim()))
            .collect();
        out.sort();
        out.dedup();
        out
    }

    pub fn list_code(matters: &[Matter]) -> String {
        matters
            .iter()
            .map(|m| m.code())
            .collect::<Vec<_>>()
            .join(",")
    }
}

/// Whom a letter is about: decides which rules can bind them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Respondent {
    /// The vendor or agent (a company bound by the contract, not by payment regulation).
    Vendor,
    /// A licensed non-bank payment institution (bound by 《非银行支付机构监督管理条例》).
    NonBank,
    /// A bank acquirer (not bound by the non-bank 条例).
    Bank,
}

/// What kind of acquirer a case names, as far as the merchant knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AcquirerKind {
    #[default]
    Unknown,
    NonBank,
    Bank,
}

impl AcquirerKind {
    /// The kind a name suggests when the merchant has not said: a name with 银行 is a bank, a
    /// name with 支付 (required of every licensed non-bank institution, 条例 第六条) is not.
    pub fn guess(name: &str, licence_no: Option<&str>) -> AcquirerKind {
        if licence_no.is_some_and(|n| !n.trim().is_empty()) {
            AcquirerKind::NonBank
        } else if name.contains("银行") {
            AcquirerKind::Bank
        } else if name.contains("支付") {
            AcquirerKind::NonBank
        } else {
            AcquirerKind::Unknown
        }
    }

    /// The respondent this acquirer is; an unknown kind is treated as a non-bank institution
    /// (most POS acquirers are), and the letter page asks the merchant to confirm.
    pub fn respondent(self) -> Respondent {
        match self {
            AcquirerKind::Bank => Respondent::Bank,
            _ => Respondent::NonBank,
        }
    }
}

/// How the merchant got the terminal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Acquisition {
    /// Bought it (购买): the vendor 销售.
    Bought,
    /// Signed up and got it placed, free or against a deposit (办理): the agent 布放.
    Placed,
}

impl Acquisition {
    /// 购买 / 办理.
    pub fn merchant_verb(self) -> &'static str {
        match self {
            Acquisition::Bought => "购买",
            Acquisition::Placed => "办理",
        }
    }

    /// 销售 / 布放.
    pub fn vendor_verb(self) -> &'static str {
        match self {
            Acquisition::Bought => "销售",
            Acquisition::Placed => "布放",
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    pub(crate) fn shop() -> Profile {
        Profile {
            kind: PartyKind::SoleTrader,
            name: "张三".into(),
            trade_name: "张三便利店".into(),
            credit_code: "92440300MA5XXXXXX1".into(),
            id_no: "440301199001011234".into(),
            gender: Some(Gender::Male),
            birth_date: Some(d(1990, 1, 1)),
            ethnicity: "汉族".into(),
            occupation: "个体经营".into(),
            phone: "13800000000".into(),
            address: "深圳市南山区某路1号".into(),
            ..Profile::default()
        }
    }

    #[test]
    fn pronoun_and_name_follow_the_party_kind() {
        let mut p = shop();
        assert_eq!((p.pronoun(), p.party_name()), ("本店", "张三便利店".into()));
        assert_eq!(p.signer(), "张三便利店（经营者：张三）");
        p.trade_name.clear();
        assert_eq!((p.pronoun(), p.party_name()), ("本人", "张三".into()));
        p.kind = PartyKind::Person;
        assert_eq!(p.pronoun(), "本人");
        p.kind = PartyKind::Organisation;
        p.name = "某某餐饮有限公司".into();
        assert_eq!(p.pronoun(), "本公司");
        p.name = "某某合作社".into();
        assert_eq!(p.pronoun(), "本单位");
    }

    #[test]
    fn plaintiff_block_follows_civil_procedure_rules() {
        let today = d(2026, 11, 27);
        let lines = shop().plaintiff_lines(today);
        assert_eq!(lines.len(), 2, "{lines:?}");
        assert!(lines[0].starts_with("原告：张三便利店（个体工商户）"));
        assert!(lines[1].starts_with("经营者：张三，男，1990年1月1日出生（36岁），汉族，个体经营"));
        assert!(lines
            .iter()
            .all(|l| l.ends_with('。') && !l.contains("待填")));

        let org = Profile {
            kind: PartyKind::Organisation,
            name: "某某餐饮有限公司".into(),
            phone: "0755-1234567".into(),
            ..Profile::default()
        };
        let lines = org.plaintiff_lines(today);
        assert!(lines[0].starts_with("原告：某某餐饮有限公司，住所：【待填：住所】"));
        assert!(lines[1].contains("【待填：法定代表人或主要负责人】"));
        assert!(
            !lines.join("").contains("性别"),
            "no personal particulars for a company"
        );
        assert_eq!(
            org.missing(true, false),
            vec!["address", "representative", "representative_title"]
        );
        assert_eq!(org.missing(false, true), Vec::<&str>::new());
    }

    #[test]
    fn missing_lists_what_each_use_needs() {
        let empty = Profile::default();
        assert_eq!(empty.missing(false, false), vec!["name", "phone"]);
        assert_eq!(empty.missing(false, true), vec!["name", "phone", "id_no"]);
        assert!(shop().missing(true, true).is_empty());
    }

    #[test]
    fn overrides_replace_only_what_the_letter_sets() {
        let mut fields = std::collections::BTreeMap::new();
        fields.insert("merchant_phone".to_owned(), " 13911112222 ".to_owned());
        fields.insert("merchant_address".to_owned(), "  ".to_owned());
        let p = shop().with_overrides(&fields);
        assert_eq!(p.phone, "13911112222");
        assert_eq!(p.address, shop().address);
    }

    #[test]
    fn counterparty_lines() {
        let c = Counterparty {
            name: "某某支付有限公司".into(),
            address: "上海市某区某路2号".into(),
            ..Counterparty::default()
        };
        assert_eq!(c.particulars(), "某某支付有限公司，住所：上海市某区某路2号");
        assert_eq!(
            c.defendant_line(),
            "被告：某某支付有限公司，住所：上海市某区某路2号。"
        );
        assert!(Counterparty::default()
            .defendant_line()
            .contains("【待填：被告名称】"));
    }

    #[test]
    fn matters_round_trip_and_acquirer_kind_guess() {
        for m in Matter::ALL {
            assert_eq!(Matter::from_code(m.code()), Some(m));
        }
        assert_eq!(
            Matter::parse_list("deposit, fault,x,deposit"),
            vec![Matter::Fault, Matter::Deposit]
        );
        assert_eq!(
            AcquirerKind::guess("中国工商银行", None),
            AcquirerKind::Bank
        );
        assert_eq!(
            AcquirerKind::guess("某某支付有限公司", None),
            AcquirerKind::NonBank
        );
        assert_eq!(
            AcquirerKind::guess("某某科技", Some("Z2000")),
            AcquirerKind::NonBank
        );
        assert_eq!(AcquirerKind::guess("某某科技", None), AcquirerKind::Unknown);
    }
}
