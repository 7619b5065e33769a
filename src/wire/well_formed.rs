//! Well-formedness, as XML 1.0 (fifth edition) and Namespaces in XML 1.0
//! define it, checked on the events the reader hands out: the decoders
//! read only the parts of a body they need, and this reads every part, so
//! that a body is well-formed or refused whatever the decoder skips.
//!
//! quick-xml checks some of it itself (matching end tags, the namespace
//! bindings of the `xml` and `xmlns` prefixes, a reference left open,
//! comments, with `check_comments` on: [`reader`]); the rest is here:
//! characters, names, the XML declaration's place and form, attributes
//! (their syntax, values, uniqueness by name and by expanded name),
//! references (only the five predefined entities and character references
//! to characters XML allows, since a body has no document type
//! declaration to define others), what may stand outside the root, and
//! prefixes that are declared.

use std::collections::HashSet;

use quick_xml::events::attributes::{AttrError, Attribute};
use quick_xml::events::{BytesStart, Event};
use quick_xml::name::{QName, ResolveResult};
use quick_xml::reader::NsReader;

/// The namespace the `xml` prefix is bound to.
const XML_NAMESPACE: &[u8] = b"http://www.w3.org/XML/1998/namespace";

/// Attributes an element may have before their names are checked for
/// repeats with a hash set rather than by comparing each pair: past this,
/// pairs would cost more than the set.
const PAIRWISE_ATTRIBUTES: usize = 8;

/// A reader over `body` with the checks quick-xml can make itself turned on.
pub(crate) fn reader(body: &str) -> NsReader<&[u8]> {
    let mut reader = NsReader::from_str(body);
    let config = reader.config_mut();
    config.check_comments = true;
    config.check_end_names = true;
    config.allow_unmatched_ends = false;
    config.allow_dangling_amp = false;
    reader
}

/// Why a body is not well-formed, and where: the byte its offending part
/// starts at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct NotWellFormed {
    pub(crate) position: u64,
    pub(crate) problem: String,
}

/// A decoder's refusal, as the frame both decoders share ([`decode`]) needs
/// to see it.
pub(crate) trait Refusal: Sized {
    /// The body is not well-formed.
    fn malformed(not: NotWellFormed) -> Self;
    /// The body nests past the decoder's depth limit.
    fn too_deep() -> Self;
    /// Whether the refusal is for the XML itself (not well-formed, or a
    /// document type declaration), so the rest of the body need not be
    /// read to tell.
    fn of_the_xml(&self) -> bool;
    /// The same refusal with a not-well-formed position moved on by
    /// `offset` bytes.
    fn shifted(self, offset: u64) -> Self;
}

/// `Refusal` for a decoder's error enum, whose variants for the XML are
/// named alike in both decoders: `Malformed { position, problem }`,
/// `DocumentType` and `TooDeep`.
macro_rules! refusal {
    ($error:ty) => {
        impl $crate::wire::well_formed::Refusal for $error {
            fn malformed(not: $crate::wire::well_formed::NotWellFormed) -> Self {
                Self::Malformed {
                    position: not.position,
                    problem: not.problem,
                }
            }

            fn too_deep() -> Self {
                Self::TooDeep
            }

            fn of_the_xml(&self) -> bool {
                matches!(self, Self::Malformed { .. } | Self::DocumentType)
            }

            fn shifted(self, offset: u64) -> Self {
                match self {
                    Self::Malformed { position, problem } => Self::Malformed {
                        position: position.saturating_add(offset),
                        problem,
                    },
                    other => other,
                }
            }
        }
    };
}
pub(crate) use refusal;

