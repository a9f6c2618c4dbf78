//! Template, field and rendering tests, ending with the whole path a merchant takes: a diary
//! case of seven events, the profile for each sender kind, and each of the six letters.

use std::collections::{BTreeMap, HashSet};

use chrono::NaiveDate;

use super::compose::{chronology, COMPOSER_READS};
use super::layout::{layout, Block};
use super::*;
use crate::domain::case::tests::{dt, sample_case, sample_event};
use crate::domain::case::{AttachmentMeta, Channel, EventKind};
use crate::domain::party::{PartyKind, Profile};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

const TODAY: (i32, u32, u32) = (2026, 11, 27);

fn today() -> NaiveDate {
    d(TODAY.0, TODAY.1, TODAY.2)
}

pub(crate) fn profile(kind: PartyKind) -> Profile {
    // The shared 个体工商户 fixture; a person drops the shop, a company is another party.
    let mut p = crate::domain::party::tests::shop();
    p.kind = kind;
    match kind {
        PartyKind::Person => {
            p.trade_name.clear();
            p.credit_code.clear();
        }
        PartyKind::SoleTrader => {}
        PartyKind::Organisation => {
            p.name = "深圳市某某餐饮有限公司".into();
            p.credit_code = "91440300MA5YYYYYY2".into();
            p.representative = "李四".into();
            p.representative_title = "执行董事".into();
            p.id_no.clear();
        }
    }
    p
}

/// The case of the issue: terminal shows 97, the agent vanished; seven events, two with files.
pub(crate) fn seven_events() -> Vec<Event> {
    let mut events = vec![
        sample_event("e1", "c1", "2026-10-08 09:00", EventKind::Fault),
        sample_event("e2", "c1", "2026-10-08 10:00", EventKind::Call),
        sample_event("e3", "c1", "2026-10-12 15:00", EventKind::Message),
        sample_event("e4", "c1", "2026-10-20 11:00", EventKind::Call),
        sample_event("e5", "c1", "2026-10-28 09:30", EventKind::Note),
        sample_event("e6", "c1", "2026-11-05 16:00", EventKind::LetterSent),
        sample_event("e7", "c1", "2026-11-20 10:00", EventKind::Call),
    ];
    events[0].said = "刷卡时终端显示“97”，无法交易".into();
    events[0].channel = None;
    events[0].counterparty.clear();
    events[0].person.clear();
    events[0].attachments = vec![AttachmentMeta {
        id: "a1".into(),
        name: "终端报错照片.jpg".into(),
        mime: "image/jpeg".into(),
        size: 1000,
        sha256: None,
        evidence: vec![],
    }];
    events[1].said = "代理商王经理答应三天内上门维修".into();
    events[1].ticket_no = "T-001".into();
    events[2].channel = Some(Channel::Wechat);
    events[2].said = "微信催问维修进度，对方未回复".into();
    events[3].said = "代理商电话已停机".into();
    events[4].said =
        "经查询中国人民银行公布的支付机构名单（截至2026年10月2日），“某某商务服务有限公司”不在其中"
            .into();
    events[4].counterparty.clear();
    events[4].person.clear();
    events[5].said = "关于POS机售后问题的催告函\n\n某代理公司：……".into();
    events[5].counterparty = "某代理公司".into();
    events[5].promised_by = Some(d(2026, 11, 15));
    events[6].said = "致电收单机构客服反映，对方称需联系代理商".into();
    events[6].counterparty = "某支付有限公司客服".into();
    events[6].person.clear();
    events[6].attachments = vec![AttachmentMeta {
        id: "a2".into(),
        name: "通话记录截图.png".into(),
        mime: "image/png".into(),
        size: 2000,
        sha256: None,
        evidence: vec![],
    }];
    events
}

