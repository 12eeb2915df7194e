//! End to end: the real binary in a pseudo-terminal, driven by keys, read back
//! through a terminal emulator (vt100). Opens the bundled sample, finds case
//! 25/8362, jumps to its decision, opens the case timeline, quits, and checks
//! that the terminal was given back; searches the full text for Realdania and
//! lands on the hit; and is given back the terminal on SIGTERM, SIGHUP and
//! SIGINT too.

use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

const ROWS: u16 = 40;
const COLS: u16 = 120;
const TIMEOUT: Duration = Duration::from_secs(15);

/// Opens a pty and starts the binary on its slave side with `home` as its home
/// (and every XDG folder and the working folder), extra environment variables and
/// arguments; returns the master side (the only handle left open on the pty) and
/// the child.
fn spawn_in_pty(
    home: &std::path::Path,
    env: &[(&str, &str)],
    args: &[&str],
) -> (Box<dyn MasterPty + Send>, Box<dyn Child + Send + Sync>) {
    let pty = native_pty_system()
        .openpty(PtySize {
            rows: ROWS,
            cols: COLS,
            pixel_width: 0,
            pixel_height: 0,
        })
        .expect("open a pty");
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_referat"));
    cmd.args(args);
    cmd.env_clear();
    cmd.env("TERM", "xterm-256color");
    cmd.env("LANG", "C.UTF-8");
    cmd.env("PATH", std::env::var("PATH").unwrap_or_default());
    cmd.env("HOME", home);
    for var in [
        "XDG_CONFIG_HOME",
        "XDG_DATA_HOME",
        "XDG_CACHE_HOME",
        "XDG_STATE_HOME",
    ] {
        cmd.env(var, home);
    }
    for (name, value) in env {
        cmd.env(name, value);
    }
    cmd.cwd(home);
    let child = pty.slave.spawn_command(cmd).expect("spawn referat");
    drop(pty.slave);
    (pty.master, child)
}

struct Session {
    writer: Box<dyn Write + Send>,
    output: Arc<Mutex<Vec<u8>>>,
    child: Box<dyn Child + Send + Sync>,
    _home: Option<tempfile::TempDir>,
}

impl Session {
    fn start() -> Session {
        let home = tempfile::tempdir().unwrap();
        let mut s = Session::start_in(home.path(), &[], &[]);
        s._home = Some(home);
        s
    }

    /// The binary with `home` as its home (and every XDG folder), extra
    /// environment variables and arguments.
    fn start_in(home: &std::path::Path, env: &[(&str, &str)], args: &[&str]) -> Session {
        let (master, child) = spawn_in_pty(home, env, args);
        let mut reader = master.try_clone_reader().unwrap();
        let writer = master.take_writer().unwrap();
        let output = Arc::new(Mutex::new(Vec::new()));
        let sink = Arc::clone(&output);
        thread::spawn(move || {
            let _master = master;
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                sink.lock().unwrap().extend_from_slice(&buf[..n]);
            }
        });
        Session {
            writer,
            output,
            child,
            _home: None,
        }
    }

    fn raw(&self) -> Vec<u8> {
        self.output.lock().unwrap().clone()
    }

    fn parser(&self) -> vt100::Parser {
        let mut parser = vt100::Parser::new(ROWS, COLS, 0);
        parser.process(&self.raw());
        parser
    }

    fn screen(&self) -> String {
        self.parser().screen().contents()
    }

    fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).unwrap();
        self.writer.flush().unwrap();
    }

    /// Polls the screen until `check` holds, failing with the screen after TIMEOUT.
    fn wait(&self, what: &str, check: impl Fn(&str) -> bool) -> String {
        let poll = Duration::from_millis(20);
        crate::common::wait_for_screen(what, TIMEOUT, poll, || self.screen(), check)
    }

    fn wait_for(&self, needle: &str) -> String {
        self.wait(needle, |s| s.contains(needle))
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
        }
    }
}

/// Waits for the child to exit and returns its status.
fn wait_exit(s: &mut Session) -> portable_pty::ExitStatus {
    let deadline = Instant::now() + TIMEOUT;
    loop {
        if let Some(status) = s.child.try_wait().unwrap() {
            return status;
        }
        assert!(
            Instant::now() < deadline,
            "referat did not quit; screen:\n{}",
            s.screen()
        );
        thread::sleep(Duration::from_millis(20));
    }
}

