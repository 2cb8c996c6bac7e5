//! The query string: `&`-separated options (`;` inside `$expand`'s
//! parentheses), each system option parsed into [`Query`].

use std::ops::Range;

use super::ast::{ExpandItem, ExpandSuffix, Number, OrderBy, Query, Segment, SelectItem};
use super::expr::Parser;
use super::lexer::Tok;
use super::source::{hex_at, Source};
use super::{Dialect, QueryError};

type Result<T> = std::result::Result<T, QueryError>;

/// The system query options this parser knows, without `$`.
const SYSTEM: &[&str] = &[
    "filter",
    "orderby",
    "select",
    "expand",
    "top",
    "skip",
    "count",
    "search",
    "format",
    "levels",
    "skiptoken",
    "deltatoken",
    "apply",
    "compute",
    "index",
    "schemaversion",
    "id",
];

/// Parses a query string (what follows `?`; a leading `?` is skipped).
pub(crate) fn parse_query(raw: &str, dialect: Dialect) -> Result<Query> {
    let mut q = Query {
        dialect,
        ..Query::default()
    };
    let start = usize::from(raw.starts_with('?'));
    for part in split_raw(raw, start..raw.len(), b'&', dialect) {
        if part.is_empty() {
            continue;
        }
        let (name_range, value_range) = match raw[part.clone()].find('=') {
            Some(eq) => (part.start..part.start + eq, part.start + eq + 1..part.end),
            None => (part.clone(), part.end..part.end),
        };
        let name_src = Source::decode(raw, name_range.clone(), dialect.plus_is_space)?;
        let src = Source::decode(raw, value_range.clone(), dialect.plus_is_space)?;
        let has_value = value_range.start > name_range.end;
        let option = Opt {
            name: &name_src.text,
            name_span: name_range,
            has_value,
            src: &src,
            range: 0..src.text.len(),
        };
        apply(&mut q, option, false, dialect)?;
    }
    Ok(q)
}

/// One `name=value`.
struct Opt<'a> {
    name: &'a str,
    name_span: Range<usize>,
    has_value: bool,
    src: &'a Source,
    /// The value's decoded range in `src`.
    range: Range<usize>,
}

impl Opt<'_> {
    fn value(&self) -> &str {
        &self.src.text[self.range.clone()]
    }

    fn value_span(&self) -> Range<usize> {
        self.src.span(self.range.clone())
    }
}

