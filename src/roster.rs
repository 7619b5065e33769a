//! Who attends a bound session's MCU, from the focus's attendance reports.

use core::fmt;
use std::collections::{BTreeMap, btree_map};

use crate::uri::{Identity, Uri};

/// A participant's role in the conference.
///
/// ```
/// use mcu_session::{Attendance, Endpoint, McuInfo, Role};
/// # use mcu_session::{AdvertisedMcu, InstantMessaging, InstantMessagingMcuSession, Joined, Uri};
/// # let chat = AdvertisedMcu::of::<InstantMessaging>(Uri::parse("sip:conf@contoso.com;chat")?, None);
/// # let Ok(Joined::Bound(idle)) = InstantMessagingMcuSession::new(Uri::parse("sip:conf@contoso.com")?).conference_joined([chat]) else { unreachable!() };
/// let mut active = idle.mcu_activated(McuInfo::new(Uri::parse("sip:conf@contoso.com;chat")?, None), std::time::Instant::now());
/// let bob = Endpoint { uri: Uri::parse("sip:bob@contoso.com")?, role: Role::Attendee };
/// active.attendance(Attendance::Joined(bob.clone()))?;
/// assert_eq!(active.roster().role(&bob.uri), Some(Role::Attendee));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum Role {
    /// May manage the conference (eject, mute, ...).
    Presenter,
    /// Takes part.
    Attendee,
}

/// One participant endpoint attending an MCU: its URI and role.
///
/// ```
/// use mcu_session::{Attendance, Endpoint, McuInfo, Role};
/// # use mcu_session::{AdvertisedMcu, InstantMessaging, InstantMessagingMcuSession, Joined, Uri};
/// # let chat = AdvertisedMcu::of::<InstantMessaging>(Uri::parse("sip:conf@contoso.com;chat")?, None);
/// # let Ok(Joined::Bound(idle)) = InstantMessagingMcuSession::new(Uri::parse("sip:conf@contoso.com")?).conference_joined([chat]) else { unreachable!() };
/// let mut active = idle.mcu_activated(McuInfo::new(Uri::parse("sip:conf@contoso.com;chat")?, None), std::time::Instant::now());
/// let bob = Endpoint { uri: Uri::parse("sip:bob@contoso.com")?, role: Role::Attendee };
/// let diff = active.attendance(Attendance::Joined(bob.clone()))?;
/// assert_eq!(diff.joined, [bob]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Endpoint {
    /// The endpoint's URI.
    pub uri: Uri,
    /// The participant's role.
    pub role: Role,
}

/// The endpoints attending a session's MCU. An endpoint is known by its SIP
/// identity ([`Uri::same_endpoint`]: RFC 3261 URI comparison), so
/// `SIP:bob@CONTOSO.COM` and `sip:bob@contoso.com` are one attendee; it is
/// listed under the URI it was reported with.
///
/// Read it through [`Session::roster`](crate::Session::roster); it changes
/// only through [`Session::attendance`](crate::Session::attendance), which
/// refuses a report that does not fit (an endpoint joining twice, or leaving
/// when it is not there) and leaves the roster as it was.
///
/// ```
/// use mcu_session::{Attendance, Endpoint, InstantMessaging, McuInfo, Role, Session, Uri};
///
/// let session = Session::<_, InstantMessaging>::new(Uri::parse("sip:conf@contoso.com")?);
/// let mut active = session.mcu_activated(McuInfo::new(Uri::parse("sip:conf@contoso.com;chat")?, None), std::time::Instant::now());
/// let bob = Endpoint { uri: Uri::parse("sip:bob@contoso.com")?, role: Role::Attendee };
/// active.attendance(Attendance::Joined(bob.clone()))?;
/// assert_eq!(active.roster().role(&bob.uri), Some(Role::Attendee));
///
/// let again = active.attendance(Attendance::Joined(bob)).unwrap_err();
/// assert_eq!(again.to_string(), "endpoint sip:bob@contoso.com is already in the roster");
/// assert_eq!(active.roster().len(), 1); // untouched
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Default)]
pub struct Roster {
    /// Boxed on the first attendance report: a session that tracks nobody
    /// carries 8 bytes for its roster, and every transition moves 16 fewer.
    #[allow(
        clippy::box_collection,
        reason = "the box is the point: it keeps the map's 24 bytes out of every session, moved by every transition"
    )]
    endpoints: Option<Box<Endpoints>>,
}

