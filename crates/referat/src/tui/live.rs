//! Live reload: the opened folders are watched ([`referat_core::watch`]), and when
//! minutes are added, changed or removed the corpus is read again on a
//! background thread and handed to the browser, which swaps it in without
//! losing the selection (`App::replace_corpus`, reached through [`super::App::handle`]).
//!
//! The first load streams: the meetings come in batches as they are read
//! ([`Corpus::load_streaming`]), each with its items' finder haystacks made
//! on the loader's thread, and the browser fills in as they arrive (each a
//! [`super::Message::Loaded`], which [`super::App::handle`] merges in).
//! Reloads hand over one finished corpus.
//!
//! Reading everything again is simple and, with the warm-start cache, cheap at
//! the scale of one person's folders: unchanged files come from the cache.
//! Changes that arrive while a reload runs are gathered and start one more
//! reload when it ends.

use std::panic::AssertUnwindSafe;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, Sender, TryRecvError};

use super::finder::Haystacks;
use referat_core::corpus::{Batches, CacheMode, Corpus, Progress};
use referat_core::watch::{self, Change, Watcher};

/// A corpus read again, and what changed to cause it.
pub struct Reloaded {
    pub corpus: Corpus,
    pub change: Change,
}

/// What a load hands to the browser.
pub enum Loaded {
    /// Meetings the first load has read so far (a sorted corpus of their
    /// own), to add to those shown, and their items' haystacks for the finder.
    Batch(Corpus, Haystacks),
    /// The first load is done: every file came in a batch (when it withdrew
    /// some, a reload follows at once and brings the folder as it is).
    Done,
    /// A reload: the whole corpus, read again.
    Reloaded(Reloaded),
}

/// A watcher that is up, and where it reports changes.
type Started = (Watcher, Receiver<Change>);

/// Watching and reloading.
pub struct Live {
    paths: Vec<PathBuf>,
    cache: CacheMode,
    _watcher: Option<Watcher>,
    changes: Option<Receiver<Change>>,
    done: Receiver<Loaded>,
    sender: Sender<Loaded>,
    loading: bool,
    /// Changes seen while a reload was running.
    waiting: Option<Change>,
    /// Files read so far by the running load, for the status line.
    progress: Arc<Progress>,
    /// Set by a first load that handed on cached files its walk then did not
    /// find as they were ([`referat_core::corpus::LoadStats::withdrawn`]):
    /// what it showed is read again whole as soon as it is done.
    withdrawn: Arc<AtomicBool>,
    /// A watcher being started on another thread ([`Live::start_watching_later`]).
    starting: Option<Receiver<Result<Started, String>>>,
    /// Why the watcher started on another thread could not start, until taken.
    watch_error: Option<String>,
}

impl Live {
    /// Reloads `paths` on request only (nothing watched).
    pub fn manual(paths: Vec<PathBuf>, use_cache: bool) -> Live {
        let cache = if use_cache {
            CacheMode::default_for(&paths)
        } else {
            CacheMode::Off
        };
        Live::with_cache(paths, cache)
    }

    /// [`Live::manual`] with the cache at a place of the caller's choosing.
    pub fn with_cache(paths: Vec<PathBuf>, cache: CacheMode) -> Live {
        let (sender, done) = mpsc::channel();
        Live {
            paths,
            cache,
            _watcher: None,
            changes: None,
            done,
            sender,
            loading: false,
            waiting: None,
            progress: Arc::default(),
            withdrawn: Arc::default(),
            starting: None,
            watch_error: None,
        }
    }

    /// Watches `paths` and reloads them when they change. A watcher that cannot
    /// start (too many watches, an odd file system) is not fatal: the error is
    /// returned beside a [`Live`] that still reloads on request.
    pub fn watch(paths: Vec<PathBuf>, use_cache: bool) -> (Live, Option<String>) {
        let mut live = Live::manual(paths, use_cache);
        let error = live.start_watching();
        (live, error)
    }

    /// Starts watching the paths (once); the error, if the watcher cannot start.
    pub fn start_watching(&mut self) -> Option<String> {
        if self.paths.is_empty() || self._watcher.is_some() {
            return None;
        }
        match watch::watch(&self.paths) {
            Ok(started) => {
                self.install(started);
                None
            }
            Err(e) => Some(e.to_string()),
        }
    }

    /// [`Live::start_watching`] on a thread of its own: a recursive watch adds
    /// a watch per folder, walking the whole tree, and on a large folder that
    /// walk kept the browser from taking in the first load's batches (the
    /// first frame with meetings came with the end of the load). [`Live::poll`]
    /// takes the watcher when it is up; [`Live::take_watch_error`] says why
    /// it could not start.
    pub fn start_watching_later(&mut self) {
        if self.paths.is_empty() || self._watcher.is_some() || self.starting.is_some() {
            return;
        }
        let paths = self.paths.clone();
        let (answer, starting) = mpsc::channel();
        let spawned = std::thread::Builder::new()
            .name("referat-watch-start".into())
            .spawn(move || {
                let _ = answer.send(watch::watch(&paths).map_err(|e| e.to_string()));
            });
        match spawned {
            Ok(_) => self.starting = Some(starting),
            Err(e) => self.watch_error = Some(e.to_string()),
        }
    }