fn apply(q: &mut Query, o: Opt, nested: bool, dialect: Dialect) -> Result<()> {
    let written = o.name;
    if let Some(alias) = written.strip_prefix('@') {
        if !matches!(crate::parse_rule("odataIdentifier", alias), Some(Ok(_))) {
            return Err(QueryError::new(
                o.name_span,
                "a parameter alias is `@` and an identifier (a letter or `_`, then letters, digits or `_`)",
            ));
        }
        let e = Parser::new(o.src, o.range.clone(), dialect).whole()?;
        q.aliases.push((alias.to_string(), e));
        return Ok(());
    }
    let bare = written.strip_prefix('$');
    let lookup = |n: &str| SYSTEM.iter().copied().find(|s| same_name(s, n, dialect));
    let system = match bare {
        Some(n) => match lookup(n) {
            Some(s) => s,
            None if lookup(n.trim_end()).is_some() => {
                let at = o.name_span.start + written.trim_end().len();
                return Err(QueryError::new(
                    at..o.name_span.end,
                    format!("a space before `=`: the option is `{}`", written.trim_end()),
                ));
            }
            None => {
                let mut e = QueryError::new(
                    o.name_span.clone(),
                    format!("unknown system query option `{written}`"),
                );
                e.suggestion = graph_model_csdl::model::suggest::closest(n, SYSTEM.iter().copied())
                    .map(|s| format!("${s}"));
                return Err(e);
            }
        },
        // OData 4.01 lets the `$` be left out; Graph (beta) does too.
        None if dialect.optional_dollar => match lookup(written) {
            Some(s) => s,
            None => return custom(q, o, nested),
        },
        None => return custom(q, o, nested),
    };
    if !o.has_value {
        return Err(QueryError::new(
            o.name_span.clone(),
            format!("`${system}` needs a value (`${system}=…`)"),
        ));
    }
    let twice = || {
        QueryError::new(
            o.name_span.clone(),
            format!("`${system}` is given more than once"),
        )
    };
    let parser = || Parser::new(o.src, o.range.clone(), dialect);
    match system {
        "filter" => {
            if q.filter.is_some() {
                return Err(twice());
            }
            q.filter = Some(parser().whole()?);
        }
        "orderby" => {
            if !q.orderby.is_empty() {
                return Err(twice());
            }
            q.orderby = orderby(parser())?;
        }
        "select" => {
            if !q.select.is_empty() {
                return Err(twice());
            }
            q.select = select(parser())?;
        }
        "expand" => {
            if !q.expand.is_empty() {
                return Err(twice());
            }
            q.expand = expand(o.src, o.range.clone(), dialect)?;
        }
        "top" | "skip" | "levels" => {
            let slot = match system {
                "top" => &mut q.top,
                "skip" => &mut q.skip,
                _ => &mut q.levels,
            };
            if slot.is_some() {
                return Err(twice());
            }
            if system == "levels" && !nested {
                return Err(QueryError::new(
                    o.name_span.clone(),
                    "`$levels` belongs inside an `$expand` item's parentheses",
                ));
            }
            let v = o.value();
            let value = if system == "levels" && v == "max" {
                u64::MAX
            } else if !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit()) {
                v.parse().map_err(|_| {
                    QueryError::new(
                        o.value_span(),
                        format!("`{v}` is too large for `${system}`"),
                    )
                })?
            } else {
                return Err(QueryError::new(
                    o.value_span(),
                    format!("`${system}` takes a non-negative integer, found `{v}`"),
                ));
            };
            *slot = Some(Number {
                value,
                span: o.value_span(),
            });
        }
        "count" => {
            if q.count.is_some() {
                return Err(twice());
            }
            let value = match o.value() {
                "true" => true,
                "false" => false,
                v => {
                    return Err(QueryError::new(
                        o.value_span(),
                        format!("`$count` takes `true` or `false`, found `{v}`"),
                    ))
                }
            };
            q.count = Some((value, o.value_span()));
        }
        "search" => {
            if q.search.is_some() {
                return Err(twice());
            }
            q.search = Some((o.value().to_string(), o.value_span()));
        }
        "format" => q.format = Some((o.value().to_string(), o.value_span())),
        other => q
            .tokens
            .push((format!("${other}"), o.value().to_string(), o.value_span())),
    }
    Ok(())
}

fn custom(q: &mut Query, o: Opt, nested: bool) -> Result<()> {
    if nested {
        return Err(QueryError::new(
            o.name_span.clone(),
            format!(
                "`{}` is not an option `$expand` can nest (`$filter`, `$select`, `$orderby`, `$top`, `$skip`, `$count`, `$search`, `$expand`, `$levels`)",
                o.name
            ),
        ));
    }
    q.custom
        .push((o.name.to_string(), o.value().to_string(), o.value_span()));
    Ok(())
}

/// `expr [asc|desc], ...`.
fn orderby(mut p: Parser) -> Result<Vec<OrderBy>> {
    let mut items = Vec::new();
    loop {
        let expr = p.expr()?;
        let t = p.peek().clone();
        let mut descending = false;
        if t.tok == Tok::Ident {
            match p.text(&t) {
                "asc" | "desc" if t.spaced => {
                    descending = p.text(&t) == "desc";
                    p.next();
                }
                w => {
                    return Err(QueryError::new(
                        p.span(&t),
                        format!("expected `asc`, `desc`, `,` or the end, found `{w}`"),
                    ))
                }
            }
        }
        items.push(OrderBy { expr, descending });
        if p.eat(Tok::Comma).is_none() {
            return list_end(&p, items, "$orderby");
        }
    }
}

