//! Planning the Rust output: naming, type closure, the Rust IR.

pub mod closure;
pub mod naming;
pub mod plan;
