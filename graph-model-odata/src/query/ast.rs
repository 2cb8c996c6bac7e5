//! The parsed query: system query options and their expressions, every
//! node with the byte range of the query text it was written in.

use std::ops::Range;

/// A byte range of the query text as written (percent-encoding included).
pub type Span = Range<usize>;

/// A parsed query string (`$filter=...&$expand=...`), or the options
/// nested in an `$expand` item (`files($filter=...;$orderby=...)`).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Query {
    /// `$filter`.
    pub filter: Option<Expr>,
    /// `$orderby`, in order.
    pub orderby: Vec<OrderBy>,
    /// `$select`.
    pub select: Vec<SelectItem>,
    /// `$expand`.
    pub expand: Vec<ExpandItem>,
    /// `$top`.
    pub top: Option<Number>,
    /// `$skip`.
    pub skip: Option<Number>,
    /// `$count=true|false`.
    pub count: Option<(bool, Span)>,
    /// `$search`, as written after decoding (Graph's `"displayName:x"`).
    pub search: Option<(String, Span)>,
    /// `$format`.
    pub format: Option<(String, Span)>,
    /// `$levels` (inside `$expand`): a number, or `max` as `u64::MAX`.
    pub levels: Option<Number>,
    /// `$skiptoken`, `$deltatoken` and other server-given tokens, kept whole.
    pub tokens: Vec<(String, String, Span)>,
    /// Parameter aliases (`@p=...`): name without `@`, value.
    pub aliases: Vec<(String, Expr)>,
    /// Custom query options (names without `$` or `@`), decoded.
    pub custom: Vec<(String, String, Span)>,
    /// The dialect it was parsed in (binding follows its case rule).
    pub dialect: super::Dialect,
}

/// A non-negative integer option and where it was written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Number {
    /// The value.
    pub value: u64,
    /// Where.
    pub span: Span,
}

/// One `$orderby` item.
#[derive(Clone, Debug, PartialEq)]
pub struct OrderBy {
    /// What to sort by.
    pub expr: Expr,
    /// `desc`.
    pub descending: bool,
}

/// One `$select` item: a property path (`name`, `stats/filesUploaded`,
/// `microsoft.graph.x/y`), or `*`.
#[derive(Clone, Debug, PartialEq)]
pub struct SelectItem {
    /// The segments; empty for `*`.
    pub path: Vec<Segment>,
    /// Where.
    pub span: Span,
}

/// One `$expand` item: a navigation path (or `*`), `/$ref` or `/$count`,
/// and the options nested in parentheses.
#[derive(Clone, Debug, PartialEq)]
pub struct ExpandItem {
    /// The segments (type casts included); empty for `*`.
    pub path: Vec<Segment>,
    /// `/$ref` or `/$count` after the path.
    pub suffix: Option<ExpandSuffix>,
    /// `(...)`.
    pub options: Query,
    /// The whole item.
    pub span: Span,
}

/// `$ref` or `$count` ending an expand path.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExpandSuffix {
    /// `files/$ref`.
    Ref,
    /// `files/$count`.
    Count,
}

/// A path segment: a property or navigation name, a type cast (qualified
/// name), or `$count`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Segment {
    /// The name as decoded.
    pub name: String,
    /// Where.
    pub span: Span,
}

impl Segment {
    /// A qualified name: a type cast.
    pub fn is_cast(&self) -> bool {
        self.name.contains('.')
    }
}

/// An expression.
#[derive(Clone, Debug, PartialEq)]
pub struct Expr {
    /// What it is.
    pub kind: ExprKind,
    /// Where.
    pub span: Span,
}

