//! Following: a case number, a full-text query or a forum, and what is new
//! about each since the user last looked.
//!
//! The watch list ([`WatchList`]) is plain data, kept by [`store`] in the
//! state folder. It remembers items by their [`item_key`] (a key that
//! survives reloads, re-sorting and other runs, unlike an [`ItemRef`]):
//! - per followed thing, what it matched when it was followed
//!   ([`Followed::baseline`]): that is news to no one;
//! - per followed thing, what `referat news` has listed
//!   ([`Followed::reported`]), so news lists each new item once;
//! - the items the user has read in the browser ([`WatchList::seen`]), so a
//!   new item carries a marker there until it is read. Only items the browser
//!   showed as new are marked: nothing else is ever written.
//!
//! The two notions of new are apart on purpose: a cron job running `referat
//! news` does not take the markers away from what the reader has not read,
//! and reading an item does not keep it out of the next `news`.
//!
//! What a followed thing matches ([`Follow::hits`]) is computed on a loaded
//! corpus with the same mechanisms as `referat case` and `referat search`.

pub mod store;

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use referat_core::corpus::{Corpus, ItemRef, TimelineEntry};
use referat_core::model::{Date, Item, Meeting, SectionKind};
use referat_core::search::{Filters, Query, search_once};

/// What the user follows: a case number, a query or (with neither) a forum,
/// each narrowed by the filters `referat search` takes.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Follow {
    /// Items carrying this case number, and case-history entries about it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub case: Option<String>,
    /// Items matching this full-text query (the syntax of `referat search`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub query: Option<String>,
    /// Only meetings of a forum whose name contains this; alone, every
    /// meeting of that forum.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub forum: Option<String>,
    /// For a query: only these section kinds are searched.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub kinds: Vec<SectionKind>,
    /// Only meetings on or after this date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<Date>,
    /// Only meetings on or before this date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<Date>,
}

/// One match of a followed thing: the row of the case timeline it stands for
/// and the key it is remembered by.
#[derive(Debug, Clone)]
pub struct Hit<'a> {
    pub key: String,
    pub entry: TimelineEntry<'a>,
}

impl Follow {
    /// A follow of `case`, of every meeting.
    pub fn case(case: &str) -> Follow {
        Follow {
            case: Some(case.trim().to_string()),
            ..Follow::default()
        }
    }

