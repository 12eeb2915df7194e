//! The full-screen terminal browser.
//!
//! Layout of this module, from input to screen:
//! - [`keys`] maps key events to an [`action::Action`] through one table of
//!   bindings, which also feeds the help overlay and the status-line hints;
//! - [`app`] holds the state and [`update`] applies actions to it, without a
//!   terminal, so every key is testable as a state transition;
//! - [`detail`] lays an item out as styled, wrapped lines; [`finder`] drives
//!   nucleo off the input thread; [`fulltext`] runs full-text queries
//!   ([`crate::search`]) on a worker thread;
//! - [`ui`] draws a frame from `&App` in the [`look`] configured (theme,
//!   language, dates); [`terminal`] takes over the terminal and gives it back,
//!   also on panic and on signals ([`signals`]) and while an editor or pager
//!   runs;
//! - [`live`] watches the opened folders and reloads them; the position is
//!   remembered between runs through [`crate::session`].

pub mod action;
pub mod app;
pub mod detail;
pub mod finder;
pub mod fold;
pub mod fulltext;
pub mod keys;
pub mod layout;
pub mod list;
pub mod live;
pub mod look;
#[cfg(unix)]
pub mod signals;
pub mod terminal;
pub mod text;
pub mod ui;
mod update;
pub mod wrap;

#[doc(hidden)]
pub mod testing;

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::Stdio;
use std::time::Duration;

use ratatui::crossterm::event::{self, Event};

pub use action::{Action, Effect};
pub use app::App;

use crate::config::{Config, KeyMap};
use crate::corpus::Corpus;
use crate::i18n::{Lang, Msg};
use crate::sanitize::for_terminal;
use crate::session;
use crate::theme::Theme;
use keys::KeyTable;
use live::Live;
use look::Look;

/// How long the loop waits for input when nothing is animating.
const IDLE_POLL: Duration = Duration::from_millis(250);
/// How often the finder is ticked while it is matching.
const BUSY_POLL: Duration = Duration::from_millis(16);

/// How the browser is set up: everything the configuration decides, and what
/// the opened paths mean for remembering and watching.
#[derive(Debug, Clone)]
pub struct Options {
    pub look: Look,
    /// Mouse clicks and wheel; off leaves the mouse to the terminal (selecting text).
    pub mouse: bool,
    /// Overrides of the default keys.
    pub keys: KeyMap,
    /// Where to remember the position ([`session::key_for`]); `None`: don't.
    pub session_key: Option<Vec<String>>,
    /// The opened paths: watched, and read again on changes. Empty for the
    /// bundled sample.
    pub paths: Vec<PathBuf>,
    /// Watch `paths` for changes.
    pub watch: bool,
    /// Use the warm-start cache when reading again.
    pub use_cache: bool,
    /// The editor command from the configuration (else `$VISUAL`, `$EDITOR`).
    pub editor: Option<String>,
}

impl Default for Options {
    /// The defaults: dark theme, English, Danish dates, mouse on, default keys,
    /// nothing remembered or watched.
    fn default() -> Options {
        Options {
            look: Look::default(),
            mouse: true,
            keys: KeyMap::default(),
            session_key: None,
            paths: Vec::new(),
            watch: false,
            use_cache: true,
            editor: None,
        }
    }
}

impl Options {
    /// The options for `config` and the opened `paths` (empty: the bundled
    /// sample), reading `NO_COLOR` and the locale from the environment.
    pub fn from_config(config: &Config, paths: &[PathBuf]) -> Options {
        Options {
            look: Look {
                theme: Theme::from_config(config.theme, crate::theme::no_color()),
                lang: Lang::from_env(config.language),
                dates: config.date_format,
            },
            mouse: config.mouse,
            keys: config.keys.clone(),
            session_key: Some(session::key_for(paths)),
            paths: paths.to_vec(),
            watch: !paths.is_empty(),
            use_cache: true,
            editor: config.editor.clone(),
        }
    }

    /// The browser's state for `corpus` set up with these options, back at the
    /// remembered position when there is one.
    pub fn app(&self, corpus: Corpus) -> App {
        let mut app = App::new(corpus);
        app.look = self.look;
        app.keys = KeyTable::with_overrides(&self.keys);
        app.bundled = self.paths.is_empty();
        let resume = self
            .session_key
            .as_ref()
            .and_then(|key| session::load(key))
            .and_then(|position| position.find(app.corpus()));
        match resume {
            Some(at) => app.resume(at),
            None => app.sync(),
        }
        app
    }
}

/// Opens the browser on `corpus` with the default options and returns when
/// the user quits.
pub fn run(corpus: Corpus) -> anyhow::Result<()> {
    run_with(corpus, Options::default())
}

/// Opens the browser on `corpus` and returns when the user quits. The terminal is
/// restored on return, on error, on panic and on `SIGTERM`, `SIGHUP` and
/// `SIGINT`, after which the process exits with `128 + signal`. The position
/// is remembered on the way out, also after a signal.
pub fn run_with(corpus: Corpus, options: Options) -> anyhow::Result<()> {
    #[cfg(unix)]
    let signals = signals::Signals::install()?;
    let stop = || {
        #[cfg(unix)]
        return signals.caught();
        #[cfg(not(unix))]
        None::<i32>
    };
    let mut app = options.app(corpus);
    let (mut live, watch_error) = if options.watch {
        Live::watch(options.paths.clone(), options.use_cache)
    } else {
        (Live::manual(options.paths.clone(), options.use_cache), None)
    };
    if let Some(e) = watch_error {
        let paths = options
            .paths
            .iter()
            .map(|p| p.display().to_string())
            .collect::<Vec<_>>()
            .join(", ");
        app.say_fill(
            Msg::ReloadFailed,
            &[&for_terminal(&paths), &for_terminal(&e)],
        );
    }
    let mut term = terminal::init(options.mouse)?;
    let result = event_loop(&mut term, &mut app, &mut live, &options, &stop);
    terminal::restore();
    if let (Some(key), Some(position)) = (&options.session_key, app.session_position()) {
        // Remembering is a convenience: a read-only home is not an error.
        let _ = session::save(key, &position);
    }
    #[cfg(unix)]
    if let Some(signal) = stop() {
        std::process::exit(signals::exit_code(signal));
    }
    result
}