/// The frame both decoders share: the byte order mark taken off (and
/// counted back in every position), the reader made with its checks, and
/// `read` run with it; then a refusal of `read`'s own (the schema, a
/// limit) reads the rest of the body within `max_depth`, so that a body
/// that is not well-formed is refused as such whatever else is wrong with
/// it.
pub(crate) fn decode<'b, T, E: Refusal>(
    body: &'b str,
    max_depth: usize,
    read: impl FnOnce(&'b str, &mut NsReader<&'b [u8]>, &mut WellFormed) -> Result<T, E>,
) -> Result<T, E> {
    let (bom, body) = split_bom(body).map_err(E::malformed)?;
    let mut reader = reader(body);
    let mut checker = WellFormed::new(bom > 0);
    let decoded = match read(body, &mut reader, &mut checker) {
        Err(error) if !error.of_the_xml() => match rest(&mut reader, &mut checker, max_depth) {
            Ok(()) => Err(error),
            Err(Stopped::NotWellFormed(not)) => Err(E::malformed(not)),
            Err(Stopped::TooDeep) => Err(E::too_deep()),
        },
        decoded => decoded,
    };
    decoded.map_err(|error| error.shifted(bom))
}

/// The next event of `reader`, checked before the decoder sees it: what
/// `resolve` makes of its namespace, the event, and the byte it starts at.
/// Inlined into each decoder's loop, as the code it replaced was.
#[inline(always)]
pub(crate) fn next<'b, R, E: Refusal>(
    reader: &mut NsReader<&'b [u8]>,
    checker: &mut WellFormed,
    resolve: impl FnOnce(&ResolveResult<'_>) -> R,
) -> Result<(R, Event<'b>, u64), E> {
    let at = reader.buffer_position();
    let (resolved, undeclared, event) = match reader.read_resolved_event() {
        Ok((resolved, event)) => (
            resolve(&resolved),
            matches!(resolved, ResolveResult::Unknown(_)),
            event,
        ),
        Err(error) => {
            return Err(E::malformed(NotWellFormed {
                position: reader.error_position(),
                problem: error.to_string(),
            }));
        }
    };
    checker
        .check(reader, undeclared, &event, at)
        .map_err(E::malformed)?;
    Ok((resolved, event, at))
}

/// Why [`rest`] stopped short of the end of a body.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Stopped {
    /// The body is not well-formed, here.
    NotWellFormed(NotWellFormed),
    /// The body nests past the depth limit: it is not read further (the
    /// reader's memory would grow with the nesting), so whether it is
    /// well-formed is not known, and the decoder refuses it as too deep.
    TooDeep,
}

/// Reads the rest of a body a decoder refused for a reason of its own (its
/// schema, its limits), to say whether it is well-formed at all: a body
/// that is not is refused as such, whatever else is wrong with it. Within
/// `max_depth`, as the decoder itself.
fn rest(
    reader: &mut NsReader<&[u8]>,
    checker: &mut WellFormed,
    max_depth: usize,
) -> Result<(), Stopped> {
    loop {
        if checker.depth > max_depth {
            return Err(Stopped::TooDeep);
        }
        let at = reader.buffer_position();
        let (undeclared, event) = match reader.read_resolved_event() {
            Ok((resolved, event)) => (matches!(resolved, ResolveResult::Unknown(_)), event),
            Err(error) => {
                return Err(Stopped::NotWellFormed(NotWellFormed {
                    position: reader.error_position(),
                    problem: error.to_string(),
                }));
            }
        };
        if let Event::DocType(_) = event {
            return Err(Stopped::NotWellFormed(NotWellFormed {
                position: at,
                problem: "a document type declaration after the prolog".into(),
            }));
        }
        checker
            .check(reader, undeclared, &event, at)
            .map_err(Stopped::NotWellFormed)?;
        if let Event::Eof = event {
            return Ok(());
        }
    }
}

/// The body without its byte order mark, and how many bytes the mark took
/// (0 or 3): the reader is handed the rest, and every position a decoder
/// reports is moved on by that much, so that it counts the body's bytes.
///
/// A second mark is character data before the root, so not well-formed:
/// refused here, because the reader would take it off too, unseen.
fn split_bom(body: &str) -> Result<(u64, &str), NotWellFormed> {
    match body.strip_prefix('\u{FEFF}') {
        Some(rest) if rest.starts_with('\u{FEFF}') => Err(NotWellFormed {
            position: 3,
            problem: "text outside the root element".into(),
        }),
        Some(rest) => Ok((3, rest)),
        None => Ok((0, body)),
    }
}