/// Where `needle` is on the screen: row and column (the sample's text is all
/// single-width characters).
fn locate(screen: &vt100::Screen, needle: &str, from_col: u16) -> Option<(u16, u16)> {
    let lines: Vec<String> = screen.rows(0, COLS).collect();
    lines.iter().enumerate().find_map(|(row, line)| {
        let chars: Vec<char> = line.chars().collect();
        let needle: Vec<char> = needle.chars().collect();
        (usize::from(from_col)..chars.len().saturating_sub(needle.len() - 1))
            .find(|&col| chars[col..col + needle.len()] == needle[..])
            .map(|col| (row as u16, col as u16))
    })
}

#[test]
fn full_text_search_lands_on_the_hit() {
    let mut s = Session::start();
    s.wait_for("Meetings (");
    s.send("S");
    s.wait_for("Search all minutes");
    s.send("Realdania");
    s.wait("the Kvarterhus result", |screen| {
        screen.contains("Search all minutes · 1 item")
            && screen.contains("Kvarterhus Gadehavegård - uddannelsesreformen")
    });
    s.send("\r");
    let screen = s.wait("the item in the detail with the hit", |screen| {
        !screen.contains("Search all minutes")
            && screen.contains("Kvarterhus Gadehavegård - uddannelsesreformen")
            && screen.contains("Realdania")
    });
    if std::env::var_os("REFERAT_E2E_SHOW").is_some() {
        eprintln!("{screen}");
    }
    // The hit is highlighted in the detail pane (the right-hand pane).
    let parser = s.parser();
    let vt = parser.screen();
    let (row, col) = locate(vt, "Realdania", COLS / 2).expect("Realdania on screen");
    for i in 0..9 {
        let cell = vt.cell(row, col + i).unwrap();
        assert!(cell.underline(), "hit not underlined at {row},{}", col + i);
    }
    s.send("n");
    s.wait_for("Match 2/2");
    s.send("q");
    assert!(wait_exit(&mut s).success());
}

#[test]
fn find_a_case_jump_to_its_decision_open_the_timeline_and_quit() {
    let mut s = Session::start();
    s.wait_for("Meetings (");
    s.wait_for("item");

    s.send("f");
    s.wait_for("Find an item");
    s.send("25/8362");
    s.wait("one match for 25/8362", |screen| {
        screen.contains("25/8362") && screen.contains("Find an item · 1/")
    });
    s.send("\r");
    s.wait("the item in the detail", |screen| {
        !screen.contains("Find an item")
            && screen.contains("Status på indkøb")
            && screen.contains("Case 25/8362")
    });

    s.send("b");
    // The decision heading moves to the top of the detail pane.
    let screen = s.wait("the decision at the top of the detail", |screen| {
        screen
            .lines()
            .nth(1)
            .is_some_and(|l| l.contains("▌ BESLUTNING"))
            && screen.contains("▌ Direktionen tager sagen til efterretning")
    });
    if std::env::var_os("REFERAT_E2E_SHOW").is_some() {
        eprintln!("{screen}");
    }

    s.send("c");
    let screen = s.wait("the case timeline", |screen| {
        screen.contains("Case 25/8362 · 1 item") && screen.contains("Enter jump")
    });
    if std::env::var_os("REFERAT_E2E_SHOW").is_some() {
        eprintln!("{screen}");
    }

    s.send("q");
    let status = wait_exit(&mut s);
    assert!(status.success(), "exit status {status:?}");

    assert_restored(&s, "q");
}

/// The tail of the output: the terminal was given back last.
fn assert_restored(s: &Session, what: &str) {
    let deadline = Instant::now() + Duration::from_secs(2);
    while !String::from_utf8_lossy(&s.raw()).ends_with("\x1b[?25h") && Instant::now() < deadline {
        thread::sleep(Duration::from_millis(20));
    }
    let raw = String::from_utf8_lossy(&s.raw()).into_owned();
    let entered = raw
        .rfind("\x1b[?1049h")
        .expect("entered the alternate screen");
    let left = raw
        .rfind("\x1b[?1049l")
        .unwrap_or_else(|| panic!("{what}: did not leave the alternate screen"));
    assert!(left > entered, "{what}");
    assert!(
        raw[entered..].contains("\x1b[?1000l"),
        "{what}: mouse capture not released"
    );
    assert!(
        raw.ends_with("\x1b[?25h"),
        "{what}: output must end by showing the cursor: {:?}",
        &raw[raw.len().saturating_sub(200)..]
    );
}

