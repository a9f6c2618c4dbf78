//! Which letter to send first, and why: the complaint ladder under every checker result that
//! offers letters (issue 16).
//!
//! 1. The licensed acquirer (收单机构): it answers for its agents, and a complaint to it comes
//!    first.
//! 2. Then, by what the problem is: 中国人民银行 (12363), a 12315 举报, or 中国支付清算协会.
//! 3. Then the court.
//!
//! Every claim cites the document and article it rests on (the fact base's complaint channels);
//! nothing marked unconfirmed there is stated here.
//!
//! Public API: [`ladder`] (letter kinds of a verdict → [`Rung`]s), [`Rung`], [`Channel`].

use super::letters::LetterKind;
use super::text::{Bilingual, Source};

/// One way to write at a rung: the letter and when it is the one to use.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Channel {
    pub letter: LetterKind,
    /// When this channel fits ("if the problem is …"), with the reason.
    pub when: Bilingual,
    pub source: Source,
}

/// A step of the ladder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rung {
    /// 1, 2, 3.
    pub step: u8,
    /// The step in a few words: "先写给收单机构".
    pub title: Bilingual,
    /// The channels at this step (one, or several chosen by the problem).
    pub channels: Vec<Channel>,
}

impl Rung {
    /// The sources of every channel at this rung.
    pub fn sources(&self) -> Vec<Source> {
        self.channels.iter().map(|c| c.source.clone()).collect()
    }
}

fn acquirer() -> Channel {
    Channel {
        letter: LetterKind::Acquirer,
        when: Bilingual::new(
            "收单机构要为代理商负责：差错和争议处理不得外包给代理商，投诉处理的主体责任在支付机构。向人民银行投诉的前提也是先向支付机构投诉过，请留好投诉的日期和方式。",
            "The acquirer answers for its agents: it may not outsource error and dispute handling to them, and it bears primary responsibility for handling complaints. A complaint to the PBoC also presupposes one to the institution first: keep its date and channel.",
        ),
        source: Source::new(
            "中国支付清算协会《收单外包服务自律管理办法》（中支协发〔2024〕108号）第十二条；《非银行支付机构监督管理条例》（国务院令第768号）第三十五条；《中国人民银行金融消费者权益保护实施办法》（中国人民银行令〔2020〕第5号）第三十五条、第三十九条、第四十条",
            "Payment & Clearing Association of China (PCAC), self-regulation of acquiring outsourcers 《收单外包服务自律管理办法》 (中支协发〔2024〕108号), Art. 12; Regulations on the Supervision of Non-bank Payment Institutions 《非银行支付机构监督管理条例》 (State Council Decree No. 768), Art. 35; PBoC Measures for Protecting Financial Consumers 《中国人民银行金融消费者权益保护实施办法》 (PBoC Order〔2020〕No. 5), Arts. 35, 39, 40",
        ),
    }
}

fn pboc() -> Channel {
    Channel {
        letter: LetterKind::Pboc,
        when: Bilingual::new(
            "中国人民银行（12363）：您不接受收单机构的处理，或支付机构违反支付规则（收单、结算、费率变更）。人民银行在7个工作日内决定是否受理并转给机构，机构须在15日内答复，最长60日。",
            "The People's Bank of China (12363): you do not accept the acquirer's handling, or a payment institution broke payment rules (acquiring, settlement, fee changes). Within 7 working days the PBoC decides whether to accept and passes it to the institution, which must reply within 15 days, 60 at most.",
        ),
        source: Source::new(
            "《中国人民银行金融消费者权益保护实施办法》（中国人民银行令〔2020〕第5号）第四十条、第四十三条；《非银行支付机构监督管理条例实施细则》（中国人民银行令〔2024〕第4号）第五十八条；12363 为人民银行的金融消费权益保护咨询投诉电话：中国人民银行西宁中心支行2014年3月20日公告",
            "PBoC Measures for Protecting Financial Consumers 《中国人民银行金融消费者权益保护实施办法》 (PBoC Order〔2020〕No. 5), Arts. 40, 43; Implementing Rules of the Regulations on Non-bank Payment Institutions 《非银行支付机构监督管理条例实施细则》 (PBoC Order〔2024〕No. 4), Art. 58; 12363 as the PBoC's financial consumer protection hotline: notice of the PBoC Xining Central Sub-branch of 2014-03-20",
        ),
    }
}

