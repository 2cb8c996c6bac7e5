//! Planning the Rust output: naming, type closure, the Rust IR.

mod boxing;
pub mod naming;
pub mod plan;