#[test]
fn signals_restore_the_terminal_and_exit() {
    for (name, number) in [("TERM", 15), ("HUP", 1), ("INT", 2)] {
        let mut s = Session::start();
        s.wait_for("Meetings (");
        // Open a popup first: the restore must not depend on where the user is.
        s.send("S");
        s.wait_for("Search all minutes");
        let pid = s.child.process_id().expect("a pid");
        let sent = std::process::Command::new("kill")
            .args([&format!("-{name}"), &pid.to_string()])
            .status()
            .expect("run kill");
        assert!(sent.success());
        let status = wait_exit(&mut s);
        assert_eq!(
            status.exit_code(),
            128 + number,
            "SIG{name}: exit status {status:?}"
        );
        assert_restored(&s, &format!("SIG{name}"));
    }
}

/// Quits with `q` and waits for a clean exit.
fn quit(mut s: Session) -> Session {
    s.send("q");
    assert!(wait_exit(&mut s).success());
    s
}

#[test]
fn reopening_returns_to_the_last_item_and_scroll() {
    let home = tempfile::tempdir().unwrap();
    let s = Session::start_in(home.path(), &[], &[]);
    s.wait_for("Meetings (");
    let mut s = s;
    s.send("f18/15736");
    s.wait("the Kvarterhus match", |screen| {
        screen.contains("Find an item · 1/")
    });
    s.send("\r");
    s.wait_for("Item 6 · Kvarterhus");
    s.send("jjjjj");
    s.wait_for("lines 6-");
    quit(s);

    let s = Session::start_in(home.path(), &[], &[]);
    let screen = s.wait("the remembered item", |screen| {
        screen.contains("Item 6 · Kvarterhus") && screen.contains("lines 6-")
    });
    assert!(
        screen.contains("Back where you left off: Direktionen 25-03-2025"),
        "{screen}"
    );
    quit(s);
}

#[test]
fn configuration_language_mouse_and_keys() {
    let home = tempfile::tempdir().unwrap();
    let config = home.path().join("config.toml");
    std::fs::write(
        &config,
        "language = \"da\"\nmouse = false\ndate_format = \"iso\"\n[keys]\nquit = \"Q\"\n",
    )
    .unwrap();
    let config = config.to_str().unwrap();
    let mut s = Session::start_in(home.path(), &[("REFERAT_CONFIG", config)], &[]);
    s.wait("the Danish interface", |screen| {
        screen.contains("Møder (5)") && screen.contains("2025-08-25 Direktionen")
    });
    // `q` is not quit any more; `Q` is.
    s.send("q");
    thread::sleep(Duration::from_millis(300));
    assert!(s.child.try_wait().unwrap().is_none(), "q quit");
    s.send("Q");
    assert!(wait_exit(&mut s).success());
    let raw = String::from_utf8_lossy(&s.raw()).into_owned();
    assert!(!raw.contains("\x1b[?1000h"), "mouse captured although off");
}

#[test]
fn the_editor_opens_the_file_at_the_item() {
    let home = tempfile::tempdir().unwrap();
    let minutes = home.path().join("referater");
    std::fs::create_dir(&minutes).unwrap();
    std::fs::copy(
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../assets/003_dcfeaadc1ebe6a83.txt"
        ),
        minutes.join("marts.txt"),
    )
    .unwrap();
    // A stand-in for vi: records how it was called.
    let (vi, record) = recorder(home.path(), "vi");
    let editor = vi.to_str().unwrap();
    let folder = minutes.to_str().unwrap();
    let mut s = Session::start_in(home.path(), &[("EDITOR", editor)], &[folder]);
    s.wait_for("Meetings (1)");
    s.send("\rjjjjj");
    s.wait_for("Item 6 · Kvarterhus");
    s.send("e");
    let called = called(&record, "the editor");
    let line = std::fs::read_to_string(minutes.join("marts.txt"))
        .unwrap()
        .lines()
        .position(|l| l.starts_with("Punkt 6"))
        .unwrap()
        + 1;
    assert_eq!(called, format!("+{line} {folder}/marts.txt"));
    // The browser comes back on its own screen, drawn again in full (the
    // screen is cleared when the alternate screen is entered again).
    s.wait("the alternate screen entered again", |_| {
        String::from_utf8_lossy(&s.raw())
            .matches("\x1b[?1049h")
            .count()
            >= 2
    });
    s.wait_for("Item 6 · Kvarterhus");
    quit(s);
}

