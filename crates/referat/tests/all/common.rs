//! Running the real `referat` binary from the integration tests: the command,
//! waiting with a time limit, what a run printed, and a terminal's screen
//! watched until it shows something.

use std::io::Read;
use std::path::Path;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use serde_json::Value;

/// The repository root (the workspace), where the bundled sample is.
#[allow(dead_code)]
pub fn root() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}

/// What one run of the binary did.
#[allow(dead_code)]
#[derive(Debug)]
pub struct Run {
    /// The exit code; `None` when a signal ended the process (or it timed out).
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

#[allow(dead_code)]
impl Run {
    /// Asserts nothing panicked: no panic message, and an exit code other than
    /// a panic's 101.
    pub fn assert_no_panic(&self, what: &str) -> &Self {
        self.assert_no_panic_text(what);
        assert!(
            self.code.is_some_and(|c| c != 101),
            "{what}: crashed ({:?})\n{}",
            self.code,
            self.stderr
        );
        self
    }

    /// Asserts stderr holds no panic message.
    pub fn assert_no_panic_text(&self, what: &str) -> &Self {
        assert!(
            !self.stderr.contains("panicked"),
            "{what}: panicked\n{}",
            self.stderr
        );
        self
    }

    /// The standard output parsed as JSON.
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("stdout is not JSON ({e}):\n{}", self.stdout))
    }
}

/// A `referat` command with stdin empty and stdout and stderr piped.
#[allow(dead_code)]
pub fn referat_command() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_referat"));
    command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    command
}

/// Output decoded leniently, invalid UTF-8 shown as U+FFFD.
#[allow(dead_code)]
pub fn lossy(bytes: Vec<u8>) -> String {
    String::from_utf8_lossy(&bytes).into_owned()
}

/// Output that must be UTF-8.
#[allow(dead_code)]
pub fn utf8(bytes: Vec<u8>) -> String {
    String::from_utf8(bytes).expect("referat prints UTF-8")
}

/// Waits for `child`; after `timeout` kills it and returns `None`.
#[allow(dead_code)]
pub fn wait_within(child: &mut Child, timeout: Duration) -> Option<ExitStatus> {
    let started = Instant::now();
    loop {
        if let Some(status) = child.try_wait().expect("wait") {
            return Some(status);
        }
        if started.elapsed() > timeout {
            let _ = child.kill();
            let _ = child.wait();
            return None;
        }
        thread::sleep(Duration::from_millis(5));
    }
}

/// Reads a spawned child's stdout and stderr to the end on their own threads.
fn read_output(child: &mut Child) -> (JoinHandle<Vec<u8>>, JoinHandle<Vec<u8>>) {
    let read_all = |mut pipe: Box<dyn Read + Send>| {
        thread::spawn(move || {
            let mut bytes = Vec::new();
            pipe.read_to_end(&mut bytes).expect("pipe readable");
            bytes
        })
    };
    let stdout = read_all(Box::new(child.stdout.take().unwrap()));
    let stderr = read_all(Box::new(child.stderr.take().unwrap()));
    (stdout, stderr)
}

/// Waits for a spawned run with piped output, killing it after `timeout` (the
/// run then has no exit code).
#[allow(dead_code)]
pub fn finish_within(mut child: Child, timeout: Duration, decode: fn(Vec<u8>) -> String) -> Run {
    let (stdout, stderr) = read_output(&mut child);
    let code = wait_within(&mut child, timeout).and_then(|status| status.code());
    Run {
        code,
        stdout: decode(stdout.join().unwrap()),
        stderr: decode(stderr.join().unwrap()),
    }
}

/// Waits for a spawned run with piped output, failing the test if it runs
/// longer than `timeout`.
#[allow(dead_code)]
pub fn finish(mut child: Child, timeout: Duration, decode: fn(Vec<u8>) -> String) -> Run {
    let (stdout, stderr) = read_output(&mut child);
    let status = wait_within(&mut child, timeout)
        .unwrap_or_else(|| panic!("referat did not finish within {timeout:?}"));
    Run {
        code: status.code(),
        stdout: decode(stdout.join().unwrap()),
        stderr: decode(stderr.join().unwrap()),
    }
}

/// Reads `screen` every `poll` until `check` holds, and returns that screen;
/// fails with the last screen after `timeout`. For the browser driven in a
/// pty or in tmux, whichever reads the screen.
pub fn wait_for_screen(
    what: &str,
    timeout: Duration,
    poll: Duration,
    screen: impl Fn() -> String,
    check: impl Fn(&str) -> bool,
) -> String {
    let deadline = Instant::now() + timeout;
    loop {
        let screen = screen();
        if check(&screen) {
            return screen;
        }
        assert!(
            Instant::now() <= deadline,
            "timed out waiting for {what}; screen:\n{screen}"
        );
        thread::sleep(poll);
    }
}