/// Where a body is, between its events.
#[derive(Debug, Default)]
pub(crate) struct WellFormed {
    /// Whether the body started with a byte order mark (UTF-8's, as the
    /// body is a `str`): its declaration may then name only UTF-8.
    bom: bool,
    /// Events read so far: an XML declaration must be the first.
    events: usize,
    /// Elements open.
    depth: usize,
    /// Whether the root element has been closed.
    ended: bool,
    /// Whether the root element has started.
    started: bool,
}

impl WellFormed {
    /// A check of a body that started with a byte order mark or not.
    pub(crate) fn new(bom: bool) -> Self {
        Self {
            bom,
            ..Self::default()
        }
    }

    /// Checks `event`, which starts at byte `at` of the body and was read
    /// by `reader` (whose namespace scope it is in); `undeclared`: the
    /// reader found the element's prefix declared nowhere.
    pub(crate) fn check(
        &mut self,
        reader: &NsReader<&[u8]>,
        undeclared: bool,
        event: &Event<'_>,
        at: u64,
    ) -> Result<(), NotWellFormed> {
        let fail = |problem: String| NotWellFormed {
            position: at,
            problem,
        };
        let first = self.events == 0;
        self.events += 1;
        match event {
            Event::Decl(decl) => {
                if !first || at != 0 {
                    return Err(fail(
                        "an XML declaration is allowed only at the start of the body".into(),
                    ));
                }
                declaration(decl, self.bom).map_err(fail)
            }
            Event::Start(element) | Event::Empty(element) => {
                if self.ended {
                    return Err(fail("a second root element".into()));
                }
                self.started = true;
                if undeclared {
                    return Err(fail("the element's prefix is not declared".into()));
                }
                start_tag(reader, element).map_err(|(offset, problem)| NotWellFormed {
                    // Past the `<`, then into the tag.
                    position: at.saturating_add(1).saturating_add(offset as u64),
                    problem,
                })?;
                if matches!(event, Event::Start(_)) {
                    self.depth += 1;
                } else if self.depth == 0 {
                    self.ended = true;
                }
                Ok(())
            }
            Event::End(_) => {
                self.depth = self.depth.saturating_sub(1);
                if self.depth == 0 {
                    self.ended = true;
                }
                Ok(())
            }
            Event::Text(text) => {
                let text: &[u8] = text;
                if self.depth == 0 {
                    return match text.iter().all(|byte| is_space(*byte)) {
                        true => Ok(()),
                        false => Err(fail("text outside the root element".into())),
                    };
                }
                if ordinary(text, b']', b']') {
                    return Ok(());
                }
                characters(text).map_err(fail)?;
                match holds_cdata_end(text) {
                    true => Err(fail("]]> in character data".into())),
                    false => Ok(()),
                }
            }
            Event::GeneralRef(reference) => {
                if self.depth == 0 {
                    return Err(fail("a reference outside the root element".into()));
                }
                let name: &[u8] = reference;
                entity_reference(name).map_err(fail)
            }
            Event::CData(text) => {
                if self.depth == 0 {
                    return Err(fail("a CDATA section outside the root element".into()));
                }
                characters(text).map_err(fail)
            }
            Event::Comment(text) => characters(text).map_err(fail),
            Event::PI(pi) => {
                let target = pi.target();
                name(target, false).map_err(fail)?;
                if target.eq_ignore_ascii_case(b"xml") {
                    return Err(fail("a processing instruction named xml".into()));
                }
                if target.contains(&b':') {
                    return Err(fail("a colon in a processing instruction's target".into()));
                }
                characters(pi.content()).map_err(fail)
            }
            // Each decoder refuses a document type declaration itself.
            Event::DocType(_) => Ok(()),
            Event::Eof => match (self.started, self.depth) {
                (false, _) => Err(fail("no root element".into())),
                (true, 0) => Ok(()),
                (true, open) => Err(fail(format!("the body ends inside {open} open element(s)"))),
            },
        }
    }
}

