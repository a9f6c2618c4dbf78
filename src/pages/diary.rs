//! Dispute diary: `/diary`, `/diary/<case-id>`.

use crate::components::coming_next::{path_param, ComingNext};
use crate::i18n::*;
use crate::store::db;
use leptos::either::Either;
use leptos::prelude::*;

#[component]
pub fn DiaryPage() -> impl IntoView {
    let i18n = use_i18n();
    // Opening the database proves the storage layer works, or says plainly that it doesn't.
    let status = LocalResource::new(|| async { db::open().await.map(|db| db.close()) });
    view! {
        <h1>{t!(i18n, diary.title)}</h1>
        <Suspense fallback=|| ()>
            {move || status.get().map(|result| match result {
                Ok(()) => Either::Left(view! {
                    <p class="ok" id="db-status" data-db="ok">{t!(i18n, diary.available)}</p>
                }),
                Err(_) => Either::Right(view! {
                    <p class="warn" id="db-status" data-db="unavailable" role="alert">{t!(i18n, diary.unavailable)}</p>
                }),
            })}
        </Suspense>
        <ComingNext target=path_param("case") />
    }
}
