//! `/me`: the merchant's own particulars (我的信息), entered once and filled into every letter.
//!
//! Kept in LocalStorage (`store::settings::load_profile` / `save_profile`) and in whole-diary
//! backups; nothing leaves the device. The form shows only the fields that fit the merchant's
//! legal kind ([`fields_for`]); fields of another kind keep what was typed, so switching back
//! loses nothing.

use crate::domain::party::{Gender, PartyKind, Profile};
use crate::domain::text::Lang;
use crate::i18n::*;
use crate::lang::use_lang;
use crate::routing::href;
use crate::store::settings;
use chrono::NaiveDate;
use leptos::prelude::*;
use leptos_router::components::A;

/// The fields the form shows for a kind, in order (names as in [`Profile::missing`]).
/// 个人 and 个体工商户 follow 民诉法 第一百二十四条(一) for a natural person (a 个体工商户 adds its
/// 字号 and credit code, 民诉法解释 第五十九条); an organisation gives its 名称, credit code and
/// representative.
pub fn fields_for(kind: PartyKind) -> &'static [&'static str] {
    const PERSON: &[&str] = &[
        "name",
        "gender",
        "birth_date",
        "ethnicity",
        "occupation",
        "id_no",
        "phone",
        "address",
    ];
    const SOLE_TRADER: &[&str] = &[
        "trade_name",
        "credit_code",
        "name",
        "gender",
        "birth_date",
        "ethnicity",
        "occupation",
        "id_no",
        "phone",
        "address",
    ];
    const ORGANISATION: &[&str] = &[
        "name",
        "credit_code",
        "representative",
        "representative_title",
        "phone",
        "address",
    ];
    match kind {
        PartyKind::Person => PERSON,
        PartyKind::SoleTrader => SOLE_TRADER,
        PartyKind::Organisation => ORGANISATION,
    }
}

/// The text of a text field of the profile, by name; `None` for the ones that are not text.
fn text_of<'a>(p: &'a Profile, field: &str) -> Option<&'a String> {
    Some(match field {
        "name" => &p.name,
        "trade_name" => &p.trade_name,
        "credit_code" => &p.credit_code,
        "representative" => &p.representative,
        "representative_title" => &p.representative_title,
        "id_no" => &p.id_no,
        "ethnicity" => &p.ethnicity,
        "occupation" => &p.occupation,
        "phone" => &p.phone,
        "address" => &p.address,
        _ => return None,
    })
}

/// Sets a text field of the profile by name (ignores names that are not text fields).
pub fn set_text(p: &mut Profile, field: &str, value: String) {
    let slot = match field {
        "name" => &mut p.name,
        "trade_name" => &mut p.trade_name,
        "credit_code" => &mut p.credit_code,
        "representative" => &mut p.representative,
        "representative_title" => &mut p.representative_title,
        "id_no" => &mut p.id_no,
        "ethnicity" => &mut p.ethnicity,
        "occupation" => &mut p.occupation,
        "phone" => &mut p.phone,
        "address" => &mut p.address,
        _ => return,
    };
    *slot = value;
}

/// The profile as it is stored: surrounding spaces trimmed from every text field.
pub fn trimmed(p: &Profile) -> Profile {
    let mut out = p.clone();
    for field in fields_for(PartyKind::SoleTrader)
        .iter()
        .chain(fields_for(PartyKind::Organisation))
    {
        if let Some(text) = text_of(p, field) {
            set_text(&mut out, field, text.trim().to_owned());
        }
    }
    out
}

/// A field's label in the page's language (English starts with a capital).
fn label(field: &str, kind: PartyKind, lang: Lang) -> String {
    let text = Profile::field_label(field, kind).get(lang).to_owned();
    match lang {
        Lang::Zh => text,
        Lang::En => {
            let mut chars = text.chars();
            chars
                .next()
                .map(|c| c.to_uppercase().chain(chars).collect())
                .unwrap_or_default()
        }
    }
}

/// What the save button last did.
#[derive(Debug, Clone, PartialEq)]
enum Saved {
    Ok,
    Failed,
    Invalid(Vec<String>),
}

