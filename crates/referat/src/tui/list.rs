//! A selection plus a scroll offset, for every list in the browser.
//!
//! The offset lives in the state (not in a ratatui `ListState` mutated while
//! drawing) so drawing stays a pure function of the state and a mouse click can
//! be mapped to the row that is actually on screen.

use super::action::Action;

/// How far a moving key moves a list (or scrolls a text), given the rows on
/// screen: every list and scrolled popup moves by this one table.
pub fn page_delta(action: Action, height: usize) -> Option<isize> {
    let page = height.saturating_sub(1).max(1) as isize;
    let half = (height / 2).max(1) as isize;
    match action {
        Action::Down => Some(1),
        Action::Up => Some(-1),
        Action::PageDown => Some(page),
        Action::PageUp => Some(-page),
        Action::HalfPageDown => Some(half),
        Action::HalfPageUp => Some(-half),
        Action::Top => Some(isize::MIN / 2),
        Action::Bottom => Some(isize::MAX / 2),
        _ => None,
    }
}

/// `offset` moved by `delta` lines, not above the top: how the scrolled
/// popups (help, the message log) move.
pub fn scrolled(offset: usize, delta: isize) -> usize {
    (offset as isize).saturating_add(delta).max(0) as usize
}

/// Selected row and first visible row of a list.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ListCursor {
    pub selected: usize,
    pub offset: usize,
}

impl ListCursor {
    /// Keeps the selection inside `len` rows and visible in `height` rows.
    pub fn clamp(&mut self, len: usize, height: usize) {
        if len == 0 {
            *self = ListCursor::default();
            return;
        }
        self.selected = self.selected.min(len - 1);
        let height = height.max(1);
        if self.selected < self.offset {
            self.offset = self.selected;
        }
        if self.selected >= self.offset + height {
            self.offset = self.selected + 1 - height;
        }
        self.offset = self.offset.min(len.saturating_sub(height));
    }

    /// Keeps the selection inside `len` rows and the offset inside the list,
    /// the selection perhaps out of view (the wheel scrolled the list).
    pub fn clamp_offset(&mut self, len: usize, height: usize) {
        if len == 0 {
            *self = ListCursor::default();
            return;
        }
        self.selected = self.selected.min(len - 1);
        self.offset = self.offset.min(len.saturating_sub(height.max(1)));
    }

    /// Moves the selection by `delta` rows, stopping at either end.
    pub fn move_by(&mut self, delta: isize, len: usize) {
        if len == 0 {
            self.selected = 0;
            return;
        }
        let target = self.selected as isize + delta;
        self.selected = target.clamp(0, len as isize - 1) as usize;
    }

    /// The row shown at screen line `line` of the list, if there is one.
    pub fn row_at(&self, line: usize, len: usize) -> Option<usize> {
        let row = self.offset + line;
        (row < len).then_some(row)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clamp_keeps_the_selection_visible() {
        let mut c = ListCursor {
            selected: 10,
            offset: 0,
        };
        c.clamp(20, 5);
        assert_eq!((c.selected, c.offset), (10, 6));
        c.selected = 2;
        c.clamp(20, 5);
        assert_eq!(c.offset, 2);
        c.clamp(0, 5);
        assert_eq!(c, ListCursor::default());
        let mut c = ListCursor {
            selected: 3,
            offset: 3,
        };
        c.clamp(4, 0);
        assert_eq!((c.selected, c.offset), (3, 3));
    }

    #[test]
    fn move_by_stops_at_the_ends() {
        let mut c = ListCursor::default();
        c.move_by(-3, 4);
        assert_eq!(c.selected, 0);
        c.move_by(10, 4);
        assert_eq!(c.selected, 3);
    }
}