    /// Why the follow cannot be kept, if it cannot: it must name a case, a
    /// query or a forum, and not both a case and a query.
    pub fn problem(&self) -> Option<&'static str> {
        let blank = |s: &Option<String>| s.as_deref().is_some_and(|s| s.trim().is_empty());
        if blank(&self.case) || blank(&self.query) || blank(&self.forum) {
            return Some("an empty case number, query or forum follows nothing");
        }
        match (&self.case, &self.query, &self.forum) {
            (Some(_), Some(_), _) => Some("follow a case number or a query, not both at once"),
            (None, None, None) => Some("say what to follow: a case number, --query or --forum"),
            (Some(_), None, _) if !self.kinds.is_empty() => {
                Some("--in narrows a query; a case is followed in every section")
            }
            (None, None, Some(_)) if !self.kinds.is_empty() => {
                Some("--in narrows a query; a forum is followed with all its items")
            }
            _ => None,
        }
    }

    /// How the follow is named in lists: `case 24/24964`, `"nyt rådhus" in
    /// Direktionen`, `forum Byrådet from 2025-01-01`.
    pub fn label(&self) -> String {
        let mut label = match (&self.case, &self.query, &self.forum) {
            (Some(case), _, _) => format!("case {case}"),
            (None, Some(query), _) => format!("search {query}"),
            (None, None, Some(forum)) => format!("forum {forum}"),
            (None, None, None) => "nothing".to_string(),
        };
        if let (Some(forum), true) = (&self.forum, self.case.is_some() || self.query.is_some()) {
            label.push_str(&format!(" in {forum}"));
        }
        if !self.kinds.is_empty() {
            let kinds: Vec<&str> = self.kinds.iter().map(|k| k.name()).collect();
            label.push_str(&format!(" (in {})", kinds.join(", ")));
        }
        if let Some(from) = self.from {
            label.push_str(&format!(" from {from}"));
        }
        if let Some(to) = self.to {
            label.push_str(&format!(" to {to}"));
        }
        label
    }

    /// The meeting filters (and, for a query, the section kinds).
    pub fn filters(&self) -> Filters {
        Filters {
            kinds: self.kinds.clone(),
            forum: self.forum.clone(),
            from: self.from,
            to: self.to,
        }
    }

    /// Whether this follows exactly `case` and nothing narrower.
    pub fn is_case(&self, case: &str) -> bool {
        self.case
            .as_deref()
            .is_some_and(|c| c.eq_ignore_ascii_case(case.trim()))
            && self.query.is_none()
            && self.forum.is_none()
            && self.from.is_none()
            && self.to.is_none()
    }

    /// Everything the follow matches in `corpus`, oldest first: for a case its
    /// timeline (items and case-history entries), for a query the items
    /// `referat search` finds, for a forum every item of its meetings.
    pub fn hits<'a>(&self, corpus: &'a Corpus) -> Vec<Hit<'a>> {
        let filters = self.filters();
        let passes = |at: ItemRef| {
            let (meeting, _) = corpus.get(at);
            filters.meeting_passes(&meeting.forum, meeting.date)
        };
        let item_hit = |at: ItemRef| {
            let (meeting, item) = corpus.get(at);
            Hit {
                key: item_key(meeting, item),
                entry: TimelineEntry::Item(at),
            }
        };
        let mut hits: Vec<Hit<'a>> = match (&self.case, &self.query) {
            (Some(case), _) => corpus
                .case_timeline(case)
                .into_iter()
                .filter_map(|entry| match entry {
                    TimelineEntry::Item(at) => passes(at).then(|| item_hit(at)),
                    // Keyed by the entry itself, not by the item that told
                    // of it: a second file telling of the same meeting is no news.
                    TimelineEntry::History { entry: h, .. } => {
                        if !filters.meeting_passes(&h.forum, h.date) {
                            return None;
                        }
                        let date = h.date.map(|d| d.to_string()).unwrap_or_default();
                        let number = h.number.map(|n| n.to_string()).unwrap_or_default();
                        Some(Hit {
                            key: format!(
                                "history|{date}|{}|{number}|{}",
                                h.forum,
                                case.trim().to_lowercase()
                            ),
                            entry,
                        })
                    }
                })
                .collect(),
            (None, Some(query)) => {
                let query = Query::parse(query);
                search_once(corpus, &query, &filters)
                    .into_iter()
                    .map(|m| item_hit(m.at))
                    .collect()
            }
            (None, None) if self.forum.is_some() => corpus
                .item_refs()
                .filter(|&at| passes(at))
                .map(item_hit)
                .collect(),
            (None, None) => Vec::new(),
        };
        // A case's timeline is in its order already; search answers newest first.
        if self.case.is_none() {
            hits.sort_by_key(|h| corpus.order_key(h.entry.target()));
        }
        // One item is one hit, even when the case history names it twice.
        let mut keys = BTreeSet::new();
        hits.retain(|h| keys.insert(h.key.clone()));
        hits
    }
}

/// The key an item is remembered by across runs: its meeting (date, forum,
/// kind of document, time) and its number and title. Another file holding the
/// same meeting gives the same key; the minutes of a meeting whose agenda was
/// known give new ones, as they bring its decisions.
pub fn item_key(meeting: &Meeting, item: &Item) -> String {
    let date = meeting.date.map(|d| d.to_string()).unwrap_or_default();
    let kind = match meeting.document {
        referat_core::model::Document::Minutes => "minutes",
        referat_core::model::Document::Agenda => "agenda",
    };
    let time = meeting.start_time.as_deref().unwrap_or("");
    format!(
        "{date}|{}|{kind}|{time}|{}|{}",
        meeting.forum, item.number, item.title
    )
}

/// A followed thing on the watch list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Followed {
    /// Its number in `referat follow list`, never reused.
    pub id: u32,
    /// What is followed.
    #[serde(flatten)]
    pub follow: Follow,
    /// The day it was followed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub added: Option<Date>,
    /// Keys of what it matched when it was followed: never news.
    #[serde(default)]
    pub baseline: BTreeSet<String>,
    /// Keys of what `referat news` has listed for it.
    #[serde(default)]
    pub reported: BTreeSet<String>,
}