/// A stand-in program in `home`/bin that writes how it was called to
/// `home`/called; returns its path and the record's.
fn recorder(home: &std::path::Path, name: &str) -> (std::path::PathBuf, std::path::PathBuf) {
    use std::os::unix::fs::PermissionsExt;
    let bin = home.join("bin");
    std::fs::create_dir_all(&bin).unwrap();
    let program = bin.join(name);
    let record = home.join("called");
    std::fs::write(
        &program,
        format!("#!/bin/sh\necho \"$@\" > '{}'\n", record.display()),
    )
    .unwrap();
    std::fs::set_permissions(&program, std::fs::Permissions::from_mode(0o755)).unwrap();
    (program, record)
}

/// Waits for the stand-in to have written its record, and reads it.
fn called(record: &std::path::Path, what: &str) -> String {
    let deadline = Instant::now() + TIMEOUT;
    while !record.exists() {
        assert!(Instant::now() < deadline, "{what} was not run");
        thread::sleep(Duration::from_millis(20));
    }
    thread::sleep(Duration::from_millis(100));
    std::fs::read_to_string(record).unwrap().trim().to_string()
}

#[test]
fn e_on_a_pdf_opens_the_viewer_at_the_items_page_and_on_a_page_the_opener() {
    if !crate::pdf_input::have_pdftotext() {
        return;
    }
    let home = tempfile::tempdir().unwrap();
    let minutes = home.path().join("referater");
    std::fs::create_dir(&minutes).unwrap();
    // Item 2 starts the second page.
    let excerpt = crate::pdf_input::EXCERPT;
    let split = excerpt
        .iter()
        .position(|l| l.starts_with("Punkt 2"))
        .unwrap();
    let pdf = minutes.join("byraad.pdf");
    crate::pdf_input::write_pdf_pages(&pdf, &[&excerpt[..split], &excerpt[split..]]);
    let (viewer, record) = recorder(home.path(), "viewer");
    let config = home.path().join("config.toml");
    std::fs::write(
        &config,
        format!(
            "pdf_viewer = \"'{}' --page={{page}} {{file}}\"\n",
            viewer.display()
        ),
    )
    .unwrap();
    let config = config.to_str().unwrap();
    let folder = minutes.to_str().unwrap();
    let mut s = Session::start_in(home.path(), &[("REFERAT_CONFIG", config)], &[folder]);
    s.wait_for("Meetings (1)");
    s.send("\rj");
    s.wait_for("Item 2 · Bro mellem");
    s.send("e");
    assert_eq!(
        called(&record, "the viewer"),
        format!("--page=2 {folder}/byraad.pdf")
    );
    s.wait_for("at page 2");
    // The browser kept the terminal: no second alternate screen.
    assert_eq!(
        String::from_utf8_lossy(&s.raw())
            .matches("\x1b[?1049h")
            .count(),
        1
    );
    quit(s);

    // A saved portal page, no viewer configured: the system's opener.
    std::fs::remove_file(&record).unwrap();
    std::fs::remove_file(&pdf).unwrap();
    let page = minutes.join("moede.html");
    let text = excerpt.join("<br>\n");
    std::fs::write(&page, format!("<html><body><p>{text}</p></body></html>")).unwrap();
    let (opener, _) = recorder(home.path(), "xdg-open");
    let bin = opener.parent().unwrap().to_str().unwrap().to_string();
    let path = format!("{bin}:{}", std::env::var("PATH").unwrap_or_default());
    let mut s = Session::start_in(home.path(), &[("PATH", &path)], &[folder]);
    s.wait_for("Meetings (1)");
    s.send("\re");
    assert_eq!(
        called(&record, "the opener"),
        format!("{folder}/moede.html")
    );
    quit(s);
}

