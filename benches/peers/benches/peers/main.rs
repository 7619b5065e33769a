//! One implementation on one workload, for `benches/peers/instructions.sh`
//! to run under `valgrind --tool=callgrind --toggle-collect='*measure*'`:
//! only what runs inside `measure` is counted, not building the inputs.
//!
//! Every driver reads, after each event, what a user's program needs (the
//! state reached; on a return to Active, the call's fate; or the refusal),
//! through the implementation's public API, into a [`Log`]; each
//! implementation's log must equal the by-hand machine's on the same events.
//!
//! ```text
//! peers <by_hand|statig|rust_fsm|smlang|typed|apply> <data_free|data_free_mixed|with_data|with_data_mixed>
//! ```

mod by_hand;
mod with_rust_fsm;
mod with_smlang;
mod with_statig;

use std::hint::black_box;
use std::process::ExitCode;
use std::time::Instant;

use mcu_session::{
    Active, AnySession, Effect, Event, InstantMessaging, InstantMessagingMcuSession, Joined,
    McuCall, McuInfo, McuStatus, Reconnected, Resumed, Session, StateChanged,
};
use mcu_session_peers::{Log, Phase, workload};

const EVENTS: usize = 1_000_000;

/// Everything inside is counted.
#[inline(never)]
fn measure<T>(work: impl FnOnce() -> T) -> T {
    black_box(work())
}

/// The workload's events and where the session starts.
fn events(workload: &str) -> Option<(Vec<Event>, Phase, usize)> {
    Some(match workload {
        "data_free" => (workload::data_free(EVENTS), Phase::Active, 0),
        // Whole cycles of seven, as the typed walk takes them: 999,999.
        "with_data" => (workload::with_data(EVENTS / 7 * 7), Phase::Idle, 0),
        "data_free_mixed" => {
            let (events, invalid) = workload::mixed(workload::data_free(EVENTS * 9 / 10), true);
            (events, Phase::Active, invalid)
        }
        "with_data_mixed" => {
            let (events, invalid) = workload::mixed(workload::with_data(EVENTS * 9 / 10), false);
            (events, Phase::Idle, invalid)
        }
        _ => return None,
    })
}

/// What the by-hand machine's user reads on `events`: the log every other
/// implementation must reproduce.
fn by_hand_log(events: &[Event], phase: Phase) -> Log {
    let mut machine = by_hand::Machine::new(phase);
    drive(events, |event| {
        let moved = machine.handle(event)?;
        Some((moved.to as u64, moved.call_kept))
    })
}

/// What a user reads from a state change: where the session is, and what
/// the transition says of the call.
#[inline]
fn read(change: StateChanged) -> (u64, Option<bool>) {
    (
        change.to() as u64,
        change.call().map(|call| call == McuCall::Kept),
    )
}

fn bound_idle() -> Session<mcu_session::Idle, InstantMessaging> {
    let conference =
        mcu_session::Uri::parse("sip:alice@contoso.com;gruu;opaque=app:conf:focus:id:7QX2")
            .unwrap_or_else(|error| unreachable!("{error}"));
    match InstantMessagingMcuSession::new(conference).conference_joined([workload::chat()]) {
        Ok(Joined::Bound(idle)) => idle,
        Ok(Joined::Unsupported(_)) | Err(_) => unreachable!("the conference offers chat once"),
    }
}

fn activation() -> McuInfo<InstantMessaging> {
    McuInfo::try_from(workload::chat()).unwrap_or_else(|error| unreachable!("{error}"))
}

fn any_session(phase: Phase) -> AnySession<InstantMessaging> {
    let mut session = AnySession::from(bound_idle());
    if phase == Phase::Active {
        let _ = session.apply(
            Event::McuActivated {
                mcu: workload::chat(),
            },
            Instant::now(),
        );
    }
    session
}

/// 3a, 4a, 3b, 4b through the typed API, reading what the others read.
#[inline(always)]
fn round_trips(
    active: Session<Active, InstantMessaging>,
    log: &mut Log,
) -> Session<Active, InstantMessaging> {
    let retrying = active.mcu_failing_over();
    log.moved(
        retrying.state() as u64,
        Some(retrying.call() == McuCall::Kept),
    );
    let active = resumed(retrying.failover_completed(), log);
    let retrying = active.focus_reconnecting();
    log.moved(
        retrying.state() as u64,
        Some(retrying.call() == McuCall::Kept),
    );
    match retrying.focus_reconnected(black_box(McuStatus::Active)) {
        Reconnected::Active(back) => resumed(back, log),
        Reconnected::Idle(_) => unreachable!("the MCU is active"),
    }
}

