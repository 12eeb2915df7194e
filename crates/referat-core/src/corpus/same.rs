//! One meeting, one row: files that hold the same meeting (a PDF, the text
//! extracted from it, its portal page) become one meeting that lists them all.
//!
//! Two readings are of the same meeting when both are dated, name the same
//! forum on the same day, are the same kind of document (the agenda and the
//! minutes of one meeting stay two) and have the same items: the same numbers,
//! titles and case numbers, in the same order. Titles are compared by the one
//! Danish fold with white space collapsed, so that a line broken elsewhere by
//! one extraction does not make two meetings of one.
//!
//! The fullest reading is kept: the one whose sections hold the most text,
//! then the one with the most header facts, then the first by source. The
//! figures are known without reading a cached item's sections, and they do
//! not depend on the order files arrive in, so a cold, a warm and a streamed
//! load keep the same reading.
//!
//! The meeting keeps the smallest id of its readings: on a merge that is the
//! id the corpus already gave, so whatever holds it still points at the
//! meeting. The ids of the other readings are given up; their file reports
//! point at the meeting kept, and the case index lists each item once.

use std::collections::HashMap;

use super::{Corpus, GONE, ItemRef, MeetingId, meeting_order};
use crate::fold::fold_spaced;
use crate::model::Meeting;

impl Corpus {
    /// Folds every group of readings of one meeting that holds at least one
    /// meeting `new` says is new (the others were folded before). Returns the
    /// ids given up, each with the id of the meeting it became part of.
    pub(super) fn fold_same_meetings(
        &mut self,
        new: impl Fn(MeetingId) -> bool,
    ) -> Vec<(MeetingId, MeetingId)> {
        let groups = self.same_meeting_groups(&new);
        if groups.is_empty() {
            return Vec::new();
        }
        let mut slots: Vec<Option<(Meeting, MeetingId)>> = std::mem::take(&mut self.meetings)
            .into_iter()
            .zip(std::mem::take(&mut self.ids))
            .map(Some)
            .collect();
        let mut folded = Vec::new();
        for group in groups {
            let (meeting, id, given_up) = fold_group(&mut slots, &group);
            folded.extend(given_up.into_iter().map(|gone| (gone, id)));
            slots[group[0]] = Some((meeting, id));
        }
        let mut kept: Vec<(Meeting, MeetingId)> = slots.into_iter().flatten().collect();
        // The reading kept may have another source than the first one: sort
        // again (stable, and nearly sorted, so close to linear).
        kept.sort_by(|(a, _), (b, _)| meeting_order(a, b));
        (self.meetings, self.ids) = kept.into_iter().unzip();
        self.positions.fill(GONE);
        for (position, id) in self.ids.iter().enumerate() {
            self.positions[id.index()] = position as u32;
        }
        let became: HashMap<MeetingId, MeetingId> = folded.iter().copied().collect();
        for report in &mut self.reports {
            if let Some(id) = report.meeting.and_then(|id| became.get(&id)) {
                report.meeting = Some(*id);
            }
        }
        self.drop_from_case_index(&became);
        folded
    }

    /// The positions of each group of readings of one meeting, first
    /// position first, that holds a new meeting. Readings of one meeting
    /// share a date and forum, so they stand side by side in date order, in
    /// runs that are rarely longer than a few meetings.
    fn same_meeting_groups(&self, new: &impl Fn(MeetingId) -> bool) -> Vec<Vec<usize>> {
        let mut groups = Vec::new();
        let mut start = 0;
        while start < self.meetings.len() {
            let first = &self.meetings[start];
            let end = start
                + self.meetings[start..]
                    .iter()
                    .take_while(|m| m.date == first.date && m.forum == first.forum)
                    .count();
            if first.date.is_some() && end - start > 1 {
                groups.extend(self.groups_in(start..end, new));
            }
            start = end;
        }
        groups
    }

    fn groups_in(
        &self,
        run: std::ops::Range<usize>,
        new: &impl Fn(MeetingId) -> bool,
    ) -> Vec<Vec<usize>> {
        let signatures: Vec<Signature> = run
            .clone()
            .map(|p| Signature::of(&self.meetings[p]))
            .collect();
        // Readings that give more of time and place are grouped first; each
        // joins a group only when it agrees with every member, and only when
        // exactly one group does: a reading that could be either meeting of
        // the day stays alone. So the groups are the same whatever order the
        // readings came in.
        let given =
            |s: &Signature| usize::from(s.start_time.is_some()) + usize::from(s.location.is_some());
        let mut order: Vec<usize> = (0..signatures.len()).collect();
        order.sort_by_key(|&o| std::cmp::Reverse(given(&signatures[o])));
        let mut groups: Vec<Vec<usize>> = Vec::new();
        for offset in order {
            let signature = &signatures[offset];
            let agreeing: Vec<usize> = (0..groups.len())
                .filter(|&g| {
                    groups[g]
                        .iter()
                        .all(|&p| signatures[p - run.start].same_as(signature))
                })
                .collect();
            match agreeing.as_slice() {
                [one] => groups[*one].push(run.start + offset),
                _ => groups.push(vec![run.start + offset]),
            }
        }
        for group in &mut groups {
            group.sort_unstable();
        }
        groups.retain(|g| g.len() > 1 && g.iter().any(|&p| new(self.ids[p])));
        groups
    }

