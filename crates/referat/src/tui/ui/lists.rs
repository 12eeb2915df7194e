//! The meetings and items panes.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::pane_block;
use crate::i18n::Msg;
use crate::tui::app::{App, Focus};
use crate::tui::columns::{case_label, page_label};
use crate::tui::layout;
use crate::tui::list::ListCursor;
use crate::tui::text::{fit_right, truncate_start, width};
use crate::tui::widgets::{cell, fit_spans, message_line};
use referat_core::corpus::ItemRef;
use referat_core::sanitize::for_terminal;

fn visible(cursor: ListCursor, len: usize, height: usize) -> std::ops::Range<usize> {
    let start = cursor.offset.min(len);
    start..(start + height).min(len)
}

/// Newest first: date, forum (after `●` when it has a new item of something
/// followed), item count.
pub fn meetings(frame: &mut Frame, app: &App, rect: Rect) {
    let look = &app.look;
    let t = &look.theme;
    let focused = app.focus == Focus::Meetings;
    let n = app.meeting_count();
    let chosen = for_terminal(&app.filter().describe(look)).into_owned();
    let all = app.corpus().meetings().len();
    let whole = look.fill(Msg::MeetingsTitleFiltered, &[&n, &all, &chosen]);
    // The title names the filter; where the pane is too narrow for that,
    // the bottom border does, so the counts stay readable at the top.
    let (title, below) = if chosen.is_empty() {
        (look.fill(Msg::MeetingsTitle, &[&n]), None)
    } else if width(&whole) + 6 <= usize::from(rect.width) {
        (whole, None)
    } else {
        (look.fill(Msg::MeetingsTitleOf, &[&n, &all]), Some(chosen))
    };
    let mut block = pane_block(app, title, focused);
    if let Some(chosen) = below {
        block = block.title_bottom(Line::from(Span::styled(format!(" {chosen} "), t.bold)));
    }
    let inner = layout::inner(rect);
    let w = usize::from(inner.width);
    let mut lines = Vec::new();
    if n == 0 && app.loading.is_some() {
        lines.push(message_line(look, look.text(Msg::LoadingShort), inner));
    } else if n == 0 && !app.has_opened_paths() {
        lines.push(message_line(look, look.text(Msg::NoMinutesLoaded), inner));
        lines.push(message_line(look, look.text(Msg::RunWithPath), inner));
    } else if n == 0 {
        // The detail pane names the folders, with room to wrap.
        let read = app.corpus().reports.len();
        let first = if read > 0 {
            let files = look.count(read, Msg::FilesOne, Msg::FilesMany);
            look.fill(Msg::NoneHeldMinutes, &[&files])
        } else {
            look.text(Msg::NoMinutesFiles).to_string()
        };
        lines.push(message_line(look, &first, inner));
        lines.push(message_line(look, look.text(Msg::WatchingForNew), inner));
    }
    for row in visible(app.meetings, n, usize::from(inner.height)) {
        let Some(meeting) = app
            .meeting_at_row(row)
            .and_then(|id| app.corpus().meeting(id))
        else {
            break;
        };
        let date = look.date(meeting.date);
        let count = meeting.items.len().to_string();
        let count_w = width(&count).max(2);
        // A meeting with a new item of something followed: `●` before its forum.
        let new = app
            .meeting_at_row(row)
            .is_some_and(|id| app.following.meeting_has_new(id));
        let marker_w = if new { 2 } else { 0 };
        let forum_w = w.saturating_sub(10 + 1 + 1 + count_w + marker_w);
        let mut spans = vec![cell(&date, 10, t.base), Span::raw(" ")];
        if new {
            spans.push(Span::styled("● ", t.new_marker));
        }
        spans.extend([
            cell(&for_terminal(&meeting.forum), forum_w, t.base),
            Span::raw(" "),
            Span::styled(fit_right(&count, count_w), t.dimmed),
        ]);
        let s = look.row(row == app.meetings.selected, focused);
        lines.push(Line::from(fit_spans(spans, w)).style(s));
    }
    frame.render_widget(Paragraph::new(lines).block(block), rect);
}

/// The selected meeting's table of contents: decision marker (and `●` for a
/// new item of something followed), number, title,
/// case number and TOC page, shared out by [`ItemColumns::fit`](crate::tui::columns::ItemColumns::fit);
/// closed items dimmed.
pub fn items(frame: &mut Frame, app: &App, rect: Rect) {
    let look = &app.look;
    let t = &look.theme;
    let focused = app.focus == Focus::Items;
    let title = match app.meeting() {
        Some(m) => look.fill(Msg::ItemsTitleOf, &[&for_terminal(&look.label(m))]),
        None => look.text(Msg::ItemsTitle).to_string(),
    };
    let block = pane_block(app, title, focused);
    let inner = layout::inner(rect);
    let w = usize::from(inner.width);
    let mut lines = Vec::new();
    let items = app.meeting().map_or(&[][..], |m| &m.items[..]);
    if app.meeting().is_some() && items.is_empty() {
        lines.push(message_line(look, look.text(Msg::MeetingNoItems), inner));
    }
    let cols = app.item_columns().fit(w);
    for row in visible(app.items, items.len(), usize::from(inner.height)) {
        let item = &items[row];
        let base = if item.closed { t.dimmed } else { t.base };
        let decided = if item.has_decision() { "✓" } else { " " };
        let at = app
            .selected_meeting()
            .map(|meeting| ItemRef { meeting, item: row });
        let new = at.is_some_and(|at| app.following.is_new(at));
        let mut spans = vec![
            Span::styled(decided, t.decision_marker),
            Span::styled(if new { "●" } else { " " }, t.new_marker),
            Span::styled(fit_right(&item.number.to_string(), 3), base),
            Span::raw(" "),
            cell(&for_terminal(&item.title), cols.title, base),
        ];
        if cols.case > 0 {
            let case = truncate_start(&for_terminal(&case_label(item)), cols.case);
            spans.push(Span::raw(" "));
            spans.push(cell(&case, cols.case, t.dimmed));
        }
        if cols.page > 0 {
            spans.push(Span::raw(" "));
            spans.push(Span::styled(
                fit_right(&page_label(look, item), cols.page),
                t.dimmed,
            ));
        }
        let s = look.row(row == app.items.selected, focused);
        lines.push(Line::from(fit_spans(spans, w)).style(s));
    }
    frame.render_widget(Paragraph::new(lines).block(block), rect);
}
