//! Geographic coverage: scopes and their labels, region names, the provinces offered, scope
//! parsing, and whether a licence's acquiring scope covers the merchant's region.

use serde::Serialize;

use super::Licence;
use crate::domain::text::{fold_width, Bilingual, Source};

/// Geographic scope of a business type or of the whole licence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum Scope {
    /// `全国`.
    Nationwide,
    /// Only these provinces/cities (names folded by [`region_key`]).
    Only(Vec<String>),
    /// `除…以外地区`, optionally `，可以在…开展业务` (allowed despite the exclusion).
    Except {
        excluded: Vec<String>,
        also_allowed: Vec<String>,
    },
    /// `分业务列明` without a bracket on the business type, or text we cannot read.
    Unstated(String),
}

impl Scope {
    /// The scope in words: `全国`, `北京、上海`, `除宁波以外（可在…开展）`.
    pub fn label(&self) -> Bilingual {
        match self {
            Scope::Nationwide => Bilingual::new("全国", "nationwide"),
            Scope::Only(items) => Bilingual::new(items.join("、"), items.join(", ")),
            Scope::Except {
                excluded,
                also_allowed,
            } => {
                let mut b = Bilingual::new(
                    format!("除{}以外", excluded.join("、")),
                    format!("everywhere except {}", excluded.join(", ")),
                );
                if !also_allowed.is_empty() {
                    b.zh.push_str(&format!("（可在{}开展）", also_allowed.join("、")));
                    b.en.push_str(&format!(" (allowed in {})", also_allowed.join(", ")));
                }
                b
            }
            Scope::Unstated(t) => Bilingual::new(
                format!("按业务列明（{t}）"),
                format!("per business type ({t})"),
            ),
        }
    }
}

/// The merchant's location, as the UI asks for it.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct MerchantRegion {
    /// e.g. `浙江省` or `浙江`.
    pub province: String,
    /// e.g. `宁波市`; needed where a scope names a separately listed city.
    pub city: Option<String>,
}

/// Provinces offered for the coverage check (GB/T 2260 names as PBoC scopes use them).
pub const PROVINCES: &[&str] = &[
    "北京",
    "天津",
    "河北",
    "山西",
    "内蒙古",
    "辽宁",
    "吉林",
    "黑龙江",
    "上海",
    "江苏",
    "浙江",
    "安徽",
    "福建",
    "江西",
    "山东",
    "河南",
    "湖北",
    "湖南",
    "广东",
    "广西",
    "海南",
    "重庆",
    "四川",
    "贵州",
    "云南",
    "西藏",
    "陕西",
    "甘肃",
    "青海",
    "宁夏",
    "新疆",
];