/// A path of names separated by `/` (no spaces).
fn segments(p: &mut Parser) -> Result<Vec<Segment>> {
    let mut out = Vec::new();
    loop {
        let t = p.expect(Tok::Ident, "a property name")?;
        out.push(Segment {
            name: p.text(&t).to_string(),
            span: p.span(&t),
        });
        let slash = p.peek().tok == Tok::Slash;
        if !slash {
            return Ok(out);
        }
        // `/$ref`, `/$count` end an expand path; the caller reads them.
        if p.peek_at(1).tok != Tok::Ident {
            return Ok(out);
        }
        p.next();
    }
}

/// A path of names, or `*` (no segments); with where it starts and ends.
fn path_or_star(p: &mut Parser) -> Result<(Vec<Segment>, usize, usize)> {
    let start = p.span(p.peek()).start;
    let path = if p.eat(Tok::Star).is_some() {
        Vec::new()
    } else {
        segments(p)?
    };
    let end = path.last().map_or(start + 1, |s| s.span.end);
    Ok((path, start, end))
}

/// `name, a/b, ns.type/c, *`.
fn select(mut p: Parser) -> Result<Vec<SelectItem>> {
    let mut items = Vec::new();
    loop {
        let (path, start, end) = path_or_star(&mut p)?;
        items.push(SelectItem {
            path,
            span: start..end,
        });
        if p.eat(Tok::Comma).is_none() {
            return list_end(&p, items, "$select");
        }
    }
}

/// `nav, nav/$ref, nav($filter=...;$orderby=...), *`.
fn expand(src: &Source, range: Range<usize>, dialect: Dialect) -> Result<Vec<ExpandItem>> {
    let mut p = Parser::new(src, range, dialect);
    let mut items = Vec::new();
    loop {
        let (path, start, mut end) = path_or_star(&mut p)?;
        let mut suffix = None;
        if p.peek().tok == Tok::Slash {
            p.next();
            let t = p.expect(Tok::Dollar, "`$ref`, `$count` or a property name")?;
            suffix = Some(match p.text(&t) {
                "$ref" => ExpandSuffix::Ref,
                "$count" => ExpandSuffix::Count,
                other => {
                    return Err(QueryError::new(
                        p.span(&t),
                        format!("expected `$ref` or `$count`, found `{other}`"),
                    ))
                }
            });
            end = p.span(&t).end;
        }
        let mut options = Query {
            dialect,
            ..Query::default()
        };
        if let Some(open) = p.eat(Tok::Open) {
            let inner_start = open.range.end;
            let close = p.skip_to_close()?;
            let inner = inner_start..close.range.start;
            if inner.is_empty() {
                return Err(QueryError::new(
                    p.span(&open).start..p.span(&close).end,
                    "empty parentheses: give nested options, or leave the parentheses out",
                ));
            }
            for part in split_decoded(&src.text, inner, b';') {
                let text = &src.text[part.clone()];
                let (name, value, has_value) = match text.find('=') {
                    Some(eq) => (
                        part.start..part.start + eq,
                        part.start + eq + 1..part.end,
                        true,
                    ),
                    None => (part.clone(), part.end..part.end, false),
                };
                let o = Opt {
                    name: &src.text[name.clone()],
                    name_span: src.span(name),
                    has_value,
                    src,
                    range: value,
                };
                apply(&mut options, o, true, dialect)?;
            }
            end = p.span(&close).end;
        }
        items.push(ExpandItem {
            path,
            suffix,
            options,
            span: start..end,
        });
        if p.eat(Tok::Comma).is_none() {
            return list_end(&p, items, "$expand");
        }
    }
}

/// The end of a comma-separated option value.
fn list_end<T>(p: &Parser, items: Vec<T>, option: &str) -> Result<Vec<T>> {
    match p.peek().tok {
        Tok::End => Ok(items),
        _ => Err(p.expected(&format!("`,` or the end of `{option}`"))),
    }
}

