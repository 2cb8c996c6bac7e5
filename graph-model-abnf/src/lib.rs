//! # graph-model-abnf
//!
//! A small ABNF (RFC 5234, with RFC 7405's `%s"…"`) grammar reader and a
//! memoising recursive-descent matcher, as `graph-model-odata` runs the
//! OData ABNF with it: the first alternative that matches wins,
//! repetitions are greedy, rules can be restricted to lists of names
//! ("roles"), and rules the grammar leaves out are supplied as native Rust
//! functions over a [`Cursor`].
//!
//! ```
//! use graph_model_abnf::{Grammar, Matcher};
//! let g = Grammar::read("greeting = \"hi\" 1*SP name\nname = 1*%x61-7A\nSP = %x20\n", &[])?;
//! let roles = Default::default();
//! let mut m = Matcher::new(&g, &[], &roles, "HI  there");
//! assert_eq!(m.rule(g.rule("greeting").unwrap(), 0), Some(9));
//! # Ok::<(), graph_model_abnf::GrammarError>(())
//! ```

#![warn(missing_docs)]

mod cursor;
mod grammar;
mod matcher;

pub use cursor::Cursor;
pub use grammar::{Grammar, GrammarError, Node};
pub use matcher::{Matcher, NativeFn, Traced, MAX_DEPTH};
