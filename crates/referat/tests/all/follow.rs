//! `referat follow` and `referat news`, run as the real binary: the watch list
//! in its state folder, news listed once, a corrupt file, and two processes
//! changing the list at once.

use std::fs;
use std::path::Path;
use std::time::Duration;

use crate::common::{Run, finish, referat_command, root, utf8};

/// Runs referat with `state` as its state folder and a cache of its own.
fn referat_in(state: &Path, args: &[&str]) -> Run {
    let child = referat_command()
        .env("XDG_STATE_HOME", state)
        .env("REFERAT_CACHE_DIR", state.join("cache"))
        .env("REFERAT_CONFIG", state.join("no-config.toml"))
        .args(args)
        .spawn()
        .expect("referat runs");
    let run = finish(child, Duration::from_secs(60), utf8);
    run.assert_no_panic(&args.join(" "));
    run
}

/// The bundled sample copied to `dir/minutes`.
fn copy_sample(dir: &Path) -> std::path::PathBuf {
    let minutes = dir.join("minutes");
    fs::create_dir_all(&minutes).unwrap();
    for entry in fs::read_dir(root().join("assets")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "txt") {
            fs::copy(&path, minutes.join(path.file_name().unwrap())).unwrap();
        }
    }
    minutes
}

/// A new meeting of the sample's minutes carrying 24/24964, on another day.
fn new_minutes_with_the_case(minutes: &Path) -> String {
    let carrier = fs::read_dir(minutes)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| fs::read_to_string(p).unwrap().contains("24/24964"))
        .expect("the sample carries the case");
    let text = fs::read_to_string(carrier).unwrap();
    let title = text
        .lines()
        .find(|l| l.starts_with("REFERAT "))
        .expect("a title line")
        .to_string();
    let date = title.rsplit(' ').next().unwrap().to_string();
    text.replace(&date, "01-12-2026")
}

#[test]
fn a_followed_case_reports_a_new_file_once_and_lives_in_the_state_folder() {
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state");
    let minutes = copy_sample(dir.path());
    let m = minutes.to_str().unwrap();

    let added = referat_in(&state, &["follow", "add", "24/24964", "--path", m]);
    assert_eq!(added.code, Some(0), "{added:?}");
    assert!(
        added
            .stdout
            .contains("case 24/24964: followed (2 items now)"),
        "{added:?}"
    );
    assert!(state.join("referat/watch.json").is_file());

    let none = referat_in(&state, &["news", m]);
    assert_eq!(none.code, Some(1), "{none:?}");
    assert!(none.stdout.is_empty());

    fs::write(minutes.join("new.txt"), new_minutes_with_the_case(&minutes)).unwrap();
    let news = referat_in(&state, &["news", m]);
    assert_eq!(news.code, Some(0), "{news:?}");
    assert_eq!(news.stdout.lines().next(), Some("case 24/24964: 1 new"));
    assert!(
        news.stdout.contains("2026-12-01  Direktionen"),
        "{}",
        news.stdout
    );
    let again = referat_in(&state, &["news", "--json", m]);
    assert_eq!(again.code, Some(1), "listed once");
    assert_eq!(again.json()["new"], 0);

    // Nothing was written among the minutes.
    let names: Vec<String> = fs::read_dir(&minutes)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 6, "{names:?}");
}

#[test]
fn a_corrupt_watch_list_is_named_with_its_line_kept_aside_and_does_not_stop_referat() {
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state");
    let file = state.join("referat/watch.json");
    fs::create_dir_all(file.parent().unwrap()).unwrap();
    let junk = "{\n  \"version\": 1,\n  \"follows\": [\n    {\"id\": 1, \"case\": 24/24964}\n";
    fs::write(&file, junk).unwrap();

    let list = referat_in(&state, &["follow", "list"]);
    assert_eq!(list.code, Some(1), "{list:?}");
    let said = format!("{}:4:", file.display());
    assert!(list.stderr.contains(&said), "{}", list.stderr);
    assert!(list.stderr.contains("watch.json.bad"), "{}", list.stderr);
    assert_eq!(
        fs::read_to_string(state.join("referat/watch.json.bad")).unwrap(),
        junk
    );

    let added = referat_in(&state, &["follow", "add", "24/24964"]);
    assert_eq!(added.code, Some(0), "{added:?}");
    let list = referat_in(&state, &["follow", "list", "--json"]);
    assert_eq!(list.code, Some(0));
    assert_eq!(list.json()["follows"][0]["case"], "24/24964");
}

#[test]
fn two_processes_following_at_once_lose_neither_change() {
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state");
    // Many runs of two processes at once: each one's case must be kept.
    let runs: Vec<_> = (0..12)
        .map(|n| {
            let state = state.clone();
            std::thread::spawn(move || {
                let case = format!("99/{n}");
                let run = referat_in(&state, &["follow", "add", &case]);
                assert_eq!(run.code, Some(0), "{run:?}");
            })
        })
        .collect();
    for run in runs {
        run.join().unwrap();
    }
    let list = referat_in(&state, &["follow", "list", "--json"]).json();
    let mut cases: Vec<String> = list["follows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["case"].as_str().unwrap().to_string())
        .collect();
    cases.sort();
    let mut expected: Vec<String> = (0..12).map(|n| format!("99/{n}")).collect();
    expected.sort();
    assert_eq!(cases, expected);
    let leftovers: Vec<_> = fs::read_dir(state.join("referat"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn follow_without_a_target_and_remove_of_an_unknown_one_say_so() {
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state");
    let nothing = referat_in(&state, &["follow", "add"]);
    assert_eq!(nothing.code, Some(2));
    assert!(
        nothing.stderr.contains("referat follow add --query QUERY"),
        "{}",
        nothing.stderr
    );
    let unknown = referat_in(&state, &["follow", "remove", "3"]);
    assert_eq!(unknown.code, Some(1));
    assert!(
        unknown.stderr.contains("3 is not followed"),
        "{}",
        unknown.stderr
    );
    let news = referat_in(&state, &["news"]);
    assert_eq!(news.code, Some(1));
    assert!(
        news.stderr.contains("nothing is followed"),
        "{}",
        news.stderr
    );
}
