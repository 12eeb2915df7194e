//! Hostile conditions on the file system, through the real binary (`export` and
//! `check`): files that vanish while they are read, symlink loops, file names that
//! are not UTF-8, a hundred thousand files in one folder, empty folders, a folder
//! given twice, a 200 MB file, and a read-only corpus that must come out of every
//! subcommand byte for byte as it went in.
//!
//! Nothing may panic or crash; every file that cannot be read is named with a
//! reason; every other file still loads.
//!
//! Each run gets its own cache folder (`REFERAT_CACHE_DIR`), so runs neither see
//! each other's cache nor write one into the user's home.

use std::collections::{BTreeMap, BTreeSet};
use std::ffi::OsStr;
use std::fs;
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command};
use std::time::{Duration, SystemTime};

use serde_json::Value;
use tempfile::TempDir;

use crate::common;
use common::{Run, lossy, referat_command};

/// Longest any run may take before the test fails rather than hangs.
const TIMEOUT: Duration = Duration::from_secs(120);

impl Run {
    /// Exit 0 or 1 (2 is a failure of referat itself, 101 a panic), no panic text.
    fn assert_clean_exit(&self, what: &str) -> &Run {
        assert!(
            matches!(self.code, Some(0 | 1)),
            "{what}: exit {:?}\n{}",
            self.code,
            self.stderr
        );
        assert!(!self.stderr.contains("panicked"), "{what}: {}", self.stderr);
        self
    }

    /// The standard output parsed as JSON; a failure shows only its start.
    fn json_brief(&self) -> Value {
        serde_json::from_str(&self.stdout).unwrap_or_else(|e| {
            let start: String = self.stdout.chars().take(500).collect();
            panic!("not JSON ({e}): {start}")
        })
    }
}

/// A `referat` command with its own cache folder (kept alive by the caller).
fn referat(cache: &TempDir) -> Command {
    let mut command = referat_command();
    command
        .env("REFERAT_CACHE_DIR", cache.path())
        .env_remove("NO_COLOR");
    command
}

/// Waits for a spawned run, failing the test instead of hanging.
fn finish(child: Child) -> Run {
    common::finish(child, TIMEOUT, lossy)
}

fn run<S: AsRef<OsStr>>(args: &[S]) -> Run {
    let cache = TempDir::new().unwrap();
    finish(referat(&cache).args(args).spawn().unwrap())
}

/// `referat check DIR`, which must end cleanly with exit 1 (a file failed).
fn check_with_a_failure(dir: &Path) -> Run {
    let check = run(&[OsStr::new("check"), dir.as_os_str()]);
    check.assert_clean_exit("check");
    assert_eq!(check.code, Some(1));
    check
}

/// Small valid minutes, distinct per `i` (forum, date and case number).
fn tiny_minutes(i: usize) -> String {
    format!(
        "REFERAT Udvalg {} d. {:02}-{:02}-20{:02}\n\nPunkt 1: Sag {i}\n\n24/{}\n\nBeslutning\n\nGodkendt.\n",
        i % 7,
        i % 28 + 1,
        i / 28 % 12 + 1,
        i / 336 % 90 + 10,
        i + 1
    )
}

/// The `check --json` reports as (source, ok, error).
fn reports(run: &Run) -> Vec<(String, bool, Option<String>)> {
    run.json_brief()["files"]
        .as_array()
        .expect("files")
        .iter()
        .map(|f| {
            (
                f["source"].as_str().unwrap().to_string(),
                f["ok"].as_bool().unwrap(),
                f["error"].as_str().map(str::to_string),
            )
        })
        .collect()
}

