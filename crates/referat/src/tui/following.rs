//! The watch list in the browser: which items of the corpus shown are
//! followed and which of them are new (matched by a follow, neither in its
//! baseline nor read), kept in step with the corpus, and changes written
//! through to the store at once.
//!
//! The browser keeps its own copy of the list, but never writes that copy
//! back whole: each change (follow, unfollow, mark seen) is applied to the
//! file as it is then ([`Store::update`]), so another referat changing the
//! list meanwhile keeps its change, and the copy is replaced by what was
//! written.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::sync::{Arc, mpsc};

use referat_core::corpus::{Corpus, ItemRef, MeetingId};

use crate::follow::store::{Problem, Store};
use crate::follow::{Added, Follow, Followed, WatchList};

/// The watch list and what it means for the corpus shown.
#[derive(Debug, Default)]
pub struct Following {
    store: Option<Store>,
    list: WatchList,
    /// The file is another version's, so nothing is written to it.
    read_only: bool,
    /// What the follows match in the corpus shown.
    matched: Matched,
    /// The matched items with a hit neither in its follow's baseline nor read.
    new: HashSet<ItemRef>,
    /// Meetings with a new item.
    new_meetings: HashSet<MeetingId>,
    /// Per follow (by id), how many of its hits are new.
    counts: HashMap<u32, usize>,
    /// A refresh being worked out on another thread ([`Following::refresh_later`]).
    pending: Option<mpsc::Receiver<(u64, Matched)>>,
    /// Counts refreshes, so that a late answer to an old one is dropped.
    generation: u64,
    /// The last write failed: marks that happen by themselves (reading an
    /// item) wait for a change the reader asks for, rather than retry on
    /// every frame.
    write_failed: bool,
}

/// What the follows match in one corpus, kept apart from what is seen (which
/// changes far more often, and needs no search to apply).
#[derive(Debug, Default)]
struct Matched {
    /// Every matched item, with the follows (by id) that match it and the key
    /// of each match (an item reached through a case history has the history
    /// entry's key too).
    per_item: HashMap<ItemRef, Vec<(u32, String)>>,
    /// Per follow (by id), the keys of its hits.
    per_follow: Vec<(u32, Vec<String>)>,
}

impl Matched {
    fn of(follows: &[Followed], corpus: &Corpus) -> Matched {
        let mut matched = Matched::default();
        for followed in follows {
            let mut keys = Vec::new();
            for hit in followed.follow.hits(corpus) {
                keys.push(hit.key.clone());
                matched
                    .per_item
                    .entry(hit.entry.target())
                    .or_default()
                    .push((followed.id, hit.key));
            }
            matched.per_follow.push((followed.id, keys));
        }
        matched
    }
}

/// What following or unfollowing a case did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Toggled {
    Followed(String),
    Unfollowed(String),
}

impl Following {
    /// The watch list of `store` (none: following is off, as in tests), and
    /// what was wrong with its file.
    pub fn open(store: Option<Store>) -> (Following, Option<Problem>) {
        let mut following = Following {
            store,
            ..Following::default()
        };
        let problem = match following.store.as_ref().map(Store::load) {
            None => None,
            Some(Ok(loaded)) => {
                following.list = loaded.list;
                following.read_only = loaded.read_only;
                loaded.problem
            }
            Some(Err(e)) => Some(Problem(e.to_string())),
        };
        (following, problem)
    }

    /// A watch list held in memory only (tests).
    pub fn in_memory(list: WatchList) -> Following {
        Following {
            list,
            ..Following::default()
        }
    }

    /// The list as last read or written.
    pub fn list(&self) -> &WatchList {
        &self.list
    }

    /// Works out again what the follows match in `corpus` and what is new.
    pub fn refresh(&mut self, corpus: &Corpus) {
        self.generation += 1;
        self.pending = None;
        self.matched = Matched::of(&self.list.follows, corpus);
        self.apply_seen();
    }

