//! Planning the Rust output: naming, type closure, the Rust IR.

mod boxing;
pub mod closure;
pub mod naming;
pub mod plan;
