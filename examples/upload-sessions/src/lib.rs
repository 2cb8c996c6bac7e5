//! The parts of the example that its tests use too: an in-process fake of
//! the upload-session endpoints and a walk-through against it.

pub mod demo;
pub mod fake;