/// The attending endpoints by identity (RFC 3261 URI comparison: see
/// [`Uri::same_endpoint`]), each with the URI it was reported under.
type Endpoints = BTreeMap<Identity, (Uri, Role)>;

/// What an empty roster reads: no allocation until someone attends.
static NOBODY: Endpoints = BTreeMap::new();

impl Roster {
    fn map(&self) -> &Endpoints {
        self.endpoints.as_deref().unwrap_or(&NOBODY)
    }

    fn map_mut(&mut self) -> &mut Endpoints {
        self.endpoints.get_or_insert_with(Box::default)
    }

    /// The attending endpoints' URIs and roles, in the order of their
    /// identities.
    ///
    /// ```
    /// use mcu_session::{Attendance, Endpoint, InstantMessaging, McuInfo, Role, Session, Uri};
    ///
    /// let session = Session::<_, InstantMessaging>::new(Uri::parse("sip:conf@contoso.com")?);
    /// let mut active = session.mcu_activated(McuInfo::new(Uri::parse("sip:conf@contoso.com;chat")?, None), std::time::Instant::now());
    /// let bob = Uri::parse("sip:bob@contoso.com")?;
    /// active.attendance(Attendance::Joined(Endpoint { uri: bob.clone(), role: Role::Attendee }))?;
    /// for (uri, role) in active.roster() {
    ///     assert_eq!((uri, role), (&bob, Role::Attendee));
    /// }
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn iter(&self) -> Iter<'_> {
        Iter {
            endpoints: self.map().values(),
        }
    }

    /// The role of the endpoint with this URI, if it attends.
    #[must_use]
    pub fn role(&self, uri: &Uri) -> Option<Role> {
        self.map().get(&uri.identity()).map(|&(_, role)| role)
    }

    /// How many endpoints attend.
    #[must_use]
    pub fn len(&self) -> usize {
        self.map().len()
    }

    /// Whether nobody attends.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.map().is_empty()
    }

    /// Applies one attendance report, returning what changed; on error the
    /// roster is unchanged and the report comes back inside the error.
    pub(crate) fn apply(
        &mut self,
        report: Attendance,
        capacity: usize,
    ) -> Result<RosterDiff, AttendanceError> {
        let problem = match &report {
            Attendance::Joined(endpoint)
                if self.len() >= capacity && !self.map().contains_key(&endpoint.uri.identity()) =>
            {
                AttendanceProblem::RosterFull { capacity }
            }
            Attendance::Refreshed(fresh) if fresh.len() > capacity => {
                AttendanceProblem::RosterFull { capacity }
            }
            Attendance::Joined(endpoint) if self.map().contains_key(&endpoint.uri.identity()) => {
                AttendanceProblem::AlreadyPresent
            }
            Attendance::Left(uri) if !self.map().contains_key(&uri.identity()) => {
                AttendanceProblem::NotPresent
            }
            Attendance::Refreshed(fresh) => match first_duplicate(fresh) {
                Some(index) => AttendanceProblem::Duplicate { index },
                None => return Ok(self.apply_fitting(report)),
            },
            Attendance::Joined(_) | Attendance::Left(_) => return Ok(self.apply_fitting(report)),
        };
        Err(AttendanceError { report, problem })
    }

    /// Applies a report already checked to fit.
    fn apply_fitting(&mut self, report: Attendance) -> RosterDiff {
        match report {
            Attendance::Joined(endpoint) => {
                self.map_mut().insert(
                    endpoint.uri.identity(),
                    (endpoint.uri.clone(), endpoint.role),
                );
                RosterDiff {
                    joined: vec![endpoint],
                    left: Vec::new(),
                }
            }
            Attendance::Left(uri) => {
                let left = self
                    .map_mut()
                    .remove(&uri.identity())
                    .map(|(uri, role)| Endpoint { uri, role });
                RosterDiff {
                    joined: Vec::new(),
                    left: left.into_iter().collect(),
                }
            }
            Attendance::Refreshed(fresh) => {
                let next: Endpoints = fresh
                    .into_iter()
                    .map(|endpoint| (endpoint.uri.identity(), (endpoint.uri, endpoint.role)))
                    .collect();
                let diff = RosterDiff {
                    joined: only_in(&next, self.map()),
                    left: only_in(self.map(), &next),
                };
                *self.map_mut() = next;
                diff
            }
        }
    }

    pub(crate) fn clear(&mut self) {
        self.endpoints = None;
    }
}

