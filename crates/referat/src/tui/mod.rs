//! The full-screen terminal browser.
//!
//! Layout of this module, from input to screen:
//! - [`keys`] maps key events to an [`action::Action`] through one table of
//!   bindings, which also feeds the help overlay and the status-line hints;
//! - [`message`] names everything that changes the state (keys, the mouse,
//!   and the background workers' news: a loaded batch, a reload, progress,
//!   results), and [`App::handle`] applies each one, without a terminal, so
//!   every change is testable as a state transition;
//! - the popups are components that own their state, their keys (an
//!   `update` that answers with an `Outcome` for the app to carry out) and
//!   their drawing: [`finder`] (nucleo off the input thread), [`fulltext`]
//!   (full-text queries, [`referat_core::search`], on a worker thread),
//!   [`timeline`] and [`help`];
//! - [`app`] holds the state, the panes' among it; [`detail`] lays an item
//!   out as styled, wrapped lines; [`ui`] draws a frame from `&App` in the
//!   [`look`] configured (theme, language, dates);
//! - [`terminal`] takes over the terminal and gives it back, also on panic
//!   and on signals ([`signals`]) and while an editor or pager runs;
//! - [`live`] streams the first load in and reloads the opened folders; the
//!   position is remembered between runs through [`session`].

pub mod action;
pub mod app;
pub mod columns;
pub mod detail;
pub mod editor;
pub mod filter;
pub mod finder;
pub mod fold;
pub mod following;
pub mod fulltext;
pub mod help;
pub mod jumps;
pub mod keys;
pub mod layout;
pub mod list;
pub mod live;
pub mod look;
pub mod meeting_page;
pub mod message;
pub mod messages;
pub mod problems;
pub mod query;
pub mod session;
#[cfg(unix)]
pub mod signals;
pub mod terminal;
pub mod text;
pub mod timeline;
pub mod ui;
mod update;
/// The browser's state transitions, tested by feature through `App`'s own
/// interface.
#[cfg(test)]
mod update_tests;
pub mod viewer;
pub mod watchlist;
pub mod widgets;
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
pub use message::Message;

use crate::config::{Config, KeyMap};
use crate::i18n::{Lang, Msg};
use crate::theme::Theme;
use following::Following;
use keys::KeyTable;
use live::Live;
use look::Look;
use referat_core::corpus::Corpus;
use referat_core::sanitize::for_terminal;

/// How long the loop waits for input when nothing is animating.
const IDLE_POLL: Duration = Duration::from_millis(250);
/// How often the finder is ticked while it is matching.
const BUSY_POLL: Duration = Duration::from_millis(16);
/// How often the spinner turns while the minutes are read.
const SPIN_EVERY: Duration = Duration::from_millis(100);
/// How often the loop looks for loaded batches while the minutes are read: a
/// batch should show at once, not when the spinner next turns.
const LOAD_POLL: Duration = Duration::from_millis(10);

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
    /// The PDF viewer command from the configuration (else the system's opener).
    pub pdf_viewer: Option<String>,
    /// End the browser after a given frame (`REFERAT_EXIT_AFTER`), for timing.
    pub exit_after: Option<ExitAfter>,
    /// Where the watch list is kept; `None`: following is in memory only.
    pub watch_list: Option<crate::follow::store::Store>,
}

/// Which frame ends the browser when `REFERAT_EXIT_AFTER` asks for one, so that
/// `scripts/bench.sh` can time the real binary to its first useful frames from
/// outside: `meetings`, the first frame that lists meetings, or `loaded`, the
/// first frame after the load has finished.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitAfter {
    Meetings,
    Loaded,
}

impl ExitAfter {
    fn from_env() -> Option<ExitAfter> {
        match std::env::var("REFERAT_EXIT_AFTER").ok()?.as_str() {
            "meetings" => Some(ExitAfter::Meetings),
            "loaded" => Some(ExitAfter::Loaded),
            _ => None,
        }
    }

