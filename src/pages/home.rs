use crate::components::deadlines::HomeDeadlines;
use crate::i18n::*;
use crate::routing::href;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn Home() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <h1>{t!(i18n, home.title)}</h1>
        <p class="lead">{t!(i18n, common.app_tagline)}</p>
        <p>{t!(i18n, home.intro)}</p>
        <ul class="cards">
            <li class="card">
                <h2><A href=href("/wizard")>{t!(i18n, home.wizard_title)}</A></h2>
                <p>{t!(i18n, home.wizard_desc)}</p>
            </li>
            <li class="card">
                <h2><A href=href("/check")>{t!(i18n, home.check_title)}</A></h2>
                <p>{t!(i18n, home.check_desc)}</p>
            </li>
            <li class="card">
                <h2><A href=href("/diary")>{t!(i18n, home.diary_title)}</A></h2>
                <p>{t!(i18n, home.diary_desc)}</p>
            </li>
            <li class="card">
                <h2><A href=href("/letters")>{t!(i18n, home.letters_title)}</A></h2>
                <p>{t!(i18n, home.letters_desc)}</p>
            </li>
        </ul>
        <HomeDeadlines />
        <p id="home-profile">
            <A href=href("/me")>{t!(i18n, profile.link)}</A> {t!(i18n, profile.link_sep)} {t!(i18n, profile.link_desc)}
        </p>
        <p class="note">
            {t!(i18n, home.not_advice)} " " <A href=href("/about")>{t!(i18n, common.footer.about)}</A>
        </p>
    }
}
