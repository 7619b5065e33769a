//! Misuse must not compile, and the documented lifecycle must.
//!
//! Each `ui-tests/*.rs` is one misuse; its `.stderr` is the error our users
//! read. The snapshots are pinned to the rustc this crate is developed with;
//! regenerate with `TRYBUILD=overwrite cargo test --test ui` and read every
//! one before committing.

#[test]
fn ui() {
    let cases = trybuild::TestCases::new();
    cases.compile_fail("ui-tests/*.rs");
    cases.compile_fail("ui-tests/conference/*.rs");
    cases.compile_fail("ui-tests/lend/*.rs");
    cases.pass("ui-tests/pass/*.rs");
}
