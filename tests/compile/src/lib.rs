//! Compile tests of the generated types, in `tests/compile.rs`: a crate of
//! their own so that trybuild builds its programs against graph-model and
//! serde alone, not against every dependency of the other tests.