    /// Whether the frame just drawn of `app` is the one asked for (or will
    /// never come: a load that found no meetings ends the wait too).
    fn reached(self, app: &App) -> bool {
        match self {
            ExitAfter::Meetings => !app.corpus().meetings().is_empty() || app.loading.is_none(),
            ExitAfter::Loaded => app.loading.is_none(),
        }
    }
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
            pdf_viewer: None,
            exit_after: None,
            watch_list: None,
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
            pdf_viewer: config.pdf_viewer.clone(),
            exit_after: ExitAfter::from_env(),
            watch_list: crate::follow::store::Store::default_location(),
        }
    }

    /// The browser's state for `corpus` set up with these options, back at the
    /// remembered position when there is one.
    pub fn app(&self, corpus: Corpus) -> App {
        let mut app = App::new(corpus);
        app.look = self.look;
        app.keys = KeyTable::with_overrides(&self.keys);
        app.bundled = self.paths.is_empty();
        app.set_opened(&self.paths);
        app.set_following(Following::open(self.watch_list.clone()));
        match self.remembered(app.corpus()) {
            Some(at) => {
                app.handle(Message::Resume(at));
            }
            None => app.sync(),
        }
        app
    }

    /// The remembered position, if there is one and the minutes still hold it.
    fn remembered(&self, corpus: &Corpus) -> Option<session::Resume> {
        self.session_key
            .as_ref()
            .and_then(|key| session::load(key))
            .and_then(|position| position.find(corpus))
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
    let app = options.app(corpus);
    run_app(app, &options, false).map(|_| ())
}

/// Opens the browser at once and reads the minutes under `options.paths` in
/// the background, with a spinner and the files read so far until they are
/// all in; meanwhile the meetings read fill in as they arrive and can be
/// browsed and found. Then as [`run_with`].
/// Returns the lines naming files that could not be read, for stderr once the
/// terminal is back.
pub fn run_loading(options: Options) -> anyhow::Result<Vec<String>> {
    let mut app = App::new(Corpus::default());
    app.look = options.look;
    app.keys = KeyTable::with_overrides(&options.keys);
    app.loading = Some(app::Loading::default());
    app.set_opened(&options.paths);
    app.set_following(Following::open(options.watch_list.clone()));
    run_app(app, &options, true)
}

fn run_app(mut app: App, options: &Options, load: bool) -> anyhow::Result<Vec<String>> {
    #[cfg(unix)]
    let signals = signals::Signals::install()?;
    let stop = || {
        #[cfg(unix)]
        return signals.caught();
        #[cfg(not(unix))]
        None::<i32>
    };
    let mut live = Live::manual(options.paths.clone(), options.use_cache);
    if load {
        live.load();
    }
    let mut term = terminal::init(options.mouse)?;
    let mut session = Session {
        app: &mut app,
        live: &mut live,
        options,
        stop: &stop,
        errors: Vec::new(),
        browsed: false,
    };
    let result = session.run(&mut term);
    let errors = std::mem::take(&mut session.errors);
    let browsed = session.browsed;
    terminal::restore();
    let position = position_to_remember(&app, browsed);
    if let (Some(key), Some(position)) = (&options.session_key, position) {
        // Remembering is a convenience: a read-only home is not an error.
        let _ = session::save(key, &position);
    }
    #[cfg(unix)]
    if let Some(signal) = stop() {
        std::process::exit(signals::exit_code(signal));
    }
    result.map(|()| errors)
}

/// The event loop and what it drives.
struct Session<'a> {
    app: &'a mut App,
    live: &'a mut Live,
    options: &'a Options,
    stop: &'a dyn Fn() -> Option<i32>,
    /// Files the first load could not read.
    errors: Vec<String>,
    /// A key or the mouse was used while the first load ran: the reader has
    /// chosen where to be, and the remembered position is not forced on them.
    browsed: bool,
}

impl Session<'_> {
    fn run(&mut self, term: &mut terminal::Term) -> anyhow::Result<()> {
        let started = std::time::Instant::now();
        let size = term.size()?;
        self.app.handle(Message::Action(Action::Resize {
            width: size.width,
            height: size.height,
        }));
        term.draw(|frame| ui::draw(frame, self.app))?;
        // Watching starts once the window is up, on a thread of its own:
        // setting up the watches walks the whole folder.
        if self.options.watch {
            self.live.start_watching_later();
        }
        event_loop(term, self, started)
    }

    /// Says in the status line that the folders are not watched, and why.
    fn say_watch_error(&mut self, error: &str) {
        let paths = self
            .options
            .paths
            .iter()
            .map(|p| p.display().to_string())
            .collect::<Vec<_>>()
            .join(", ");
        self.app.handle(Message::Say(
            Msg::ReloadFailed,
            vec![
                for_terminal(&paths).into_owned(),
                for_terminal(error).into_owned(),
            ],
        ));
    }

    /// A load handed something on: a batch of the first load, its end (then
    /// the browser goes to the remembered position, unless the reader has
    /// already moved), or a reloaded corpus.
    fn loaded(&mut self, loaded: live::Loaded) {
        if matches!(loaded, live::Loaded::Done) {
            // Every batch is in: the remembered position can be found, and
            // the end of the load says what failed after it.
            self.errors = self.app.corpus().error_lines().collect();
            if !self.browsed
                && let Some(at) = self.options.remembered(self.app.corpus())
            {
                self.app.handle(Message::Resume(at));
            }
        }
        self.app.handle(Message::Loaded(loaded));
    }
}