/// The options of a query string: split at every `&`, except inside the
/// parentheses and string literals of an option whose value is an
/// expression (an alias, `$filter`, `$orderby`, `$select`, `$expand`,
/// `$compute`, `$apply`: what Graph's lenient reading lets hold a raw `&`);
/// a name is never an expression, and any other option's value is plain
/// text, where a `'` or `(` is only a character. The text is as written:
/// `%27`, `%28` and `%29` are the quote and parentheses they decode to (a
/// canonical query encodes its quotes), an encoded `%26` is never a
/// separator.
fn split_raw(raw: &str, range: Range<usize>, sep: u8, dialect: Dialect) -> Vec<Range<usize>> {
    let b = raw.as_bytes();
    split(raw, range.clone(), sep, true, |start| {
        let name_end = b[start..range.end]
            .iter()
            .position(|&c| c == b'=' || c == sep)
            .map_or(range.end, |i| start + i);
        let Ok(name) = Source::decode(raw, start..name_end, dialect.plus_is_space) else {
            return false;
        };
        holds_expression(&name.text, dialect)
    })
}

/// Whether the option `name` holds an expression, in `dialect`.
fn holds_expression(name: &str, dialect: Dialect) -> bool {
    if name.starts_with('@') {
        return true;
    }
    let bare = match name.strip_prefix('$') {
        Some(bare) => bare,
        None if dialect.optional_dollar => name,
        None => return false,
    };
    ["filter", "orderby", "select", "expand", "compute", "apply"]
        .iter()
        .any(|o| same_name(o, bare, dialect))
}

/// Whether an option's name is `name`, in the dialect's case rule.
fn same_name(name: &str, written: &str, dialect: Dialect) -> bool {
    if dialect.case_insensitive {
        name.eq_ignore_ascii_case(written)
    } else {
        name == written
    }
}

/// Ranges of `text[range]` between separators that are outside
/// parentheses and quotes.
fn split_decoded(text: &str, range: Range<usize>, sep: u8) -> Vec<Range<usize>> {
    split(text, range, sep, false, |_| true)
}

/// The parts of `text[range]` between separators; in a part whose start
/// makes `expression` true, separators inside parentheses and quotes
/// do not count. `query_string`: the text is a query string as written
/// (percent-encoded; each part `name=value`, where only the value can be
/// an expression).
fn split(
    text: &str,
    range: Range<usize>,
    sep: u8,
    query_string: bool,
    expression: impl Fn(usize) -> bool,
) -> Vec<Range<usize>> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut start = range.start;
    loop {
        let nested = start < range.end && expression(start);
        let end = separator(b, start..range.end, sep, nested, query_string);
        out.push(start..end);
        if end == range.end {
            return out;
        }
        start = end + 1;
    }
}

/// The first separator in `b[range]` (outside parentheses and quotes when
/// `nested`), or the end of the range. With `query_string`, a `%XX` counts
/// as the byte it stands for (and is never the separator), and nesting
/// starts after the part's first `=`.
fn separator(b: &[u8], range: Range<usize>, sep: u8, nested: bool, query_string: bool) -> usize {
    let (mut depth, mut quoted) = (0i32, false);
    let mut in_value = !query_string;
    let mut i = range.start;
    while i < range.end {
        let (c, width) = match (b[i], query_string) {
            (b'%', true) => match (hex_at(b, i + 1, range.end), hex_at(b, i + 2, range.end)) {
                (Some(h), Some(l)) => ((h * 16 + l) as u8, 3),
                _ => (b'%', 1),
            },
            (c, _) => (c, 1),
        };
        let nested = nested && in_value;
        match c {
            b'\'' if nested => quoted = !quoted,
            b'(' if nested && !quoted => depth += 1,
            b')' if nested && !quoted => depth -= 1,
            _ if width == 1 && c == sep && !quoted && depth <= 0 => return i,
            b'=' if width == 1 => in_value = true,
            _ => {}
        }
        i += width;
    }
    range.end
}
