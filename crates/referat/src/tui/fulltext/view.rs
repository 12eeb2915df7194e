//! How full-text search is drawn: the query line, the results, and a
//! preview of the selected result's hits in context.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::FullText;
use crate::i18n::Msg;
use crate::tui::layout;
use crate::tui::look::Look;
use crate::tui::text::{fit_right, width};
use crate::tui::widgets::{
    cell, fit_spans, message_line, popup_block, popup_footer, prompt, rule_above,
};
use referat_core::corpus::Corpus;
use referat_core::sanitize::for_terminal;
use referat_core::search::{Place, snippet};

/// The full-text search: query line, results (date, forum, item number,
/// title, hit count), and a preview of the selected result's hits in context,
/// each hit underlined and bold as well as coloured.
/// Results that are new items of something followed (`is_new`) carry `●`
/// before their title.
pub fn draw(
    frame: &mut Frame,
    look: &Look,
    corpus: &Corpus,
    ft: &FullText,
    is_new: &dyn Fn(referat_core::corpus::ItemRef) -> bool,
    area: Rect,
) {
    let t = &look.theme;
    let rect = layout::fulltext(area);
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
    let block = popup_block(look, title).title_bottom(popup_footer(
        look,
        look.text(Msg::FullTextFooter),
        rect,
    ));
    frame.render_widget(Clear, rect);
    frame.render_widget(block, rect);
    let (query_rect, list, preview) = layout::fulltext_parts(rect);
    if query_rect.width == 0 || query_rect.height == 0 {
        return;
    }
    prompt(frame, look, ft.query(), ft.query_selected(), query_rect);
    for part in [list, preview] {
        if part.height == 0 {
            continue;
        }
        rule_above(frame, part, t.dimmed);
    }
    if list.height == 0 {
        return;
    }
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
        let new = is_new(m.at);
        let marker_w = if new { 2 } else { 0 };
        let title_w = w.saturating_sub(10 + 1 + forum_w + 4 + 1 + 1 + count_w + marker_w);
        let mut spans = vec![
            cell(&date, 10, base),
            Span::raw(" "),
            cell(&for_terminal(&meeting.forum), forum_w, base),
            Span::styled(fit_right(&format!("{}.", item.number), 4), base),
            Span::raw(" "),
        ];
        if new {
            spans.push(Span::styled("● ", t.new_marker));
        }
        spans.extend([
            cell(&for_terminal(&item.title), title_w, base),
            Span::raw(" "),
            Span::styled(fit_right(&hits, count_w), t.dimmed),
        ]);
        let s = if start + i == ft.cursor.selected {
            t.selection
        } else {
            t.base
        };
        lines.push(Line::from(fit_spans(spans, w)).style(s));
    }
    frame.render_widget(Paragraph::new(lines), list);
    if preview.height > 0 {
        draw_preview(frame, look, corpus, ft, preview);
    }
}

/// The selected result's hits, one line each: where (title or section) and the
/// line of text around the hit.
fn draw_preview(frame: &mut Frame, look: &Look, corpus: &Corpus, ft: &FullText, rect: Rect) {
    let Some(found) = ft.selected() else {
        return;
    };
    let t = &look.theme;
    let (meeting, item) = corpus.get(found.at);
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
    let hits = ft.preview();
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
        // Drawing never reads: a searched item's sections are in memory.
        let text = match hit.place {
            Place::Title => item.title.as_str(),
            Place::Section(i) => match item.sections.in_memory().and_then(|s| s.get(i)) {
                Some(section) => section.text.as_str(),
                None => continue,
            },
        };
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