/// What the letter page has after choosing the case: the case's fields, plus what the merchant
/// types that no case holds.
fn case_fields(kind: LetterKind) -> BTreeMap<String, String> {
    let mut case = sample_case("c1");
    case.acquirer.address = "上海市浦东新区某路2号".into();
    case.vendor.address = "深圳市福田区某路3号".into();
    case.device.acquired = Some(crate::domain::party::Acquisition::Placed);
    case.matters = vec![
        crate::domain::party::Matter::Fault,
        crate::domain::party::Matter::AgentGone,
        crate::domain::party::Matter::Deposit,
    ];
    let mut f = fields_from_case(&case);
    let mut put = |k: &str, v: &str| {
        f.insert(k.to_owned(), v.to_owned());
    };
    put("reply_within_days", "10");
    match kind {
        LetterKind::Pboc => {
            put("pboc_branch", "中国人民银行上海市分行");
            put("first_complaint_date", "2026-11-20");
            put("first_complaint_channel", "客服电话");
        }
        LetterKind::Civil => put("court_name", "深圳市福田区人民法院"),
        _ => {}
    }
    f
}

fn render_case(kind: LetterKind, sender: PartyKind) -> Rendered {
    let events = seven_events();
    let refs: Vec<&Event> = events.iter().collect();
    render(
        template(kind).unwrap(),
        &profile(sender),
        &case_fields(kind),
        today(),
        &refs,
    )
}

#[test]
fn field_list_is_complete_unique_and_used() {
    let mut names = HashSet::new();
    for spec in known_fields() {
        assert!(
            names.insert(spec.name.as_str()),
            "{} listed twice",
            spec.name
        );
        assert!(spec.label.is_complete(), "{}", spec.name);
        assert!(!spec.label.zh.contains('您') || spec.kind != FieldKind::Generated);
        assert_eq!(
            spec.kind == FieldKind::Choice,
            !spec.options.is_empty(),
            "{}",
            spec.name
        );
        let used = spec.name == "matters"
            || spec.name == "articles"
            || templates().iter().any(|t| {
                t.required_fields.contains(&spec.name)
                    || t.optional_fields.contains(&spec.name)
                    || std::iter::once(&t.subject)
                        .chain(&t.paragraphs)
                        .any(|p| p.contains(&format!("{{{{{}}}}}", spec.name)))
            });
        assert!(used, "{} is used by no template", spec.name);
    }
}

#[test]
fn every_placeholder_is_known_and_every_declared_field_is_read() {
    for t in templates() {
        let required: HashSet<&str> = t.required_fields.iter().map(String::as_str).collect();
        let optional: HashSet<&str> = t.optional_fields.iter().map(String::as_str).collect();
        assert!(required.is_disjoint(&optional), "{:?}", t.kind);
        let mut used = HashSet::new();
        for text in std::iter::once(&t.subject).chain(&t.paragraphs) {
            for name in placeholders(text) {
                let spec = field_spec(name)
                    .unwrap_or_else(|| panic!("{:?}: unknown placeholder {name}", t.kind));
                assert!(
                    spec.kind == FieldKind::Generated
                        || required.contains(name)
                        || optional.contains(name),
                    "{:?}: {name} is neither required nor optional",
                    t.kind
                );
                used.insert(name);
            }
        }
        for name in required.iter().chain(&optional) {
            assert!(
                field_spec(name).is_some(),
                "{:?}: unknown field {name}",
                t.kind
            );
            assert!(
                used.contains(name) || COMPOSER_READS.contains(name),
                "{:?}: {name} declared but never read",
                t.kind
            );
        }
        assert!(used.contains("signature"), "{:?} is unsigned", t.kind);
        for id in &t.articles {
            assert!(
                law::article(id).is_some(),
                "{:?}: unknown article {id}",
                t.kind
            );
        }
    }
}

#[test]
fn all_six_templates_load_with_sources_and_disclaimer() {
    assert_eq!(templates().len(), 6);
    for kind in LetterKind::ALL {
        let t = template(kind).unwrap();
        assert_eq!(serde_json::to_value(kind).unwrap(), t.kind.slug());
        for text in [
            &t.title,
            &t.recipient,
            &t.when_to_use,
            &t.when_not_to_use,
            &t.explanation,
            &t.disclaimer,
        ] {
            assert!(text.is_complete(), "{kind:?}");
        }
        assert!(t.disclaimer.zh.contains("不构成法律意见"));
        for n in &t.notes {
            assert_eq!(n.source.citation_problems(), Vec::<String>::new());
        }
        match &t.reply {
            ReplyRule::Statutory { clock } | ReplyRule::StatutoryNotComputable { clock } => {
                assert!(
                    crate::domain::clocks::clock(clock).is_some(),
                    "{kind:?}: {clock}"
                );
            }
            ReplyRule::MerchantSet { days_field } => {
                assert!(t.required_fields.contains(days_field))
            }
            ReplyRule::None => {}
        }
    }
    assert!(template(LetterKind::Report12315)
        .unwrap()
        .title
        .zh
        .contains("12315 举报"));
}

