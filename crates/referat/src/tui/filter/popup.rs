//! The filter popup (`F`): every forum, year and kind of the minutes, each
//! with how many meetings choosing it would leave; Enter chooses or unchooses,
//! `X` clears every choice.
//!
//! A component like [`crate::tui::problems`]: its state ([`FilterPopup`],
//! whose rows are fixed when it opens and whose counts follow the choices),
//! its keys ([`FilterPopup::update`]) and its drawing ([`draw`]).

use std::collections::HashMap;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Span;

use super::{Facet, MeetingFilter, kind_name};
use crate::i18n::Msg;
use crate::tui::action::Action;
use crate::tui::layout;
use crate::tui::list::{ListCursor, page_delta};
use crate::tui::look::Look;
use crate::tui::text::fit_right;
use crate::tui::widgets::{ListPopup, cell, list_popup};
use referat_core::corpus::Corpus;
use referat_core::model::{Document, Meeting};
use referat_core::sanitize::for_terminal;

/// One value a facet can be set to.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Choice {
    Forum(String),
    Year(u16),
    Kind(Document),
}

impl Choice {
    /// The facet this is a choice on.
    pub fn facet(&self) -> Facet {
        match self {
            Choice::Forum(_) => Facet::Forum,
            Choice::Year(_) => Facet::Year,
            Choice::Kind(_) => Facet::Kind,
        }
    }

    /// Whether `filter` has this choice made.
    fn is_chosen(&self, filter: &MeetingFilter) -> bool {
        match self {
            Choice::Forum(f) => filter.forum.as_ref() == Some(f),
            Choice::Year(y) => filter.year == Some(*y),
            Choice::Kind(d) => filter.document == Some(*d),
        }
    }

    /// Makes this choice in `filter`, or takes it back when it is made.
    fn toggle(&self, filter: &mut MeetingFilter) {
        let chosen = self.is_chosen(filter);
        match self {
            Choice::Forum(f) => filter.forum = (!chosen).then(|| f.clone()),
            Choice::Year(y) => filter.year = (!chosen).then_some(*y),
            Choice::Kind(d) => filter.document = (!chosen).then_some(*d),
        }
    }
}

/// The choices a meeting has, one per facet (an undated meeting has no year).
fn choices_of(meeting: &Meeting) -> impl Iterator<Item = Choice> {
    [
        Some(Choice::Forum(meeting.forum.as_str().to_string())),
        meeting.date.map(|d| Choice::Year(d.year)),
        Some(Choice::Kind(meeting.document)),
    ]
    .into_iter()
    .flatten()
}

/// The popup's state: the filter being set, every choice with its count, and
/// the cursor over them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FilterPopup {
    /// The filter as chosen so far; the app applies it on every change.
    pub filter: MeetingFilter,
    /// Forums alphabetically, then years newest first, then kinds.
    pub rows: Vec<(Choice, usize)>,
    /// How many meetings the filter leaves, and how many there are.
    pub shown: usize,
    pub total: usize,
    pub cursor: ListCursor,
}

/// What a key in the filter popup asks of the app.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// The cursor moved, or nothing happened.
    Stay,
    /// The filter changed: apply [`FilterPopup::filter`].
    Changed,
    /// Close the popup.
    Close,
}

impl FilterPopup {
    /// The choices of `corpus`, with `filter` as it stands.
    pub fn of(corpus: &Corpus, filter: &MeetingFilter) -> FilterPopup {
        let mut choices: Vec<Choice> = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for meeting in corpus.meetings() {
            for choice in choices_of(meeting) {
                if seen.insert(choice.clone()) {
                    choices.push(choice);
                }
            }
        }
        choices.sort_by(|a, b| match (a, b) {
            (Choice::Forum(a), Choice::Forum(b)) => a.cmp(b),
            (Choice::Year(a), Choice::Year(b)) => b.cmp(a),
            (Choice::Kind(a), Choice::Kind(b)) => (*a as u8).cmp(&(*b as u8)),
            _ => (a.facet() as u8).cmp(&(b.facet() as u8)),
        });
        let mut popup = FilterPopup {
            filter: filter.clone(),
            rows: choices.into_iter().map(|c| (c, 0)).collect(),
            shown: 0,
            total: corpus.meetings().len(),
            cursor: ListCursor::default(),
        };
        popup.count(corpus);
        popup
    }

    /// Counts, for each choice, the meetings it would leave with the other
    /// facets as chosen: one pass over the meetings.
    pub fn count(&mut self, corpus: &Corpus) {
        let mut counts: HashMap<Choice, usize> = HashMap::new();
        let mut shown = 0;
        for meeting in corpus.meetings() {
            shown += usize::from(self.filter.passes(meeting));
            for choice in choices_of(meeting) {
                if self.filter.passes_besides(choice.facet(), meeting) {
                    *counts.entry(choice).or_default() += 1;
                }
            }
        }
        for (choice, count) in &mut self.rows {
            *count = counts.get(choice).copied().unwrap_or(0);
        }
        self.shown = shown;
        // Meetings may have arrived since it opened (a load still running).
        self.total = corpus.meetings().len();
    }

    /// Applies a key's action, `height` rows being on screen.
    pub fn update(&mut self, corpus: &Corpus, action: Action, height: usize) -> Outcome {
        match action {
            Action::Enter => match self.rows.get(self.cursor.selected) {
                Some((choice, _)) => {
                    choice.clone().toggle(&mut self.filter);
                    self.count(corpus);
                    Outcome::Changed
                }
                None => Outcome::Stay,
            },
            Action::ClearFilter if !self.filter.is_empty() => {
                self.filter = MeetingFilter::default();
                self.count(corpus);
                Outcome::Changed
            }
            Action::Back | Action::OpenFilter => Outcome::Close,
            other => {
                if let Some(delta) = page_delta(other, height) {
                    self.cursor.move_by(delta, self.rows.len());
                }
                Outcome::Stay
            }
        }
    }
}

