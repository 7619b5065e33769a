//! A focus event through the conference session against the same event
//! applied by hand: a hand-written conference enum (as a user writes it, in
//! this crate) plus a call on each MCU session. For `benches/instructions.sh`
//! to run under `valgrind --tool=callgrind --toggle-collect='*measure*'`:
//! only what runs inside `measure` is counted, not building the inputs.
//!
//! ```text
//! conference <by_hand|typed|apply> <focus|mixed>
//! ```
//!
//! Both workloads start from a Connected conference whose instant messaging
//! and audio/video sessions are Active. `focus` repeats a focus failover
//! and a reconnection with both MCUs active (3b then 4b on each session);
//! `mixed` adds each MCU's own failover (3a, 4a), reported per MCU. After
//! every event each driver reads what a user's program needs (the
//! conference's state reached; for a per-MCU report, the MCU session's new
//! state and the call's fate) and folds it into one number, which must be
//! the same for every driver.
//!
//! The drivers: `by_hand`; `typed` (`ConferenceSession`, walking the cycle
//! as code that knows each state); `apply` (`AnyConference::apply`, the
//! event as a `ConferenceEvent`). Per-MCU reports go through `mcu_event` in
//! both of ours.

use std::hint::black_box;
use std::process::ExitCode;
use std::time::Instant;

use mcu_session::conference::{McuReport, McuStatuses, Reconnection};
use mcu_session::{
    AdvertisedMcu, AnyConference, AnySession, AudioVideo, AudioVideoMcuSession, ConferenceEvent,
    ConferenceSession, ConferenceSessionState, Effect, Event, InstantMessaging,
    InstantMessagingMcuSession, Joined, McuCall, McuInfo, McuStatus, McuType, StateChanged, Uri,
};

const EVENTS: usize = 1_000_000;

/// Everything inside is counted.
#[inline(never)]
fn measure<T>(work: impl FnOnce() -> T) -> T {
    black_box(work())
}

/// A focus report about the conference, in the form the workloads are
/// built from (the by-hand driver takes it as it is).
#[derive(Clone, Copy)]
enum Focus {
    Failover,
    Reconnected(McuStatuses),
}

/// Which MCU a per-MCU report is about.
#[derive(Clone, Copy)]
enum Mcu {
    InstantMessaging,
    AudioVideo,
}

/// One report: about the conference (`F`, in each driver's own form), or
/// one MCU's own failover (3a, then 4a), which each driver hands its MCU
/// session as its API takes it.
#[derive(Clone, Copy)]
enum Input<F> {
    Focus(F),
    McuFailingOver(Mcu),
    FailoverCompleted(Mcu),
}

const BOTH_ACTIVE: McuStatuses = McuStatuses {
    instant_messaging: McuStatus::Active,
    audio_video: McuStatus::Active,
};

/// The workload's reports, with the focus's in the form `focus` makes.
fn inputs<F>(workload: &str, focus: impl Fn(Focus) -> F) -> Option<Vec<Input<F>>> {
    let cycle = match workload {
        "focus" => 2,
        "mixed" => 6,
        _ => return None,
    };
    let report = |i: usize| match i % cycle {
        0 => Input::Focus(focus(Focus::Failover)),
        1 => Input::Focus(focus(Focus::Reconnected(BOTH_ACTIVE))),
        2 => Input::McuFailingOver(Mcu::InstantMessaging),
        3 => Input::FailoverCompleted(Mcu::InstantMessaging),
        4 => Input::McuFailingOver(Mcu::AudioVideo),
        _ => Input::FailoverCompleted(Mcu::AudioVideo),
    };
    Some((0..EVENTS / cycle * cycle).map(report).collect())
}

fn uri(text: &str) -> Uri {
    Uri::parse(text).unwrap_or_else(|error| unreachable!("{error}"))
}

const FOCUS: &str = "sip:alice@contoso.com;gruu;opaque=app:conf:focus:id:7QX2";
const CHAT: &str = "sip:alice@contoso.com;gruu;opaque=app:conf:chat:id:7QX2";
const AV: &str = "sip:alice@contoso.com;gruu;opaque=app:conf:audio-video:id:7QX2";

fn offered() -> Vec<AdvertisedMcu> {
    vec![
        AdvertisedMcu::of::<InstantMessaging>(uri(CHAT), None),
        AdvertisedMcu::of::<AudioVideo>(uri(AV), None),
    ]
}

/// A Connected conference with both MCU sessions Active.
fn connected() -> ConferenceSession<mcu_session::conference::Connected> {
    let mut conference = ConferenceSession::new(uri(FOCUS));
    assert!(
        conference
            .attach(InstantMessagingMcuSession::new(uri(FOCUS)))
            .is_ok()
    );
    assert!(
        conference
            .attach(AudioVideoMcuSession::new(uri(FOCUS)))
            .is_ok()
    );
    let Ok(mut connected) = conference.join().joined(offered()) else {
        unreachable!("the offer names each type once")
    };
    let now = Instant::now();
    let im = McuReport::Activated(McuInfo::new(uri(CHAT), None));
    let av = McuReport::Activated(McuInfo::new(uri(AV), None));
    assert!(connected.mcu_event::<InstantMessaging>(im, now).is_ok());
    assert!(connected.mcu_event::<AudioVideo>(av, now).is_ok());
    connected
}

