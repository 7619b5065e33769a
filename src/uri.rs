//! URIs of conferences and MCUs, checked once at the edge.

use core::fmt;
use core::str::FromStr;
use std::sync::Arc;

/// An absolute URI such as `sip:alice@contoso.com;gruu;opaque=app:conf:focus:id:1`.
///
/// Conferences and MCUs are addressed by URI. The focus hands them to us as
/// text; checking them here, once, means no session ever holds an empty or
/// malformed address. The check covers what the crate relies on: a scheme
/// it uses (`sip:`, `sips:`, `tel:`), a host for SIP URIs, and no character
/// that would make one address look like another (white space, control,
/// zero-width or bidirectional formatting characters); the focus owns the
/// rest of the grammar.
///
/// A `Uri` is shared, not copied: cloning one (into every [`Request`]
/// for the conference, into a termination reason) costs a reference count,
/// never an allocation.
///
/// [`Request`]: crate::Request
///
/// ```
/// use mcu_session::Uri;
///
/// let uri = Uri::parse("sip:alice@contoso.com")?;
/// assert_eq!(uri.as_str(), "sip:alice@contoso.com");
///
/// let error = Uri::parse("alice").unwrap_err();
/// assert_eq!(error.to_string(), "`alice` is not a URI: it has no scheme");
/// assert_eq!(error.into_input(), "alice"); // nothing is lost
/// # Ok::<(), mcu_session::InvalidUri>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(try_from = "String", into = "String")
)]
pub struct Uri(Arc<str>);

impl Uri {
    /// Checks `input` and keeps it as a URI.
    ///
    /// # Errors
    ///
    /// [`InvalidUri`], which hands `input` back, when it is empty; contains
    /// white space, a control character, or an invisible formatting
    /// character (zero-width, bidirectional override, ...) that would show
    /// one address and be another; has no scheme, or a scheme this crate does
    /// not use (conferences, MCUs and participants are `sip:` or `sips:`,
    /// dial-outs also `tel:`); has nothing after the scheme; or is a SIP URI
    /// without a host, or with an empty user before its `@`.
    pub fn parse<S: AsRef<str> + Into<String>>(input: S) -> Result<Self, InvalidUri> {
        match Self::problem(input.as_ref()) {
            // Straight from the text into the shared buffer: one allocation.
            None => Ok(Self(Arc::from(input.as_ref()))),
            Some(problem) => Err(InvalidUri {
                input: input.into(),
                problem,
            }),
        }
    }

    fn problem(input: &str) -> Option<UriProblem> {
        if input.is_empty() {
            return Some(UriProblem::Empty);
        }
        // Byte by byte; the Unicode tables only for text that is not ASCII.
        if input.is_ascii() {
            // No early exit: the compiler turns this into a vector loop.
            let bad = input
                .bytes()
                .fold(false, |bad, b| bad | matches!(b, 0..=b' ' | 0x7f));
            if bad {
                return Some(UriProblem::WhiteSpace);
            }
        } else {
            for c in input.chars() {
                if c.is_whitespace() || c.is_control() {
                    return Some(UriProblem::WhiteSpace);
                }
                if invisible(c) {
                    return Some(UriProblem::Invisible);
                }
            }
        }
        let Some((scheme, rest)) = input.split_once(':') else {
            return Some(UriProblem::NoScheme);
        };
        let mut scheme_chars = scheme.chars();
        let scheme_ok = scheme_chars.next().is_some_and(|c| c.is_ascii_alphabetic())
            && scheme_chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
        if !scheme_ok {
            return Some(UriProblem::NoScheme);
        }
        let Some(scheme) = Scheme::of(scheme) else {
            return Some(UriProblem::Scheme);
        };
        if rest.is_empty() {
            return Some(UriProblem::NothingAfterScheme);
        }
        match scheme {
            Scheme::Tel => tel_problem(rest),
            Scheme::Sip => sip_problem(rest),
        }
    }