#[test]
fn the_pager_reads_the_item() {
    let home = tempfile::tempdir().unwrap();
    let record = home.path().join("paged");
    let args = home.path().join("args");
    // In a folder with a space, quoted in $PAGER as a shell would.
    std::fs::create_dir(home.path().join("my tools")).unwrap();
    let pager = home.path().join("my tools").join("pager");
    std::fs::write(
        &pager,
        format!(
            "#!/bin/sh\nprintf '%s\\n' \"$@\" > '{}'\ncat > '{}'\n",
            args.display(),
            record.display()
        ),
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&pager, std::fs::Permissions::from_mode(0o755)).unwrap();
    let command = format!("'{}' -R \"two words\"", pager.display());
    let mut s = Session::start_in(home.path(), &[("PAGER", &command)], &[]);
    s.wait_for("Meetings (");
    s.send("j");
    s.wait_for("Items · Direktionen 25-03-2025");
    s.send("\rjjjjj");
    s.wait_for("Item 6 · Kvarterhus");
    s.send("o");
    s.wait("the browser back", |_| {
        String::from_utf8_lossy(&s.raw())
            .matches("\x1b[?1049h")
            .count()
            >= 2
    });
    s.wait_for("Item 6 · Kvarterhus");
    let paged = std::fs::read_to_string(&record).unwrap();
    assert!(
        paged.starts_with("Kvarterhus Gadehavegård - uddannelsesreformen"),
        "{paged}"
    );
    assert!(paged.contains("Realdania"), "{paged}");
    assert!(paged.contains("▌ BESLUTNING"), "{paged}");
    assert_eq!(std::fs::read_to_string(&args).unwrap(), "-R\ntwo words\n");
    quit(s);
}

/// Ctrl-C in the pager is the pager's: in cooked mode it reaches the whole
/// process group, and the browser must neither stop nor leave the pager
/// behind.
#[test]
fn ctrl_c_in_the_pager_is_the_pagers() {
    let home = tempfile::tempdir().unwrap();
    let record = home.path().join("interrupted");
    let pager = home.path().join("pager");
    std::fs::write(
        &pager,
        format!(
            "#!/bin/sh\ntrap 'echo INT > \"{rec}\"' INT\ncat > /dev/null\necho PAGER-UP\n\
             while [ ! -f '{rec}' ]; do sleep 0.1; done\nsleep 2\n",
            rec = record.display()
        ),
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&pager, std::fs::Permissions::from_mode(0o755)).unwrap();
    let mut s = Session::start_in(home.path(), &[("PAGER", pager.to_str().unwrap())], &[]);
    s.wait_for("Meetings (");
    s.send("j\r");
    s.wait_for("Items · Direktionen 25-03-2025");
    s.send("o");
    s.wait_for("PAGER-UP");
    s.send("\x03");
    let deadline = Instant::now() + TIMEOUT;
    while !record.exists() {
        assert!(Instant::now() < deadline, "the pager never saw Ctrl-C");
        thread::sleep(Duration::from_millis(20));
    }
    // The pager outlives the watchdog's grace before it gives the terminal back.
    s.wait("the browser back", |_| {
        String::from_utf8_lossy(&s.raw())
            .matches("\x1b[?1049h")
            .count()
            >= 2
    });
    s.wait_for("Meetings (");
    assert!(
        s.child.try_wait().unwrap().is_none(),
        "the browser ended on the pager's Ctrl-C"
    );
    s.send("j");
    thread::sleep(Duration::from_millis(300));
    assert!(s.child.try_wait().unwrap().is_none());
    quit(s);
}

