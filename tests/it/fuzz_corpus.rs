//! Every fuzz corpus file, replayed through the same functions the fuzz
//! targets call (`fuzz/bodies.rs`): on the stable toolchain, in the ordinary
//! suite, so an entry that starts failing fails CI without nightly. The
//! corpora are the fuzzer's, minimized (see benches/README.md, Fuzzing); findings are
//! kept there as entries too.

#[path = "../../fuzz/bodies.rs"]
pub(crate) mod bodies;

use std::fs;
use std::path::Path;

fn replay_corpus(target: &str, body: fn(&[u8])) {
    let dir = Path::new("fuzz/corpus").join(target);
    let mut files = 0;
    for entry in fs::read_dir(&dir).unwrap_or_else(|error| panic!("{}: {error}", dir.display())) {
        let path = entry.unwrap().path();
        let data = fs::read(&path).unwrap();
        // A failing entry names itself.
        let result = std::panic::catch_unwind(|| body(&data));
        assert!(result.is_ok(), "{} fails", path.display());
        files += 1;
    }
    assert!(files > 0, "{} is empty", dir.display());
}

#[test]
fn wire_corpus() {
    replay_corpus("wire", bodies::wire);
}

#[test]
fn uri_corpus() {
    replay_corpus("uri", bodies::uri);
}

#[test]
fn replay_tool_corpus() {
    replay_corpus("replay", bodies::replay);
}

#[test]
fn session_corpus() {
    replay_corpus("session", bodies::session);
}

#[test]
fn c3p_corpus() {
    replay_corpus("c3p", bodies::c3p);
}

#[test]
fn conference_info_corpus() {
    replay_corpus("conference_info", bodies::conference_info);
}

#[test]
fn well_formed_corpus() {
    replay_corpus("well_formed", bodies::well_formed);
}
