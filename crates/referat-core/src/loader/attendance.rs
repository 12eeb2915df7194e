//! Lists of people in a header: who took part (`Deltagere`, `Mødedeltagere`,
//! `Medlemmer`) and who did not (`Fraværende`, `Afbud`).
//!
//! Publishing systems print a person with decorations the model does not keep:
//! a party tag (`Claus Ravn, V`, `Ditte Mørch, (A)`, `Anders Kvist (V)`), a role
//! (`Formand Jens Kristian Høyer (A)`), a substitution (`Tina Holm (A), Suppleant
//! for Ole Krogsgaard (A)`) or, for an absence, the items it covers (`Ole
//! Krogsgaard (A), sag 41-47`). A list is either one person a line, or names
//! separated by commas that may wrap anywhere, even inside a name; which one is
//! decided for the whole list, from whether any comma separates two names.

/// A person as a list names them, without decorations.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    /// The name alone, white space folded: a role (`Formand`), party tag,
    /// substitution and item range are not part of it.
    pub name: String,
    /// For an absence limited to some items (`sag 41-47`), the first and last.
    pub items: Option<(u32, u32)>,
}

/// Role words printed before a name.
const ROLES: [&str; 5] = [
    "formand",
    "næstformand",
    "borgmester",
    "viceborgmester",
    "rådmand",
];

/// The people in the lines of one list, in order.
pub fn people(lines: &[&str]) -> Vec<Person> {
    let lines: Vec<&str> = lines
        .iter()
        .map(|l| strip_bullet(l.trim()))
        .filter(|l| !l.is_empty())
        .collect();
    let one_a_line = lines
        .iter()
        .all(|line| line.split([',', ';']).skip(1).all(is_decoration));
    let pieces: Vec<String> = if one_a_line {
        lines.iter().map(|l| l.to_string()).collect()
    } else {
        // A decoration stays with the name before it, so `person` still sees
        // an absence's items.
        let mut pieces: Vec<String> = Vec::new();
        for piece in lines.join(" ").split([',', ';']).map(str::trim) {
            match pieces.last_mut() {
                Some(last) if is_decoration(piece) => {
                    last.push_str(", ");
                    last.push_str(piece);
                }
                _ => pieces.push(piece.to_string()),
            }
        }
        pieces
    };
    pieces.iter().filter_map(|p| person(p)).collect()
}

/// Whether a comma-separated piece belongs to the person before it rather than
/// naming another: a party tag, a substitution or an item range.
fn is_decoration(piece: &str) -> bool {
    let piece = piece.trim();
    piece.is_empty()
        || is_party_tag(piece.trim_start_matches('(').trim_end_matches(['.', ')']))
        || super::strip_prefix_fold(piece, "suppleant for").is_some()
        || item_range(piece).is_some()
        || ROLES.iter().any(|r| piece.eq_ignore_ascii_case(r))
}

/// `A`, `V`, `Ø`, `UP`: a party's letter or letters, in capitals.
fn is_party_tag(text: &str) -> bool {
    let count = text.chars().count();
    (1..=3).contains(&count) && text.chars().all(char::is_uppercase)
}

/// `sag 41-47`, `sag 42`, `punkt 3-5`: the items an absence covers.
fn item_range(piece: &str) -> Option<(u32, u32)> {
    let rest = ["sag ", "sager ", "punkt ", "punkter ", "pkt. "]
        .iter()
        .find_map(|p| super::strip_prefix_fold(piece.trim(), p))?;
    let rest = rest.trim().trim_end_matches('.');
    let (first, last) = match rest.split_once(['-', '–']) {
        Some((a, b)) => (a.trim(), b.trim()),
        None => (rest, rest),
    };
    Some((first.parse().ok()?, last.parse().ok()?))
}

