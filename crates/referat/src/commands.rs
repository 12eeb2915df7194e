//! What the subcommands print. Each takes a loaded corpus and a writer, so tests can
//! run them on in-memory corpora and compare the output, and `main` stays a
//! dispatcher.
//!
//! Everything printed from documents goes through [`referat_core::sanitize`]: minutes text
//! is data and must not drive the terminal, even when the output is piped and
//! shown later.

use std::io::{self, Write};

use serde::Serialize;

use rayon::prelude::*;
use referat_core::corpus::{Corpus, ItemRef, TimelineEntry};
use referat_core::loader::Severity;
use referat_core::model::{Date, Item, Meeting, Section};
use referat_core::sanitize::{for_terminal, for_terminal_multiline, json_safe};
use referat_core::search::{Filters, Match, Place, Query, hits_once, search_once, snippet};

mod follow;
pub use follow::{follow_add, follow_list, follow_remove, news};

/// How a command ended, as the process exit status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Success,
    /// The command ran but found nothing / not everything (exit 1).
    NotFound,
    /// The command was asked something it cannot do (exit 2), like clap's errors.
    Usage,
}

/// `referat export`.
pub fn export(
    corpus: &Corpus,
    meetings: &crate::cli::MeetingFilters,
    pretty: bool,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<Outcome> {
    let kept: Vec<Meeting>;
    let shown = if meetings.is_empty() {
        corpus.meetings()
    } else {
        // Only the meetings asked for are copied; an unfiltered export
        // writes the corpus as it is.
        let filters = meetings.to_filters();
        kept = corpus
            .meetings()
            .iter()
            .filter(|m| filters.meeting_passes(&m.forum, m.date))
            .cloned()
            .collect();
        &kept
    };
    referat_core::export::write_json(shown, pretty, out)?;
    if shown.is_empty() && !corpus.meetings().is_empty() {
        let n = corpus.meetings().len();
        writeln!(
            err,
            "referat: no meeting of the {n} read is kept by the filters (--forum, --from, --to)"
        )?;
    }
    Ok(if shown.is_empty() {
        Outcome::NotFound
    } else {
        Outcome::Success
    })
}

/// One row of `referat case`, also its JSON form.
#[derive(Debug, Serialize)]
pub struct CaseRow<'a> {
    pub date: Option<Date>,
    pub forum: &'a str,
    pub source: &'a str,
    /// The item's number; `None` for a case-history row that does not give it
    /// (a quoted decision without `pkt.`).
    pub number: Option<u32>,
    pub title: &'a str,
    pub case_numbers: &'a [String],
    pub closed: bool,
    /// The first line of the item's last decision.
    pub decision: Option<&'a str>,
    pub decision_date: Option<Date>,
    /// The row comes from an item's case history (`Sagsforløb`): that meeting is
    /// not loaded, and `number` is its item number there.
    pub from_history: bool,
}

impl<'a> CaseRow<'a> {
    /// The row for a timeline entry.
    pub fn from_timeline(corpus: &'a Corpus, entry: &TimelineEntry<'a>) -> CaseRow<'a> {
        match *entry {
            TimelineEntry::Item(at) => {
                let (meeting, item) = corpus.get(at);
                CaseRow::new(meeting, item)
            }
            TimelineEntry::History { entry, via } => {
                let (meeting, item) = corpus.get(via);
                CaseRow {
                    date: entry.date,
                    forum: &entry.forum,
                    source: &meeting.source,
                    number: entry.number,
                    title: &item.title,
                    case_numbers: &item.case_numbers,
                    closed: false,
                    decision: referat_core::model::first_line(&entry.text),
                    decision_date: entry.date,
                    from_history: true,
                }
            }
        }
    }

    pub fn new(meeting: &'a Meeting, item: &'a Item) -> CaseRow<'a> {
        CaseRow {
            from_history: false,
            date: meeting.date,
            forum: &meeting.forum,
            source: &meeting.source,
            number: Some(item.number),
            title: &item.title,
            case_numbers: &item.case_numbers,
            closed: item.closed,
            decision: item.decision_summary(),
            decision_date: item.last_decision().and_then(|s| s.date),
        }
    }
}

