//! Issue 17's scenario once more, in tmux rather than in a pty of our own: a
//! real terminal multiplexer, as a user runs referat, read back with
//! `capture-pane`. Follows 24/24964 on a copy of the sample, a file carrying
//! it arrives while the browser runs, the status line says so and the marker
//! shows; opening the item takes it away; `referat news` lists it once.
//!
//! Needs tmux. `.ci/run` installs it and sets `REFERAT_REQUIRE_TMUX`, so in
//! CI a missing tmux fails this test rather than skipping it.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use crate::common::{finish, referat_command, root, utf8};

const TIMEOUT: Duration = Duration::from_secs(20);

/// A tmux server of this test's own (its own socket), killed when dropped.
struct Tmux {
    socket: String,
}

impl Tmux {
    fn run(&self, args: &[&str]) -> String {
        let out = Command::new("tmux")
            .args(["-L", &self.socket])
            .args(args)
            .output()
            .expect("tmux runs");
        assert!(
            out.status.success(),
            "tmux {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Whether the session (the browser in it) is still there.
    fn alive(&self) -> bool {
        Command::new("tmux")
            .args(["-L", &self.socket, "has-session", "-t", "referat"])
            .output()
            .is_ok_and(|o| o.status.success())
    }

    fn screen(&self) -> String {
        self.run(&["capture-pane", "-p", "-t", "referat"])
    }

    fn wait(&self, what: &str, check: impl Fn(&str) -> bool) -> String {
        let poll = Duration::from_millis(50);
        crate::common::wait_for_screen(what, TIMEOUT, poll, || self.screen(), check)
    }

    fn wait_for(&self, needle: &str) -> String {
        self.wait(needle, |s| s.contains(needle))
    }

    fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", "referat"];
        args.extend_from_slice(keys);
        self.run(&args);
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .args(["-L", &self.socket, "kill-server"])
            .output();
    }
}

fn tmux_available() -> bool {
    let found = Command::new("tmux")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success());
    if !found && std::env::var_os("REFERAT_REQUIRE_TMUX").is_some() {
        panic!("tmux is needed for this test: apt-get install tmux");
    }
    if !found {
        eprintln!("tmux is not installed: skipping (CI installs it and requires it)");
    }
    found
}

fn shell_quote(text: &str) -> String {
    format!("'{}'", text.replace('\'', "'\\''"))
}

#[test]
fn following_a_case_in_tmux() {
    if !tmux_available() {
        return;
    }
    let home = tempfile::tempdir().unwrap();
    let minutes = home.path().join("referater");
    std::fs::create_dir(&minutes).unwrap();
    for entry in std::fs::read_dir(root().join("assets")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "txt") {
            std::fs::copy(&path, minutes.join(path.file_name().unwrap())).unwrap();
        }
    }
    let h = home.path().display().to_string();
    let command = format!(
        "env -i HOME={h} TERM=xterm-256color LANG=C.UTF-8 PATH={path} XDG_STATE_HOME={h} \
         XDG_CONFIG_HOME={h} XDG_CACHE_HOME={h} {bin} {folder}",
        h = shell_quote(&h),
        path = shell_quote(&std::env::var("PATH").unwrap_or_default()),
        bin = shell_quote(env!("CARGO_BIN_EXE_referat")),
        folder = shell_quote(&minutes.display().to_string()),
    );
    let tmux = Tmux {
        socket: format!("referat-test-{}", std::process::id()),
    };
    tmux.run(&[
        "-f",
        "/dev/null",
        "new-session",
        "-d",
        "-s",
        "referat",
        "-x",
        "120",
        "-y",
        "40",
        &command,
    ]);
    tmux.wait("the load done", |s| {
        s.contains("Meetings (5)") && !s.contains("Reading the minutes")
    });
    tmux.keys(&["w"]);
    tmux.wait_for("Following case 24/24964");
    let august = std::fs::read_to_string(minutes.join("000_5303c59182f2946f.txt")).unwrap();
    let arriving = august
        .replace("25-08-2025", "01-12-2026")
        .replace("25. august 2025", "1. december 2026");
    std::fs::write(minutes.join("news.txt"), arriving).unwrap();
    let screen = tmux.wait_for("New about what you follow: 1 item");
    assert!(screen.contains("01-12-2026 ● Direktion"), "{screen}");
    tmux.keys(&["g"]);
    tmux.wait_for("Items · Direktionen 01-12-2026");
    tmux.keys(&["Enter"]);
    tmux.wait_for(" ●  1 Øvrige sager");
    tmux.keys(&["Enter"]);
    tmux.wait("the marker gone", |s| !s.contains('●'));
    tmux.keys(&["q"]);
    // The session ends with the browser: its window closes.
    let deadline = Instant::now() + TIMEOUT;
    while tmux.alive() {
        assert!(Instant::now() < deadline, "the browser did not quit");
        std::thread::sleep(Duration::from_millis(50));
    }

    let news = |state: &Path| {
        let child = referat_command()
            .env("XDG_STATE_HOME", state)
            .env("XDG_CACHE_HOME", state)
            .env("XDG_CONFIG_HOME", state)
            .args(["news", minutes.to_str().unwrap()])
            .spawn()
            .unwrap();
        finish(child, TIMEOUT, utf8)
    };
    let first = news(home.path());
    assert_eq!(first.code, Some(0), "{first:?}");
    assert_eq!(first.stdout.lines().next(), Some("case 24/24964: 1 new"));
    let again = news(home.path());
    assert_eq!(again.code, Some(1), "{again:?}");
}
