//! The parts of the example that its tests use too: sans-IO requests and
//! responses for the upload-session API over the bundled generated types
//! ([`api`]), an in-process fake of the upload-session endpoints and a
//! walk-through against it.

pub mod api;
pub mod demo;
pub mod fake;
