//! [`Context`]: where a payload is — a response, or a request body sent with
//! a method — and whether `Prefer: include-unknown-enum-members` was sent
//! (for a response: applied). Graph's evolvable-enum rules judge by it:
//!
//! * a member declared after `unknownFutureValue` (evolvable) in a response
//!   without the preference: `evolvable-member-without-preference`, a
//!   warning when lenient (Graph would have sent `unknownFutureValue`), an
//!   error when strict; in a request without the preference, an error
//!   (Graph answers `400 Bad Request`);
//! * `unknownFutureValue` in a request body: `unknown-future-value-in-request`,
//!   an error for POST, PUT and action or function parameters (Graph answers
//!   `400`), a warning for PATCH (Graph treats the property as absent).

use std::fmt;
use std::str::FromStr;

/// The HTTP method a request body is sent with, as far as the rules tell
/// them apart.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Method {
    /// `POST`: creating, or an action's parameters.
    Post,
    /// `PUT`: replacing.
    Put,
    /// `PATCH`: updating the properties it carries.
    Patch,
}

impl FromStr for Method {
    type Err = crate::Error;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_uppercase().as_str() {
            "POST" => Ok(Method::Post),
            "PUT" => Ok(Method::Put),
            "PATCH" => Ok(Method::Patch),
            _ => Err(crate::Error::Document(format!(
                "`{s}` is not a method that sends a body: POST, PUT or PATCH"
            ))),
        }
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Patch => "PATCH",
        })
    }
}

/// Where the payload is. The default is a response to a request that did
/// not send `Prefer: include-unknown-enum-members`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Context {
    /// `None`: a response body; `Some(method)`: a request body.
    pub request: Option<Method>,
    /// The request sent `Prefer: include-unknown-enum-members` (for a
    /// response: the service applied it).
    pub include_unknown_enum_members: bool,
}

impl Context {
    /// A response to a request without the preference (the default).
    pub const RESPONSE: Context = Context {
        request: None,
        include_unknown_enum_members: false,
    };

    /// A request body sent with `method`, without the preference.
    pub fn request(method: Method) -> Self {
        Context {
            request: Some(method),
            include_unknown_enum_members: false,
        }
    }

    /// The same, with `Prefer: include-unknown-enum-members` sent (or applied).
    pub fn with_preference(self, on: bool) -> Self {
        Context {
            include_unknown_enum_members: on,
            ..self
        }
    }
}
