//! Property tests of the query layer: any expression of operators,
//! parentheses, `not`, negation, literals and calls parses; its canonical
//! form parses to the same canonical form; and both evaluate to the same
//! verdict on the same item — the writer's parentheses keep the meaning the
//! parser gave it.

use graph_model_odata::query::{self, eval, Bound, Dialect, Expr, ExprKind, Literal, UnaryOp};
use graph_model_tools::validate::bundled_model;
use proptest::prelude::*;
use serde_json::json;

fn arith() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        Just("a".to_string()),
        Just("b".to_string()),
        Just("c".to_string()),
        (0i64..50).prop_map(|n| n.to_string()),
        (1i64..9).prop_map(|n| format!("-{n}")),
        Just("length(s)".to_string()),
    ];
    leaf.prop_recursive(4, 24, 2, |inner| {
        prop_oneof![
            (
                inner.clone(),
                prop::sample::select(vec!["add", "sub", "mul"]),
                inner.clone()
            )
                .prop_map(|(l, op, r)| format!("{l} {op} {r}")),
            inner.clone().prop_map(|e| format!("({e})")),
            inner.prop_map(|e| format!("-({e})")),
        ]
    })
}

fn boolean() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        (
            arith(),
            prop::sample::select(vec!["eq", "ne", "gt", "ge", "lt", "le"]),
            arith()
        )
            .prop_map(|(l, op, r)| format!("{l} {op} {r}")),
        Just("t".to_string()),
        Just("startswith(s,'it''')".to_string()),
        Just("s eq 'it''s'".to_string()),
        Just("contains(tolower(s),'t')".to_string()),
        (arith(), arith()).prop_map(|(x, y)| format!("{x} in ({y},3,-1)")),
    ];
    leaf.prop_recursive(4, 24, 2, |inner| {
        prop_oneof![
            (
                inner.clone(),
                prop::sample::select(vec!["and", "or"]),
                inner.clone()
            )
                .prop_map(|(l, op, r)| format!("{l} {op} {r}")),
            inner.clone().prop_map(|e| format!("({e})")),
            inner.prop_map(|e| format!("not ({e})")),
        ]
    })
}

/// The tree as a fully parenthesised S-expression: spans and the writer
/// play no part in it.
fn tree(e: &Expr) -> String {
    match &e.kind {
        ExprKind::Literal(Literal::String(s)) => format!("'{s}'"),
        ExprKind::Literal(Literal::Integer(t) | Literal::Decimal(t)) => t.clone(),
        ExprKind::Literal(l) => format!("{l:?}"),
        ExprKind::Path { root, segments } => {
            let mut parts: Vec<&str> = root.iter().map(|r| r.name.as_str()).collect();
            parts.extend(segments.iter().map(|s| s.name.as_str()));
            parts.join("/")
        }
        ExprKind::Unary(UnaryOp::Not, x) => format!("(not {})", tree(x)),
        ExprKind::Unary(UnaryOp::Negate, x) => format!("(neg {})", tree(x)),
        ExprKind::Binary(op, l, r) => format!("({} {} {})", op.name(), tree(l), tree(r)),
        ExprKind::In(l, items) => {
            format!(
                "(in {} {})",
                tree(l),
                items.iter().map(tree).collect::<Vec<_>>().join(" ")
            )
        }
        ExprKind::Call(name, args) => {
            format!(
                "({name} {})",
                args.iter().map(tree).collect::<Vec<_>>().join(" ")
            )
        }
        other => format!("{other:?}"),
    }
}

fn verdict(q: query::Query) -> serde_json::Value {
    let model = bundled_model();
    let ty = model.ids().next().expect("a type");
    let bound = Bound {
        model,
        ty,
        collection: true,
        query: q,
        warnings: Vec::new(),
        include_unknown_enum_members: false,
    };
    let items = json!([
        {"a": 3, "b": -2, "c": 7, "s": "it's", "t": true},
        {"a": 0, "b": 5, "c": -1, "s": "bit", "t": false},
        {"a": 12, "b": 12, "c": 1, "s": "it'", "t": true}
    ]);
    eval(&bound, &items).expect("evaluates")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn canonical_form_keeps_the_meaning(filter in boolean()) {
        let text = format!("$filter={filter}");
        let first = query::parse(&text, Dialect::STANDARD).map_err(|e| TestCaseError::fail(format!("{text}: {e}")))?;
        let canonical = first.to_canonical();
        let again = query::parse(&canonical, Dialect::STANDARD).map_err(|e| TestCaseError::fail(format!("{canonical}: {e}")))?;
        prop_assert_eq!(again.to_canonical(), canonical.clone());
        let (a, b) = (first.filter.as_ref().map(tree), again.filter.as_ref().map(tree));
        prop_assert_eq!(a, b, "{} vs {}", text, canonical);
        prop_assert_eq!(verdict(first), verdict(again), "{} vs {}", text, canonical);
    }
}
