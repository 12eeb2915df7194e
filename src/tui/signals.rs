//! Leaving cleanly when the process is told to stop.
//!
//! `SIGTERM` (`kill`, a shutdown), `SIGHUP` (the terminal window closed, the ssh
//! connection dropped) and `SIGINT` (`kill -INT`; Ctrl-C itself arrives as a key
//! in raw mode) would otherwise end the process with the terminal still in raw
//! mode, on the alternate screen and with the cursor hidden. While the browser
//! runs, these signals only set a flag ([`signal_hook::flag`], which is
//! async-signal-safe); the event loop sees it within one poll interval, returns,
//! and [`super::run`] restores the terminal and exits with `128 + signal`, as a
//! shell reports a process ended by that signal.
//!
//! When the terminal itself has gone (the window closed), the event loop may
//! never see the flag: crossterm's poll can keep reading the dead terminal
//! without returning. A watchdog thread therefore ends the process itself when
//! the loop has not returned shortly after a signal.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::Duration;

use signal_hook::SigId;
use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};

/// The signals that end the browser.
pub const HANDLED: [i32; 3] = [SIGTERM, SIGHUP, SIGINT];

/// The handlers while they are installed; dropping them restores the previous
/// handling.
pub struct Signals {
    caught: Arc<AtomicUsize>,
    ids: Vec<SigId>,
    /// Cleared when the handlers are dropped, which ends the watchdog.
    active: Arc<AtomicBool>,
}

/// How long the event loop has to return after a signal before the watchdog
/// restores the terminal and exits on its behalf.
const GRACE: Duration = Duration::from_millis(1500);

impl Signals {
    /// Installs the handlers.
    pub fn install() -> std::io::Result<Signals> {
        let caught = Arc::new(AtomicUsize::new(0));
        let mut ids = Vec::new();
        for signal in HANDLED {
            let id =
                signal_hook::flag::register_usize(signal, Arc::clone(&caught), signal as usize)?;
            ids.push(id);
        }
        let active = Arc::new(AtomicBool::new(true));
        watchdog(Arc::clone(&caught), Arc::clone(&active));
        Ok(Signals {
            caught,
            ids,
            active,
        })
    }

    /// The signal that arrived, if one did.
    pub fn caught(&self) -> Option<i32> {
        match self.caught.load(Ordering::SeqCst) {
            0 => None,
            n => i32::try_from(n).ok(),
        }
    }
}

/// Ends the process if a signal arrived and the event loop has not returned
/// within [`GRACE`].
fn watchdog(caught: Arc<AtomicUsize>, active: Arc<AtomicBool>) {
    const TICK: Duration = Duration::from_millis(100);
    let _ = std::thread::Builder::new()
        .name("referat-signals".into())
        .spawn(move || {
            let mut waited = Duration::ZERO;
            while active.load(Ordering::SeqCst) {
                std::thread::sleep(TICK);
                let signal = caught.load(Ordering::SeqCst);
                if signal == 0 {
                    continue;
                }
                waited += TICK;
                if waited >= GRACE && active.load(Ordering::SeqCst) {
                    super::terminal::restore();
                    std::process::exit(exit_code(signal as i32));
                }
            }
        });
}

impl Drop for Signals {
    fn drop(&mut self) {
        self.active.store(false, Ordering::SeqCst);
        for id in self.ids.drain(..) {
            signal_hook::low_level::unregister(id);
        }
    }
}

/// The exit status for a process ended by `signal`.
pub fn exit_code(signal: i32) -> i32 {
    128 + signal
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_signal_sets_the_flag_instead_of_ending_the_process() {
        let signals = Signals::install().unwrap();
        assert_eq!(signals.caught(), None);
        signal_hook::low_level::raise(SIGHUP).unwrap();
        assert_eq!(signals.caught(), Some(SIGHUP));
        assert_eq!(exit_code(SIGHUP), 129);
        assert_eq!(exit_code(SIGTERM), 143);
    }
}