fn event_loop(
    term: &mut terminal::Term,
    app: &mut App,
    live: &mut Live,
    options: &Options,
    stop: &dyn Fn() -> Option<i32>,
) -> anyhow::Result<()> {
    let size = term.size()?;
    app.update(Action::Resize {
        width: size.width,
        height: size.height,
    });
    let mut dirty = true;
    loop {
        if stop().is_some() {
            return Ok(());
        }
        if let Some(reloaded) = live.poll() {
            app.reloaded(reloaded);
            dirty = true;
        }
        if app.popup_is_finder() && app.finder.busy() && app.finder.tick(finder::TICK_MS) {
            app.sync();
            dirty = true;
        }
        if app.fulltext_pending() && app.receive_fulltext() {
            dirty = true;
        }
        if dirty {
            term.draw(|frame| ui::draw(frame, app))?;
            dirty = false;
        }
        let busy = (app.popup_is_finder() && app.finder.busy()) || app.fulltext_pending();
        let wait = if busy { BUSY_POLL } else { IDLE_POLL };
        // A signal may interrupt the wait or make the terminal fail (SIGHUP):
        // either way, stopping is what was asked.
        match event::poll(wait) {
            Ok(true) => {}
            Ok(false) => continue,
            Err(_) if stop().is_some() => return Ok(()),
            Err(e) => return Err(e.into()),
        }
        // Drain everything pending before drawing again: a resize storm or a
        // burst of typed keys costs one frame, not one per event.
        loop {
            let event = match event::read() {
                Ok(event) => event,
                Err(_) if stop().is_some() => return Ok(()),
                Err(e) => return Err(e.into()),
            };
            let effect = match event {
                Event::Key(key) => app.handle_key(key),
                Event::Mouse(mouse) if options.mouse => app.handle_mouse(mouse),
                Event::Resize(width, height) => app.update(Action::Resize { width, height }),
                _ => Effect::None,
            };
            dirty = true;
            match effect {
                Effect::Quit => return Ok(()),
                Effect::Copy(text) => {
                    let mut out = io::stdout();
                    terminal::copy_osc52(&mut out, &text)?;
                    out.flush()?;
                }
                Effect::Edit { file, line } => {
                    let result = terminal::lend(term, options.mouse, || {
                        edit(options.editor.as_deref(), &file, line)
                    })?;
                    if let Err((msg, args)) = result {
                        app.say_fill(msg, &[&args.0, &args.1]);
                    }
                }
                Effect::Page(text) => {
                    let result = terminal::lend(term, options.mouse, || page(&text))?;
                    if let Err((msg, args)) = result {
                        app.say_fill(msg, &[&args.0, &args.1]);
                    }
                }
                Effect::Reload => live.reload(Default::default()),
                Effect::None => {}
            }
            if !event::poll(Duration::ZERO)? {
                break;
            }
        }
        if app.popup_is_finder() {
            app.finder.tick(finder::TICK_MS);
            app.sync();
        }
    }
}

/// A failure to report in the status line: the message and its two arguments.
type Failure = (Msg, (String, String));

/// Runs the editor on `file` at `line` and waits for it.
fn edit(configured: Option<&str>, file: &std::path::Path, line: usize) -> Result<(), Failure> {
    let name = crate::editor::choose(
        configured,
        std::env::var_os("VISUAL"),
        std::env::var_os("EDITOR"),
    );
    let fail = |e: String| (Msg::EditorFailed, (for_terminal(&name).into_owned(), e));
    let mut cmd = crate::editor::command(configured, file, Some(line)).map_err(fail)?;
    let status = cmd.status().map_err(|e| fail(e.to_string()))?;
    if status.success() {
        Ok(())
    } else {
        Err((
            Msg::EditorExit,
            (for_terminal(&name).into_owned(), status.to_string()),
        ))
    }
}

/// Shows `text` in `$PAGER` (default `less`), fed through a pipe, and waits.
fn page(text: &str) -> Result<(), Failure> {
    let name = std::env::var("PAGER")
        .ok()
        .filter(|p| !p.trim().is_empty())
        .unwrap_or_else(|| "less".to_string());
    let fail = |e: String| (Msg::PagerFailed, (for_terminal(&name).into_owned(), e));
    let mut words = name.split_whitespace();
    let program = words.next().ok_or_else(|| fail("empty".into()))?;
    let mut child = std::process::Command::new(program)
        .args(words)
        .stdin(Stdio::piped())
        .spawn()
        .map_err(|e| fail(e.to_string()))?;
    if let Some(mut stdin) = child.stdin.take() {
        // The reader may quit before reading everything: not an error.
        let _ = stdin.write_all(text.as_bytes());
    }
    child.wait().map_err(|e| fail(e.to_string()))?;
    Ok(())
}