    /// Whether `self` and `other` name the same endpoint, by the rules of RFC
    /// 3261 section 19.1.4: the scheme and the host compare without regard
    /// to case, the user and password with it, escaped characters equal
    /// their unescaped form, a port, `transport`, `user`, `ttl`, `method`
    /// or `maddr` parameter or any header present in one must be present
    /// and equal in the other, and parameters and headers compare in any
    /// order.
    ///
    /// One rule is left out so that this is an equivalence (a roster is a
    /// map keyed by it): other parameters are ignored, where the RFC
    /// compares them when both URIs carry them (`;security=on` and
    /// `;security=off`). Transitivity is what the RFC gives up there.
    ///
    /// ```
    /// use mcu_session::Uri;
    ///
    /// let a = Uri::parse("sip:%61lice@atlanta.com;transport=TCP")?;
    /// let b = Uri::parse("sip:alice@AtLanTa.CoM;Transport=tcp")?;
    /// assert!(a.same_endpoint(&b));
    /// assert!(!Uri::parse("SIP:ALICE@atlanta.com")?.same_endpoint(&b)); // users differ
    /// # Ok::<(), mcu_session::InvalidUri>(())
    /// ```
    #[must_use]
    pub fn same_endpoint(&self, other: &Uri) -> bool {
        self.identity() == other.identity()
    }

    /// Whether `self` and `other` are the same endpoint and agree on every
    /// URI parameter both carry: the rule of RFC 3261 section 19.1.4 that
    /// [`same_endpoint`](Self::same_endpoint) leaves out, kept where no
    /// map is keyed by it. A focus that hosts several conferences at one
    /// address tells them apart by such a parameter (liblinphone's
    /// `;conf-id=`), so a conference document is matched to its
    /// conference by this rule, not by the endpoint's.
    #[cfg(feature = "xml")]
    pub(crate) fn same_resource(&self, other: &Uri) -> bool {
        // Each parameter as `identity` compares it, split at its `=` (an
        // escaped `=` stays escaped, so the split is the written one).
        fn params(uri: &Uri) -> impl Iterator<Item = (String, String)> + '_ {
            let rest = uri.0.split_once(':').map_or("", |(_, rest)| rest);
            compared_params(SipParts::of(rest).params).map(|param| match param.split_once('=') {
                Some((name, value)) => (name.to_owned(), value.to_owned()),
                None => (param, String::new()),
            })
        }
        if self.identity() != other.identity() {
            return false;
        }
        // Sorted once, so a URI with many parameters costs n log n.
        let mut ours: Vec<(String, String)> = params(self).collect();
        ours.sort();
        params(other).all(|(name, value)| {
            let first = ours.partition_point(|(ours, _)| *ours < name);
            ours.get(first..)
                .unwrap_or_default()
                .iter()
                .take_while(|(ours, _)| *ours == name)
                .all(|(_, ours)| *ours == value)
        })
    }

    /// The endpoint this URI names, as a key that equal endpoints share:
    /// see [`same_endpoint`](Self::same_endpoint).
    pub(crate) fn identity(&self) -> Identity {
        let (scheme, rest) = self.0.split_once(':').unwrap_or(("", &self.0));
        // One buffer for the whole key: unescaping and lower-casing never
        // make it longer than the URI, so it is allocated once (the rare
        // parameters and headers aside).
        let mut key = String::with_capacity(self.0.len() + 1);
        push_lowercase(&mut key, scheme);
        key.push(':');
        if key == "tel:" {
            push_lowercase(&mut key, rest);
            return Identity(key);
        }
        let parts = SipParts::of(rest);
        if let Some(user) = parts.user {
            unescape_into(&mut key, user);
            if let Some(password) = parts.password {
                key.push(':');
                unescape_into(&mut key, password);
            }
            key.push('@');
        }
        // Host without regard to case; the port is digits, so the same.
        push_lowercase(&mut key, parts.hostport);
        let mut params: Vec<String> = compared_params(parts.params)
            .filter(|param| {
                let name = param.split('=').next().unwrap_or_default();
                matches!(name, "transport" | "user" | "ttl" | "method" | "maddr")
            })
            .collect();
        params.sort();
        for param in params {
            key.push(';');
            key.push_str(&param);
        }
        let mut headers: Vec<String> = parts
            .headers
            .split('&')
            .filter(|header| !header.is_empty())
            .map(|header| match header.split_once('=') {
                Some((name, value)) => {
                    format!(
                        "{}={}",
                        unescaped(name).to_ascii_lowercase(),
                        unescaped(value)
                    )
                }
                None => unescaped(header).to_ascii_lowercase(),
            })
            .collect();
        headers.sort();
        if !headers.is_empty() {
            key.push('?');
            key.push_str(&headers.join("&"));
        }
        Identity(key)
    }

    /// The URI as text.
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The URI as an owned string.
    #[must_use]
    pub fn into_string(self) -> String {
        String::from(&*self.0)
    }
}

