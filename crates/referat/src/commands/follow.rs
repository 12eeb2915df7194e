//! `referat follow add|list|remove` and `referat news`: the watch list from
//! the command line ([`crate::follow`]).

use std::io::{self, Write};

use serde::Serialize;

use referat_core::corpus::Corpus;
use referat_core::model::Date;
use referat_core::sanitize::{for_terminal, json_safe};

use super::{CaseRow, Outcome, write_case_rows};
use crate::follow::store::{Loaded, Store};
use crate::follow::{Added, Follow, Hit};

/// Names a problem with the watch list file on `err`, if there was one.
fn say_problem(loaded: &Loaded, err: &mut dyn Write) -> io::Result<()> {
    if let Some(problem) = &loaded.problem {
        writeln!(err, "referat: {}", for_terminal(&problem.0))?;
    }
    Ok(())
}

/// `referat follow add`: follows `follow`, with what it matches in `corpus`
/// now as its baseline (not news).
pub fn follow_add(
    corpus: &Corpus,
    store: &Store,
    follow: Follow,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<Outcome> {
    if let Some(problem) = follow.problem() {
        writeln!(err, "referat: {problem} (see `referat follow add --help`)")?;
        return Ok(Outcome::Usage);
    }
    let hits = follow.hits(corpus);
    let label = for_terminal(&follow.label()).into_owned();
    let (loaded, added) = store.update(|list| list.add(follow, &hits, Date::today()))?;
    say_problem(&loaded, err)?;
    match added {
        Added::Already(id) => {
            writeln!(out, "{id}  {label}: already followed")?;
        }
        Added::New(id) => {
            let now = match hits.len() {
                0 => "nothing yet".to_string(),
                1 => "1 item now".to_string(),
                n => format!("{n} items now"),
            };
            writeln!(out, "{id}  {label}: followed ({now})")?;
            writeln!(
                err,
                "referat: `referat news` lists what comes after this; `referat follow remove {id}` stops"
            )?;
        }
    }
    Ok(Outcome::Success)
}

/// One followed thing in `follow list --json` and `news --json`.
#[derive(Debug, Serialize)]
struct FollowedJson<'a> {
    id: u32,
    label: String,
    #[serde(flatten)]
    follow: &'a Follow,
    added: Option<Date>,
    #[serde(skip_serializing_if = "Option::is_none")]
    new: Option<Vec<CaseRow<'a>>>,
}

impl<'a> FollowedJson<'a> {
    fn of(f: &'a crate::follow::Followed, new: Option<Vec<CaseRow<'a>>>) -> FollowedJson<'a> {
        FollowedJson {
            id: f.id,
            label: f.follow.label(),
            follow: &f.follow,
            added: f.added,
            new,
        }
    }
}