fn event_loop(
    term: &mut terminal::Term,
    s: &mut Session,
    started: std::time::Instant,
) -> anyhow::Result<()> {
    let mut dirty = true;
    let mut spun = std::time::Instant::now();
    loop {
        if (s.stop)().is_some() {
            return Ok(());
        }
        // Everything handed on since the last frame: batches are cheap to
        // merge, and waiting a frame for each would fall behind the loader.
        while let Some(loaded) = s.live.poll() {
            s.loaded(loaded);
            dirty = true;
        }
        if let Some(e) = s.live.take_watch_error() {
            s.say_watch_error(&e);
            dirty = true;
        }
        let app = &mut *s.app;
        if app.loading.is_some() && spun.elapsed() >= SPIN_EVERY {
            spun = std::time::Instant::now();
            let (done, total) = s.live.progress();
            let seconds = started.elapsed().as_secs();
            app.handle(Message::Progress {
                seconds,
                done,
                total,
            });
            dirty = true;
        }
        dirty |= app.handle(Message::Tick) == Effect::Redraw;
        if dirty {
            term.draw(|frame| ui::draw(frame, app))?;
            dirty = false;
            if s.options.exit_after.is_some_and(|after| after.reached(app)) {
                return Ok(());
            }
        }
        let busy = (app.popup_is_finder() && app.finder.busy())
            || app.fulltext_pending()
            || app.following.pending();
        let wait = if busy {
            BUSY_POLL
        } else if app.loading.is_some() {
            LOAD_POLL
        } else {
            IDLE_POLL
        };
        // A signal may interrupt the wait or make the terminal fail (SIGHUP):
        // either way, stopping is what was asked.
        match event::poll(wait) {
            Ok(true) => {}
            Ok(false) => continue,
            Err(_) if (s.stop)().is_some() => return Ok(()),
            Err(e) => return Err(e.into()),
        }
        // Drain everything pending before drawing again: a resize storm or a
        // burst of typed keys costs one frame, not one per event.
        loop {
            let event = match event::read() {
                Ok(event) => event,
                Err(_) if (s.stop)().is_some() => return Ok(()),
                Err(e) => return Err(e.into()),
            };
            let app = &mut *s.app;
            let browsing = app.loading.is_some() && is_browsing(&event, s.options.mouse);
            let effect = match event {
                Event::Key(key) => app.handle(Message::Key(key)),
                Event::Mouse(mouse) if s.options.mouse => app.handle(Message::Mouse(mouse)),
                Event::Resize(width, height) => {
                    app.handle(Message::Action(Action::Resize { width, height }))
                }
                _ => Effect::None,
            };
            // Quitting is no choice of where to be.
            s.browsed |= browsing && !matches!(effect, Effect::Quit);
            dirty = true;
            let mouse = s.options.mouse;
            match effect {
                Effect::Quit => return Ok(()),
                Effect::Copy(text) => {
                    let mut out = io::stdout();
                    terminal::copy_osc52(&mut out, &text)?;
                    out.flush()?;
                }
                Effect::Edit { file, line } => {
                    let editor = s.options.editor.as_deref();
                    let result = terminal::lend(term, mouse, || edit(editor, &file, line))?;
                    if let Err((msg, (a, b))) = result {
                        app.handle(Message::Say(msg, vec![a, b]));
                    }
                }
                Effect::View { file, line } => {
                    let viewer = s.options.pdf_viewer.as_deref();
                    let (msg, args) = view(viewer, &file, line);
                    app.handle(Message::Say(msg, args));
                }
                Effect::Page(text) => {
                    let result = terminal::lend(term, mouse, || page(&text))?;
                    if let Err((msg, (a, b))) = result {
                        app.handle(Message::Say(msg, vec![a, b]));
                    }
                }
                Effect::Reload => s.live.reload(Default::default()),
                Effect::Redraw | Effect::None => {}
            }
            if !event::poll(Duration::ZERO)? {
                break;
            }
        }
        // Typed keys changed the query: let the finder match before drawing.
        s.app.handle(Message::Tick);
    }
}

/// Where to open next time: where the reader is. Nothing when they quit
/// before the first load finished without having moved: the cursor is then
/// wherever a partial list put it, and the position remembered before, which
/// the browser would have gone to, is kept.
fn position_to_remember(app: &App, browsed: bool) -> Option<session::Position> {
    if app.loading.is_some() && !browsed {
        return None;
    }
    app.session_position()
}