impl fmt::Display for Uri {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl FromStr for Uri {
    type Err = InvalidUri;

    fn from_str(input: &str) -> Result<Self, Self::Err> {
        Self::parse(input)
    }
}

impl TryFrom<String> for Uri {
    type Error = InvalidUri;

    fn try_from(input: String) -> Result<Self, Self::Error> {
        Self::parse(input)
    }
}

impl TryFrom<&str> for Uri {
    type Error = InvalidUri;

    fn try_from(input: &str) -> Result<Self, Self::Error> {
        Self::parse(input)
    }
}

impl From<Uri> for String {
    fn from(uri: Uri) -> Self {
        uri.into_string()
    }
}

impl AsRef<str> for Uri {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

/// Text that is not a URI; see [`Uri::parse`] for the rules.
///
/// ```
/// let error = mcu_session::Uri::parse("sip:").unwrap_err();
/// assert_eq!(error.to_string(), "`sip:` is not a URI: nothing follows the scheme");
/// assert_eq!(error.input(), "sip:");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{input}` is not a URI: {problem}")]
pub struct InvalidUri {
    input: String,
    problem: UriProblem,
}

impl InvalidUri {
    /// The text that was rejected.
    #[must_use]
    pub fn input(&self) -> &str {
        &self.input
    }