#[test]
fn query_prefill_keeps_only_known_merchant_fields_as_text() {
    let pairs = [
        ("acquirer_name", "  拉卡拉支付股份有限公司 "),
        ("timeline", "forged"),
        ("letter_date", "2020-01-01"),
        ("evil", "<script>alert(1)</script>"),
        ("merchant_name", "<img src=x onerror=alert(1)>\u{0}\u{7}"),
        ("purchase_date", "yesterday"),
        ("reply_within_days", "999"),
        ("facts", "第一行\n第二行"),
        ("acquirer_kind", "bank"),
        ("acquired", "stolen"),
        ("matters", "code_jump,nonsense"),
    ];
    let fields = fields_from_query(pairs);
    let keys: Vec<&str> = fields.keys().map(String::as_str).collect();
    assert_eq!(
        keys,
        [
            "acquirer_kind",
            "acquirer_name",
            "facts",
            "matters",
            "merchant_name"
        ]
    );
    assert_eq!(fields["merchant_name"], "<img src=x onerror=alert(1)>");
    assert_eq!(fields["matters"], "code_jump");
    let long = "字".repeat(MAX_QUERY_VALUE_CHARS + 10);
    let fields = fields_from_query([("facts", long.as_str())]);
    assert_eq!(fields["facts"].chars().count(), MAX_QUERY_VALUE_CHARS);
}

#[test]
fn chronology_is_in_the_merchants_voice_and_a_sent_letter_is_one_line() {
    let events = seven_events();
    let refs: Vec<&Event> = events.iter().rev().collect();
    let text = chronology(&refs, "本店");
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 7);
    assert!(lines[0].starts_with("1. 2026年10月8日，POS机出现故障：刷卡时终端显示“97”"));
    assert_eq!(
        lines[1],
        "2. 2026年10月8日，本店致电代理商客服王经理（工单号：T-001）：代理商王经理答应三天内上门维修。"
    );
    assert!(lines[2].contains("本店通过微信联系"), "{}", lines[2]);
    assert_eq!(
        lines[5],
        "6. 2026年11月5日，本店向某代理公司寄出《关于POS机售后问题的催告函》，要求对方于2026年11月15日前答复。"
    );
    assert!(!text.contains("电话（电话）") && !text.contains("。。"));
    assert!(lines.iter().all(|l| l.ends_with('。')));
}

#[test]
fn a_deregistration_complaint_cites_the_terminal_rule_not_the_fee_rules() {
    let t = template(LetterKind::Acquirer).unwrap();
    let mut f = case_fields(LetterKind::Acquirer);
    f.insert("matters".into(), "deregistration".into());
    let r = render(t, &profile(PartyKind::SoleTrader), &f, today(), &[]);
    assert!(r.text.contains("银发〔2021〕259号"), "{}", r.text);
    assert!(
        !r.text.contains("第三十四条") && !r.text.contains("第六十二条"),
        "{}",
        r.text
    );

    f.insert("acquirer_name".into(), "中国某某银行股份有限公司".into());
    f.insert("acquirer_kind".into(), "bank".into());
    let r = render(t, &profile(PartyKind::SoleTrader), &f, today(), &[]);
    assert!(
        !r.text.contains("非银行支付机构"),
        "a bank is not held to the non-bank rules: {}",
        r.text
    );
    assert!(
        r.text.contains("民法典") && r.text.contains("贵行"),
        "{}",
        r.text
    );

    f.insert("matters".into(), "unmarked_fee".into());
    let r = render(t, &profile(PartyKind::SoleTrader), &f, today(), &[]);
    assert!(r.text.contains("明码标价和禁止价格欺诈规定"), "{}", r.text);

    // The merchant drops every article: the letter cites none.
    f.insert("articles".into(), String::new());
    let r = render(t, &profile(PartyKind::SoleTrader), &f, today(), &[]);
    assert!(r.cited.is_empty() && !r.text.contains("规定，"));
}

