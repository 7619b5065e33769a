//! The well-formedness oracle on stable: random bodies built from the
//! pieces XML is made of (and the pieces that break it), through the same
//! check the `well_formed` fuzz target runs (`fuzz/bodies.rs`): both
//! decoders refuse as not well-formed exactly what roxmltree, an
//! independent strict parser, rejects, and a refused document changes
//! nothing.

use proptest::prelude::*;

use crate::fuzz_corpus::bodies;

/// The pieces: names, prefixes and declarations, quotes, references good
/// and bad, markup openers and closers, characters XML forbids.
fn piece() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "<a>",
        "</a>",
        "<a/>",
        "<b:c/>",
        "<b:c>",
        "</b:c>",
        "<a ",
        ">",
        "/>",
        " ",
        "\n",
        "x",
        "presenter",
        r#" x="1""#,
        r#"x="2""#,
        r#" y='3'"#,
        r#" xmlns:b="urn:b""#,
        r#" xmlns:c="urn:b""#,
        r#" b:x="1""#,
        r#" c:x="1""#,
        r#" xmlns="urn:d""#,
        r#" xmlns:b="""#,
        "=",
        "\"",
        "'",
        "&amp;",
        "&lt;",
        "&#65;",
        "&#x41;",
        "&#0;",
        "&#xFFFE;",
        "&bogus;",
        "&",
        ";",
        "<!--",
        "-->",
        "--",
        "<![CDATA[",
        "]]>",
        "]",
        "<?pi ",
        "?>",
        "<?xml version=\"1.0\"?>",
        "<!DOCTYPE a>",
        "\u{0}",
        "\u{1}",
        "\u{FFFE}",
        "\u{FEFF}",
        "é",
        "<1/>",
        "<a:b:c/>",
        "<xmlns:a/>",
        "<",
        "&#x110000;",
        "\t",
        "\r",
    ])
}

fn body() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..24).prop_map(|pieces| pieces.concat())
}

proptest! {
    #![proptest_config(crate::common::proptest_config())]

    #[test]
    fn both_decoders_refuse_what_roxmltree_rejects(body in body()) {
        bodies::well_formed(body.as_bytes());
    }
}
