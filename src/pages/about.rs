use crate::domain::datasets::datasets;
use crate::i18n::*;
use crate::lang::use_lang;
use leptos::prelude::*;

#[component]
pub fn About() -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let rows = move || {
        let lang = lang.get();
        datasets()
            .iter()
            .map(|d| {
                let unconfirmed = d.source.unconfirmed;
                view! {
                    <li class="dataset" id=format!("dataset-{}", d.id)>
                        <h3>{d.name.get(lang).to_owned()}</h3>
                        <p>
                            <strong>{t!(i18n, about.as_of)} ": "</strong>
                            <time>{d.as_of.clone()}</time>
                            {unconfirmed.then(|| view! { " " <span class="tag">{t!(i18n, about.unconfirmed)}</span> })}
                        </p>
                        <p>{d.note.get(lang).to_owned()}</p>
                        <p class="source">
                            <strong>{t!(i18n, about.source)} ": "</strong>
                            <cite>{d.source.get(lang).to_owned()}</cite>
                        </p>
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        <h1>{t!(i18n, about.title)}</h1>
        <p>{t!(i18n, about.what)}</p>
        <section>
            <h2>{t!(i18n, about.not_advice_title)}</h2>
            <p class="note">{t!(i18n, about.not_advice)}</p>
        </section>
        <section>
            <h2>{t!(i18n, about.privacy_title)}</h2>
            <p>{t!(i18n, about.privacy)}</p>
        </section>
        <section>
            <h2>{t!(i18n, about.offline_title)}</h2>
            <p>{t!(i18n, about.offline)}</p>
        </section>
        <section>
            <h2>{t!(i18n, about.sources_title)}</h2>
            <ul class="datasets">{rows}</ul>
        </section>
        <p class="muted">{t!(i18n, about.version)} " " {env!("CARGO_PKG_VERSION")}</p>
    }
}