    /// The text that was rejected, handed back.
    #[must_use]
    pub fn into_input(self) -> String {
        self.input
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
enum UriProblem {
    #[error("it is empty")]
    Empty,
    #[error("it contains white space or a control character")]
    WhiteSpace,
    #[error("it contains an invisible formatting character (zero-width or bidirectional)")]
    Invisible,
    #[error("it has no scheme")]
    NoScheme,
    #[error("its scheme is not one this crate uses (sip, sips, tel)")]
    Scheme,
    #[error("nothing follows the scheme")]
    NothingAfterScheme,
    #[error("it names no host")]
    NoHost,
    #[error("its user part before `@` is empty")]
    EmptyUser,
    #[error("it has an `@` in its user part (a second `@`)")]
    TwoAts,
    #[error("its host is not a host name or a closed IPv6 reference")]
    BadHost,
    #[error("its port is not a number")]
    BadPort,
    #[error("it holds no telephone number (digits, `+`, `*`, `#` and separators)")]
    BadTelNumber,
}

/// The schemes the crate's addresses use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Scheme {
    Sip,
    Tel,
}

impl Scheme {
    fn of(scheme: &str) -> Option<Self> {
        if scheme.eq_ignore_ascii_case("sip") || scheme.eq_ignore_ascii_case("sips") {
            Some(Self::Sip)
        } else if scheme.eq_ignore_ascii_case("tel") {
            Some(Self::Tel)
        } else {
            None
        }
    }
}

/// Characters that show nothing, or reorder what is shown: a URI holding
/// one would look like another. Unicode's own list of them is the
/// Default_Ignorable_Code_Point property ("should be ignored in rendering
/// unless explicitly supported", UAX #44): zero-width and bidirectional
/// formatting characters, variation selectors, tag characters, the Hangul
/// fillers, the combining grapheme joiner. It is read from ICU4X's compiled
/// Unicode data, not kept by hand. Beside it: the interlinear annotation
/// characters U+FFF9..U+FFFB (format characters Unicode leaves out of the
/// property but which hide text) and U+2800 BRAILLE PATTERN BLANK, a symbol
/// that renders as a blank.
fn invisible(c: char) -> bool {
    use icu_properties::CodePointSetData;
    use icu_properties::props::DefaultIgnorableCodePoint;

    CodePointSetData::new::<DefaultIgnorableCodePoint>().contains(c)
        || matches!(c, '\u{FFF9}'..='\u{FFFB}' | '\u{2800}')
}

/// An endpoint's identity, as RFC 3261 section 19.1.4 tells endpoints apart: see
/// [`Uri::same_endpoint`]. The roster is keyed by it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct Identity(String);

/// A SIP URI's text after `sip:` split at the `@` that ends its user
/// information, if it has one. RFC 3261 (25.1) allows `?`, `;`, `&`, `=`
/// and `/` in a user, but no `@` in a user, host, parameter or header: so
/// the last `@` is the one, and headers (`?`) start only after it.
fn split_userinfo(rest: &str) -> (Option<&str>, &str) {
    match rest.rsplit_once('@') {
        Some((userinfo, after)) => (Some(userinfo), after),
        None => (None, rest),
    }
}

/// What is wrong with a SIP URI's text after `sip:`: a user before `@`
/// must be there and hold no `@`; a host must follow, an IPv6 reference
/// closed by its `]`, a port made of digits.
fn sip_problem(rest: &str) -> Option<UriProblem> {
    let (userinfo, after) = split_userinfo(rest);
    if let Some(userinfo) = userinfo {
        let user = userinfo.split_once(':').map_or(userinfo, |(user, _)| user);
        if user.is_empty() {
            return Some(UriProblem::EmptyUser);
        }
        if userinfo.contains('@') {
            return Some(UriProblem::TwoAts);
        }
    }
    let hostport = after.split([';', '?']).next().unwrap_or_default();
    let port = if let Some(reference) = hostport.strip_prefix('[') {
        let Some((address, after)) = reference.split_once(']') else {
            return Some(UriProblem::BadHost);
        };
        let address_ok = !address.is_empty()
            && address
                .bytes()
                .all(|b| b.is_ascii_hexdigit() || matches!(b, b':' | b'.'));
        if !address_ok {
            return Some(UriProblem::BadHost);
        }
        match after {
            "" => None,
            after => match after.strip_prefix(':') {
                Some(port) => Some(port),
                None => return Some(UriProblem::BadHost),
            },
        }
    } else {
        let (host, port) = match hostport.split_once(':') {
            Some((host, port)) => (host, Some(port)),
            None => (hostport, None),
        };
        if host.is_empty() {
            return Some(UriProblem::NoHost);
        }
        port
    };
    match port {
        Some(port) if port.is_empty() || !port.bytes().all(|b| b.is_ascii_digit()) => {
            Some(UriProblem::BadPort)
        }
        _ => None,
    }
}

/// What is wrong with a `tel:` URI's text after `tel:` (RFC 3966 section
/// 3): before its parameters, a global number (`+`, then digits and visual
/// separators `-.()`, at least one digit) or a local one (hex digits, `*`,
/// `#` and separators, at least one that is not a separator).
fn tel_problem(rest: &str) -> Option<UriProblem> {
    let number = rest.split(';').next().unwrap_or_default();
    let separator = |b: u8| matches!(b, b'-' | b'.' | b'(' | b')');
    let ok = match number.strip_prefix('+') {
        Some(global) => {
            global.bytes().all(|b| b.is_ascii_digit() || separator(b))
                && global.bytes().any(|b| b.is_ascii_digit())
        }
        None => {
            let digit = |b: u8| b.is_ascii_hexdigit() || matches!(b, b'*' | b'#');
            number.bytes().all(|b| digit(b) || separator(b)) && number.bytes().any(digit)
        }
    };
    (!ok).then_some(UriProblem::BadTelNumber)
}

/// A SIP URI's parts after `sip:`: `[user[:password]@]host[:port][;params][?headers]`.
struct SipParts<'a> {
    user: Option<&'a str>,
    password: Option<&'a str>,
    /// The host and, after a colon, the port.
    hostport: &'a str,
    params: &'a str,
    headers: &'a str,
}

impl<'a> SipParts<'a> {
    fn of(rest: &'a str) -> Self {
        let (userinfo, after) = split_userinfo(rest);
        let (hostport_params, headers) = after.split_once('?').unwrap_or((after, ""));
        let (user, password) = match userinfo {
            Some(userinfo) => match userinfo.split_once(':') {
                Some((user, password)) => (Some(user), Some(password)),
                None => (Some(userinfo), None),
            },
            None => (None, None),
        };
        let (hostport, params) = hostport_params
            .split_once(';')
            .unwrap_or((hostport_params, ""));
        Self {
            user,
            password,
            hostport,
            params,
            headers,
        }
    }
}

/// A SIP URI's parameters (the text after the host's first `;`), each as
/// RFC 3261 compares it: unescaped and without regard to case.
fn compared_params(params: &str) -> impl Iterator<Item = String> + '_ {
    params
        .split(';')
        .filter(|param| !param.is_empty())
        .map(|param| unescaped(param).to_ascii_lowercase())
}

/// `%XX` escapes decoded where they stand for an unreserved character
/// (RFC 3261: "characters other than those in the reserved set are
/// equivalent to their escaped encoding"); reserved ones stay escaped,
/// with upper-case hex.
fn unescaped(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    unescape_into(&mut out, text);
    out
}

/// [`unescaped`], appended to `out`.
fn unescape_into(out: &mut String, text: &str) {
    let mut chars = text.char_indices();
    while let Some((i, c)) = chars.next() {
        // Two hex digits, nothing else: `from_str_radix` alone would also
        // take a sign (`%+1`).
        let escaped = (c == '%')
            .then(|| text.get(i + 1..i + 3))
            .flatten()
            .filter(|hex| hex.bytes().all(|b| b.is_ascii_hexdigit()))
            .and_then(|hex| Some((hex, u8::from_str_radix(hex, 16).ok()?)));
        match escaped {
            Some((_, byte)) if byte.is_ascii() && !b";/?:@&=+$,%".contains(&byte) => {
                out.push(char::from(byte));
                chars.nth(1);
            }
            // A reserved character stays escaped, its digits upper-cased.
            Some((hex, _)) => {
                out.push('%');
                out.extend(hex.chars().map(|c| c.to_ascii_uppercase()));
                chars.nth(1);
            }
            None => out.push(c),
        }
    }
}

/// `text`, lower-cased (ASCII), appended to `key`.
fn push_lowercase(key: &mut String, text: &str) {
    key.extend(text.chars().map(|c| c.to_ascii_lowercase()));
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Escaped reserved characters stay escaped, each as its own two hex
    /// digits: `;`, `+` and `=` share a digit with each other, and the
    /// identity still tells them apart; the case of the digits does not
    /// matter.
    #[test]
    fn escaped_reserved_characters_keep_both_hex_digits() {
        let uri = |text: &str| Uri::parse(text).expect("a URI");
        let semicolon = uri("sip:a%3Bb@example.com");
        assert!(semicolon.same_endpoint(&uri("sip:a%3bb@example.com")));
        assert!(!semicolon.same_endpoint(&uri("sip:a%2Bb@example.com"))); // `+`: the same low digit
        assert!(!semicolon.same_endpoint(&uri("sip:a%3Db@example.com"))); // `=`: the same high digit
        assert_eq!(semicolon.identity().0, "sip:a%3Bb@example.com");
    }

    #[test]
    fn accepts_the_schemes_the_crate_uses() {
        for ok in [
            "sip:alice@contoso.com",
            "SIPS:alice@contoso.com:5061;transport=tls",
            "sip:alice@contoso.com;gruu;opaque=app:conf:chat:id:F00D",
            "sip:contoso.com",
            "sip:alice@[2001:db8::1]:5060",
            "sip:jürgen@münchen.example",
            "tel:+14255550100",
        ] {
            assert_eq!(Uri::parse(ok).map(Uri::into_string).as_deref(), Ok(ok));
        }
    }

    #[test]
    fn rejects_with_the_reason_and_hands_the_input_back() {
        for (bad, message) in [
            ("", "`` is not a URI: it is empty"),
            (
                "sip:a b",
                "`sip:a b` is not a URI: it contains white space or a control character",
            ),
            (
                "alice@contoso.com",
                "`alice@contoso.com` is not a URI: it has no scheme",
            ),
            (":alice", "`:alice` is not a URI: it has no scheme"),
            ("1sip:alice", "`1sip:alice` is not a URI: it has no scheme"),
            ("sip:", "`sip:` is not a URI: nothing follows the scheme"),
            (
                "sip:a  b@x.com",
                "`sip:a  b@x.com` is not a URI: it contains white space or a control character",
            ),
            (
                "sip:a\u{7f}\u{7f}@x.com",
                "`sip:a\u{7f}\u{7f}@x.com` is not a URI: it contains white space or a control character",
            ),
            (
                "sip:a\u{a0}b@x.com",
                "`sip:a\u{a0}b@x.com` is not a URI: it contains white space or a control character",
            ),
            (
                "sip:a\u{85}b@x.com",
                "`sip:a\u{85}b@x.com` is not a URI: it contains white space or a control character",
            ),
            (
                "javascript:alert(1)",
                "`javascript:alert(1)` is not a URI: its scheme is not one this crate uses (sip, sips, tel)",
            ),
            (
                "https://contoso.com/meet",
                "`https://contoso.com/meet` is not a URI: its scheme is not one this crate uses (sip, sips, tel)",
            ),
            (
                "sip:@",
                "`sip:@` is not a URI: its user part before `@` is empty",
            ),
            ("sip:bob@", "`sip:bob@` is not a URI: it names no host"),
            (
                "sip:;transport=tcp",
                "`sip:;transport=tcp` is not a URI: it names no host",
            ),
            (
                "sip:bob\u{200B}@x.com",
                "`sip:bob\u{200B}@x.com` is not a URI: it contains an invisible formatting character (zero-width or bidirectional)",
            ),
            (
                "sip:\u{202E}moc.x@bob",
                "`sip:\u{202E}moc.x@bob` is not a URI: it contains an invisible formatting character (zero-width or bidirectional)",
            ),
        ] {
            let error = Uri::parse(bad).unwrap_err();
            assert_eq!(error.to_string(), message);
            assert_eq!(error.into_input(), bad);
        }
    }
}

/// What a hostile probe found (each failed before its fix).
#[cfg(test)]
mod hostile {
    use super::Uri;