/// What a facet is called in the popup's first column.
fn facet_name(facet: Facet) -> Msg {
    match facet {
        Facet::Forum => Msg::FactForum,
        Facet::Year => Msg::FilterYear,
        Facet::Kind => Msg::FactKind,
    }
}

/// Draws the popup over `area`: the facet's name by its first choice, a mark
/// on each choice made, and the count a choice would leave (dimmed at none).
pub fn draw(frame: &mut Frame, look: &Look, popup: &FilterPopup, area: Rect) {
    let t = &look.theme;
    let facet_w = [Facet::Forum, Facet::Year, Facet::Kind]
        .map(|f| crate::tui::text::width(look.text(facet_name(f))))
        .into_iter()
        .max()
        .unwrap_or(0);
    let count_w = popup.total.to_string().len();
    let list = ListPopup {
        title: look.fill(Msg::FilterTitle, &[&popup.shown, &popup.total]),
        footer: look.text(Msg::FilterFooter),
        empty: None,
        len: popup.rows.len(),
        cursor: popup.cursor,
    };
    list_popup(frame, look, layout::help(area), list, |n, w| {
        let (choice, count) = &popup.rows[n];
        let first = n == 0 || popup.rows[n - 1].0.facet() != choice.facet();
        let facet = if first {
            look.text(facet_name(choice.facet()))
        } else {
            ""
        };
        let value = match choice {
            Choice::Forum(f) => for_terminal(f).into_owned(),
            Choice::Year(y) => y.to_string(),
            Choice::Kind(d) => look.text(kind_name(*d)).to_string(),
        };
        let mark = if choice.is_chosen(&popup.filter) {
            "● "
        } else {
            "  "
        };
        let style = if *count == 0 { t.dimmed } else { t.base };
        let value_w = w.saturating_sub(facet_w + 1 + 2 + 1 + count_w);
        vec![
            cell(facet, facet_w, t.dimmed),
            Span::raw(" "),
            Span::styled(mark, t.bold),
            cell(&value, value_w, style),
            Span::raw(" "),
            Span::styled(fit_right(&count.to_string(), count_w), t.dimmed),
        ]
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn corpus() -> Corpus {
        super::super::four_meetings()
    }

    fn count_of(popup: &FilterPopup, choice: &Choice) -> usize {
        popup.rows.iter().find(|(c, _)| c == choice).unwrap().1
    }

    fn select(popup: &mut FilterPopup, choice: &Choice) {
        popup.cursor.selected = popup.rows.iter().position(|(c, _)| c == choice).unwrap();
    }

    #[test]
    fn the_rows_are_forums_years_newest_first_then_kinds() {
        let popup = FilterPopup::of(&corpus(), &MeetingFilter::default());
        let rows: Vec<&Choice> = popup.rows.iter().map(|(c, _)| c).collect();
        assert_eq!(
            rows,
            [
                &Choice::Forum("Byrådet".into()),
                &Choice::Forum("Økonomiudvalget".into()),
                &Choice::Year(2025),
                &Choice::Year(2024),
                &Choice::Kind(Document::Minutes),
                &Choice::Kind(Document::Agenda),
            ]
        );
        assert_eq!(count_of(&popup, &Choice::Forum("Byrådet".into())), 3);
        assert_eq!(count_of(&popup, &Choice::Year(2025)), 3);
        assert_eq!((popup.shown, popup.total), (4, 4));
    }

    #[test]
    fn a_choice_counts_the_meetings_it_would_leave_given_the_others() {
        let corpus = corpus();
        let mut popup = FilterPopup::of(&corpus, &MeetingFilter::default());
        select(&mut popup, &Choice::Year(2024));
        assert_eq!(popup.update(&corpus, Action::Enter, 10), Outcome::Changed);
        assert_eq!(popup.filter.year, Some(2024));
        assert_eq!(popup.shown, 1);
        // Within 2024 only Byrådet met; the years still count across forums.
        assert_eq!(
            count_of(&popup, &Choice::Forum("Økonomiudvalget".into())),
            0
        );
        assert_eq!(count_of(&popup, &Choice::Forum("Byrådet".into())), 1);
        assert_eq!(count_of(&popup, &Choice::Year(2025)), 3);
        // Enter again takes the choice back.
        assert_eq!(popup.update(&corpus, Action::Enter, 10), Outcome::Changed);
        assert!(popup.filter.is_empty());
        assert_eq!(popup.shown, 4);
    }

    #[test]
    fn another_choice_on_the_same_facet_replaces_it_and_x_clears_all() {
        let corpus = corpus();
        let mut popup = FilterPopup::of(&corpus, &MeetingFilter::default());
        select(&mut popup, &Choice::Year(2024));
        popup.update(&corpus, Action::Enter, 10);
        select(&mut popup, &Choice::Year(2025));
        popup.update(&corpus, Action::Enter, 10);
        select(&mut popup, &Choice::Kind(Document::Agenda));
        popup.update(&corpus, Action::Enter, 10);
        assert_eq!(popup.filter.year, Some(2025));
        assert_eq!(popup.filter.document, Some(Document::Agenda));
        assert_eq!(popup.shown, 1);
        assert_eq!(
            popup.update(&corpus, Action::ClearFilter, 10),
            Outcome::Changed
        );
        assert!(popup.filter.is_empty());
        assert_eq!(
            popup.update(&corpus, Action::ClearFilter, 10),
            Outcome::Stay
        );
        assert_eq!(popup.update(&corpus, Action::Back, 10), Outcome::Close);
    }
}