/// `referat case CASE`.
pub fn case(
    corpus: &Corpus,
    case: &str,
    filters: &Filters,
    json: bool,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<Outcome> {
    let timeline = corpus.case_timeline(case);
    let rows: Vec<CaseRow> = timeline
        .iter()
        .map(|entry| CaseRow::from_timeline(corpus, entry))
        .filter(|row| filters.meeting_passes(row.forum, row.date))
        .collect();
    // Items that name the case in their text without carrying it.
    let mentions = referat_core::mentions::of_case(corpus, case);
    let mentioned: Vec<CaseRow> = mentions
        .iter()
        .map(|&at| CaseRow::from_timeline(corpus, &TimelineEntry::Item(at)))
        .filter(|row| filters.meeting_passes(row.forum, row.date))
        .collect();
    if json {
        #[derive(Serialize)]
        struct CaseJson<'a> {
            case: &'a str,
            items: &'a [CaseRow<'a>],
            #[serde(skip_serializing_if = "<[_]>::is_empty")]
            mentioned_in: &'a [CaseRow<'a>],
        }
        let doc = CaseJson {
            case: case.trim(),
            items: &rows,
            mentioned_in: &mentioned,
        };
        writeln!(
            out,
            "{}",
            json_safe(&serde_json::to_string_pretty(&doc).expect("serialisable"))
        )?;
    }
    let items = corpus.case(case).len();
    if rows.is_empty() && items > 0 {
        // The case is known: the filters left out every meeting with it.
        writeln!(
            err,
            "referat: case number {} is in {} item{}, none in a meeting the filters (--forum, --from, --to) keep",
            for_terminal(case.trim()),
            items,
            if items == 1 { "" } else { "s" },
        )?;
        return Ok(Outcome::NotFound);
    }
    if rows.is_empty() {
        write!(
            err,
            "referat: no item carries case number {} ({} meeting{} searched)",
            for_terminal(case.trim()),
            corpus.meetings().len(),
            if corpus.meetings().len() == 1 {
                ""
            } else {
                "s"
            }
        )?;
        let similar = similar_cases(corpus, case);
        if !similar.is_empty() {
            write!(err, "; similar: {}", similar.join(", "))?;
        }
        if !mentioned.is_empty() {
            let n = mentioned.len();
            write!(
                err,
                "; {n} item{} name{} it in the text (`referat search '\"{}\"'`)",
                if n == 1 { "" } else { "s" },
                if n == 1 { "s" } else { "" },
                for_terminal(case.trim())
            )?;
        }
        writeln!(err)?;
        return Ok(Outcome::NotFound);
    }
    if !json {
        write_case_rows(&rows, "", out)?;
        if !mentioned.is_empty() {
            writeln!(out, "mentioned in:")?;
            write_case_rows(&mentioned, "  ", out)?;
        }
    }
    Ok(Outcome::Success)
}

/// Writes case rows as `referat case` prints them, one line each: date,
/// forum, item number, title and the first line of the decision, each line
/// after `indent`.
pub fn write_case_rows(rows: &[CaseRow<'_>], indent: &str, out: &mut dyn Write) -> io::Result<()> {
    let forum_width = rows
        .iter()
        .map(|r| r.forum.chars().count())
        .max()
        .unwrap_or(0);
    for row in rows {
        let date = row
            .date
            .map_or_else(|| "????-??-??".to_string(), |d| d.to_string());
        let decision = match (row.closed, row.decision) {
            (_, Some(d)) => format!(" — {}", for_terminal(d)),
            (true, None) => " — (lukket punkt)".to_string(),
            (false, None) => String::new(),
        };
        let history = if row.from_history {
            "  (from the case history)"
        } else {
            ""
        };
        writeln!(
            out,
            "{indent}{date}  {:<forum_width$}  punkt {:>2}  {}{decision}{history}",
            for_terminal(row.forum),
            row.number
                .map_or_else(|| "?".to_string(), |n| n.to_string()),
            for_terminal(row.title),
        )?;
    }
    Ok(())
}

/// Known case numbers that contain the query's digits, to help after a typo.
fn similar_cases<'a>(corpus: &'a Corpus, case: &str) -> Vec<&'a str> {
    let wanted: String = case
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect();
    if wanted.len() < 3 {
        return Vec::new();
    }
    corpus
        .case_numbers()
        .filter(|known| {
            let digits: String = known
                .chars()
                .filter(char::is_ascii_alphanumeric)
                .map(|c| c.to_ascii_lowercase())
                .collect();
            digits.contains(&wanted) || wanted.contains(&digits)
        })
        .take(5)
        .collect()
}