    #[test]
    fn a_question_mark_in_the_user_is_the_users_not_the_headers() {
        // RFC 3261 allows `?` in a user: the user is compared with case.
        let upper = Uri::parse("sip:ALICE?x@atlanta.com").unwrap();
        let lower = Uri::parse("sip:alice?x@atlanta.com").unwrap();
        assert!(!upper.same_endpoint(&lower));
        assert!(upper.same_endpoint(&Uri::parse("sip:ALICE?x@ATLANTA.com").unwrap()));
    }

    #[test]
    fn an_escape_is_two_hex_digits_and_never_a_sign() {
        let signed = Uri::parse("sip:a%+1@x.com").unwrap();
        let one = Uri::parse("sip:a%01@x.com").unwrap();
        assert!(!signed.same_endpoint(&one));
        assert!(signed.same_endpoint(&Uri::parse("sip:a%+1@X.com").unwrap()));
    }

    #[test]
    fn invisible_characters_are_refused_whatever_their_kind() {
        for c in [
            '\u{E0041}', // TAG LATIN CAPITAL LETTER A
            '\u{FE0F}',  // VARIATION SELECTOR-16
            '\u{034F}',  // COMBINING GRAPHEME JOINER
            '\u{3164}',  // HANGUL FILLER
            '\u{115F}',  // HANGUL CHOSEONG FILLER
            '\u{2800}',  // BRAILLE PATTERN BLANK
            '\u{1D173}', // MUSICAL SYMBOL BEGIN BEAM
            '\u{200B}',  // ZERO WIDTH SPACE
            '\u{FFFA}',  // INTERLINEAR ANNOTATION SEPARATOR
        ] {
            let text = format!("sip:bob{c}@x.com");
            let error = Uri::parse(text.as_str()).unwrap_err();
            assert!(
                error.to_string().contains("invisible"),
                "U+{:04X}: {error}",
                u32::from(c)
            );
        }
        // Visible non-ASCII letters still pass.
        assert!(Uri::parse("sip:jürgen@münchen.example").is_ok());
        assert!(Uri::parse("sip:李@例子.测试").is_ok());
    }

