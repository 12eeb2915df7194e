//! The `referat` binary: parses arguments, loads the corpus and dispatches. The work
//! lives in the library.

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;

use referat::Corpus;
use referat::cli::{Cli, Command};
use referat::commands::{self, Outcome};
use referat::corpus::CacheMode;
use referat::sanitize::for_terminal;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(Outcome::Success) => ExitCode::SUCCESS,
        Ok(Outcome::NotFound) => ExitCode::from(1),
        // `referat decisions | head`: the reader went away, which is not an error.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("referat: {}", for_terminal(&format!("{e:#}")));
            ExitCode::from(2)
        }
    }
}

/// Loads the corpus for `paths` (the bundled sample when empty) and names every
/// file that could not be read on stderr.
fn load(paths: &[PathBuf], use_cache: bool, report_errors: bool) -> Corpus {
    let corpus = if paths.is_empty() {
        Corpus::bundled()
    } else if use_cache {
        Corpus::load_with(paths, &CacheMode::default_for(paths)).0
    } else {
        Corpus::load(paths)
    };
    if report_errors {
        let stderr = io::stderr();
        let mut err = stderr.lock();
        for line in corpus.error_lines() {
            let _ = writeln!(err, "referat: {}", for_terminal(&line));
        }
    }
    corpus
}

fn run(cli: Cli) -> io::Result<Outcome> {
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let use_cache = !cli.no_cache;
    let outcome = match cli.command {
        Some(Command::Export { inputs, pretty }) => {
            commands::export(&load(&inputs.paths, use_cache, true), pretty, &mut out)?
        }
        Some(Command::Case { case, inputs, json }) => {
            let corpus = load(&inputs.paths, use_cache, true);
            commands::case(&corpus, &case, json, &mut out, &mut io::stderr())?
        }
        Some(Command::Search {
            query,
            inputs,
            filters,
            json,
            color,
        }) => {
            let corpus = load(&inputs.paths, use_cache, true);
            let color = color.enabled(io::stdout().is_terminal());
            commands::search(
                &corpus,
                &query,
                &filters.to_filters(),
                json,
                color,
                &mut out,
                &mut io::stderr(),
            )?
        }
        Some(Command::Decisions { inputs }) => {
            commands::decisions(&load(&inputs.paths, use_cache, true), &mut out)?
        }
        // `check` reports failures itself, with reasons, on stdout.
        Some(Command::Check { inputs, json }) => {
            commands::check(&load(&inputs.paths, use_cache, false), json, &mut out)?
        }
        None => {
            if !io::stdout().is_terminal() {
                eprintln!(
                    "referat: the browser needs a terminal, and standard output is not one.\n\
                     In scripts and pipes use `referat export`, `referat case`, `referat decisions` \
                     or `referat check` (see `referat --help`)."
                );
                return Ok(Outcome::NotFound);
            }
            let corpus = load(&cli.paths, use_cache, true);
            drop(out);
            referat::tui::run(corpus).map_err(io::Error::other)?;
            return Ok(Outcome::Success);
        }
    };
    out.flush()?;
    Ok(outcome)
}