/// The kinds of expression.
#[derive(Clone, Debug, PartialEq)]
pub enum ExprKind {
    /// A literal.
    Literal(Literal),
    /// A member path from `$it` (or from `root`, a lambda variable or
    /// `$this`): `size`, `stats/filesUploaded`, `files/$count`.
    Path {
        /// `None` for the implicit `$it`; else `$it`, `$this`, `$root` or a
        /// lambda variable.
        root: Option<Segment>,
        /// The segments after the root.
        segments: Vec<Segment>,
    },
    /// `path/any(v: body)`, `path/all(v: body)`, `path/any()`.
    Lambda {
        /// The collection.
        collection: Box<Expr>,
        /// `all` rather than `any`.
        all: bool,
        /// The variable and the predicate (absent for `any()`).
        body: Option<(Segment, Box<Expr>)>,
    },
    /// A parameter alias `@p`.
    Alias(String),
    /// `-x`, `not x`.
    Unary(UnaryOp, Box<Expr>),
    /// `x op y`.
    Binary(BinaryOp, Box<Expr>, Box<Expr>),
    /// `x in (a, b)`.
    In(Box<Expr>, Vec<Expr>),
    /// A built-in function: its name as written lower-cased, its arguments.
    Call(String, Vec<Expr>),
    /// A type name, as the argument of `cast` and `isof`.
    TypeName(String),
}

/// `-` and `not`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnaryOp {
    /// `-x`.
    Negate,
    /// `not x`.
    Not,
}

/// The binary operators, by their OData names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BinaryOp {
    /// `or`
    Or,
    /// `and`
    And,
    /// `eq`
    Eq,
    /// `ne`
    Ne,
    /// `gt`
    Gt,
    /// `ge`
    Ge,
    /// `lt`
    Lt,
    /// `le`
    Le,
    /// `has`
    Has,
    /// `add`
    Add,
    /// `sub`
    Sub,
    /// `mul`
    Mul,
    /// `div`
    Div,
    /// `divby`
    DivBy,
    /// `mod`
    Mod,
}

impl BinaryOp {
    /// Every operator with its name.
    pub const ALL: [(BinaryOp, &'static str); 15] = [
        (Self::Or, "or"),
        (Self::And, "and"),
        (Self::Eq, "eq"),
        (Self::Ne, "ne"),
        (Self::Gt, "gt"),
        (Self::Ge, "ge"),
        (Self::Lt, "lt"),
        (Self::Le, "le"),
        (Self::Has, "has"),
        (Self::Add, "add"),
        (Self::Sub, "sub"),
        (Self::Mul, "mul"),
        (Self::Div, "div"),
        (Self::DivBy, "divby"),
        (Self::Mod, "mod"),
    ];

    /// The operator named `name` (lower case, as OData requires).
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL
            .iter()
            .find(|(_, n)| *n == name)
            .map(|(op, _)| *op)
    }

    /// Its name in a URL.
    pub fn name(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|(op, _)| *op == self)
            .map_or("", |(_, n)| n)
    }

    /// Binding strength: higher binds tighter (OData URL conventions,
    /// operator precedence).
    pub fn precedence(self) -> u8 {
        use BinaryOp::*;
        match self {
            Or => 1,
            And => 2,
            Eq | Ne => 3,
            Gt | Ge | Lt | Le | Has => 4,
            Add | Sub => 5,
            Mul | Div | DivBy | Mod => 6,
        }
    }

    /// `eq` … `le`: compares two operands.
    pub fn is_comparison(self) -> bool {
        use BinaryOp::*;
        matches!(self, Eq | Ne | Gt | Ge | Lt | Le)
    }

    /// `add` … `mod`.
    pub fn is_arithmetic(self) -> bool {
        self.precedence() >= 5
    }
}

/// `in` binds like the relational operators.
pub(crate) const IN_PRECEDENCE: u8 = 4;

/// A literal, with its text as decoded (strings unquoted).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Literal {
    /// `null`.
    Null,
    /// `true`, `false`.
    Boolean(bool),
    /// An integer, exactly as written (sign included).
    Integer(String),
    /// A number with a fraction or an exponent, or `INF`, `NaN`.
    Decimal(String),
    /// `'...'`, unescaped.
    String(String),
    /// A Guid.
    Guid(String),
    /// `2026-01-01`.
    Date(String),
    /// `2026-01-01T00:00:00Z`.
    DateTimeOffset(String),
    /// `13:45:00`.
    TimeOfDay(String),
    /// `duration'P1D'`.
    Duration(String),
    /// `binary'...'`.
    Binary(String),
    /// `ns.Type'member'` (or several, comma-separated, for flags).
    Enum {
        /// The qualified enum type name as written.
        type_name: String,
        /// The member text.
        members: String,
    },
    /// `geography'...'`, `geometry'...'`: kept as written.
    Geo(String),
}