    #[test]
    fn an_empty_user_a_second_at_an_open_ipv6_reference_and_a_numberless_tel_are_refused() {
        for (bad, says) in [
            ("sip::@x.com", "its user part before `@` is empty"),
            ("sip::pw@x.com", "its user part before `@` is empty"),
            ("sip:a@@x.com", "it has an `@` in its user part"),
            ("sip:a@b@x.com", "it has an `@` in its user part"),
            (
                "sip:[",
                "its host is not a host name or a closed IPv6 reference",
            ),
            ("sip:a@[2001:db8::1", "its host is not a host name"),
            ("sip:a@[]", "its host is not a host name"),
            ("sip:a@[::1]x", "its host is not a host name"),
            ("sip:a@x.com:", "its port is not a number"),
            ("sip:a@x.com:50a", "its port is not a number"),
            ("tel:;", "it holds no telephone number"),
            ("tel:@", "it holds no telephone number"),
            ("tel:+", "it holds no telephone number"),
            ("tel:--", "it holds no telephone number"),
        ] {
            let error = Uri::parse(bad).unwrap_err();
            assert!(error.to_string().contains(says), "{bad}: {error}");
            assert_eq!(error.into_input(), bad);
        }
        for ok in [
            "tel:+1-425-555-0100",
            "tel:7042;phone-context=example.com",
            "tel:*86#",
            "sip:a:pw@x.com",
            "sip:a@[::1]:5060;transport=tcp",
            "sip:alice?subject=x@atlanta.com",
        ] {
            assert!(Uri::parse(ok).is_ok(), "{ok}");
        }
    }
}

/// RFC 3261 section 19.1.4's own examples.
#[cfg(test)]
mod rfc_3261_comparison {
    use super::Uri;

