//! Folding text for the finder so that `ae`/`oe`/`aa` and `æ`/`ø`/`å` meet.
//!
//! nucleo normalises `ø`→`o` and `å`→`a` but leaves `æ`, and switches
//! normalisation off for a word as soon as it contains a non-ASCII letter. A
//! Danish reader types `kobenhavn`, `koebenhavn` or `København` and expects the
//! same hits, so the finder folds both haystack and query itself, by the
//! crate's one rule ([`referat_core::fold`], which full-text search uses too), and
//! hands nucleo already-folded text. [`fold`] also returns, for
//! every folded char, the index of the original char it came from, so matched
//! positions can be highlighted on the text the user actually sees.

/// Text folded for matching, with a way back to the original characters.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Folded {
    /// The folded characters, one matcher position each.
    pub chars: Vec<char>,
    /// For each folded char, the index (in chars) of the original char it came from.
    pub origin: Vec<u32>,
}

/// Folds one char into `out` by the crate's one rule ([`referat_core::fold`]);
/// returns how many chars were pushed.
fn fold_char(c: char, out: &mut Vec<char>) -> usize {
    let before = out.len();
    referat_core::fold::fold_char(c, &mut |f| out.push(f));
    out.len() - before
}

/// Folds `text` for matching, keeping the origin of each folded char.
pub fn fold(text: &str) -> Folded {
    let mut folded = Folded::default();
    for (i, c) in text.chars().enumerate() {
        let n = fold_char(c, &mut folded.chars);
        folded.origin.extend(std::iter::repeat_n(i as u32, n));
    }
    folded
}

/// Folds `text` onto the end of `out`, without origins: what a haystack needs.
pub fn fold_into(text: &str, out: &mut Vec<char>) {
    for c in text.chars() {
        fold_char(c, out);
    }
}

/// Folds a finder query. The fzf-style operators (`'`, `^`, `!`, `$`, `\`,
/// spaces) are plain ASCII punctuation and pass through unchanged.
pub fn fold_query(query: &str) -> String {
    let mut out = Vec::with_capacity(query.len());
    fold_into(query, &mut out);
    out.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn danish_letters_fold_to_their_digraphs() {
        assert_eq!(fold_query("Ærø Å"), "aeroe aa");
        assert_eq!(fold_query("KØBENHAVN"), "koebenhavn");
        assert_eq!(fold_query("'exact ^pre !not$"), "'exact ^pre !not$");
    }

    #[test]
    fn the_ascii_fast_path_and_the_haystack_fold_agree_with_fold() {
        let text = "Punkt 6: KVARTERHUS Gadehavegård – Æblegården, Café\u{301} 24/24964 ÅRHUS";
        let mut chars = Vec::new();
        fold_into(text, &mut chars);
        assert_eq!(chars, fold(text).chars);
        let folded: String = chars.iter().collect();
        assert_eq!(
            folded,
            "punkt 6: kvarterhus gadehavegaard – aeblegaarden, cafe 24/24964 aarhus"
        );
    }

    #[test]
    fn the_finder_folds_as_full_text_search_does() {
        let text = "Müller, Café og Kvarterhus Gadehavegård";
        assert_eq!(fold_query(text), referat_core::fold::fold_str(text));
        assert_eq!(fold_query(text), referat_core::search::fold(text));
    }

    #[test]
    fn origin_maps_folded_chars_back() {
        let f = fold("Gadehavegård");
        let text: String = f.chars.iter().collect();
        assert_eq!(text, "gadehavegaard");
        // both `a`s of `aa` come from `å`, the 10th char (index 9)
        assert_eq!(f.origin[9], 9);
        assert_eq!(f.origin[10], 9);
        assert_eq!(f.origin[11], 10);
    }

    #[test]
    fn combining_marks_and_accents_fold_away() {
        let f = fold("Cafe\u{301} é");
        assert_eq!(f.chars.iter().collect::<String>(), "cafe e");
        assert_eq!(f.origin, vec![0, 1, 2, 3, 5, 6]);
    }
}
