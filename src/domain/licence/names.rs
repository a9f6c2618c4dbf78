//! Name normalisation for matching: width folding, punctuation, traditional → simplified and
//! company legal-form suffixes.

use crate::domain::text::fold_width;

/// Traditional → simplified for characters common in payment-company names. Deliberately small:
/// it only has to make a Hong Kong/Taiwan-style spelling of a mainland name match.
#[rustfmt::skip]
const TRAD_TO_SIMP: &[(char, char)] = &[
    ('銀', '银'), ('聯', '联'), ('務', '务'), ('寶', '宝'), ('資', '资'), ('訊', '讯'), ('匯', '汇'), ('滙', '汇'),
    ('彙', '汇'), ('網', '网'), ('電', '电'), ('東', '东'), ('廣', '广'), ('華', '华'), ('費', '费'), ('錢', '钱'),
    ('雲', '云'), ('豐', '丰'), ('財', '财'), ('業', '业'), ('國', '国'), ('際', '际'), ('開', '开'), ('結', '结'),
    ('達', '达'), ('興', '兴'), ('億', '亿'), ('貝', '贝'), ('龍', '龙'), ('門', '门'), ('萬', '万'), ('寧', '宁'),
    ('陽', '阳'), ('點', '点'), ('樂', '乐'), ('隨', '随'), ('創', '创'), ('數', '数'), ('碼', '码'), ('發', '发'),
    ('齊', '齐'), ('魯', '鲁'), ('蘇', '苏'), ('閩', '闽'), ('遼', '辽'), ('聖', '圣'), ('運', '运'), ('實', '实'),
    ('時', '时'), ('現', '现'), ('線', '线'), ('貿', '贸'), ('產', '产'), ('購', '购'), ('暢', '畅'), ('協', '协'),
    ('衛', '卫'), ('鐵', '铁'), ('遠', '远'), ('灣', '湾'), ('區', '区'), ('車', '车'), ('馬', '马'), ('鳥', '鸟'),
    ('長', '长'), ('優', '优'), ('勢', '势'), ('動', '动'), ('連', '连'), ('雙', '双'), ('風', '风'), ('們', '们'),
    ('個', '个'), ('藍', '蓝'), ('綠', '绿'), ('紅', '红'), ('寬', '宽'), ('險', '险'), ('認', '认'), ('證', '证'),
    ('儲', '储'), ('訂', '订'), ('幣', '币'), ('會', '会'), ('員', '员'), ('單', '单'), ('號', '号'), ('與', '与'),
    ('邊', '边'), ('雜', '杂'), ('導', '导'),
];

/// Legal-form suffixes that users leave off; longest first so `股份有限公司` wins over `有限公司`.
const COMPANY_SUFFIXES: &[&str] = &["股份有限公司", "有限责任公司", "有限公司", "股份"];

/// Folds a company name or query for matching: full-width → half-width, drops spaces and
/// punctuation (including brackets, keeping their content), lower-cases Latin letters, maps
/// common traditional characters to simplified, and strips one trailing legal-form suffix.
///
/// `拉卡拉支付股份有限公司` and `拉卡拉 支付` both become `拉卡拉支付`.
pub fn normalise_name(text: &str) -> String {
    let mut folded: String = text
        .chars()
        .map(fold_width)
        .filter(|c| !c.is_whitespace() && !is_name_punctuation(*c))
        .map(|c| {
            TRAD_TO_SIMP
                .iter()
                .find(|(t, _)| *t == c)
                .map_or(c.to_ascii_lowercase(), |(_, s)| *s)
        })
        .collect();
    for suffix in COMPANY_SUFFIXES {
        if folded.len() > suffix.len() {
            if let Some(stripped) = folded.strip_suffix(suffix) {
                folded = stripped.to_string();
                break;
            }
        }
    }
    folded
}

fn is_name_punctuation(c: char) -> bool {
    matches!(
        c,
        '(' | ')'
            | '（'
            | '）'
            | '['
            | ']'
            | '【'
            | '】'
            | '·'
            | '・'
            | '.'
            | ','
            | '，'
            | '、'
            | '-'
            | '—'
            | '_'
            | ':'
            | '：'
            | '"'
            | '\''
            | '“'
            | '”'
            | '《'
            | '》'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn name_normalisation_folds_width_spaces_suffixes_and_traditional() {
        assert_eq!(normalise_name("拉卡拉支付股份有限公司"), "拉卡拉支付");
        assert_eq!(normalise_name(" 拉卡拉　支付 "), "拉卡拉支付");
        assert_eq!(normalise_name("银联商务有限责任公司"), "银联商务");
        assert_eq!(normalise_name("银联商务股份"), "银联商务");
        assert_eq!(normalise_name("銀聯商務有限公司"), "银联商务");
        assert_eq!(
            normalise_name("网银在线（北京）支付科技有限公司"),
            "网银在线北京支付科技"
        );
        assert_eq!(
            normalise_name("网银在线(北京)支付科技"),
            "网银在线北京支付科技"
        );
        assert_eq!(normalise_name("ＡＢＣ Pay"), "abcpay");
        // A suffix alone is not stripped to nothing.
        assert_eq!(normalise_name("有限公司"), "有限公司");
    }
}