/// What a user reads of a conference state.
fn conference_code(state: ConferenceSessionState) -> u64 {
    state as u64
}

/// What a user reads of an MCU session's transition: its new state and
/// what became of the call.
fn mcu_code(change: StateChanged) -> u64 {
    let call = match change.call() {
        Some(McuCall::Terminated) => 1,
        Some(McuCall::Kept) => 2,
        None => 0,
    };
    16 + change.to() as u64 * 4 + call
}

fn refused() -> u64 {
    1 << 20
}

/// The hand-written driver: the conference's state as a user writes it,
/// every report applied to each MCU session concerned by hand, through
/// `AnySession::apply`.
mod by_hand {
    use super::*;

    /// The reference's seven states, as a user writes them (the workloads
    /// never leave Connected and Reconnecting).
    #[derive(Clone, Copy, PartialEq, Eq)]
    #[allow(dead_code)]
    pub enum State {
        Idle,
        Connecting,
        Connected,
        InLobby,
        Reconnecting,
        Disconnecting,
        Disconnected,
    }

    pub struct Conference {
        pub state: State,
        pub im: AnySession<InstantMessaging>,
        pub av: AnySession<AudioVideo>,
    }

    impl Conference {
        pub fn new() -> Self {
            let now = Instant::now();
            let im = InstantMessagingMcuSession::new(uri(FOCUS)).conference_joined(offered());
            let av = AudioVideoMcuSession::new(uri(FOCUS)).conference_joined(offered());
            let (Ok(Joined::Bound(im)), Ok(Joined::Bound(av))) = (im, av) else {
                unreachable!("the offer names each type once")
            };
            Self {
                state: State::Connected,
                im: AnySession::from(im.mcu_activated(McuInfo::new(uri(CHAT), None), now)),
                av: AnySession::from(av.mcu_activated(McuInfo::new(uri(AV), None), now)),
            }
        }

        fn state(&self) -> ConferenceSessionState {
            match self.state {
                State::Idle => ConferenceSessionState::Idle,
                State::Connecting => ConferenceSessionState::Connecting,
                State::Connected => ConferenceSessionState::Connected,
                State::InLobby => ConferenceSessionState::InLobby,
                State::Reconnecting => ConferenceSessionState::Reconnecting,
                State::Disconnecting => ConferenceSessionState::Disconnecting,
                State::Disconnected => ConferenceSessionState::Disconnected,
            }
        }

        pub fn report(&mut self, input: Input<Focus>, now: Instant) -> u64 {
            match (self.state, input) {
                (State::Connected | State::InLobby, Input::Focus(Focus::Failover)) => {
                    self.state = State::Reconnecting;
                    // 3b for each Active session; an Idle one is not concerned.
                    let _ = self.im.apply(Event::FocusReconnecting, now);
                    let _ = self.av.apply(Event::FocusReconnecting, now);
                }
                (State::Reconnecting, Input::Focus(Focus::Reconnected(statuses))) => {
                    self.state = State::Connected;
                    let im = Event::FocusReconnected {
                        mcu: statuses.instant_messaging,
                    };
                    let av = Event::FocusReconnected {
                        mcu: statuses.audio_video,
                    };
                    let _ = self.im.apply(im, now);
                    let _ = self.av.apply(av, now);
                }
                (State::Connected, Input::McuFailingOver(Mcu::InstantMessaging)) => {
                    return mcu(self.im.apply(Event::McuFailingOver, now));
                }
                (State::Connected, Input::McuFailingOver(Mcu::AudioVideo)) => {
                    return mcu(self.av.apply(Event::McuFailingOver, now));
                }
                (State::Connected, Input::FailoverCompleted(Mcu::InstantMessaging)) => {
                    return mcu(self.im.apply(Event::FailoverCompleted, now));
                }
                (State::Connected, Input::FailoverCompleted(Mcu::AudioVideo)) => {
                    return mcu(self.av.apply(Event::FailoverCompleted, now));
                }
                _ => return refused(),
            }
            conference_code(self.state())
        }
    }
}

fn conference_event(focus: Focus) -> ConferenceEvent {
    match focus {
        Focus::Failover => ConferenceEvent::FocusFailover,
        Focus::Reconnected(statuses) => {
            ConferenceEvent::Reconnected(Reconnection::Conference(statuses))
        }
    }
}

/// What a user reads of a per-MCU report through the conference.
fn mcu<E>(result: Result<Effect, E>) -> u64 {
    match result {
        Ok(Effect::StateChanged(change)) => mcu_code(change),
        _ => refused(),
    }
}