#[test]
fn the_window_opens_before_the_minutes_are_read() {
    let home = tempfile::tempdir().unwrap();
    let minutes = home.path().join("referater");
    std::fs::create_dir(&minutes).unwrap();
    for name in ["000_5303c59182f2946f.txt", "003_dcfeaadc1ebe6a83.txt"] {
        std::fs::copy(
            format!("{}/assets/{name}", crate::common::root().display()),
            minutes.join(name),
        )
        .unwrap();
    }
    std::fs::write(
        minutes.join("broken.txt"),
        b"\xff\xfe\x00not minutes at all",
    )
    .unwrap();
    let folder = minutes.to_str().unwrap();
    let mut s = Session::start_in(home.path(), &[], &["--no-cache", folder]);
    s.wait_for("Meetings (2)");
    // The first frame was drawn while the minutes were still being read.
    let raw = String::from_utf8_lossy(&s.raw()).into_owned();
    assert!(raw.contains("Reading the minutes"), "no loading frame");
    // A file that could not be read is named in the status line, and on
    // stderr once the terminal is back.
    s.wait_for("Could not read");
    s.send("q");
    assert!(wait_exit(&mut s).success());
    thread::sleep(Duration::from_millis(100));
    let raw = String::from_utf8_lossy(&s.raw()).into_owned();
    let after = &raw[raw.rfind("\x1b[?1049l").unwrap()..];
    assert!(after.contains("broken.txt"), "{after:?}");
}

/// The terminal itself goes away (the window is closed): the browser must not
/// keep running, spinning on a terminal nobody reads. The kernel hangs up the
/// session when the pty's master side closes; the browser ends with SIGHUP's
/// status even though its own read of the dead terminal never returns.
#[test]
fn closing_the_terminal_ends_the_browser() {
    let home = tempfile::tempdir().unwrap();
    let (master, mut child) = spawn_in_pty(home.path(), &[], &[]);
    // The reader closes every handle on the master side as soon as the first
    // frame is in: that is the terminal window going away.
    let mut reader = master.try_clone_reader().unwrap();
    let closed = thread::spawn(move || {
        let mut seen = Vec::new();
        let mut buf = [0u8; 8192];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            seen.extend_from_slice(&buf[..n]);
            if String::from_utf8_lossy(&seen).contains("Meetings (") {
                drop(reader);
                drop(master);
                return true;
            }
        }
        false
    });
    assert!(
        closed.join().unwrap(),
        "no first frame before the terminal closed"
    );
    let deadline = Instant::now() + TIMEOUT;
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if Instant::now() >= deadline {
            let _ = child.kill();
            panic!("referat kept running after its terminal was closed");
        }
        thread::sleep(Duration::from_millis(20));
    };
    assert_eq!(
        status.exit_code(),
        128 + 1,
        "ended by the hang-up: {status:?}"
    );
}

#[test]
fn meeting_page_zoom_and_stepping_through_search_results() {
    let mut s = Session::start();
    s.wait_for("Meetings (5)");
    // The meeting page: facts, contents; Enter shows the item, Ctrl-o back.
    s.send("i");
    s.wait("the meeting page", |screen| {
        screen.contains("Source") && screen.contains("Forum") && screen.contains("Enter show item")
    });
    s.send("G\r");
    s.wait("the page closed on the item", |screen| {
        !screen.contains("Enter show item") && screen.contains("▶ Item")
    });
    // Zoom: the detail pane alone, and back.
    s.send("z");
    s.wait("the zoomed pane", |screen| {
        screen.contains("z: all panes") && !screen.contains("Meetings (5)")
    });
    s.send("z");
    s.wait_for("Meetings (5)");
    // A full-text search, then n through the hits and into the next result.
    s.send("Sdirektionen");
    s.wait_for("direktionen");
    thread::sleep(Duration::from_millis(300));
    s.send("\r");
    s.wait_for("▶ Item");
    for _ in 0..12 {
        s.send("n");
        thread::sleep(Duration::from_millis(30));
    }
    s.wait_for("Result 2 of");
    quit(s);
}