impl Followed {
    /// Whether `referat news` should list the hit with `key`.
    pub fn is_news(&self, key: &str) -> bool {
        !self.baseline.contains(key) && !self.reported.contains(key)
    }

    /// Whether the browser shows the hit with `key` as new, given what is `seen`.
    pub fn is_unread(&self, key: &str, seen: &BTreeSet<String>) -> bool {
        !self.baseline.contains(key) && !seen.contains(key)
    }
}

/// What the user follows and has seen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WatchList {
    /// The file format's version ([`store::VERSION`]).
    pub version: u32,
    /// The id the next follow gets.
    pub next_id: u32,
    pub follows: Vec<Followed>,
    /// Keys of the new items of followed things the user has read in the browser.
    #[serde(default)]
    pub seen: BTreeSet<String>,
}

impl Default for WatchList {
    fn default() -> WatchList {
        WatchList {
            version: store::VERSION,
            next_id: 1,
            follows: Vec::new(),
            seen: BTreeSet::new(),
        }
    }
}

/// What [`WatchList::add`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Added {
    /// Followed now, with this id.
    New(u32),
    /// It was followed already, with this id.
    Already(u32),
}

impl WatchList {
    /// Follows `follow`, with the keys of what it matches now as its
    /// baseline: what is there when one starts following is not news. Ids are
    /// never reused, even after a hand-edited `next_id`.
    pub fn add(&mut self, follow: Follow, now: &[Hit<'_>], today: Option<Date>) -> Added {
        if let Some(existing) = self.follows.iter().find(|f| f.follow == follow) {
            return Added::Already(existing.id);
        }
        let after_existing = self.follows.iter().map(|f| f.id).max().unwrap_or(0);
        let id = self.next_id.max(after_existing.saturating_add(1)).max(1);
        self.next_id = id.saturating_add(1);
        self.follows.push(Followed {
            id,
            follow,
            added: today,
            baseline: now.iter().map(|h| h.key.clone()).collect(),
            reported: BTreeSet::new(),
        });
        Added::New(id)
    }

    /// Stops following `id`; what it was, if it was followed. (Seen marks
    /// stay: another follow may match the same items.)
    pub fn remove(&mut self, id: u32) -> Option<Followed> {
        let at = self.follows.iter().position(|f| f.id == id)?;
        Some(self.follows.remove(at))
    }

    /// The follow with `id`.
    pub fn get(&self, id: u32) -> Option<&Followed> {
        self.follows.iter().find(|f| f.id == id)
    }

    /// The id of the plain follow of `case` (no filters), if there is one.
    pub fn case_id(&self, case: &str) -> Option<u32> {
        self.follows
            .iter()
            .find(|f| f.follow.is_case(case))
            .map(|f| f.id)
    }

    /// Records `keys` as listed by news for `id`.
    pub fn mark_reported<'k>(&mut self, id: u32, keys: impl IntoIterator<Item = &'k str>) {
        if let Some(f) = self.follows.iter_mut().find(|f| f.id == id) {
            f.reported.extend(keys.into_iter().map(str::to_string));
        }
    }