#[test]
fn the_demand_letter_states_one_reply_date() {
    let r = render_case(LetterKind::DemandVendor, PartyKind::SoleTrader);
    assert_eq!(r.text.matches("2026年12月7日").count(), 1, "{}", r.text);
    assert!(!r.text.contains("日内"), "{}", r.text);
    assert!(
        r.text.contains("本店于2025年3月1日通过贵公司办理POS机一台"),
        "{}",
        r.text
    );
    assert!(!r.text.contains("购买/办理") && !r.text.contains("布放/销售"));
}

#[test]
fn the_pboc_letter_names_each_clock_and_claims_consumer_status_only_for_a_person() {
    let person = render_case(LetterKind::Pboc, PartyKind::Person);
    assert!(person.text.contains("作为金融消费者"));
    assert!(person.text.contains("7个工作日内") && person.text.contains("15日内"));
    let (deadline, label) = person.deadline.clone().unwrap();
    assert!(label.zh.contains("受理"), "{}", label.zh);
    assert!(deadline.date > today());
    assert!(
        person.later_clocks[0].zh.contains("15日") && person.later_clocks[0].zh.contains("60日")
    );
    for sender in [PartyKind::SoleTrader, PartyKind::Organisation] {
        let r = render_case(LetterKind::Pboc, sender);
        assert!(!r.text.contains("金融消费者"), "{sender:?}: {}", r.text);
        assert!(r.text.contains("第五十八条"), "{sender:?}");
    }
    let ev = letter_sent_event(
        "e9".into(),
        "c1".into(),
        dt("2026-11-27 10:00"),
        LetterKind::Pboc,
        &person.text,
        &case_fields(LetterKind::Pboc),
        &person,
    );
    assert_eq!(ev.promised_by, Some(deadline.date));
    assert!(
        ev.said.lines().nth(1).unwrap().contains("受理"),
        "{}",
        ev.said
    );
    assert!(ev.said.contains("被投诉机构答复期限"));
    assert_eq!(ev.counterparty, "中国人民银行上海市分行");
}

#[test]
fn every_kind_for_every_sender_is_a_complete_formal_letter() {
    for kind in LetterKind::ALL {
        for sender in PartyKind::ALL {
            let r = render_case(kind, sender);
            let ctx = format!("{kind:?}/{sender:?}:\n{}", r.text);
            assert!(
                r.missing_required.is_empty(),
                "{:?} {ctx}",
                r.missing_required
            );
            assert!(!r.text.contains("待填"), "{ctx}");
            assert!(!r.text.contains('您') && !r.text.contains('你'), "{ctx}");
            assert!(!r.text.contains("{{") && !r.text.contains("。。"), "{ctx}");
            assert!(
                !r.text.contains("收件人") && !r.text.contains("寄件人"),
                "{ctx}"
            );
            // The events are there, in order.
            for date in [
                "2026年10月8日",
                "2026年10月12日",
                "2026年10月20日",
                "2026年11月5日",
                "2026年11月20日",
            ] {
                assert!(r.text.contains(date), "{date} {ctx}");
            }
            // Laid out as a letter.
            let blocks = layout(&r.text);
            assert!(matches!(blocks[0], Block::Title(_)), "{ctx}");
            let closing = blocks.iter().find_map(|b| match b {
                Block::Closing { first, salute } => Some((first.clone(), salute.clone())),
                _ => None,
            });
            let (first, salute) = closing.unwrap_or_else(|| panic!("no closing: {ctx}"));
            assert_eq!(first, "此致");
            if kind == LetterKind::Civil {
                assert_eq!(salute, ["深圳市福田区人民法院"], "{ctx}");
            } else {
                assert_eq!(salute, ["敬礼"], "{ctx}");
            }
            let signature: Vec<String> = blocks
                .iter()
                .filter_map(|b| match b {
                    Block::Signature(l) => Some(l.join("\n")),
                    _ => None,
                })
                .collect();
            assert!(signature.concat().contains("2026年11月27日"), "{ctx}");
            // The sender block follows the sender kind.
            let pronoun_wrong = match sender {
                PartyKind::Organisation => r.text.contains("本人") || r.text.contains("本店"),
                PartyKind::SoleTrader => r.text.contains("本人") || r.text.contains("本公司"),
                PartyKind::Person => r.text.contains("本店") || r.text.contains("本公司"),
            };
            assert!(!pronoun_wrong, "{ctx}");
            let who = match sender {
                PartyKind::Person => "张三",
                PartyKind::SoleTrader => "张三便利店（经营者：张三）",
                PartyKind::Organisation => "深圳市某某餐饮有限公司",
            };
            assert!(signature.concat().contains(who), "{ctx}");
            // Every sentence ends with 。 (or a list item with ；).
            for b in &blocks {
                if let Block::Para(p) = b {
                    assert!(p.ends_with('。') || p.ends_with('：'), "{p} in {ctx}");
                }
            }
        }
    }
}