#[test]
fn one_row_for_a_meeting_in_two_files_and_the_meetings_filter() {
    let home = tempfile::tempdir().unwrap();
    let minutes = home.path().join("minutes");
    std::fs::create_dir(&minutes).unwrap();
    let march = referat::tui::testing::MARCH;
    std::fs::write(minutes.join("march.txt"), march).unwrap();
    // The same meeting again, read from a fuller copy.
    let fuller = format!("{march}\nDirektionen noterede sig en tilføjelse.\n");
    std::fs::write(minutes.join("march-full.txt"), fuller).unwrap();
    let chefforum = referat::tui::testing::CHEFFORUM;
    std::fs::write(minutes.join("chefforum.txt"), chefforum).unwrap();
    let dir = minutes.to_str().unwrap();
    let mut s = Session::start_in(home.path(), &[], &[dir]);
    s.wait_for("Meetings (2)");
    // The Direktionen meeting (the older) is one row; its page names both files.
    s.send("ji");
    let page = s.wait_for("Also in");
    assert!(
        page.contains("march-full.txt") && page.contains("march.txt"),
        "{page}"
    );
    s.send("\x1b");
    s.wait("the page closed", |screen| !screen.contains("Also in"));
    // Filter on Chefforum: the list narrows, X shows everything again.
    s.send("F");
    s.wait_for("Filter meetings (2 of 2)");
    s.send("\r");
    s.wait_for("Filter meetings (1 of 2)");
    s.send("\x1b");
    let screen = s.wait("the filtered list", |screen| {
        screen.contains("Meetings (1 of 2") && !screen.contains("Enter choose")
    });
    assert!(!screen.contains("25-03-2025"), "{screen}");
    s.send("X");
    s.wait_for("Filter cleared");
    s.wait_for("Meetings (2)");
    quit(s);
}

/// The bundled sample copied to `home/referater`, and a new minutes file
/// carrying case 24/24964 (the August meeting moved to 01-12-2026).
fn sample_folder_and_news(home: &std::path::Path) -> (std::path::PathBuf, String) {
    let minutes = home.join("referater");
    std::fs::create_dir(&minutes).unwrap();
    for entry in std::fs::read_dir(crate::common::root().join("assets")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "txt") {
            std::fs::copy(&path, minutes.join(path.file_name().unwrap())).unwrap();
        }
    }
    let august = std::fs::read_to_string(minutes.join("000_5303c59182f2946f.txt")).unwrap();
    let news = august
        .replace("25-08-2025", "01-12-2026")
        .replace("25. august 2025", "1. december 2026");
    (minutes, news)
}

/// `referat news` as a script runs it, with the browser's state folder.
fn news(home: &std::path::Path, folder: &str) -> crate::common::Run {
    let child = crate::common::referat_command()
        .env("XDG_STATE_HOME", home)
        .env("XDG_CACHE_HOME", home)
        .env("XDG_CONFIG_HOME", home)
        .env("HOME", home)
        .args(["news", folder])
        .spawn()
        .unwrap();
    crate::common::finish(child, TIMEOUT, crate::common::utf8)
}

/// Issue 17's scenario: follow 24/24964 on a copy of the sample, a new file
/// carrying it arrives while the browser runs, the status line says so and
/// the meeting is marked; opening the item takes the mark away; `referat
/// news` lists it once and then nothing.
#[test]
fn a_followed_case_is_news_when_a_file_arrives_and_news_lists_it_once() {
    let home = tempfile::tempdir().unwrap();
    let (minutes, arriving) = sample_folder_and_news(home.path());
    let folder = minutes.to_str().unwrap();
    let mut s = Session::start_in(home.path(), &[], &[folder]);
    s.wait("the load done", |screen| {
        screen.contains("Meetings (5)") && !screen.contains("Reading the minutes")
    });
    // The newest meeting's first item: Øvrige sager, 24/24964.
    s.send("w");
    s.wait_for("Following case 24/24964");
    std::fs::write(minutes.join("news.txt"), arriving).unwrap();
    let screen = s.wait_for("New about what you follow: 1 item (Direktionen 01-12-2026)");
    assert!(screen.contains("01-12-2026 ● Direktion"), "{screen}");
    // To the new meeting, its items, and read the first.
    s.send("g");
    s.wait_for("Items · Direktionen 01-12-2026");
    s.send("\r");
    s.wait_for(" ●  1 Øvrige sager");
    s.send("\r");
    s.wait("the marker gone", |screen| !screen.contains('●'));
    quit(s);

    let first = news(home.path(), folder);
    assert_eq!(first.code, Some(0), "{first:?}");
    assert_eq!(first.stdout.lines().next(), Some("case 24/24964: 1 new"));
    assert!(
        first
            .stdout
            .contains("2026-12-01  Direktionen  punkt  1  Øvrige sager")
    );
    let again = news(home.path(), folder);
    assert_eq!(again.code, Some(1), "{again:?}");
    assert!(again.stdout.is_empty());
}
