//! The case timeline (`c`): every item that shares a case number with one
//! item, and the earlier meetings their case histories (`Sagsforløb`) name,
//! oldest first, each with the first line of its decision.
//!
//! A component in the manner of gitui's: this module owns the timeline's
//! state ([`Timeline`]), how it opens ([`Timeline::open`]), what a key does
//! in it ([`Timeline::update`], which answers with an [`Outcome`] for the
//! app to carry out) and how it is drawn ([`draw`]). The app only holds it
//! as a popup and routes the timeline's context to it.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::action::Action;
use super::layout;
use super::list::ListCursor;
use super::list::page_delta;
use super::look::Look;
use super::text::{fit_right, width};
use super::widgets::{cell, fit_spans, popup_block, popup_footer};
use crate::i18n::Msg;
use referat_core::corpus::{Corpus, ItemRef, TimelineEntry};
use referat_core::model::first_line;
use referat_core::sanitize::for_terminal;

/// One row of the case timeline, owned (the corpus's `TimelineEntry` borrows).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimelineRow {
    /// An item of a loaded meeting.
    Item(ItemRef),
    /// A meeting known only from entry `entry` of the case history (`Sagsforløb`)
    /// of the loaded item `via`.
    History { via: ItemRef, entry: usize },
    /// An item that does not carry the case but names it in its text
    /// ([`referat_core::mentions`]): "mentioned in".
    Mention(ItemRef),
}

impl TimelineRow {
    /// The loaded item Enter leads to.
    pub fn target(self) -> ItemRef {
        match self {
            TimelineRow::Item(at)
            | TimelineRow::History { via: at, .. }
            | TimelineRow::Mention(at) => at,
        }
    }
}

/// The case timeline: every item sharing a case number with one item, and the
/// earlier meetings their case histories name, oldest first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Timeline {
    /// The case numbers followed, for the title.
    pub cases: String,
    pub rows: Vec<TimelineRow>,
    /// The first line of each loaded row's decision, read when the timeline
    /// opened, so that drawing it never reads sections from the disk.
    pub decisions: Vec<Option<String>>,
    /// The item the timeline was opened from.
    pub origin: ItemRef,
    pub cursor: ListCursor,
    /// Per row, whether its item is new (followed, not seen): marked `●`.
    /// All false when opened; the app, which knows the watch list, sets it.
    pub new: Vec<bool>,
}

/// What a key in the timeline asks of the app.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Nothing beyond the timeline itself changed (the cursor moved).
    Stay,
    /// Close the timeline.
    Close,
    /// Close it and show this item; `loaded: false` for a row known only
    /// from a case history, which opens the item that named it.
    Open { at: ItemRef, loaded: bool },
}

impl Timeline {
    /// The timeline of the item `at`: its case numbers' items and their
    /// histories, the cursor on `at` itself. The rows' decision lines are
    /// read here, once, not while drawing. `Err` with the item's number when
    /// it has no case number to follow.
    pub fn open(corpus: &Corpus, at: ItemRef) -> Result<Timeline, u32> {
        let (_, item) = corpus.get(at);
        if item.case_numbers.is_empty() {
            return Err(item.number);
        }
        let rows: Vec<TimelineRow> = corpus
            .item_timeline(at)
            .into_iter()
            .map(|entry| match entry {
                TimelineEntry::Item(r) => TimelineRow::Item(r),
                TimelineEntry::History { entry, via } => {
                    let history = &corpus.get(via).1.history;
                    let index = history
                        .iter()
                        .position(|h| std::ptr::eq(h, entry))
                        .unwrap_or(0);
                    TimelineRow::History { via, entry: index }
                }
            })
            .collect();
        // The items that name one of the cases in their text, after the
        // timeline proper, oldest first.
        let mut rows = rows;
        let mut mentions: Vec<ItemRef> = item
            .case_numbers
            .iter()
            .flat_map(|case| referat_core::mentions::of_case(corpus, case))
            .filter(|m| !rows.iter().any(|r| r.target() == *m))
            .collect();
        mentions.sort_by_key(|m| corpus.order_key(*m));
        mentions.dedup();
        rows.extend(mentions.into_iter().map(TimelineRow::Mention));
        let selected = rows
            .iter()
            .position(|&r| r == TimelineRow::Item(at))
            .unwrap_or(0);
        let decisions = rows
            .iter()
            .map(|row| match row {
                TimelineRow::Item(at) | TimelineRow::Mention(at) => {
                    corpus.get(*at).1.decision_summary().map(str::to_string)
                }
                TimelineRow::History { .. } => None,
            })
            .collect();
        Ok(Timeline {
            cases: item.case_numbers.join(", "),
            new: vec![false; rows.len()],
            rows,
            decisions,
            origin: at,
            cursor: ListCursor {
                selected,
                offset: 0,
            },
        })
    }