/// Equal when the same endpoints attend with the same roles.
impl PartialEq for Roster {
    fn eq(&self, other: &Self) -> bool {
        self.map() == other.map()
    }
}

impl Eq for Roster {}

/// Prints the attending endpoints and their roles.
impl fmt::Debug for Roster {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

impl<'a> IntoIterator for &'a Roster {
    type Item = (&'a Uri, Role);
    type IntoIter = Iter<'a>;

    fn into_iter(self) -> Iter<'a> {
        self.iter()
    }
}

/// The endpoints of a [`Roster`]: see [`Roster::iter`].
#[derive(Debug, Clone)]
pub struct Iter<'a> {
    endpoints: btree_map::Values<'a, Identity, (Uri, Role)>,
}

impl<'a> Iterator for Iter<'a> {
    type Item = (&'a Uri, Role);

    fn next(&mut self) -> Option<Self::Item> {
        self.endpoints.next().map(|(uri, role)| (uri, *role))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.endpoints.size_hint()
    }
}

impl DoubleEndedIterator for Iter<'_> {
    fn next_back(&mut self) -> Option<Self::Item> {
        self.endpoints.next_back().map(|(uri, role)| (uri, *role))
    }
}

impl ExactSizeIterator for Iter<'_> {}

impl core::iter::FusedIterator for Iter<'_> {}

/// The endpoints of `a` that `b` lacks, or has with another role.
fn only_in(a: &Endpoints, b: &Endpoints) -> Vec<Endpoint> {
    a.iter()
        .filter(|(identity, (_, role))| b.get(*identity).map(|(_, role)| role) != Some(role))
        .map(|(_, (uri, role))| Endpoint {
            uri: uri.clone(),
            role: *role,
        })
        .collect()
}

/// Where `endpoints` first lists an endpoint it listed before.
fn first_duplicate(endpoints: &[Endpoint]) -> Option<usize> {
    let mut seen = std::collections::BTreeSet::new();
    endpoints
        .iter()
        .position(|endpoint| !seen.insert(endpoint.uri.identity()))
}

/// One attendance report from the focus about a bound session's MCU.
///
/// Feed it to [`Session::attendance`](crate::Session::attendance) (or, at
/// run time, as [`Event::Attendance`](crate::Event::Attendance)).
///
/// ```
/// use mcu_session::{Attendance, Endpoint, McuInfo, Role};
/// # use mcu_session::{AdvertisedMcu, InstantMessaging, InstantMessagingMcuSession, Joined, Uri};
/// # let chat = AdvertisedMcu::of::<InstantMessaging>(Uri::parse("sip:conf@contoso.com;chat")?, None);
/// # let Ok(Joined::Bound(idle)) = InstantMessagingMcuSession::new(Uri::parse("sip:conf@contoso.com")?).conference_joined([chat]) else { unreachable!() };
/// let mut active = idle.mcu_activated(McuInfo::new(Uri::parse("sip:conf@contoso.com;chat")?, None), std::time::Instant::now());
/// let bob = Endpoint { uri: Uri::parse("sip:bob@contoso.com")?, role: Role::Attendee };
/// active.attendance(Attendance::Joined(bob.clone()))?;
/// let diff = active.attendance(Attendance::Left(bob.uri.clone()))?;
/// assert_eq!(diff.left, [bob]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize),
    serde(tag = "kind", content = "data")
)]
pub enum Attendance {
    /// An endpoint joined the MCU.
    Joined(Endpoint),
    /// The endpoint with this URI left the MCU.
    Left(Uri),
    /// The full roster, as the focus sends it after a reconnect: replaces
    /// the old one, and the session reports only the differences.
    Refreshed(Vec<Endpoint>),
}

