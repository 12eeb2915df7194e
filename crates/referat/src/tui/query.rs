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

/// [`edit_query`] for a popup's query that reopens selected, as a search
/// box does: while `selected`, the first editing key replaces the whole
/// query (a typed character starts a new one) and any key ends the
/// selection, so Enter reuses the query as it was.
pub fn edit_selected_query(query: &mut String, selected: &mut bool, action: Action) -> bool {
    let was_selected = std::mem::take(selected);
    let edits = matches!(
        action,
        Action::Input(_) | Action::Backspace | Action::DeleteWord | Action::ClearInput
    );
    if was_selected && edits {
        query.clear();
        if let Action::Input(c) = action {
            query.push(c);
        }
        return true;
    }
    edit_query(query, action)
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

    #[test]
    fn a_selected_query_is_replaced_by_typing_and_kept_by_anything_else() {
        let (mut query, mut selected) = (String::from("hjemmearbejde"), true);
        assert!(edit_selected_query(
            &mut query,
            &mut selected,
            Action::Input('k')
        ));
        assert_eq!((query.as_str(), selected), ("k", false));
        assert!(edit_selected_query(
            &mut query,
            &mut selected,
            Action::Input('v')
        ));
        assert_eq!(query, "kv", "no longer selected: typing appends");
        let (mut query, mut selected) = (String::from("budget"), true);
        assert!(!edit_selected_query(
            &mut query,
            &mut selected,
            Action::Down
        ));
        assert_eq!((query.as_str(), selected), ("budget", false));
        let (mut query, mut selected) = (String::from("budget"), true);
        assert!(edit_selected_query(
            &mut query,
            &mut selected,
            Action::Backspace
        ));
        assert_eq!(query, "", "Backspace on a selection clears it");
    }
}