    /// Takes the given-up ids out of the case index, and puts each list
    /// touched back in date order (the meeting kept may have moved).
    fn drop_from_case_index(&mut self, became: &HashMap<MeetingId, MeetingId>) {
        let mut touched: Vec<String> = Vec::new();
        for &kept in became.values() {
            if let Some(meeting) = self.meeting(kept) {
                touched.extend(meeting.items.iter().flat_map(|i| i.case_numbers.clone()));
            }
        }
        touched.sort_unstable();
        touched.dedup();
        let positions = &self.positions;
        let order = |at: &ItemRef| {
            let position = positions.get(at.meeting.index()).copied().unwrap_or(GONE);
            (position, at.item)
        };
        for case in touched {
            if let Some(refs) = self.case_index.get_mut(&case) {
                refs.retain(|at| !became.contains_key(&at.meeting));
                refs.sort_by_key(order);
                refs.dedup();
            }
        }
    }
}

/// Folds one group: the fullest reading, with the others' sources in
/// [`Meeting::also_in`], the group's smallest id, and the ids given up (the
/// fullest reading's own among them when another reading had a smaller one).
fn fold_group(
    slots: &mut [Option<(Meeting, MeetingId)>],
    group: &[usize],
) -> (Meeting, MeetingId, Vec<MeetingId>) {
    let mut readings: Vec<(Meeting, MeetingId)> =
        group.iter().filter_map(|&p| slots[p].take()).collect();
    let id = readings
        .iter()
        .map(|(_, id)| *id)
        .min_by_key(|id| id.0)
        .expect("a group is never empty");
    let given_up: Vec<MeetingId> = readings
        .iter()
        .map(|(_, other)| *other)
        .filter(|&other| other != id)
        .collect();
    // `max_by_key` keeps the last of equals: scanning backwards, ties go to
    // the first position, the first source in order.
    let fullest = (0..readings.len())
        .rev()
        .max_by_key(|&r| fullness(&readings[r].0))
        .expect("a group is never empty");
    let (mut meeting, _) = readings.remove(fullest);
    let mut also_in = std::mem::take(&mut meeting.also_in);
    for (other, _) in readings {
        also_in.push(other.source);
        also_in.extend(other.also_in);
    }
    also_in.sort_unstable();
    also_in.dedup();
    also_in.retain(|s| *s != meeting.source);
    meeting.also_in = also_in;
    (meeting, id, given_up)
}

/// How much a reading holds, to keep the fullest: its sections' text, then
/// its header facts. Known without reading stored sections.
fn fullness(meeting: &Meeting) -> (usize, usize) {
    let text = meeting.items.iter().map(|i| i.sections.text_bytes()).sum();
    let facts = usize::from(meeting.start_time.is_some())
        + usize::from(meeting.location.is_some())
        + meeting.participants.len()
        + meeting.absent.len()
        + meeting.toc.len()
        + meeting
            .items
            .iter()
            .filter(|i| i.toc_page.is_some())
            .count()
        + meeting.items.iter().map(|i| i.history.len()).sum::<usize>();
    (text, facts)
}

/// What two readings of one meeting share, beyond its day and forum.
struct Signature {
    document: crate::model::Document,
    /// Per item: its number, folded title and case numbers.
    items: Vec<(u32, String, Vec<String>)>,
    /// When and where, folded: a forum may meet twice on a day on the same
    /// agenda (a second meeting at another hour or in another room).
    start_time: Option<String>,
    location: Option<String>,
}

impl Signature {
    fn of(meeting: &Meeting) -> Signature {
        let folded = |title: &str| {
            let mut out = String::with_capacity(title.len());
            fold_spaced(title.trim().char_indices(), |_, c| out.push(c));
            out
        };
        Signature {
            document: meeting.document,
            items: meeting
                .items
                .iter()
                .map(|i| (i.number, folded(&i.title), i.case_numbers.clone()))
                .collect(),
            start_time: meeting.start_time.as_deref().map(folded),
            location: meeting.location.as_deref().map(folded),
        }
    }

