//! Where each pane and popup goes for a terminal size.
//!
//! Both the state (to clamp scrolling and map mouse clicks) and the drawing code
//! need the same rectangles, so they are computed here from the terminal size and
//! the focus alone. All arithmetic saturates: tiny terminals are where TUIs crash.

use ratatui::layout::Rect;

use super::app::Focus;

/// Lines longer than this are hard to read; wider panes leave a margin.
pub const MAX_TEXT_WIDTH: u16 = 110;
/// The widest detail pane worth giving: the text, its scroll bar and borders.
const DETAIL_NEED: u16 = MAX_TEXT_WIDTH + 1 + 2;

/// From this width all three panes are shown.
pub const THREE_PANES: u16 = 100;
/// From this width two panes are shown; below it only the focused one.
pub const TWO_PANES: u16 = 60;

/// The rectangles of one frame. A pane that does not fit is `None`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Panes {
    pub meetings: Option<Rect>,
    pub items: Option<Rect>,
    pub detail: Option<Rect>,
    pub status: Rect,
}

impl Panes {
    pub fn get(&self, focus: Focus) -> Option<Rect> {
        match focus {
            Focus::Meetings => self.meetings,
            Focus::Items => self.items,
            Focus::Detail => self.detail,
        }
    }

    /// The pane under a screen position.
    pub fn at(&self, column: u16, row: u16) -> Option<Focus> {
        [Focus::Meetings, Focus::Items, Focus::Detail]
            .into_iter()
            .find(|&f| self.get(f).is_some_and(|r| contains(r, column, row)))
    }
}

pub fn contains(r: Rect, column: u16, row: u16) -> bool {
    column >= r.x
        && column < r.x.saturating_add(r.width)
        && row >= r.y
        && row < r.y.saturating_add(r.height)
}

/// The area inside a one-cell border.
pub fn inner(r: Rect) -> Rect {
    Rect {
        x: r.x.saturating_add(1),
        y: r.y.saturating_add(1),
        width: r.width.saturating_sub(2),
        height: r.height.saturating_sub(2),
    }
}

/// What the panes would like, besides the focus: whether the focused pane is
/// zoomed to the whole width, and how wide the items pane would have to be to
/// show every title whole (borders included; see
/// [`ItemColumns`](super::columns::ItemColumns)).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Wants {
    pub zoom: bool,
    pub items: u16,
}

/// The narrowest detail pane beside a focused list: enough to glance at.
pub const DETAIL_BESIDE: u16 = 32;

/// Splits the screen: panes above, one status line below.
///
/// Under [`THREE_PANES`] columns the focused pane and its most useful neighbour
/// are shown; under [`TWO_PANES`] only the focused pane, and only it when
/// zoomed. Widths follow the focus: a focused list lets the items pane grow
/// to what its titles need (leaving the detail [`DETAIL_BESIDE`]); beside a
/// focused detail pane the items pane has its usual width, or more where the
/// text could not use the room (it is wrapped at [`MAX_TEXT_WIDTH`]).
pub fn panes(area: Rect, focus: Focus, wants: Wants) -> Panes {
    let status_h = area.height.min(1);
    let main = Rect {
        height: area.height.saturating_sub(status_h),
        ..area
    };
    let status = Rect {
        y: area.y.saturating_add(main.height),
        height: status_h,
        ..area
    };
    let mut p = Panes {
        status,
        ..Panes::default()
    };
    if main.height == 0 || main.width == 0 {
        return p;
    }
    let w = main.width;
    let split = |left: u16| -> (Rect, Rect) {
        let left = left.min(w);
        (
            Rect {
                width: left,
                ..main
            },
            Rect {
                x: main.x.saturating_add(left),
                width: w.saturating_sub(left),
                ..main
            },
        )
    };
    if wants.zoom || w < TWO_PANES {
        match focus {
            Focus::Meetings => p.meetings = Some(main),
            Focus::Items => p.items = Some(main),
            Focus::Detail => p.detail = Some(main),
        }
    } else if w >= THREE_PANES {
        let meetings_w = (w / 5).clamp(28, 34);
        let rest = w.saturating_sub(meetings_w);
        let usual = (w * 3 / 10).clamp(30, 56);
        let items_w = if focus == Focus::Detail {
            rest.saturating_sub(DETAIL_NEED).max(usual)
        } else {
            wants
                .items
                .clamp(usual, rest.saturating_sub(DETAIL_BESIDE).max(usual))
        };
        let (meetings, rest) = split(meetings_w);
        let left = items_w.min(rest.width);
        p.meetings = Some(meetings);
        p.items = Some(Rect {
            width: left,
            ..rest
        });
        p.detail = Some(Rect {
            x: rest.x.saturating_add(left),
            width: rest.width.saturating_sub(left),
            ..rest
        });
    } else {
        let usual = w * 2 / 5;
        match focus {
            Focus::Meetings => {
                let (left, right) = split(usual);
                p.meetings = Some(left);
                p.items = Some(right);
            }
            Focus::Items => {
                let (left, right) = split(wants.items.clamp(usual, w * 3 / 5));
                p.items = Some(left);
                p.detail = Some(right);
            }
            Focus::Detail => {
                let (left, right) = split(usual);
                p.items = Some(left);
                p.detail = Some(right);
            }
        }
    }
    p
}

