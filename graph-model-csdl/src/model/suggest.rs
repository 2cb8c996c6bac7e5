//! "Did you mean": the closest name to a misspelt one.

/// The candidate nearest to `name` (case-insensitive edit distance), if it
/// is near enough to be a likely misspelling: at most a third of the
/// length, and at least 2, edits away. Ties go to the first candidate.
pub fn closest<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let limit = (name.chars().count() / 3).max(2);
    let wanted: Vec<char> = name.to_lowercase().chars().collect();
    let mut best: Option<(usize, &'a str)> = None;
    for c in candidates {
        let d = distance(&wanted, &c.to_lowercase().chars().collect::<Vec<_>>());
        if d <= limit && best.is_none_or(|(b, _)| d < b) {
            best = Some((d, c));
        }
    }
    best.map(|(_, c)| c)
}

/// Levenshtein distance, one row at a time.
fn distance(a: &[char], b: &[char]) -> usize {
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (diagonal + usize::from(ca != cb))
                .min(above + 1)
                .min(row[j] + 1);
            diagonal = above;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn near_names_only() {
        let names = ["manager", "messages", "memberOf"];
        assert_eq!(closest("managr", names), Some("manager"));
        assert_eq!(closest("Messages", names), Some("messages"));
        assert_eq!(closest("photo", names), None);
        assert_eq!(closest("filez", ["files", "status"]), Some("files"));
    }
}
