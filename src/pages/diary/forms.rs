//! Create/edit forms for cases and events (with attachments).

use super::{bi, ctx, reveal, Spot};
use crate::domain::case::{
    evidence_checklist, AttachmentMeta, Case, CaseStatus, Channel, Event, EventKind,
    MAX_ATTACHMENTS_PER_EVENT, MAX_ATTACHMENT_BYTES,
};
use crate::domain::party::{AcquirerKind, Acquisition, Counterparty, Matter};
use crate::domain::text::Bilingual;
use crate::i18n::*;
use crate::lang::use_lang;
use crate::routing::href;
use crate::store::diary::{new_id, now, StoredAttachment};
use chrono::{NaiveDate, NaiveDateTime};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;
use wasm_bindgen::JsCast;

/// Navigation to an `href()` that already carries the base path (the router must not add it again).
pub fn full_href() -> NavigateOptions {
    NavigateOptions {
        resolve: false,
        ..Default::default()
    }
}

pub const CHANNELS: [Channel; 6] = [
    Channel::Phone,
    Channel::Wechat,
    Channel::Sms,
    Channel::Email,
    Channel::InPerson,
    Channel::Letter,
];

/// The serde tag of an enum value (`"letter_sent"`), used as `<option value>`.
pub fn tag<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

fn from_tag<T: serde::de::DeserializeOwned>(s: &str) -> Option<T> {
    serde_json::from_value(serde_json::Value::String(s.to_owned())).ok()
}

/// "123.45" / "-5" / "1,000" → 分. `None` for empty, `Err` for not a number.
pub fn parse_yuan(text: &str) -> Result<Option<i64>, ()> {
    let t: String = text.trim().replace([',', '，', ' '], "");
    let t = t.trim_start_matches('¥').trim_start_matches('￥');
    if t.is_empty() {
        return Ok(None);
    }
    let (neg, t) = t.strip_prefix('-').map_or((false, t), |r| (true, r));
    let (whole, frac) = t.split_once('.').unwrap_or((t, ""));
    if whole.is_empty() && frac.is_empty()
        || !whole.bytes().all(|b| b.is_ascii_digit())
        || !frac.bytes().all(|b| b.is_ascii_digit())
        || frac.len() > 2
        || whole.len() > 13
    {
        return Err(());
    }
    let whole: i64 = if whole.is_empty() {
        0
    } else {
        whole.parse().map_err(|_| ())?
    };
    let frac: i64 = format!("{frac:0<2}").parse().map_err(|_| ())?;
    let fen = whole * 100 + frac;
    Ok(Some(if neg { -fen } else { fen }))
}

fn text_field(
    label: impl IntoView + 'static,
    id: &'static str,
    value: RwSignal<String>,
) -> impl IntoView {
    view! {
        <label class="field"><span>{label}</span>
            <input type="text" id=id prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev)) /></label>
    }
}

fn area_field(
    label: impl IntoView + 'static,
    id: &'static str,
    value: RwSignal<String>,
) -> impl IntoView {
    view! {
        <label class="field"><span>{label}</span>
            <textarea id=id rows="3" prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))></textarea></label>
    }
}

/// `<option value>` of the "how the terminal was got" select → the value (`""` is not given).
fn acquisition_from_code(code: &str) -> Option<Acquisition> {
    match code {
        "bought" => Some(Acquisition::Bought),
        "placed" => Some(Acquisition::Placed),
        _ => None,
    }
}

/// Whether the case names any of the company details kept in the collapsed part of the form.
fn has_counterparty_details(c: &Case) -> bool {
    let filled = |s: &str| !s.trim().is_empty();
    [
        &c.vendor.credit_code,
        &c.vendor.address,
        &c.vendor.legal_rep,
        &c.acquirer.credit_code,
        &c.acquirer.address,
        &c.acquirer.legal_rep,
    ]
    .iter()
    .any(|s| filled(s))
        || !c.payer.is_empty()
}

fn date_text(d: Option<NaiveDate>) -> String {
    d.map(|d| d.format("%Y-%m-%d").to_string())
        .unwrap_or_default()
}

