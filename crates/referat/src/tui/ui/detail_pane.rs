//! The detail pane: the laid-out item (or decisions view), scrolled, with a
//! scroll bar and a `lines a-b/n` indicator.

use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Scrollbar, ScrollbarOrientation, ScrollbarState};

use super::pane_block;
use crate::i18n::Msg;
use crate::tui::app::{App, Focus};
use crate::tui::detail::MatchMode;
use crate::tui::layout;
use referat_core::sanitize::for_terminal;

pub fn draw(frame: &mut Frame, app: &App, rect: Rect) {
    let look = &app.look;
    let focused = app.focus == Focus::Detail;
    let title = match (app.decisions_only, app.item()) {
        (true, _) => look.text(Msg::DecisionsTitle).to_string(),
        (false, Some((_, item))) => look.fill(
            Msg::ItemTitleOf,
            &[&item.number, &for_terminal(&item.title)],
        ),
        (false, None) => look.text(Msg::DetailTitle).to_string(),
    };
    let view = app.view();
    let inner = layout::inner(rect);
    let height = usize::from(inner.height);
    let total = view.lines.len();
    let scroll = app.detail_scroll.min(total);
    let mut block = pane_block(app, title, focused);
    if total > height && inner.width > 0 {
        let last = (scroll + height).min(total);
        let percent = if total <= height {
            100
        } else {
            last * 100 / total
        };
        block = block.title_bottom(
            Line::from(Span::styled(
                format!(" {}-{}/{} {}% ", scroll + 1, last, total, percent),
                look.theme.dimmed,
            ))
            .alignment(Alignment::Right),
        );
    }
    if app.search.editing || !app.search.query.is_empty() {
        let n = view.hits.len();
        let prefix = match app.search.mode {
            MatchMode::Plain => "/",
            MatchMode::Terms => "S ",
        };
        let text = format!(" {prefix}{} ({n}) ", for_terminal(&app.search.query));
        block = block.title_bottom(
            Line::from(Span::styled(text, look.theme.dimmed)).alignment(Alignment::Left),
        );
    }
    let lines: Vec<Line> = view
        .lines
        .iter()
        .skip(scroll)
        .take(height)
        .cloned()
        .collect();
    frame.render_widget(Paragraph::new(lines).block(block), rect);
    if total > height && inner.height > 0 && inner.width > 1 {
        let mut state = ScrollbarState::new(total.saturating_sub(height)).position(scroll);
        let bar = Scrollbar::new(ScrollbarOrientation::VerticalRight)
            .symbols(ratatui::symbols::scrollbar::VERTICAL)
            .begin_symbol(None)
            .end_symbol(None);
        frame.render_stateful_widget(bar, inner, &mut state);
    }
}
