//! The status line: a message, the search prompt or key hints on the left;
//! position and corpus size on the right.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::fit_spans;
use crate::sanitize::for_terminal;
use crate::tui::app::App;
use crate::tui::keys::{self, Context};
use crate::tui::style;
use crate::tui::text::{truncate, width};

pub fn draw(frame: &mut Frame, app: &App, rect: Rect) {
    if rect.width == 0 || rect.height == 0 {
        return;
    }
    let w = usize::from(rect.width);
    let ctx = app.context();
    let right = match ctx {
        Context::Finder => format!("{}/{} matches", app.finder.matched(), app.finder.total()),
        Context::FullText if app.fulltext.searching() => "searching…".to_string(),
        Context::FullText => {
            let n = app.fulltext.matches().len();
            format!("{n} {}", if n == 1 { "item" } else { "items" })
        }
        _ => format!("{} │ {}", app.position(), app.corpus_summary()),
    };
    let mut left: Vec<Span<'static>> = Vec::new();
    let mut cursor = None;
    if ctx == Context::Search {
        let query = for_terminal(&app.search.query).into_owned();
        left.push(Span::styled(" /", style::status_key()));
        cursor = Some(2 + width(&query));
        left.push(Span::styled(query, style::status()));
        left.push(Span::styled("  Enter keep · Esc cancel", style::status()));
    } else if let Some(message) = &app.message {
        left.push(Span::styled(
            format!(" {}", for_terminal(message)),
            style::status_key(),
        ));
    } else {
        for (key, hint) in keys::hints(ctx) {
            left.push(Span::styled(format!(" {key}"), style::status_key()));
            left.push(Span::styled(format!(" {hint} "), style::status()));
        }
    }
    // The hints get up to half the line; the position and corpus size the rest,
    // cut from the end (the corpus size) first.
    let left_natural: usize = left.iter().map(|s| width(&s.content)).sum();
    let right_w = width(&right).min(w.saturating_sub(left_natural + 1).max(w / 2));
    let right = truncate(&right, right_w);
    let left_w = w.saturating_sub(width(&right) + 1);
    let mut spans = fit_spans(left, left_w);
    spans.push(Span::styled(" ", style::status()));
    spans.push(Span::styled(right, style::status()));
    let line = Line::from(fit_spans(spans, w)).style(style::status());
    frame.render_widget(Paragraph::new(line), rect);
    if let Some(x) = cursor
        && x < left_w
    {
        frame.set_cursor_position(Position::new(rect.x + x as u16, rect.y));
    }
}
