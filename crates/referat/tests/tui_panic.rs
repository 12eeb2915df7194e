//! A panic restores the terminal before the panic message is printed.

use std::io::{self, Write};
use std::sync::Mutex;

static OUTPUT: Mutex<Vec<u8>> = Mutex::new(Vec::new());

/// Stands in for stdout: collects what the restore writes.
struct Capture;

impl Write for Capture {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        OUTPUT.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[test]
fn panic_hook_restores_the_terminal_before_the_message() {
    // The "previous" hook stands for the default one that prints the message.
    std::panic::set_hook(Box::new(|info| {
        let message = format!("PANIC MESSAGE: {info}");
        OUTPUT.lock().unwrap().extend_from_slice(message.as_bytes());
    }));
    referat::tui::terminal::install_panic_hook(|| Capture);
    let result = std::panic::catch_unwind(|| panic!("boom"));
    let _ = std::panic::take_hook();
    assert!(result.is_err());
    let out = String::from_utf8(OUTPUT.lock().unwrap().clone()).unwrap();
    let message = out
        .find("PANIC MESSAGE")
        .expect("the message is still printed");
    let screen = out
        .find("\x1b[?1049l")
        .expect("the alternate screen is left");
    let cursor = out.find("\x1b[?25h").expect("the cursor is shown");
    let mouse = out.find("\x1b[?1000l").expect("mouse capture is released");
    assert!(
        mouse < message && screen < message && cursor < message,
        "{out:?}"
    );
    assert!(out.contains("boom"));
}