/// A popup of at most `max_w`×`max_h` cells, centred, never larger than the
/// screen minus a one-cell margin (or the whole screen when that is all there is).
pub fn popup(area: Rect, max_w: u16, max_h: u16) -> Rect {
    // The status line, the last row, stays visible under every popup.
    let area = Rect {
        height: area.height.saturating_sub(1).max(area.height.min(1)),
        ..area
    };
    let margin = |len: u16| if len > 10 { len - 2 } else { len };
    let width = max_w.min(margin(area.width));
    let height = max_h.min(margin(area.height));
    Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    }
}

/// The finder popup: wide, most of the height.
pub fn finder(area: Rect) -> Rect {
    popup(area, 120, (area.height.saturating_mul(4) / 5).max(10))
}

/// The case timeline popup: as tall as its `rows` (plus borders), up to most of
/// the screen.
pub fn timeline(area: Rect, rows: usize) -> Rect {
    let wanted = u16::try_from(rows)
        .unwrap_or(u16::MAX)
        .saturating_add(2)
        .max(5);
    popup(
        area,
        130,
        wanted.min((area.height.saturating_mul(4) / 5).max(5)),
    )
}

/// The meeting page: wide, for the titles of its contents.
pub fn meeting_page(area: Rect) -> Rect {
    popup(area, 120, area.height)
}

/// The help overlay (and the other popups of short rows).
pub fn help(area: Rect) -> Rect {
    popup(area, 76, area.height)
}

/// The popups of long rows, paths and messages: as wide as the help at
/// least, most of a wide screen.
pub fn wide(area: Rect) -> Rect {
    popup(
        area,
        (area.width.saturating_mul(9) / 10).clamp(76, 160),
        area.height,
    )
}

/// Inside the finder popup: the query line and the list of matches below it.
pub fn finder_parts(popup: Rect) -> (Rect, Rect) {
    let inner = inner(popup);
    let query = Rect {
        height: inner.height.min(1),
        ..inner
    };
    let list = Rect {
        y: inner.y.saturating_add(query.height.saturating_add(1)),
        height: inner.height.saturating_sub(2),
        ..inner
    };
    (query, list)
}

/// The full-text search popup: as the finder, a little taller for the preview.
pub fn fulltext(area: Rect) -> Rect {
    popup(area, 130, (area.height.saturating_mul(9) / 10).max(12))
}

