//! The status line: a message, the search prompt or key hints on the left;
//! position and corpus size on the right.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::i18n::Msg;
use crate::tui::app::App;
use crate::tui::keys::Context;
use crate::tui::text::{truncate, width};
use crate::tui::widgets::fit_spans;
use referat_core::sanitize::for_terminal;

pub fn draw(frame: &mut Frame, app: &App, rect: Rect) {
    if rect.width == 0 || rect.height == 0 {
        return;
    }
    let look = &app.look;
    let t = &look.theme;
    let w = usize::from(rect.width);
    let ctx = app.context();
    let right = match ctx {
        Context::Finder => look.fill(
            Msg::FinderMatches,
            &[&app.finder.matched(), &app.finder.total()],
        ),
        Context::FullText if app.fulltext.searching() => look.text(Msg::Searching).to_string(),
        Context::FullText => {
            look.count(app.fulltext.matches().len(), Msg::ItemsOne, Msg::ItemsMany)
        }
        _ => format!("{} │ {}", app.position(), app.corpus_summary()),
    };
    let mut left: Vec<Span<'static>> = Vec::new();
    let mut cursor = None;
    if ctx == Context::Search {
        let query = for_terminal(&app.search.query).into_owned();
        left.push(Span::styled(" /", t.status_key));
        cursor = Some(2 + width(&query));
        left.push(Span::styled(query, t.status));
        left.push(Span::styled(
            format!("  {}", look.text(Msg::SearchPromptHint)),
            t.status,
        ));
    } else if let Some(loading) = app.loading {
        const SPINNER: [&str; 8] = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧"];
        let text = if loading.total == 0 {
            look.fill(Msg::Loading, &[&loading.seconds])
        } else {
            look.fill(
                Msg::LoadingFiles,
                &[&loading.done, &loading.total, &loading.seconds],
            )
        };
        left.push(Span::styled(
            format!(" {} {text}", SPINNER[loading.frame % SPINNER.len()]),
            t.status_key,
        ));
    } else if let Some(message) = &app.message {
        left.push(Span::styled(
            format!(" {}", for_terminal(message)),
            t.status_key,
        ));
    } else {
        for (key, hint) in app.keys.hints(ctx, look.lang) {
            left.push(Span::styled(format!(" {key}"), t.status_key));
            left.push(Span::styled(format!(" {hint} "), t.status));
        }
    }
    // The hints get up to half the line; the position and corpus size the rest,
    // cut from the end (the corpus size) first.
    let left_natural: usize = left.iter().map(|s| width(&s.content)).sum();
    let right_w = width(&right).min(w.saturating_sub(left_natural + 1).max(w / 2));
    let right = truncate(&right, right_w);
    let left_w = w.saturating_sub(width(&right) + 1);
    let mut spans = fit_spans(left, left_w);
    spans.push(Span::styled(" ", t.status));
    spans.push(Span::styled(right, t.status));
    let line = Line::from(fit_spans(spans, w)).style(t.status);
    frame.render_widget(Paragraph::new(line), rect);
    if let Some(x) = cursor
        && x < left_w
    {
        frame.set_cursor_position(Position::new(rect.x + x as u16, rect.y));
    }
}
