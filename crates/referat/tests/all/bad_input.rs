//! Bad and unusual input through the real binary: every problem file gets a clear
//! one-line message naming it (on stderr for `export`, `case` and `decisions`, in
//! the report of `check`), nothing panics, and the good file beside it still
//! loads. Also: legacy encodings, huge and many files, symlink loops, paths given
//! twice, and that referat never writes to what it reads.

use std::collections::{BTreeMap, BTreeSet};
use std::ffi::{OsStr, OsString};
use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use serde_json::Value;
use tempfile::TempDir;

use crate::common;
use common::{Run, finish_within, lossy, referat_command, root};

/// Longest an ordinary run may take before the test fails instead of hanging.
const TIMEOUT: Duration = Duration::from_secs(60);

/// The case number of item 1 in the good file.
const GOOD_CASE: &str = "24/24964";

/// Runs `referat ARGS` with output captured, killing it after `timeout` (the run
/// then has no exit code).
fn referat_within<S: AsRef<OsStr>>(args: &[S], timeout: Duration) -> Run {
    let child = referat_command()
        .args(args)
        .spawn()
        .expect("referat starts");
    finish_within(child, timeout, lossy)
}

/// Runs `referat ARGS`, failing the test if it does not finish within [`TIMEOUT`].
fn referat<S: AsRef<OsStr>>(args: &[S]) -> Run {
    let run = referat_within(args, TIMEOUT);
    assert!(
        run.code.is_some(),
        "referat did not finish within {TIMEOUT:?}"
    );
    run
}

/// `[word, path…]` as command-line arguments.
fn args(words: &[&str], paths: &[&Path]) -> Vec<OsString> {
    words
        .iter()
        .map(OsString::from)
        .chain(paths.iter().map(|p| p.as_os_str().to_owned()))
        .collect()
}

/// A seed document that loads: Direktionen 25-08-2025, with case [`GOOD_CASE`].
fn good_text() -> String {
    fs::read_to_string(root().join("assets/000_5303c59182f2946f.txt")).unwrap()
}

/// A temporary folder holding `good.txt`; returns the folder and the file's path.
fn folder_with_good_file() -> (TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("good.txt");
    fs::write(&good, good_text()).unwrap();
    (dir, good)
}

/// The sources of the meetings `referat export PATHS` prints.
fn exported_sources(run: &Run) -> Vec<String> {
    run.json()["meetings"]
        .as_array()
        .expect("meetings")
        .iter()
        .map(|m| m["source"].as_str().unwrap().to_string())
        .collect()
}

/// Asserts `stderr` has exactly one line about `bad`, saying why after its name,
/// and that every line is one of referat's own messages.
fn assert_one_line_about(stderr: &str, bad: &Path, what: &str) -> String {
    let name = bad.display().to_string();
    for line in stderr.lines() {
        assert!(
            line.starts_with("referat: "),
            "{what}: stray stderr line {line:?}"
        );
    }
    let lines: Vec<&str> = stderr.lines().filter(|l| l.contains(&name)).collect();
    assert_eq!(lines.len(), 1, "{what}: one line naming {name}:\n{stderr}");
    let reason = lines[0]
        .split_once(&format!("{name}: "))
        .map(|(_, r)| r.trim())
        .unwrap_or_default();
    assert!(
        !reason.is_empty(),
        "{what}: no reason given: {:?}",
        lines[0]
    );
    reason.to_string()
}

