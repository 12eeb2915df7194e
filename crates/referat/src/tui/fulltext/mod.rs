//! Full-text search (`S`): every word of a query in the text of every item.
//!
//! The search itself is the library's ([`referat_core::search`]); this module keeps it
//! off the input thread. A worker thread, started the first time the popup
//! opens, folds the corpus once into a [`SearchIndex`] and then answers queries
//! from a channel. Every keystroke sends the query with a new generation number;
//! the worker skips requests that a newer one has already overtaken, and the
//! browser drops answers whose generation is not the latest, so results never
//! flicker back to an older query. Queries take tens of milliseconds on ten
//! thousand meetings, so typing stays instant and results follow a frame or two
//! behind.

use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender, TryRecvError};
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

pub mod view;

use super::action::Action;
use super::filter::MeetingFilter;
use super::list::ListCursor;
use super::list::page_delta;
use super::query::edit_selected_query;
use referat_core::corpus::{Corpus, ItemRef};
use referat_core::search::{Filters, Hit, Match, Query, SearchIndex};

/// A query for the worker.
#[derive(Debug)]
struct Request {
    generation: u64,
    query: String,
}

/// The worker's answer to one query.
#[derive(Debug, Clone)]
pub struct Response {
    pub generation: u64,
    pub matches: Vec<Match>,
}

/// The channel ends of a running worker.
struct Worker {
    requests: Sender<Request>,
    responses: Receiver<Response>,
}

/// The full-text search popup's engine, query and results.
pub struct FullText {
    corpus: Arc<Corpus>,
    /// Built by the worker; read here for the preview's hits.
    index: Arc<OnceLock<SearchIndex>>,
    worker: Option<Worker>,
    query: String,
    /// The generation of the latest query sent.
    generation: u64,
    /// The generation the results belong to.
    answered: u64,
    matches: Vec<Match>,
    pub cursor: ListCursor,
    /// Every hit of the selected result, for the preview, and which result
    /// (item and generation) they were computed for.
    preview: Vec<Hit>,
    preview_of: Option<(ItemRef, u64)>,
    /// The query was reopened and is selected: typing replaces it.
    query_selected: bool,
    /// Enter was pressed while the query ran: open the result when it is in.
    open_when_done: bool,
    /// Moves typed while the query ran, made once its results are in.
    pending_moves: isize,
    /// Only results in the meetings this passes are kept: the meetings
    /// list's filter.
    keep: MeetingFilter,
}

/// What a key in full-text search asks of the app.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// The query changed, the cursor moved, or nothing did.
    Stay,
    /// Open the selected result.
    Open,
    /// Enter while the query still runs: the result opens when it is in
    /// ([`FullText::take_open_when_done`]).
    Waiting,
    /// Close the popup and go back to where the reader was.
    Close,
}

impl FullText {
    /// Applies a key's action: the prompt's editing keys change the query,
    /// Enter opens the selected result, Esc closes, the moving keys move the
    /// cursor over `height` rows.
    pub fn update(&mut self, action: Action, height: usize) -> Outcome {
        let mut query = self.query().to_string();
        if edit_selected_query(&mut query, &mut self.query_selected, action) {
            self.open_when_done = false;
            self.set_query(&query);
            return Outcome::Stay;
        }
        match action {
            // Keys typed ahead meet the results of the query as typed: an
            // Enter while it runs opens the result once it is in.
            Action::Enter if self.searching() => {
                self.open_when_done = true;
                Outcome::Waiting
            }
            Action::Enter => Outcome::Open,
            Action::Back => Outcome::Close,
            other => {
                match page_delta(other, height) {
                    // Typed ahead: it moves over the results of the query
                    // as typed, once they are in.
                    Some(delta) if self.searching() => {
                        // To the top or the bottom is where it ends, whatever
                        // came before; steps add up.
                        self.pending_moves = if delta.unsigned_abs() >= isize::MAX as usize / 4 {
                            delta
                        } else {
                            self.pending_moves.saturating_add(delta)
                        }
                    }
                    Some(delta) => {
                        let len = self.matches().len();
                        self.cursor.move_by(delta, len);
                    }
                    None => {}
                }
                Outcome::Stay
            }
        }
    }

