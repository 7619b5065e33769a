//! One implementation on one workload, for `benches/peers/instructions.sh`
//! to run under `valgrind --tool=callgrind --toggle-collect='*measure*'`:
//! only what runs inside `measure` is counted, not building the inputs.
//!
//! ```text
//! peers <by_hand|statig|rust_fsm|smlang|typed|any_session> <data_free|data_free_mixed|with_data|with_data_mixed>
//! ```

use std::hint::black_box;
use std::process::ExitCode;
use std::time::Instant;

use mcu_session::{
    AnySession, Event, InstantMessaging, InstantMessagingMcuSession, Joined, McuInfo, McuStatus,
    Reconnected, Session, Signal,
};
use mcu_session_peers::{Phase, by_hand, with_rust_fsm, with_smlang, with_statig, workload};

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
        "with_data" => (workload::with_data(EVENTS), Phase::Idle, 0),
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

/// The typed API walks the known sequence statically: no dispatch, and no
/// wrong event can be written.
fn typed(workload: &str) -> Option<usize> {
    match workload {
        "data_free" => {
            let active = bound_idle().mcu_activated(activation(), Instant::now());
            let cycles = EVENTS / 4;
            measure(|| {
                let mut active = active;
                for _ in 0..cycles {
                    // `black_box(&_)`: each state must exist, none is copied
                    // to prove it.
                    let retrying = active.mcu_failing_over();
                    black_box(&retrying);
                    let resumed = retrying.failover_completed().into_session();
                    black_box(&resumed);
                    let retrying = resumed.focus_reconnecting();
                    black_box(&retrying);
                    active = match retrying.focus_reconnected(black_box(McuStatus::Active)) {
                        Reconnected::Active(resumed) => resumed.into_session(),
                        Reconnected::Idle(_) => unreachable!("the MCU is active"),
                    };
                    black_box(&active);
                }
                active.state()
            });
            Some(0)
        }
        "with_data" => {
            let activations: Vec<_> = (0..EVENTS / 7).map(|_| activation()).collect();
            let idle = bound_idle();
            let now = Instant::now();
            measure(|| {
                let mut idle = idle;
                for mcu in activations {
                    let active = idle.mcu_activated(mcu, now);
                    black_box(&active);
                    let retrying = active.mcu_failing_over();
                    black_box(&retrying);
                    let active = retrying.failover_completed().into_session();
                    black_box(&active);
                    let retrying = active.focus_reconnecting();
                    black_box(&retrying);
                    let active = match retrying.focus_reconnected(black_box(McuStatus::Active)) {
                        Reconnected::Active(resumed) => resumed.into_session(),
                        Reconnected::Idle(_) => unreachable!("the MCU is active"),
                    };
                    black_box(&active);
                    let retrying = active.focus_reconnecting();
                    black_box(&retrying);
                    idle = match retrying.focus_reconnected(black_box(McuStatus::NotActive)) {
                        Reconnected::Idle(idle) => idle,
                        Reconnected::Active(_) => unreachable!("the MCU is not active"),
                    };
                    black_box(&idle);
                }
                idle.state()
            });
            Some(0)
        }
        _ => None,
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let [implementation, workload] = args[..] else {
        // `cargo bench` runs every bench target with `--bench`.
        println!("peers: run benches/peers/instructions.sh");
        return ExitCode::SUCCESS;
    };
    let rejected = if implementation == "typed" {
        typed(workload)
    } else {
        events(workload).and_then(|(events, phase, invalid)| {
            let rejected = match implementation {
                "by_hand" => {
                    let mut machine = by_hand::Machine::new(phase);
                    measure(|| {
                        events
                            .iter()
                            .filter(|e| !black_box(machine.step(e)))
                            .count()
                    })
                }
                "statig" => {
                    let mut machine = with_statig::Machine::new(phase);
                    measure(|| {
                        events
                            .iter()
                            .filter(|e| !black_box(machine.step(e)))
                            .count()
                    })
                }
                "rust_fsm" => {
                    let inputs: Vec<_> = events.iter().map(with_rust_fsm::input).collect();
                    let mut machine = with_rust_fsm::Machine::new(phase);
                    measure(|| {
                        inputs
                            .iter()
                            .filter(|i| !black_box(machine.step(i)))
                            .count()
                    })
                }
                "smlang" => {
                    let inputs: Vec<_> = events.iter().map(with_smlang::input).collect();
                    let mut machine = with_smlang::Machine::new(phase);
                    measure(|| {
                        inputs
                            .into_iter()
                            .filter(|_| true)
                            .map(|i| black_box(machine.step(i)))
                            .filter(|accepted| !accepted)
                            .count()
                    })
                }
                "any_session" => {
                    let mut session = AnySession::from(bound_idle());
                    if phase == Phase::Active {
                        let _ = session.apply(
                            Event::McuActivated {
                                mcu: workload::chat(),
                            },
                            Instant::now(),
                        );
                    }
                    let now = Instant::now();
                    // Data-free events are `Signal`s: converted before the
                    // count, as the wire would deliver them, and fed through
                    // `signal`; a stream with data goes through `apply`.
                    let signals: Option<Vec<Signal>> = events
                        .iter()
                        .map(|event| Signal::try_from(event.clone()).ok())
                        .collect();
                    match signals {
                        Some(signals) => measure(|| {
                            let mut rejected = 0;
                            for signal in signals {
                                match session.signal(signal) {
                                    Ok(change) => {
                                        black_box(change);
                                    }
                                    Err(refused) => {
                                        black_box(refused);
                                        rejected += 1;
                                    }
                                }
                            }
                            rejected
                        }),
                        None => measure(|| {
                            let mut rejected = 0;
                            for event in events {
                                match session.apply(event, now) {
                                    Ok(effect) => {
                                        black_box(effect);
                                    }
                                    Err(refused) => {
                                        black_box(refused);
                                        rejected += 1;
                                    }
                                }
                            }
                            rejected
                        }),
                    }
                }
                _ => return None,
            };
            assert_eq!(rejected, invalid, "{implementation} {workload}");
            Some(rejected)
        })
    };
    match rejected {
        Some(_) => ExitCode::SUCCESS,
        None => {
            eprintln!(
                "usage: peers <by_hand|statig|rust_fsm|smlang|typed|any_session> <data_free|data_free_mixed|with_data|with_data_mixed>"
            );
            ExitCode::from(2)
        }
    }
}