#[test]
fn the_statement_of_claim_has_every_item_of_article_124() {
    for sender in PartyKind::ALL {
        let r = render_case(LetterKind::Civil, sender);
        let t = &r.text;
        assert!(t.starts_with("民事起诉状\n"), "{t}");
        assert!(
            t.contains("\n原告：") && t.contains("\n被告：某代理公司"),
            "{t}"
        );
        assert!(t.contains("住所：深圳市福田区某路3号"));
        assert!(t.contains("诉讼请求：\n1. "));
        assert!(t.contains("本案诉讼费用由被告承担。"));
        assert!(
            t.contains("事实与理由：\n原告于2025年3月1日通过某代理公司办理POS机一台"),
            "{t}"
        );
        assert!(t.contains("\n1. 2026年10月8日，POS机出现故障"));
        assert!(
            t.contains("证据和证据来源、证人姓名和住所：\n1. 终端报错照片.jpg"),
            "{t}"
        );
        assert!(t.contains("证据来源：原告自行保存"));
        assert!(t.contains("具状人："));
        assert!(t.trim_end().ends_with("附：本起诉状副本1份"), "{t}");
        match sender {
            PartyKind::Person => assert!(t.contains("原告：张三，男，1990年1月1日出生")),
            PartyKind::SoleTrader => assert!(
                t.contains("原告：张三便利店（个体工商户）") && t.contains("经营者：张三，男")
            ),
            PartyKind::Organisation => {
                assert!(t.contains("法定代表人（主要负责人）：李四，执行董事"))
            }
        }
    }
    let mut f = case_fields(LetterKind::Civil);
    f.insert("defendant".into(), "both".into());
    let r = render(
        template(LetterKind::Civil).unwrap(),
        &profile(PartyKind::Person),
        &f,
        today(),
        &[],
    );
    assert_eq!(r.text.matches("\n被告：").count(), 2);
    assert!(r.text.contains("附：本起诉状副本2份"));
    assert!(
        r.missing_required.contains(&"facts".to_owned()),
        "{:?}",
        r.missing_required
    );
}

#[test]
fn the_12315_report_may_name_the_agent() {
    let mut f = case_fields(LetterKind::Report12315);
    f.insert("respondent_party".into(), "vendor".into());
    f.insert("matters".into(), "unmarked_fee,sim_fee".into());
    let r = render(
        template(LetterKind::Report12315).unwrap(),
        &profile(PartyKind::SoleTrader),
        &f,
        today(),
        &[],
    );
    assert!(r.text.contains("被举报人：某代理公司"), "{}", r.text);
    assert!(r.text.contains("关于某代理公司涉嫌价格违法行为的举报"));
    assert!(!r.text.contains("非银行支付机构监督管理条例"), "{}", r.text);
}