fn report_12315() -> Channel {
    Channel {
        letter: LetterKind::Report12315,
        when: Bilingual::new(
            "12315 举报：收了未标明的费用，或以低费率招揽、实际按更高费率结算（价格欺诈）。商户经营中的纠纷不是“生活消费”，12315 不受理这类“投诉”，要用“举报”。",
            "A 12315 report (举报): you were charged fees that were never marked, or lured with a low rate and settled at a higher one (price fraud). A merchant's business dispute is not “consumption for daily life”, so 12315 does not accept it as a complaint (投诉): use a report (举报).",
        ),
        source: Source::new(
            "《明码标价和禁止价格欺诈规定》（国家市场监督管理总局令第56号）第八条、第十九条；《市场监督管理投诉举报处理暂行办法》（国家市场监督管理总局令第20号）第三条、第十五条",
            "SAMR Provisions on Price Marking and Price Fraud 《明码标价和禁止价格欺诈规定》 (SAMR Order No. 56), Arts. 8, 19; SAMR Interim Measures on Complaints and Reports 《市场监督管理投诉举报处理暂行办法》 (SAMR Order No. 20), Arts. 3, 15",
        ),
    }
}

fn pcac() -> Channel {
    Channel {
        letter: LetterKind::Pcac,
        when: Bilingual::new(
            "中国支付清算协会：举报支付结算违法违规行为，包括无证经营支付业务的机构；协会还对经手商户资金、套码等违规的代理商记入黑名单。举报须实名，写明对象、事实并附证据。",
            "The Payment & Clearing Association of China: report payment-settlement violations, including unlicensed payment operators; the association also blacklists agents that touch merchants' funds or misuse merchant codes. Reports must carry your real name, a clear target, the facts and evidence.",
        ),
        source: Source::new(
            "中国人民银行《支付结算违法违规行为举报奖励办法》（2016年4月公布）；中国支付清算协会《收单外包服务自律管理办法》（中支协发〔2024〕108号）",
            "PBoC Measures on Rewards for Reporting Payment-Settlement Violations 《支付结算违法违规行为举报奖励办法》 (published April 2016); PCAC self-regulation of acquiring outsourcers 《收单外包服务自律管理办法》 (中支协发〔2024〕108号)",
        ),
    }
}

fn court() -> Channel {
    Channel {
        letter: LetterKind::Civil,
        when: Bilingual::new(
            "按合同要求继续履行、采取补救措施或赔偿损失，向被告住所地或合同履行地的法院起诉。诉讼时效为3年，书面催告对方履行会使时效重新计算。",
            "Under the contract, claim performance, a remedy or damages, where the defendant is domiciled or where the contract was performed. The limitation period is 3 years; a written demand to perform makes it start again.",
        ),
        source: Source::new(
            "《中华人民共和国民法典》第五百七十七条、第一百八十八条、第一百九十五条；《中华人民共和国民事诉讼法》第二十四条",
            "Civil Code of the PRC 《中华人民共和国民法典》, Arts. 577, 188, 195; Civil Procedure Law of the PRC 《中华人民共和国民事诉讼法》, Art. 24",
        ),
    }
}

