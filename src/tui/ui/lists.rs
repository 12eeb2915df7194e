//! The meetings and items panes.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{cell, fit_spans, message_line, pane_block};
use crate::sanitize::for_terminal;
use crate::tui::app::{App, Focus};
use crate::tui::layout;
use crate::tui::list::ListCursor;
use crate::tui::style;
use crate::tui::text::{fit_right, width};

fn row_style(selected: bool, focused: bool) -> Style {
    match (selected, focused) {
        (true, true) => style::selected_focused(),
        (true, false) => style::selected_unfocused(),
        _ => style::plain(),
    }
}

fn visible(cursor: ListCursor, len: usize, height: usize) -> std::ops::Range<usize> {
    let start = cursor.offset.min(len);
    start..(start + height).min(len)
}

/// Newest first: date, forum, item count.
pub fn meetings(frame: &mut Frame, app: &App, rect: Rect) {
    let focused = app.focus == Focus::Meetings;
    let n = app.meeting_count();
    let block = pane_block(format!("Meetings ({n})"), focused);
    let inner = layout::inner(rect);
    let w = usize::from(inner.width);
    let mut lines = Vec::new();
    if n == 0 {
        lines.push(message_line("No minutes loaded.", inner));
        lines.push(message_line("Run: referat PATH…", inner));
    }
    for row in visible(app.meetings, n, usize::from(inner.height)) {
        let Some(index) = app.meeting_at_row(row) else {
            break;
        };
        let meeting = &app.corpus().meetings[index];
        let date = meeting
            .date
            .map_or_else(|| "no date".to_string(), |d| d.danish());
        let count = meeting.items.len().to_string();
        let count_w = width(&count).max(2);
        let forum_w = w.saturating_sub(10 + 1 + 1 + count_w);
        let spans = vec![
            cell(&date, 10, style::plain()),
            Span::raw(" "),
            cell(&for_terminal(&meeting.forum), forum_w, style::plain()),
            Span::raw(" "),
            Span::styled(fit_right(&count, count_w), style::dim()),
        ];
        let s = row_style(row == app.meetings.selected, focused);
        lines.push(Line::from(fit_spans(spans, w)).style(s));
    }
    frame.render_widget(Paragraph::new(lines).block(block), rect);
}

/// The selected meeting's table of contents: decision marker, number, title,
/// case number and TOC page; closed items dimmed.
pub fn items(frame: &mut Frame, app: &App, rect: Rect) {
    let focused = app.focus == Focus::Items;
    let title = match app.meeting() {
        Some(m) => format!("Items · {}", for_terminal(&m.label())),
        None => "Items".to_string(),
    };
    let block = pane_block(title, focused);
    let inner = layout::inner(rect);
    let w = usize::from(inner.width);
    let mut lines = Vec::new();
    let items = app.meeting().map_or(&[][..], |m| &m.items[..]);
    if app.meeting().is_some() && items.is_empty() {
        lines.push(message_line("This meeting has no items.", inner));
    }
    let case_w = items
        .iter()
        .map(|i| {
            i.case_numbers.first().map_or(0, |c| width(c))
                + if i.case_numbers.len() > 1 { 3 } else { 0 }
        })
        .max()
        .unwrap_or(0)
        .min(18);
    let page_w = items
        .iter()
        .filter_map(|i| i.toc_page)
        .map(|p| p.to_string().len() + 2)
        .max()
        .unwrap_or(0);
    // Drop the page, then the case column, when the pane is too narrow for them.
    let fixed = 2 + 3 + 1;
    let show_case = case_w > 0 && w > fixed + 12 + case_w;
    let show_page = page_w > 0 && w > fixed + 12 + case_w + 1 + page_w;
    let mut title_w = w.saturating_sub(fixed);
    if show_case {
        title_w = title_w.saturating_sub(case_w + 1);
    }
    if show_page {
        title_w = title_w.saturating_sub(page_w + 1);
    }
    for row in visible(app.items, items.len(), usize::from(inner.height)) {
        let item = &items[row];
        let base = if item.closed {
            style::dim()
        } else {
            style::plain()
        };
        let marker = if item.has_decision() { "✓ " } else { "  " };
        let mut spans = vec![
            Span::styled(marker, style::decision_gutter()),
            Span::styled(fit_right(&item.number.to_string(), 3), base),
            Span::raw(" "),
            cell(&for_terminal(&item.title), title_w, base),
        ];
        if show_case {
            let mut case = item.case_numbers.first().cloned().unwrap_or_default();
            if item.case_numbers.len() > 1 {
                case.push_str(&format!(" +{}", item.case_numbers.len() - 1));
            }
            spans.push(Span::raw(" "));
            spans.push(cell(&for_terminal(&case), case_w, style::dim()));
        }
        if show_page {
            let page = item.toc_page.map(|p| format!("p.{p}")).unwrap_or_default();
            spans.push(Span::raw(" "));
            spans.push(Span::styled(fit_right(&page, page_w), style::dim()));
        }
        let s = row_style(row == app.items.selected, focused);
        lines.push(Line::from(fit_spans(spans, w)).style(s));
    }
    frame.render_widget(Paragraph::new(lines).block(block), rect);
}
