//! Misuse must not compile, and the documented lifecycle must.
//!
//! Each `ui-tests/*.rs` is one misuse (`ui-tests/conference/<state>.rs`,
//! every misuse of one conference state); its `.stderr` is the error our
//! users read. The snapshots are pinned to the rustc this crate is
//! developed with; regenerate with `TRYBUILD=overwrite cargo test -p
//! mcu-session-ui-tests` and read every one before committing.
//!
//! A package of its own, so that trybuild's project depends on the crate
//! alone: built inside mcu-session, it would also build every one of the
//! crate's dev-dependencies (criterion, proptest, tokio, ...) a second
//! time.

#[test]
fn ui() {
    let cases = trybuild::TestCases::new();
    cases.compile_fail("*.rs");
    cases.compile_fail("conference/*.rs");
    cases.compile_fail("lend/*.rs");
    cases.pass("pass/*.rs");
}