#[test]
fn files_deleted_while_loading_are_named_or_loaded() {
    let dir = TempDir::new().unwrap();
    // Enough text per file that loading takes a while and the deletions overlap it.
    let filler = "Direktionen drøfter sagen og tager den til efterretning.\n".repeat(60);
    let files: Vec<(PathBuf, String)> = (0..2000)
        .map(|i| {
            let path = dir.path().join(format!("m{i:04}.txt"));
            (path, tiny_minutes(i) + &filler)
        })
        .collect();
    let paths: Vec<PathBuf> = files.iter().map(|(p, _)| p.clone()).collect();
    let names = |parity: usize| -> BTreeSet<String> {
        paths
            .iter()
            .enumerate()
            .filter(|(i, _)| i % 2 == parity)
            .map(|(_, p)| p.display().to_string())
            .collect()
    };
    let (kept, deleted) = (names(0), names(1));

    for command in ["check", "export"] {
        for (path, text) in &files {
            fs::write(path, text).unwrap();
        }
        let cache = TempDir::new().unwrap();
        let mut cmd = referat(&cache);
        cmd.arg(command).arg(dir.path());
        if command == "check" {
            cmd.arg("--json");
        }
        let child = cmd.spawn().unwrap();
        for p in paths.iter().skip(1).step_by(2) {
            fs::remove_file(p).unwrap();
        }
        let run = finish(child);
        run.assert_clean_exit(command);

        if command == "check" {
            let reports = reports(&run);
            for (source, ok, error) in &reports {
                if *ok {
                    assert!(
                        kept.contains(source) || deleted.contains(source),
                        "{source}"
                    );
                } else {
                    // Only a deleted file may fail, and it says why.
                    assert!(deleted.contains(source), "{source} failed: {error:?}");
                    let error = error.as_deref().unwrap();
                    assert!(error.contains("no such file"), "{source}: {error}");
                }
            }
            let loaded: BTreeSet<&String> = reports.iter().filter(|r| r.1).map(|r| &r.0).collect();
            // How the race went this time (shown with --nocapture).
            eprintln!(
                "check: {} of 2000 files listed, {} loaded, {} gone before they were read",
                reports.len(),
                loaded.len(),
                reports.len() - loaded.len()
            );
            for k in &kept {
                assert!(loaded.contains(k), "{k} was not deleted but did not load");
            }
            assert_eq!(
                run.code,
                Some(if reports.iter().all(|r| r.1) { 0 } else { 1 })
            );
        } else {
            assert_eq!(run.code, Some(0), "most files loaded: {}", run.stderr);
            let meetings = run.json_brief()["meetings"].as_array().unwrap().len();
            assert!((1000..=2000).contains(&meetings), "{meetings}");
            // Every file missing from the export was deleted and is named on stderr.
            let failed: Vec<&str> = run.stderr.lines().collect();
            eprintln!(
                "export: {meetings} meetings, {} files gone before they were read",
                failed.len()
            );
            assert!(meetings + failed.len() <= 2000);
            for line in failed {
                let named = deleted
                    .iter()
                    .any(|d| line.starts_with(&format!("referat: {d}: cannot read: no such file")));
                assert!(named, "unexpected stderr line: {line}");
            }
        }
    }
}

