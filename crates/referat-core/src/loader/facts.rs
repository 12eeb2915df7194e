//! Meeting facts read from the items, for what the header leaves out or cannot
//! know alone: the forum and date when the header names neither, which quoted
//! decisions are another body's, and who was there.

use super::dates;
use super::header::Header;
use super::headings;
use crate::model::{Document, HistoryEntry, Item, SectionKind};

/// When the header names no forum or no date, the meeting's own decision
/// headings give them, and failing those the process lines items list
/// (`Kommunalbestyrelsen den 28. marts 2023` under `Høring og sagsgang`).
pub fn fill_forum_and_date(header: &mut Header, items: &[Item]) {
    if header.forum.is_empty() || header.title_date.or(header.when_date).is_none() {
        from_decisions(header, items);
    }
    if header.forum.is_empty() {
        from_process_lines(header, items);
    }
}

/// The last decision of an item is the meeting's own (earlier bodies are
/// quoted before it), so the first item whose last decision is dated gives
/// forum and date (`Beslutning i Kommunalbestyrelsen den 10-04-2019`).
fn from_decisions(header: &mut Header, items: &[Item]) {
    let decision = items.iter().find_map(|i| {
        i.sections
            .read()
            .iter()
            .rfind(|s| s.kind == SectionKind::Decision)
            .filter(|s| s.date.is_some())
    });
    let Some(decision) = decision else {
        return;
    };
    if header.forum.is_empty()
        && let Some(body) = headings::decision_body(&decision.heading)
    {
        header.forum = body.to_string();
    }
    if header.title_date.or(header.when_date).is_none() {
        header.when_date = decision.date;
    }
}

/// Some systems list a case's way through the bodies as lines of their own,
/// `<body> den <date>`, one per body. The body listed on the meeting's own date
/// in most items is the meeting's forum.
fn from_process_lines(header: &mut Header, items: &[Item]) {
    let Some(date) = header.title_date.or(header.when_date) else {
        return;
    };
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for item in items {
        let bodies = item
            .sections
            .read()
            .iter()
            .flat_map(|s| s.text.lines())
            .filter_map(|line| {
                let (body, when) = line.trim().split_once(" den ")?;
                let found = dates::find_date(when)?;
                (found.start == 0
                    && found.end == when.trim_end().len()
                    && found.date == date
                    && body.starts_with(char::is_uppercase)
                    && body.split_whitespace().count() <= 6)
                    .then_some(body)
            });
        for body in bodies {
            match counts.iter_mut().find(|(b, _)| *b == body) {
                Some((_, n)) => *n += 1,
                None => counts.push((body, 1)),
            }
        }
    }
    // The first of the most listed wins, so the reading does not depend on
    // hash order.
    if let Some((body, _)) = counts.iter().rev().max_by_key(|(_, n)| *n) {
        header.forum = body.to_string();
    }
}

/// An agenda is written before the meeting: a `Beslutning` paragraph in it is
/// the text proposed for a vote (a party's proposal quotes one), not a decision
/// taken. It stays a section, of no particular kind. Decisions of other
/// bodies it quotes were taken, and stay earlier decisions.
pub fn agenda_has_no_decisions(document: Document, items: &mut [Item]) {
    if document != Document::Agenda {
        return;
    }
    for item in items {
        for section in item.sections.read_mut().iter_mut() {
            if section.kind == SectionKind::Decision {
                section.kind = SectionKind::Other;
            }
        }
    }
}

