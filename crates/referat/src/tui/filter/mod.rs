//! The meetings filter: by forum, year and kind of document, as a council's
//! portal lets one narrow its list of meetings.
//!
//! A [`MeetingFilter`] holds at most one choice per facet and says which
//! meetings pass; [`Shown`] is the meetings list it gives (newest first),
//! which the app's rows go through, so a filter never moves a meeting's
//! [`MeetingId`]. The finder and full-text search are limited to the same
//! meetings. The popup that sets it ([`popup`]) shows each choice with how
//! many meetings it would leave.

pub mod popup;

use referat_core::corpus::{Corpus, MeetingId};
use referat_core::model::{Document, Meeting};

use super::look::Look;
use crate::i18n::Msg;

/// One choice per facet; `None` lets every meeting through on that facet.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MeetingFilter {
    /// Only meetings of this forum (its name exactly: the choices are the
    /// corpus's own forums).
    pub forum: Option<String>,
    /// Only meetings of this year; undated meetings are left out when set.
    pub year: Option<u16>,
    /// Only minutes, or only agendas.
    pub document: Option<Document>,
}

/// The facets a filter chooses on, in the order the popup lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Facet {
    Forum,
    Year,
    Kind,
}

impl MeetingFilter {
    /// Whether every meeting passes.
    pub fn is_empty(&self) -> bool {
        *self == MeetingFilter::default()
    }

    /// Whether `meeting` passes every facet.
    pub fn passes(&self, meeting: &Meeting) -> bool {
        [Facet::Forum, Facet::Year, Facet::Kind]
            .into_iter()
            .all(|facet| self.passes_on(facet, meeting))
    }

    /// Whether `meeting` passes every facet but `facet`: what the count of
    /// one of that facet's choices is taken over.
    pub fn passes_besides(&self, facet: Facet, meeting: &Meeting) -> bool {
        [Facet::Forum, Facet::Year, Facet::Kind]
            .into_iter()
            .filter(|&f| f != facet)
            .all(|f| self.passes_on(f, meeting))
    }

    fn passes_on(&self, facet: Facet, meeting: &Meeting) -> bool {
        match facet {
            Facet::Forum => self
                .forum
                .as_ref()
                .is_none_or(|f| meeting.forum.as_str() == f),
            Facet::Year => self
                .year
                .is_none_or(|y| meeting.date.is_some_and(|d| d.year == y)),
            Facet::Kind => self.document.is_none_or(|d| meeting.document == d),
        }
    }

    /// The choices, as the meetings pane's title shows them:
    /// `Aarhus Byråd · 2025 · minutes`; empty when there are none.
    pub fn describe(&self, look: &Look) -> String {
        let mut parts = Vec::new();
        if let Some(forum) = &self.forum {
            parts.push(forum.clone());
        }
        if let Some(year) = self.year {
            parts.push(year.to_string());
        }
        if let Some(document) = self.document {
            parts.push(look.text(kind_name(document)).to_string());
        }
        parts.join(" · ")
    }

    /// The meetings of `corpus` that pass, as the list shows them.
    pub fn shown(&self, corpus: &Corpus) -> Shown {
        if self.is_empty() {
            return Shown::default();
        }
        let ids = corpus
            .with_ids()
            .rev()
            .filter(|(_, m)| self.passes(m))
            .map(|(id, _)| id)
            .collect();
        Shown(Some(ids))
    }
}

/// What a kind of document is called in the filter and the meeting page.
pub fn kind_name(document: Document) -> Msg {
    match document {
        Document::Minutes => Msg::KindMinutes,
        Document::Agenda => Msg::KindAgenda,
    }
}

/// The meetings the list shows, newest first: every meeting of the corpus,
/// or those a filter passes. Rows are indexes into it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Shown(Option<Vec<MeetingId>>);

impl Shown {
    /// How many rows the list has.
    pub fn len(&self, corpus: &Corpus) -> usize {
        match &self.0 {
            None => corpus.meetings().len(),
            Some(ids) => ids.len(),
        }
    }