/// Back to Active (4a, 4b): the state, and whether the call survived.
#[inline(always)]
fn resumed(resumed: Resumed<InstantMessaging>, log: &mut Log) -> Session<Active, InstantMessaging> {
    let kept = resumed.call() == McuCall::Kept;
    let active = resumed.into_session();
    log.moved(active.state() as u64, Some(kept));
    active
}

/// The typed API walks the known sequence statically: no dispatch, and no
/// wrong event can be written. It reads what the others read.
fn typed(workload: &str) -> Option<Log> {
    match workload {
        "data_free" => {
            let active = bound_idle().mcu_activated(activation(), Instant::now());
            Some(measure(|| {
                let mut log = Log::default();
                let mut active = active;
                for _ in 0..EVENTS / 4 {
                    active = round_trips(active, &mut log);
                }
                log
            }))
        }
        "with_data" => {
            let activations: Vec<_> = (0..EVENTS / 7).map(|_| activation()).collect();
            let idle = bound_idle();
            let now = Instant::now();
            Some(measure(|| {
                let mut log = Log::default();
                let mut idle = idle;
                for mcu in activations {
                    let active = idle.mcu_activated(mcu, now);
                    log.moved(active.state() as u64, None);
                    let retrying = round_trips(active, &mut log).focus_reconnecting();
                    log.moved(
                        retrying.state() as u64,
                        Some(retrying.call() == McuCall::Kept),
                    );
                    idle = match retrying.focus_reconnected(black_box(McuStatus::NotActive)) {
                        Reconnected::Idle(idle) => {
                            log.moved(idle.state() as u64, None);
                            idle
                        }
                        Reconnected::Active(_) => unreachable!("the MCU is not active"),
                    };
                }
                log
            }))
        }
        _ => None,
    }
}

/// Feeds every input to `handle` and logs what it reads: the state reached
/// and what the transition said of the call, or a refusal.
#[inline(always)]
fn drive<I>(
    inputs: impl IntoIterator<Item = I>,
    mut handle: impl FnMut(I) -> Option<(u64, Option<bool>)>,
) -> Log {
    let mut log = Log::default();
    for input in inputs {
        match handle(input) {
            Some((to, call_kept)) => log.moved(to, call_kept),
            None => log.refused(),
        }
    }
    log
}

fn run(implementation: &str, events: Vec<Event>, phase: Phase) -> Option<Log> {
    Some(match implementation {
        "by_hand" => {
            let mut machine = by_hand::Machine::new(phase);
            measure(|| {
                drive(&events, |event| {
                    let moved = machine.handle(event)?;
                    Some((moved.to as u64, moved.call_kept))
                })
            })
        }
        "statig" => {
            let mut machine = with_statig::Machine::new(phase);
            measure(|| {
                drive(&events, |event| {
                    let (to, call_kept) = machine.handle(event)?;
                    Some((to as u64, call_kept))
                })
            })
        }
        "rust_fsm" => {
            let inputs: Vec<_> = events.iter().map(with_rust_fsm::input).collect();
            let mut machine = with_rust_fsm::Machine::new(phase);
            measure(|| {
                drive(&inputs, |input| {
                    let (to, call_kept) = machine.handle(input)?;
                    Some((to as u64, call_kept))
                })
            })
        }
        "smlang" => {
            let inputs: Vec<_> = events.iter().map(with_smlang::input).collect();
            let mut machine = with_smlang::Machine::new(phase);
            measure(|| {
                drive(inputs, |input| {
                    let (to, call_kept) = machine.handle(input)?;
                    Some((to as u64, call_kept))
                })
            })
        }
        "apply" => {
            let mut session = any_session(phase);
            let now = Instant::now();
            measure(|| {
                drive(events, |event| match session.apply(event, now) {
                    Ok(Effect::StateChanged(change)) => Some(read(change)),
                    Ok(_) => Some((session.state() as u64, None)),
                    Err(_) => None,
                })
            })
        }
        _ => return None,
    })
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let [implementation, workload] = args[..] else {
        // `cargo bench` runs every bench target with `--bench`.
        println!("peers: run benches/peers/instructions.sh");
        return ExitCode::SUCCESS;
    };
    let Some((events, phase, invalid)) = events(workload) else {
        return usage();
    };
    let expected = by_hand_log(&events, phase);
    assert_eq!(expected.refused, invalid, "the workload's invalid events");
    let log = if implementation == "typed" {
        typed(workload)
    } else {
        run(implementation, events, phase)
    };
    match log {
        Some(log) => {
            assert_eq!(
                log, expected,
                "{implementation} {workload}: what the user reads"
            );
            ExitCode::SUCCESS
        }
        None => usage(),
    }
}

fn usage() -> ExitCode {
    eprintln!(
        "usage: peers <by_hand|statig|rust_fsm|smlang|typed|apply> <data_free|data_free_mixed|with_data|with_data_mixed>"
    );
    ExitCode::from(2)
}