    /// An idle engine; nothing is folded or started until [`FullText::start`].
    pub fn new(corpus: Arc<Corpus>) -> FullText {
        FullText {
            corpus,
            index: Arc::new(OnceLock::new()),
            worker: None,
            query: String::new(),
            generation: 0,
            answered: 0,
            matches: Vec::new(),
            cursor: ListCursor::default(),
            preview: Vec::new(),
            preview_of: None,
            query_selected: false,
            open_when_done: false,
            pending_moves: 0,
            keep: MeetingFilter::default(),
        }
    }

    /// Starts the worker (once): it builds the index, then waits for queries.
    pub fn start(&mut self) {
        if self.worker.is_some() {
            return;
        }
        let (requests, inbox) = mpsc::channel::<Request>();
        let (outbox, responses) = mpsc::channel::<Response>();
        let corpus = Arc::clone(&self.corpus);
        let index = Arc::clone(&self.index);
        let spawned = std::thread::Builder::new()
            .name("referat-search".into())
            .spawn(move || {
                let index = index.get_or_init(|| SearchIndex::new(&corpus));
                while let Ok(mut request) = inbox.recv() {
                    // Only the newest query matters.
                    loop {
                        match inbox.try_recv() {
                            Ok(newer) => request = newer,
                            Err(TryRecvError::Empty) => break,
                            Err(TryRecvError::Disconnected) => return,
                        }
                    }
                    let query = Query::parse(&request.query);
                    let matches = index.search(&corpus, &query, &Filters::default());
                    let answer = Response {
                        generation: request.generation,
                        matches,
                    };
                    if outbox.send(answer).is_err() {
                        return;
                    }
                }
            });
        if spawned.is_ok() {
            self.worker = Some(Worker {
                requests,
                responses,
            });
        }
    }

    /// Opens the popup: starts the worker, and sends the query if it has not
    /// been answered for this corpus yet (after a reload). The last query
    /// shows selected: typing replaces it, Enter reuses it.
    pub fn open(&mut self) {
        self.query_selected = !self.query.is_empty();
        self.open_when_done = false;
        self.start();
        if self.generation == 0 && !self.query.is_empty() {
            let query = std::mem::take(&mut self.query);
            self.set_query(&query);
        }
    }

    /// Limits the results to the meetings `keep` passes (all, when it is
    /// empty); a query already answered is asked again.
    pub fn limit_to(&mut self, keep: &MeetingFilter) {
        if *keep == self.keep {
            return;
        }
        self.keep = keep.clone();
        if self.generation > 0 && !self.query.is_empty() {
            let query = std::mem::take(&mut self.query);
            self.set_query(&query);
        }
    }

    /// Keeps `query` as the text of the popup without searching yet: after a
    /// reload, the search runs again when the popup opens.
    pub fn keep_query(&mut self, query: &str) {
        self.query = query.to_string();
    }

    /// Whether the index has been built.
    pub fn indexed(&self) -> bool {
        self.index.get().is_some()
    }

    /// Whether the query is selected (just reopened).
    pub fn query_selected(&self) -> bool {
        self.query_selected
    }

    /// Whether an Enter pressed while the query ran is due now that its
    /// results are in; asking clears it.
    pub fn take_open_when_done(&mut self) -> bool {
        let due = self.open_when_done && !self.searching();
        if due {
            self.open_when_done = false;
        }
        due
    }

    /// The query as typed.
    pub fn query(&self) -> &str {
        &self.query
    }

    /// Sets the query and sends it to the worker; the results come later
    /// through [`FullText::receive`]. An empty query has no results at once.
    pub fn set_query(&mut self, query: &str) {
        if query == self.query && self.generation > 0 {
            return;
        }
        self.query = query.to_string();
        self.generation += 1;
        self.cursor = ListCursor::default();
        self.pending_moves = 0;
        if Query::parse(query).is_empty() {
            self.accept(Response {
                generation: self.generation,
                matches: Vec::new(),
            });
            return;
        }
        self.start();
        let request = Request {
            generation: self.generation,
            query: query.to_string(),
        };
        let sent = self
            .worker
            .as_ref()
            .is_some_and(|w| w.requests.send(request).is_ok());
        if !sent {
            // No thread to spare: search here rather than never answer.
            self.worker = None;
            let index = self.index.get_or_init(|| SearchIndex::new(&self.corpus));
            let matches = index.search(&self.corpus, &Query::parse(query), &Filters::default());
            self.accept(Response {
                generation: self.generation,
                matches,
            });
        }
    }