#[component]
pub fn CaseForm(existing: Option<Case>, on_done: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let ctx = ctx();
    let lang = use_lang();
    let navigate = use_navigate();
    let base = existing.clone();
    let c = existing
        .clone()
        .unwrap_or_else(|| Case::new(String::new(), String::new(), now()));
    let title = RwSignal::new(c.title.clone());
    let status = RwSignal::new(c.status);
    let brand = RwSignal::new(c.device.brand.clone());
    let model = RwSignal::new(c.device.model.clone());
    let sn = RwSignal::new(c.device.sn.clone());
    let terminal = RwSignal::new(c.device.terminal_id.clone());
    let purchase_date = RwSignal::new(date_text(c.purchase_date));
    let channel = RwSignal::new(c.purchase_channel.clone());
    let vendor = RwSignal::new(c.vendor.name.clone());
    let contacts = RwSignal::new(c.vendor.contacts.join("\n"));
    let acquirer = RwSignal::new(c.acquirer.name.clone());
    let licence = RwSignal::new(c.acquirer.licence_no.clone().unwrap_or_default());
    let merchant_no = RwSignal::new(c.merchant_no.clone());
    let remedy = RwSignal::new(c.remedy_wanted.clone());
    let acquired = RwSignal::new(c.device.acquired);
    let acquirer_kind = RwSignal::new(c.acquirer.kind);
    let vendor_code = RwSignal::new(c.vendor.credit_code.clone());
    let vendor_address = RwSignal::new(c.vendor.address.clone());
    let vendor_rep = RwSignal::new(c.vendor.legal_rep.clone());
    let acquirer_code = RwSignal::new(c.acquirer.credit_code.clone());
    let acquirer_address = RwSignal::new(c.acquirer.address.clone());
    let acquirer_rep = RwSignal::new(c.acquirer.legal_rep.clone());
    let payer = RwSignal::new(c.payer.name.clone());
    let payer_code = RwSignal::new(c.payer.credit_code.clone());
    let payer_address = RwSignal::new(c.payer.address.clone());
    let matters = RwSignal::new(c.matters.clone());
    // Open the company details when editing a case that has some, so nothing is hidden.
    let details_open = has_counterparty_details(&c);
    let error = RwSignal::new(None::<Bilingual>);
    let busy = RwSignal::new(false);
    let is_new = base.is_none();
    let base = StoredValue::new(base);

    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let stamp = now();
        let mut case = base
            .get_value()
            .unwrap_or_else(|| Case::new(new_id("c"), String::new(), stamp));
        case.title = title.get_untracked().trim().to_owned();
        case.status = status.get_untracked();
        case.device.brand = brand.get_untracked().trim().to_owned();
        case.device.model = model.get_untracked().trim().to_owned();
        case.device.sn = sn.get_untracked().trim().to_owned();
        case.device.terminal_id = terminal.get_untracked().trim().to_owned();
        case.purchase_date =
            NaiveDate::parse_from_str(&purchase_date.get_untracked(), "%Y-%m-%d").ok();
        case.purchase_channel = channel.get_untracked().trim().to_owned();
        case.vendor.name = vendor.get_untracked().trim().to_owned();
        case.vendor.contacts = contacts
            .get_untracked()
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_owned)
            .collect();
        case.acquirer.name = acquirer.get_untracked().trim().to_owned();
        let lic = licence.get_untracked().trim().to_owned();
        case.acquirer.licence_no = (!lic.is_empty()).then_some(lic);
        case.merchant_no = merchant_no.get_untracked().trim().to_owned();
        case.remedy_wanted = remedy.get_untracked().trim().to_owned();
        let text = |s: RwSignal<String>| s.get_untracked().trim().to_owned();
        case.device.acquired = acquired.get_untracked();
        case.vendor.credit_code = text(vendor_code);
        case.vendor.address = text(vendor_address);
        case.vendor.legal_rep = text(vendor_rep);
        case.acquirer.kind = acquirer_kind.get_untracked();
        case.acquirer.credit_code = text(acquirer_code);
        case.acquirer.address = text(acquirer_address);
        case.acquirer.legal_rep = text(acquirer_rep);
        // The payer's legal representative has no field here; keep whatever the case had.
        case.payer = Counterparty {
            name: text(payer),
            credit_code: text(payer_code),
            address: text(payer_address),
            legal_rep: case.payer.legal_rep.clone(),
        };
        let mut chosen = matters.get_untracked();
        chosen.sort();
        chosen.dedup();
        case.matters = chosen;
        case.updated_at = stamp.max(case.created_at);
        let db = ctx.db();
        let navigate = navigate.clone();
        busy.set(true);
        leptos::task::spawn_local(async move {
            let result = db.put_case(&case).await;
            busy.set(false);
            match result {
                Ok(()) => {
                    error.set(None);
                    // A new case opens on its own page (message at its top); an edited one
                    // reports under its buttons.
                    ctx.say(
                        if is_new { Spot::Top } else { Spot::Case },
                        bi!(diary.saved),
                    );
                    ctx.changed();
                    // The form may be gone by now (the merchant left the page): no callback then.
                    on_done.try_run(());
                    if is_new {
                        navigate(&href(&format!("/diary/{}", case.id)), full_href());
                    }
                }
                Err(e) => {
                    error.set(Some(e.message()));
                    reveal("case-error");
                }
            }
        });
    };

    view! {
        <form class="card form no-print" id="case-form" on:submit=save>
            <h2>{if is_new { t!(i18n, diary.new_case).into_any() } else { t!(i18n, diary.edit_case).into_any() }}</h2>
            {text_field(t!(i18n, diary.f_title), "case-title", title)}
            <label class="field"><span>{t!(i18n, diary.f_status)}</span>
                <select id="case-status" on:change=move |ev| {
                    if let Some(s) = from_tag(&event_target_value(&ev)) { status.set(s) }
                }>
                    {CaseStatus::ALL.into_iter().map(|s| view! {
                        <option value=tag(&s) selected=move || status.get() == s>{move || s.label().get(lang.get()).to_owned()}</option>
                    }).collect_view()}
                </select></label>
            <fieldset><legend>{t!(i18n, diary.f_device)}</legend>
                {text_field(t!(i18n, diary.f_brand), "case-brand", brand)}
                {text_field(t!(i18n, diary.f_model), "case-model", model)}
                {text_field(t!(i18n, diary.f_sn), "case-sn", sn)}
                {text_field(t!(i18n, diary.f_terminal), "case-terminal", terminal)}
                <label class="field"><span>{t!(i18n, diary.f_purchase_date)}</span>
                    <input type="date" id="case-purchase-date" prop:value=move || purchase_date.get()
                        on:input=move |ev| purchase_date.set(event_target_value(&ev)) /></label>
                {text_field(t!(i18n, diary.f_purchase_channel), "case-purchase-channel", channel)}
                <label class="field"><span>{t!(i18n, diary.f_acquired)}</span>
                    <select id="case-acquired" on:change=move |ev| acquired.set(acquisition_from_code(&event_target_value(&ev)))>
                        <option value="" selected=move || acquired.get().is_none()>{t!(i18n, diary.acquired_unset)}</option>
                        <option value="bought" selected=move || acquired.get() == Some(Acquisition::Bought)>{t!(i18n, diary.acquired_bought)}</option>
                        <option value="placed" selected=move || acquired.get() == Some(Acquisition::Placed)>{t!(i18n, diary.acquired_placed)}</option>
                    </select></label>
            </fieldset>
            <fieldset><legend>{t!(i18n, diary.f_parties)}</legend>
                {text_field(t!(i18n, diary.f_vendor), "case-vendor", vendor)}
                {area_field(t!(i18n, diary.f_contacts), "case-contacts", contacts)}
                {text_field(t!(i18n, diary.f_acquirer), "case-acquirer", acquirer)}
                {text_field(t!(i18n, diary.f_licence), "case-licence", licence)}
                <label class="field"><span>{t!(i18n, diary.f_acquirer_kind)}</span>
                    <select id="case-acquirer-kind" on:change=move |ev| acquirer_kind.set(from_tag(&event_target_value(&ev)).unwrap_or_default())>
                        {[
                            (AcquirerKind::Unknown, t!(i18n, diary.acquirer_kind_unknown).into_any()),
                            (AcquirerKind::NonBank, t!(i18n, diary.acquirer_kind_non_bank).into_any()),
                            (AcquirerKind::Bank, t!(i18n, diary.acquirer_kind_bank).into_any()),
                        ].into_iter().map(|(k, label)| view! {
                            <option value=tag(&k) selected=move || acquirer_kind.get() == k>{label}</option>
                        }).collect_view()}
                    </select></label>
                {text_field(t!(i18n, diary.f_merchant_no), "case-merchant-no", merchant_no)}
            </fieldset>
            <details class="counterparties" id="case-counterparties" open=details_open>
                <summary>{t!(i18n, diary.counterparty_details)}</summary>
                <p class="small muted">{t!(i18n, diary.counterparty_help)}</p>
                <fieldset><legend>{t!(i18n, diary.f_vendor_details)}</legend>
                    {text_field(t!(i18n, diary.f_credit_code), "case-vendor-credit-code", vendor_code)}
                    {text_field(t!(i18n, diary.f_address), "case-vendor-address", vendor_address)}
                    {text_field(t!(i18n, diary.f_legal_rep), "case-vendor-legal-rep", vendor_rep)}
                </fieldset>
                <fieldset><legend>{t!(i18n, diary.f_acquirer_details)}</legend>
                    {text_field(t!(i18n, diary.f_credit_code), "case-acquirer-credit-code", acquirer_code)}
                    {text_field(t!(i18n, diary.f_address), "case-acquirer-address", acquirer_address)}
                    {text_field(t!(i18n, diary.f_legal_rep), "case-acquirer-legal-rep", acquirer_rep)}
                </fieldset>
                <fieldset><legend>{t!(i18n, diary.f_payer_details)}</legend>
                    {text_field(t!(i18n, diary.f_payer), "case-payer", payer)}
                    {text_field(t!(i18n, diary.f_credit_code), "case-payer-credit-code", payer_code)}
                    {text_field(t!(i18n, diary.f_address), "case-payer-address", payer_address)}
                </fieldset>
            </details>
            <fieldset class="matters" id="case-matters"><legend>{t!(i18n, diary.f_matters)}</legend>
                {Matter::ALL.into_iter().map(|m| view! {
                    <label class="check"><input type="checkbox" value=m.code()
                        prop:checked=move || matters.with(|v| v.contains(&m))
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            matters.update(|v| { v.retain(|x| *x != m); if on { v.push(m) } });
                        } />
                    <span>{move || m.label().get(lang.get()).to_owned()}</span></label>
                }).collect_view()}
            </fieldset>
            {area_field(t!(i18n, diary.f_remedy), "case-remedy", remedy)}
            {move || error.get().map(|e| view! { <p class="warn" role="alert" id="case-error">{move || e.get(lang.get()).to_owned()}</p> })}
            <div class="row">
                <button type="submit" class="button primary" id="case-save" disabled=move || busy.get()>{t!(i18n, diary.save)}</button>
                <button type="button" class="button" on:click=move |_| on_done.run(())>{t!(i18n, diary.cancel)}</button>
            </div>
        </form>
    }
}

