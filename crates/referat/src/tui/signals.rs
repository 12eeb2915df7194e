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
//!
//! While the terminal is lent to the editor or the pager ([`Loan`]), the
//! terminal is in cooked mode and Ctrl-C sends `SIGINT` to the whole
//! foreground process group: it is meant for the child, so the browser does
//! not count it, neither during the loan nor after it. `SIGTERM` and `SIGHUP`
//! still count.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, LazyLock};
use std::time::Duration;

use signal_hook::SigId;
use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};

/// The signals that end the browser.
pub const HANDLED: [i32; 3] = [SIGTERM, SIGHUP, SIGINT];

/// Whether the terminal is lent to another program (see [`Loan`]).
static LENT: AtomicBool = AtomicBool::new(false);

/// Set by `SIGINT`, apart from the other signals so that one caught during a
/// loan can be forgotten without losing a `SIGTERM` or `SIGHUP`.
static INTERRUPTED: LazyLock<Arc<AtomicBool>> = LazyLock::new(|| Arc::new(AtomicBool::new(false)));

/// The terminal is lent to a child (the editor, the pager) while this lives:
/// `SIGINT` is the child's. Dropping it forgets a `SIGINT` that arrived
/// meanwhile.
pub struct Loan(());

impl Loan {
    pub fn begin() -> Loan {
        LENT.store(true, Ordering::SeqCst);
        Loan(())
    }
}

impl Drop for Loan {
    fn drop(&mut self) {
        INTERRUPTED.store(false, Ordering::SeqCst);
        LENT.store(false, Ordering::SeqCst);
    }
}

/// The signal that counts now: `SIGTERM` or `SIGHUP` first, then `SIGINT`
/// unless the terminal is lent.
fn counted(caught: &AtomicUsize) -> Option<i32> {
    match caught.load(Ordering::SeqCst) {
        0 => {}
        n => return i32::try_from(n).ok(),
    }
    (INTERRUPTED.load(Ordering::SeqCst) && !LENT.load(Ordering::SeqCst)).then_some(SIGINT)
}

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
        INTERRUPTED.store(false, Ordering::SeqCst);
        for signal in HANDLED {
            let id = if signal == SIGINT {
                signal_hook::flag::register(signal, Arc::clone(&INTERRUPTED))?
            } else {
                signal_hook::flag::register_usize(signal, Arc::clone(&caught), signal as usize)?
            };
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
        counted(&self.caught)
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
                let Some(signal) = counted(&caught) else {
                    waited = Duration::ZERO;
                    continue;
                };
                waited += TICK;
                if waited >= GRACE && active.load(Ordering::SeqCst) {
                    super::terminal::restore();
                    std::process::exit(exit_code(signal));
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

    /// Raising a signal reaches every installed handler: one test at a time.
    static ONE_AT_A_TIME: std::sync::Mutex<()> = std::sync::Mutex::new(());

    #[test]
    fn a_signal_sets_the_flag_instead_of_ending_the_process() {
        let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
        let signals = Signals::install().unwrap();
        assert_eq!(signals.caught(), None);
        signal_hook::low_level::raise(SIGHUP).unwrap();
        assert_eq!(signals.caught(), Some(SIGHUP));
        assert_eq!(exit_code(SIGHUP), 129);
        assert_eq!(exit_code(SIGTERM), 143);
    }

    #[test]
    fn ctrl_c_during_a_loan_is_the_childs() {
        let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
        let signals = Signals::install().unwrap();
        let loan = Loan::begin();
        signal_hook::low_level::raise(SIGINT).unwrap();
        assert_eq!(signals.caught(), None, "SIGINT during the loan");
        // Longer than the watchdog's grace: it must not end the process.
        std::thread::sleep(GRACE + Duration::from_millis(300));
        drop(loan);
        assert_eq!(signals.caught(), None, "SIGINT forgotten after the loan");
        signal_hook::low_level::raise(SIGINT).unwrap();
        assert_eq!(signals.caught(), Some(SIGINT), "SIGINT after the loan");
        drop(signals);
        let signals = Signals::install().unwrap();
        let loan = Loan::begin();
        signal_hook::low_level::raise(SIGTERM).unwrap();
        assert_eq!(
            signals.caught(),
            Some(SIGTERM),
            "SIGTERM counts during the loan"
        );
        drop(loan);
        assert_eq!(signals.caught(), Some(SIGTERM));
    }
}
