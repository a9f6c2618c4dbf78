//! What is known about a licence beyond the list: a company's own public notice that changes
//! what its listed status means (e.g. a listed licensee that announced it stopped its
//! transaction business). Each notice is a dated fact with a citation a person can look up.

use chrono::NaiveDate;

use super::Licence;
use crate::domain::letters::format_date_zh;
use crate::domain::text::{Bilingual, Source};

/// A dated public notice about a licence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub date: NaiveDate,
    /// What it says, as a neutral fact (no closing full stop).
    pub text: Bilingual,
    pub source: Source,
}

/// (licence number, year, month, day, what the company announced zh / en).
const NOTICES: &[(&str, i32, u32, u32, &str, &str)] = &[(
    "Z2012831000019",
    2024,
    5,
    20,
    "已停止支付交易业务",
    "it had stopped its payment transaction business",
)];

impl Licence {
    /// Public notices about this licence, oldest first.
    pub fn notices(&self) -> Vec<Notice> {
        NOTICES
            .iter()
            .filter(|(no, ..)| *no == self.number.as_str())
            .filter_map(|&(_, y, m, d, zh, en)| {
                let date = NaiveDate::from_ymd_opt(y, m, d)?;
                let name = &self.name;
                Some(Notice {
                    date,
                    text: Bilingual::new(
                        format!("{name}于{}发布公告，称{zh}", format_date_zh(date)),
                        format!("{name} announced on {date} that {en}"),
                    ),
                    source: Source::new(
                        format!("{name}{}公告（据当时的新闻报道）", format_date_zh(date)),
                        format!("announcement of {name} of {date} (as reported in the news at the time)"),
                    ),
                })
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use crate::domain::licence::test_support::*;
    use crate::domain::licence::Status;

    #[test]
    fn shenxin_is_listed_but_announced_it_stopped_its_transaction_business() {
        let reg = registry();
        let l = reg
            .by_number("Z2012831000019")
            .expect("申鑫 is in the list");
        assert_eq!(l.name, "上海申鑫电子支付股份有限公司");
        // The list still calls it valid: the notice is what a merchant must also know.
        assert_eq!(l.status, Status::Valid);
        let notices = l.notices();
        assert_eq!(notices.len(), 1);
        let n = &notices[0];
        assert_eq!(n.date.to_string(), "2024-05-20");
        assert_eq!(
            n.text.zh,
            "上海申鑫电子支付股份有限公司于2024年5月20日发布公告，称已停止支付交易业务"
        );
        assert!(n.text.en.contains("2024-05-20"));
        assert_eq!(n.source.citation_problems(), Vec::<String>::new());
        assert!(n.source.zh.contains("2024年5月20日公告"));
        // The row's own research note says the same (the fact base's record of it).
        assert!(l.note.as_deref().unwrap_or("").contains("2024-05-20"));
    }

    #[test]
    fn other_licences_have_no_notice() {
        let reg = registry();
        let with_notice = reg
            .licences
            .iter()
            .filter(|l| !l.notices().is_empty())
            .count();
        assert_eq!(with_notice, 1);
    }
}
