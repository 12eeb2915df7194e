//! The platform folders honour the XDG variables on Linux.
//!
//! Environment variables are process-wide, and changing them inside a running
//! test process is `unsafe` (another thread may read them), which the workspace
//! forbids. So the test runs this same test binary again as a child, with the
//! variables set from its start, and the child makes the assertions.

use std::path::{Path, PathBuf};
use std::process::Command;

/// Set in the child: the folder that stands for the home directory.
const CHILD: &str = "REFERAT_TEST_XDG_HOME";
/// Set in the child: the configuration file it must resolve.
const EXPECTED_CONFIG: &str = "REFERAT_TEST_EXPECTED_CONFIG";

#[cfg(target_os = "linux")]
#[test]
fn config_and_state_follow_the_xdg_variables() {
    if let Some(home) = std::env::var_os(CHILD) {
        return in_child(Path::new(&home));
    }
    let home = tempfile::tempdir().unwrap();
    let default = home.path().join("cfg/referat/config.toml");
    let named = home.path().join("x.toml");
    // Unset, set to a file, and set but empty (as if unset).
    for (override_, expected) in [
        (None, &default),
        (Some(named.as_os_str()), &named),
        (Some("".as_ref()), &default),
    ] {
        let mut child = Command::new(std::env::current_exe().unwrap());
        child
            .args([
                "--exact",
                "platform_dirs::config_and_state_follow_the_xdg_variables",
            ])
            .env(CHILD, home.path())
            .env(EXPECTED_CONFIG, expected)
            .env("HOME", home.path())
            .env("XDG_CONFIG_HOME", home.path().join("cfg"))
            .env("XDG_STATE_HOME", home.path().join("st"))
            .env_remove("REFERAT_CONFIG");
        if let Some(value) = override_ {
            child.env("REFERAT_CONFIG", value);
        }
        let out = child.output().unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success(),
            "child failed:\n{stdout}\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
        // The child ran the test, not zero tests.
        assert!(stdout.contains("1 passed"), "{stdout}");
    }
}

/// The assertions, in a process whose environment was set before it started.
fn in_child(home: &Path) {
    let expected = PathBuf::from(std::env::var_os(EXPECTED_CONFIG).unwrap());
    assert_eq!(referat::config::path(), Some(expected));

    let state_home = home.join("st");
    let dir = referat::state::default_dir().unwrap();
    assert_eq!(dir, state_home.join("referat"));

    // Saving through the default wrapper lands there, and nowhere else.
    let corpus = referat::Corpus::bundled();
    let key = referat::tui::session::key_for(&[]);
    let pos = referat::tui::session::Position::new(&corpus.meetings()[0], Some(1), 3);
    referat::tui::session::save(&key, &pos).unwrap();
    assert_eq!(referat::tui::session::load(&key), Some(pos));
    assert!(dir.join("session.json").is_file());
}