#[test]
fn symlink_loops_end() {
    let dir = TempDir::new().unwrap();
    let root = dir.path();
    fs::write(root.join("real.txt"), tiny_minutes(1)).unwrap();
    fs::create_dir(root.join("sub")).unwrap();
    std::os::unix::fs::symlink("..", root.join("sub/up")).unwrap();
    std::os::unix::fs::symlink(root, root.join("sub/abs")).unwrap();
    std::os::unix::fs::symlink("self.txt", root.join("self.txt")).unwrap();
    std::os::unix::fs::symlink("b.txt", root.join("a.txt")).unwrap();
    std::os::unix::fs::symlink("a.txt", root.join("b.txt")).unwrap();

    // Walking the folder (also through the loop, also given again through it):
    // the one real file, once; links that lead nowhere are not files.
    for args in [
        vec![root.to_path_buf()],
        vec![
            root.to_path_buf(),
            root.join("sub/up"),
            root.join("sub/abs/sub/up"),
        ],
    ] {
        let mut all = vec![PathBuf::from("check"), PathBuf::from("--json")];
        all.extend(args);
        let run = run(&all);
        run.assert_clean_exit("check");
        let reports = reports(&run);
        assert_eq!(reports.len(), 1, "{reports:?}");
        assert!(reports[0].0.ends_with("real.txt") && reports[0].1);
        assert_eq!(run.code, Some(0));
    }

    // Named directly, a looping link is a file that cannot be read, and says so.
    let run = run(&[
        OsStr::new("check"),
        root.join("self.txt").as_os_str(),
        root.join("a.txt").as_os_str(),
        root.join("real.txt").as_os_str(),
    ]);
    run.assert_clean_exit("check");
    assert_eq!(run.code, Some(1));
    for name in ["self.txt", "a.txt"] {
        let line = format!("{}: FAILED: cannot read: ", root.join(name).display());
        assert!(run.stdout.contains(&line), "{}", run.stdout);
    }
    assert!(run.stdout.contains("symbolic links"), "{}", run.stdout);
    assert!(run.stdout.contains("real.txt: ok: "), "{}", run.stdout);
}

#[test]
fn file_names_that_are_not_utf8_are_named_readably() {
    let dir = TempDir::new().unwrap();
    let good = dir.path().join(OsStr::from_bytes(b"m\xf8de.txt"));
    let bad = dir
        .path()
        .join(OsStr::from_bytes(b"d\xe5rlig \x96 liste.txt"));
    fs::write(&good, tiny_minutes(3)).unwrap();
    fs::write(&bad, "en indkøbsliste\n").unwrap();
    let shown_good = format!("{}/m\u{fffd}de.txt", dir.path().display());
    let shown_bad = format!("{}/d\u{fffd}rlig \u{fffd} liste.txt", dir.path().display());

    let check = check_with_a_failure(dir.path());
    assert!(
        check
            .stdout
            .contains(&format!("{shown_good}: ok: Udvalg 3")),
        "{}",
        check.stdout
    );
    assert!(
        check
            .stdout
            .contains(&format!("{shown_bad}: FAILED: not minutes")),
        "{}",
        check.stdout
    );

    let export = run(&[OsStr::new("export"), dir.path().as_os_str()]);
    export.assert_clean_exit("export");
    assert_eq!(export.code, Some(0));
    assert_eq!(
        export.json_brief()["meetings"][0]["source"],
        shown_good.as_str()
    );
    assert_eq!(
        export.stderr.trim_end(),
        format!(
            "referat: {shown_bad}: not minutes: no title line (REFERAT …) and no item headings (Punkt N: …)"
        )
    );
}

/// `n` tiny minutes files in one folder: every one loads, each once.
fn many_files(n: usize) {
    let dir = TempDir::new().unwrap();
    for i in 0..n {
        fs::write(dir.path().join(format!("{i:06}.txt")), tiny_minutes(i)).unwrap();
    }
    let run = run(&[
        OsStr::new("check"),
        OsStr::new("--json"),
        dir.path().as_os_str(),
    ]);
    run.assert_clean_exit("check");
    assert_eq!(run.code, Some(0), "{}", &run.stderr);
    let reports = reports(&run);
    assert_eq!(reports.len(), n);
    assert!(reports.iter().all(|r| r.1));
    let sources: BTreeSet<&String> = reports.iter().map(|r| &r.0).collect();
    assert_eq!(sources.len(), n, "each file once");
}

/// Creating files is what costs here (on a busy ext4 disk about 1 ms a file,
/// against a second or two for referat to load 20 000 of them), so the default
/// run uses 5 000 and the full hundred thousand is an ignored test.
#[test]
fn five_thousand_files_in_one_folder() {
    many_files(5_000);
}

#[test]
#[ignore = "100 000 files: creating them takes one to two minutes on a busy disk"]
fn a_hundred_thousand_files_in_one_folder() {
    many_files(100_000);
}

