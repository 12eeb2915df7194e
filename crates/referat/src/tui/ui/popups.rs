//! Popups drawn over the panes: the finder and full-text search. (The case
//! timeline and help draw themselves: [`crate::tui::timeline`],
//! [`crate::tui::help`].)

use ratatui::Frame;
use ratatui::layout::{Alignment, Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph};

use super::{cell, fit_spans, highlighted, message_line};
use crate::i18n::Msg;
use crate::tui::app::App;
use crate::tui::layout;
use crate::tui::look::Look;
use crate::tui::text::{fit_right, width};
use referat_core::sanitize::for_terminal;
use referat_core::search::{Place, place_text, snippet};

/// A popup's frame: double border, bold title.
pub(in crate::tui) fn popup_block(look: &Look, title: String) -> Block<'static> {
    Block::bordered()
        .border_type(BorderType::Double)
        .border_style(look.border(true))
        .title(Line::from(Span::styled(
            format!(" {title} "),
            look.theme.bold,
        )))
}

/// The query line of a popup: `› query` and the cursor after it.
fn prompt(frame: &mut Frame, look: &Look, query: &str, rect: Rect) {
    let query = for_terminal(query).into_owned();
    let qw = usize::from(rect.width);
    let cursor_x = 2 + width(&query);
    let spans = vec![Span::styled("› ", look.theme.bold), Span::raw(query)];
    frame.render_widget(Paragraph::new(Line::from(fit_spans(spans, qw))), rect);
    if cursor_x < qw {
        frame.set_cursor_position(Position::new(rect.x + cursor_x as u16, rect.y));
    }
}

/// The finder: query line, separator, then matches with matched characters
/// highlighted: date, forum, item number, case number, title.
pub fn finder(frame: &mut Frame, app: &App, area: Rect) {
    let look = &app.look;
    let t = &look.theme;
    let rect = layout::finder(area);
    let f = &app.finder;
    let busy = if f.busy() { " …" } else { "" };
    let title = look.fill(Msg::FinderTitle, &[&f.matched(), &f.total()]);
    let block = popup_block(look, format!("{title}{busy}")).title_bottom(
        Line::from(Span::styled(
            format!(" {} ", look.text(Msg::FinderFooter)),
            t.dimmed,
        ))
        .alignment(Alignment::Right),
    );
    frame.render_widget(Clear, rect);
    frame.render_widget(block, rect);
    let (query_rect, list) = layout::finder_parts(rect);
    if query_rect.width == 0 || query_rect.height == 0 {
        return;
    }
    prompt(frame, look, f.query(), query_rect);
    if list.height == 0 {
        return;
    }
    rule_above(frame, list, t.dimmed);
    let w = usize::from(list.width);
    let forum_w = f
        .rows()
        .iter()
        .map(|r| width(&r.forum.text))
        .max()
        .unwrap_or(0)
        .min(16);
    let case_w = f
        .rows()
        .iter()
        .map(|r| width(&r.case.text))
        .max()
        .unwrap_or(0)
        .min(18);
    let mut lines = Vec::new();
    if f.matched() == 0 && !f.busy() {
        lines.push(message_line(look, look.text(Msg::FinderNoMatch), list));
    }
    for (n, row) in f.rows().iter().enumerate() {
        let selected = f.cursor.offset + n == f.cursor.selected;
        let base = if row.closed { t.dimmed } else { t.base };
        let hl = t.matched;
        let mut spans = highlighted(&row.date.text, &row.date.hits, 10, base, hl);
        spans.push(Span::raw(" "));
        spans.extend(highlighted(
            &row.forum.text,
            &row.forum.hits,
            forum_w,
            base,
            hl,
        ));
        spans.push(Span::styled(
            fit_right(&format!("{}.", row.number), 4),
            base,
        ));
        spans.push(Span::raw(" "));
        spans.extend(highlighted(
            &row.case.text,
            &row.case.hits,
            case_w,
            base,
            hl,
        ));
        spans.push(Span::raw(" "));
        let used = 10 + 1 + forum_w + 4 + 1 + case_w + 1;
        spans.extend(highlighted(
            &row.title.text,
            &row.title.hits,
            w.saturating_sub(used),
            base,
            hl,
        ));
        let s = if selected { t.selection } else { t.base };
        lines.push(Line::from(fit_spans(spans, w)).style(s));
    }
    frame.render_widget(Paragraph::new(lines), list);
}

