//! The test functions (the standard harness): one module per subject, run
//! by one binary so that the suite links once. `cargo test --test cases --
//! odata_query::` runs one subject's tests.

mod api_requests;
mod bundled_generated;
mod bundled_v1;
mod codegen_golden;
mod csdl_annotations;
mod csdl_negative;
mod dependent_crate;
mod diff_witness;
mod evolvable_enums;
mod hostile_metadata;
mod odata_query;
mod proptest_primitives;
mod proptest_query;
mod proptest_roundtrip;
mod schema_patterns;
mod schemars_impls;