/// How many characters of context a search result's snippet shows.
const SNIPPET_WIDTH: usize = 100;

/// `referat search`: matching items grouped by meeting, newest first, each with a
/// snippet of its first hit (highlighted when `color`).
pub fn search(
    corpus: &Corpus,
    query: &str,
    filters: &Filters,
    json: bool,
    color: bool,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<Outcome> {
    let parsed = Query::parse(query);
    if parsed.is_empty() {
        writeln!(
            err,
            "referat: the search query is empty; give words or \"a phrase\""
        )?;
        return Ok(Outcome::Usage);
    }
    let results = search_once(corpus, &parsed, filters);
    // A common word lists most items: each is shown from sections read for
    // it alone and then dropped, not kept by the corpus, and results are
    // rendered on every core, a batch at a time, in order.
    const BATCH: usize = 4096;
    if json {
        #[derive(Serialize)]
        struct HitJson {
            section: Option<String>,
            kind: Option<&'static str>,
            snippet: String,
            /// Character offsets of the match in `snippet`.
            match_start: usize,
            match_end: usize,
        }
        #[derive(Serialize)]
        struct ResultJson<'a> {
            source: &'a str,
            forum: &'a str,
            date: Option<Date>,
            number: u32,
            title: &'a str,
            case_numbers: &'a [String],
            hits: Vec<HitJson>,
        }
        let rows: Vec<ResultJson> = results
            .par_iter()
            .map(|r| {
                let (meeting, item) = corpus.get(r.at);
                let sections = item.sections.read_uncached();
                let hits = hits_once(item, &sections, &parsed, filters)
                    .iter()
                    .map(|h| {
                        let (section, text) = hit_place(item, &sections, h.place);
                        let (snippet, a, b) = snippet(text, h.start, h.end, SNIPPET_WIDTH);
                        HitJson {
                            section: section.map(|i| sections[i].heading.clone()),
                            kind: section.map(|i| sections[i].kind.name()),
                            match_start: snippet[..a].chars().count(),
                            match_end: snippet[..b].chars().count(),
                            snippet,
                        }
                    })
                    .collect();
                ResultJson {
                    source: &meeting.source,
                    forum: &meeting.forum,
                    date: meeting.date,
                    number: item.number,
                    title: &item.title,
                    case_numbers: &item.case_numbers,
                    hits,
                }
            })
            .collect();
        let doc = serde_json::json!({ "query": query, "results": rows });
        writeln!(
            out,
            "{}",
            json_safe(&serde_json::to_string_pretty(&doc).expect("serialisable"))
        )?;
    } else {
        let highlight = if color {
            ("\x1b[1;7m", "\x1b[0m")
        } else {
            ("", "")
        };
        for (batch, chunk) in results.chunks(BATCH).enumerate() {
            let rendered: Vec<Vec<u8>> = chunk
                .par_iter()
                .enumerate()
                .map(|(i, r)| {
                    let at = batch * BATCH + i;
                    let new_meeting =
                        at.checked_sub(1).map(|i| results[i].at.meeting) != Some(r.at.meeting);
                    let mut text = Vec::new();
                    if new_meeting && at > 0 {
                        text.push(b'\n');
                    }
                    search_result(corpus, r, new_meeting, highlight, &mut text)
                        .expect("writing to memory");
                    text
                })
                .collect();
            for text in rendered {
                out.write_all(&text)?;
            }
        }
    }
    if results.is_empty() {
        writeln!(err, "referat: no item matches {}", for_terminal(query))?;
        return Ok(Outcome::NotFound);
    }
    Ok(Outcome::Success)
}