    /// Whether two readings are of one meeting: the same kind of document
    /// and items, and no time or place that both give and that differ (one
    /// reading may lack what another has, as a portal page may lack the
    /// room).
    fn same_as(&self, other: &Signature) -> bool {
        let agree = |a: &Option<String>, b: &Option<String>| match (a, b) {
            (Some(a), Some(b)) => a == b,
            _ => true,
        };
        self.document == other.document
            && self.items == other.items
            && agree(&self.start_time, &other.start_time)
            && agree(&self.location, &other.location)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Minutes of Direktionen on `day` with two items; `more` adds text to
    /// the first item's background, as a fuller reading of the same meeting.
    fn minutes(kind: &str, day: &str, second: &str, more: &str) -> String {
        format!(
            "{kind} Direktionen d. {day}\n\nPunkt 1: Budget 2026\n\n24/1\n\nBaggrund\n\n\
             Budgettet lægges frem.{more}\n\nPunkt 2: {second}\n\n24/2\n"
        )
    }

    fn texts(files: &[(&str, String)]) -> Vec<(String, String)> {
        files
            .iter()
            .map(|(n, t)| (n.to_string(), t.clone()))
            .collect()
    }

    fn readings() -> Vec<(&'static str, String)> {
        vec![
            ("a.txt", minutes("REFERAT", "25-08-2025", "Drift", "")),
            (
                "b.txt",
                minutes("REFERAT", "25-08-2025", "Drift", " Med alle bilag."),
            ),
            ("c.txt", minutes("REFERAT", "25-08-2025", "drift", "")),
        ]
    }

    #[test]
    fn readings_of_one_meeting_are_one_meeting_listing_every_file() {
        let corpus = Corpus::from_texts(texts(&readings()));
        assert_eq!(corpus.meetings().len(), 1);
        let meeting = &corpus.meetings()[0];
        assert_eq!(meeting.source, "b.txt", "the fullest reading is kept");
        assert_eq!(meeting.also_in, ["a.txt", "c.txt"]);
        let (id, _) = corpus.with_ids().next().unwrap();
        assert!(corpus.reports.iter().all(|r| r.meeting == Some(id)));
        assert_eq!(corpus.case("24/1").len(), 1, "the item once");
        assert_eq!(corpus.case_timeline("24/2").len(), 1);
    }

    #[test]
    fn equal_readings_keep_the_first_file() {
        let corpus = Corpus::from_texts(texts(&[
            ("b.txt", minutes("REFERAT", "25-08-2025", "Drift", "")),
            ("a.txt", minutes("REFERAT", "25-08-2025", "Drift", "")),
        ]));
        assert_eq!(corpus.meetings()[0].source, "a.txt");
        assert_eq!(corpus.meetings()[0].also_in, ["b.txt"]);
    }

    #[test]
    fn other_days_kinds_and_items_stay_apart() {
        let corpus = Corpus::from_texts(texts(&[
            ("a.txt", minutes("REFERAT", "25-08-2025", "Drift", "")),
            (
                "agenda.txt",
                minutes("DAGSORDEN", "25-08-2025", "Drift", ""),
            ),
            ("other.txt", minutes("REFERAT", "25-08-2025", "Anlæg", "")),
            ("later.txt", minutes("REFERAT", "26-08-2025", "Drift", "")),
        ]));
        assert_eq!(corpus.meetings().len(), 4);
        assert!(corpus.meetings().iter().all(|m| m.also_in.is_empty()));
        assert_eq!(corpus.case("24/1").len(), 4);
    }

    #[test]
    fn two_meetings_of_a_day_at_other_hours_or_rooms_stay_apart() {
        let at = |time: &str, room: &str| {
            let text = minutes("REFERAT", "25-08-2025", "Drift", "");
            let (title, rest) = text.split_once("\n\n").unwrap();
            format!(
                "{title}\n\nMødedato Mandag d. 25. august 2025 kl. {time}\n\nMødested {room}\n\n{rest}"
            )
        };
        let corpus = Corpus::from_texts(texts(&[
            ("a.txt", at("09:00", "Mødelokale 1")),
            ("b.txt", at("09:30", "Mødelokale 1")),
            ("c.txt", at("09:00", "Mødelokale 2")),
            // Neither time nor room given.
            ("d.txt", minutes("REFERAT", "25-08-2025", "Drift", "")),
        ]));
        let sources: Vec<(&str, &[String])> = corpus
            .meetings()
            .iter()
            .map(|m| (m.source.as_str(), m.also_in.as_slice()))
            .collect();
        // d.txt could be any of the three: it stays a meeting of its own.
        assert_eq!(corpus.meetings().len(), 4, "{sources:?}");
        assert!(
            corpus.meetings().iter().all(|m| m.also_in.is_empty()),
            "{sources:?}"
        );
        let times: Vec<_> = corpus
            .meetings()
            .iter()
            .map(|m| m.start_time.clone())
            .collect();
        assert!(times.contains(&Some("09:30".into())), "{times:?}");
    }

    #[test]
    fn a_reading_without_a_time_joins_no_meeting_when_two_of_the_day_would_take_it() {
        let at = |time: &str| {
            let text = minutes("REFERAT", "25-08-2025", "Drift", "");
            let (title, rest) = text.split_once("\n\n").unwrap();
            format!("{title}\n\nMødedato Mandag d. 25. august 2025 kl. {time}\n\n{rest}")
        };
        let files = [
            ("a.txt", minutes("REFERAT", "25-08-2025", "Drift", "")),
            ("b.txt", at("09:00")),
            ("c.txt", at("09:30")),
        ];
        let one = Corpus::from_texts(texts(&files));
        assert_eq!(one.meetings().len(), 3, "a could be either");
        // Streamed, the same when the timed readings come first. (One that
        // came while its day had one meeting stays folded into it until the
        // next load: a fold is not taken back.)
        for order in [[1, 2, 0], [2, 1, 0]] {
            let mut streamed = Corpus::default();
            for i in order {
                streamed.merge(Corpus::from_texts(texts(&files[i..=i])));
            }
            assert_eq!(streamed.meetings().len(), 3, "{order:?}");
        }
        // With one meeting of the day, the reading without a time is its.
        let two = Corpus::from_texts(texts(&files[..2]));
        assert_eq!(two.meetings().len(), 1);
    }

    #[test]
    fn a_batch_bringing_a_fuller_reading_keeps_the_meetings_id() {
        let files = readings();
        let mut corpus = Corpus::from_texts(texts(&files[..1]));
        let (id, _) = corpus.with_ids().next().unwrap();
        let before = ItemRef {
            meeting: id,
            item: 1,
        };
        let renumbered = corpus.merge(Corpus::from_texts(texts(&files[1..2])));
        assert_eq!(corpus.meetings().len(), 1);
        assert_eq!(corpus.meeting(id).unwrap().source, "b.txt");
        assert_eq!(corpus.meeting(id).unwrap().also_in, ["a.txt"]);
        assert_eq!(corpus.get(before).1.title, "Drift");
        // The batch's own id for it is given up, and its items are no new items.
        let theirs = MeetingId(0);
        assert_eq!(renumbered.id(theirs), None);
        assert_eq!(
            renumbered.item(ItemRef {
                meeting: theirs,
                item: 0
            }),
            None
        );
        assert_eq!(
            corpus.case("24/1"),
            [ItemRef {
                meeting: id,
                item: 0
            }]
        );
        assert!(corpus.reports.iter().all(|r| r.meeting == Some(id)));
    }

    #[test]
    fn batches_in_any_order_fold_to_what_one_load_gives() {
        let files = readings();
        let whole = Corpus::from_texts(texts(&files));
        for order in [[0, 1, 2], [2, 1, 0], [1, 0, 2], [2, 0, 1]] {
            let mut corpus = Corpus::default();
            for i in order {
                corpus.merge(Corpus::from_texts(texts(&files[i..=i])));
            }
            assert_eq!(corpus.meetings(), whole.meetings(), "{order:?}");
            assert_eq!(corpus.case("24/1").len(), 1);
        }
    }

    #[test]
    fn a_reload_keeps_the_id_whichever_reading_is_left() {
        let files = readings();
        let before = Corpus::from_texts(texts(&files));
        let (id, _) = before.with_ids().next().unwrap();
        // The fullest reading's file is gone: the meeting is still the same.
        let mut after = Corpus::from_texts(texts(&[files[0].clone(), files[2].clone()]));
        after.keep_ids_of(&before);
        assert_eq!(after.with_ids().next().unwrap().0, id);
        assert_eq!(after.meeting(id).unwrap().source, "a.txt");
    }

    #[test]
    fn a_warm_load_keeps_the_reading_a_cold_one_keeps() {
        use crate::corpus::CacheMode;
        let dir = tempfile::tempdir().unwrap();
        for (name, text) in readings() {
            std::fs::write(dir.path().join(name), text).unwrap();
        }
        let cache_dir = tempfile::tempdir().unwrap();
        let cache = CacheMode::At(cache_dir.path().join("cache"));
        let paths = [dir.path().to_path_buf()];
        let (cold, stats) = Corpus::load_with(&paths, &cache);
        assert_eq!(stats.cached, 0);
        let (warm, stats) = Corpus::load_with(&paths, &cache);
        assert_eq!(stats.cached, 3);
        assert!(warm.meetings()[0].items[0].sections.in_memory().is_none());
        assert!(cold.meetings()[0].source.ends_with("b.txt"));
        assert_eq!(warm.meetings()[0].source, cold.meetings()[0].source);
        assert_eq!(warm.meetings()[0].also_in, cold.meetings()[0].also_in);
    }
}