/// The XML declaration: `version` first and of the form `1.` digits, then
/// an optional `encoding` (a name of the EncName production), then an
/// optional `standalone` (`yes` or `no`), nothing else.
fn declaration(decl: &quick_xml::events::BytesDecl<'_>, bom: bool) -> Result<(), String> {
    let content: &[u8] = decl;
    let mut rest = content.strip_prefix(b"xml").unwrap_or_default();
    let mut names: &[&[u8]] = &[b"version", b"encoding", b"standalone"];
    let mut first = true;
    loop {
        let trimmed = trim_start(rest);
        if trimmed.is_empty() {
            return match first {
                true => Err("the XML declaration has no version".into()),
                false => Ok(()),
            };
        }
        if trimmed.len() == rest.len() {
            return Err("the XML declaration's parts are not separated by space".into());
        }
        let Some(eq) = trimmed.iter().position(|byte| *byte == b'=') else {
            return Err("the XML declaration has a part without a value".into());
        };
        let (key, after) = trimmed.split_at(eq);
        let key = trim_end(key);
        let after = trim_start(after.get(1..).unwrap_or_default());
        let Some((&quote, after)) = after.split_first() else {
            return Err("the XML declaration has a part without a value".into());
        };
        if quote != b'"' && quote != b'\'' {
            return Err("the XML declaration has an unquoted value".into());
        }
        let Some(end) = after.iter().position(|byte| *byte == quote) else {
            return Err("the XML declaration has an unclosed value".into());
        };
        let (value, after) = after.split_at(end);
        rest = after.get(1..).unwrap_or_default();
        let Some(at) = names.iter().position(|name| *name == key) else {
            return Err(format!(
                "the XML declaration has {} out of place",
                String::from_utf8_lossy(key)
            ));
        };
        if first && at != 0 {
            return Err("the XML declaration does not start with its version".into());
        }
        let ok = match key {
            b"version" => value
                .strip_prefix(b"1.")
                .is_some_and(|digits| !digits.is_empty() && digits.iter().all(u8::is_ascii_digit)),
            b"encoding" => {
                encoding(value, bom)?;
                value.split_first().is_some_and(|(first, rest)| {
                    first.is_ascii_alphabetic()
                        && rest
                            .iter()
                            .all(|byte| byte.is_ascii_alphanumeric() || b"._-".contains(byte))
                })
            }
            _ => value == b"yes" || value == b"no",
        };
        if !ok {
            return Err(format!(
                "the XML declaration's {} is {:?}",
                String::from_utf8_lossy(key),
                String::from_utf8_lossy(value)
            ));
        }
        names = names.get(at + 1..).unwrap_or_default();
        first = false;
    }
}

/// The declared encoding, against the body the decoders are handed: a
/// `str`, UTF-8. A declaration of an encoding whose bytes are not ASCII's
/// (UTF-16, UTF-32, UCS) cannot be true of it, and after a byte order
/// mark, only UTF-8 can: XML 1.0 4.3.3 makes either a fatal error.
fn encoding(value: &[u8], bom: bool) -> Result<(), String> {
    let lower = value.to_ascii_lowercase();
    let wide = [
        b"utf-16".as_slice(),
        b"utf16",
        b"utf-32",
        b"utf32",
        b"ucs",
        b"iso-10646-ucs",
    ]
    .iter()
    .any(|prefix| lower.starts_with(prefix));
    let utf8 = lower == b"utf-8" || lower == b"utf8";
    if wide || (bom && !utf8) {
        return Err(format!(
            "the XML declaration names the encoding {}, but the body is UTF-8",
            String::from_utf8_lossy(value)
        ));
    }
    Ok(())
}