/// Runs every subcommand on `paths` (which include `good` and the problem file
/// `bad`) and asserts each names `bad` once with a reason, does not panic and still
/// reads `good`. Returns the reason `export` gave.
fn assert_bad_file_reported(paths: &[&Path], good: &Path, bad: &Path) -> String {
    let good_name = good.display().to_string();

    let export = referat(&args(&["export"], paths));
    export.assert_no_panic("export");
    assert_eq!(
        export.code,
        Some(0),
        "export read the good file:\n{}",
        export.stderr
    );
    let reason = assert_one_line_about(&export.stderr, bad, "export");
    assert!(
        exported_sources(&export).contains(&good_name),
        "export lost the good file"
    );

    let decisions = referat(&args(&["decisions"], paths));
    decisions.assert_no_panic("decisions");
    assert_eq!(decisions.code, Some(0));
    assert_one_line_about(&decisions.stderr, bad, "decisions");
    assert!(
        decisions.stdout.contains(&good_name),
        "decisions lost the good file"
    );
    assert!(
        decisions
            .stdout
            .contains("Direktionen tager sagen til efterretning.")
    );

    let case = referat(&args(&["case", GOOD_CASE], paths));
    case.assert_no_panic("case");
    assert_eq!(case.code, Some(0));
    assert_one_line_about(&case.stderr, bad, "case");
    assert!(
        case.stdout.starts_with("2025-08-25"),
        "case lost the good file"
    );

    let check = referat(&args(&["check"], paths));
    check.assert_no_panic("check");
    assert_eq!(
        check.code,
        Some(1),
        "check fails when a file gave no meeting"
    );
    let bad_line = format!("{}: FAILED: ", bad.display());
    let failed: Vec<&str> = check
        .stdout
        .lines()
        .filter(|l| l.starts_with(&bad_line))
        .collect();
    assert_eq!(
        failed.len(),
        1,
        "check names {bad:?} once:\n{}",
        check.stdout
    );
    assert!(failed[0].len() > bad_line.len(), "check gives a reason");
    assert!(
        check
            .stdout
            .lines()
            .any(|l| l.starts_with(&format!("{good_name}: ok: "))),
        "check reads the good file:\n{}",
        check.stdout
    );
    reason
}

#[test]
fn an_empty_file_is_named_and_skipped() {
    let (dir, good) = folder_with_good_file();
    let bad = dir.path().join("empty.txt");
    fs::write(&bad, "").unwrap();
    assert_bad_file_reported(&[dir.path()], &good, &bad);
}

#[test]
fn a_binary_file_is_named_and_skipped() {
    let (dir, good) = folder_with_good_file();
    let bad = dir.path().join("image.txt");
    let mut bytes = b"\x7fELF\x02\x01\x01\x00\x00\x00\x00".to_vec();
    bytes.extend(b"REFERAT Direktionen d. 01-09-2025\n\x00\x00Punkt 1: x\n");
    fs::write(&bad, bytes).unwrap();
    let reason = assert_bad_file_reported(&[dir.path()], &good, &bad);
    assert!(reason.contains("binary"), "{reason}");
}

#[test]
fn a_text_that_is_not_minutes_is_named_and_skipped() {
    let (dir, good) = folder_with_good_file();
    let bad = dir.path().join("shopping.md");
    fs::write(&bad, "Indkøbsliste\n\n- mælk\n- æg\n- rugbrød\n").unwrap();
    let reason = assert_bad_file_reported(&[dir.path()], &good, &bad);
    assert!(reason.contains("not minutes"), "{reason}");
}

#[test]
fn an_unreadable_file_is_named_and_skipped() {
    use std::os::unix::fs::PermissionsExt;
    let (dir, good) = folder_with_good_file();
    let bad = dir.path().join("secret.txt");
    fs::write(&bad, good_text().replace("25-08-2025", "01-09-2025")).unwrap();
    fs::set_permissions(&bad, fs::Permissions::from_mode(0o000)).unwrap();
    if fs::read(&bad).is_ok() {
        // Running as root: permissions are not enforced, so the file is readable
        // and loads like any other. Only the good file and the absence of a panic
        // can be checked.
        let run = referat(&args(&["export"], &[dir.path()]));
        run.assert_no_panic("export");
        let sources = exported_sources(&run);
        assert!(sources.contains(&good.display().to_string()));
        assert!(sources.contains(&bad.display().to_string()));
        return;
    }
    let reason = assert_bad_file_reported(&[dir.path()], &good, &bad);
    assert!(reason.contains("permission denied"), "{reason}");
}

#[test]
fn a_missing_path_on_the_command_line_is_named() {
    let (dir, good) = folder_with_good_file();
    let missing = dir.path().join("no-such-minutes.txt");
    let reason = assert_bad_file_reported(&[dir.path(), &missing], &good, &missing);
    assert!(reason.contains("no such file"), "{reason}");

    // Nothing readable at all: export says so with exit 1.
    let run = referat(&args(&["export"], &[&missing]));
    run.assert_no_panic("export of a missing file");
    assert_eq!(run.code, Some(1));
    assert_one_line_about(&run.stderr, &missing, "export");
}

