//! What every popup draws alike: its frame, its query line and the rules
//! between its parts. Each popup draws itself with these: the finder
//! ([`crate::tui::finder`]), full-text search ([`crate::tui::fulltext`]), the
//! case timeline ([`crate::tui::timeline`]) and help ([`crate::tui::help`]).

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Paragraph};

use super::fit_spans;
use crate::tui::look::Look;
use crate::tui::text::width;
use referat_core::sanitize::for_terminal;

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
pub(in crate::tui) fn prompt(frame: &mut Frame, look: &Look, query: &str, rect: Rect) {
    let query = for_terminal(query).into_owned();
    let qw = usize::from(rect.width);
    let cursor_x = 2 + width(&query);
    let spans = vec![Span::styled("› ", look.theme.bold), Span::raw(query)];
    frame.render_widget(Paragraph::new(Line::from(fit_spans(spans, qw))), rect);
    if cursor_x < qw {
        frame.set_cursor_position(Position::new(rect.x + cursor_x as u16, rect.y));
    }
}

/// A horizontal rule on the line above `part`, separating a popup's parts.
pub(in crate::tui) fn rule_above(frame: &mut Frame, part: Rect, style: Style) {
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
