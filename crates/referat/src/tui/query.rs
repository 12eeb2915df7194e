//! The editing keys every text prompt shares: the finder's, full-text
//! search's and the detail pane's `/`.

use super::action::Action;

/// The editing keys of every text prompt (the finder, full-text search and
/// the detail's `/`): applies `action` to `query` and returns whether it was
/// one of them.
pub fn edit_query(query: &mut String, action: Action) -> bool {
    match action {
        Action::Input(c) => query.push(c),
        Action::Backspace => {
            query.pop();
        }
        Action::DeleteWord => delete_word(query),
        Action::ClearInput => query.clear(),
        _ => return false,
    }
    true
}

/// Ctrl-w: drops the last word (and the spaces after it).
fn delete_word(query: &mut String) {
    let trimmed = query.trim_end().len();
    query.truncate(trimmed);
    let cut = query.rfind(' ').map_or(0, |i| i + 1);
    query.truncate(cut);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prompts_edit_by_char_word_and_whole() {
        let mut query = String::from("nyt rådhus ");
        assert!(edit_query(&mut query, Action::DeleteWord));
        assert_eq!(query, "nyt ");
        assert!(edit_query(&mut query, Action::Input('x')));
        assert!(edit_query(&mut query, Action::Backspace));
        assert_eq!(query, "nyt ");
        assert!(edit_query(&mut query, Action::ClearInput));
        assert_eq!(query, "");
        assert!(!edit_query(&mut query, Action::Enter), "not an editing key");
    }
}