/// Whether `text` (e.g. from a deep link) names one of [`PROVINCES`]: `浙江` or `浙江省`.
pub fn is_offered_province(text: &str) -> bool {
    PROVINCES.iter().any(|p| text.starts_with(p))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CoverageVerdict {
    Covered,
    NotCovered,
    Unclear,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CoverageCheck {
    pub verdict: CoverageVerdict,
    pub reason: Bilingual,
    pub source: Source,
}

impl Licence {
    /// Whether the acquiring scope covers the merchant's region. `None` if the licence has no
    /// acquiring business type at all.
    pub fn acquiring_coverage(&self, region: &MerchantRegion) -> Option<CoverageCheck> {
        let acquiring = self.acquiring()?;
        Some(check_scope(
            &acquiring.scope,
            region,
            &acquiring.business_type.raw,
        ))
    }
}

/// Folds a province/city name for comparison: `浙江省`, `浙江` → `浙江`; `宁夏回族自治区` → `宁夏`.
pub fn region_key(name: &str) -> String {
    let name: String = name
        .chars()
        .map(fold_width)
        .filter(|c| !c.is_whitespace())
        .collect();
    let mut key = name
        .trim_start_matches("仅限于")
        .trim_end_matches('内')
        .to_string();
    for suffix in [
        "特别行政区",
        "维吾尔自治区",
        "壮族自治区",
        "回族自治区",
        "自治区",
        "地区",
        "省",
        "市",
    ] {
        if key.chars().count() > 2 || suffix == "省" || suffix == "市" {
            if let Some(stripped) = key.strip_suffix(suffix) {
                if stripped.chars().count() >= 2 {
                    key = stripped.to_string();
                    break;
                }
            }
        }
    }
    key
}

/// Splits on a separator at bracket depth 0, so `山东（含青岛）、四川` gives two items.
fn split_top_level(text: &str, separator: char) -> Vec<String> {
    let mut items = Vec::new();
    let mut depth = 0i32;
    let mut current = String::new();
    for c in text.chars() {
        match c {
            '（' | '(' => depth += 1,
            '）' | ')' => depth -= 1,
            _ => {}
        }
        if c == separator && depth == 0 {
            items.push(std::mem::take(&mut current));
        } else {
            current.push(c);
        }
    }
    items.push(current);
    items
        .into_iter()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

/// Region items, expanding `山东（含青岛）` into `山东` and `青岛`.
fn region_items(text: &str) -> Vec<String> {
    let mut keys = Vec::new();
    for item in split_top_level(text, '、') {
        match item.find('（') {
            Some(i) => {
                keys.push(region_key(&item[..i]));
                let inner = item[i..].trim_start_matches('（').trim_end_matches('）');
                for extra in inner.trim_start_matches('含').split('、') {
                    keys.push(region_key(extra));
                }
            }
            None => keys.push(region_key(&item)),
        }
    }
    keys
}

/// Parses bracket scope text such as `全国`, `北京市`, `仅限于广东省内`,
/// `除宁波市以外地区`, `除广东省、山西省以外地区，可以在深圳市开展业务`.
pub fn parse_scope(text: &str) -> Scope {
    let text = text.trim();
    if text == "全国" {
        return Scope::Nationwide;
    }
    if let Some(rest) = text.strip_prefix('除') {
        let Some(end) = rest.find("以外") else {
            return Scope::Unstated(text.to_string());
        };
        let excluded = region_items(&rest[..end]);
        let tail = &rest[end..];
        let also_allowed = match (tail.find("可以在"), tail.find("开展业务")) {
            (Some(a), Some(b)) if a < b => region_items(&tail[a + "可以在".len()..b]),
            _ => Vec::new(),
        };
        return Scope::Except {
            excluded,
            also_allowed,
        };
    }
    let items = region_items(text);
    if items.is_empty() {
        Scope::Unstated(text.to_string())
    } else {
        Scope::Only(items)
    }
}

pub(super) fn parse_coverage(text: &str) -> Scope {
    match text.trim() {
        "全国" => Scope::Nationwide,
        "分业务列明" => Scope::Unstated("分业务列明".to_string()),
        other => Scope::Only(
            other
                .split('|')
                .map(region_key)
                .filter(|s| !s.is_empty())
                .collect(),
        ),
    }
}

/// Cities that PBoC scopes name separately from their province (seen in this dataset as
/// `宁波市`, `青岛市`, `深圳市`). Administrative geography, not a fact from the licence data: used only to
/// answer "unclear — tell us your city" instead of guessing.
const SEPARATELY_NAMED_CITIES: &[(&str, &str)] = &[
    ("宁波", "浙江"),
    ("青岛", "山东"),
    ("深圳", "广东"),
    ("大连", "辽宁"),
    ("厦门", "福建"),
];

fn cities_in_province(province: &str) -> impl Iterator<Item = &'static str> + '_ {
    SEPARATELY_NAMED_CITIES
        .iter()
        .filter(move |(_, p)| *p == province)
        .map(|(c, _)| *c)
}

fn check_scope(scope: &Scope, region: &MerchantRegion, business_type: &str) -> CoverageCheck {
    let province = region_key(&region.province);
    let city = region
        .city
        .as_deref()
        .map(region_key)
        .filter(|c| !c.is_empty());
    let here = |item: &String| *item == province || city.as_deref() == Some(item.as_str());
    let place_zh = match &city {
        Some(c) => format!("{province}{c}"),
        None => province.clone(),
    };
    let src = Source::new("中国人民银行 已获许可机构（支付机构）名单所列的业务类型和业务覆盖范围", "PBoC list of licensed payment institutions (已获许可机构（支付机构）): business types and coverage as listed");
    let check = |verdict, zh: String, en: String| CoverageCheck {
        verdict,
        reason: Bilingual::new(zh, en),
        source: src.clone(),
    };
    match scope {
        Scope::Nationwide => check(
            CoverageVerdict::Covered,
            format!("收单范围为全国（{business_type}）。"),
            format!("Acquiring scope is nationwide ({business_type})."),
        ),
        Scope::Only(items) => {
            if items.iter().any(here) {
                check(
                    CoverageVerdict::Covered,
                    format!("收单范围包含{place_zh}：{}。", items.join("、")),
                    format!("Acquiring scope includes {place_zh}: {}.", items.join(", ")),
                )
            } else if city.is_none()
                && items
                    .iter()
                    .any(|i| cities_in_province(&province).any(|c| c == i))
            {
                check(
                    CoverageVerdict::Unclear,
                    format!(
                        "收单范围只列了个别城市（{}），请选择您所在的城市。",
                        items.join("、")
                    ),
                    format!(
                        "The scope names single cities ({}); please choose your city.",
                        items.join(", ")
                    ),
                )
            } else {
                check(
                    CoverageVerdict::NotCovered,
                    format!("收单范围仅限 {}，不含{place_zh}。", items.join("、")),
                    format!(
                        "Acquiring scope is limited to {}, which does not include {place_zh}.",
                        items.join(", ")
                    ),
                )
            }
        }
        Scope::Except {
            excluded,
            also_allowed,
        } => {
            if also_allowed.iter().any(here) {
                check(
                    CoverageVerdict::Covered,
                    format!("“{business_type}”明确允许在{place_zh}开展业务。"),
                    format!("“{business_type}” explicitly allows business in {place_zh}."),
                )
            } else if excluded.iter().any(here) {
                check(
                    CoverageVerdict::NotCovered,
                    format!("“{business_type}”把{place_zh}排除在收单范围之外。"),
                    format!("“{business_type}” excludes {place_zh} from its acquiring scope."),
                )
            } else if city.is_none()
                && excluded
                    .iter()
                    .chain(also_allowed.iter())
                    .any(|i| cities_in_province(&province).any(|c| c == i))
            {
                check(
                    CoverageVerdict::Unclear,
                    format!("“{business_type}”对您省内的个别城市另有规定，请选择您所在的城市。"),
                    format!("“{business_type}” treats a city in your province separately; please choose your city."),
                )
            } else {
                check(
                    CoverageVerdict::Covered,
                    format!("“{business_type}”未排除{place_zh}。"),
                    format!("“{business_type}” does not exclude {place_zh}."),
                )
            }
        }
        Scope::Unstated(text) => check(
            CoverageVerdict::Unclear,
            format!("名单未写明收单业务的地域范围（{text}）。"),
            format!("The list does not state the acquiring scope ({text})."),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::licence::test_support::*;
    use crate::domain::text::Bilingual;

    #[test]
    fn coverage_reads_scope_brackets() {
        let reg = registry();
        let lakala = reg.by_number("Z2002511000017").unwrap();
        let region = |p: &str, c: Option<&str>| MerchantRegion {
            province: p.into(),
            city: c.map(Into::into),
        };
        let v = |l: &Licence, r| l.acquiring_coverage(&r).unwrap().verdict;
        assert_eq!(
            v(lakala, region("浙江省", Some("杭州市"))),
            CoverageVerdict::Covered
        );
        assert_eq!(
            v(lakala, region("浙江省", Some("宁波市"))),
            CoverageVerdict::NotCovered
        );
        assert_eq!(v(lakala, region("浙江", None)), CoverageVerdict::Unclear);
        // 除…浙江省以外地区，可以在宁波市开展业务
        let z7 = reg.by_number("Z2000711000019").unwrap();
        assert_eq!(
            v(z7, region("浙江省", Some("宁波市"))),
            CoverageVerdict::Covered
        );
        assert_eq!(
            v(z7, region("浙江省", Some("杭州市"))),
            CoverageVerdict::NotCovered
        );
        assert_eq!(v(z7, region("四川省", None)), CoverageVerdict::Covered);
        // 深圳市 is excluded, so a Guangdong merchant must say which city.
        assert_eq!(v(z7, region("广东省", None)), CoverageVerdict::Unclear);
        // 银行卡收单（天津、山东（含青岛）、四川、北京、云南、青海、深圳）
        let nested = reg.by_number("Z2010231000019").unwrap();
        assert_eq!(
            v(nested, region("山东省", Some("青岛市"))),
            CoverageVerdict::Covered
        );
        assert_eq!(
            v(nested, region("广东省", Some("深圳市"))),
            CoverageVerdict::Covered
        );
        assert_eq!(
            v(nested, region("广东省", Some("广州市"))),
            CoverageVerdict::NotCovered
        );
        assert_eq!(v(nested, region("广东省", None)), CoverageVerdict::Unclear);
        // Old-style 银行卡收单（仅限于广东省内）
        assert_eq!(
            parse_scope("仅限于广东省内"),
            Scope::Only(vec!["广东".into()])
        );
        assert_eq!(
            parse_scope("除宁夏回族自治区、吉林省以外地区"),
            Scope::Except {
                excluded: vec!["宁夏".into(), "吉林".into()],
                also_allowed: vec![]
            }
        );
        // No acquiring at all → None.
        let non_acq = reg
            .licences
            .iter()
            .find(|l| l.acquiring().is_none())
            .unwrap();
        assert!(non_acq.acquiring_coverage(&region("北京", None)).is_none());
    }

    #[test]
    fn provinces_are_the_31_province_level_names() {
        assert_eq!(PROVINCES.len(), 31);
        let unique: std::collections::HashSet<&&str> = PROVINCES.iter().collect();
        assert_eq!(unique.len(), 31);
        assert!(is_offered_province("浙江"));
        assert!(is_offered_province("浙江省"));
        assert!(is_offered_province("内蒙古自治区"));
        assert!(!is_offered_province("宁波"));
        assert!(!is_offered_province("香港"));
        assert!(!is_offered_province(""));
    }

    #[test]
    fn scope_reads_in_words() {
        let names = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            Scope::Nationwide.label(),
            Bilingual::new("全国", "nationwide")
        );
        assert_eq!(
            Scope::Only(names(&["北京", "上海"])).label(),
            Bilingual::new("北京、上海", "北京, 上海")
        );
        assert_eq!(
            Scope::Except {
                excluded: names(&["宁波"]),
                also_allowed: vec![]
            }
            .label(),
            Bilingual::new("除宁波以外", "everywhere except 宁波")
        );
        assert_eq!(
            Scope::Except {
                excluded: names(&["浙江", "宁波"]),
                also_allowed: names(&["杭州"])
            }
            .label(),
            Bilingual::new(
                "除浙江、宁波以外（可在杭州开展）",
                "everywhere except 浙江, 宁波 (allowed in 杭州)"
            )
        );
        assert_eq!(
            Scope::Unstated("分业务列明".into()).label(),
            Bilingual::new("按业务列明（分业务列明）", "per business type (分业务列明)")
        );
    }
}