/// The ladder for a verdict whose fitting letters are `kinds` (slugs as in `/letters/<kind>`).
///
/// Always three rungs: the acquirer first; then the channels of the verdict among PBoC, 12315
/// and PCAC, in that order (the PBoC alone when the verdict names none: it is where a complaint
/// goes when the acquirer's handling is not accepted); then the court. Empty when the verdict
/// offers no letter at all. A vendor demand (`demand-vendor`) is not a checker letter and has no
/// rung.
pub fn ladder(kinds: &[&str]) -> Vec<Rung> {
    let offered: Vec<LetterKind> = LetterKind::ALL
        .into_iter()
        .filter(|k| *k != LetterKind::DemandVendor && kinds.contains(&k.slug()))
        .collect();
    if offered.is_empty() {
        return Vec::new();
    }
    let mut middle: Vec<Channel> = [pboc(), report_12315(), pcac()]
        .into_iter()
        .filter(|c| offered.contains(&c.letter))
        .collect();
    if middle.is_empty() {
        middle.push(pboc());
    }
    vec![
        Rung {
            step: 1,
            title: Bilingual::new(
                "先写给签购单上的持牌收单机构",
                "First, write to the licensed acquirer on the slip",
            ),
            channels: vec![acquirer()],
        },
        Rung {
            step: 2,
            title: Bilingual::new(
                "得不到解决，再按问题的性质选择",
                "If that does not solve it, choose by what the problem is",
            ),
            channels: middle,
        },
        Rung {
            step: 3,
            title: Bilingual::new("最后：向法院起诉", "Last, go to court"),
            channels: vec![court()],
        },
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn letters(rungs: &[Rung]) -> Vec<Vec<&'static str>> {
        rungs
            .iter()
            .map(|r| r.channels.iter().map(|c| c.letter.slug()).collect())
            .collect()
    }

    #[test]
    fn the_acquirer_comes_first_and_the_court_last() {
        for kinds in [
            vec!["acquirer"],
            vec!["acquirer", "pboc", "pcac"],
            vec!["pboc", "report-12315"],
            vec!["acquirer", "pboc", "report-12315"],
            vec!["civil"],
        ] {
            let rungs = ladder(&kinds);
            assert_eq!(rungs.len(), 3, "{kinds:?}");
            assert_eq!(rungs.iter().map(|r| r.step).collect::<Vec<_>>(), [1, 2, 3]);
            assert_eq!(letters(&rungs)[0], ["acquirer"], "{kinds:?}");
            assert_eq!(letters(&rungs)[2], ["civil"], "{kinds:?}");
        }
    }

    #[test]
    fn the_middle_rung_follows_the_problem() {
        // 二清 and 跳码: payment-rule breaches → PBoC and PCAC.
        assert_eq!(
            letters(&ladder(&["acquirer", "pboc", "pcac"]))[1],
            ["pboc", "pcac"]
        );
        // A fee above the market range: PBoC and a 12315 report (unmarked fees, price fraud).
        assert_eq!(
            letters(&ladder(&["acquirer", "pboc", "report-12315"]))[1],
            ["pboc", "report-12315"]
        );
        // Order is fixed, whatever order the verdict lists them in.
        assert_eq!(
            letters(&ladder(&["pcac", "report-12315", "pboc"]))[1],
            ["pboc", "report-12315", "pcac"]
        );
        // Only the acquirer offered: the PBoC is where an unaccepted handling goes next.
        assert_eq!(letters(&ladder(&["acquirer"]))[1], ["pboc"]);
    }

    #[test]
    fn no_letter_no_ladder() {
        assert!(ladder(&[]).is_empty());
        assert!(ladder(&["demand-vendor"]).is_empty());
        assert!(ladder(&["nonsense"]).is_empty());
    }

    #[test]
    fn every_step_is_sourced_checkably_in_both_languages() {
        let rungs = ladder(&["acquirer", "pboc", "report-12315", "pcac"]);
        assert_eq!(letters(&rungs)[1].len(), 3);
        for rung in &rungs {
            assert!(rung.title.is_complete());
            for c in &rung.channels {
                assert!(c.when.is_complete(), "{:?}", c.letter);
                assert!(!c.source.unconfirmed, "{:?}", c.letter);
                assert_eq!(c.source.citation_problems(), Vec::<String>::new());
                assert!(
                    c.source.zh.contains('《') && c.source.zh.contains('第')
                        || c.letter == LetterKind::Pcac,
                    "{:?} cites a document by name and article: {}",
                    c.letter,
                    c.source.zh
                );
                // The merchant is addressed politely, never with 你.
                assert!(!c.when.zh.contains('你'), "{}", c.when.zh);
            }
        }
    }

    /// The claims each rung makes, against the articles the fact base gives for them.
    #[test]
    fn each_claim_names_the_article_it_rests_on() {
        let a = acquirer();
        assert!(a.when.zh.contains("差错和争议处理不得外包"));
        assert!(a.source.zh.contains("中支协发〔2024〕108号）第十二条"));
        assert!(a.source.zh.contains("第三十五条"));
        let p = pboc();
        assert!(p.when.zh.contains("12363"));
        assert!(p.when.zh.contains("7个工作日") && p.when.zh.contains("60日"));
        assert!(p.source.zh.contains("第四十三条"));
        assert!(p
            .source
            .zh
            .contains("12363 为人民银行的金融消费权益保护咨询投诉电话"));
        let r = report_12315();
        assert!(r.when.zh.contains("举报"));
        assert!(r.source.zh.contains("第十五条"));
        let c = court();
        assert!(c.when.zh.contains("3年"));
        assert!(c.source.zh.contains("第一百八十八条"));
        assert!(c.source.zh.contains("民事诉讼法》第二十四条"));
    }
}
