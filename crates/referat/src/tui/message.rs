//! Everything that changes the browser's state, as one type.
//!
//! What the reader does (a key, the mouse, a resize) and what the background
//! workers report (a batch of the first load, its end, a reload, the load's
//! progress, the finder's and the full-text search's results) all enter the
//! state through [`App::handle`](super::App::handle), one [`Message`] at a
//! time. The event loop only gathers messages, draws and carries out the
//! [`Effect`](super::Effect)s they return, so a frame is a pure function of
//! the state and every change is a transition a test can make without a
//! terminal (as in the Elm architecture that gitui and television follow).

use ratatui::crossterm::event::{KeyEvent, MouseEvent};

use super::action::Action;
use super::live::Loaded;
use super::session::Resume;
use crate::i18n::Msg;

/// One thing that happened, for [`App::handle`](super::App::handle).
// A message is built once and moved straight into `handle`: boxing the
// loaded batch would only add an allocation per batch.
#[allow(clippy::large_enum_variant)]
pub enum Message {
    /// A key pressed, looked up in the key table for the current context.
    Key(KeyEvent),
    /// A mouse event: clicks and the wheel act, the rest is ignored.
    Mouse(MouseEvent),
    /// An action itself (a resize; tests and benches name actions directly).
    Action(Action),
    /// The load handed something on: a batch, the end of the first load, or
    /// a reloaded corpus.
    Loaded(Loaded),
    /// The first load is still running: the seconds so far and the files
    /// read of those found, on the spinner's beat.
    Progress {
        /// Seconds since the browser opened.
        seconds: u64,
        /// Files read so far.
        done: usize,
        /// Files found so far.
        total: usize,
    },
    /// Go back to where the last session left off.
    Resume(Resume),
    /// Time passed: the finder and the full-text search may have results.
    Tick,
    /// Something the loop itself met (the watcher would not start, the
    /// editor or pager failed), for the status line: the message and what
    /// fills its `{}`.
    Say(Msg, Vec<String>),
}
