//! Duplicate detection in one pass: each value's first index, found by a scan while there are
//! few, by hashing once there are many (linear time on any input).

use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::hash::Hash;

/// Up to this many keys are scanned, not hashed: most lists are short, and a scan of a few
/// costs less than hashing one, and allocates nothing.
const FEW: usize = 16;

/// The first index at which each key was seen.
pub(crate) struct FirstSeen<K> {
    /// The first keys, in the order seen, until [`FEW`] of them.
    few: [Option<(K, usize)>; FEW],
    /// Every key, once there are more than [`FEW`].
    many: HashMap<K, usize>,
}

impl<K: Hash + Eq + Copy> FirstSeen<K> {
    pub(crate) fn new() -> Self {
        Self {
            few: [None; FEW],
            many: HashMap::new(),
        }
    }

    /// The index of the first item with `key`, when the item at `index` repeats it; otherwise
    /// records `index` as the first.
    pub(crate) fn earlier(&mut self, key: K, index: usize) -> Option<usize> {
        if self.many.is_empty() {
            for slot in &mut self.few {
                match slot {
                    Some((seen, first)) if *seen == key => return Some(*first),
                    Some(_) => {}
                    None => {
                        *slot = Some((key, index));
                        return None;
                    }
                }
            }
            self.many.extend(self.few.iter().flatten().copied());
        }
        match self.many.entry(key) {
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

    #[test]
    fn many_keys_are_found_as_few_are() {
        let mut seen = FirstSeen::new();
        let keys = (0..100).chain(0..100);
        let found: Vec<Option<usize>> = keys
            .enumerate()
            .map(|(index, key)| seen.earlier(key, index))
            .collect();
        let expected: Vec<Option<usize>> =
            (0..100).map(|_| None).chain((0..100).map(Some)).collect();
        assert_eq!(found, expected);
    }
}