/// A start tag: its name a QName, and each attribute well-formed, declared
/// and unique. A problem comes with where it starts in the tag (past its
/// `<`): at the attribute it is in, or at the name.
fn start_tag(reader: &NsReader<&[u8]>, element: &BytesStart<'_>) -> Result<(), (usize, String)> {
    let tag: &[u8] = element;
    qualified_name(element.name().as_ref()).map_err(|problem| (0, problem))?;
    if element
        .name()
        .prefix()
        .is_some_and(|prefix| prefix.as_ref() == b"xmlns")
    {
        return Err((0, "an element with the prefix xmlns".into()));
    }
    attributes(reader, element).map_err(|(key, problem)| (offset_in(tag, key), problem))
}

/// Where `part`, a slice of `whole`, starts in it (0 when it is not one).
fn offset_in(whole: &[u8], part: &[u8]) -> usize {
    let offset = (part.as_ptr() as usize).wrapping_sub(whole.as_ptr() as usize);
    if offset <= whole.len() { offset } else { 0 }
}

/// What a start tag's attributes have shown so far, to find a repeat in
/// linear time: compared pair by pair while few, through a set past
/// [`PAIRWISE_ATTRIBUTES`] (pairs would cost more than the set), nothing
/// allocated for the few.
struct Seen<T> {
    few: [Option<T>; PAIRWISE_ATTRIBUTES],
    count: usize,
    many: Option<HashSet<T>>,
}

impl<T: Copy + Eq + std::hash::Hash> Seen<T> {
    fn new() -> Self {
        Self {
            few: [None; PAIRWISE_ATTRIBUTES],
            count: 0,
            many: None,
        }
    }

    /// Whether `item` is new; it is seen from now on.
    fn insert(&mut self, item: T) -> bool {
        if let Some(set) = self.many.as_mut() {
            return set.insert(item);
        }
        if self.few.iter().flatten().any(|seen| *seen == item) {
            return false;
        }
        match self.few.get_mut(self.count) {
            Some(slot) => {
                *slot = Some(item);
                self.count += 1;
            }
            None => {
                let mut set: HashSet<T> = self.few.iter().flatten().copied().collect();
                set.insert(item);
                self.many = Some(set);
            }
        }
        true
    }
}

/// The attributes of `element`; a problem comes with the part of the tag
/// it is in.
fn attributes<'a>(
    reader: &'a NsReader<&[u8]>,
    element: &'a BytesStart<'_>,
) -> Result<(), (&'a [u8], String)> {
    let tag: &'a [u8] = element;
    let mut names = Seen::new();
    // By namespace name and local name: two prefixes may be bound to one
    // namespace. Reported once every attribute has been read, at the tag.
    let mut expanded = Seen::new();
    let mut expanded_repeat = false;
    for attribute in element.attributes().with_checks(false) {
        let attribute = attribute.map_err(|error| {
            let at = match error {
                AttrError::ExpectedEq(at)
                | AttrError::ExpectedValue(at)
                | AttrError::UnquotedValue(at)
                | AttrError::ExpectedQuote(at, _)
                | AttrError::Duplicated(at, _) => at,
            };
            (tag.get(at..).unwrap_or_default(), error.to_string())
        })?;
        let key = attribute.key.into_inner();
        let fail = |problem: String| (key, problem);
        // quick-xml reads `a="1"b="2"` as two attributes; XML wants space.
        let before = offset_in(tag, key)
            .checked_sub(1)
            .and_then(|at| tag.get(at));
        if !before.is_some_and(|byte| is_space(*byte)) {
            return Err(fail("no space before an attribute".into()));
        }
        qualified_name(key).map_err(fail)?;
        value(&attribute).map_err(fail)?;
        namespace_declaration(&attribute).map_err(fail)?;
        if !names.insert(key) {
            return Err(fail(repeated(key)));
        }
        if let Some(prefix) = attribute.key.prefix() {
            if prefix.as_ref() == b"xmlns" {
                continue;
            }
            match reader.resolve_attribute(attribute.key).0 {
                ResolveResult::Bound(namespace) => {
                    let local = attribute.key.local_name().into_inner();
                    expanded_repeat |= !expanded.insert((namespace.0, local));
                }
                ResolveResult::Unknown(prefix) => {
                    return Err(fail(format!(
                        "the prefix {} is not declared",
                        String::from_utf8_lossy(&prefix)
                    )));
                }
                ResolveResult::Unbound => {}
            }
        }
    }
    if expanded_repeat {
        return Err((tag, "two attributes with one expanded name".into()));
    }
    Ok(())
}

