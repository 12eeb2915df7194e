//! The items pane's columns: how wide each would like to be, and how they
//! share a width that is too small.
//!
//! One place for this arithmetic, because two callers need it: the layout asks
//! how wide the items pane wants to be (so a focused items pane can take the
//! room its titles need), and the drawing asks how to cut the columns of the
//! width it got. The title is what tells items apart, so it is cut last: the
//! page reference goes first, then the case column shrinks to its tail (the
//! digits that differ), and only then is the title cut.

use crate::i18n::Msg;
use crate::tui::look::Look;
use crate::tui::text::width;
use referat_core::model::Item;

/// Decision marker (2 cells), right-aligned number (3) and a space.
pub const LEAD: usize = 2 + 3 + 1;
/// The narrowest case column worth showing: `…25-008774` still tells the
/// numbers of one meeting apart.
pub const CASE_MIN: usize = 10;
/// Under this many cells for the title, the case column is dropped altogether.
const TITLE_MIN: usize = 12;
/// The widest case column: longer labels are cut from the start.
const CASE_MAX: usize = 18;

/// What each column of one meeting's items would take to be shown whole.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ItemColumns {
    pub title: usize,
    pub case: usize,
    pub page: usize,
}

/// The cells each column gets; 0 means the column is not shown.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Fitted {
    pub title: usize,
    pub case: usize,
    pub page: usize,
}

/// The case column's text: the first case number, and `+N` for the others.
pub fn case_label(item: &Item) -> String {
    let mut case = item.case_numbers.first().cloned().unwrap_or_default();
    if item.case_numbers.len() > 1 {
        case.push_str(&format!(" +{}", item.case_numbers.len() - 1));
    }
    case
}

/// The page column's text, empty when the table of contents gave no page.
pub fn page_label(look: &Look, item: &Item) -> String {
    item.toc_page
        .map(|p| look.fill(Msg::PageShort, &[&p]))
        .unwrap_or_default()
}

/// The cells a column takes with the space before it; none when not shown.
fn gap(w: usize) -> usize {
    if w > 0 { w + 1 } else { 0 }
}

impl ItemColumns {
    /// The widest title, case label and page label of `items`.
    pub fn of(look: &Look, items: &[Item]) -> ItemColumns {
        let widest = |f: &dyn Fn(&Item) -> usize| items.iter().map(f).max().unwrap_or(0);
        ItemColumns {
            title: widest(&|i| width(&i.title)),
            case: widest(&|i| width(&case_label(i))).min(CASE_MAX),
            page: widest(&|i| width(&page_label(look, i))),
        }
    }

    /// The inner width (inside the borders) at which nothing is cut.
    pub fn wanted(&self) -> usize {
        LEAD + self.title + gap(self.case) + gap(self.page)
    }

    /// Shares `inner` cells between the columns: the title keeps what it
    /// needs for as long as the page, and then the case column's width, can
    /// give way.
    pub fn fit(&self, inner: usize) -> Fitted {
        let room = inner.saturating_sub(LEAD);
        let mut case = self.case;
        let mut page = self.page;
        if self.title + gap(case) + gap(page) > room {
            page = 0;
        }
        if self.title + gap(case) > room && case > 0 {
            let left = room.saturating_sub(self.title + 1);
            case = left.clamp(CASE_MIN.min(self.case), self.case);
            if room.saturating_sub(gap(case)) < TITLE_MIN {
                case = 0;
            }
        }
        Fitted {
            title: room.saturating_sub(gap(case) + gap(page)),
            case,
            page,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const AARHUS: ItemColumns = ItemColumns {
        title: 93,
        case: 15,
        page: 0,
    };

    #[test]
    fn everything_fits_when_there_is_room() {
        let c = ItemColumns {
            title: 40,
            case: 8,
            page: 6,
        };
        assert_eq!(c.wanted(), LEAD + 40 + 9 + 7);
        let f = c.fit(c.wanted());
        assert_eq!((f.title, f.case, f.page), (40, 8, 6));
        // Extra room goes to the title.
        assert_eq!(c.fit(c.wanted() + 5).title, 45);
    }

    #[test]
    fn the_page_goes_first_then_the_case_column_shrinks() {
        let c = ItemColumns {
            title: 40,
            case: 15,
            page: 6,
        };
        let f = c.fit(LEAD + 40 + 16);
        assert_eq!((f.title, f.case, f.page), (40, 15, 0));
        let f = c.fit(LEAD + 40 + 12);
        assert_eq!((f.title, f.case, f.page), (40, 11, 0));
        // At its narrowest the case column stays, and the title is cut.
        let f = c.fit(LEAD + 30);
        assert_eq!((f.title, f.case), (30 - CASE_MIN - 1, CASE_MIN));
    }

    #[test]
    fn a_narrow_pane_drops_the_case_column_before_the_title_goes() {
        let f = AARHUS.fit(LEAD + 20);
        assert_eq!((f.title, f.case), (20, 0));
        let f = AARHUS.fit(0);
        assert_eq!(f, Fitted::default());
    }

    #[test]
    fn short_case_numbers_are_never_widened() {
        let c = ItemColumns {
            title: 90,
            case: 7,
            page: 0,
        };
        let f = c.fit(LEAD + 40);
        assert_eq!((f.title, f.case), (32, 7));
    }
}
