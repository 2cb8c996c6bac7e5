//! The built-in functions of OData query expressions: names, how many
//! arguments each takes, and the types they take and give (used by the
//! binder and the evaluator).

/// What an argument or result is, roughly: enough to check a call.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    String,
    Boolean,
    Integer,
    Decimal,
    /// `Edm.DateTimeOffset`, `Edm.Date` or `Edm.TimeOfDay`, by function.
    Temporal,
    DateTimeOffset,
    Date,
    TimeOfDay,
    Duration,
    /// A number of any kind.
    Number,
    /// A collection.
    Collection,
    /// A type name (`cast`, `isof`).
    Type,
    /// Anything.
    Any,
}

/// A built-in function.
pub(crate) struct Function {
    pub(crate) name: &'static str,
    pub(crate) params: &'static [Kind],
    /// How many of `params` may be left out at the end.
    pub(crate) optional: usize,
    pub(crate) returns: Kind,
}

macro_rules! f {
    ($name:literal, [$($p:ident),*], $opt:literal, $ret:ident) => {
        Function { name: $name, params: &[$(Kind::$p),*], optional: $opt, returns: Kind::$ret }
    };
}

/// Every function OData 4.01 defines that Graph uses.
pub(crate) const FUNCTIONS: &[Function] = &[
    f!("contains", [String, String], 0, Boolean),
    f!("startswith", [String, String], 0, Boolean),
    f!("endswith", [String, String], 0, Boolean),
    f!("length", [String], 0, Integer),
    f!("indexof", [String, String], 0, Integer),
    f!("substring", [String, Integer, Integer], 1, String),
    f!("tolower", [String], 0, String),
    f!("toupper", [String], 0, String),
    f!("trim", [String], 0, String),
    f!("concat", [String, String], 0, String),
    f!("matchespattern", [String, String], 0, Boolean),
    f!("year", [Temporal], 0, Integer),
    f!("month", [Temporal], 0, Integer),
    f!("day", [Temporal], 0, Integer),
    f!("hour", [Temporal], 0, Integer),
    f!("minute", [Temporal], 0, Integer),
    f!("second", [Temporal], 0, Integer),
    f!("fractionalseconds", [Temporal], 0, Decimal),
    f!("totaloffsetminutes", [DateTimeOffset], 0, Integer),
    f!("date", [DateTimeOffset], 0, Date),
    f!("time", [DateTimeOffset], 0, TimeOfDay),
    f!("totalseconds", [Duration], 0, Decimal),
    f!("now", [], 0, DateTimeOffset),
    f!("maxdatetime", [], 0, DateTimeOffset),
    f!("mindatetime", [], 0, DateTimeOffset),
    f!("round", [Number], 0, Number),
    f!("floor", [Number], 0, Number),
    f!("ceiling", [Number], 0, Number),
    f!("cast", [Any, Type], 1, Any),
    f!("isof", [Any, Type], 1, Boolean),
    f!("hassubset", [Collection, Collection], 0, Boolean),
    f!("hassubsequence", [Collection, Collection], 0, Boolean),
];

/// The function named `name` (lower case).
pub(crate) fn find(name: &str) -> Option<&'static Function> {
    FUNCTIONS.iter().find(|f| f.name == name)
}

impl Function {
    /// The fewest arguments it takes.
    pub(crate) fn min_args(&self) -> usize {
        self.params.len() - self.optional
    }
}