fn file_list(input: &web_sys::HtmlInputElement) -> Vec<web_sys::File> {
    let Some(list) = input.files() else {
        return vec![];
    };
    (0..list.length()).filter_map(|i| list.get(i)).collect()
}

#[component]
pub fn EventForm(case_id: String, existing: Option<Event>, on_done: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let ctx = ctx();
    let lang = use_lang();
    let is_new = existing.is_none();
    let e = existing.clone();
    let at = RwSignal::new(
        e.as_ref()
            .map(|e| e.at)
            .unwrap_or_else(now)
            .format("%Y-%m-%dT%H:%M")
            .to_string(),
    );
    let kind = RwSignal::new(e.as_ref().map_or(EventKind::Call, |e| e.kind));
    let channel = RwSignal::new(e.as_ref().and_then(|e| e.channel));
    let counterparty = RwSignal::new(
        e.as_ref()
            .map(|e| e.counterparty.clone())
            .unwrap_or_default(),
    );
    let person = RwSignal::new(e.as_ref().map(|e| e.person.clone()).unwrap_or_default());
    let ticket = RwSignal::new(e.as_ref().map(|e| e.ticket_no.clone()).unwrap_or_default());
    let said = RwSignal::new(e.as_ref().map(|e| e.said.clone()).unwrap_or_default());
    let promised = RwSignal::new(date_text(e.as_ref().and_then(|e| e.promised_by)));
    let amount = RwSignal::new(
        e.as_ref()
            .and_then(|e| e.amount_fen)
            .map(crate::domain::backup::fen_to_yuan)
            .unwrap_or_default(),
    );
    let evidence = RwSignal::new(e.as_ref().map(|e| e.evidence.clone()).unwrap_or_default());
    let kept = RwSignal::new(
        e.as_ref()
            .map(|e| e.attachments.clone())
            .unwrap_or_default(),
    );
    let error = RwSignal::new(None::<Bilingual>);
    let busy = RwSignal::new(false);
    let files_ref = NodeRef::<leptos::html::Input>::new();
    let camera_ref = NodeRef::<leptos::html::Input>::new();
    let base = StoredValue::new(existing);
    let case_id = StoredValue::new(case_id);

    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let refuse = |text: Bilingual| {
            error.set(Some(text));
            reveal("event-error");
        };
        let Ok(when) = NaiveDateTime::parse_from_str(&at.get_untracked(), "%Y-%m-%dT%H:%M")
            .or_else(|_| NaiveDateTime::parse_from_str(&at.get_untracked(), "%Y-%m-%dT%H:%M:%S"))
        else {
            refuse(Bilingual::new(
                "请填写日期和时间。",
                "Please enter the date and time.",
            ));
            return;
        };
        let Ok(amount_fen) = parse_yuan(&amount.get_untracked()) else {
            refuse(Bilingual::new(
                "金额请写数字，如 128.50。",
                "Write the amount as a number, e.g. 128.50.",
            ));
            return;
        };
        let mut files: Vec<web_sys::File> = Vec::new();
        for r in [files_ref, camera_ref] {
            if let Some(input) = r.get_untracked() {
                files.extend(file_list(&input));
            }
        }
        let event_id = base
            .with_value(|b| b.as_ref().map(|e| e.id.clone()))
            .unwrap_or_else(|| new_id("e"));
        let mut metas = kept.get_untracked();
        if metas.len() + files.len() > MAX_ATTACHMENTS_PER_EVENT {
            refuse(Bilingual::new(
                format!("每条记录最多{MAX_ATTACHMENTS_PER_EVENT}个文件，请少选几个。"),
                format!("At most {MAX_ATTACHMENTS_PER_EVENT} files per event: choose fewer."),
            ));
            return;
        }
        let mut new_files = Vec::new();
        for f in &files {
            let size = f.size() as u64;
            if size > MAX_ATTACHMENT_BYTES {
                let too_large = crate::store::diary::DiaryError::FileTooLarge {
                    name: f.name(),
                    size,
                    max: MAX_ATTACHMENT_BYTES,
                };
                refuse(too_large.message());
                return;
            }
            let id = new_id("a");
            let mime = if f.type_().is_empty() {
                "application/octet-stream".to_owned()
            } else {
                f.type_()
            };
            let name = if f.name().trim().is_empty() {
                id.clone()
            } else {
                f.name()
            };
            metas.push(AttachmentMeta {
                id: id.clone(),
                name: name.clone(),
                mime: mime.clone(),
                size,
                sha256: None,
                evidence: vec![],
            });
            new_files.push(StoredAttachment {
                id,
                event_id: event_id.clone(),
                case_id: case_id.get_value(),
                name,
                mime,
                size,
                blob: f.clone().unchecked_into::<web_sys::Blob>(),
            });
        }
        let event = Event {
            id: event_id,
            case_id: case_id.get_value(),
            at: when,
            kind: kind.get_untracked(),
            counterparty: counterparty.get_untracked().trim().to_owned(),
            channel: channel.get_untracked(),
            person: person.get_untracked().trim().to_owned(),
            ticket_no: ticket.get_untracked().trim().to_owned(),
            said: said.get_untracked().trim().to_owned(),
            promised_by: NaiveDate::parse_from_str(&promised.get_untracked(), "%Y-%m-%d").ok(),
            amount_fen,
            attachments: metas,
            evidence: evidence.get_untracked(),
        };
        let db = ctx.db();
        busy.set(true);
        leptos::task::spawn_local(async move {
            let result = db.put_event(&event, &new_files).await;
            busy.set(false);
            match result {
                Ok(()) => {
                    error.set(None);
                    ctx.say(Spot::Timeline, bi!(diary.saved));
                    ctx.changed();
                    on_done.try_run(());
                }
                Err(e) => {
                    error.set(Some(e.message()));
                    reveal("event-error");
                }
            }
        });
    };

    let max_mb = MAX_ATTACHMENT_BYTES / 1024 / 1024;
    view! {
        <form class="card form no-print" id="event-form" on:submit=save>
            <h3>{if is_new { t!(i18n, diary.add_event).into_any() } else { t!(i18n, diary.edit_event).into_any() }}</h3>
            <label class="field"><span>{t!(i18n, diary.f_at)}</span>
                <input type="datetime-local" id="event-at" required prop:value=move || at.get()
                    on:input=move |ev| at.set(event_target_value(&ev)) /></label>
            <label class="field"><span>{t!(i18n, diary.kind)}</span>
                <select id="event-kind" on:change=move |ev| { if let Some(k) = from_tag(&event_target_value(&ev)) { kind.set(k) } }>
                    {EventKind::ALL.into_iter().map(|k| view! {
                        <option value=tag(&k) selected=move || kind.get() == k>{move || k.label().get(lang.get()).to_owned()}</option>
                    }).collect_view()}
                </select></label>
            <label class="field"><span>{t!(i18n, diary.f_channel)}</span>
                <select id="event-channel" on:change=move |ev| channel.set(from_tag(&event_target_value(&ev)))>
                    <option value="" selected=move || channel.get().is_none()>"—"</option>
                    {CHANNELS.into_iter().map(|c| view! {
                        <option value=tag(&c) selected=move || channel.get() == Some(c)>{move || c.label().get(lang.get()).to_owned()}</option>
                    }).collect_view()}
                </select></label>
            {text_field(t!(i18n, diary.f_counterparty), "event-counterparty", counterparty)}
            {text_field(t!(i18n, diary.f_person), "event-person", person)}
            {text_field(t!(i18n, diary.f_ticket), "event-ticket", ticket)}
            {area_field(t!(i18n, diary.f_said), "event-said", said)}
            <label class="field"><span>{t!(i18n, diary.f_promised_by)}</span>
                <input type="date" id="event-promised" prop:value=move || promised.get()
                    on:input=move |ev| promised.set(event_target_value(&ev)) /></label>
            <label class="field"><span>{t!(i18n, diary.f_amount)}</span>
                <input type="text" inputmode="decimal" id="event-amount" prop:value=move || amount.get()
                    on:input=move |ev| amount.set(event_target_value(&ev)) /></label>
            <fieldset><legend>{t!(i18n, diary.f_evidence)}</legend>
                {evidence_checklist().into_iter().map(|item| {
                    let t1 = item.tag.clone();
                    let t2 = item.tag.clone();
                    view! {
                        <label class="check"><input type="checkbox" value=item.tag.clone()
                            prop:checked=move || evidence.with(|v| v.contains(&t1))
                            on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                evidence.update(|v| { v.retain(|x| *x != t2); if on { v.push(t2.clone()) } });
                            } />
                        <span>{move || item.label.get(lang.get()).to_owned()}</span></label>
                    }
                }).collect_view()}
            </fieldset>
            <fieldset><legend>{t!(i18n, diary.f_files)}</legend>
                <p class="small muted" id="file-limits">{move || td_string!(i18n.get_locale(), diary.file_limits)
                    .replace("%MB%", &max_mb.to_string()).replace("%N%", &MAX_ATTACHMENTS_PER_EVENT.to_string())}</p>
                {move || kept.get().into_iter().map(|m| {
                    let id = m.id.clone();
                    view! {
                        <div class="kept-file small">{m.name.clone()}
                            <button type="button" class="link-button" on:click=move |_| kept.update(|k| k.retain(|x| x.id != id))>
                                {t!(i18n, diary.remove_file)}</button></div>
                    }
                }).collect_view()}
                <label class="field"><span>{t!(i18n, diary.take_photo)}</span>
                    <input type="file" id="event-camera" accept="image/*" capture="environment" node_ref=camera_ref /></label>
                <label class="field"><span>{t!(i18n, diary.pick_files)}</span>
                    <input type="file" id="event-files" multiple accept="image/*,application/pdf,.pdf,.doc,.docx,.xls,.xlsx,.txt" node_ref=files_ref /></label>
            </fieldset>
            {move || error.get().map(|e| view! { <p class="warn" role="alert" id="event-error">{move || e.get(lang.get()).to_owned()}</p> })}
            <div class="row">
                <button type="submit" class="button primary" id="event-save" disabled=move || busy.get()>{t!(i18n, diary.save)}</button>
                <button type="button" class="button" on:click=move |_| on_done.run(())>{t!(i18n, diary.cancel)}</button>
            </div>
        </form>
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::{acquisition_from_code, has_counterparty_details, parse_yuan, tag};
    use crate::domain::case::Case;
    use crate::domain::party::{AcquirerKind, Acquisition};

    #[test]
    fn new_case_fields_in_the_form() {
        assert_eq!(acquisition_from_code("bought"), Some(Acquisition::Bought));
        assert_eq!(acquisition_from_code("placed"), Some(Acquisition::Placed));
        assert_eq!(acquisition_from_code(""), None);
        // The acquirer kind select uses the serde tags the case is stored with.
        assert_eq!(tag(&AcquirerKind::NonBank), "non_bank");
        assert_eq!(tag(&AcquirerKind::Unknown), "unknown");
        let at = chrono::NaiveDate::from_ymd_opt(2026, 11, 1)
            .unwrap()
            .and_hms_opt(9, 0, 0)
            .unwrap();
        let mut c = Case::new("c1", "t", at);
        assert!(!has_counterparty_details(&c));
        c.vendor.name = "某某科技".into();
        assert!(
            !has_counterparty_details(&c),
            "names are outside the details"
        );
        c.payer.address = "某地".into();
        assert!(has_counterparty_details(&c));
        c.payer.address.clear();
        c.acquirer.legal_rep = "王五".into();
        assert!(has_counterparty_details(&c));
    }
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig { cases: 5_000, failure_persistence: None, ..ProptestConfig::default() })]

        /// The event form's amount: any text is a number of 分, nothing, or refused — never a
        /// panic or an overflow.
        #[test]
        fn amount_any_text(text in any::<String>(), typed in "-?[¥￥]?[0-9,，]{0,20}(\\.[0-9]{0,3})?") {
            let _ = parse_yuan(&text);
            if let Ok(Some(fen)) = parse_yuan(&typed) {
                let back = format!("{}{}.{:02}", if fen < 0 { "-" } else { "" }, fen.unsigned_abs() / 100, fen.unsigned_abs() % 100);
                prop_assert_eq!(parse_yuan(&back), Ok(Some(fen)));
            }
        }
    }

    #[test]
    fn amounts_as_typed() {
        assert_eq!(parse_yuan(" ¥1,000.5 "), Ok(Some(100_050)));
        assert_eq!(parse_yuan("-12.50"), Ok(Some(-1_250)));
        assert_eq!(parse_yuan(""), Ok(None));
        assert_eq!(parse_yuan("<script>"), Err(()));
        assert_eq!(parse_yuan("99999999999999"), Err(()), "more than 13 digits");
    }
}