fn repeated(key: &[u8]) -> String {
    format!("the attribute {} is repeated", String::from_utf8_lossy(key))
}

/// An attribute's value: no `<`, characters XML allows, and references
/// only to the predefined entities or to allowed characters.
fn value(attribute: &Attribute<'_>) -> Result<(), String> {
    let raw: &[u8] = &attribute.value;
    if ordinary(raw, b'<', b'&') {
        return Ok(());
    }
    if raw.contains(&b'<') {
        return Err("< in an attribute value".into());
    }
    characters(raw)?;
    let mut rest = raw;
    while let Some(amp) = rest.iter().position(|byte| *byte == b'&') {
        let after = rest.get(amp + 1..).unwrap_or_default();
        let Some(semicolon) = after.iter().position(|byte| *byte == b';') else {
            return Err("& without its ; in an attribute value".into());
        };
        entity_reference(after.get(..semicolon).unwrap_or_default())?;
        rest = after.get(semicolon + 1..).unwrap_or_default();
    }
    Ok(())
}

/// A namespace declaration binds a prefix to a name that is not empty
/// (Namespaces in XML 1.0 has no undeclaring).
fn namespace_declaration(attribute: &Attribute<'_>) -> Result<(), String> {
    let is_prefixed_declaration = attribute
        .key
        .prefix()
        .is_some_and(|prefix| prefix.as_ref() == b"xmlns");
    if is_prefixed_declaration && attribute.value.is_empty() {
        return Err(format!(
            "{} undeclares a prefix, which Namespaces in XML 1.0 does not allow",
            String::from_utf8_lossy(attribute.key.as_ref())
        ));
    }
    if attribute.key == QName(b"xmlns") && attribute.value.as_ref() == XML_NAMESPACE {
        return Err("the default namespace bound to the xml namespace".into());
    }
    Ok(())
}

/// `&name;`, as the body has no document type declaration: one of the five
/// predefined entities, or a character reference to a character XML
/// allows.
fn entity_reference(name: &[u8]) -> Result<(), String> {
    let character = match name {
        b"lt" | b"gt" | b"amp" | b"apos" | b"quot" => return Ok(()),
        [b'#', b'x', hex @ ..] => parse_number(hex, 16),
        [b'#', decimal @ ..] => parse_number(decimal, 10),
        _ => {
            return Err(format!(
                "the reference &{}; is to no entity XML predefines",
                String::from_utf8_lossy(name)
            ));
        }
    };
    match character.and_then(char::from_u32) {
        Some(character) if is_char(character) => Ok(()),
        _ => Err(format!(
            "the character reference &{}; is to no character XML allows",
            String::from_utf8_lossy(name)
        )),
    }
}

fn parse_number(digits: &[u8], radix: u32) -> Option<u32> {
    if digits.is_empty() {
        return None;
    }
    let mut value = 0_u32;
    for digit in digits {
        value = value
            .checked_mul(radix)?
            .checked_add(char::from(*digit).to_digit(radix)?)?;
    }
    Some(value)
}

/// Whether `bytes` is plainly allowed: no control character but tab, line
/// feed and carriage return, no byte that may start U+FFFE or U+FFFF
/// (0xEF), and neither `a` nor `b`. Checked without stopping early, a
/// chunk at a time, so that the compiler checks many bytes an instruction:
/// the common case, a whole text or value, costs a few instructions, and
/// whatever fails it goes through the exact checks.
fn ordinary(bytes: &[u8], a: u8, b: u8) -> bool {
    bytes.chunks(64).all(|chunk| {
        chunk.iter().fold(true, |plain, &byte| {
            plain
                & ((byte >= 0x20) | (byte == b'\n') | (byte == b'\t') | (byte == b'\r'))
                & (byte != 0xEF)
                & (byte != a)
                & (byte != b)
        })
    })
}

