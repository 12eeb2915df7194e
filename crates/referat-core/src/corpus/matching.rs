//! A warm search's corpus: only the cached files that may match, found in the
//! cache's folded block, decoded alone.
//!
//! A full warm load decodes every entry of the cache's index and assembles
//! every meeting, which for one search is most of its time and memory. When
//! the cache holds exactly the files the walk finds, each unchanged, the
//! listing ([`cache::listing`]) tells which files' folded text holds every
//! word of the query, and only those are decoded. The answer is the one a
//! full load gives, because the corpus decoded holds, besides the files that
//! may hit:
//!
//! - every file that gave no meeting, whose error any load reports;
//! - every other reading of a meeting with the same forum and date as one
//!   that may hit: readings of one meeting are folded into one only within
//!   such a run ([`super::same`]), and which one is kept, and which sources
//!   it lists, depends on all of them.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

use super::{CacheMode, Corpus, load::reused_file, reread_sections};
use crate::cache::{self, FileKey};
use crate::search::Query;
use crate::walk;

impl Corpus {
    /// The files under `paths` that may match `query`, from the cache of
    /// `cache_mode`, as a full [`Corpus::load_with`] would report and
    /// assemble them: a search of this corpus gives the answer a search of
    /// the full one does. `None` when this cannot be promised — no cache, one
    /// that does not hold exactly the walk's files unchanged (the caller is
    /// to load fully, which also brings the cache up to date), a folder that
    /// cannot be read, an empty folder, a term without a folded letter, or a
    /// part of the cache that fails its check.
    pub fn load_cached_matching(
        paths: &[PathBuf],
        cache_mode: &CacheMode,
        query: &Query,
    ) -> Option<Corpus> {
        let CacheMode::At(cache_path) = cache_mode else {
            return None;
        };
        let words: Vec<&[u8]> = query.terms.iter().map(|t| t.text.as_bytes()).collect();
        if words.is_empty() || words.iter().any(|w| w.is_empty()) {
            return None;
        }
        let (found, listing) = rayon::join(
            || walk::walk(paths),
            || cache::listing::list(cache_path, reread_sections),
        );
        let listing = listing?;
        if listing.is_empty() || !found.errors.is_empty() || !holds_exactly(&listing, &found) {
            return None;
        }
        let holding = listing.holding(&words)?;
        let runs: HashSet<u64> = (0..listing.len())
            .filter(|&i| holding[i])
            .filter_map(|i| listing.run(i))
            .collect();
        let wanted: Vec<bool> = (0..listing.len())
            .map(|i| {
                holding[i] || listing.failed(i) || listing.run(i).is_some_and(|r| runs.contains(&r))
            })
            .collect();
        let entries = listing.decode(&wanted)?;
        Some(Corpus::assemble(
            entries
                .into_iter()
                .map(|(source, entry)| reused_file(source, entry.key, entry))
                .collect(),
        ))
    }
}

/// Whether the cache lists exactly the files the walk found, each with the
/// key the walk found it with (so each is unchanged), by their names as a
/// load gives them.
fn holds_exactly(listing: &cache::listing::Listing, found: &walk::Found) -> bool {
    if found.files.len() != listing.len() {
        return false;
    }
    let listed: HashMap<&str, FileKey> = listing.files().collect();
    let mut walked = HashSet::with_capacity(found.files.len());
    listed.len() == listing.len()
        && found.files.iter().all(|(path, meta)| {
            let source = path.display().to_string();
            let same = listed.get(source.as_str()) == Some(&FileKey::of(meta));
            same && walked.insert(source)
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::{Filters, search_once};

    /// What a search of `corpus` finds: each hit's meeting's sources.
    fn found(corpus: &Corpus, query: &Query) -> Vec<Vec<String>> {
        search_once(corpus, query, &Filters::default())
            .iter()
            .map(|hit| {
                let (meeting, _) = corpus.get(hit.at);
                let mut sources = vec![meeting.source.clone()];
                sources.extend(meeting.also_in.iter().cloned());
                sources
            })
            .collect()
    }

    #[test]
    fn a_word_only_a_folded_away_reading_holds_is_not_found() {
        // Two readings of one meeting: the fuller one kept, the other with
        // one word shortened, which the meeting kept does not hold.
        let dir = tempfile::tempdir().unwrap();
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../assets/000_5303c59182f2946f.txt"
        ))
        .unwrap();
        assert!(text.contains("mindfuture"));
        std::fs::write(dir.path().join("a.txt"), &text).unwrap();
        std::fs::write(
            dir.path().join("b.txt"),
            text.replace("mindfuture", "qqzord"),
        )
        .unwrap();
        let paths = [dir.path().to_path_buf()];
        let cache = CacheMode::At(dir.path().join("cache").join("c.bin"));
        let (full, _) = Corpus::load_with(&paths, &cache);
        assert_eq!(full.meetings().len(), 1, "the readings are one meeting");
        for word in ["qqzord", "mindfuture", "direktionen"] {
            let query = Query::parse(word);
            let warm = Corpus::load_cached_matching(&paths, &cache, &query).expect("cached");
            assert_eq!(found(&warm, &query), found(&full, &query), "{word}");
        }
        assert!(found(&full, &Query::parse("qqzord")).is_empty());
        assert_eq!(found(&full, &Query::parse("mindfuture")).len(), 1);
    }

    #[test]
    fn a_cache_out_of_date_gives_no_answer() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.txt"), crate::corpus::BUNDLED[0].1).unwrap();
        let paths = [dir.path().to_path_buf()];
        let cache = CacheMode::At(dir.path().join("cache").join("c.bin"));
        let query = Query::parse("direktionen");
        assert!(
            Corpus::load_cached_matching(&paths, &cache, &query).is_none(),
            "no cache yet"
        );
        Corpus::load_with(&paths, &cache);
        assert!(Corpus::load_cached_matching(&paths, &cache, &query).is_some());
        std::fs::write(dir.path().join("b.txt"), crate::corpus::BUNDLED[1].1).unwrap();
        assert!(
            Corpus::load_cached_matching(&paths, &cache, &query).is_none(),
            "a file added"
        );
        Corpus::load_with(&paths, &cache);
        assert!(Corpus::load_cached_matching(&paths, &cache, &query).is_some());
        std::fs::remove_file(dir.path().join("a.txt")).unwrap();
        assert!(
            Corpus::load_cached_matching(&paths, &cache, &query).is_none(),
            "a file gone"
        );
    }
}
