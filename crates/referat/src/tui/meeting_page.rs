//! The meeting page (`i`): a meeting's own facts, as a portal's meeting page
//! shows them (forum, date and time, place, who took part and who was
//! absent, the file it was read from), and its table of contents with the
//! pages; Enter on an item shows it.
//!
//! A component like [`super::problems`]: its state ([`MeetingPage`], made
//! when it opens), its keys ([`MeetingPage::update`]) and its drawing
//! ([`draw`]). The facts wrap, so a long list of members is never cut.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::action::Action;
use super::columns::page_label;
use super::layout;
use super::list::{ListCursor, page_delta};
use super::look::Look;
use super::text::{fit_right, width};
use super::widgets::{cell, fit_spans, popup_block, popup_footer, rule_above};
use super::wrap::wrap;
use crate::i18n::Msg;
use referat_core::corpus::{Corpus, ItemRef, MeetingId};
use referat_core::model::Document;
use referat_core::sanitize::for_terminal;

/// One line of the table of contents: an item of the meeting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TocRow {
    pub item: usize,
    pub number: u32,
    pub title: String,
    /// `s. 4`, empty when the table of contents gives no page.
    pub page: String,
    pub decided: bool,
}

/// The page of one meeting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeetingPage {
    pub meeting: MeetingId,
    /// The meeting as people name it, for the title.
    pub label: String,
    /// Label and value of each fact the minutes give, in the reader's language.
    pub facts: Vec<(String, String)>,
    pub rows: Vec<TocRow>,
    pub cursor: ListCursor,
}

/// What a key on the meeting page asks of the app.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Stay,
    Close,
    /// Show this item (a jump).
    Open(ItemRef),
}

impl MeetingPage {
    /// The page of `meeting`, the cursor on item `selected`; `None` when the
    /// meeting is no longer in the corpus.
    pub fn of(corpus: &Corpus, look: &Look, meeting: MeetingId, selected: usize) -> Option<Self> {
        let m = corpus.meeting(meeting)?;
        let mut facts = Vec::new();
        let mut fact = |label: Msg, value: String| {
            if !value.trim().is_empty() {
                facts.push((look.text(label).to_string(), value));
            }
        };
        fact(Msg::FactForum, m.forum.to_string());
        let date = look.date(m.date);
        let when = match &m.start_time {
            Some(time) if !date.is_empty() => look.fill(Msg::DateAtTime, &[&date, time]),
            _ => date,
        };
        fact(Msg::FactWhen, when);
        fact(Msg::FactPlace, m.location.clone().unwrap_or_default());
        fact(
            Msg::FactKind,
            look.text(match m.document {
                Document::Minutes => Msg::KindMinutes,
                Document::Agenda => Msg::KindAgenda,
            })
            .to_string(),
        );
        fact(Msg::FactPresent, m.participants.join(", "));
        fact(Msg::FactAbsent, m.absent.join(", "));
        fact(Msg::FactSource, m.source.clone());
        fact(Msg::FactAlsoIn, m.also_in.join(", "));
        let rows = m
            .items
            .iter()
            .enumerate()
            .map(|(n, item)| TocRow {
                item: n,
                number: item.number,
                title: item.title.clone(),
                page: page_label(look, item),
                decided: item.has_decision(),
            })
            .collect();
        let cursor = ListCursor {
            selected: selected.min(m.items.len().saturating_sub(1)),
            ..ListCursor::default()
        };
        Some(MeetingPage {
            meeting,
            label: look.label(m),
            facts,
            rows,
            cursor,
        })
    }

    /// Applies a key's action, `height` table-of-contents rows being on screen.
    pub fn update(&mut self, action: Action, height: usize) -> Outcome {
        match action {
            Action::Enter => match self.rows.get(self.cursor.selected) {
                Some(row) => Outcome::Open(ItemRef {
                    meeting: self.meeting,
                    item: row.item,
                }),
                None => Outcome::Stay,
            },
            Action::Back | Action::MeetingPage => Outcome::Close,
            other => {
                if let Some(delta) = page_delta(other, height) {
                    self.cursor.move_by(delta, self.rows.len());
                }
                Outcome::Stay
            }
        }
    }

    /// The facts as screen lines of `w` cells: label, then the value wrapped
    /// beside it.
    fn fact_lines(&self, look: &Look, w: usize) -> Vec<Line<'static>> {
        let t = &look.theme;
        let label_w = self.facts.iter().map(|(l, _)| width(l)).max().unwrap_or(0) + 2;
        let mut lines = Vec::new();
        for (label, value) in &self.facts {
            let value: Vec<char> = for_terminal(value).chars().collect();
            let room = w.saturating_sub(label_w).max(1);
            for (n, range) in wrap(&value, room).into_iter().enumerate() {
                let head = if n == 0 { label.as_str() } else { "" };
                let text: String = value[range].iter().collect();
                lines.push(Line::from(vec![
                    cell(head, label_w, t.dimmed),
                    Span::styled(text.trim_end().to_string(), t.base),
                ]));
            }
        }
        lines
    }
}