/// What changed when a fresh full roster replaced the old one (after a focus
/// reconnect), in the order of the endpoints' identities.
///
/// ```
/// use mcu_session::{Attendance, Endpoint, McuInfo, Role};
/// # use mcu_session::{AdvertisedMcu, InstantMessaging, InstantMessagingMcuSession, Joined, Uri};
/// # let chat = AdvertisedMcu::of::<InstantMessaging>(Uri::parse("sip:conf@contoso.com;chat")?, None);
/// # let Ok(Joined::Bound(idle)) = InstantMessagingMcuSession::new(Uri::parse("sip:conf@contoso.com")?).conference_joined([chat]) else { unreachable!() };
/// let mut active = idle.mcu_activated(McuInfo::new(Uri::parse("sip:conf@contoso.com;chat")?, None), std::time::Instant::now());
/// let bob = Endpoint { uri: Uri::parse("sip:bob@contoso.com")?, role: Role::Attendee };
/// active.attendance(Attendance::Joined(bob.clone()))?;
/// let carol = Endpoint { uri: Uri::parse("sip:carol@contoso.com")?, role: Role::Presenter };
/// let diff = active.attendance(Attendance::Refreshed(vec![carol.clone()]))?;
/// assert_eq!((diff.joined, diff.left), (vec![carol], vec![bob]));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct RosterDiff {
    /// Endpoints in the fresh roster and not before (or with a new role).
    pub joined: Vec<Endpoint>,
    /// Endpoints before and not in the fresh roster (or with their old role).
    pub left: Vec<Endpoint>,
}

/// An attendance report that does not fit; the roster is unchanged and the
/// report is handed back.
///
/// ```
/// use mcu_session::{Attendance, AttendanceProblem, Endpoint, McuInfo, Role};
/// # use mcu_session::{AdvertisedMcu, InstantMessaging, InstantMessagingMcuSession, Joined, Uri};
/// # let chat = AdvertisedMcu::of::<InstantMessaging>(Uri::parse("sip:conf@contoso.com;chat")?, None);
/// # let Ok(Joined::Bound(idle)) = InstantMessagingMcuSession::new(Uri::parse("sip:conf@contoso.com")?).conference_joined([chat]) else { unreachable!() };
/// let mut active = idle.mcu_activated(McuInfo::new(Uri::parse("sip:conf@contoso.com;chat")?, None), std::time::Instant::now());
/// let bob = Endpoint { uri: Uri::parse("sip:bob@contoso.com")?, role: Role::Attendee };
/// let error = active.attendance(Attendance::Left(bob.uri.clone())).unwrap_err();
/// assert_eq!(error.problem(), AttendanceProblem::NotPresent);
/// assert_eq!(error.to_string(), "endpoint sip:bob@contoso.com is not in the roster");
/// assert_eq!(error.into_report(), Attendance::Left(bob.uri));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, thiserror::Error)]
#[error("{}", Described(&self.report, self.problem))]
pub struct AttendanceError {
    report: Attendance,
    problem: AttendanceProblem,
}

impl AttendanceError {
    pub(crate) fn not_bound(report: Attendance) -> Self {
        Self {
            report,
            problem: AttendanceProblem::NotBound,
        }
    }