/// `referat follow list`.
pub fn follow_list(
    store: &Store,
    json: bool,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<Outcome> {
    let loaded = store.load()?;
    say_problem(&loaded, err)?;
    let follows = &loaded.list.follows;
    if json {
        let rows: Vec<FollowedJson> = follows.iter().map(|f| FollowedJson::of(f, None)).collect();
        let doc = serde_json::json!({ "file": store.path(), "follows": rows });
        writeln!(out, "{}", json_safe(&serde_json::to_string_pretty(&doc)?))?;
    } else {
        for f in follows {
            let since = f.added.map(|d| format!("  since {d}")).unwrap_or_default();
            writeln!(
                out,
                "{:>3}  {}{since}",
                f.id,
                for_terminal(&f.follow.label())
            )?;
        }
    }
    if follows.is_empty() {
        writeln!(
            err,
            "referat: nothing is followed yet; `referat follow add 24/24964` follows a case"
        )?;
        return Ok(Outcome::NotFound);
    }
    Ok(Outcome::Success)
}

/// `referat follow remove N|CASE...`: every one named must be followed, or
/// nothing is removed.
pub fn follow_remove(
    store: &Store,
    which: &[String],
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<Outcome> {
    let (loaded, result) = store.update(|list| {
        let mut ids = Vec::new();
        for name in which {
            let id = name
                .trim()
                .parse::<u32>()
                .ok()
                .filter(|id| list.get(*id).is_some())
                .or_else(|| list.case_id(name));
            match id {
                Some(id) => ids.push(id),
                None => return Err(name.clone()),
            }
        }
        Ok(ids
            .into_iter()
            .filter_map(|id| list.remove(id))
            .collect::<Vec<_>>())
    })?;
    say_problem(&loaded, err)?;
    match result {
        Err(name) => {
            writeln!(
                err,
                "referat: {} is not followed (nothing was removed); `referat follow list` shows the numbers",
                for_terminal(&name)
            )?;
            Ok(Outcome::NotFound)
        }
        Ok(removed) => {
            for f in removed {
                writeln!(
                    out,
                    "{:>3}  {}: no longer followed",
                    f.id,
                    for_terminal(&f.follow.label())
                )?;
            }
            Ok(Outcome::Success)
        }
    }
}

/// `referat news`: per followed thing, what it matches in `corpus` that is
/// new — neither there when followed nor listed by an earlier `news` (which
/// then records it), or, with
/// `since`, of a meeting on or after that day (nothing is recorded).
pub fn news(
    corpus: &Corpus,
    store: &Store,
    since: Option<Date>,
    json: bool,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<Outcome> {
    let loaded = store.load()?;
    say_problem(&loaded, err)?;
    let list = &loaded.list;
    if list.follows.is_empty() {
        writeln!(
            err,
            "referat: nothing is followed, so nothing is new; `referat follow add 24/24964` follows a case"
        )?;
        return Ok(Outcome::NotFound);
    }
    // Every follow's current hits, and which of them are new.
    let found: Vec<(u32, Vec<Hit>)> = list
        .follows
        .iter()
        .map(|f| (f.id, f.follow.hits(corpus)))
        .collect();
    let fresh = |id: u32, hits: &[Hit<'_>]| -> Vec<usize> {
        let followed = list.get(id).expect("listed");
        (0..hits.len())
            .filter(|&i| match since {
                Some(day) => corpus
                    .timeline_date(&hits[i].entry)
                    .is_some_and(|d| d >= day),
                None => followed.is_news(&hits[i].key),
            })
            .collect()
    };
    let news: Vec<(u32, Vec<usize>)> = found
        .iter()
        .map(|(id, hits)| (*id, fresh(*id, hits)))
        .collect();
    let total: usize = news.iter().map(|(_, n)| n.len()).sum();
    let rows_of = |at: usize| -> Vec<CaseRow> {
        let hits = &found[at].1;
        news[at]
            .1
            .iter()
            .map(|&i| CaseRow::from_timeline(corpus, &hits[i].entry))
            .collect()
    };
    if json {
        let follows: Vec<FollowedJson> = list
            .follows
            .iter()
            .enumerate()
            .map(|(at, f)| FollowedJson::of(f, Some(rows_of(at))))
            .collect();
        let doc = serde_json::json!({ "since": since, "new": total, "follows": follows });
        writeln!(out, "{}", json_safe(&serde_json::to_string_pretty(&doc)?))?;
    } else {
        for (at, f) in list.follows.iter().enumerate() {
            let rows = rows_of(at);
            if rows.is_empty() {
                continue;
            }
            writeln!(
                out,
                "{}: {} new",
                for_terminal(&f.follow.label()),
                rows.len()
            )?;
            write_case_rows(&rows, "  ", out)?;
        }
    }
    if since.is_none() && total > 0 {
        // Recorded once printed: a run whose output did not get out (a pipe
        // closed) lists it again next time. The news stands even when it
        // cannot be recorded; the next run then lists it again.
        out.flush()?;
        let recorded = store.update(|list| {
            for ((id, hits), (_, fresh)) in found.iter().zip(&news) {
                list.mark_reported(*id, fresh.iter().map(|&i| hits[i].key.as_str()));
            }
        });
        if let Err(e) = recorded {
            writeln!(
                err,
                "referat: what is new was not recorded, and the next `referat news` lists it again: {}",
                for_terminal(&e.to_string())
            )?;
        }
    }
    if total == 0 {
        let n = list.follows.len();
        let when = since.map_or_else(
            || "since the last `referat news`".to_string(),
            |d| format!("since {d}"),
        );
        writeln!(
            err,
            "referat: nothing new about the {n} thing{} followed {when}",
            if n == 1 { "" } else { "s" }
        )?;
        return Ok(Outcome::NotFound);
    }
    Ok(Outcome::Success)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::commands::tests::run;

    /// The sample without the newest meeting that carries 24/24964, and that file.
    fn sample_without_latest_case() -> (Corpus, (String, String)) {
        let corpus = Corpus::bundled();
        let refs = corpus.case("24/24964");
        let latest = corpus.get(*refs.last().unwrap()).0.source.clone();
        let mut texts: Vec<(String, String)> = referat_core::corpus::BUNDLED
            .iter()
            .map(|(n, t)| (n.to_string(), t.to_string()))
            .collect();
        let at = texts.iter().position(|(n, _)| *n == latest).unwrap();
        let held = texts.remove(at);
        (Corpus::from_texts(texts), held)
    }

    #[test]
    fn news_lists_a_new_item_once_then_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::in_dir(dir.path());
        let (before, held) = sample_without_latest_case();
        let (o, out, _) = run(|o, e| follow_add(&before, &store, Follow::case("24/24964"), o, e));
        assert_eq!(o, Outcome::Success);
        assert!(out.starts_with("1  case 24/24964: followed ("), "{out}");
        let (o, _, err) = run(|o, e| news(&before, &store, None, false, o, e));
        assert_eq!(
            o,
            Outcome::NotFound,
            "what was there when followed is not news"
        );
        assert!(
            err.contains("nothing new about the 1 thing followed"),
            "{err}"
        );

        let mut texts: Vec<(String, String)> = referat_core::corpus::BUNDLED
            .iter()
            .map(|(n, t)| (n.to_string(), t.to_string()))
            .collect();
        texts.retain(|(n, _)| *n != held.0);
        texts.push(held);
        let after = Corpus::from_texts(texts);
        let (o, out, _) = run(|o, e| news(&after, &store, None, false, o, e));
        assert_eq!(o, Outcome::Success);
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines[0], "case 24/24964: 1 new", "{out}");
        assert_eq!(lines.len(), 2, "{out}");
        let (o, _, _) = run(|o, e| news(&after, &store, None, false, o, e));
        assert_eq!(o, Outcome::NotFound, "reported once");
        // --since looks again without recording.
        let (o, out, _) = run(|o, e| news(&after, &store, Date::new(2000, 1, 1), true, o, e));
        assert_eq!(o, Outcome::Success);
        let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(doc["follows"][0]["case"], "24/24964");
        assert_eq!(
            doc["new"].as_u64().unwrap() as usize,
            Follow::case("24/24964").hits(&after).len()
        );
    }

    #[test]
    fn list_and_remove_by_number_or_case() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::in_dir(dir.path());
        let corpus = Corpus::bundled();
        let (o, _, err) = run(|o, e| follow_list(&store, false, o, e));
        assert_eq!(o, Outcome::NotFound);
        assert!(err.contains("nothing is followed yet"), "{err}");
        let query = Follow {
            query: Some("\"nyt rådhus\"".into()),
            forum: Some("Direktionen".into()),
            ..Follow::default()
        };
        run(|o, e| follow_add(&corpus, &store, Follow::case("24/24964"), o, e));
        run(|o, e| follow_add(&corpus, &store, query.clone(), o, e));
        let (_, out, _) = run(|o, e| follow_add(&corpus, &store, query, o, e));
        assert!(out.contains("already followed"), "{out}");
        let (o, out, _) = run(|o, e| follow_list(&store, false, o, e));
        assert_eq!(o, Outcome::Success);
        assert!(out.contains("  1  case 24/24964"), "{out}");
        assert!(
            out.contains("  2  search \"nyt rådhus\" in Direktionen"),
            "{out}"
        );
        let (o, _, err) = run(|o, e| follow_remove(&store, &["2".into(), "9".into()], o, e));
        assert_eq!(o, Outcome::NotFound);
        assert!(
            err.contains("9 is not followed (nothing was removed)"),
            "{err}"
        );
        assert_eq!(store.load().unwrap().list.follows.len(), 2);
        let (o, out, _) = run(|o, e| follow_remove(&store, &["24/24964".into()], o, e));
        assert_eq!(o, Outcome::Success);
        assert!(
            out.contains("1  case 24/24964: no longer followed"),
            "{out}"
        );
        let (_, out, _) = run(|o, e| follow_list(&store, true, o, e));
        let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(doc["follows"].as_array().unwrap().len(), 1);
        assert_eq!(doc["follows"][0]["id"], 2);
        assert_eq!(doc["follows"][0]["forum"], "Direktionen");
    }

    #[test]
    fn a_follow_of_nothing_is_a_usage_error() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::in_dir(dir.path());
        let (o, _, err) =
            run(|o, e| follow_add(&Corpus::bundled(), &store, Follow::default(), o, e));
        assert_eq!(o, Outcome::Usage);
        assert!(err.contains("say what to follow"), "{err}");
        assert!(!store.path().exists(), "nothing written");
    }
}
