//! Duplicate detection in one pass: each value's first index, in a hash map.

use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::hash::Hash;

/// The first index at which each key was seen.
pub(crate) struct FirstSeen<K> {
    seen: HashMap<K, usize>,
}

impl<K: Hash + Eq> FirstSeen<K> {
    pub(crate) fn new() -> Self {
        Self {
            seen: HashMap::new(),
        }
    }

    /// The index of the first item with `key`, when the item at `index` repeats it; otherwise
    /// records `index` as the first.
    pub(crate) fn earlier(&mut self, key: K, index: usize) -> Option<usize> {
        match self.seen.entry(key) {
            Entry::Occupied(first) => Some(*first.get()),
            Entry::Vacant(slot) => {
                slot.insert(index);
                None
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::FirstSeen;

    #[test]
    fn repeats_name_their_first_index() {
        let mut seen = FirstSeen::new();
        let found: Vec<Option<usize>> = ["a", "b", "a", "a", "c", "b"]
            .iter()
            .enumerate()
            .map(|(index, key)| seen.earlier(*key, index))
            .collect();
        assert_eq!(found, [None, None, Some(0), Some(0), None, Some(1)]);
    }
}
