//! referat: the command line and the terminal browser over [`referat_core`].
//!
//! The model, the loader, the store, search and export are in `referat-core`;
//! this crate adds what only a user at a terminal needs:
//! - [`action`]: what a key can do, below both [`config`] and [`tui`], so the
//!   key map in the configuration never imports the browser;
//! - [`config`], [`theme`], [`i18n`]: the user's settings, colours and the
//!   Danish and English texts;
//! - [`cli`], [`commands`]: the command line and its subcommands;
//! - [`tui`]: the terminal browser (state, input handling and rendering apart).
//!
//! This library is the binary's, shared with its tests and benches, not an
//! API for others: the workspace's `missing_docs` lint is for the core.

#![allow(missing_docs)]

pub mod action;
pub mod cli;
pub mod commands;
pub mod config;
pub mod follow;
pub mod i18n;
pub mod state;
pub mod theme;
pub mod tui;

pub use referat_core::{Corpus, FileReport, ItemRef, TimelineEntry};
pub use referat_core::{Date, HistoryEntry, Item, Meeting, Section, SectionKind, TocEntry};