/// One result of `referat search` as text: its meeting's line first when
/// `new_meeting`, then the item, then its first hit's snippet, the hit
/// wrapped in `highlight`.
fn search_result(
    corpus: &Corpus,
    r: &Match,
    new_meeting: bool,
    (on, off): (&str, &str),
    out: &mut dyn Write,
) -> io::Result<()> {
    let (meeting, item) = corpus.get(r.at);
    if new_meeting {
        writeln!(
            out,
            "{}  ({})",
            for_terminal(&meeting.label()),
            for_terminal(&meeting.source)
        )?;
    }
    let cases = if item.case_numbers.is_empty() {
        String::new()
    } else {
        format!("  [sag {}]", item.case_numbers.join(", "))
    };
    writeln!(
        out,
        "  punkt {}: {}{}",
        item.number,
        for_terminal(&item.title),
        for_terminal(&cases)
    )?;
    // Only the section the first hit is in is read, and not kept.
    let section = match r.first_place() {
        Place::Title => None,
        Place::Section(i) => item.sections.section_uncached(i),
    };
    let (label, text) = match &section {
        None => ("Titel", item.title.as_str()),
        Some(s) if s.heading.is_empty() => (s.kind.name(), s.text.as_str()),
        Some(s) => (s.heading.as_str(), s.text.as_str()),
    };
    let first = r.first_hit_in(text);
    let (snippet, a, b) = snippet(text, first.start, first.end, SNIPPET_WIDTH);
    let more = match r.hits {
        0 | 1 => String::new(),
        n => format!("  (+{} more)", n - 1),
    };
    writeln!(
        out,
        "      {}: {}{on}{}{off}{}{more}",
        for_terminal(label),
        for_terminal(&snippet[..a]),
        for_terminal(&snippet[a..b]),
        for_terminal(&snippet[b..]),
    )
}

/// Which section a hit is in (`None` for the title), and that place's text.
fn hit_place<'a>(
    item: &'a Item,
    sections: &'a [Section],
    place: Place,
) -> (Option<usize>, &'a str) {
    let section = match place {
        Place::Title => None,
        Place::Section(i) => Some(i),
    };
    (
        section,
        referat_core::search::place_text(item, sections, place),
    )
}

/// `referat decisions`: every meeting, oldest first, each item with its decisions.
pub fn decisions(corpus: &Corpus, filters: &Filters, out: &mut dyn Write) -> io::Result<Outcome> {
    let kept = corpus
        .meetings()
        .iter()
        .filter(|m| filters.meeting_passes(&m.forum, m.date));
    let mut any = false;
    for (index, meeting) in kept.enumerate() {
        any = true;
        if index > 0 {
            writeln!(out)?;
        }
        let heading = for_terminal(&meeting.label()).into_owned();
        writeln!(out, "{heading}")?;
        writeln!(out, "{}", "=".repeat(heading.chars().count().max(1)))?;
        writeln!(out, "{}", for_terminal(&meeting.source))?;
        for item in &meeting.items {
            writeln!(out)?;
            let cases = if item.case_numbers.is_empty() {
                String::new()
            } else {
                format!(" (sag {})", item.case_numbers.join(", "))
            };
            writeln!(
                out,
                "Punkt {}: {}{}",
                item.number,
                for_terminal(&item.title),
                for_terminal(&cases)
            )?;
            if item.closed && !item.has_decision() {
                writeln!(out, "    Lukket punkt.")?;
                continue;
            }
            if !item.has_decision() {
                writeln!(out, "    Ingen beslutning.")?;
                continue;
            }
            for decision in item.decisions() {
                writeln!(out, "    [{}]", for_terminal(&decision.heading))?;
                for line in for_terminal_multiline(&decision.text).lines() {
                    if line.is_empty() {
                        writeln!(out)?;
                    } else {
                        writeln!(out, "    {}", line.replace('\t', "  "))?;
                    }
                }
            }
        }
    }
    Ok(if any {
        Outcome::Success
    } else {
        Outcome::NotFound
    })
}