#[component]
pub fn ProfilePage() -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let draft = RwSignal::new(settings::load_profile());
    let status = RwSignal::new(None::<Saved>);
    let saving = RwSignal::new(false);
    let kind = Signal::derive(move || draft.with(|p| p.kind));

    let edit = move |f: &dyn Fn(&mut Profile)| {
        draft.update(|p| f(p));
        status.set(None);
    };

    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        // One save at a time; a second press while one runs does nothing, and saving the same
        // profile twice stores the same thing.
        if saving.get_untracked() {
            return;
        }
        saving.set(true);
        let profile = trimmed(&draft.get_untracked());
        let l = lang.get_untracked();
        let result = match profile.validate() {
            Err(errors) => Saved::Invalid(
                errors
                    .iter()
                    .map(|e| {
                        let sep = if l == Lang::Zh { "：" } else { ": " };
                        format!(
                            "{}{sep}{}",
                            label(&e.field, profile.kind, l),
                            e.problem.message().get(l)
                        )
                    })
                    .collect(),
            ),
            Ok(()) => match settings::save_profile(&profile) {
                Ok(()) => {
                    draft.set(profile);
                    Saved::Ok
                }
                Err(_) => Saved::Failed,
            },
        };
        status.set(Some(result));
        saving.set(false);
    };

    let field_view = move |field: &'static str| {
        let id = format!("profile-{}", field.replace('_', "-"));
        let for_id = id.clone();
        let label_text = move || match field {
            "trade_name" => td_string!(i18n.get_locale(), profile.trade_name).to_owned(),
            _ => label(field, kind.get(), lang.get()),
        };
        let control = match field {
            "gender" => view! {
                <select id=id on:change=move |ev| {
                    let g = match event_target_value(&ev).as_str() {
                        "male" => Some(Gender::Male),
                        "female" => Some(Gender::Female),
                        _ => None,
                    };
                    edit(&|p| p.gender = g);
                }>
                    <option value="" selected=move || draft.with(|p| p.gender.is_none())>{t!(i18n, profile.gender_unset)}</option>
                    <option value="male" selected=move || draft.with(|p| p.gender == Some(Gender::Male))>{t!(i18n, profile.male)}</option>
                    <option value="female" selected=move || draft.with(|p| p.gender == Some(Gender::Female))>{t!(i18n, profile.female)}</option>
                </select>
            }
            .into_any(),
            "birth_date" => view! {
                <input type="date" id=id min="1900-01-01" autocomplete="bday"
                    prop:value=move || draft.with(|p| p.birth_date.map(|d| d.format("%Y-%m-%d").to_string()).unwrap_or_default())
                    on:change=move |ev| {
                        let d = NaiveDate::parse_from_str(&event_target_value(&ev), "%Y-%m-%d").ok();
                        edit(&|p| p.birth_date = d);
                    } />
            }
            .into_any(),
            _ => {
                let input_type = if field == "phone" { "tel" } else { "text" };
                let autocomplete = match field {
                    "phone" => "tel",
                    "address" => "street-address",
                    "name" if kind.get_untracked() == PartyKind::Organisation => "organization",
                    "name" => "name",
                    _ => "off",
                };
                view! {
                    <input type=input_type id=id autocomplete=autocomplete
                        prop:value=move || draft.with(|p| text_of(p, field).cloned().unwrap_or_default())
                        on:input=move |ev| {
                            let v = event_target_value(&ev);
                            edit(&|p| set_text(p, field, v.clone()));
                        } />
                }
                .into_any()
            }
        };
        view! {
            <div class="field">
                <label for=for_id>{label_text}</label>
                {control}
            </div>
        }
    };

    view! {
        <div class="diary profile">
            <h1>{t!(i18n, profile.title)}</h1>
            <p class="muted small" id="profile-intro">{t!(i18n, profile.intro)}</p>
            <form class="card form" id="profile-form" on:submit=save>
                <fieldset class="kinds">
                    <legend>{t!(i18n, profile.kind)}</legend>
                    {PartyKind::ALL.into_iter().map(|k| {
                        let id = format!("profile-kind-{}", k.code().replace('_', "-"));
                        view! {
                            <div class="check choice">
                                <input type="radio" name="profile-kind" id=id.clone() value=k.code()
                                    prop:checked=move || kind.get() == k
                                    on:change=move |_| edit(&|p| p.kind = k) />
                                <label for=id>{move || k.label().get(lang.get()).to_owned()}</label>
                            </div>
                        }
                    }).collect_view()}
                </fieldset>
                {move || fields_for(kind.get()).iter().map(|f| field_view(f)).collect_view()}
                <div class="row save-row">
                    <button type="submit" class="button primary" id="profile-save" disabled=move || saving.get()>
                        {t!(i18n, profile.save)}
                    </button>
                    <span id="profile-status" role="status" aria-live="polite"
                        class:ok=move || status.get() == Some(Saved::Ok)
                        class:error=move || matches!(status.get(), Some(Saved::Failed | Saved::Invalid(_)))>
                        {move || match status.get() {
                            None => ().into_any(),
                            Some(Saved::Ok) => t!(i18n, profile.saved).into_any(),
                            Some(Saved::Failed) => t!(i18n, profile.save_failed).into_any(),
                            Some(Saved::Invalid(problems)) => view! {
                                {t!(i18n, profile.invalid)} " " {problems.join("；")}
                            }.into_any(),
                        }}
                    </span>
                </div>
            </form>
            <p class="small">
                {t!(i18n, profile.next)} " " <A href=href("/letters")>{t!(i18n, common.nav.letters)}</A>
                " · " <A href=href("/diary")>{t!(i18n, common.nav.diary)}</A>
            </p>
        </div>
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn each_kind_shows_the_fields_it_needs() {
        let names = |k| fields_for(k).to_vec();
        assert_eq!(
            names(PartyKind::Person),
            [
                "name",
                "gender",
                "birth_date",
                "ethnicity",
                "occupation",
                "id_no",
                "phone",
                "address"
            ]
        );
        let sole = names(PartyKind::SoleTrader);
        assert_eq!(sole[..3], ["trade_name", "credit_code", "name"]);
        assert!(names(PartyKind::Person).iter().all(|f| sole.contains(f)));
        let org = names(PartyKind::Organisation);
        assert!(org.contains(&"representative") && org.contains(&"representative_title"));
        assert!(!org.contains(&"gender") && !org.contains(&"id_no"));
        // Whatever a letter may ask for (`Profile::missing`) has a field for that kind.
        for kind in PartyKind::ALL {
            let empty = Profile {
                kind,
                ..Profile::default()
            };
            for needed in empty.missing(true, true) {
                assert!(fields_for(kind).contains(&needed), "{kind:?} {needed}");
            }
            // Every field has a real label (an unknown name would come back as itself).
            for f in fields_for(kind) {
                let l = Profile::field_label(f, kind);
                assert!(l.zh != *f && l.is_complete(), "{f}");
            }
        }
    }

    #[test]
    fn text_fields_round_trip_by_name_and_are_trimmed() {
        let mut p = Profile::default();
        for kind in PartyKind::ALL {
            for f in fields_for(kind) {
                set_text(&mut p, f, format!("  {f} "));
            }
        }
        let t = trimmed(&p);
        assert_eq!(t.name, "name");
        assert_eq!(t.trade_name, "trade_name");
        assert_eq!(t.representative_title, "representative_title");
        assert_eq!(t.address, "address");
        assert_eq!(p.phone, "  phone ", "the draft itself is untouched");
        // Non-text fields are not set by name.
        set_text(&mut p, "gender", "男".into());
        assert_eq!(p.gender, None);
    }

    #[test]
    fn english_labels_start_with_a_capital() {
        assert_eq!(label("name", PartyKind::Person, Lang::En), "Name");
        assert_eq!(label("name", PartyKind::SoleTrader, Lang::Zh), "经营者姓名");
    }
}
