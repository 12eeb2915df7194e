//! The configuration file through the real binary: where it is looked for, what
//! a mistake does, and `paths` replacing the bundled sample; plus completions
//! and the man page. Every run gets its own config and state folders, so a
//! developer's own configuration never leaks in.

use std::ffi::OsStr;
use std::fs;
use std::path::Path;
use std::process::Output;

use crate::common;
use common::referat_command;

/// Runs referat with XDG folders inside `home` and the given extra variables.
fn referat(home: &Path, env: &[(&str, &OsStr)], args: &[&str]) -> Output {
    let mut cmd = referat_command();
    cmd.args(args)
        .env_remove("REFERAT_CONFIG")
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_CACHE_HOME", home.join("cache"))
        .env("XDG_STATE_HOME", home.join("state"))
        .env("XDG_DATA_HOME", home.join("data"));
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().expect("run referat")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}
fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn meetings(o: &Output) -> usize {
    let doc: serde_json::Value = serde_json::from_slice(&o.stdout).expect("export is JSON");
    doc["meetings"].as_array().expect("meetings").len()
}

#[cfg(target_os = "linux")]
#[test]
fn config_path_follows_xdg_config_home_and_the_override() {
    let home = tempfile::tempdir().unwrap();
    let o = referat(home.path(), &[], &["config", "path"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let expected = home.path().join("config/referat/config.toml");
    assert_eq!(stdout(&o).trim_end(), expected.display().to_string());
    assert!(
        stderr(&o).contains("no configuration file"),
        "{}",
        stderr(&o)
    );

    fs::create_dir_all(expected.parent().unwrap()).unwrap();
    fs::write(&expected, "").unwrap();
    let o = referat(home.path(), &[], &["config", "path"]);
    assert!(stderr(&o).contains("exists"), "{}", stderr(&o));

    let other = home.path().join("other.toml");
    let o = referat(
        home.path(),
        &[("REFERAT_CONFIG", other.as_os_str())],
        &["config", "path"],
    );
    assert_eq!(stdout(&o).trim_end(), other.display().to_string());
    assert!(stderr(&o).contains("REFERAT_CONFIG"), "{}", stderr(&o));
}

#[test]
fn paths_replace_the_bundled_sample_unless_a_path_is_given() {
    let home = tempfile::tempdir().unwrap();
    let minutes = home.path().join("referater");
    fs::create_dir_all(&minutes).unwrap();
    fs::write(minutes.join("one.txt"), referat_core::corpus::BUNDLED[0].1).unwrap();
    let config = home.path().join("referat.toml");
    fs::write(&config, "paths = [\"~/referater\"]\n").unwrap();
    let env = [("REFERAT_CONFIG", config.as_os_str())];

    let o = referat(home.path(), &env, &["export"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(meetings(&o), 1, "the configured folder, not the sample");

    let o = referat(home.path(), &env, &["case", "25/8362"]);
    assert!(o.status.success(), "{}", stderr(&o));

    let given = home.path().join("given.txt");
    fs::write(&given, referat_core::corpus::BUNDLED[1].1).unwrap();
    let o = referat(home.path(), &env, &["export", given.to_str().unwrap()]);
    assert_eq!(meetings(&o), 1);
    let out = stdout(&o);
    assert!(
        out.contains("given.txt") && !out.contains("one.txt"),
        "a given path wins over the config: {out}"
    );

    let o = referat(home.path(), &[], &["export"]);
    assert_eq!(meetings(&o), 5, "no config: the bundled sample");
}

#[test]
fn a_mistake_stops_every_command_with_line_and_column() {
    let home = tempfile::tempdir().unwrap();
    let config = home.path().join("bad.toml");
    fs::write(&config, "theme = \"dark\"\ncolour = \"blue\"\n").unwrap();
    let env = [("REFERAT_CONFIG", config.as_os_str())];
    for args in [
        &["export"][..],
        &["check"],
        &["decisions"],
        &["case", "24/24964"],
        &["search", "budget"],
    ] {
        let o = referat(home.path(), &env, args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(o.stdout.is_empty(), "{args:?} printed {}", stdout(&o));
        let err = stderr(&o);
        assert!(
            err.contains(&format!("{}:2:1: unknown field `colour`", config.display())),
            "{args:?}: {err}"
        );
    }
    // Finding and writing the configuration still works, so it can be fixed.
    let o = referat(home.path(), &env, &["config", "path"]);
    assert!(o.status.success());
    let o = referat(home.path(), &env, &["config", "default"]);
    assert!(o.status.success());
    assert!(stdout(&o).contains("# theme = \"dark\""));
}

#[test]
fn the_printed_default_is_a_valid_configuration() {
    let home = tempfile::tempdir().unwrap();
    let o = referat(home.path(), &[], &["config", "default"]);
    assert!(o.status.success());
    let config = home.path().join("config.toml");
    fs::write(&config, &o.stdout).unwrap();
    let o = referat(
        home.path(),
        &[("REFERAT_CONFIG", config.as_os_str())],
        &["export"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(meetings(&o), 5);
}

#[test]
fn completions_and_man_page_are_printed() {
    let home = tempfile::tempdir().unwrap();
    for shell in ["bash", "zsh", "fish"] {
        let o = referat(home.path(), &[], &["completions", shell]);
        assert!(o.status.success(), "{shell}: {}", stderr(&o));
        let script = stdout(&o);
        assert!(
            script.contains("decisions") && script.contains("export"),
            "{shell}"
        );
    }
    let o = referat(home.path(), &[], &["man"]);
    assert!(o.status.success());
    let page = stdout(&o);
    assert!(page.starts_with(".ie") || page.contains(".TH"), "{page}");
    assert!(page.contains("completions"));
    let o = referat(home.path(), &[], &["--version"]);
    assert!(stdout(&o).starts_with("referat "), "{}", stdout(&o));
}
