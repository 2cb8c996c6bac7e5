//! rustfmt judges the layout: random expressions of the shapes the
//! emitters write, through [`Writer`] at several indents as statements,
//! constants, fields and match arms, must come out of rustfmt unchanged.
//! (The layout rules cover those shapes only: a `let` of a method chain,
//! or a call whose single argument is a call, is not among them.)

use super::layout::{atom, call, generic, turbofish, Expr};
use super::writer::{string_literal, Writer};

/// A small deterministic generator (xorshift), so a failure reproduces.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn ident(&mut self) -> String {
        let len = [1, 3, 8, 15, 30, 45][self.below(6)];
        let mut s = String::from("v");
        while s.len() < len {
            s.push(char::from(b'a' + self.below(26) as u8));
            if self.below(7) == 0 {
                s.push('_');
            }
        }
        s.trim_end_matches('_').to_string()
    }

    fn atom(&mut self) -> Expr {
        match self.below(5) {
            0 => atom(string_literal(
                &"s".repeat([0, 5, 20, 50, 70, 90][self.below(6)]),
            )),
            1 => atom(self.below(100_000).to_string()),
            2 => atom(format!("self.{}", self.ident())),
            3 => atom(format!(
                "::{}::{}::{}",
                self.ident(),
                self.ident(),
                self.ident()
            )),
            _ => atom(self.ident()),
        }
    }

    /// The expressions the emitters write: calls of atoms (one of three
    /// may be `Some(atom)`), `path::call(a, b)`,
    /// atoms (and, as statements, `w.field(..);`).
    fn expr(&mut self) -> Expr {
        let args = |r: &mut Rng| (0..r.below(4)).map(|_| r.atom()).collect();
        match self.below(7) {
            0 => {
                let callee = format!("{}::{}", self.ident(), self.ident());
                call(callee, args(self))
            }
            1 => call(self.ident(), args(self)),
            2 => call(
                format!("::{}::{}::{}", self.ident(), self.ident(), self.ident()),
                vec![self.atom(), self.atom()],
            ),
            3 => call(
                self.ident(),
                vec![self.atom(), atom(format!("&self.{}", self.ident()))],
            ),
            4 => call(self.ident(), vec![self.atom()]),
            5 => {
                let typed = call("Some", vec![self.atom()]);
                call(self.ident(), vec![atom("v"), typed, atom("s")])
            }
            _ => self.atom(),
        }
    }

    /// A constant's array: numbers, atoms, or pairs of strings.
    fn array(&mut self) -> Expr {
        let n = self.below(14);
        Expr::ArrayRef(match self.below(3) {
            0 => (0..n)
                .map(|_| atom(format!("{}i64", self.below(3000))))
                .collect(),
            1 => (0..n).map(|_| self.atom()).collect(),
            _ => (0..n)
                .map(|_| {
                    let a = "a".repeat(self.below(40));
                    let b = "b".repeat(self.below(60));
                    Expr::Tuple(vec![atom(string_literal(&a)), atom(string_literal(&b))])
                })
                .collect(),
        })
    }

    fn ty(&mut self, depth: usize) -> Expr {
        let name = format!("::{}::{}", self.ident(), self.ident());
        if depth == 0 || self.below(3) == 0 {
            return atom(name);
        }
        let n = 1 + self.below(2);
        generic(name, (0..n).map(|_| self.ty(depth - 1)).collect())
    }
}

#[test]
fn rustfmt_leaves_random_layouts_unchanged() {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut w = Writer::default();
    for case in 0..1500 {
        let depth = 1 + rng.below(3);
        w.line(0, &format!("pub struct S{case} {{"));
        let ty = rng.ty(depth);
        w.assign(4, &format!("pub {}:", rng.ident()), &ty, ",");
        w.line(0, "}");
        w.line(0, &format!("impl T for S{case} {{"));
        let items = rng.array();
        w.assign(4, "const FIELDS: &'static [&'static str] =", &items, ";");
        let name = rng.atom();
        w.assign(4, "const TYPE_NAME: &'static str =", &name, ";");
        w.fn_open(
            4,
            &format!("fn f{case}<'de, A: ::graph_model::rt::serde::de::MapAccess<'de>>"),
            &["&mut self", "key: &str", "map: &mut A"],
            "Result<bool, A::Error>",
        );
        w.line(8, "{");
        let e = rng.atom();
        w.assign(12, "let x =", &e, ";");
        w.line(8, "}");
        let e = rng.expr();
        w.expr(8, &e, ";");
        let field = call(
            "w.field",
            vec![rng.atom(), atom(format!("&self.{}", rng.ident()))],
        );
        w.expr(8, &field, ";");
        // The fields as `slots`/`slots_mut` give them.
        let n = rng.below(30);
        let refs: Vec<Expr> = (0..n)
            .map(|_| atom(format!("&self.{}", rng.ident())))
            .collect();
        w.expr(8, &call("f", vec![Expr::ArrayRef(refs)]), ";");
        let refs: Vec<Expr> = (0..n)
            .map(|_| atom(format!("&mut self.{}", rng.ident())))
            .collect();
        let extra = atom(format!("&mut self.{}", rng.ident()));
        w.expr(8, &call("f", vec![Expr::ArrayMut(refs), extra]), ";");
        w.line(8, "match key {");
        for _ in 0..3 {
            let pat = match rng.below(3) {
                0 => string_literal(&"k".repeat(rng.below(80))),
                1 => format!("Self::{}(v)", rng.ident()),
                _ => rng.below(100).to_string(),
            };
            let body = if rng.below(4) == 0 {
                // A turbofish whose one line is longer than the block's
                // line is where rustfmt's choice is not modelled (it keeps
                // some on one line, breaks others); the registry's real ones
                // are checked on all of v1.0 and beta (tests/tests/
                // codegen_real_metadata.rs).
                let path = format!("{}::{}", rng.ident(), rng.ident());
                let f = turbofish(
                    format!("::{}::{}", rng.ident(), rng.ident()),
                    vec![atom(path)],
                );
                if f.flat().len() <= 84 {
                    f
                } else {
                    rng.expr()
                }
            } else {
                rng.expr()
            };
            w.arm(12, &pat, &body);
        }
        w.line(12, "_ => return Ok(false),");
        w.line(8, "}");
        let tail = rng.expr();
        w.expr(8, &tail, "");
        w.line(4, "}");
        w.line(0, "}");
    }
    if let Some(dir) = std::env::var_os("LAYOUT_CHECK_DUMP") {
        let _ = std::fs::write(std::path::Path::new(&dir).join("written.rs"), &w.out);
    }
    if let Err(diff) = super::check_rustfmt(&w.out) {
        panic!("rustfmt would change the layout:\n{diff}");
    }
}
