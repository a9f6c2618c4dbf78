//! A letter as it goes on A4 paper: the text laid out by
//! [`layout`](crate::domain::letters::layout::layout) (title centred, 称谓, parties, indented
//! paragraphs, sections, 此致 / 敬礼, right-aligned 落款, 附：…). The print stylesheet
//! (`style/letters.css`) shows only this on the letters page, with page numbers. The same
//! classes and grouping as the downloaded file ([`standalone_html`]).
//!
//! Every value is rendered as text.
//!
//! [`standalone_html`]: crate::domain::letters::html::standalone_html

use crate::domain::letters::html::{para_lines, pieces, split_label, split_number, Piece};
use crate::domain::letters::layout::{layout, Block};
use leptos::prelude::*;

/// `<article class="letter-paper" lang="zh-CN">` with the laid-out `text`; re-laid out when
/// `text` changes.
#[component]
pub fn LetterPaper(#[prop(into)] text: Signal<String>) -> impl IntoView {
    let blocks = move || {
        text.with(|t| {
            let blocks = layout(t);
            pieces(&blocks)
                .into_iter()
                .map(piece_view)
                .collect::<Vec<_>>()
        })
    };
    view! { <article class="letter-paper" lang="zh-CN">{blocks}</article> }
}

fn piece_view(piece: Piece<'_>) -> AnyView {
    match piece {
        Piece::Block(block) => block_view(block),
        Piece::Closing {
            first,
            salute,
            signatures,
        } => closing_view(first, salute, &signatures),
    }
}

/// 此致, the salute and the signatures: one group that never splits across pages.
fn closing_view(first: &str, salute: &[String], signatures: &[&[String]]) -> AnyView {
    let salute = salute
        .iter()
        .map(|line| view! { <p class="letter-salute">{line.clone()}</p> })
        .collect_view();
    let signatures = signatures
        .iter()
        .map(|lines| lines_view("letter-signature", lines))
        .collect_view();
    view! {
        <div class="letter-closing">
            <p class="letter-zhi">{first.to_owned()}</p>
            {salute}
            {signatures}
        </div>
    }
    .into_any()
}

/// `<div class=…>` with one `<p>` a line.
fn lines_view(class: &'static str, lines: &[String]) -> AnyView {
    let lines = lines
        .iter()
        .map(|line| view! { <p>{line.clone()}</p> })
        .collect_view();
    view! { <div class=class>{lines}</div> }.into_any()
}

fn block_view(block: &Block) -> AnyView {
    match block {
        // On paper this is the document's only level-1 heading (the page's <h1> is
        // screen-only); a <p> with the heading role keeps the screen page to one <h1> element
        // (built by hand: the view macro has no aria-level).
        Block::Title(title) => leptos::html::p()
            .class("letter-title")
            .attr("role", "heading")
            .attr("aria-level", "1")
            .child(title.clone())
            .into_any(),
        Block::Salutation(line) => {
            view! { <p class="letter-salutation">{line.clone()}</p> }.into_any()
        }
        Block::Parties(lines) => {
            let lines = lines
                .iter()
                .map(|line| match split_label(line) {
                    Some((label, rest)) => view! {
                        <p><span class="letter-label">{label.to_owned()}</span><span>{rest.to_owned()}</span></p>
                    }
                    .into_any(),
                    None => view! { <p>{line.clone()}</p> }.into_any(),
                })
                .collect_view();
            view! { <div class="letter-parties">{lines}</div> }.into_any()
        }
        Block::Para(text) => para_lines(text)
            .map(|line| view! { <p class="letter-para">{line.to_owned()}</p> })
            .collect_view()
            .into_any(),
        Block::Section { heading, items } => {
            let items = items.iter().map(|item| item_view(item)).collect_view();
            view! {
                <div class="letter-section">
                    <p class="letter-heading">{heading.clone()}</p>
                    {items}
                </div>
            }
            .into_any()
        }
        Block::Closing { first, salute } => closing_view(first, salute, &[]),
        Block::Signature(lines) => lines_view("letter-signature", lines),
        Block::Trailer(lines) => lines_view("letter-trailer", lines),
    }
}

/// A numbered item hangs under its text; any other line is indented like a paragraph.
fn item_view(item: &str) -> AnyView {
    match split_number(item) {
        Some((number, rest)) => view! {
            <p class="letter-item"><span class="letter-num">{number.to_owned()}</span><span>{rest.to_owned()}</span></p>
        }
        .into_any(),
        None => view! { <p class="letter-para">{item.to_owned()}</p> }.into_any(),
    }
}