/// Every character is one XML allows (the Char production): no control
/// characters but tab, line feed and carriage return, and neither U+FFFE
/// nor U+FFFF. The body is UTF-8 already, so surrogates cannot occur.
fn characters(text: &[u8]) -> Result<(), String> {
    let control = text
        .iter()
        .any(|byte| *byte < 0x20 && !matches!(byte, b'\t' | b'\n' | b'\r'));
    // U+FFFE and U+FFFF are EF BF BE and EF BF BF.
    let nonchar = || {
        text.iter()
            .enumerate()
            .filter(|(_, byte)| **byte == 0xEF)
            .any(|(at, _)| matches!(text.get(at + 1..at + 3), Some([0xBF, 0xBE | 0xBF])))
    };
    match control || nonchar() {
        true => Err("a character XML does not allow".into()),
        false => Ok(()),
    }
}

fn is_char(character: char) -> bool {
    matches!(character,
        '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..='\u{10FFFF}')
}

/// XML's white space, the S production: space, tab, carriage return and
/// line feed (not form feed, which XML does not allow at all).
pub(crate) fn is_space(byte: u8) -> bool {
    matches!(byte, b' ' | b'\t' | b'\r' | b'\n')
}

/// `bytes` without XML's white space around them.
pub(crate) fn trim(bytes: &[u8]) -> &[u8] {
    trim_end(trim_start(bytes))
}

fn trim_start(bytes: &[u8]) -> &[u8] {
    let start = bytes
        .iter()
        .position(|byte| !is_space(*byte))
        .unwrap_or(bytes.len());
    bytes.get(start..).unwrap_or_default()
}

fn trim_end(bytes: &[u8]) -> &[u8] {
    let end = bytes
        .iter()
        .rposition(|byte| !is_space(*byte))
        .map_or(0, |at| at + 1);
    bytes.get(..end).unwrap_or_default()
}

/// Whether `text` holds `]]>`.
fn holds_cdata_end(text: &[u8]) -> bool {
    text.iter()
        .enumerate()
        .filter(|(_, byte)| **byte == b']')
        .any(|(at, _)| text.get(at + 1..at + 3) == Some(b"]>"))
}

/// A QName of Namespaces in XML 1.0: an NCName, or two joined by one colon.
fn qualified_name(bytes: &[u8]) -> Result<(), String> {
    let mut parts = bytes.splitn(2, |byte| *byte == b':');
    let first = parts.next().unwrap_or_default();
    name(first, true)?;
    if let Some(local) = parts.next() {
        name(local, true)?;
    }
    Ok(())
}

/// A Name of XML 1.0 (`no_colons`: an NCName, which has none). ASCII
/// names, all of a conference document's, are checked byte by byte; any
/// other goes through the full productions.
fn name(bytes: &[u8], no_colons: bool) -> Result<(), String> {
    // 2: may start a name; 1: may follow; 0: neither (the colon is
    // checked apart); 3: past ASCII, for the full productions below.
    let class = |byte: u8| match byte {
        b'A'..=b'Z' | b'a'..=b'z' | b'_' => 2,
        b'0'..=b'9' | b'-' | b'.' => 1,
        0x80.. => 3,
        _ => 0,
    };
    let colon = |byte: u8| byte == b':' && !no_colons;
    let ascii = match bytes.split_first() {
        None => Some(false),
        Some((first, rest)) => {
            let mut valid = class(*first) == 2 || colon(*first);
            let mut other = class(*first) == 3;
            for byte in rest {
                let kind = class(*byte);
                valid &= kind != 0 || colon(*byte);
                other |= kind == 3;
            }
            (!other).then_some(valid)
        }
    };
    let valid = match ascii {
        Some(valid) => valid,
        None => match core::str::from_utf8(bytes) {
            Ok(text) => {
                let mut characters = text.chars();
                characters
                    .next()
                    .is_some_and(|first| is_name_start(first, no_colons))
                    && characters.all(|c| is_name_char(c, no_colons))
            }
            Err(_) => false,
        },
    };
    match valid {
        true => Ok(()),
        false => Err(format!(
            "{:?} is not a name XML allows",
            String::from_utf8_lossy(bytes)
        )),
    }
}

fn is_name_start(c: char, no_colons: bool) -> bool {
    matches!(c,
        'A'..='Z' | '_' | 'a'..='z'
        | '\u{C0}'..='\u{D6}' | '\u{D8}'..='\u{F6}' | '\u{F8}'..='\u{2FF}'
        | '\u{370}'..='\u{37D}' | '\u{37F}'..='\u{1FFF}' | '\u{200C}'..='\u{200D}'
        | '\u{2070}'..='\u{218F}' | '\u{2C00}'..='\u{2FEF}' | '\u{3001}'..='\u{D7FF}'
        | '\u{F900}'..='\u{FDCF}' | '\u{FDF0}'..='\u{FFFD}' | '\u{10000}'..='\u{EFFFF}')
        || (c == ':' && !no_colons)
}

fn is_name_char(c: char, no_colons: bool) -> bool {
    is_name_start(c, no_colons)
        || matches!(c, '-' | '.' | '0'..='9' | '\u{B7}' | '\u{300}'..='\u{36F}' | '\u{203F}'..='\u{2040}')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn verdict(body: &str) -> Result<(), NotWellFormed> {
        let (offset, body) = split_bom(body)?;
        let mut reader = reader(body);
        let mut checker = WellFormed::new(offset > 0);
        rest(&mut reader, &mut checker, 64).map_err(|stopped| match stopped {
            Stopped::NotWellFormed(not) => not,
            Stopped::TooDeep => NotWellFormed {
                position: 0,
                problem: "too deep".into(),
            },
        })
    }

    #[test]
    fn the_hostile_probes_are_refused() {
        for body in [
            "text<a/>",
            "<a/>text",
            "<p:a/>",
            r#"<a x="1" x="2"/>"#,
            r#"<a x="&bogus;"/>"#,
            "<foo a/>",
            r#"<a x="<"/>"#,
            "<a>\u{0}</a>",
            "<a>]]></a>",
            r#"<a><?xml version="1.0"?></a>"#,
            "<a><!-- x ---></a>",
            r#"<?xml version="1.0" encoding="-bad"?><a/>"#,
            "<a:b:c/>",
            "<a>",
            "<a/><b/>",
            r#"<a xmlns:p="u" xmlns:q="u" p:x="1" q:x="2"/>"#,
            r#"<a xmlns:p=""/>"#,
            "<a>&#0;</a>",
            "<a>&#xFFFE;</a>",
            "\u{FEFF}\u{FEFF}<a/>",
            "",
        ] {
            assert!(verdict(body).is_err(), "{body:?} passed");
        }
    }

    #[test]
    fn a_repeat_is_found_past_the_pairwise_few_too() {
        let distinct: String = (0..12).map(|i| format!(" a{i}='1'")).collect();
        assert_eq!(verdict(&format!("<a{distinct}/>")), Ok(()));
        for repeat in [" a3='2'", " a11='2'"] {
            assert!(
                verdict(&format!("<a{distinct}{repeat}/>")).is_err(),
                "{repeat}"
            );
        }
        let prefixed: String = (0..12).map(|i| format!(" p:a{i}='1'")).collect();
        let body = format!("<a xmlns:p='u' xmlns:q='u'{prefixed}/>");
        assert_eq!(verdict(&body), Ok(()));
        assert!(verdict(&body.replace("/>", " q:a10='2'/>")).is_err());
    }

    #[test]
    fn well_formed_bodies_pass() {
        for body in [
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><a/>"#,
            "<!-- c --><a x='&lt;&#x41;&#65;'>t&amp;<![CDATA[<]]><?pi x?></a>\n",
            r#"<a xmlns="u" xmlns:p="v" p:x="1" x="2"><p:b/></a>"#,
        ] {
            assert_eq!(verdict(body), Ok(()), "{body:?}");
        }
    }
}
