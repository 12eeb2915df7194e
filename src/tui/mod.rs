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
//! - [`ui`] draws a frame from `&App`; [`terminal`] takes over the terminal and
//!   gives it back, also on panic.

pub mod action;
pub mod app;
pub mod detail;
pub mod finder;
pub mod fold;
pub mod fulltext;
pub mod keys;
pub mod layout;
pub mod list;
#[cfg(unix)]
pub mod signals;
pub mod style;
pub mod terminal;
pub mod text;
pub mod ui;
mod update;
pub mod wrap;

#[doc(hidden)]
pub mod testing;

use std::io::{self, Write};
use std::time::Duration;

use ratatui::crossterm::event::{self, Event};

pub use action::{Action, Effect};
pub use app::App;

use crate::corpus::Corpus;

/// How long the loop waits for input when nothing is animating.
const IDLE_POLL: Duration = Duration::from_millis(250);
/// How often the finder is ticked while it is matching.
const BUSY_POLL: Duration = Duration::from_millis(16);

/// Opens the browser on `corpus` and returns when the user quits. The terminal is
/// restored on return, on error, on panic and on `SIGTERM`, `SIGHUP` and
/// `SIGINT`, after which the process exits with `128 + signal`.
pub fn run(corpus: Corpus) -> anyhow::Result<()> {
    #[cfg(unix)]
    let signals = signals::Signals::install()?;
    let stop = || {
        #[cfg(unix)]
        return signals.caught();
        #[cfg(not(unix))]
        None::<i32>
    };
    let mut term = terminal::init()?;
    let result = event_loop(&mut term, App::new(corpus), &stop);
    terminal::restore();
    #[cfg(unix)]
    if let Some(signal) = stop() {
        std::process::exit(signals::exit_code(signal));
    }
    result
}

fn event_loop(
    term: &mut terminal::Term,
    mut app: App,
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
        if app.popup_is_finder() && app.finder.busy() && app.finder.tick(finder::TICK_MS) {
            app.sync();
            dirty = true;
        }
        if app.fulltext_pending() && app.receive_fulltext() {
            dirty = true;
        }
        if dirty {
            term.draw(|frame| ui::draw(frame, &app))?;
            dirty = false;
        }
        let wait = if (app.popup_is_finder() && app.finder.busy()) || app.fulltext_pending() {
            BUSY_POLL
        } else {
            IDLE_POLL
        };
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
                Event::Mouse(mouse) => app.handle_mouse(mouse),
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
