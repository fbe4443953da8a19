//! Topics as a tree: the order the admin shows them in (parents first, each
//! child indented under its parent), and the topics under a topic, which may
//! not become its parent.

use std::collections::HashSet;

use herald_core::{Term, TermId};

/// Deeper levels are shown at this depth.
const MAX_DEPTH: usize = 32;

/// Topics as a tree, depth first, siblings by name; a topic whose parent is
/// missing is a root, and so is a topic caught in a (stored) loop, so that
/// every topic is listed exactly once.
pub fn topic_tree(topics: &[Term]) -> Vec<(usize, &Term)> {
    let known = |id: Option<TermId>| id.is_some_and(|id| topics.iter().any(|t| t.id == id));
    let children =
        |parent: TermId| by_name(topics.iter().filter(|t| t.parent == Some(parent)).collect());
    let roots = by_name(topics.iter().filter(|t| !known(t.parent)).collect());
    let everything = by_name(topics.iter().collect());
    let mut seen: HashSet<TermId> = HashSet::new();
    let mut out: Vec<(usize, &Term)> = Vec::with_capacity(topics.len());
    for start in roots.into_iter().chain(everything) {
        let mut stack = vec![(0, start)];
        while let Some((depth, topic)) = stack.pop() {
            if !seen.insert(topic.id) {
                continue;
            }
            out.push((depth, topic));
            let depth = (depth + 1).min(MAX_DEPTH);
            stack.extend(children(topic.id).into_iter().rev().map(|t| (depth, t)));
        }
    }
    out
}

/// `terms` by name, then id.
fn by_name(mut terms: Vec<&Term>) -> Vec<&Term> {
    terms.sort_by(|a, b| a.name.cmp(&b.name).then(a.id.cmp(&b.id)));
    terms
}

/// `id` and every topic below it.
pub fn with_descendants(topics: &[Term], id: TermId) -> HashSet<TermId> {
    let mut found = HashSet::from([id]);
    let mut queue = vec![id];
    while let Some(parent) = queue.pop() {
        for child in topics.iter().filter(|t| t.parent == Some(parent)) {
            if found.insert(child.id) {
                queue.push(child.id);
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use herald_core::Taxonomy;

    use super::*;

    fn topic(id: TermId, name: &str, parent: Option<TermId>) -> Term {
        Term {
            id,
            language: "en".into(),
            taxonomy: Taxonomy::Topic,
            slug: name.to_lowercase(),
            name: name.into(),
            description: String::new(),
            parent,
        }
    }

    #[test]
    fn parents_come_first_and_children_are_indented() {
        let topics = [
            topic(1, "Water", Some(3)),
            topic(2, "Economy", None),
            topic(3, "Environment", None),
            topic(4, "Rain", Some(1)),
            topic(5, "Orphan", Some(99)),
        ];
        let tree: Vec<(usize, &str)> = topic_tree(&topics)
            .into_iter()
            .map(|(depth, t)| (depth, t.name.as_str()))
            .collect();
        assert_eq!(
            tree,
            [
                (0, "Economy"),
                (0, "Environment"),
                (1, "Water"),
                (2, "Rain"),
                (0, "Orphan")
            ]
        );
    }

    #[test]
    fn a_stored_loop_ends() {
        let topics = [topic(1, "A", Some(2)), topic(2, "B", Some(1))];
        let tree: Vec<(usize, TermId)> = topic_tree(&topics)
            .into_iter()
            .map(|(depth, t)| (depth, t.id))
            .collect();
        assert_eq!(tree, [(0, 1), (1, 2)], "each topic once, none lost");
        assert_eq!(with_descendants(&topics, 1), HashSet::from([1, 2]));
    }

    #[test]
    fn descendants_are_every_level_below() {
        let topics = [
            topic(1, "Environment", None),
            topic(2, "Water", Some(1)),
            topic(3, "Rain", Some(2)),
            topic(4, "Economy", None),
        ];
        assert_eq!(with_descendants(&topics, 1), HashSet::from([1, 2, 3]));
        assert_eq!(with_descendants(&topics, 3), HashSet::from([3]));
    }
}