/// Whether the reader acted (a key, a click or the wheel), as opposed to
/// the terminal reporting a resize or the mouse passing over.
fn is_browsing(event: &Event, mouse: bool) -> bool {
    match event {
        Event::Key(_) => true,
        Event::Mouse(m) => mouse && !matches!(m.kind, event::MouseEventKind::Moved),
        _ => false,
    }
}

/// A failure to report in the status line: the message and its two arguments.
type Failure = (Msg, (String, String));

/// Runs the editor on `file` at `line` and waits for it.
fn edit(configured: Option<&str>, file: &std::path::Path, line: usize) -> Result<(), Failure> {
    let name = crate::tui::editor::choose(
        configured,
        std::env::var_os("VISUAL"),
        std::env::var_os("EDITOR"),
    );
    let fail = |e: String| (Msg::EditorFailed, (for_terminal(&name).into_owned(), e));
    let mut cmd = crate::tui::editor::command(configured, file, Some(line)).map_err(fail)?;
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

/// Starts a viewer on `file`, at the page of `line` for a PDF, and leaves it
/// running (a thread waits for it, so it leaves no zombie behind). Returns
/// what the status line says: what was opened, or why nothing was.
fn view(
    configured: Option<&str>,
    file: &std::path::Path,
    line: Option<usize>,
) -> (Msg, Vec<String>) {
    match start_viewer(configured, file, line) {
        Ok(said) | Err(said) => said,
    }
}

fn start_viewer(
    configured: Option<&str>,
    file: &std::path::Path,
    line: Option<usize>,
) -> Result<(Msg, Vec<String>), (Msg, Vec<String>)> {
    let shown = for_terminal(&file.to_string_lossy()).into_owned();
    // The page is counted in the text the browser read, extracted again.
    // Only a configured viewer can be told a page: the opener cannot, so
    // the PDF is not extracted again for nothing.
    let page = line.filter(|_| configured.is_some()).and_then(|line| {
        let text = referat_core::read::read_text(file).ok()?.text;
        Some(referat_core::pdf::page_of_line(&text, line))
    });
    let viewer = if line.is_some() { configured } else { None };
    let mut cmd = match crate::tui::viewer::command(viewer, file, page, std::env::var_os("PATH")) {
        Ok(cmd) => cmd,
        Err(crate::tui::viewer::NoViewer::Malformed(e)) => {
            return Err((
                Msg::ViewerFailed,
                // The configuration's own words, still kept from the terminal.
                vec![
                    for_terminal(configured.unwrap_or_default()).into_owned(),
                    for_terminal(&e).into_owned(),
                ],
            ));
        }
        Err(crate::tui::viewer::NoViewer::NoneFound) => {
            return Err((Msg::NoViewer, vec![shown]));
        }
    };
    let name = cmd.get_program().to_string_lossy().into_owned();
    let child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| {
            (
                Msg::ViewerFailed,
                vec![for_terminal(&name).into_owned(), e.to_string()],
            )
        })?;
    let mut child = child;
    std::thread::spawn(move || child.wait());
    let name = for_terminal(&name).into_owned();
    Ok(match page.filter(|_| viewer.is_some()) {
        Some(page) => (Msg::ViewerAtPage, vec![shown, page.to_string(), name]),
        None => (Msg::ViewerStarted, vec![shown, name]),
    })
}

/// Shows `text` in `$PAGER` (default `less`), fed through a pipe, and waits.
fn page(text: &str) -> Result<(), Failure> {
    let name = std::env::var("PAGER")
        .ok()
        .filter(|p| !p.trim().is_empty())
        .unwrap_or_else(|| "less".to_string());
    let fail = |e: String| (Msg::PagerFailed, (for_terminal(&name).into_owned(), e));
    // Quoted as the editor's command is: a pager in a folder with a space.
    let words = crate::tui::editor::split(&name).map_err(fail)?;
    let (program, args) = words.split_first().ok_or_else(|| fail("empty".into()))?;
    let mut child = std::process::Command::new(program)
        .args(args)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quitting_mid_load_keeps_the_remembered_position_unless_the_reader_moved() {
        let mut app = App::new(Corpus::bundled());
        app.handle(Message::Action(Action::Resize {
            width: 100,
            height: 30,
        }));
        let here = app.session_position();
        assert!(here.is_some());
        assert_eq!(position_to_remember(&app, false), here, "loaded");
        app.loading = Some(app::Loading::default());
        assert_eq!(position_to_remember(&app, false), None, "mid-load");
        assert_eq!(position_to_remember(&app, true), here, "mid-load, moved");
    }
}