    /// [`Following::refresh`] on another thread: searching for what a query
    /// follows takes a while on a large corpus, and the first frame should
    /// not wait for it. [`Following::receive`] takes the answer.
    pub fn refresh_later(&mut self, corpus: Arc<Corpus>) {
        if self.list.follows.is_empty() {
            return self.refresh(&corpus);
        }
        self.generation += 1;
        let generation = self.generation;
        let follows = self.list.follows.clone();
        let (answer, pending) = mpsc::channel();
        std::thread::spawn(move || {
            let _ = answer.send((generation, Matched::of(&follows, &corpus)));
        });
        self.pending = Some(pending);
    }

    /// Takes the answer of [`Following::refresh_later`] if it is in; whether
    /// what is new changed.
    pub fn receive(&mut self) -> bool {
        let Some(pending) = &self.pending else {
            return false;
        };
        match pending.try_recv() {
            Err(mpsc::TryRecvError::Empty) => false,
            Ok((generation, matched)) if generation == self.generation => {
                self.pending = None;
                self.matched = matched;
                self.apply_seen();
                true
            }
            _ => {
                self.pending = None;
                false
            }
        }
    }

    /// Whether the last change could not be written.
    pub fn write_failed(&self) -> bool {
        self.write_failed
    }

    /// Whether a refresh is being worked out on another thread.
    pub fn pending(&self) -> bool {
        self.pending.is_some()
    }

    /// What is new, from what is matched and what is seen: a hit neither in
    /// its follow's baseline nor read.
    fn apply_seen(&mut self) {
        let list = &self.list;
        let unread =
            |id: u32, key: &str| list.get(id).is_some_and(|f| f.is_unread(key, &list.seen));
        self.counts = self
            .matched
            .per_follow
            .iter()
            .map(|(id, keys)| (*id, keys.iter().filter(|k| unread(*id, k)).count()))
            .collect();
        self.new = self
            .matched
            .per_item
            .iter()
            .filter(|(_, hits)| hits.iter().any(|(id, key)| unread(*id, key)))
            .map(|(at, _)| *at)
            .collect();
        self.new_meetings = self.new.iter().map(|at| at.meeting).collect();
    }

    /// Whether the item is followed and not seen yet.
    pub fn is_new(&self, at: ItemRef) -> bool {
        self.new.contains(&at)
    }

    /// Whether any item of the meeting is new.
    pub fn meeting_has_new(&self, id: MeetingId) -> bool {
        self.new_meetings.contains(&id)
    }

    /// How many items are new in all.
    pub fn new_count(&self) -> usize {
        self.new.len()
    }

    /// How many hits of the follow `id` are new.
    pub fn new_of(&self, id: u32) -> usize {
        self.counts.get(&id).copied().unwrap_or(0)
    }

    /// Whether `case` is followed as itself (not narrowed by filters).
    pub fn follows_case(&self, case: &str) -> bool {
        self.list.case_id(case).is_some()
    }

    /// Marks `ats` seen, in the file too; how many were new. Nothing is
    /// written when none was.
    pub fn mark_seen(&mut self, corpus: &Corpus, ats: &[ItemRef]) -> Result<usize, String> {
        let keys: BTreeSet<String> = ats
            .iter()
            .filter(|at| self.is_new(**at))
            .flat_map(|at| self.matched.per_item.get(at).into_iter().flatten())
            .map(|(_, key)| key.clone())
            .collect();
        if keys.is_empty() {
            return Ok(0);
        }
        let marked = ats.iter().filter(|at| self.is_new(**at)).count();
        self.change(corpus, |list| {
            list.mark_seen(keys.iter().map(String::as_str))
        })?;
        Ok(marked)
    }

    /// Follows `case`, or stops following it when it is followed.
    pub fn toggle_case(&mut self, corpus: &Corpus, case: &str) -> Result<Toggled, String> {
        match self.list.case_id(case) {
            Some(id) => {
                self.change(corpus, |list| {
                    list.remove(id);
                })?;
                Ok(Toggled::Unfollowed(case.to_string()))
            }
            None => {
                let follow = Follow::case(case);
                let hits = follow.hits(corpus);
                let today = referat_core::model::Date::today();
                self.change(corpus, move |list| -> Added {
                    list.add(follow, &hits, today)
                })?;
                Ok(Toggled::Followed(case.to_string()))
            }
        }
    }

    /// Stops following `id`.
    pub fn remove(&mut self, corpus: &Corpus, id: u32) -> Result<(), String> {
        self.change(corpus, |list| {
            list.remove(id);
        })
    }

