//! What a generated type looks like to the reader and the writer: not a
//! serde implementation per type (compiled again for every format a program
//! uses, in the program's own crate), but a [`Place`] to read into and a
//! [`View`] to write from. The one reader and the one writer per format
//! ([`super::read`], [`super::write`]) walk them; a generated type
//! contributes only code that does not depend on the format, compiled once
//! in the crate that holds it.

use std::any::Any;
use std::borrow::Cow;

use super::structs::Field;
use super::{Polymorphic, Struct};
use crate::edm;
use crate::{Flags, Nullable, Untyped, WireEnum};

/// A type the runtime reads and writes: every field type of a generated
/// struct (primitives, generated types, `Vec`, `Box`, [`Flags`]).
pub trait Value {
    /// A placeholder that [`Value::place`] is then read into (a struct's
    /// default, an empty string...). Never seen by a caller: a read either
    /// replaces it or fails.
    fn blank() -> Self
    where
        Self: Sized;
    /// Where a value read goes.
    fn place(&mut self) -> Place<'_>;
    /// What is written.
    fn view(&self) -> View<'_>;
}

/// Declares the primitive kinds: one variant of [`Place`] and of [`View`]
/// each, and the [`Value`] impls of those given a blank (the other Edm
/// types' are in `edm`, which can make their blanks).
macro_rules! primitives {
    ($($variant:ident($ty:ty) $(= $blank:expr)?;)*) => {
        /// Where a value read goes. Primitives are read with their own
        /// `Deserialize`; the rest through the object-safe traits.
        #[allow(missing_docs)]
        pub enum Place<'a> {
            $($variant(&'a mut $ty),)*
            /// An enum or flags value, read from its wire string.
            Enum(&'a mut dyn EnumValue),
            /// A structured value, read member by member.
            Struct(&'a mut dyn Struct),
            /// A value whose `@odata.type` chooses its variant.
            Poly(&'a mut dyn Polymorphic),
            /// A JSON array.
            Seq(&'a mut dyn SeqPlace),
        }

        /// What is written. Primitives are written with their own
        /// `Serialize`; the rest through the object-safe traits.
        #[allow(missing_docs)]
        pub enum View<'a> {
            $($variant(&'a $ty),)*
            /// An enum or flags value, written as its wire string.
            Enum(&'a dyn EnumValue),
            /// A structured value.
            Struct(&'a dyn Struct),
            /// A value whose variant says its `@odata.type`.
            Poly(&'a dyn Polymorphic),
            /// A JSON array.
            Seq(&'a dyn SeqView),
        }

        /// Copies a primitive into a place of the same kind; gives both
        /// back when they are not that.
        pub(super) fn copy_primitive<'v, 'p>(
            from: View<'v>,
            to: Place<'p>,
        ) -> Result<(), (View<'v>, Place<'p>)> {
            match (from, to) {
                $((View::$variant(v), Place::$variant(p)) => p.clone_from(v),)*
                (from, to) => return Err((from, to)),
            }
            Ok(())
        }

        /// Whether two primitives of the same kind are equal; `None` when
        /// they are not that.
        pub(super) fn eq_primitive(a: &View<'_>, b: &View<'_>) -> Option<bool> {
            match (a, b) {
                $((View::$variant(x), View::$variant(y)) => Some(x == y),)*
                _ => None,
            }
        }

        /// A primitive's own `Debug`; `None` for the other kinds.
        pub(super) fn debug_primitive<'v>(v: &View<'v>) -> Option<&'v dyn std::fmt::Debug> {
            match v {
                $(View::$variant(x) => Some(*x),)*
                _ => None,
            }
        }

        $($(
            impl Value for $ty {
                fn blank() -> Self {
                    $blank
                }
                fn place(&mut self) -> Place<'_> {
                    Place::$variant(self)
                }
                fn view(&self) -> View<'_> {
                    View::$variant(self)
                }
            }
        )?)*
    };
}

primitives! {
    Str(String) = String::new();
    Bool(bool) = false;
    U8(u8) = 0;
    I8(i8) = 0;
    I16(i16) = 0;
    I32(i32) = 0;
    Untyped(Untyped) = Untyped::from(serde_json::Value::Null);
    Int64(edm::Int64) = edm::Int64::from(0);
    Double(edm::Double);
    Decimal(edm::Decimal);
    Guid(edm::Guid);
    Binary(edm::Binary);
    Date(edm::Date);
    DateTimeOffset(edm::DateTimeOffset);
    TimeOfDay(edm::TimeOfDay);
    Duration(edm::Duration);
}

/// An enum or flags value as the reader fills it.
pub trait EnumValue {
    /// What the error for a value that is not a string expects.
    fn expecting(&self) -> &'static str;
    /// Takes the wire string (any string: open enums keep unknown ones).
    fn set_wire(&mut self, text: &str);
    /// The wire string.
    fn wire(&self) -> Cow<'_, str>;
    /// The value as `Any`: copied and compared as its own type.
    fn as_any(&self) -> &dyn Any;
    /// Becomes a copy of `other`, a value of the same type (no change
    /// otherwise).
    fn copy_from(&mut self, other: &dyn EnumValue);
    /// Whether `other` is a value of the same type, equal to this one.
    fn same_as(&self, other: &dyn EnumValue) -> bool;
}

/// [`EnumValue`]'s methods that see the value as its own type.
macro_rules! enum_value_as_any {
    () => {
        fn as_any(&self) -> &dyn Any {
            self
        }
        fn copy_from(&mut self, other: &dyn EnumValue) {
            if let Some(other) = other.as_any().downcast_ref::<Self>() {
                self.clone_from(other);
            }
        }
        fn same_as(&self, other: &dyn EnumValue) -> bool {
            other.as_any().downcast_ref::<Self>() == Some(self)
        }
    };
}

impl<E: WireEnum + PartialEq + 'static> EnumValue for E {
    fn expecting(&self) -> &'static str {
        "an enum member name"
    }
    fn set_wire(&mut self, text: &str) {
        *self = E::from_wire(text);
    }
    fn wire(&self) -> Cow<'_, str> {
        Cow::Borrowed(self.as_str())
    }
    enum_value_as_any!();
}

impl<E: WireEnum + PartialEq + 'static> EnumValue for Flags<E> {
    fn expecting(&self) -> &'static str {
        "a string"
    }
    fn set_wire(&mut self, text: &str) {
        *self = Flags::parse(text);
    }
    fn wire(&self) -> Cow<'_, str> {
        Cow::Owned(self.to_string())
    }
    enum_value_as_any!();
}

