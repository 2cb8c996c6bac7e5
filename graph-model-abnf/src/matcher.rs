//! Runs a [`Grammar`] over an input the way a recursive-descent ABNF parser
//! does: the first alternative that matches wins, repetitions are greedy
//! and never give back, a failed piece consumes nothing. Results are kept
//! per rule and position, so no rule is matched twice at one place (input
//! that makes plain backtracking exponential, such as nested `cast(`,
//! stays linear).
//!
//! A rule with a role (a name list, [`Roles`]) matches only when the text it
//! matched is one of the names: how a grammar that cannot tell an entity set
//! from a function by syntax is run against a model.
//!
//! The error position is the furthest the input was matched by any piece,
//! including pieces of alternatives that were given up: the end of the
//! longest prefix that might still have led somewhere.

use std::collections::{HashMap, HashSet};

use crate::cursor::Cursor;
use crate::grammar::{Grammar, Node};

/// A rule implemented in Rust: matches at the cursor, or fails.
pub type NativeFn = fn(&mut Cursor) -> bool;

/// A rule match in a trace: rule, start, end.
pub type Traced = (usize, usize, usize);

/// How deeply rules may nest (each parenthesis of an expression is two).
pub const MAX_DEPTH: usize = 400;

/// One run of a grammar over one input, with its memo of rule matches.
pub struct Matcher<'a> {
    grammar: &'a Grammar,
    natives: &'a [(&'static str, NativeFn)],
    roles: Vec<Option<&'a HashSet<String>>>,
    text: &'a str,
    /// The furthest position any piece matched to.
    pub far: usize,
    /// Set when [`MAX_DEPTH`] was reached.
    pub too_deep: bool,
    memo: HashMap<(usize, usize), Option<usize>>,
    depth: usize,
    /// When tracing: every rule match that is part of the result, as
    /// (rule, start, end), children before their parent.
    trace: Option<Vec<Traced>>,
    /// The trace of each successful memoised match, to replay on a hit.
    traced: HashMap<(usize, usize), Vec<Traced>>,
}

impl<'a> Matcher<'a> {
    /// A matcher of `grammar` over `text`: `natives` supplies the rules the
    /// grammar leaves out, `roles` (by lower-case rule name) the names a
    /// rule may match.
    pub fn new(
        grammar: &'a Grammar,
        natives: &'a [(&'static str, NativeFn)],
        roles: &'a HashMap<String, HashSet<String>>,
        text: &'a str,
    ) -> Self {
        let roles = grammar
            .names
            .iter()
            .map(|n| roles.get(&n.to_ascii_lowercase()))
            .collect();
        Self {
            grammar,
            natives,
            roles,
            text,
            far: 0,
            too_deep: false,
            memo: HashMap::new(),
            depth: 0,
            trace: None,
            traced: HashMap::new(),
        }
    }

    /// Records the rule matches of the result ([`Matcher::take_trace`]).
    pub fn tracing(mut self) -> Self {
        self.trace = Some(Vec::new());
        self
    }

    /// The rule matches of the result, children before their parent.
    pub fn take_trace(&mut self) -> Vec<Traced> {
        self.trace.take().unwrap_or_default()
    }

    /// Where rule `r` matched from `pos` to, if it did.
    pub fn rule(&mut self, r: usize, pos: usize) -> Option<usize> {
        if let Some(&known) = self.memo.get(&(r, pos)) {
            if let (Some(trace), Some(_)) = (&mut self.trace, known) {
                trace.extend_from_slice(&self.traced[&(r, pos)]);
            }
            return known;
        }
        let mark = self.trace.as_ref().map_or(0, Vec::len);
        if self.depth >= MAX_DEPTH {
            self.too_deep = true;
            return None;
        }
        self.depth += 1;
        let grammar = self.grammar;
        let mut end = self.node(&grammar.rules[r], pos);
        self.depth -= 1;
        if let (Some(e), Some(names)) = (end, self.roles[r]) {
            let text = self.text.get(pos..e).unwrap_or_default();
            if !names.contains(text) {
                end = None;
            }
        }
        self.memo.insert((r, pos), end);
        if let Some(trace) = &mut self.trace {
            match end {
                Some(e) => {
                    trace.push((r, pos, e));
                    self.traced.insert((r, pos), trace[mark..].to_vec());
                }
                None => trace.truncate(mark),
            }
        }
        end
    }

    /// Native rule `n` at `pos`.
    pub fn native(&mut self, n: usize, pos: usize) -> Option<usize> {
        let mut c = Cursor::new(self.text);
        c.pos = pos;
        let matched = (self.natives[n].1)(&mut c);
        self.far = self.far.max(c.far);
        matched.then(|| self.reached(c.pos))
    }

    fn reached(&mut self, end: usize) -> usize {
        self.far = self.far.max(end);
        end
    }

    /// A piece at `pos`; a failed piece leaves no trace.
    fn node(&mut self, node: &Node, pos: usize) -> Option<usize> {
        let mark = self.trace.as_ref().map(Vec::len);
        let end = self.piece(node, pos);
        if let (None, Some(mark), Some(trace)) = (end, mark, &mut self.trace) {
            trace.truncate(mark);
        }
        end
    }

    fn piece(&mut self, node: &Node, pos: usize) -> Option<usize> {
        let bytes = self.text.as_bytes();
        match node {
            Node::Alt(alts) => alts.iter().find_map(|a| self.node(a, pos)),
            Node::Seq(items) => items.iter().try_fold(pos, |p, n| self.node(n, p)),
            Node::Rep { min, max, node } => {
                let (mut p, mut n) = (pos, 0);
                while n < *max {
                    match self.node(node, p) {
                        // An empty match would repeat forever.
                        Some(q) if q == p => {
                            n = (*min).max(n + 1);
                            break;
                        }
                        Some(q) => {
                            p = q;
                            n += 1;
                        }
                        None => break,
                    }
                }
                (n >= *min).then_some(p)
            }
            Node::Lit { bytes: lit, exact } => {
                let end = pos + lit.len();
                let found = bytes.get(pos..end)?;
                let same = if *exact {
                    found == lit.as_slice()
                } else {
                    found.eq_ignore_ascii_case(lit)
                };
                same.then(|| self.reached(end))
            }
            Node::Range(lo, hi) => {
                let b = *bytes.get(pos)?;
                (*lo..=*hi).contains(&b).then(|| self.reached(pos + 1))
            }
            Node::Rule(r) => self.rule(*r, pos),
            Node::Native(n) => self.native(*n, pos),
        }
    }
}
