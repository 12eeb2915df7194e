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
    // A message may take the whole line, the position giving way to it.
    let mut message_w = None;
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
        let text = format!(" {}", for_terminal(message));
        message_w = Some(width(&text));
        left.push(Span::styled(text, t.status_key));
    } else {
        for (key, hint) in app.keys.hints(ctx, look.lang) {
            left.push(Span::styled(format!(" {key}"), t.status_key));
            left.push(Span::styled(format!(" {hint} "), t.status));
        }
    }
    // The hints get up to half the line; the position and corpus size the rest,
    // cut from the end (the corpus size) first.
    let left_natural: usize = left.iter().map(|s| width(&s.content)).sum();
    let right_room = w.saturating_sub(left_natural + 1);
    let right_w = match message_w {
        Some(_) => width(&right).min(right_room),
        None => width(&right).min(right_room.max(w / 2)),
    };
    let right = truncate(&right, right_w);
    let left_w = w.saturating_sub(width(&right) + 1);
    let mut spans = match message_w {
        // Cut even so: the log has all of it, and the line says where.
        Some(message_w) if message_w > left_w => {
            let hint = format!(" {} ", look.text(Msg::WholeInLog));
            let mut spans = fit_spans(left, left_w.saturating_sub(width(&hint)));
            spans.push(Span::styled(hint, t.status));
            fit_spans(spans, left_w)
        }
        _ => fit_spans(left, left_w),
    };
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
