//! The integration tests, as one test binary: each file is a module, so the
//! library and its dependencies are linked once, not once per file (as
//! ripgrep's tests are laid out). One test stays a binary of its own, because
//! it changes what is process-wide: `tests/tui_panic.rs` installs a panic hook.
//! (`platform_dirs` needs its own environment, and gets it by running this
//! binary again as a child.)

mod common;

mod bad_input;
mod cache;
mod cli;
mod config;
mod follow;
mod fuzz_regressions;
mod gen_corpus_roundtrip;
mod hostile_files;
mod loader_props;
mod pdf_input;
mod platform_dirs;
mod prefilter;
mod reference_facts;
mod resource_bounds;
mod terminal_injection;
mod tmux_follow;
mod tui_e2e;
mod tui_render;