/// Decisions whose heading names another body than the meeting's own forum are
/// quoted earlier decisions of the case, not this meeting's; they join the
/// item's case history like `Sagsforløb` entries. A decision of the same forum
/// on an earlier date still counts (postponed, then decided).
pub fn mark_earlier_decisions(forum: &str, items: &mut [Item]) {
    if forum.is_empty() {
        return;
    }
    let own = name_key(forum);
    for item in items {
        let mut quoted = Vec::new();
        for section in item.sections.read_mut().iter_mut() {
            if section.kind == SectionKind::Decision
                && let Some(body) = headings::decision_body(&section.heading)
                && !names_own_forum(&name_key(body), &own)
            {
                section.kind = SectionKind::EarlierDecision;
                quoted.push(HistoryEntry {
                    forum: body.into(),
                    date: section.date,
                    number: item_number(&section.heading),
                    text: section.text.clone(),
                });
            }
        }
        for entry in quoted {
            let known = item
                .history
                .iter()
                .any(|h| name_key(&h.forum) == name_key(&entry.forum) && h.date == entry.date);
            if !known {
                item.history.push(entry);
            }
        }
    }
}

/// Case and spacing differ between a header and a heading (`Udvalget for
/// Kultur` / `udvalget for kultur`).
fn name_key(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Whether a decision heading's body is the meeting's forum: the same name, or
/// one inside the other (`Byrådet` under a header `Byrådet Lindå`, or a forum
/// that kept stray characters of a damaged title).
fn names_own_forum(body: &str, own: &str) -> bool {
    own.contains(body) || body.contains(own)
}

/// `… pkt. 65:` → 65: the item number a quoted decision had in its meeting.
fn item_number(heading: &str) -> Option<u32> {
    let at = heading.to_ascii_lowercase().rfind("pkt.")?;
    let digits: String = heading[at + 4..]
        .trim_start()
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    digits.parse().ok()
}

/// Who took part and who did not. Absentees leave the participants unless their
/// absence covers only some of the meeting's items (`sag 41-42` of 41–47).
pub fn attendance(header: &Header, items: &[Item]) -> (Vec<String>, Vec<String>) {
    let numbers = items.iter().map(|i| i.number);
    let (first, last) = (numbers.clone().min(), numbers.max());
    let whole_meeting = |range: Option<(u32, u32)>| match (range, first, last) {
        (None, ..) => true,
        (Some((from, to)), Some(first), Some(last)) => from <= first && to >= last,
        (Some(_), ..) => true,
    };
    let mut absent: Vec<String> = Vec::new();
    for person in &header.absent {
        if !absent.contains(&person.name) {
            absent.push(person.name.clone());
        }
    }
    let participants = header
        .participants
        .iter()
        .filter(|p| {
            !header
                .absent
                .iter()
                .any(|a| a.name == p.name && whole_meeting(a.items))
        })
        .map(|p| p.name.clone())
        .collect();
    (participants, absent)
}

#[cfg(test)]
mod tests {
    use super::super::attendance::Person;
    use super::*;

    fn person(name: &str, items: Option<(u32, u32)>) -> Person {
        Person {
            name: name.into(),
            items,
        }
    }

    fn items(numbers: &[u32]) -> Vec<Item> {
        numbers
            .iter()
            .map(|&number| Item {
                number,
                title: String::new(),
                case_numbers: Vec::new(),
                closed: false,
                toc_page: None,
                line: 1,
                sections: crate::model::Sections::default(),
                history: Vec::new(),
                mentions: Vec::new(),
            })
            .collect()
    }

    #[test]
    fn absentees_for_the_whole_meeting_leave_the_participants() {
        let header = Header {
            participants: vec![
                person("Ole Krogsgaard", None),
                person("Tina Holm", None),
                person("Lise Bech", None),
            ],
            absent: vec![
                person("Ole Krogsgaard", Some((41, 47))),
                person("Lise Bech", Some((41, 42))),
            ],
            ..Header::default()
        };
        let (present, absent) = attendance(&header, &items(&[41, 42, 47]));
        assert_eq!(present, ["Tina Holm", "Lise Bech"]);
        assert_eq!(absent, ["Ole Krogsgaard", "Lise Bech"]);
    }

    #[test]
    fn quoted_item_numbers() {
        assert_eq!(
            item_number("Teknik- og Miljøudvalget, 10. september 2019, pkt. 65:"),
            Some(65)
        );
        assert_eq!(item_number("Beslutning i Byrådet den 3. maj 2020"), None);
    }
}