impl<E: WireEnum + PartialEq + 'static> Value for Flags<E> {
    fn blank() -> Self {
        Flags::default()
    }
    fn place(&mut self) -> Place<'_> {
        Place::Enum(self)
    }
    fn view(&self) -> View<'_> {
        View::Enum(self)
    }
}

/// A JSON array as the reader fills it.
pub trait SeqPlace {
    /// Room for `n` more items (a hint, capped by the reader).
    fn reserve(&mut self, n: usize);
    /// Appends a blank item and gives its place.
    fn push(&mut self) -> Place<'_>;
}

/// A JSON array as the writer walks it.
pub trait SeqView {
    /// The number of items.
    fn len(&self) -> usize;
    /// Whether there are none.
    fn is_empty(&self) -> bool {
        self.len() == 0
    }
    /// The item at `index` (`index < len()`).
    fn item(&self, index: usize) -> Option<View<'_>>;
}

impl<T: Value> SeqPlace for Vec<T> {
    fn reserve(&mut self, n: usize) {
        Vec::reserve(self, n);
    }
    fn push(&mut self) -> Place<'_> {
        let at = self.len();
        Vec::push(self, T::blank());
        self[at].place()
    }
}

impl<T: Value> SeqView for Vec<T> {
    fn len(&self) -> usize {
        Vec::len(self)
    }
    fn item(&self, index: usize) -> Option<View<'_>> {
        self.get(index).map(Value::view)
    }
}

impl<T: Value> Value for Vec<T> {
    fn blank() -> Self {
        Vec::new()
    }
    fn place(&mut self) -> Place<'_> {
        Place::Seq(self)
    }
    fn view(&self) -> View<'_> {
        View::Seq(self)
    }
}

impl<T: Value> Value for Box<T> {
    fn blank() -> Self {
        Box::new(T::blank())
    }
    fn place(&mut self) -> Place<'_> {
        (**self).place()
    }
    fn view(&self) -> View<'_> {
        (**self).view()
    }
}

/// A field of a generated struct: `Option<T>` (not nullable: absent or a
/// value) or [`Nullable<T>`] (absent, `null` or a value).
pub trait Slot {
    /// Whether the property was absent.
    fn is_absent(&self) -> bool;
    /// Takes `null`; `false` when the property is not nullable (an error,
    /// not "absent").
    fn set_null(&mut self) -> bool;
    /// Makes the slot hold a blank value and gives its place.
    fn fill(&mut self) -> Place<'_>;
    /// What the writer writes: absent, `null` or the value's view.
    fn field(&self) -> Field<'_>;
}

impl<T: Value> Slot for Option<T> {
    fn is_absent(&self) -> bool {
        self.is_none()
    }
    fn set_null(&mut self) -> bool {
        false
    }
    fn fill(&mut self) -> Place<'_> {
        self.insert(T::blank()).place()
    }
    fn field(&self) -> Field<'_> {
        self.into()
    }
}

impl<T: Value> Slot for Nullable<T> {
    fn is_absent(&self) -> bool {
        Nullable::is_absent(self)
    }
    fn set_null(&mut self) -> bool {
        *self = Nullable::Null;
        true
    }
    fn fill(&mut self) -> Place<'_> {
        Nullable::insert(self, T::blank()).place()
    }
    fn field(&self) -> Field<'_> {
        self.into()
    }
}
