//! The pieces every part of the browser draws with: cells cut to a width,
//! highlighted matches, message lines, and what every popup draws alike (its
//! frame, its query line, the rules between its parts). Below the panes
//! ([`super::ui`]) and the popups ([`super::finder`], [`super::fulltext`],
//! [`super::timeline`], [`super::help`]), which all draw with them.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Paragraph};

use super::look::Look;
use super::text::{char_width, fit, width};
use referat_core::sanitize::for_terminal;

/// Cuts `spans` to exactly `cells` cells: truncated (with `…`) or padded.
pub fn fit_spans(spans: Vec<Span<'static>>, cells: usize) -> Vec<Span<'static>> {
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
pub fn highlighted(
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
pub fn cell(text: &str, cells: usize, s: Style) -> Span<'static> {
    Span::styled(fit(text, cells), s)
}

/// A blank-padded line of `rect`'s width, for messages inside a pane.
pub fn message_line(look: &Look, text: &str, rect: Rect) -> Line<'static> {
    Line::from(cell(text, usize::from(rect.width), look.theme.dimmed))
}

/// A popup's frame: double border, bold title.
pub fn popup_block(look: &Look, title: String) -> Block<'static> {
    Block::bordered()
        .border_type(BorderType::Double)
        .border_style(look.border(true))
        .title(Line::from(Span::styled(
            format!(" {title} "),
            look.theme.bold,
        )))
}

/// A popup's footer of keys, at the right of its bottom border: cut at its
/// end to the border's width, so what fits reads from its start.
pub fn popup_footer(look: &Look, text: &str, rect: Rect) -> Line<'static> {
    let room = usize::from(rect.width).saturating_sub(4);
    Line::from(Span::styled(
        format!(" {} ", crate::tui::text::truncate(text, room)),
        look.theme.dimmed,
    ))
    .alignment(ratatui::layout::Alignment::Right)
}

/// What a list popup shows: its frame's title and footer of keys, a line for
/// when it has no rows, and its rows and cursor.
pub struct ListPopup<'a> {
    pub title: String,
    pub footer: &'a str,
    pub empty: Option<&'a str>,
    pub len: usize,
    pub cursor: crate::tui::list::ListCursor,
}

/// Draws a list popup over `rect`: the frame, then for each row in view the
/// spans `row(index, width)` gives, cut to the width, the cursor's row
/// selected. The one drawing of the problems, filter and watch list popups.
pub fn list_popup(
    frame: &mut Frame,
    look: &Look,
    rect: Rect,
    popup: ListPopup<'_>,
    row: impl Fn(usize, usize) -> Vec<Span<'static>>,
) {
    let t = &look.theme;
    let block = popup_block(look, popup.title).title_bottom(popup_footer(look, popup.footer, rect));
    let inner = crate::tui::layout::inner(rect);
    let w = usize::from(inner.width);
    let mut lines = Vec::new();
    if let (0, Some(empty)) = (popup.len, popup.empty) {
        lines.push(Line::from(Span::styled(empty.to_string(), t.dimmed)));
    }
    let start = popup.cursor.offset.min(popup.len);
    for n in (start..popup.len).take(usize::from(inner.height)) {
        let style = if n == popup.cursor.selected {
            t.selection
        } else {
            t.base
        };
        lines.push(Line::from(fit_spans(row(n, w), w)).style(style));
    }
    frame.render_widget(ratatui::widgets::Clear, rect);
    frame.render_widget(Paragraph::new(lines).block(block), rect);
}

/// The query line of a popup: `› query` and the cursor after it.
/// A `selected` query (reopened, to be replaced by typing) is shown selected.
pub fn prompt(frame: &mut Frame, look: &Look, query: &str, selected: bool, rect: Rect) {
    let query = for_terminal(query).into_owned();
    let qw = usize::from(rect.width);
    let cursor_x = 2 + width(&query);
    let style = if selected {
        look.theme.selection
    } else {
        Style::default()
    };
    let spans = vec![
        Span::styled("› ", look.theme.bold),
        Span::styled(query, style),
    ];
    frame.render_widget(Paragraph::new(Line::from(fit_spans(spans, qw))), rect);
    if cursor_x < qw {
        frame.set_cursor_position(Position::new(rect.x + cursor_x as u16, rect.y));
    }
}

/// A horizontal rule on the line above `part`, separating a popup's parts.
pub fn rule_above(frame: &mut Frame, part: Rect, style: Style) {
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