/// Where the table of contents goes inside the popup drawn over `area`, for
/// the app's paging: below the facts and a rule.
pub fn toc_rect(page: &MeetingPage, look: &Look, area: Rect) -> Rect {
    let inner = layout::inner(layout::meeting_page(area));
    let facts = page.fact_lines(look, usize::from(inner.width)).len() as u16;
    // The facts take at most half the page when it is short, so the
    // contents the cursor moves over are always in sight.
    let room = (inner.height.saturating_sub(1) / 2).max(1);
    let top = facts.min(room).saturating_add(1).min(inner.height);
    Rect {
        y: inner.y + top,
        height: inner.height - top,
        ..inner
    }
}

/// Draws the page over `area`.
pub fn draw(frame: &mut Frame, look: &Look, page: &MeetingPage, area: Rect) {
    let t = &look.theme;
    let rect = layout::meeting_page(area);
    let block = popup_block(look, for_terminal(&page.label).into_owned())
        .title_bottom(popup_footer(look, look.text(Msg::MeetingPageFooter), rect));
    let inner = layout::inner(rect);
    let w = usize::from(inner.width);
    frame.render_widget(Clear, rect);
    frame.render_widget(block, rect);
    let facts = page.fact_lines(look, w);
    let toc = toc_rect(page, look, area);
    let facts_rect = Rect {
        height: toc.y.saturating_sub(inner.y + 1),
        ..inner
    };
    frame.render_widget(Paragraph::new(facts), facts_rect);
    if toc.height == 0 {
        return;
    }
    rule_above(frame, toc, t.dimmed);
    let page_w = page.rows.iter().map(|r| width(&r.page)).max().unwrap_or(0);
    let gap = if page_w > 0 { page_w + 1 } else { 0 };
    let mut lines = Vec::new();
    let start = page.cursor.offset.min(page.rows.len());
    for (n, row) in page
        .rows
        .iter()
        .enumerate()
        .skip(start)
        .take(usize::from(toc.height))
    {
        let marker = if row.decided { "✓ " } else { "  " };
        let mut spans = vec![
            Span::styled(marker, t.decision_marker),
            Span::styled(fit_right(&row.number.to_string(), 3), t.base),
            Span::raw(" "),
            cell(&for_terminal(&row.title), w.saturating_sub(6 + gap), t.base),
        ];
        if page_w > 0 {
            spans.push(Span::raw(" "));
            spans.push(Span::styled(fit_right(&row.page, page_w), t.dimmed));
        }
        let s = if n == page.cursor.selected {
            t.selection
        } else {
            t.base
        };
        lines.push(Line::from(fit_spans(spans, w)).style(s));
    }
    frame.render_widget(Paragraph::new(lines), toc);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::testing;

    #[test]
    fn the_page_gives_the_facts_and_every_item_and_enter_shows_one() {
        let corpus = Corpus::from_texts([("m.txt".to_string(), testing::MARCH.to_string())]);
        let look = Look::default();
        let id = corpus.id_at(0).unwrap();
        let mut page = MeetingPage::of(&corpus, &look, id, 1).unwrap();
        let m = corpus.meeting(id).unwrap();
        let labels: Vec<&str> = page.facts.iter().map(|(l, _)| l.as_str()).collect();
        assert!(
            labels.contains(&"Forum") && labels.contains(&"Source"),
            "{labels:?}"
        );
        assert!(page.facts.iter().any(|(_, v)| v == "m.txt"));
        if let Some(time) = &m.start_time {
            assert!(page.facts.iter().any(|(_, v)| v.contains(time.as_str())));
        }
        assert_eq!(page.rows.len(), m.items.len());
        assert_eq!(page.cursor.selected, 1.min(m.items.len() - 1));
        page.update(Action::Top, 10);
        assert_eq!(
            page.update(Action::Enter, 10),
            Outcome::Open(ItemRef {
                meeting: id,
                item: 0
            })
        );
        assert_eq!(page.update(Action::Back, 10), Outcome::Close);
        assert!(MeetingPage::of(&Corpus::default(), &look, id, 0).is_none());
    }

    #[test]
    fn long_facts_wrap_instead_of_being_cut() {
        let corpus = Corpus::from_texts([("m.txt".to_string(), testing::MARCH.to_string())]);
        let look = Look::default();
        let mut page = MeetingPage::of(&corpus, &look, corpus.id_at(0).unwrap(), 0).unwrap();
        let names: Vec<String> = (0..30).map(|n| format!("Medlem Nummer{n}")).collect();
        page.facts.push(("Present".into(), names.join(", ")));
        let lines = page.fact_lines(&look, 40);
        let text: String = lines
            .iter()
            .map(|l| {
                l.spans
                    .iter()
                    .map(|s| s.content.as_ref())
                    .collect::<String>()
            })
            .collect::<Vec<_>>()
            .join(" ");
        assert!(text.contains("Nummer29"), "{text}");
        assert!(lines.iter().all(|l| l.width() <= 40));
    }
}