    /// Records `keys` as seen in the browser.
    pub fn mark_seen<'k>(&mut self, keys: impl IntoIterator<Item = &'k str>) {
        self.seen.extend(keys.into_iter().map(str::to_string));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_case_follow_matches_its_timeline_once_per_item() {
        let corpus = Corpus::bundled();
        let hits = Follow::case("24/24964").hits(&corpus);
        let expected = corpus.case("24/24964").len();
        assert!(expected >= 2, "the sample has the case more than once");
        let items = hits
            .iter()
            .filter(|h| matches!(h.entry, TimelineEntry::Item(_)))
            .count();
        assert_eq!(items, expected);
        let keys: BTreeSet<&str> = hits.iter().map(|h| h.key.as_str()).collect();
        assert_eq!(keys.len(), hits.len());
        let dates: Vec<_> = hits
            .iter()
            .map(|h| corpus.timeline_date(&h.entry))
            .collect();
        let timeline: Vec<_> = corpus
            .case_timeline("24/24964")
            .iter()
            .map(|e| corpus.timeline_date(e))
            .collect();
        assert_eq!(dates, timeline, "in the timeline's order");
    }

    #[test]
    fn a_query_follow_finds_what_search_finds_and_a_forum_its_meetings() {
        let corpus = Corpus::bundled();
        let follow = Follow {
            query: Some("kvarterhus".into()),
            ..Follow::default()
        };
        let hits = follow.hits(&corpus);
        let query = Query::parse("kvarterhus");
        let found = referat_core::search::SearchIndex::new(&corpus).search(
            &corpus,
            &query,
            &Filters::default(),
        );
        assert!(!found.is_empty());
        assert_eq!(hits.len(), found.len());
        let forum = Follow {
            forum: Some("direktionen".into()),
            ..Follow::default()
        };
        let items: usize = corpus
            .meetings()
            .iter()
            .filter(|m| m.forum.as_str() == "Direktionen")
            .map(|m| m.items.len())
            .sum();
        assert!(items > 0);
        assert_eq!(forum.hits(&corpus).len(), items);
    }

    #[test]
    fn keys_survive_a_reload_and_do_not_depend_on_the_file() {
        let corpus = Corpus::bundled();
        let again = Corpus::from_texts(
            referat_core::corpus::BUNDLED
                .iter()
                .map(|(name, text)| (format!("elsewhere/{name}"), text.to_string())),
        );
        let keys = |c: &Corpus| -> Vec<String> {
            Follow::case("24/24964")
                .hits(c)
                .into_iter()
                .map(|h| h.key)
                .collect()
        };
        assert_eq!(keys(&corpus), keys(&again));
    }

    #[test]
    fn follows_that_name_nothing_or_too_much_are_refused() {
        assert!(Follow::default().problem().is_some());
        let both = Follow {
            query: Some("x".into()),
            ..Follow::case("1/2")
        };
        assert!(both.problem().is_some());
        let blank = Follow::case("  ");
        assert!(blank.problem().is_some());
        let kinds_on_case = Follow {
            kinds: vec![SectionKind::Decision],
            ..Follow::case("1/2")
        };
        assert!(kinds_on_case.problem().is_some());
        assert_eq!(Follow::case("1/2").problem(), None);
    }

    #[test]
    fn adding_twice_keeps_one_and_what_was_there_is_neither_news_nor_unread() {
        let corpus = Corpus::bundled();
        let mut list = WatchList::default();
        let follow = Follow::case("24/24964");
        let hits = follow.hits(&corpus);
        assert_eq!(list.add(follow.clone(), &hits, None), Added::New(1));
        assert_eq!(list.add(follow, &hits, None), Added::Already(1));
        assert!(list.seen.is_empty(), "following marks nothing read");
        let followed = list.get(1).unwrap();
        assert!(hits.iter().all(|h| !followed.is_news(&h.key)));
        assert!(hits.iter().all(|h| !followed.is_unread(&h.key, &list.seen)));
        assert!(followed.is_news("2030-01-01|x"));
        assert_eq!(list.case_id(" 24/24964 "), Some(1));
        // Reported by news is no news again, but still unread in the browser.
        list.mark_reported(1, ["2030-01-01|x"]);
        let followed = list.get(1).unwrap();
        assert!(!followed.is_news("2030-01-01|x"));
        assert!(followed.is_unread("2030-01-01|x", &list.seen));
        list.mark_seen(["2030-01-01|x"]);
        assert!(list.remove(1).is_some());
        assert_eq!(list.seen.len(), 1, "seen marks stay");
        assert_eq!(list.remove(1), None);
        let forum = Follow {
            forum: Some("Direktionen".into()),
            ..Follow::default()
        };
        assert_eq!(
            list.add(forum, &[], None),
            Added::New(2),
            "ids are not reused"
        );
        // A hand-edited next_id below the ids in use gives no duplicate.
        list.next_id = 1;
        assert_eq!(list.add(Follow::case("1/1"), &[], None), Added::New(3));
        list.next_id = u32::MAX;
        assert_eq!(
            list.add(Follow::case("1/2"), &[], None),
            Added::New(u32::MAX)
        );
    }
}