/// One piece of a list as a person, or `None` when it is not a name (`Sager 41 -
/// 47`, a sentence).
fn person(piece: &str) -> Option<Person> {
    let mut items = None;
    let mut name = piece.trim().trim_end_matches('.');
    // Everything after the first comma decorates the name.
    if let Some((head, tail)) = name.split_once(',') {
        items = tail.split(',').find_map(item_range);
        name = head.trim();
    }
    if let Some((before, _)) = super::find_fold(name, " suppleant for") {
        name = before.trim();
    }
    // Trailing tags in parentheses: `(A)`, `(formand)`.
    while let Some(open) = name.rfind(" (")
        && name.ends_with(')')
    {
        name = name[..open].trim_end();
    }
    if let Some((first, rest)) = name.split_once(' ')
        && ROLES
            .iter()
            .any(|r| first.trim_end_matches(':').to_lowercase() == *r)
    {
        name = rest.trim();
    }
    // A table row (`Punkt<TAB>Titel`) is not a name.
    if name.contains('\t') {
        return None;
    }
    let words = name.split_whitespace().count();
    // A person is named by at least a first and a last name, each word
    // capitalised but for a few particles; a lone word under the label is a
    // table's column heading (`Punkt`, `Titel`), and `Godkendt som indstillet`
    // is a sentence.
    const PARTICLES: [&str; 6] = ["af", "von", "van", "de", "la", "du"];
    let looks_like_a_name = (2..=6).contains(&words)
        && name
            .split_whitespace()
            .all(|w| w.starts_with(char::is_uppercase) || PARTICLES.contains(&w))
        && name.starts_with(char::is_uppercase)
        && !name.chars().any(|c| c.is_ascii_digit() || c == ':');
    looks_like_a_name.then(|| Person {
        name: name.split_whitespace().collect::<Vec<_>>().join(" "),
        items,
    })
}

/// `• Anders Kvist`, `- Anders Kvist`, `1. Marcus Tranberg`: the name alone.
fn strip_bullet(line: &str) -> &str {
    let line = line
        .trim_start_matches(['•', '·', '*', '-', '–'])
        .trim_start();
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0
        && let Some(rest) = line[digits..].strip_prefix(". ")
    {
        return rest.trim_start();
    }
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(lines: &[&str]) -> Vec<String> {
        people(lines).into_iter().map(|p| p.name).collect()
    }

    #[test]
    fn comma_lists_wrap_anywhere_even_inside_a_name() {
        assert_eq!(
            names(&[
                "Lars Holte, Kathrine Seier",
                "Skastrup, Anya Krogh Manghezi"
            ]),
            [
                "Lars Holte",
                "Kathrine Seier Skastrup",
                "Anya Krogh Manghezi"
            ]
        );
    }

    #[test]
    fn one_a_line_with_party_tags_in_every_form() {
        assert_eq!(
            names(&[
                "Claus Ravn, V",
                "Ditte Mørch, (A)",
                " • Anders Kvist (V)",
                "Helle Rosenstand (UP)"
            ]),
            [
                "Claus Ravn",
                "Ditte Mørch",
                "Anders Kvist",
                "Helle Rosenstand"
            ]
        );
    }

    #[test]
    fn roles_and_substitutions_are_not_names() {
        assert_eq!(
            names(&[
                "Formand Jens Kristian Høyer (A)",
                "Tina Holm (A), Suppleant for Ole Krogsgaard (A)",
                "Åse Lindahl (formand)",
            ]),
            ["Jens Kristian Høyer", "Tina Holm", "Åse Lindahl"]
        );
    }

    #[test]
    fn an_absence_may_cover_some_items() {
        assert_eq!(
            people(&["Ole Krogsgaard (A), sag 41-47", "1. Marcus Tranberg, Ø"]),
            [
                Person {
                    name: "Ole Krogsgaard".into(),
                    items: Some((41, 47))
                },
                Person {
                    name: "Marcus Tranberg".into(),
                    items: None
                }
            ]
        );
    }

    #[test]
    fn lines_that_are_not_names_are_left_out() {
        assert!(names(&["Sager 41 - 47"]).is_empty());
        assert!(names(&["Punkt\tTitel"]).is_empty());
        assert!(names(&["Punkt", "Titel"]).is_empty());
        assert!(names(&["Godkendt som indstillet"]).is_empty());
        assert_eq!(
            names(&["Karen af Rosen.", "Ulrik Brask (V)."]),
            ["Karen af Rosen", "Ulrik Brask"]
        );
        assert!(names(&["mødet blev hævet kl. 17"]).is_empty());
        assert_eq!(
            people(&["Claus Ravn, V, Eva Lindemann, A, sag 3"]),
            [
                Person {
                    name: "Claus Ravn".into(),
                    items: None
                },
                Person {
                    name: "Eva Lindemann".into(),
                    items: Some((3, 3))
                }
            ]
        );
    }
}