    /// Takes an answer if it belongs to the latest query; returns whether it
    /// was taken. Answers to older queries are dropped.
    pub fn accept(&mut self, response: Response) -> bool {
        if response.generation != self.generation {
            return false;
        }
        let mut matches = response.matches;
        if !self.keep.is_empty() {
            let corpus = &self.corpus;
            let keep = &self.keep;
            matches.retain(|m| corpus.meeting(m.at.meeting).is_some_and(|m| keep.passes(m)));
        }
        self.matches = matches;
        self.answered = response.generation;
        let moves = std::mem::take(&mut self.pending_moves);
        self.cursor.move_by(moves, self.matches.len());
        self.preview_of = None;
        true
    }

    /// Takes whatever answers have arrived without waiting; returns whether the
    /// results changed.
    pub fn receive(&mut self) -> bool {
        let mut changed = false;
        while let Some(response) = self
            .worker
            .as_ref()
            .and_then(|w| w.responses.try_recv().ok())
        {
            changed |= self.accept(response);
        }
        changed
    }

    /// Waits up to `limit` for the answer to the latest query (tests).
    pub fn settle(&mut self, limit: Duration) {
        let deadline = Instant::now() + limit;
        while self.searching() {
            let left = deadline.saturating_duration_since(Instant::now());
            let Some(worker) = &self.worker else { return };
            match worker.responses.recv_timeout(left) {
                Ok(response) => {
                    self.accept(response);
                }
                Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => return,
            }
        }
    }

    /// Whether the latest query has not been answered yet.
    pub fn searching(&self) -> bool {
        self.answered != self.generation
    }

    /// The results of the latest answered query, newest meeting first.
    pub fn matches(&self) -> &[Match] {
        &self.matches
    }

    /// The result the cursor is on.
    pub fn selected(&self) -> Option<&Match> {
        self.matches.get(self.cursor.selected)
    }

    /// Every hit of the selected result, in document order (its first hit
    /// while the index is still being built).
    pub fn preview(&self) -> &[Hit] {
        &self.preview
    }

    /// Clamps the cursor to the results and `height` rows, and computes the
    /// selected result's hits when the selection changed.
    pub fn refresh(&mut self, height: usize) {
        self.cursor.clamp(self.matches.len(), height);
        let Some(m) = self.matches.get(self.cursor.selected) else {
            self.preview.clear();
            self.preview_of = None;
            return;
        };
        let key = (m.at, self.answered);
        if self.preview_of == Some(key) {
            return;
        }
        let hits = match self.index.get() {
            Some(index) => index.hits(
                &self.corpus,
                m.at,
                &Query::parse(&self.query),
                &Filters::default(),
            ),
            None => Vec::new(),
        };
        self.preview = if hits.is_empty() {
            vec![m.first_hit(&self.corpus)]
        } else {
            hits
        };
        self.preview_of = Some(key);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn engine() -> FullText {
        FullText::new(Arc::new(crate::tui::testing::corpus()))
    }

    #[test]
    fn an_enter_while_the_query_runs_waits_for_its_results() {
        let mut ft = engine();
        ft.open();
        ft.set_query("kvarterhus");
        // Nothing is received until asked: the query is still running.
        assert!(ft.searching());
        assert_eq!(ft.update(Action::Enter, 10), Outcome::Waiting);
        assert!(!ft.take_open_when_done(), "not before the results are in");
        ft.settle(Duration::from_secs(10));
        assert!(ft.take_open_when_done());
        assert!(!ft.take_open_when_done(), "once");
        assert!(!ft.matches().is_empty());
        // Typing after such an Enter is a new query: the Enter is forgotten.
        ft.set_query("kvarter");
        ft.update(Action::Enter, 10);
        ft.update(Action::Input('h'), 10);
        ft.settle(Duration::from_secs(10));
        assert!(!ft.take_open_when_done());
    }

    #[test]
    fn reopened_the_last_query_is_selected_so_typing_replaces_it() {
        let mut ft = engine();
        ft.open();
        ft.set_query("kvarterhus");
        ft.settle(Duration::from_secs(10));
        ft.open();
        assert!(ft.query_selected());
        ft.update(Action::Input('b'), 10);
        assert_eq!(ft.query(), "b");
        assert!(!ft.query_selected());
        ft.update(Action::Input('u'), 10);
        assert_eq!(ft.query(), "bu");
    }
}