/// A 100 MB file (minutes text at the start, the rest a sparse hole) is either
/// refused with a message about the size limit or read; either way quickly, and the
/// good file loads.
#[test]
fn a_hundred_megabyte_file_is_refused_or_read() {
    let (dir, good) = folder_with_good_file();
    let huge = dir.path().join("huge.txt");
    fs::write(&huge, good_text().replace("25-08-2025", "01-09-2025")).unwrap();
    fs::OpenOptions::new()
        .write(true)
        .open(&huge)
        .unwrap()
        .set_len(100 * 1024 * 1024)
        .unwrap();

    let run = referat(&args(&["export"], &[dir.path()]));
    run.assert_no_panic("export");
    assert_eq!(run.code, Some(0));
    let sources = exported_sources(&run);
    assert!(sources.contains(&good.display().to_string()));
    if !sources.contains(&huge.display().to_string()) {
        let reason = assert_one_line_about(&run.stderr, &huge, "export");
        assert!(
            reason.contains("larger than the") && reason.contains("limit"),
            "{reason}"
        );
    }
    let check = referat(&args(&["check"], &[dir.path()]));
    check.assert_no_panic("check");
    assert!(check.stdout.contains(&huge.display().to_string()));
}

/// `day`-th calendar day from 2000-01-01 on a simple 28-day month calendar, as
/// `(DD-MM-YYYY, YYYY-MM-DD)`.
fn nth_date(n: usize) -> (String, String) {
    let (day, month, year) = (n % 28 + 1, (n / 28) % 12 + 1, 2000 + n / (28 * 12));
    (
        format!("{day:02}-{month:02}-{year}"),
        format!("{year}-{month:02}-{day:02}"),
    )
}