/// `referat check`: per file, what was read and every warning.
pub fn check(corpus: &Corpus, json: bool, out: &mut dyn Write) -> io::Result<Outcome> {
    let failed = corpus
        .reports
        .iter()
        .filter(|r| r.meeting.is_none())
        .count();
    if json {
        #[derive(Serialize)]
        struct FileJson<'a> {
            source: &'a str,
            ok: bool,
            encoding: Option<&'a str>,
            forum: Option<&'a str>,
            date: Option<Date>,
            items: usize,
            error: Option<String>,
            /// The file whose reading of the same meeting is kept, when
            /// another file holds it too and has more (see `also_in`).
            #[serde(skip_serializing_if = "Option::is_none")]
            same_meeting_as: Option<&'a str>,
            diagnostics: &'a [referat_core::loader::Diagnostic],
        }
        let files: Vec<FileJson> = corpus
            .reports
            .iter()
            .map(|r| {
                let meeting = r.meeting.and_then(|m| corpus.meeting(m));
                let error = r.error.as_ref().map(ToString::to_string);
                FileJson {
                    source: &r.source,
                    ok: meeting.is_some(),
                    encoding: r.encoding,
                    forum: meeting.map(|m| m.forum.as_str()),
                    date: meeting.and_then(|m| m.date),
                    items: meeting.map_or(0, |m| m.items.len()),
                    error,
                    same_meeting_as: meeting
                        .map(|m| m.source.as_str())
                        .filter(|kept| *kept != r.source),
                    diagnostics: &r.diagnostics,
                }
            })
            .collect();
        let json = serde_json::to_string_pretty(&serde_json::json!({ "files": files }))
            .expect("serialisable");
        writeln!(out, "{}", json_safe(&json))?;
    } else {
        for report in &corpus.reports {
            let source = for_terminal(&report.source);
            match report.meeting.and_then(|m| corpus.meeting(m)) {
                Some(meeting) => {
                    let items = meeting.items.len();
                    writeln!(
                        out,
                        "{source}: ok: {}, {items} item{}, {}",
                        for_terminal(&meeting.label()),
                        if items == 1 { "" } else { "s" },
                        report.encoding.unwrap_or("?")
                    )?;
                    write_same_meeting(out, &report.source, meeting)?;
                }
                None => writeln!(
                    out,
                    "{source}: FAILED: {}",
                    for_terminal(
                        &report
                            .error
                            .as_ref()
                            .map_or("no meeting found".to_string(), ToString::to_string)
                    )
                )?,
            }
            // The reason a file failed is already on its FAILED line.
            for d in report.other_diagnostics() {
                let level = match d.severity {
                    Severity::Info => "note",
                    Severity::Warning => "warning",
                    Severity::Error => "error",
                };
                let line = d.line.map(|l| format!(" (line {l})")).unwrap_or_default();
                writeln!(out, "  {level}{line}: {}", for_terminal(&d.message))?;
            }
        }
        let files = corpus.reports.len();
        let again: usize = corpus.meetings().iter().map(|m| m.also_in.len()).sum();
        writeln!(
            out,
            "{files} file{}: {} meeting{}{}, {failed} failed, {} with warnings",
            if files == 1 { "" } else { "s" },
            corpus.meetings().len(),
            if corpus.meetings().len() == 1 {
                ""
            } else {
                "s"
            },
            match again {
                0 => String::new(),
                1 => " (1 file holds a meeting another file holds too)".to_string(),
                n => format!(" ({n} files hold meetings other files hold too)"),
            },
            corpus.files_with_warnings()
        )?;
    }
    Ok(if failed == 0 && !corpus.reports.is_empty() {
        Outcome::Success
    } else {
        Outcome::NotFound
    })
}