/// An MCU's own failover, or its end, as the report for the MCU of type `M`.
#[derive(Debug, Clone, Copy)]
enum McuCause {
    FailingOver,
    FailoverCompleted,
}

fn report<M: McuType>(cause: McuCause) -> McuReport<M> {
    match cause {
        McuCause::FailingOver => McuReport::FailingOver,
        McuCause::FailoverCompleted => McuReport::FailoverCompleted,
    }
}

/// One MCU's own report, through the runtime view.
fn mcu_report(conference: &mut AnyConference, which: Mcu, cause: McuCause, now: Instant) -> u64 {
    match which {
        Mcu::InstantMessaging => mcu(conference.mcu_event::<InstantMessaging>(report(cause), now)),
        Mcu::AudioVideo => mcu(conference.mcu_event::<AudioVideo>(report(cause), now)),
    }
}

/// One MCU's own report, through the typed conference.
fn typed_mcu_report(
    conference: &mut ConferenceSession<mcu_session::conference::Connected>,
    which: Mcu,
    cause: McuCause,
    now: Instant,
) -> u64 {
    match which {
        Mcu::InstantMessaging => mcu(conference.mcu_event::<InstantMessaging>(report(cause), now)),
        Mcu::AudioVideo => mcu(conference.mcu_event::<AudioVideo>(report(cause), now)),
    }
}

/// The conference's runtime view, as an event loop drives it.
fn runtime(conference: &mut AnyConference, input: Input<ConferenceEvent>, now: Instant) -> u64 {
    match input {
        Input::Focus(event) => match conference.apply(event) {
            Ok(effect) => conference_code(effect.transition().to),
            Err(_) => refused(),
        },
        Input::McuFailingOver(which) => mcu_report(conference, which, McuCause::FailingOver, now),
        Input::FailoverCompleted(which) => {
            mcu_report(conference, which, McuCause::FailoverCompleted, now)
        }
    }
}

/// The typed conference, walking the workload's cycle as code that knows
/// each state at compile time: the cycle's reports are checked, not
/// trusted, and a report out of place ends the walk.
fn typed(
    mut connected: ConferenceSession<mcu_session::conference::Connected>,
    inputs: &[Input<Focus>],
    cycle: usize,
    now: Instant,
) -> Option<(u64, ConferenceSession<mcu_session::conference::Connected>)> {
    let mut sum = 0;
    for reports in inputs.chunks_exact(cycle) {
        let [
            Input::Focus(Focus::Failover),
            Input::Focus(Focus::Reconnected(statuses)),
            rest @ ..,
        ] = reports
        else {
            return None;
        };
        let reconnecting = connected.reconnecting();
        sum = fold(sum, conference_code(reconnecting.state()));
        let (back, _changes) = reconnecting.reconnected_to_conference(*statuses);
        connected = back;
        sum = fold(sum, conference_code(connected.state()));
        for report in rest {
            let code = match *report {
                Input::McuFailingOver(which) => {
                    typed_mcu_report(&mut connected, which, McuCause::FailingOver, now)
                }
                Input::FailoverCompleted(which) => {
                    typed_mcu_report(&mut connected, which, McuCause::FailoverCompleted, now)
                }
                Input::Focus(_) => return None,
            };
            sum = fold(sum, code);
        }
    }
    Some((sum, connected))
}

fn fold(sum: u64, code: u64) -> u64 {
    sum.wrapping_mul(31).wrapping_add(code)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let (driver, workload) = match args[..] {
        [driver, workload] => (driver, workload),
        // `cargo bench` runs every bench target with `--bench`: this one is
        // meant for the script.
        ["--bench"] => {
            println!("conference: run benches/instructions.sh");
            return ExitCode::SUCCESS;
        }
        _ => {
            eprintln!("usage: conference <by_hand|typed|apply> <focus|mixed>");
            return ExitCode::from(2);
        }
    };
    let now = Instant::now();
    let folded = match driver {
        "by_hand" => inputs(workload, |focus| focus).map(|inputs| {
            let mut conference = by_hand::Conference::new();
            measure(|| {
                inputs
                    .into_iter()
                    .fold(0, |sum, input| fold(sum, conference.report(input, now)))
            })
        }),
        "typed" => inputs(workload, |focus| focus).and_then(|inputs| {
            let cycle = if workload == "focus" { 2 } else { 6 };
            let conference = connected();
            // The conference comes back out, to be dropped after the count.
            measure(|| typed(conference, &inputs, cycle, now)).map(|(sum, _)| sum)
        }),
        "apply" => inputs(workload, conference_event).map(|inputs| {
            let mut conference = AnyConference::from(connected());
            measure(|| {
                inputs.into_iter().fold(0, |sum, input| {
                    fold(sum, runtime(&mut conference, input, now))
                })
            })
        }),
        _ => None,
    };
    let Some(folded) = folded else {
        return ExitCode::from(2);
    };
    // Every driver reads the same: the script compares the folded reads.
    println!("{folded}");
    ExitCode::SUCCESS
}