    /// What is wrong with the report.
    #[must_use]
    pub fn problem(&self) -> AttendanceProblem {
        self.problem
    }

    /// The endpoint of the report the problem is about, where it is about
    /// one.
    ///
    /// ```
    /// use mcu_session::{Attendance, Endpoint, McuInfo, Role};
    /// # use mcu_session::{AdvertisedMcu, InstantMessaging, InstantMessagingMcuSession, Joined, Uri};
    /// # let chat = AdvertisedMcu::of::<InstantMessaging>(Uri::parse("sip:conf@contoso.com;chat")?, None);
    /// # let Ok(Joined::Bound(idle)) = InstantMessagingMcuSession::new(Uri::parse("sip:conf@contoso.com")?).conference_joined([chat]) else { unreachable!() };
    /// let mut active = idle.mcu_activated(McuInfo::new(Uri::parse("sip:conf@contoso.com;chat")?, None), std::time::Instant::now());
    /// let bob = Endpoint { uri: Uri::parse("sip:bob@contoso.com")?, role: Role::Attendee };
    /// let twice = active.attendance(Attendance::Refreshed(vec![bob.clone(), bob.clone()])).unwrap_err();
    /// assert_eq!(twice.endpoint(), Some(&bob.uri));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn endpoint(&self) -> Option<&Uri> {
        self.problem.endpoint(&self.report)
    }

    /// The report, handed back.
    #[must_use]
    pub fn into_report(self) -> Attendance {
        self.report
    }
}

/// What is wrong with an attendance report.
///
/// ```
/// use mcu_session::{Attendance, AttendanceProblem, Endpoint, McuInfo, Role};
/// # use mcu_session::{AdvertisedMcu, InstantMessaging, InstantMessagingMcuSession, Joined, Uri};
/// # let chat = AdvertisedMcu::of::<InstantMessaging>(Uri::parse("sip:conf@contoso.com;chat")?, None);
/// # let Ok(Joined::Bound(idle)) = InstantMessagingMcuSession::new(Uri::parse("sip:conf@contoso.com")?).conference_joined([chat]) else { unreachable!() };
/// let mut active = idle.mcu_activated(McuInfo::new(Uri::parse("sip:conf@contoso.com;chat")?, None), std::time::Instant::now());
/// let bob = Endpoint { uri: Uri::parse("sip:bob@contoso.com")?, role: Role::Attendee };
/// let error = active.attendance(Attendance::Left(bob.uri.clone())).unwrap_err();
/// assert_eq!(error.problem(), AttendanceProblem::NotPresent);
/// assert_eq!(error.problem().endpoint(&Attendance::Left(bob.uri.clone())), Some(&bob.uri));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// It names no endpoint itself: the endpoint is in the report, which the
/// error hands back ([`endpoint`](Self::endpoint) finds it there). So a
/// problem owns nothing, and a refused event's result has nothing of its
/// own to free: the caller's `match` on an accepted event's result
/// compiles to no drop at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
#[non_exhaustive]
pub enum AttendanceProblem {
    /// The endpoint that joined is already attending.
    #[error("the endpoint is already in the roster")]
    AlreadyPresent,
    /// The endpoint that left is not attending.
    #[error("the endpoint is not in the roster")]
    NotPresent,
    /// A fresh roster lists an endpoint more than once; `index` is where
    /// it is listed again.
    #[error("the fresh roster lists endpoint #{index} a second time")]
    Duplicate {
        /// The position in the fresh roster of the second listing.
        index: usize,
    },
    /// The roster holds as many endpoints as the session's
    /// [`Capacities`](crate::Capacities) allow.
    #[error("the roster already holds {capacity} endpoints, its capacity")]
    RosterFull {
        /// The capacity that was reached.
        capacity: usize,
    },
    /// The session is not bound to an MCU, so nobody can attend it.
    #[error("the session is not bound to an MCU yet: join a conference that offers one first")]
    NotBound,
}

