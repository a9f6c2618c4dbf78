//! Diary texts for checker verdicts and letter links that carry what a verdict already knows.
//!
//! The diary is the merchant's own record, so a saved verdict is a short factual note in the
//! UI language: what was checked, with which input, the result, and the as-of date of the
//! data it was checked against (or that no dataset was involved).

use chrono::NaiveDate;

use super::text::Lang;

/// Which check produced a verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CheckKind {
    Licence,
    Clearing,
    Mcc,
    Fee,
}

impl CheckKind {
    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (CheckKind::Licence, Lang::Zh) => "支付牌照查询",
            (CheckKind::Licence, Lang::En) => "Payment licence check",
            (CheckKind::Clearing, Lang::Zh) => "一清/二清判断",
            (CheckKind::Clearing, Lang::En) => "Direct vs. second clearing (一清/二清) check",
            (CheckKind::Mcc, Lang::Zh) => "商户编号/MCC（跳码）检查",
            (CheckKind::Mcc, Lang::En) => "Merchant number / MCC (跳码) check",
            (CheckKind::Fee, Lang::Zh) => "手续费率核对",
            (CheckKind::Fee, Lang::En) => "Fee rate check",
        }
    }
}

/// `【what】date` / `checked: input` / `result: …` / `data as of: …` as lines.
/// Blank parts are left out; `result` lines are kept in order.
pub fn verdict_summary(
    lang: Lang,
    kind: CheckKind,
    checked_on: NaiveDate,
    input: &str,
    result: &[String],
    as_of: Option<&str>,
) -> String {
    let (checked, res, data) = match lang {
        Lang::Zh => ("查询内容：", "结果：", "数据截至："),
        Lang::En => ("Checked: ", "Result: ", "Data as of: "),
    };
    let mut lines = vec![format!("【{}】{}", kind.label(lang), checked_on)];
    if !input.trim().is_empty() {
        lines.push(format!("{checked}{}", input.trim()));
    }
    let result: Vec<&str> = result
        .iter()
        .map(|r| r.trim())
        .filter(|r| !r.is_empty())
        .collect();
    if !result.is_empty() {
        lines.push(format!("{res}{}", result.join(" ")));
    }
    if let Some(date) = as_of.map(str::trim).filter(|d| !d.is_empty()) {
        lines.push(format!("{data}{date}"));
    }
    lines.join("\n")
}

/// `?name=value&…` for a letter link (values percent-encoded; empty values left out). The
/// letter page keeps only fields it knows ([`super::letters::fields_from_query`]).
pub fn letter_query(pairs: &[(&str, &str)]) -> String {
    let encoded: Vec<String> = pairs
        .iter()
        .filter(|(_, v)| !v.trim().is_empty())
        .map(|(k, v)| format!("{}={}", encode(k), encode(v.trim())))
        .collect();
    if encoded.is_empty() {
        String::new()
    } else {
        format!("?{}", encoded.join("&"))
    }
}

fn encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
    }

    #[test]
    fn summary_says_what_was_checked_the_result_and_the_data_date() {
        let text = verdict_summary(
            Lang::Zh,
            CheckKind::Licence,
            d(),
            "拉卡拉支付股份有限公司（Z2002511000017）",
            &["有效".into(), "  ".into(), "可以做POS收单。".into()],
            Some("2026-10-02"),
        );
        assert_eq!(
            text,
            "【支付牌照查询】2026-11-23\n查询内容：拉卡拉支付股份有限公司（Z2002511000017）\n结果：有效 可以做POS收单。\n数据截至：2026-10-02"
        );
        let text = verdict_summary(Lang::En, CheckKind::Fee, d(), "", &["0.38%".into()], None);
        assert_eq!(text, "【Fee rate check】2026-11-23\nResult: 0.38%");
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
