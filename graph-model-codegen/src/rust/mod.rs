//! Planning the Rust output: naming, type closure, the Rust IR.

#[cfg(feature = "emit")]
mod boxing;
#[cfg(feature = "emit")]
pub mod naming;
#[cfg(feature = "emit")]
pub mod plan;