    fn same(a: &str, b: &str) -> bool {
        let (a, b) = (Uri::parse(a).unwrap(), Uri::parse(b).unwrap());
        assert_eq!(a.same_endpoint(&b), b.same_endpoint(&a), "symmetric");
        a.same_endpoint(&b)
    }

    #[test]
    fn equivalent() {
        for (a, b) in [
            (
                "sip:%61lice@atlanta.com;transport=TCP",
                "sip:alice@AtLanTa.CoM;Transport=tcp",
            ),
            ("sip:carol@chicago.com", "sip:carol@chicago.com;newparam=5"),
            ("sip:carol@chicago.com", "sip:carol@chicago.com;security=on"),
            (
                "sip:carol@chicago.com;newparam=5",
                "sip:carol@chicago.com;security=on",
            ),
            (
                "sip:biloxi.com;transport=tcp;method=REGISTER?to=sip:bob%40biloxi.com",
                "sip:biloxi.com;method=REGISTER;transport=tcp?to=sip:bob%40biloxi.com",
            ),
            (
                "sip:alice@atlanta.com?subject=project%20x&priority=urgent",
                "sip:alice@atlanta.com?priority=urgent&subject=project%20x",
            ),
            // The issue's case: scheme and host without regard to case.
            ("SIP:bob@X.COM", "sip:bob@x.com"),
            ("sip:bob@[2001:DB8::A]:5060", "sip:bob@[2001:db8::a]:5060"),
        ] {
            assert!(same(a, b), "{a} and {b} are the same endpoint");
        }
    }

    #[test]
    fn not_equivalent() {
        for (a, b) in [
            (
                "SIP:ALICE@AtLanTa.CoM;Transport=udp",
                "sip:alice@AtLanTa.CoM;Transport=UDP",
            ),
            ("sip:bob@biloxi.com", "sip:bob@biloxi.com:5060"),
            ("sip:bob@biloxi.com", "sip:bob@biloxi.com;transport=udp"),
            (
                "sip:bob@biloxi.com",
                "sip:bob@biloxi.com:6000;transport=tcp",
            ),
            (
                "sip:carol@chicago.com",
                "sip:carol@chicago.com?Subject=next%20meeting",
            ),
            ("sip:bob@phone21.boxesbybob.com", "sip:bob@192.0.2.4"),
            // Headers compare by value too.
            (
                "sip:alice@atlanta.com?subject=a",
                "sip:alice@atlanta.com?subject=b",
            ),
        ] {
            assert!(!same(a, b), "{a} and {b} are different endpoints");
        }
    }

    /// Reserved characters are not equivalent to their escaped form (RFC
    /// 3261 19.1.4: only "characters other than those in the reserved
    /// set" are).
    #[test]
    fn an_escaped_reserved_character_is_not_the_character() {
        assert!(!same("sip:a%3Bb@x.com", "sip:a;b@x.com"));
        assert!(!same("sip:a%2Fb@x.com", "sip:a/b@x.com"));
        assert!(same("sip:%6A%C3@x.com", "sip:j%c3@x.com"));
    }

    /// The one rule left out, so that the relation stays an equivalence:
    /// the RFC tells `;security=on` and `;security=off` apart although both
    /// equal the URI without the parameter.
    #[test]
    fn other_parameters_are_ignored_to_stay_transitive() {
        assert!(same(
            "sip:carol@chicago.com;security=on",
            "sip:carol@chicago.com;security=off"
        ));
    }
}
