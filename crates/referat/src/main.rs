//! The `referat` binary: parses arguments, loads the corpus and dispatches. The work
//! lives in the library.

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;

use referat::Corpus;
use referat::cli::{Cli, Command, ConfigAction, FollowAction};
use referat::commands::{self, Outcome};
use referat::config;
use referat_core::corpus::CacheMode;
use referat_core::sanitize::for_terminal;

/// A load allocates millions of small strings on every core; mimalloc does that
/// markedly faster than the system allocator (see `scripts/bench.sh`).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(Outcome::Success) => ExitCode::SUCCESS,
        Ok(Outcome::NotFound) => ExitCode::from(1),
        Ok(Outcome::Usage) => ExitCode::from(2),
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
///
/// The corpus lives until the process exits and is never freed: freeing a large
/// corpus string by string costs a noticeable part of a warm start, and the
/// operating system takes the memory back at once.
fn load(paths: &[PathBuf], use_cache: bool, report_errors: bool) -> &'static Corpus {
    let corpus = if paths.is_empty() {
        Corpus::bundled()
    } else if use_cache {
        Corpus::load_with(paths, &CacheMode::default_for(paths)).0
    } else {
        Corpus::load(paths)
    };
    reported(corpus, paths, report_errors)
}

/// `corpus`, its unreadable files named on stderr when `report_errors`, kept
/// for the rest of the process (see [`load`]).
fn reported(corpus: Corpus, paths: &[PathBuf], report_errors: bool) -> &'static Corpus {
    if report_errors {
        say_errors(&corpus, paths);
    }
    Box::leak(Box::new(corpus))
}

/// Names every file of `corpus` that could not be read on stderr, or says
/// that `paths` held no minutes files at all.
fn say_errors(corpus: &Corpus, paths: &[PathBuf]) {
    let stderr = io::stderr();
    let mut err = stderr.lock();
    for line in corpus.error_lines() {
        let _ = writeln!(err, "referat: {}", for_terminal(&line));
    }
    if !paths.is_empty() && corpus.reports.is_empty() {
        // Most likely the wrong folder: say so rather than print nothing.
        let given: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
        let _ = writeln!(
            err,
            "referat: no minutes files (.{}) in {}",
            referat_core::walk::EXTENSIONS.join(", ."),
            for_terminal(&given.join(", "))
        );
    }
}

/// `referat config path|default`, `completions` and `man`: they read no minutes
/// and no configuration, so they work even when the configuration is broken.
fn run_without_config(command: &Command, out: &mut dyn Write) -> Option<io::Result<Outcome>> {
    let result = match command {
        Command::Config {
            action: ConfigAction::Path,
        } => config_path(out),
        Command::Config {
            action: ConfigAction::Default,
        } => out.write_all(config::DEFAULT_TEXT.as_bytes()),
        Command::Completions { shell } => referat::cli::write_completions(*shell, out),
        Command::Man => referat::cli::write_man_page(out),
        _ => return None,
    };
    Some(result.and_then(|()| out.flush()).map(|()| Outcome::Success))
}

/// The config file's path on stdout, for scripts; whether it exists on stderr.
fn config_path(out: &mut dyn Write) -> io::Result<()> {
    let path = config::path().ok_or_else(|| {
        io::Error::other("no home folder, so no place for a configuration file; set REFERAT_CONFIG")
    })?;
    writeln!(out, "{}", path.display())?;
    let from_env = std::env::var_os(config::ENV_OVERRIDE).is_some_and(|v| !v.is_empty());
    let source = if from_env {
        " (from REFERAT_CONFIG)"
    } else {
        ""
    };
    if path.is_file() {
        eprintln!("referat: the configuration file exists{source}");
    } else {
        eprintln!(
            "referat: no configuration file there{source}: the defaults apply; \
             `referat config default > FILE` writes a commented one"
        );
    }
    Ok(())
}