impl AttendanceProblem {
    /// The endpoint of `report` this problem is about, where it is about
    /// one: the one that joined again, the one that left without being
    /// there, the one a fresh roster lists twice.
    ///
    /// ```
    /// use mcu_session::{Attendance, AttendanceProblem, Endpoint, Role, Uri};
    ///
    /// let bob = Endpoint { uri: Uri::parse("sip:bob@contoso.com")?, role: Role::Attendee };
    /// let twice = Attendance::Refreshed(vec![bob.clone(), bob.clone()]);
    /// assert_eq!(AttendanceProblem::Duplicate { index: 1 }.endpoint(&twice), Some(&bob.uri));
    /// assert_eq!(AttendanceProblem::NotBound.endpoint(&twice), None);
    /// # Ok::<(), mcu_session::InvalidUri>(())
    /// ```
    #[must_use]
    pub fn endpoint(self, report: &Attendance) -> Option<&Uri> {
        match (self, report) {
            (Self::AlreadyPresent, Attendance::Joined(endpoint)) => Some(&endpoint.uri),
            (Self::NotPresent, Attendance::Left(uri)) => Some(uri),
            (Self::Duplicate { index }, Attendance::Refreshed(fresh)) => {
                fresh.get(index).map(|endpoint| &endpoint.uri)
            }
            _ => None,
        }
    }
}

/// A problem told with the endpoint of the report it is about.
pub(crate) struct Described<'a>(pub(crate) &'a Attendance, pub(crate) AttendanceProblem);

impl fmt::Display for Described<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Described(report, problem) = *self;
        match (problem, problem.endpoint(report)) {
            (AttendanceProblem::AlreadyPresent, Some(uri)) => {
                write!(f, "endpoint {uri} is already in the roster")
            }
            (AttendanceProblem::NotPresent, Some(uri)) => {
                write!(f, "endpoint {uri} is not in the roster")
            }
            (AttendanceProblem::Duplicate { .. }, Some(uri)) => {
                write!(f, "the fresh roster lists endpoint {uri} twice")
            }
            _ => fmt::Display::fmt(&problem, f),
        }
    }
}
#[cfg(feature = "serde")]
pub(crate) use wire::AttendanceSeed;

/// Strict wire forms: objects with exactly their fields.
#[cfg(feature = "serde")]
mod wire {
    use core::fmt;

    use serde::de::value::MapAccessDeserializer;
    use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
    use serde::{Deserialize, Deserializer};

    use super::{Attendance, Endpoint, Role, RosterDiff};
    use crate::request::operation::Capacities;
    use crate::strict::map_only;
    use crate::uri::Uri;

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct EndpointRecord {
        uri: Uri,
        role: Role,
    }

