//! What only the terminal loop can do, and the actions the browser applies.
//!
//! Input handling ([`super::keys`]) turns events into an [`Action`] (defined in
//! [`crate::action`], below the configuration that names them);
//! [`super::app::App::handle`] applies it and may answer with an [`Effect`] that
//! only the terminal loop can carry out (quitting, writing to the clipboard,
//! handing the terminal to an editor or pager, reading files).
//! Keeping effects out of the state makes every key testable without a terminal.

pub use crate::action::Action;

/// Something only the terminal loop can do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    None,
    Quit,
    /// Put this text on the clipboard (OSC 52).
    Copy(String),
    /// Hand the terminal to the editor, opening `file` at `line` (1-based).
    Edit {
        file: std::path::PathBuf,
        line: usize,
    },
    /// Show a PDF or a saved portal page in a viewer of its own; for a PDF,
    /// at the page where line `line` of its extracted text is.
    View {
        file: std::path::PathBuf,
        line: Option<usize>,
    },
    /// Hand the terminal to the pager, reading this text.
    Page(String),
    /// Read the minutes again now.
    Reload,
    /// Nothing to do but draw again: background results changed the state
    /// (a [`super::Message::Tick`] that brought nothing answers `None`).
    Redraw,
}