#[test]
fn empty_folders_load_nothing_without_failing() {
    let dir = TempDir::new().unwrap();
    fs::create_dir_all(dir.path().join("a/b/c")).unwrap();
    fs::create_dir_all(dir.path().join("d")).unwrap();
    fs::write(dir.path().join("d/notes.doc"), "not a minutes extension").unwrap();

    let export = run(&[OsStr::new("export"), dir.path().as_os_str()]);
    export.assert_clean_exit("export");
    assert_eq!(export.json_brief(), serde_json::json!({ "meetings": [] }));

    let check = run(&[OsStr::new("check"), dir.path().as_os_str()]);
    check.assert_clean_exit("check");
    assert_eq!(
        check.code,
        Some(1),
        "no file read is not a success for check"
    );
    assert_eq!(
        check.stdout,
        "0 files: 0 meetings, 0 failed, 0 with warnings\n"
    );

    // Beside a real file, empty folders change nothing.
    fs::write(dir.path().join("a/b/real.txt"), tiny_minutes(5)).unwrap();
    let export = run(&[OsStr::new("export"), dir.path().as_os_str()]);
    export.assert_clean_exit("export");
    assert_eq!(export.code, Some(0));
    assert_eq!(export.json_brief()["meetings"].as_array().unwrap().len(), 1);
}

/// A folder with no minutes files in it is most likely the wrong folder: every
/// command says so, naming it, and exits 1 (`export` and `decisions` used to
/// print an empty result and exit 0 without a word; fixed in abb7994).
#[test]
fn a_folder_without_minutes_files_is_reported() {
    let dir = TempDir::new().unwrap();
    fs::create_dir_all(dir.path().join("a/b")).unwrap();
    for command in ["export", "decisions"] {
        let run = run(&[OsStr::new(command), dir.path().as_os_str()]);
        run.assert_clean_exit(command);
        assert_eq!(run.code, Some(1), "{command}");
        assert!(
            run.stderr.contains(&dir.path().display().to_string()),
            "{command}: the folder is named: {:?}",
            run.stderr
        );
    }
}

#[test]
fn a_folder_given_twice_loads_each_file_once() {
    let dir = TempDir::new().unwrap();
    for i in 0..3 {
        fs::write(dir.path().join(format!("{i}.txt")), tiny_minutes(i)).unwrap();
    }
    fs::create_dir(dir.path().join("sub")).unwrap();
    fs::write(dir.path().join("sub/3.txt"), tiny_minutes(3)).unwrap();
    let d = dir.path();
    for paths in [
        vec![d.to_path_buf(), d.to_path_buf()],
        vec![d.to_path_buf(), d.join("."), d.join("sub/..")],
        vec![
            d.join("sub"),
            d.to_path_buf(),
            d.join("0.txt"),
            d.join("sub/3.txt"),
        ],
    ] {
        let mut args = vec![PathBuf::from("export")];
        args.extend(paths.iter().cloned());
        let run = run(&args);
        run.assert_clean_exit("export");
        assert_eq!(run.code, Some(0));
        let meetings = run.json_brief()["meetings"].as_array().unwrap().len();
        assert_eq!(meetings, 4, "{paths:?}");
    }
}