    impl<'de> Deserialize<'de> for Endpoint {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            let EndpointRecord { uri, role } =
                map_only(deserializer, "an endpoint: an object with uri and role")?;
            Ok(Self { uri, role })
        }
    }

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct RosterDiffRecord {
        joined: Vec<Endpoint>,
        left: Vec<Endpoint>,
    }

    impl<'de> Deserialize<'de> for RosterDiff {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            let RosterDiffRecord { joined, left } = map_only(
                deserializer,
                "a roster diff: an object with joined and left",
            )?;
            Ok(Self { joined, left })
        }
    }

    /// Decodes an [`Attendance`] with no more than the default capacity's
    /// endpoints in a fresh roster; an [`EventSeed`](crate::EventSeed)
    /// decodes a report within a session's own.
    impl<'de> Deserialize<'de> for Attendance {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            AttendanceSeed::within(&Capacities::default()).deserialize(deserializer)
        }
    }

    /// Decodes an [`Attendance`] report, refusing a fresh roster of more
    /// endpoints than a session's capacity while it decodes, so a hostile
    /// report cannot take memory the session would refuse anyway: the
    /// refusal comes after at most `endpoints` decoded endpoints.
    #[derive(Debug, Clone, Copy)]
    pub(crate) struct AttendanceSeed {
        endpoints: usize,
    }

    impl AttendanceSeed {
        pub(crate) fn within(capacities: &Capacities) -> Self {
            Self {
                endpoints: capacities.endpoints_limit(),
            }
        }
    }

    #[derive(Deserialize)]
    #[serde(field_identifier, rename_all = "lowercase")]
    enum Field {
        Kind,
        Data,
    }

    #[derive(Deserialize)]
    enum Kind {
        Joined,
        Left,
        Refreshed,
    }

    /// The `data` of a report, by its form: an endpoint is an object, a URI
    /// a string, a fresh roster an array. Read before or after `kind`.
    enum Data {
        Endpoint(Endpoint),
        Uri(Uri),
        Roster(Vec<Endpoint>),
    }

    impl<'de> DeserializeSeed<'de> for AttendanceSeed {
        type Value = Attendance;

        fn deserialize<D: Deserializer<'de>>(
            self,
            deserializer: D,
        ) -> Result<Attendance, D::Error> {
            deserializer.deserialize_map(self)
        }
    }

    impl<'de> Visitor<'de> for AttendanceSeed {
        type Value = Attendance;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("an attendance report: an object with kind and data")
        }

        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Attendance, A::Error> {
            let (mut kind, mut data) = (None, None);
            while let Some(field) = map.next_key::<Field>()? {
                match field {
                    Field::Kind if kind.is_some() => {
                        return Err(de::Error::duplicate_field("kind"));
                    }
                    Field::Data if data.is_some() => {
                        return Err(de::Error::duplicate_field("data"));
                    }
                    Field::Kind => kind = Some(map.next_value::<Kind>()?),
                    Field::Data => data = Some(map.next_value_seed(DataSeed(self))?),
                }
            }
            let kind = kind.ok_or_else(|| de::Error::missing_field("kind"))?;
            let data = data.ok_or_else(|| de::Error::missing_field("data"))?;
            match (kind, data) {
                (Kind::Joined, Data::Endpoint(endpoint)) => Ok(Attendance::Joined(endpoint)),
                (Kind::Left, Data::Uri(uri)) => Ok(Attendance::Left(uri)),
                (Kind::Refreshed, Data::Roster(roster)) => Ok(Attendance::Refreshed(roster)),
                (kind, _) => Err(de::Error::custom(format_args!(
                    "attendance `{}`: its data must be {}",
                    match kind {
                        Kind::Joined => "Joined",
                        Kind::Left => "Left",
                        Kind::Refreshed => "Refreshed",
                    },
                    match kind {
                        Kind::Joined => "an endpoint (an object with uri and role)",
                        Kind::Left => "a URI",
                        Kind::Refreshed => "a list of endpoints",
                    }
                ))),
            }
        }
    }

    struct DataSeed(AttendanceSeed);

    impl<'de> DeserializeSeed<'de> for DataSeed {
        type Value = Data;

        fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Data, D::Error> {
            deserializer.deserialize_any(self)
        }
    }

    impl<'de> Visitor<'de> for DataSeed {
        type Value = Data;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("an endpoint, a URI or a list of endpoints")
        }

        fn visit_str<E: de::Error>(self, uri: &str) -> Result<Data, E> {
            Uri::parse(uri).map(Data::Uri).map_err(E::custom)
        }

        fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Data, A::Error> {
            Endpoint::deserialize(MapAccessDeserializer::new(map)).map(Data::Endpoint)
        }

        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Data, A::Error> {
            let capacity = self.0.endpoints;
            let mut roster = Vec::new();
            while let Some(endpoint) = seq.next_element::<Endpoint>()? {
                if roster.len() == capacity {
                    return Err(de::Error::custom(format_args!(
                        "a fresh roster of more than {capacity} endpoints, the session's capacity"
                    )));
                }
                roster.push(endpoint);
            }
            Ok(Data::Roster(roster))
        }
    }
}