    /// The meeting at `row`.
    pub fn at(&self, corpus: &Corpus, row: usize) -> Option<MeetingId> {
        match &self.0 {
            None => corpus.id_at(corpus.meetings().len().checked_sub(row + 1)?),
            Some(ids) => ids.get(row).copied(),
        }
    }

    /// The row that shows meeting `id`; `None` when the list does not show it.
    pub fn row_of(&self, corpus: &Corpus, id: MeetingId) -> Option<usize> {
        let position = corpus.position(id)?;
        match &self.0 {
            None => Some(corpus.meetings().len() - 1 - position),
            Some(ids) => ids.iter().position(|&shown| shown == id),
        }
    }
}

/// Four meetings for the filter's tests: Byrådet in 2024 and twice in
/// 2025 (minutes and an agenda), Økonomiudvalget in 2025.
#[cfg(test)]
fn four_meetings() -> Corpus {
    let minutes = |kind: &str, forum: &str, date: &str, case: &str| {
        format!("{kind} {forum} d. {date}\n\nPunkt 1: Sag\n\n{case}\n")
    };
    Corpus::from_texts([
        (
            "a.txt".into(),
            minutes("REFERAT", "Byrådet", "01-02-2024", "24/1"),
        ),
        (
            "b.txt".into(),
            minutes("REFERAT", "Byrådet", "01-02-2025", "24/2"),
        ),
        (
            "c.txt".into(),
            minutes("DAGSORDEN", "Byrådet", "01-03-2025", "24/3"),
        ),
        (
            "d.txt".into(),
            minutes("REFERAT", "Økonomiudvalget", "01-04-2025", "24/4"),
        ),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn corpus() -> Corpus {
        four_meetings()
    }

    fn labels(corpus: &Corpus, shown: &Shown) -> Vec<String> {
        (0..shown.len(corpus))
            .map(|row| {
                corpus
                    .meeting(shown.at(corpus, row).unwrap())
                    .unwrap()
                    .source
                    .clone()
            })
            .collect()
    }

    #[test]
    fn each_facet_narrows_the_list_and_they_combine() {
        let corpus = corpus();
        let all = MeetingFilter::default();
        assert_eq!(
            labels(&corpus, &all.shown(&corpus)),
            ["d.txt", "c.txt", "b.txt", "a.txt"]
        );
        let forum = MeetingFilter {
            forum: Some("Byrådet".into()),
            ..MeetingFilter::default()
        };
        assert_eq!(
            labels(&corpus, &forum.shown(&corpus)),
            ["c.txt", "b.txt", "a.txt"]
        );
        let year = MeetingFilter {
            year: Some(2025),
            ..forum.clone()
        };
        assert_eq!(labels(&corpus, &year.shown(&corpus)), ["c.txt", "b.txt"]);
        let minutes = MeetingFilter {
            document: Some(Document::Minutes),
            ..year
        };
        let shown = minutes.shown(&corpus);
        assert_eq!(labels(&corpus, &shown), ["b.txt"]);
        let (b, _) = corpus
            .with_ids()
            .find(|(_, m)| m.source == "b.txt")
            .unwrap();
        let (a, _) = corpus
            .with_ids()
            .find(|(_, m)| m.source == "a.txt")
            .unwrap();
        assert_eq!(shown.row_of(&corpus, b), Some(0));
        assert_eq!(shown.row_of(&corpus, a), None, "filtered out");
        assert_eq!(all.shown(&corpus).row_of(&corpus, a), Some(3));
    }

    #[test]
    fn a_forum_is_chosen_by_its_whole_name() {
        let corpus = corpus();
        let part = MeetingFilter {
            forum: Some("Byråd".into()),
            ..MeetingFilter::default()
        };
        assert_eq!(part.shown(&corpus).len(&corpus), 0);
    }

    #[test]
    fn the_description_lists_the_choices() {
        let look = Look::default();
        let filter = MeetingFilter {
            forum: Some("Byrådet".into()),
            year: Some(2025),
            document: Some(Document::Agenda),
        };
        assert_eq!(filter.describe(&look), "Byrådet · 2025 · agenda");
        assert_eq!(MeetingFilter::default().describe(&look), "");
    }
}
