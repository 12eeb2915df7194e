//! The watch list (`W`): everything followed, each with how many of its items
//! are new; Enter opens one (a case's timeline, a search's results, a forum's
//! newest item) and `x` stops following it.
//!
//! A component like [`super::problems`]: its state ([`WatchPopup`], built
//! when it opens and again after a change), its keys ([`WatchPopup::update`])
//! and its drawing ([`draw`]).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Span;

use super::action::Action;
use super::following::Following;
use super::layout;
use super::list::{ListCursor, page_delta};
use super::look::Look;
use super::text::fit_right;
use super::widgets::{ListPopup, cell, list_popup};
use crate::follow::Follow;
use crate::i18n::Msg;
use referat_core::sanitize::for_terminal;

/// One followed thing as the popup shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WatchRow {
    pub id: u32,
    pub follow: Follow,
    pub label: String,
    /// How many of its items are not seen.
    pub new: usize,
}

/// The watch list popup.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WatchPopup {
    pub rows: Vec<WatchRow>,
    pub cursor: ListCursor,
}

/// What a key in the watch list asks of the app.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Stay,
    Close,
    /// Show what this follow matches.
    Open(Follow),
    /// Stop following this id.
    Remove(u32),
}

impl WatchPopup {
    /// The rows of `following`, the cursor on row `selected` (kept in range).
    pub fn of(following: &Following, selected: usize) -> WatchPopup {
        let rows: Vec<WatchRow> = following
            .list()
            .follows
            .iter()
            .map(|f| WatchRow {
                id: f.id,
                follow: f.follow.clone(),
                label: f.follow.label(),
                new: following.new_of(f.id),
            })
            .collect();
        let selected = selected.min(rows.len().saturating_sub(1));
        WatchPopup {
            rows,
            cursor: ListCursor {
                selected,
                offset: 0,
            },
        }
    }

    /// Applies a key's action, `height` rows being on screen.
    pub fn update(&mut self, action: Action, height: usize) -> Outcome {
        let selected = self.rows.get(self.cursor.selected);
        match action {
            Action::Enter => selected.map_or(Outcome::Stay, |r| Outcome::Open(r.follow.clone())),
            Action::Unfollow => selected.map_or(Outcome::Stay, |r| Outcome::Remove(r.id)),
            Action::Back | Action::WatchList => Outcome::Close,
            other => {
                if let Some(delta) = page_delta(other, height) {
                    self.cursor.move_by(delta, self.rows.len());
                }
                Outcome::Stay
            }
        }
    }
}

/// Draws the popup over `area`: what is followed, each with its count of new
/// items (and `●` when it has some).
pub fn draw(frame: &mut Frame, look: &Look, popup: &WatchPopup, area: Rect) {
    let t = &look.theme;
    let list = ListPopup {
        title: look.fill(Msg::WatchTitle, &[&popup.rows.len()]),
        footer: look.text(Msg::WatchFooter),
        empty: Some(look.text(Msg::WatchEmpty)),
        len: popup.rows.len(),
        cursor: popup.cursor,
    };
    list_popup(frame, look, layout::wide(area), list, |n, w| {
        let row = &popup.rows[n];
        let (marker, count) = if row.new > 0 {
            ("● ", look.fill(Msg::WatchNew, &[&row.new]))
        } else {
            ("  ", String::new())
        };
        let count_w = count.chars().count().max(1);
        vec![
            Span::styled(marker, t.new_marker),
            Span::styled(fit_right(&row.id.to_string(), 3), t.dimmed),
            Span::raw(" "),
            cell(
                &for_terminal(&row.label),
                w.saturating_sub(2 + 3 + 1 + 1 + count_w),
                t.base,
            ),
            Span::raw(" "),
            Span::styled(fit_right(&count, count_w), t.new_marker),
        ]
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::follow::WatchList;
    use referat_core::corpus::Corpus;

    #[test]
    fn it_lists_follows_with_new_counts_and_its_keys_open_remove_or_close() {
        let corpus = Corpus::bundled();
        let mut following = Following::in_memory(WatchList::default());
        following.toggle_case(&corpus, "24/24964").unwrap();
        let mut popup = WatchPopup::of(&following, 5);
        assert_eq!(popup.rows.len(), 1);
        assert_eq!(popup.cursor.selected, 0, "kept in range");
        assert_eq!(popup.rows[0].label, "case 24/24964");
        assert_eq!(popup.rows[0].new, 0);
        assert_eq!(
            popup.update(Action::Enter, 10),
            Outcome::Open(Follow::case("24/24964"))
        );
        assert_eq!(popup.update(Action::Unfollow, 10), Outcome::Remove(1));
        assert_eq!(popup.update(Action::Back, 10), Outcome::Close);
        assert_eq!(popup.update(Action::Down, 10), Outcome::Stay);
    }
}
