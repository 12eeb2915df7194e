//! The platform folders honour the XDG variables on Linux. Environment
//! variables are process-wide, so this file holds a single test: it runs in a
//! process of its own and sets them before anything reads them.

#[cfg(target_os = "linux")]
#[test]
fn config_and_state_follow_the_xdg_variables() {
    let home = tempfile::tempdir().unwrap();
    let config_home = home.path().join("cfg");
    let state_home = home.path().join("st");
    // SAFETY: this is the only test in this binary, so no other thread reads
    // the environment while it changes.
    unsafe {
        std::env::remove_var("REFERAT_CONFIG");
        std::env::set_var("HOME", home.path());
        std::env::set_var("XDG_CONFIG_HOME", &config_home);
        std::env::set_var("XDG_STATE_HOME", &state_home);
    }
    assert_eq!(
        referat::config::path(),
        Some(config_home.join("referat/config.toml"))
    );
    let dir = referat::tui::session::default_dir().unwrap();
    assert_eq!(dir, state_home.join("referat"));

    // Saving through the default wrapper lands there, and nowhere else.
    let corpus = referat::Corpus::bundled();
    let key = referat::tui::session::key_for(&[]);
    let pos = referat::tui::session::Position::new(&corpus.meetings[0], Some(1), 3);
    referat::tui::session::save(&key, &pos).unwrap();
    assert_eq!(referat::tui::session::load(&key), Some(pos));
    assert!(dir.join("session.json").is_file());

    // The override names a file; an empty one is as if unset.
    unsafe { std::env::set_var("REFERAT_CONFIG", home.path().join("x.toml")) };
    assert_eq!(referat::config::path(), Some(home.path().join("x.toml")));
    unsafe { std::env::set_var("REFERAT_CONFIG", "") };
    assert_eq!(
        referat::config::path(),
        Some(config_home.join("referat/config.toml"))
    );
}
