//! URIs of conferences and MCUs, checked once at the edge.

use core::fmt;
use core::str::FromStr;
use std::sync::Arc;

/// An absolute URI such as `sip:alice@contoso.com;gruu;opaque=app:conf:focus:id:1`.
///
/// Conferences and MCUs are addressed by URI. The focus hands them to us as
/// text; checking them here, once, means no session ever holds an empty or
/// malformed address. The check is deliberately shallow (a scheme, a colon,
/// something after it, no white space): the focus owns the full grammar.
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
    /// [`InvalidUri`], which hands `input` back, when it is empty, contains
    /// white space or a control character, has no scheme (`sip:`,
    /// `https:`, ...), or has nothing after the scheme.
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
        if input.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Some(UriProblem::WhiteSpace);
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
        if rest.is_empty() {
            return Some(UriProblem::NothingAfterScheme);
        }
        None
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
    #[error("it has no scheme")]
    NoScheme,
    #[error("nothing follows the scheme")]
    NothingAfterScheme,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_sip_and_other_schemes() {
        for ok in [
            "sip:alice@contoso.com",
            "sip:alice@contoso.com;gruu;opaque=app:conf:chat:id:F00D",
            "tel:+14255550100",
            "https://contoso.com/meet",
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
        ] {
            let error = Uri::parse(bad).unwrap_err();
            assert_eq!(error.to_string(), message);
            assert_eq!(error.into_input(), bad);
        }
    }
}