#[test]
fn missing_values_are_listed_and_marked() {
    let t = template(LetterKind::Acquirer).unwrap();
    let r = render(t, &Profile::default(), &BTreeMap::new(), today(), &[]);
    for m in [
        "profile:name",
        "profile:phone",
        "acquirer_name",
        "request",
        "reply_within_days",
        "facts",
    ] {
        assert!(
            r.missing_required.iter().any(|x| x == m),
            "{m} in {:?}",
            r.missing_required
        );
    }
    assert!(r.text.contains("【待填："));
    assert_eq!(format_date_zh(d(2026, 1, 5)), "2026年1月5日");
}

#[test]
fn values_are_inserted_verbatim_once() {
    let t = template(LetterKind::DemandVendor).unwrap();
    let mut f = case_fields(LetterKind::DemandVendor);
    f.insert("vendor_name".into(), "{{letter_date}}<b>".into());
    let r = render(t, &profile(PartyKind::Person), &f, today(), &[]);
    assert!(r.text.contains("{{letter_date}}<b>："));
}

#[test]
fn letter_sent_event_records_title_clock_and_text() {
    let r = render_case(LetterKind::DemandVendor, PartyKind::SoleTrader);
    let f = case_fields(LetterKind::DemandVendor);
    let ev = letter_sent_event(
        "e9".into(),
        "c1".into(),
        dt("2026-11-27 10:00"),
        LetterKind::DemandVendor,
        &r.text,
        &f,
        &r,
    );
    assert_eq!(ev.kind, EventKind::LetterSent);
    assert_eq!(ev.counterparty, "某代理公司");
    assert_eq!(ev.promised_by, Some(d(2026, 12, 7)));
    assert!(
        ev.said
            .starts_with("《催告函》\n要求对方答复的截止日：2026年12月7日"),
        "{}",
        ev.said
    );
    assert!(ev.validate().is_ok());
    // In a later letter it is one line.
    let line = compose::event_sentence(&ev, "本店");
    assert_eq!(
        line,
        "2026年11月27日，本店向某代理公司寄出《催告函》，要求对方于2026年12月7日前答复。"
    );
}

#[test]
fn fields_from_case_carry_counterparties_kind_and_matters() {
    let mut case = sample_case("c1");
    case.vendor.address = "某地".into();
    case.matters = vec![crate::domain::party::Matter::Deposit];
    let f = fields_from_case(&case);
    assert_eq!(f["vendor_address"], "某地");
    assert_eq!(f["acquirer_kind"], "non_bank");
    assert_eq!(f["matters"], "deposit");
    assert_eq!(f["request"], "退还押金299元");
    assert!(!f.contains_key("acquired"));
}
#[test]
fn articles_of_one_law_share_a_sentence() {
    let ids = ["cc-509", "cc-577", "price-8", "pboc-259"];
    let arts: Vec<&law::Article> = ids.iter().map(|i| law::article(i).unwrap()).collect();
    let text = compose::legal_basis(&arts);
    assert_eq!(
        text.matches("《中华人民共和国民法典》").count(),
        1,
        "{text}"
    );
    assert!(text.contains("义务；第五百七十七条规定，"), "{text}");
    assert_eq!(text.matches('。').count(), 3, "{text}");
}

#[test]
fn each_letter_kind_is_named_by_its_templates_own_title() {
    // The table build.rs writes holds one row per template file, and a kind's title is the
    // title in its template, in both languages: a page that links to letters names them as the
    // letter page does.
    assert_eq!(LETTER_TITLES.len(), LetterKind::ALL.len());
    for kind in LetterKind::ALL {
        let template = template(kind).expect("template exists");
        assert_eq!(kind.title(), template.title, "{}", kind.slug());
        assert_ne!(kind.title().get(crate::domain::text::Lang::Zh), kind.slug());
    }
}

#[test]
fn a_slug_names_its_kind_and_nothing_else_does() {
    for kind in LetterKind::ALL {
        assert_eq!(LetterKind::from_slug(kind.slug()), Some(kind));
    }
    for other in ["", "dossier", "Acquirer", "acquirer/", "report_12315"] {
        assert_eq!(LetterKind::from_slug(other), None, "{other:?}");
    }
}
