//! The help overlay (`?`): every key binding, generated from the key table
//! with the descriptions the bindings carry, scrollable.
//!
//! A component like [`super::timeline`]: its state ([`Help`]), what a key
//! does in it ([`Help::update`]) and its drawing ([`draw`]).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::action::Action;
use super::keys::KeyTable;
use super::layout;
use super::list::{page_delta, scrolled};
use super::look::Look;
use super::text::fit;
use super::widgets::{fit_spans, popup_block, popup_footer};
use crate::i18n::Msg;

/// How far the help is scrolled.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Help {
    /// The first line shown.
    pub scroll: usize,
}

/// What a key in the help asks of the app.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// The help stays open (it may have scrolled).
    Stay,
    /// Close it.
    Close,
}

impl Help {
    /// Applies a key's action, `height` lines being on screen.
    pub fn update(&mut self, action: Action, height: usize) -> Outcome {
        match action {
            Action::Back | Action::ToggleHelp => Outcome::Close,
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

    /// Keeps the last page full: `lines` in all, `height` on screen.
    pub fn clamp(&mut self, lines: usize, height: usize) {
        self.scroll = self.scroll.min(lines.saturating_sub(height));
    }
}

/// Draws the help over `area`, with a hint when more lines follow.
pub fn draw(frame: &mut Frame, look: &Look, keys: &KeyTable, help: &Help, area: Rect) {
    let t = &look.theme;
    let scroll = help.scroll;
    let rect = layout::wide(area);
    let all = keys.help_lines(look.lang);
    let inner = layout::inner(rect);
    let height = usize::from(inner.height);
    let more = all.len() > scroll + height;
    let mut block = popup_block(look, look.text(Msg::HelpTitle).to_string());
    let hint = look.text(if more {
        Msg::HelpFooterMore
    } else {
        Msg::HelpFooter
    });
    block = block.title_bottom(popup_footer(look, hint, rect));
    let w = usize::from(inner.width);
    let key_w = 22.min(w / 2);
    let lines: Vec<Line> = all
        .iter()
        .skip(scroll)
        .take(height)
        .map(|(keys, desc)| match keys {
            None => Line::from(Span::styled(fit(desc, w), t.heading)),
            Some(k) => Line::from(fit_spans(
                vec![
                    Span::styled(fit(&format!("  {k}"), key_w), t.bold),
                    Span::raw(desc.clone()),
                ],
                w,
            )),
        })
        .collect();
    frame.render_widget(Clear, rect);
    frame.render_widget(Paragraph::new(lines).block(block), rect);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn it_scrolls_within_its_lines_and_closes() {
        let mut help = Help::default();
        assert_eq!(help.update(Action::Up, 10), Outcome::Stay);
        assert_eq!(help.scroll, 0, "not above the top");
        help.update(Action::PageDown, 10);
        assert_eq!(help.scroll, 9);
        help.clamp(12, 10);
        assert_eq!(help.scroll, 2, "the last page stays full");
        assert_eq!(help.update(Action::ToggleHelp, 10), Outcome::Close);
        assert_eq!(help.update(Action::Back, 10), Outcome::Close);
    }
}