/// The watch list in the platform state folder.
fn follow_store() -> io::Result<referat::follow::store::Store> {
    referat::follow::store::Store::default_location().ok_or_else(|| {
        io::Error::other("no home folder, so no place for the watch list; set XDG_STATE_HOME")
    })
}

fn run(cli: Cli) -> io::Result<Outcome> {
    // `referat DIR export` reads as the browser's paths and a subcommand;
    // run as it stands it would read the default minutes, not DIR.
    if cli.command.is_some() && !cli.paths.is_empty() {
        use clap::CommandFactory;
        let names: Vec<String> = Cli::command()
            .get_subcommands()
            .map(|c| c.get_name().to_string())
            .collect();
        let name = std::env::args_os()
            .filter_map(|a| a.into_string().ok())
            .find(|a| names.contains(a));
        let name = name.as_deref().unwrap_or("SUBCOMMAND");
        let given: Vec<String> = cli.paths.iter().map(|p| p.display().to_string()).collect();
        eprintln!(
            "referat: the paths go after the subcommand: referat {name} {}",
            for_terminal(&given.join(" "))
        );
        return Ok(Outcome::Usage);
    }
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    if let Some(outcome) = cli
        .command
        .as_ref()
        .and_then(|c| run_without_config(c, &mut out))
    {
        return outcome;
    }
    // A broken configuration stops here, before any minutes are read or the
    // terminal is touched: exit 2 with the file, line and column.
    let config = config::load().map_err(io::Error::other)?;
    // With no PATH, the configured folders, else (empty) the bundled sample.
    let paths = |given: Vec<PathBuf>| {
        if given.is_empty() {
            config.paths.clone()
        } else {
            given
        }
    };
    let use_cache = !cli.no_cache;
    let outcome = match cli.command {
        Some(Command::Export {
            inputs,
            meetings,
            pretty,
        }) => commands::export(
            load(&paths(inputs.paths), use_cache, true),
            &meetings,
            pretty,
            &mut out,
            &mut io::stderr(),
        )?,
        Some(Command::Case {
            case,
            inputs,
            meetings,
            json,
        }) => {
            let paths = paths(inputs.paths);
            let filters = meetings.to_filters();
            // Without the cache, only the files that may hold the case are
            // parsed; when they give no row, the full load answers, so the
            // message (how many meetings, which cases are alike) is the same.
            let prefiltered = (!use_cache && !paths.is_empty())
                .then(|| Corpus::load_mentioning(&paths, &case))
                .flatten();
            let mut answer = Vec::new();
            let mut said = Vec::new();
            let found = match prefiltered {
                Some(corpus) => {
                    let corpus = reported(corpus, &paths, false);
                    let found =
                        commands::case(corpus, &case, &filters, json, &mut answer, &mut said)?;
                    if found != Outcome::NotFound {
                        say_errors(corpus, &paths);
                    }
                    found
                }
                None => Outcome::NotFound,
            };
            if found == Outcome::NotFound {
                let corpus = load(&paths, use_cache, true);
                commands::case(corpus, &case, &filters, json, &mut out, &mut io::stderr())?
            } else {
                out.write_all(&answer)?;
                io::stderr().write_all(&said)?;
                found
            }
        }
        Some(Command::Search {
            query,
            inputs,
            filters,
            json,
            color,
        }) => {
            let paths = paths(inputs.paths);
            let color = color.enabled(io::stdout().is_terminal());
            let filters = filters.to_filters();
            // Only the files that may match are read: from the cache, the
            // files whose folded text holds every word, when it holds the
            // folder as it is; without it, as for `case`, the files whose
            // text may. "No item matches" says nothing of the files that
            // were not, so the answer stands whatever it is; a folder with
            // no minutes files at all, or a cache out of date, is left to
            // the full load, which says so or brings the cache up to date.
            let parsed = referat_core::search::Query::parse(&query);
            let narrowed = if paths.is_empty() {
                None
            } else if use_cache {
                Corpus::load_cached_matching(&paths, &CacheMode::default_for(&paths), &parsed)
            } else {
                Corpus::load_matching(&paths, &parsed)
                    .filter(|(_, found_files)| *found_files > 0)
                    .map(|(corpus, _)| corpus)
            };
            let corpus = match narrowed {
                Some(corpus) => {
                    let corpus = reported(corpus, &paths, false);
                    for line in corpus.error_lines() {
                        eprintln!("referat: {}", for_terminal(&line));
                    }
                    corpus
                }
                _ => load(&paths, use_cache, true),
            };
            commands::search(
                corpus,
                &query,
                &filters,
                json,
                color,
                &mut out,
                &mut io::stderr(),
            )?
        }
        Some(Command::Follow { action }) => {
            let store = follow_store()?;
            let err = &mut io::stderr();
            match action {
                FollowAction::Add {
                    case,
                    query,
                    filters,
                    paths: given,
                } => {
                    let follow = FollowAction::to_follow(&case, &query, &filters);
                    let corpus = load(&paths(given), use_cache, true);
                    commands::follow_add(corpus, &store, follow, &mut out, err)?
                }
                FollowAction::List { json } => commands::follow_list(&store, json, &mut out, err)?,
                FollowAction::Remove { which } => {
                    commands::follow_remove(&store, &which, &mut out, err)?
                }
            }
        }
        Some(Command::News {
            inputs,
            since,
            json,
        }) => {
            let store = follow_store()?;
            let corpus = load(&paths(inputs.paths), use_cache, true);
            commands::news(corpus, &store, since, json, &mut out, &mut io::stderr())?
        }
        Some(Command::Decisions { inputs, meetings }) => commands::decisions(
            load(&paths(inputs.paths), use_cache, true),
            &meetings.to_filters(),
            &mut out,
        )?,
        // `check` reports failures itself, with reasons, on stdout.
        Some(Command::Check { inputs, json }) => {
            commands::check(load(&paths(inputs.paths), use_cache, false), json, &mut out)?
        }
        None => {
            let paths = paths(cli.paths);
            // A path that is not there is a mistake to say at once, not an
            // empty browser: the browser opens when any given path exists.
            let missing: Vec<String> = paths
                .iter()
                .filter_map(|p| {
                    let e = std::fs::metadata(p).err()?;
                    let reason = referat_core::read::ReadError::File((&e).into());
                    Some(format!("{}: {reason}", p.display()))
                })
                .collect();
            if !paths.is_empty() && missing.len() == paths.len() {
                for line in &missing {
                    eprintln!("referat: {}", for_terminal(line));
                }
                return Ok(Outcome::Usage);
            }
            if !io::stdout().is_terminal() {
                eprintln!(
                    "referat: the browser needs a terminal, and standard output is not one.\n\
                     In scripts and pipes use `referat export`, `referat case`, `referat decisions` \
                     or `referat check` (see `referat --help`)."
                );
                return Ok(Outcome::NotFound);
            }
            drop(out);
            let mut options = referat::tui::Options::from_config(&config, &paths);
            options.use_cache = use_cache;
            if paths.is_empty() {
                referat::tui::run_with(Corpus::bundled(), options).map_err(io::Error::other)?;
            } else {
                // The window opens at once; the minutes are read behind a
                // spinner. Files that could not be read are named afterwards.
                let errors = referat::tui::run_loading(options).map_err(io::Error::other)?;
                let stderr = io::stderr();
                let mut err = stderr.lock();
                for line in errors {
                    let _ = writeln!(err, "referat: {}", for_terminal(&line));
                }
            }
            return Ok(Outcome::Success);
        }
        Some(Command::Config { .. } | Command::Completions { .. } | Command::Man) => {
            unreachable!("handled by run_without_config")
        }
    };
    out.flush()?;
    Ok(outcome)
}
