//! The jump list, as in vim and helix: every jump (the finder, a full-text
//! hit, the timeline, a decision jump from a list) records where the reader
//! was, and `Ctrl-o` goes back to it, the forward key forward again.
//!
//! Places are kept by meeting id ([`MeetingId`]), so they stay right while
//! more meetings arrive or the folder is read again; a place whose meeting
//! has gone is skipped when it comes up.

use super::app::Focus;
use referat_core::corpus::MeetingId;

/// How many places the list keeps; the oldest go first.
const LIMIT: usize = 100;

/// Where the reader is: the meeting, the item, how far its text is
/// scrolled and which pane has the focus.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    /// The meeting, by identity.
    pub meeting: MeetingId,
    /// The item's index in the meeting.
    pub item: usize,
    /// The detail pane's first line.
    pub scroll: usize,
    /// The focused pane.
    pub focus: Focus,
}

/// Places to go back and forward to.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct JumpList {
    back: Vec<Place>,
    forward: Vec<Place>,
}

impl JumpList {
    /// Records `from`, the place a jump leaves. A new jump ends the way
    /// forward, as in vim.
    pub fn record(&mut self, from: Place) {
        if self.back.last() != Some(&from) {
            self.back.push(from);
            if self.back.len() > LIMIT {
                self.back.remove(0);
            }
        }
        self.forward.clear();
    }

    /// The place before `here`, if any; `here` becomes the way forward.
    /// `usable` says whether a place can still be shown; those that cannot
    /// are dropped.
    pub fn back(&mut self, here: Place, usable: impl Fn(&Place) -> bool) -> Option<Place> {
        let to = pop_usable(&mut self.back, &usable)?;
        self.forward.push(here);
        Some(to)
    }

    /// The place `back` left, if any; `here` goes on the way back.
    pub fn forward(&mut self, here: Place, usable: impl Fn(&Place) -> bool) -> Option<Place> {
        let to = pop_usable(&mut self.forward, &usable)?;
        self.back.push(here);
        Some(to)
    }
}

/// The last usable place of `places`, dropping those after it that are not.
fn pop_usable(places: &mut Vec<Place>, usable: &impl Fn(&Place) -> bool) -> Option<Place> {
    while let Some(place) = places.pop() {
        if usable(&place) {
            return Some(place);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use referat_core::Corpus;

    fn places() -> Vec<Place> {
        let corpus = Corpus::bundled();
        (0..3)
            .map(|i| Place {
                meeting: corpus.id_at(i).unwrap(),
                item: i,
                scroll: i * 10,
                focus: Focus::Detail,
            })
            .collect()
    }

    #[test]
    fn back_and_forward_retrace_the_jumps_and_a_new_jump_ends_the_way_forward() {
        let [a, b, c] = places()[..] else { panic!() };
        let mut jumps = JumpList::default();
        let all = |_: &Place| true;
        jumps.record(a); // a → b
        jumps.record(b); // b → c
        assert_eq!(jumps.back(c, all), Some(b));
        assert_eq!(jumps.back(b, all), Some(a));
        assert_eq!(jumps.back(a, all), None, "nothing before the first");
        assert_eq!(jumps.forward(a, all), Some(b));
        assert_eq!(jumps.forward(b, all), Some(c));
        assert_eq!(jumps.forward(c, all), None);
        jumps.back(c, all);
        jumps.record(b); // from b, a new jump elsewhere
        assert_eq!(jumps.forward(a, all), None, "the way forward is gone");
    }

    #[test]
    fn places_that_can_no_longer_be_shown_are_skipped() {
        let [a, b, c] = places()[..] else { panic!() };
        let mut jumps = JumpList::default();
        jumps.record(a);
        jumps.record(b);
        assert_eq!(jumps.back(c, |p| *p != b), Some(a));
    }
}