/// The full-text search: query line, results (date, forum, item number,
/// title, hit count), and a preview of the selected result's hits in context,
/// each hit underlined and bold as well as coloured.
pub fn fulltext(frame: &mut Frame, app: &App, area: Rect) {
    let look = &app.look;
    let t = &look.theme;
    let rect = layout::fulltext(area);
    let ft = &app.fulltext;
    let n = ft.matches().len();
    let mut title = look.fill(
        Msg::FullTextTitle,
        &[&look.count(n, Msg::ItemsOne, Msg::ItemsMany)],
    );
    if !ft.indexed() && !ft.query().trim().is_empty() {
        title = format!("{title} · {}", look.text(Msg::Indexing));
    } else if ft.searching() {
        title = format!("{title} · {}", look.text(Msg::Searching));
    }
    let block = popup_block(look, title).title_bottom(
        Line::from(Span::styled(
            format!(" {} ", look.text(Msg::FullTextFooter)),
            t.dimmed,
        ))
        .alignment(Alignment::Right),
    );
    frame.render_widget(Clear, rect);
    frame.render_widget(block, rect);
    let (query_rect, list, preview) = layout::fulltext_parts(rect);
    if query_rect.width == 0 || query_rect.height == 0 {
        return;
    }
    prompt(frame, look, ft.query(), query_rect);
    for part in [list, preview] {
        if part.height == 0 {
            continue;
        }
        rule_above(frame, part, t.dimmed);
    }
    if list.height == 0 {
        return;
    }
    let corpus = app.corpus();
    let w = usize::from(list.width);
    let start = ft.cursor.offset.min(n);
    let end = (start + usize::from(list.height)).min(n);
    let shown = &ft.matches()[start..end];
    let forum_w = shown
        .iter()
        .map(|m| width(&for_terminal(&corpus.get(m.at).0.forum)))
        .max()
        .unwrap_or(0)
        .min(16);
    let count_w = shown
        .iter()
        .map(|m| width(&look.count(m.hits, Msg::HitsOne, Msg::HitsMany)))
        .max()
        .unwrap_or(1);
    let mut lines = Vec::new();
    if n == 0 && !ft.searching() && !ft.query().trim().is_empty() {
        lines.push(message_line(look, look.text(Msg::FullTextNone), list));
    } else if ft.query().trim().is_empty() {
        lines.push(message_line(look, look.text(Msg::FullTextEmpty), list));
    }
    for (i, m) in shown.iter().enumerate() {
        let (meeting, item) = corpus.get(m.at);
        let base = if item.closed { t.dimmed } else { t.base };
        let date = look.date(meeting.date);
        let hits = look.count(m.hits, Msg::HitsOne, Msg::HitsMany);
        let title_w = w.saturating_sub(10 + 1 + forum_w + 4 + 1 + 1 + count_w);
        let spans = vec![
            cell(&date, 10, base),
            Span::raw(" "),
            cell(&for_terminal(&meeting.forum), forum_w, base),
            Span::styled(fit_right(&format!("{}.", item.number), 4), base),
            Span::raw(" "),
            cell(&for_terminal(&item.title), title_w, base),
            Span::raw(" "),
            Span::styled(fit_right(&hits, count_w), t.dimmed),
        ];
        let s = if start + i == ft.cursor.selected {
            t.selection
        } else {
            t.base
        };
        lines.push(Line::from(fit_spans(spans, w)).style(s));
    }
    frame.render_widget(Paragraph::new(lines), list);
    if preview.height > 0 {
        fulltext_preview(frame, app, preview);
    }
}

/// The selected result's hits, one line each: where (title or section) and the
/// line of text around the hit.
fn fulltext_preview(frame: &mut Frame, app: &App, rect: Rect) {
    let Some(found) = app.fulltext.selected() else {
        return;
    };
    let look = &app.look;
    let t = &look.theme;
    let (meeting, item) = app.corpus().get(found.at);
    let w = usize::from(rect.width);
    let mut lines = vec![Line::from(fit_spans(
        vec![Span::styled(
            format!(
                "{} · {} · {}",
                for_terminal(&look.label(meeting)),
                look.fill(Msg::FactsItem, &[&item.number]),
                for_terminal(&item.title)
            ),
            t.bold,
        )],
        w,
    ))];
    let hits = app.fulltext.preview();
    let label_w = 16.min(w / 4);
    let room = usize::from(rect.height).saturating_sub(1);
    for hit in hits.iter().take(room) {
        let label = match hit.place {
            Place::Title => look.text(Msg::PlaceTitle).to_string(),
            Place::Section(i) => {
                // A searched item's sections are in memory; drawing never reads.
                let section = item.sections.in_memory().and_then(|s| s.get(i));
                let heading = section.map_or("", |s| s.heading.as_str());
                if heading.trim().is_empty() {
                    look.text(Msg::PlaceText).to_string()
                } else {
                    for_terminal(heading).into_owned()
                }
            }
        };
        let text = place_text(item, hit.place);
        if hit.start > hit.end
            || hit.end > text.len()
            || !text.is_char_boundary(hit.start)
            || !text.is_char_boundary(hit.end)
        {
            continue;
        }
        // `snippet` needs room for the hit and a little context (it indexes
        // out of bounds with less); what does not fit is cut below anyway.
        let hit_chars = text[hit.start..hit.end].chars().count();
        let room = w.saturating_sub(label_w + 1).max(hit_chars + 3);
        let (snip, a, b) = snippet(text, hit.start, hit.end, room);
        let mut spans = vec![cell(&label, label_w, t.dimmed), Span::raw(" ")];
        if a <= b && b <= snip.len() && snip.is_char_boundary(a) && snip.is_char_boundary(b) {
            spans.push(Span::raw(for_terminal(&snip[..a]).into_owned()));
            spans.push(Span::styled(
                for_terminal(&snip[a..b]).into_owned(),
                t.current_hit,
            ));
            spans.push(Span::raw(for_terminal(&snip[b..]).into_owned()));
        } else {
            spans.push(Span::raw(for_terminal(&snip).into_owned()));
        }
        lines.push(Line::from(fit_spans(spans, w)));
    }
    if hits.len() > room && room > 0 {
        let more = look.fill(Msg::MoreHits, &[&(hits.len() - room + 1)]);
        if let Some(last) = lines.last_mut() {
            *last = Line::from(cell(&more, w, t.dimmed));
        }
    }
    frame.render_widget(Paragraph::new(lines), rect);
}

/// A horizontal rule on the line above `part`, separating a popup's parts.
fn rule_above(frame: &mut Frame, part: Rect, style: Style) {
    let rule = Rect {
        y: part.y.saturating_sub(1),
        height: 1,
        ..part
    };
    frame.render_widget(
        Paragraph::new(Span::styled("─".repeat(usize::from(rule.width)), style)),
        rule,
    );
}