    /// Applies a key's action, `height` rows being on screen.
    pub fn update(&mut self, action: Action, height: usize) -> Outcome {
        match action {
            Action::Enter => match self.rows.get(self.cursor.selected) {
                Some(&row) => Outcome::Open {
                    at: row.target(),
                    loaded: !matches!(row, TimelineRow::History { .. }),
                },
                None => Outcome::Stay,
            },
            Action::Back => Outcome::Close,
            other => {
                if let Some(delta) = page_delta(other, height) {
                    self.cursor.move_by(delta, self.rows.len());
                }
                Outcome::Stay
            }
        }
    }
}

/// Draws the timeline over `area`: date, forum, item number, title and the
/// first line of the decision; the item it was opened from is marked `•`,
/// rows known only from a case history are dimmed.
pub fn draw(frame: &mut Frame, look: &Look, corpus: &Corpus, t: &Timeline, area: Rect) {
    let th = &look.theme;
    let rect = layout::timeline(area, t.rows.len());
    let n = t.rows.len();
    let title = look.fill(
        Msg::TimelineTitle,
        &[
            &for_terminal(&t.cases),
            &look.count(n, Msg::ItemsOne, Msg::ItemsMany),
        ],
    );
    let block = popup_block(look, title).title_bottom(popup_footer(
        look,
        look.text(Msg::TimelineFooter),
        rect,
    ));
    frame.render_widget(Clear, rect);
    let inner = layout::inner(rect);
    let w = usize::from(inner.width);
    // What each row shows: date, forum, item number, title, decision summary.
    struct Shown {
        date: String,
        forum: String,
        number: String,
        title: String,
        decision: Option<String>,
        loaded: bool,
        closed: bool,
    }
    let shown: Vec<Shown> = t
        .rows
        .iter()
        .zip(&t.decisions)
        .map(|(&row, decision)| match row {
            TimelineRow::Item(at) | TimelineRow::Mention(at) => {
                let (meeting, item) = corpus.get(at);
                let title = for_terminal(&item.title).into_owned();
                Shown {
                    date: look.date(meeting.date),
                    forum: for_terminal(&meeting.forum).into_owned(),
                    number: format!("{}.", item.number),
                    title: if matches!(row, TimelineRow::Mention(_)) {
                        look.fill(Msg::MentionedIn, &[&title])
                    } else {
                        title
                    },
                    decision: decision.as_deref().map(|d| for_terminal(d).into_owned()),
                    loaded: true,
                    closed: item.closed,
                }
            }
            TimelineRow::History { via, entry } => {
                let (_, item) = corpus.get(via);
                let h = item.history.get(entry);
                let first = h.and_then(|h| first_line(&h.text));
                Shown {
                    date: look.date(h.and_then(|h| h.date)),
                    forum: h
                        .map(|h| for_terminal(&h.forum).into_owned())
                        .unwrap_or_default(),
                    number: h
                        .and_then(|h| h.number)
                        .map(|n| format!("{n}."))
                        .unwrap_or_default(),
                    title: look.fill(Msg::NotLoaded, &[&for_terminal(&item.title)]),
                    decision: first.map(|d| for_terminal(d).into_owned()),
                    loaded: false,
                    closed: false,
                }
            }
        })
        .collect();
    let forum_w = shown
        .iter()
        .map(|s| width(&s.forum))
        .max()
        .unwrap_or(0)
        .min(16);
    let fixed = 2 + 10 + 1 + forum_w + 4 + 1;
    let rest = w.saturating_sub(fixed);
    let title_w = (rest * 45 / 100).max(rest.min(12));
    let decision_w = rest.saturating_sub(title_w + 3);
    let start = t.cursor.offset.min(t.rows.len());
    let end = (start + usize::from(inner.height)).min(t.rows.len());
    let mut lines = Vec::new();
    for (n, row) in shown[start..end].iter().enumerate() {
        let base = if row.closed || !row.loaded {
            th.dimmed
        } else {
            th.base
        };
        let (marker, marker_style) = if t.new.get(start + n) == Some(&true) {
            ("● ", th.new_marker)
        } else if t.rows[start + n] == TimelineRow::Item(t.origin) {
            ("• ", th.bold)
        } else {
            ("  ", th.bold)
        };
        let mut spans = vec![
            Span::styled(marker, marker_style),
            cell(&row.date, 10, base),
            Span::raw(" "),
            cell(&row.forum, forum_w, base),
            Span::styled(fit_right(&row.number, 4), base),
            Span::raw(" "),
            cell(&row.title, title_w, base),
        ];
        if decision_w > 0 {
            spans.push(Span::styled(" ▌ ", th.decision_marker));
            match &row.decision {
                Some(d) => spans.push(cell(d, decision_w, base)),
                None => spans.push(cell(look.text(Msg::NoDecisionShort), decision_w, th.dimmed)),
            }
        }
        let s = if start + n == t.cursor.selected {
            th.selection
        } else {
            th.base
        };
        lines.push(Line::from(fit_spans(spans, w)).style(s));
    }
    frame.render_widget(Paragraph::new(lines).block(block), rect);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The bundled sample's first item carrying `case`, and the corpus.
    fn item_with(case: &str) -> (Corpus, ItemRef) {
        let corpus = Corpus::bundled();
        let at = corpus.case(case)[0];
        (corpus, at)
    }

    #[test]
    fn it_opens_on_its_item_oldest_first_with_decisions_read_once() {
        let (corpus, at) = item_with("24/24964");
        let t = Timeline::open(&corpus, at).unwrap();
        assert_eq!(t.cases, "24/24964");
        assert_eq!(t.rows[t.cursor.selected], TimelineRow::Item(at));
        assert_eq!(t.decisions.len(), t.rows.len());
        let keys: Vec<_> = t
            .rows
            .iter()
            .map(|r| corpus.order_key(r.target()))
            .collect();
        assert!(keys.windows(2).all(|w| w[0] <= w[1]), "{keys:?}");
    }

    #[test]
    fn an_item_without_a_case_number_has_no_timeline() {
        let mut meetings = Corpus::bundled().into_meetings();
        meetings[0].items[0].case_numbers.clear();
        let number = meetings[0].items[0].number;
        let corpus = Corpus::from_meetings(meetings);
        let at = ItemRef {
            meeting: corpus.id_at(0).unwrap(),
            item: 0,
        };
        assert_eq!(Timeline::open(&corpus, at).unwrap_err(), number);
    }

    #[test]
    fn keys_move_the_cursor_open_a_row_or_close() {
        let (corpus, at) = item_with("24/24964");
        let mut t = Timeline::open(&corpus, at).unwrap();
        assert!(t.rows.len() >= 2, "{:?}", t.rows);
        t.cursor.selected = 0;
        assert_eq!(t.update(Action::Down, 10), Outcome::Stay);
        assert_eq!(t.cursor.selected, 1);
        assert_eq!(t.update(Action::Top, 10), Outcome::Stay);
        assert_eq!(t.cursor.selected, 0);
        let first = t.rows[0];
        assert_eq!(
            t.update(Action::Enter, 10),
            Outcome::Open {
                at: first.target(),
                loaded: matches!(first, TimelineRow::Item(_)),
            }
        );
        assert_eq!(t.update(Action::Back, 10), Outcome::Close);
    }
}
