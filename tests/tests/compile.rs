//! Compile tests: the generated types are usable as intended, and misuse
//! (null for a non-nullable property, ignoring unknown enum values or
//! subtypes) does not compile.

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.pass("ui/pass/*.rs");
    t.compile_fail("ui/fail/*.rs");
}