    /// Why the watcher could not start, once.
    pub fn take_watch_error(&mut self) -> Option<String> {
        self.watch_error.take()
    }

    /// Takes the watcher started on another thread, when it is up.
    /// Takes a watcher that is up: from now on its changes start reloads.
    fn install(&mut self, (watcher, changes): Started) {
        self._watcher = Some(watcher);
        self.changes = Some(changes);
    }

    fn take_started_watcher(&mut self) {
        let Some(starting) = &self.starting else {
            return;
        };
        match starting.try_recv() {
            Err(TryRecvError::Empty) => {}
            Ok(Ok(started)) => {
                self.install(started);
                self.starting = None;
            }
            Ok(Err(e)) => {
                self.watch_error = Some(e);
                self.starting = None;
            }
            Err(TryRecvError::Disconnected) => {
                self.watch_error = Some("the folder watcher stopped before it started".into());
                self.starting = None;
            }
        }
    }

    /// Whether there is anything to reload (the bundled sample has no files).
    pub fn has_paths(&self) -> bool {
        !self.paths.is_empty()
    }

    /// Reads the paths for the first time on a background thread, handing
    /// the meetings on in batches as they are read, then [`Loaded::Done`].
    pub fn load(&mut self) {
        self.start(Change::default(), true);
    }

    /// Reads the paths again on a background thread; `change` says why.
    pub fn reload(&mut self, change: Change) {
        self.start(change, false);
    }

    fn start(&mut self, change: Change, stream: bool) {
        if !self.has_paths() {
            return;
        }
        if self.loading {
            let waiting = self.waiting.get_or_insert_with(Change::default);
            merge(waiting, change);
            return;
        }
        self.loading = true;
        let paths = self.paths.clone();
        let cache = self.cache.clone();
        let sender = self.sender.clone();
        self.progress = Arc::default();
        let progress = Arc::clone(&self.progress);
        let withdrawn = Arc::clone(&self.withdrawn);
        let spawned = std::thread::Builder::new()
            .name("referat-reload".into())
            .spawn(move || {
                if stream {
                    // The cache's meetings come at once, and the first frame
                    // waits for them, not for their haystacks: the finder
                    // gets those when the load is done (`finish_loading`
                    // refills it), and meanwhile searches what was parsed.
                    let send = |batch: Corpus, at_once: bool| {
                        let haystacks = if at_once {
                            Haystacks::default()
                        } else {
                            Haystacks::of(&batch)
                        };
                        let _ = sender.send(Loaded::Batch(batch, haystacks));
                    };
                    // Every meeting goes to the browser; the load keeps none.
                    // A load that panicked still ends (with what it handed on).
                    let stats = std::panic::catch_unwind(AssertUnwindSafe(|| {
                        Corpus::load_streaming(&paths, &cache, &progress, &Batches::telling(send))
                    }));
                    let withdrew = stats.is_ok_and(|stats| stats.withdrawn > 0);
                    withdrawn.store(withdrew, Ordering::Relaxed);
                    let _ = sender.send(Loaded::Done);
                } else {
                    let corpus = std::panic::catch_unwind(AssertUnwindSafe(|| {
                        Corpus::load_with_progress(&paths, &cache, &progress).0
                    }));
                    let _ = sender.send(match corpus {
                        Ok(corpus) => Loaded::Reloaded(Reloaded { corpus, change }),
                        // The corpus shown stays; the reload is over.
                        Err(_) => Loaded::Done,
                    });
                }
            });
        if spawned.is_err() {
            self.loading = false;
        }
    }

    /// `(files done, files found)` of the running load; the walk may still
    /// be finding files, and both are 0 before it has found one.
    pub fn progress(&self) -> (usize, usize) {
        self.progress.get()
    }

    /// Starts reloads for changes the watcher reported, and returns what a
    /// load has handed on, if anything: one message per call, in order. Never
    /// waits.
    pub fn poll(&mut self) -> Option<Loaded> {
        self.take_started_watcher();
        let mut seen: Option<Change> = None;
        if let Some(changes) = &self.changes {
            loop {
                match changes.try_recv() {
                    Ok(change) if change.is_empty() => {}
                    Ok(change) => merge(seen.get_or_insert_with(Change::default), change),
                    Err(TryRecvError::Empty) => break,
                    Err(TryRecvError::Disconnected) => {
                        self.changes = None;
                        break;
                    }
                }
            }
        }
        if let Some(change) = seen {
            self.reload(change);
        }
        let loaded = self.done.try_recv().ok()?;
        if !matches!(loaded, Loaded::Batch(..)) {
            self.loading = false;
            // One reload for changes that came meanwhile and for a first
            // load that withdrew files.
            let next = self.waiting.take();
            if self.withdrawn.swap(false, Ordering::Relaxed) || next.is_some() {
                self.reload(next.unwrap_or_default());
            }
        }
        Some(loaded)
    }

    /// Whether a reload is running or waiting (the loop polls more often then).
    pub fn busy(&self) -> bool {
        self.loading || self.waiting.is_some()
    }
}

/// Adds `more` to `into`, each path once.
fn merge(into: &mut Change, more: Change) {
    for (list, add) in [
        (&mut into.created, more.created),
        (&mut into.modified, more.modified),
        (&mut into.removed, more.removed),
    ] {
        list.extend(add);
        list.sort();
        list.dedup();
    }
}
