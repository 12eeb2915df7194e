//! Following: a case number, a full-text query or a forum, and what is new
//! about each since the user last looked.
//!
//! The watch list ([`WatchList`]) is plain data, kept by [`store`] in the
//! state folder. It remembers two things about items, by their [`item_key`]
//! (a key that survives reloads, re-sorting and other runs, unlike an
//! [`ItemRef`]):
//! - per followed thing, the items `referat news` has already reported or
//!   that were there when it was followed ([`Followed::known`]), so news lists
//!   each new item once;
//! - the items the user has seen in the browser ([`WatchList::seen`]), so a new
//!   item carries a marker there until it is opened. Only items of followed
//!   things are remembered: nothing else is ever marked.
//!
//! What a followed thing matches ([`Follow::hits`]) is computed on a loaded
//! corpus with the same mechanisms as `referat case` and `referat search`.

pub mod store;

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use referat_core::corpus::{Corpus, ItemRef, TimelineEntry};
use referat_core::model::{Date, Item, Meeting, SectionKind};
use referat_core::search::{Filters, Query, SearchIndex};

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
                    TimelineEntry::History { entry: h, via } => {
                        if !filters.meeting_passes(&h.forum, h.date) {
                            return None;
                        }
                        let (meeting, item) = corpus.get(via);
                        let date = h.date.map(|d| d.to_string()).unwrap_or_default();
                        let number = h.number.map(|n| n.to_string()).unwrap_or_default();
                        Some(Hit {
                            key: format!(
                                "history|{date}|{}|{number}|{}",
                                h.forum,
                                item_key(meeting, item)
                            ),
                            entry,
                        })
                    }
                })
                .collect(),
            (None, Some(query)) => {
                let query = Query::parse(query);
                SearchIndex::for_query(corpus, &query, &filters)
                    .search(corpus, &query, &filters)
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
        hits.sort_by_key(|h| {
            let order = corpus.order_key(h.entry.target());
            (corpus.timeline_date(&h.entry), order)
        });
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
    /// Keys of the items that are not news any more: there when it was
    /// followed, or reported by `referat news`.
    #[serde(default)]
    pub known: BTreeSet<String>,
}

/// What the user follows and has seen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WatchList {
    /// The file format's version ([`store::VERSION`]).
    pub version: u32,
    /// The id the next follow gets.
    pub next_id: u32,
    pub follows: Vec<Followed>,
    /// Keys of the items of followed things the user has seen in the browser.
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
    /// Follows `follow`, with the keys of what it matches now as already known
    /// and seen: what is there when one starts following is not news.
    pub fn add(&mut self, follow: Follow, now: &[Hit<'_>], today: Option<Date>) -> Added {
        if let Some(existing) = self.follows.iter().find(|f| f.follow == follow) {
            return Added::Already(existing.id);
        }
        let id = self.next_id.max(1);
        self.next_id = id + 1;
        let known: BTreeSet<String> = now.iter().map(|h| h.key.clone()).collect();
        self.seen.extend(known.iter().cloned());
        self.follows.push(Followed {
            id,
            follow,
            added: today,
            known,
        });
        Added::New(id)
    }

    /// Stops following `id`; what it was, if it was followed. Seen marks of
    /// items no other follow matches are dropped with it.
    pub fn remove(&mut self, id: u32) -> Option<Followed> {
        let at = self.follows.iter().position(|f| f.id == id)?;
        let gone = self.follows.remove(at);
        let still: BTreeSet<&String> = self.follows.iter().flat_map(|f| &f.known).collect();
        self.seen
            .retain(|k| !gone.known.contains(k) || still.contains(k));
        Some(gone)
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

    /// Records `keys` as reported by news for `id`.
    pub fn mark_known<'k>(&mut self, id: u32, keys: impl IntoIterator<Item = &'k str>) {
        if let Some(f) = self.follows.iter_mut().find(|f| f.id == id) {
            f.known.extend(keys.into_iter().map(str::to_string));
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
        assert!(dates.windows(2).all(|w| w[0] <= w[1]), "{dates:?}");
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
        let found = SearchIndex::new(&corpus).search(&corpus, &query, &Filters::default());
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
    fn adding_twice_keeps_one_and_removing_forgets_its_seen_marks() {
        let corpus = Corpus::bundled();
        let mut list = WatchList::default();
        let follow = Follow::case("24/24964");
        let hits = follow.hits(&corpus);
        assert_eq!(list.add(follow.clone(), &hits, None), Added::New(1));
        assert_eq!(list.add(follow, &hits, None), Added::Already(1));
        assert_eq!(list.seen.len(), hits.len());
        assert_eq!(list.case_id(" 24/24964 "), Some(1));
        assert!(list.remove(1).is_some());
        assert!(list.seen.is_empty());
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
    }
}
