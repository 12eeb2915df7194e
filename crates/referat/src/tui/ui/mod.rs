//! Drawing: a pure function from `&App` to a frame.
//!
//! Nothing here changes state; offsets and laid-out text were computed by
//! [`App::sync`](super::app::App::sync). Every string from a document passes
//! through [`for_terminal`](referat_core::sanitize::for_terminal) before it reaches a
//! buffer, and every column is measured in display cells.

mod detail_pane;
mod lists;
mod popup;
pub(in crate::tui) use popup::{popup_block, prompt, rule_above};
mod status;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType};

use super::app::{App, Popup};
use super::layout;
use super::look::Look;
use super::text::{char_width, fit, width};

/// Draws the whole screen.
pub fn draw(frame: &mut Frame, app: &App) {
    let area = frame.area();
    if area.width == 0 || area.height == 0 {
        return;
    }
    // The theme's base style under everything (high contrast: white on black).
    frame.render_widget(Block::new().style(app.look.theme.base), area);
    let panes = layout::panes(area, app.focus);
    if let Some(r) = panes.meetings {
        lists::meetings(frame, app, r);
    }
    if let Some(r) = panes.items {
        lists::items(frame, app, r);
    }
    if let Some(r) = panes.detail {
        detail_pane::draw(frame, app, r);
    }
    status::draw(frame, app, panes.status);
    match &app.popup {
        Some(Popup::Finder { .. }) => {
            crate::tui::finder::view::draw(frame, &app.look, &app.finder, area)
        }
        Some(Popup::FullText { .. }) => {
            crate::tui::fulltext::view::draw(frame, &app.look, app.corpus(), &app.fulltext, area)
        }
        Some(Popup::Timeline(t)) => {
            crate::tui::timeline::draw(frame, &app.look, app.corpus(), t, area)
        }
        Some(Popup::Help(help)) => crate::tui::help::draw(frame, &app.look, &app.keys, help, area),
        None => {}
    }
}

/// A pane's frame: thick border and bold title when focused.
fn pane_block(look: &Look, title: String, focused: bool) -> Block<'static> {
    let marker = if focused { "▶ " } else { "" };
    let title_style = if focused {
        look.theme.bold
    } else {
        look.theme.dimmed
    };
    Block::bordered()
        .border_type(if focused {
            BorderType::Thick
        } else {
            BorderType::Plain
        })
        .border_style(look.border(focused))
        .title(Line::from(Span::styled(
            format!(" {marker}{title} "),
            title_style,
        )))
}

/// Cuts `spans` to exactly `cells` cells: truncated (with `…`) or padded.
pub(in crate::tui) fn fit_spans(spans: Vec<Span<'static>>, cells: usize) -> Vec<Span<'static>> {
    let total: usize = spans.iter().map(|s| width(&s.content)).sum();
    if total <= cells {
        let mut spans = spans;
        if total < cells {
            spans.push(Span::raw(" ".repeat(cells - total)));
        }
        return spans;
    }
    let mut out = Vec::new();
    let mut used = 0;
    let limit = cells.saturating_sub(1);
    for span in spans {
        let w = width(&span.content);
        if used + w <= limit {
            used += w;
            out.push(span);
            continue;
        }
        let mut cut = String::new();
        for c in span.content.chars() {
            let cw = char_width(c);
            if used + cw > limit {
                break;
            }
            used += cw;
            cut.push(c);
        }
        out.push(Span::styled(cut, span.style));
        if cells > 0 {
            out.push(Span::styled("…", span.style));
            used += 1;
        }
        break;
    }
    if used < cells {
        out.push(Span::raw(" ".repeat(cells - used)));
    }
    out
}

/// Spans for `text` in `cells` cells, with the chars at `hits` (char indices,
/// sorted) in `hit` style. Text is assumed sanitised already.
pub(in crate::tui) fn highlighted(
    text: &str,
    hits: &[usize],
    cells: usize,
    base: Style,
    hit: Style,
) -> Vec<Span<'static>> {
    let mut spans: Vec<Span<'static>> = Vec::new();
    let mut run = String::new();
    let mut run_hit = false;
    let mut hits = hits.iter().peekable();
    for (i, c) in text.chars().enumerate() {
        while hits.next_if(|&&h| h < i).is_some() {}
        let is_hit = hits.peek() == Some(&&i);
        if is_hit != run_hit && !run.is_empty() {
            let s = if run_hit { base.patch(hit) } else { base };
            spans.push(Span::styled(std::mem::take(&mut run), s));
        }
        run_hit = is_hit;
        run.push(c);
    }
    if !run.is_empty() {
        spans.push(Span::styled(
            run,
            if run_hit { base.patch(hit) } else { base },
        ));
    }
    fit_spans(spans, cells)
}

/// One plain cell of exactly `cells` cells.
pub(in crate::tui) fn cell(text: &str, cells: usize, s: Style) -> Span<'static> {
    Span::styled(fit(text, cells), s)
}

/// A blank-padded line of `rect`'s width, for messages inside a pane.
pub(in crate::tui) fn message_line(look: &Look, text: &str, rect: Rect) -> Line<'static> {
    Line::from(cell(text, usize::from(rect.width), look.theme.dimmed))
}
