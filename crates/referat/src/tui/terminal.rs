//! Taking over the terminal and giving it back, also on panic.
//!
//! `ratatui::init` would do most of this, but it may query the cursor position
//! (`ESC[6n`), which a bare pseudo-terminal never answers, and it does not know
//! about mouse capture. So the browser sets up raw mode, the alternate screen and
//! mouse capture itself, draws through a full-screen viewport (no queries), and
//! installs a panic hook that restores all of it before the panic message is
//! printed, so the message lands on a usable screen.

use std::io::{self, Stdout, Write};
use std::panic;

use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::cursor::Show;
use ratatui::crossterm::event::{DisableMouseCapture, EnableMouseCapture};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{
    Clear, ClearType, EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::{Terminal, TerminalOptions, Viewport};

pub type Term = Terminal<CrosstermBackend<Stdout>>;

/// Enters raw mode, the alternate screen and (when `mouse`) mouse capture,
/// with the panic hook installed first so even a failure half-way is undone.
pub fn init(mouse: bool) -> io::Result<Term> {
    install_panic_hook(io::stdout);
    if let Err(e) = enter(mouse) {
        restore_to(&mut io::stdout());
        return Err(e);
    }
    let stdout = io::stdout();
    let backend = CrosstermBackend::new(stdout);
    Terminal::with_options(
        backend,
        TerminalOptions {
            viewport: Viewport::Fullscreen,
        },
    )
    .inspect_err(|_| {
        restore_to(&mut io::stdout());
    })
}

/// Raw mode, the alternate screen and mouse capture (when `mouse`).
fn enter(mouse: bool) -> io::Result<()> {
    enable_raw_mode()?;
    let mut stdout = io::stdout();
    execute!(stdout, EnterAlternateScreen)?;
    if mouse {
        execute!(stdout, EnableMouseCapture)?;
    }
    Ok(())
}

/// Lends the terminal to another program (the editor, the pager) while `run`
/// runs: the main screen, cooked mode and a visible cursor, then the browser's
/// screen again, redrawn in full. Ctrl-C meanwhile is the program's: it
/// does not stop the browser (see [`super::signals::Loan`]).
pub fn lend<T>(term: &mut Term, mouse: bool, run: impl FnOnce() -> T) -> io::Result<T> {
    restore();
    let result = {
        #[cfg(unix)]
        let _loan = super::signals::Loan::begin();
        run()
    };
    enter(mouse)?;
    // `Terminal::clear` would ask the terminal where the cursor is (see the
    // module documentation); clearing the screen and drawing one blank frame
    // makes ratatui's idea of the screen true again, so the next frame is
    // drawn in full.
    execute!(io::stdout(), Clear(ClearType::All))?;
    term.draw(|frame| frame.render_widget(ratatui::widgets::Clear, frame.area()))?;
    Ok(result)
}

/// Gives the terminal back: mouse capture off, main screen, cursor visible,
/// raw mode off. Errors are ignored: there is nothing better to do on the way out.
pub fn restore() {
    restore_to(&mut io::stdout());
}

/// [`restore`] writing its escape sequences to `out`. Ends with leaving the
/// alternate screen and showing the cursor, in that order.
pub fn restore_to<W: Write + ?Sized>(mut out: &mut W) {
    let _ = execute!(&mut out, DisableMouseCapture, LeaveAlternateScreen, Show);
    let _ = out.flush();
    let _ = disable_raw_mode();
}

/// Chains a hook in front of the current panic hook that restores the terminal
/// (writing to what `out` returns) before the panic message is printed.
pub fn install_panic_hook<W: Write + 'static>(out: fn() -> W) {
    let previous = panic::take_hook();
    panic::set_hook(Box::new(move |info| {
        let mut w = out();
        restore_to(&mut w);
        previous(info);
    }));
}

/// Copies `text` to the clipboard of the terminal (and of the machine it runs
/// on, over ssh too) with OSC 52.
pub fn copy_osc52(out: &mut dyn Write, text: &str) -> io::Result<()> {
    use base64::Engine;
    let encoded = base64::engine::general_purpose::STANDARD.encode(text);
    write!(out, "\x1b]52;c;{encoded}\x07")?;
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn restore_ends_with_main_screen_and_visible_cursor() {
        let mut out = Vec::new();
        restore_to(&mut out);
        let text = String::from_utf8(out).unwrap();
        assert!(text.ends_with("\x1b[?1049l\x1b[?25h"), "{text:?}");
        assert!(
            text.contains("\x1b[?1000l"),
            "mouse capture must be released: {text:?}"
        );
    }

    #[test]
    fn osc52_is_base64() {
        let mut out = Vec::new();
        copy_osc52(&mut out, "Direktionen 25-03-2025, punkt 6").unwrap();
        assert_eq!(
            out,
            b"\x1b]52;c;RGlyZWt0aW9uZW4gMjUtMDMtMjAyNSwgcHVua3QgNg==\x07"
        );
    }
}