/// Says, under a file's `ok` line, which other files hold the same meeting
/// and which reading is kept.
fn write_same_meeting(out: &mut dyn Write, source: &str, meeting: &Meeting) -> io::Result<()> {
    if meeting.source != source {
        writeln!(
            out,
            "  same meeting as {}, whose reading is kept (it holds more)",
            for_terminal(&meeting.source)
        )
    } else if !meeting.also_in.is_empty() {
        let others: Vec<_> = meeting.also_in.iter().map(|s| for_terminal(s)).collect();
        writeln!(
            out,
            "  same meeting as {}; this reading is kept (it holds the most)",
            others.join(", ")
        )
    } else {
        Ok(())
    }
}

/// A one-paragraph summary of a corpus, for places that cannot show the browser.
pub fn summary(corpus: &Corpus) -> String {
    format!(
        "{} meetings, {} items, {} files with warnings",
        corpus.meetings().len(),
        corpus.item_count(),
        corpus.files_with_warnings()
    )
}

/// The rows of the case timeline of the item at `at`, oldest first.
pub fn timeline_rows(corpus: &Corpus, at: ItemRef) -> Vec<CaseRow<'_>> {
    corpus
        .item_timeline(at)
        .iter()
        .map(|entry| CaseRow::from_timeline(corpus, entry))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Runs a command into buffers: its outcome, stdout and stderr.
    pub(super) fn run(
        f: impl FnOnce(&mut Vec<u8>, &mut Vec<u8>) -> io::Result<Outcome>,
    ) -> (Outcome, String, String) {
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let outcome = f(&mut out, &mut err).unwrap();
        (
            outcome,
            String::from_utf8(out).unwrap(),
            String::from_utf8(err).unwrap(),
        )
    }

    #[test]
    fn case_lists_the_items_that_mention_it_after_the_timeline() {
        let mention = "REFERAT Chefforum d. 01-10-2025\n\nPunkt 3: Budget\n\n25/1000\n\nBaggrund\n\nJf. sag 24/24964.\n";
        let corpus = Corpus::from_texts(
            referat_core::corpus::BUNDLED
                .iter()
                .map(|(n, t)| (n.to_string(), t.to_string()))
                .chain([("m.txt".to_string(), mention.to_string())]),
        );
        let filters = Filters::default();
        let (outcome, out, _) = run(|o, e| case(&corpus, "24/24964", &filters, false, o, e));
        assert_eq!(outcome, Outcome::Success);
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines[lines.len() - 2], "mentioned in:", "{out}");
        assert!(
            lines[lines.len() - 1].starts_with("  2025-10-01  Chefforum  punkt  3  Budget"),
            "{out}"
        );
        let (_, out, _) = run(|o, e| case(&corpus, "24/24964", &filters, true, o, e));
        let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(doc["mentioned_in"][0]["number"], 3);
        // Without mentions, the JSON is as it was: no empty field.
        let (_, out, _) = run(|o, e| case(&Corpus::bundled(), "24/24964", &filters, true, o, e));
        assert!(!out.contains("mentioned_in"), "{out}");
        // A case only mentioned is no timeline, but the message says where it is named.
        let (outcome, _, err) = run(|o, e| case(&corpus, "25/8362", &filters, false, o, e));
        assert_eq!(outcome, Outcome::Success);
        let only =
            Corpus::from_texts([("m.txt".to_string(), mention.replace("25/1000", "25/1001"))]);
        let (outcome, _, err2) = run(|o, e| case(&only, "24/24964", &filters, false, o, e));
        assert_eq!(outcome, Outcome::NotFound);
        assert!(err2.contains("1 item names it in the text"), "{err2}");
        assert!(err.is_empty(), "{err}");
    }

    #[test]
    fn case_lists_oldest_first_with_decision_line() {
        let corpus = Corpus::bundled();
        let (outcome, out, _) =
            run(|o, e| case(&corpus, "18/15736", &Filters::default(), false, o, e));
        assert_eq!(outcome, Outcome::Success);
        assert_eq!(out.lines().count(), 1);
        assert!(out.starts_with("2025-03-25  Direktionen  punkt  6  Kvarterhus Gadehavegård"));
        assert!(out.contains(" — Direktionen godkender at udbudsmaterialet"));
    }

    #[test]
    fn unknown_case_suggests_similar_ones() {
        let corpus = Corpus::bundled();
        let (outcome, out, err) =
            run(|o, e| case(&corpus, "8362", &Filters::default(), false, o, e));
        assert_eq!(outcome, Outcome::NotFound);
        assert!(out.is_empty());
        assert!(err.contains("no item carries case number 8362"), "{err}");
        assert!(err.contains("similar: 25/8362"), "{err}");
    }

    #[test]
    fn filters_that_keep_nothing_say_so_rather_than_suggest_the_case_itself() {
        let corpus = Corpus::bundled();
        let nope = Filters {
            forum: Some("Nope".into()),
            ..Filters::default()
        };
        let (outcome, _, err) = run(|o, e| case(&corpus, "24/24964", &nope, false, o, e));
        assert_eq!(outcome, Outcome::NotFound);
        assert!(
            err.contains("is in 2 items, none in a meeting the filters"),
            "{err}"
        );
        assert!(!err.contains("similar"), "{err}");
        let future = crate::cli::MeetingFilters {
            from: Some(Date::new(2030, 1, 1).unwrap()),
            ..Default::default()
        };
        let (outcome, out, err) = run(|o, e| export(&corpus, &future, false, o, e));
        assert_eq!(outcome, Outcome::NotFound);
        assert_eq!(out.trim(), r#"{"meetings":[]}"#);
        assert!(
            err.contains("no meeting of the 5 read is kept by the filters"),
            "{err}"
        );
    }

    #[test]
    fn hostile_text_is_neutralised_in_every_command() {
        let text = "REFERAT Direktionen\x1b]0;x\x07 d. 25-08-2025\n\nPunkt 1: Titel \x1b[2J\n\n24/1\n\nBeslutning\n\nGodkendt \x1b]52;c;aGk=\x07.\n";
        let corpus = Corpus::from_texts([("evil\x1b[31m.txt".to_string(), text.to_string())]);
        for (name, (_, out, err)) in [
            (
                "case",
                run(|o, e| case(&corpus, "24/1", &Filters::default(), false, o, e)),
            ),
            (
                "decisions",
                run(|o, _| decisions(&corpus, &Filters::default(), o)),
            ),
            ("check", run(|o, _| check(&corpus, false, o))),
        ] {
            assert!(
                !out.contains('\x1b') && !err.contains('\x1b'),
                "{name}: {out:?}"
            );
            assert!(!out.contains('\x07'), "{name}: {out:?}");
        }
    }

    #[test]
    fn case_timeline_merges_the_case_history_of_meetings_not_loaded() {
        let later = "REFERAT Aarhus Byråd d. 27-08-2025\n\nPunkt 2: Havnens Perle\nEMN-2025-003383\n\nBeslutninger\nFremsendes til Teknisk Udvalg.\nSagsforløb\nUdvalg: Aarhus Byråd\nDato: 26-03-2025\nPunktnummer: 21\nSagens behandling blev udsat.\nUdvalg: Magistraten\nDato: 19-08-2025\nPunktnummer: 4\nFremsendes til Aarhus Byråd.\n";
        let earlier = "REFERAT Aarhus Byråd d. 26-03-2025\n\nPunkt 21: Havnens Perle\nEMN-2025-003383\n\nBeslutninger\nSagens behandling blev udsat.\n";
        let corpus = Corpus::from_texts([
            ("later.txt".to_string(), later.to_string()),
            ("earlier.txt".to_string(), earlier.to_string()),
        ]);
        let (outcome, out, _) =
            run(|o, e| case(&corpus, "EMN-2025-003383", &Filters::default(), false, o, e));
        assert_eq!(outcome, Outcome::Success);
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines.len(), 3, "{out}");
        // The loaded 26 March meeting appears once, as itself; the Magistraten
        // meeting is known only from the history and says so.
        assert!(lines[0].starts_with(
            "2025-03-26  Aarhus Byråd  punkt 21  Havnens Perle — Sagens behandling blev udsat."
        ));
        assert!(!lines[0].contains("case history"));
        assert!(lines[1].starts_with(
            "2025-08-19  Magistraten   punkt  4  Havnens Perle — Fremsendes til Aarhus Byråd."
        ));
        assert!(lines[1].ends_with("(from the case history)"));
        assert!(lines[2].starts_with("2025-08-27  Aarhus Byråd  punkt  2"));
    }

    #[test]
    fn search_groups_by_meeting_and_highlights_only_when_asked() {
        let corpus = Corpus::bundled();
        let (outcome, out, _) = run(|o, e| {
            search(
                &corpus,
                "realdania",
                &Filters::default(),
                false,
                false,
                o,
                e,
            )
        });
        assert_eq!(outcome, Outcome::Success);
        assert!(out.starts_with("Direktionen 25-03-2025  (assets/003_dcfeaadc1ebe6a83.txt)\n  punkt 6: Kvarterhus Gadehavegård"), "{out}");
        assert!(out.contains("Realdania"), "{out}");
        assert!(!out.contains('\x1b'));
        let (_, colored, _) =
            run(|o, e| search(&corpus, "realdania", &Filters::default(), false, true, o, e));
        assert!(colored.contains("\x1b[1;7mRealdania\x1b[0m"), "{colored}");
        let (outcome, out, err) =
            run(|o, e| search(&corpus, "zzzqqq", &Filters::default(), false, false, o, e));
        assert_eq!(outcome, Outcome::NotFound);
        assert!(out.is_empty() && err.contains("no item matches zzzqqq"));
        // An empty query is a mistake, not "nothing found": scripts can tell.
        let (outcome, _, err) =
            run(|o, e| search(&corpus, " \"\" ", &Filters::default(), false, false, o, e));
        assert_eq!(outcome, Outcome::Usage);
        assert!(err.contains("the search query is empty"), "{err}");
    }

    #[test]
    fn check_reports_failures_with_reason() {
        let corpus = Corpus::from_texts([
            (
                "good.txt".to_string(),
                "REFERAT Direktionen d. 25-08-2025\n\nPunkt 1: A\n\n24/1\n".to_string(),
            ),
            ("bad.txt".to_string(), "just a shopping list\n".to_string()),
        ]);
        let (outcome, out, _) = run(|o, _| check(&corpus, false, o));
        assert_eq!(outcome, Outcome::NotFound);
        assert!(
            out.contains("good.txt: ok: Direktionen 25-08-2025, 1 item, UTF-8"),
            "{out}"
        );
        assert!(out.contains("bad.txt: FAILED: not minutes"), "{out}");
        assert_eq!(
            out.matches("not minutes").count(),
            1,
            "the reason once: {out}"
        );
        assert!(
            out.ends_with("2 files: 1 meeting, 1 failed, 1 with warnings\n"),
            "{out}"
        );
    }

    #[test]
    fn check_says_which_files_hold_the_same_meeting() {
        let minutes = "REFERAT Direktionen d. 25-08-2025\n\nPunkt 1: A\n\n24/1\n";
        let fuller = format!("{minutes}\nBaggrund\n\nMere tekst.\n");
        let corpus = Corpus::from_texts([
            ("a.txt".to_string(), minutes.to_string()),
            ("b.txt".to_string(), fuller),
        ]);
        let (outcome, out, _) = run(|o, _| check(&corpus, false, o));
        assert_eq!(outcome, Outcome::Success);
        assert!(
            out.contains("a.txt: ok: Direktionen 25-08-2025, 1 item, UTF-8\n  same meeting as b.txt, whose reading is kept"),
            "{out}"
        );
        assert!(
            out.contains("b.txt: ok: Direktionen 25-08-2025, 1 item, UTF-8\n  same meeting as a.txt; this reading is kept"),
            "{out}"
        );
        assert!(out.ends_with("2 files: 1 meeting (1 file holds a meeting another file holds too), 0 failed, 0 with warnings\n"), "{out}");
        let (_, json, _) = run(|o, _| check(&corpus, true, o));
        let json: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(json["files"][0]["same_meeting_as"], "b.txt");
        assert!(json["files"][1].get("same_meeting_as").is_none());
    }
}