#[test]
fn a_folder_of_three_thousand_files_loads_every_one() {
    const FILES: usize = 3000;
    let dir = tempfile::tempdir().unwrap();
    let mut written = BTreeSet::new();
    for i in 0..FILES {
        // Written in an order unrelated to their dates.
        let n = (i * 7919) % FILES;
        let (danish, _) = nth_date(n);
        let path = dir.path().join(format!("m{i:04}.txt"));
        let text = format!(
            "REFERAT Direktionen d. {danish}\n\nPunkt 1: Sag {i}\n\n24/{i}\n\nBeslutning\n\nGodkendt.\n"
        );
        fs::write(&path, text).unwrap();
        written.insert(path.display().to_string());
    }
    let run = referat(&args(&["export"], &[dir.path()]));
    run.assert_no_panic("export");
    assert_eq!(run.code, Some(0));
    assert_eq!(run.stderr, "");
    let doc = run.json();
    let meetings = doc["meetings"].as_array().unwrap();
    assert_eq!(meetings.len(), FILES);
    let sources: BTreeSet<String> = meetings
        .iter()
        .map(|m| m["source"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(sources, written, "each file exactly once");
    let dates: Vec<&str> = meetings
        .iter()
        .map(|m| m["date"].as_str().unwrap())
        .collect();
    let want: Vec<String> = (0..FILES).map(|n| nth_date(n).1).collect();
    assert_eq!(dates, want, "oldest first");

    let check = referat(&args(&["check"], &[dir.path()]));
    assert_eq!(check.code, Some(0));
    let last = check.stdout.lines().last().unwrap();
    assert!(
        last.starts_with("3000 files: 3000 meetings, 0 failed"),
        "{last}"
    );
}

/// Minutes with Danish letters in every part: header labels, title, place,
/// participants, a finance (`Økonomi`) section and a dated decision.
const DANISH_MINUTES: &str = "REFERAT Økonomiudvalget d. 02-11-2015

Mødedato Mandag d. 02. november 2015 kl. 09:00
Mødested Rådhuset, mødelokale Æbelø
Mødedeltagere Søren Ærø, Åse Bøgh

Indholdsfortegnelse
Økonomiopfølgning.....\t3

Punkt 1: Økonomiopfølgning

14/32918

Økonomi

Forbruget er på niveau med budgettet – ingen afvigelser.

Beslutning Økonomiudvalget den 02-11-2015

Godkendt. Økonomien følges tæt.
";

/// Encodes `text` as Windows-1252 by hand: ASCII as it is, and the few other
/// characters the test text uses by their code page bytes.
fn windows_1252(text: &str) -> Vec<u8> {
    text.chars()
        .map(|c| match c {
            c if c.is_ascii() => c as u8,
            'æ' => 0xE6,
            'ø' => 0xF8,
            'å' => 0xE5,
            'Æ' => 0xC6,
            'Ø' => 0xD8,
            'Å' => 0xC5,
            '–' => 0x96,
            other => panic!("{other:?} is not in the test's code page table"),
        })
        .collect()
}

#[test]
fn legacy_encodings_and_line_ends_give_the_same_meeting() {
    let dir = tempfile::tempdir().unwrap();
    let crlf = DANISH_MINUTES.replace('\n', "\r\n");
    let mut bom_crlf = b"\xEF\xBB\xBF".to_vec();
    bom_crlf.extend(crlf.as_bytes());
    let variants: [(&str, Vec<u8>); 4] = [
        ("utf8-lf.txt", DANISH_MINUTES.as_bytes().to_vec()),
        ("cp1252-lf.txt", windows_1252(DANISH_MINUTES)),
        ("cp1252-crlf.txt", windows_1252(&crlf)),
        ("utf8-bom-crlf.txt", bom_crlf),
    ];
    for (name, bytes) in &variants {
        fs::write(dir.path().join(name), bytes).unwrap();
    }
    assert!(
        std::str::from_utf8(&variants[1].1).is_err(),
        "really not UTF-8"
    );

    // Read together, the four are one meeting in four files.
    let together = referat(&args(&["export"], &[dir.path()]));
    together.assert_no_panic("export");
    assert_eq!(together.stderr, "");
    let meetings = together.json()["meetings"].as_array().unwrap().clone();
    assert_eq!(meetings.len(), 1, "{meetings:?}");
    assert_eq!(meetings[0]["also_in"].as_array().unwrap().len(), 3);

    // Read one at a time, each reads the same.
    let mut by_name: BTreeMap<String, Value> = BTreeMap::new();
    for (name, _) in &variants {
        let run = referat(&args(&["export"], &[&dir.path().join(name)]));
        run.assert_no_panic("export");
        assert_eq!(run.stderr, "");
        let mut meeting = run.json()["meetings"][0].clone();
        let source = meeting.as_object_mut().unwrap().remove("source").unwrap();
        assert!(source.as_str().unwrap().ends_with(name), "{source}");
        by_name.insert(name.to_string(), meeting);
    }

    // The reference reading is right, so that equal readings mean something.
    let reference = &by_name["utf8-lf.txt"];
    assert_eq!(reference["forum"], "Økonomiudvalget");
    assert_eq!(reference["date"], "2015-11-02");
    assert_eq!(reference["start_time"], "09:00");
    assert_eq!(reference["location"], "Rådhuset, mødelokale Æbelø");
    assert_eq!(
        reference["participants"],
        serde_json::json!(["Søren Ærø", "Åse Bøgh"])
    );
    let item = &reference["items"][0];
    assert_eq!(item["title"], "Økonomiopfølgning");
    assert_eq!(item["case_numbers"], serde_json::json!(["14/32918"]));
    assert_eq!(item["toc_page"], 3);
    let kinds: Vec<&str> = item["sections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["finance", "decision"]);
    assert!(item["sections"][0]["text"].as_str().unwrap().contains('–'));

    for (name, meeting) in &by_name {
        assert_eq!(
            meeting, reference,
            "{name} reads differently from UTF-8 with LF"
        );
    }

    let check = referat(&args(&["check", "--json"], &[dir.path()]));
    let files = check.json()["files"].as_array().unwrap().clone();
    for file in files {
        let source = file["source"].as_str().unwrap();
        let encoding = file["encoding"].as_str().unwrap();
        if source.contains("cp1252") {
            assert_eq!(encoding, "windows-1252", "{source}");
        } else {
            assert_eq!(encoding, "UTF-8", "{source}");
        }
        let bom_noted = file["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["message"].as_str().unwrap().contains("BOM"));
        assert_eq!(bom_noted, source.contains("bom"), "{source}: {file:#}");
    }
}

#[test]
fn a_symlink_loop_in_a_folder_is_walked_once() {
    let (dir, good) = folder_with_good_file();
    std::os::unix::fs::symlink(dir.path(), dir.path().join("loop")).unwrap();
    let sub = dir.path().join("sub");
    fs::create_dir(&sub).unwrap();
    std::os::unix::fs::symlink(dir.path(), sub.join("up")).unwrap();
    for sub in ["export", "check"] {
        let run = referat(&args(&[sub], &[dir.path()]));
        run.assert_no_panic(sub);
        assert_eq!(run.code, Some(0), "{sub}: {run:#?}");
    }
    let run = referat(&args(&["export"], &[dir.path()]));
    assert_eq!(exported_sources(&run), [good.display().to_string()]);
}

#[test]
fn a_folder_given_twice_loads_each_file_once() {
    let (dir, good) = folder_with_good_file();
    let other = dir.path().join("other.txt");
    fs::write(&other, good_text().replace("25-08-2025", "01-09-2025")).unwrap();
    let once = exported_sources(&referat(&args(&["export"], &[dir.path()])));
    assert_eq!(once.len(), 2);
    for paths in [
        vec![dir.path(), dir.path()],
        vec![dir.path(), good.as_path()],
        vec![good.as_path(), dir.path(), good.as_path()],
    ] {
        let run = referat(&args(&["export"], &paths));
        run.assert_no_panic("export");
        let mut sources = exported_sources(&run);
        sources.sort();
        let mut want = once.clone();
        want.sort();
        assert_eq!(sources, want, "{paths:?}");

        let check = referat(&args(&["check"], &paths));
        let last = check.stdout.lines().last().unwrap();
        assert!(last.starts_with("2 files: 2 meetings"), "{paths:?}: {last}");
    }
}

/// Every entry under `dir` (not following symlinks) with its length and
/// modification time.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, (u64, SystemTime)> {
    let mut entries = BTreeMap::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(path) = pending.pop() {
        let meta = fs::symlink_metadata(&path).unwrap();
        if meta.is_dir() {
            for entry in fs::read_dir(&path).unwrap() {
                pending.push(entry.unwrap().path());
            }
        }
        entries.insert(path, (meta.len(), meta.modified().unwrap()));
    }
    entries
}

#[test]
fn referat_never_writes_to_what_it_reads() {
    let (dir, good) = folder_with_good_file();
    let sub = dir.path().join("sub");
    fs::create_dir(&sub).unwrap();
    fs::write(sub.join("cp1252.txt"), windows_1252(DANISH_MINUTES)).unwrap();
    fs::write(dir.path().join("empty.txt"), "").unwrap();
    fs::write(dir.path().join("notes.md"), "Huskeliste\n").unwrap();
    fs::write(dir.path().join("image.txt"), b"\x00\x01\x02").unwrap();
    std::os::unix::fs::symlink(dir.path(), sub.join("loop")).unwrap();
    let before = snapshot(dir.path());

    let d = dir.path();
    let runs: [&[&str]; 8] = [
        &["export"],
        &["decisions"],
        &["case", GOOD_CASE],
        &["case", "--json", "14/32918"],
        &["case", "00/0"],
        &["check"],
        &["check", "--json"],
        &[], // the browser, which refuses without a terminal
    ];
    for words in runs {
        let run = referat(&args(words, &[d]));
        run.assert_no_panic(&format!("{words:?}"));
        let run = referat(&args(words, &[good.as_path(), &sub.join("cp1252.txt")]));
        run.assert_no_panic(&format!("{words:?} on files"));
    }
    assert_eq!(snapshot(dir.path()), before, "files changed or appeared");
}

/// Letters whose lower case has a different UTF-8 length (Kelvin sign `K`,
/// dotted capital `İ`) in a header label or a `Sag:` line must not bring the
/// program down: the file loads or is named, and the good file still loads.
#[test]
fn case_changing_letters_do_not_take_down_the_other_files() {
    let (dir, good) = folder_with_good_file();
    let header = dir.path().join("kelvin.txt");
    fs::write(
        &header,
        "REFERAT Direktionen d. 01-09-2025\nDato \u{212A}\n\nPunkt 1: A\n",
    )
    .unwrap();
    let case_line = dir.path().join("dotted.txt");
    fs::write(
        &case_line,
        "REFERAT Direktionen d. 02-09-2025\n\nPunkt 1: A\nsag:İİİİİİ\n",
    )
    .unwrap();
    let run = referat(&args(&["export"], &[dir.path()]));
    run.assert_no_panic("export");
    assert!(exported_sources(&run).contains(&good.display().to_string()));
}

/// A very long line full of `<` (no tag ever closes) is read, not hung on. How
/// fast is measured in `benches/`, not asserted here; the time limit below only
/// guards against a hang (work growing with the square of the line length).
#[test]
fn a_long_line_of_unclosed_angle_brackets_is_read_quickly() {
    let (dir, good) = folder_with_good_file();
    let long = dir.path().join("long.txt");
    let text = format!(
        "REFERAT Direktionen d. 01-09-2025\n\nPunkt 1: A\n\n24/1\n\n{}\n",
        "<".repeat(500_000)
    );
    fs::write(&long, text).unwrap();
    let limit = Duration::from_secs(60);
    let run = referat_within(&args(&["export"], &[dir.path()]), limit);
    assert!(
        run.code.is_some(),
        "export of a 500 kB line took longer than {limit:?}"
    );
    run.assert_no_panic("export");
    let sources = exported_sources(&run);
    assert!(sources.contains(&good.display().to_string()));
    assert!(sources.contains(&long.display().to_string()));
}