/// Inside the full-text popup: the query line, the results, and the preview of
/// the selected result below them (each after a one-row rule).
pub fn fulltext_parts(popup: Rect) -> (Rect, Rect, Rect) {
    let (query, below) = finder_parts(popup);
    // The preview gets about two fifths, at least three rows when there is room.
    let preview_h = (below.height * 2 / 5).max(below.height.min(3));
    let list_h = below.height.saturating_sub(preview_h.saturating_add(1));
    let list = Rect {
        height: list_h,
        ..below
    };
    let preview = Rect {
        y: below
            .y
            .saturating_add(list_h.saturating_add(1))
            .min(below.y.saturating_add(below.height)),
        height: below.height.saturating_sub(list_h.saturating_add(1)),
        ..below
    };
    (query, list, preview)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn three_two_and_one_pane() {
        let p = panes(Rect::new(0, 0, 120, 40), Focus::Items, Wants::default());
        assert!(p.meetings.is_some() && p.items.is_some() && p.detail.is_some());
        let total: u16 = [p.meetings, p.items, p.detail]
            .iter()
            .flatten()
            .map(|r| r.width)
            .sum();
        assert_eq!(total, 120);
        let p = panes(Rect::new(0, 0, 80, 40), Focus::Meetings, Wants::default());
        assert!(p.meetings.is_some() && p.items.is_some() && p.detail.is_none());
        let p = panes(Rect::new(0, 0, 80, 40), Focus::Detail, Wants::default());
        assert!(p.meetings.is_none() && p.items.is_some() && p.detail.is_some());
        let p = panes(Rect::new(0, 0, 59, 40), Focus::Detail, Wants::default());
        assert_eq!(p.detail, Some(Rect::new(0, 0, 59, 39)));
        assert_eq!(p.status, Rect::new(0, 39, 59, 1));
    }

    #[test]
    fn a_focused_list_gives_the_items_pane_the_room_its_titles_need() {
        let wants = Wants {
            zoom: false,
            items: 80,
        };
        let area = Rect::new(0, 0, 200, 60);
        let p = panes(area, Focus::Items, wants);
        assert_eq!(p.items.unwrap().width, 80);
        // Titles that fit in the usual width get the usual width.
        let short = Wants {
            zoom: false,
            items: 20,
        };
        assert_eq!(panes(area, Focus::Items, short).items.unwrap().width, 56);
        // On a narrower screen the detail pane keeps enough to glance at.
        let area = Rect::new(0, 0, 130, 35);
        let p = panes(area, Focus::Items, wants);
        assert_eq!(p.detail.unwrap().width, DETAIL_BESIDE);
        assert_eq!(p.items.unwrap().width, 130 - 28 - DETAIL_BESIDE);
        // Two panes: the items pane may take up to three fifths.
        let p = panes(Rect::new(0, 0, 80, 24), Focus::Items, wants);
        assert_eq!(p.items.unwrap().width, 48);
    }

    #[test]
    fn a_focused_detail_pane_takes_what_its_text_can_use() {
        let wants = Wants {
            zoom: false,
            items: 120,
        };
        let p = panes(Rect::new(0, 0, 200, 60), Focus::Detail, wants);
        assert_eq!(p.detail.unwrap().width, 200 - 34 - 56);
        let p = panes(Rect::new(0, 0, 130, 35), Focus::Detail, wants);
        assert_eq!(p.items.unwrap().width, 39);
        // Very wide: what the text cannot use goes to the items.
        let p = panes(Rect::new(0, 0, 300, 60), Focus::Detail, wants);
        assert_eq!(p.detail.unwrap().width, MAX_TEXT_WIDTH + 3);
    }

    #[test]
    fn zoom_shows_the_focused_pane_alone_at_any_width() {
        let wants = Wants {
            zoom: true,
            items: 0,
        };
        for f in [Focus::Meetings, Focus::Items, Focus::Detail] {
            let p = panes(Rect::new(0, 0, 200, 60), f, wants);
            assert_eq!(p.get(f), Some(Rect::new(0, 0, 200, 59)));
            let shown = [p.meetings, p.items, p.detail].iter().flatten().count();
            assert_eq!(shown, 1);
        }
    }

    #[test]
    fn tiny_sizes_do_not_underflow() {
        for (w, h) in [(0, 0), (1, 1), (2, 1), (1, 2), (10, 3)] {
            let area = Rect::new(0, 0, w, h);
            for f in [Focus::Meetings, Focus::Items, Focus::Detail] {
                let p = panes(area, f, Wants::default());
                assert!(p.status.height <= h);
            }
            let r = finder(area);
            assert!(r.width <= w && r.height <= h);
            let _ = finder_parts(r);
            let _ = help(area);
            let r = fulltext(area);
            assert!(r.width <= w && r.height <= h);
            let (q, l, p) = fulltext_parts(r);
            assert!(q.height + l.height + p.height <= r.height);
        }
    }
}
