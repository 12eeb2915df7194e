//! The message log (`M`): every message the status line has shown this
//! session, in full and in order, so that a message cut to the status
//! line's width, or gone with the next key, can still be read.
//!
//! A component like [`super::help`]: its state ([`MessageLog`]), its keys
//! ([`MessageLog::update`]) and its drawing ([`draw`]). The log itself is
//! kept by the app ([`Log`]).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};

use super::action::Action;
use super::help::Outcome;
use super::layout;
use super::list::{page_delta, scrolled};
use super::look::Look;
use super::widgets::{popup_block, popup_footer};
use crate::i18n::Msg;
use referat_core::sanitize::for_terminal;

/// How many messages the log keeps; the oldest go first.
const LIMIT: usize = 500;

/// Every message shown, oldest first; one shown twice in a row is kept once.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Log {
    messages: Vec<String>,
}

impl Log {
    /// Adds a message the status line shows.
    pub fn push(&mut self, message: &str) {
        if self.messages.last().map(String::as_str) == Some(message) {
            return;
        }
        if self.messages.len() == LIMIT {
            self.messages.remove(0);
        }
        self.messages.push(message.to_string());
    }

    /// The messages, oldest first.
    pub fn messages(&self) -> &[String] {
        &self.messages
    }
}

/// How far the log popup is scrolled.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct MessageLog {
    /// The first line shown.
    pub scroll: usize,
}

impl MessageLog {
    /// Opens on the newest messages: scrolled to the end of `lines`, with
    /// `height` lines on screen.
    pub fn at_end(lines: usize, height: usize) -> MessageLog {
        MessageLog {
            scroll: lines.saturating_sub(height),
        }
    }

    /// Applies a key's action, `height` lines being on screen.
    pub fn update(&mut self, action: Action, height: usize) -> Outcome {
        match action {
            Action::Back | Action::ShowMessages => Outcome::Close,
            other => {
                if let Some(delta) = page_delta(other, height) {
                    self.scroll_by(delta);
                }
                Outcome::Stay
            }
        }
    }

    /// Scrolls by `delta` lines, not above the top.
    pub fn scroll_by(&mut self, delta: isize) {
        self.scroll = scrolled(self.scroll, delta);
    }
}

/// Draws the log over `area`, each message wrapped to the width, the newest
/// at the bottom.
pub fn draw(frame: &mut Frame, look: &Look, log: &Log, state: &MessageLog, area: Rect) {
    let t = &look.theme;
    let rect = layout::wide(area);
    let title = look.fill(Msg::MessagesTitle, &[&log.messages().len()]);
    let block = popup_block(look, title).title_bottom(popup_footer(
        look,
        look.text(Msg::MessagesFooter),
        rect,
    ));
    let lines: Vec<Line> = if log.messages().is_empty() {
        vec![Line::from(Span::styled(
            look.text(Msg::NoMessages),
            t.dimmed,
        ))]
    } else {
        log.messages()
            .iter()
            .map(|m| Line::from(for_terminal(m).into_owned()))
            .collect()
    };
    let scroll = u16::try_from(state.scroll).unwrap_or(u16::MAX);
    frame.render_widget(Clear, rect);
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false })
            .scroll((scroll, 0)),
        rect,
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_log_keeps_each_message_once_in_a_row_and_only_the_newest() {
        let mut log = Log::default();
        log.push("a");
        log.push("a");
        log.push("b");
        log.push("a");
        assert_eq!(log.messages(), ["a", "b", "a"]);
        for n in 0..LIMIT {
            log.push(&n.to_string());
        }
        assert_eq!(log.messages().len(), LIMIT);
        assert_eq!(log.messages().last().map(String::as_str), Some("499"));
    }

    #[test]
    fn it_opens_at_the_end_scrolls_and_closes() {
        let mut state = MessageLog::at_end(30, 10);
        assert_eq!(state.scroll, 20);
        state.update(Action::Up, 10);
        assert_eq!(state.scroll, 19);
        assert_eq!(state.update(Action::ShowMessages, 10), Outcome::Close);
        assert_eq!(state.update(Action::Back, 10), Outcome::Close);
    }
}
