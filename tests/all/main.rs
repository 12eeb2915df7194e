//! The integration tests, as one test binary: each file is a module, so the
//! library and its dependencies are linked once, not once per file (as
//! ripgrep's tests are laid out). Two tests stay binaries of their own,
//! because they change what is process-wide: `tests/platform_dirs.rs` sets
//! environment variables, `tests/tui_panic.rs` installs a panic hook.

mod common;

mod bad_input;
mod cache;
mod cli;
mod config;
mod fuzz_regressions;
mod gen_corpus_roundtrip;
mod hostile_files;
mod loader_props;
mod pdf_input;
mod reference_facts;
mod resource_bounds;
mod terminal_injection;
mod tui_e2e;
mod tui_render;