#[test]
fn a_200_megabyte_file_is_refused_by_name() {
    let dir = TempDir::new().unwrap();
    let huge = dir.path().join("kæmpe.txt");
    // Sparse: takes no disk space and no time to write.
    fs::File::create(&huge)
        .unwrap()
        .set_len(200 * 1024 * 1024)
        .unwrap();
    fs::write(dir.path().join("good.txt"), tiny_minutes(1)).unwrap();
    let message = format!(
        "{}: skipped: 200 MB is larger than the 64 MB limit for a minutes file",
        huge.display()
    );

    let check = check_with_a_failure(dir.path());
    assert!(
        check
            .stdout
            .contains(&message.replace(": skipped", ": FAILED: skipped")),
        "{}",
        check.stdout
    );
    assert!(check.stdout.contains("good.txt: ok: "));

    let export = run(&[OsStr::new("export"), dir.path().as_os_str()]);
    export.assert_clean_exit("export");
    assert_eq!(export.code, Some(0), "the good file loaded");
    assert_eq!(export.stderr, format!("referat: {message}\n"));
    assert_eq!(export.json_brief()["meetings"].as_array().unwrap().len(), 1);

    // Alone, nothing could be read: exit 1.
    let alone = run(&[OsStr::new("export"), huge.as_os_str()]);
    alone.assert_clean_exit("export");
    assert_eq!(alone.code, Some(1));
    assert_eq!(alone.stderr, format!("referat: {message}\n"));
}

/// Every file's bytes, modification time and permissions, and every folder.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, (Vec<u8>, SystemTime, u32)> {
    use std::os::unix::fs::PermissionsExt;
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let meta = fs::symlink_metadata(&d).unwrap();
        out.insert(
            d.clone(),
            (
                Vec::new(),
                meta.modified().unwrap(),
                meta.permissions().mode(),
            ),
        );
        for entry in fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            let meta = fs::symlink_metadata(&path).unwrap();
            if meta.is_dir() {
                stack.push(path);
            } else {
                let bytes = fs::read(&path).unwrap();
                out.insert(
                    path,
                    (bytes, meta.modified().unwrap(), meta.permissions().mode()),
                );
            }
        }
    }
    out
}

fn set_read_only(dir: &Path, read_only: bool) {
    use std::os::unix::fs::PermissionsExt;
    let mut stack = vec![dir.to_path_buf()];
    let mut all = Vec::new();
    while let Some(d) = stack.pop() {
        for entry in fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path.clone());
            }
            all.push(path);
        }
        all.push(d);
    }
    for path in all {
        let mode = fs::metadata(&path).unwrap().permissions().mode();
        let mode = if read_only {
            mode & !0o222
        } else {
            mode | 0o200
        };
        fs::set_permissions(&path, fs::Permissions::from_mode(mode)).unwrap();
    }
}

#[test]
fn a_read_only_corpus_is_left_exactly_as_it_was() {
    let dir = TempDir::new().unwrap();
    let corpus = dir.path().join("referater");
    fs::create_dir_all(corpus.join("2015")).unwrap();
    let assets = common::root().join("assets");
    for entry in fs::read_dir(&assets).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "txt") {
            let name = path.file_name().unwrap();
            let target = if name.to_string_lossy().starts_with("004") {
                corpus.join("2015").join(name)
            } else {
                corpus.join(name)
            };
            fs::copy(&path, target).unwrap();
        }
    }
    fs::write(corpus.join("not-minutes.txt"), "en indkøbsliste\n").unwrap();
    set_read_only(&corpus, true);
    let before = snapshot(dir.path());
    // Tests run as root, for whom permissions are not enforced: only the snapshot
    // shows that nothing was written.
    let c = corpus.as_os_str();
    let s = OsStr::new;
    let cache = TempDir::new().unwrap();
    for args in [
        vec![s("export"), c],
        vec![s("case"), s("24/24964"), c],
        vec![s("case"), s("24/24964"), c, s("--json")],
        vec![s("decisions"), c],
        vec![s("check"), c],
        vec![s("check"), c, s("--json")],
        vec![s("search"), s("realdania"), c],
        vec![s("search"), s("realdania"), c, s("--json")],
        // Twice: the second run may use what the first cached.
        vec![s("export"), c],
        vec![s("check"), c],
    ] {
        let out = finish(referat(&cache).args(&args).spawn().unwrap());
        out.assert_clean_exit(&format!("{args:?}"));
        assert!(!out.stdout.is_empty(), "{args:?} printed nothing");
        assert_eq!(snapshot(dir.path()), before, "{args:?} changed the corpus");
    }
    set_read_only(&corpus, false);
}
