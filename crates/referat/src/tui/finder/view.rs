//! How the finder is drawn: the query line, then the matches with their
//! matched characters highlighted.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::Finder;
use crate::i18n::Msg;
use crate::tui::layout;
use crate::tui::look::Look;
use crate::tui::text::{fit_right, width};
use crate::tui::widgets::{
    fit_spans, highlighted, message_line, popup_block, popup_footer, prompt, rule_above,
};

/// Below this many columns the finder leaves out the date and forum.
const NARROW: usize = 64;

/// The finder: query line, separator, then matches with matched characters
/// highlighted: date, forum, item number, case number, title.
/// Rows that are new items of something followed (`is_new`) carry `●`
/// before their title.
pub fn draw(
    frame: &mut Frame,
    look: &Look,
    f: &Finder,
    is_new: &dyn Fn(referat_core::corpus::ItemRef) -> bool,
    area: Rect,
) {
    let t = &look.theme;
    let rect = layout::finder(area);
    let busy = if f.busy() { " …" } else { "" };
    let title = look.fill(Msg::FinderTitle, &[&f.matched(), &f.total()]);
    let block = popup_block(look, format!("{title}{busy}")).title_bottom(popup_footer(
        look,
        look.text(Msg::FinderFooter),
        rect,
    ));
    frame.render_widget(Clear, rect);
    frame.render_widget(block, rect);
    let (query_rect, list) = layout::finder_parts(rect);
    if query_rect.width == 0 || query_rect.height == 0 {
        return;
    }
    prompt(frame, look, f.query(), f.query_selected(), query_rect);
    if list.height == 0 {
        return;
    }
    rule_above(frame, list, t.dimmed);
    let w = usize::from(list.width);
    // Narrow, the title keeps its room: the date and forum columns go
    // first, and the case column takes at most a third.
    let narrow = w < NARROW;
    let date_w = if narrow { 0 } else { 10 };
    let forum_w = if narrow {
        0
    } else {
        f.rows()
            .iter()
            .map(|r| width(&r.forum.text))
            .max()
            .unwrap_or(0)
            .min(16)
    };
    let case_w = f
        .rows()
        .iter()
        .map(|r| width(&r.case.text))
        .max()
        .unwrap_or(0)
        .min(18)
        .min(w / 3);
    let mut lines = Vec::new();
    if f.matched() == 0 && !f.busy() {
        lines.push(message_line(look, look.text(Msg::FinderNoMatch), list));
    }
    for (n, row) in f.rows().iter().enumerate() {
        let selected = f.cursor.offset + n == f.cursor.selected;
        let base = if row.closed { t.dimmed } else { t.base };
        let hl = t.matched;
        let mut spans = Vec::new();
        if !narrow {
            spans.extend(highlighted(
                &row.date.text,
                &row.date.hits,
                date_w,
                base,
                hl,
            ));
            spans.push(Span::raw(" "));
            spans.extend(highlighted(
                &row.forum.text,
                &row.forum.hits,
                forum_w,
                base,
                hl,
            ));
        }
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
        let mut used = if narrow { 0 } else { date_w + 1 + forum_w } + 4 + 1 + case_w + 1;
        if is_new(row.at) {
            spans.push(Span::styled("● ", t.new_marker));
            used += 2;
        }
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