    /// Applies `change` to the file (or, without a store, to the copy), then
    /// takes the list as written and works out what is new again: with a
    /// search when the follows changed (here or in another referat), from
    /// what is matched already when only seen marks did.
    fn change<R>(
        &mut self,
        corpus: &Corpus,
        change: impl FnOnce(&mut WatchList) -> R,
    ) -> Result<(), String> {
        if self.read_only {
            self.write_failed = true;
            return Err("the watch list is another version's and is left as it is".into());
        }
        // What is followed, without the (large) sets of keys.
        let follows = |list: &WatchList| -> Vec<(u32, Follow)> {
            list.follows
                .iter()
                .map(|f| (f.id, f.follow.clone()))
                .collect()
        };
        let before = follows(&self.list);
        match &self.store {
            Some(store) => {
                let written = store.update(change).map_err(|e| e.to_string());
                self.write_failed = written.is_err();
                self.list = written?.0.list;
            }
            None => {
                change(&mut self.list);
            }
        }
        if follows(&self.list) == before {
            self.apply_seen();
        } else {
            self.refresh(corpus);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn following_a_case_marks_what_is_there_seen_and_a_new_item_new() {
        let corpus = Corpus::bundled();
        let mut following = Following::in_memory(WatchList::default());
        assert_eq!(
            following.toggle_case(&corpus, "24/24964"),
            Ok(Toggled::Followed("24/24964".into()))
        );
        assert!(following.follows_case("24/24964"));
        assert_eq!(
            following.new_count(),
            0,
            "what is there when followed is seen"
        );
        // Take one item out of the baseline: it is new, and its meeting.
        let at = corpus.case("24/24964")[0];
        let key = following.matched.per_item[&at][0].1.clone();
        following.list.follows[0].baseline.remove(&key);
        following.refresh(&corpus);
        assert!(following.is_new(at));
        assert!(following.meeting_has_new(at.meeting));
        assert_eq!(following.new_of(1), 1);
        assert_eq!(following.mark_seen(&corpus, &[at]), Ok(1));
        assert!(!following.is_new(at));
        assert_eq!(following.mark_seen(&corpus, &[at]), Ok(0));
        assert_eq!(
            following.toggle_case(&corpus, "24/24964"),
            Ok(Toggled::Unfollowed("24/24964".into()))
        );
        assert!(following.list().follows.is_empty());
    }

    #[test]
    fn a_refresh_on_another_thread_arrives_and_an_older_one_is_dropped() {
        let corpus = Arc::new(Corpus::bundled());
        let mut following = Following::in_memory(WatchList::default());
        following.toggle_case(&corpus, "24/24964").unwrap();
        following.list.follows[0].baseline.clear();
        following.refresh_later(Arc::clone(&corpus));
        assert!(following.pending());
        assert_eq!(following.new_count(), 0, "not yet: the old answer stands");
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        while !following.receive() {
            assert!(std::time::Instant::now() < deadline, "no answer");
            std::thread::sleep(std::time::Duration::from_millis(1));
        }
        assert!(!following.pending());
        assert_eq!(following.new_count(), corpus.case("24/24964").len());
        // A refresh asked for later wins over one still on its way.
        following.refresh_later(Arc::clone(&corpus));
        following.list.follows.clear();
        following.refresh(&corpus);
        assert!(!following.pending());
        assert!(!following.receive());
        assert_eq!(following.new_count(), 0);
    }

    #[test]
    fn changes_go_through_the_store_and_keep_another_process_change() {
        let dir = tempfile::tempdir().unwrap();
        let corpus = Corpus::bundled();
        let (mut following, problem) = Following::open(Some(Store::in_dir(dir.path())));
        assert_eq!(problem, None);
        // Another referat follows something meanwhile.
        Store::in_dir(dir.path())
            .update(|l| l.add(Follow::case("1/1"), &[], None))
            .unwrap();
        following.toggle_case(&corpus, "24/24964").unwrap();
        let on_disk = Store::in_dir(dir.path()).load().unwrap().list;
        assert_eq!(on_disk.follows.len(), 2);
        assert_eq!(following.list(), &on_disk);
    }
}
