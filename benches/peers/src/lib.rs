//! What every implementation of the MCU session machine in this bench is
//! measured on: the events it is fed, and what a user's program reads from
//! it after each one. The machines themselves are written in the bench's
//! own crate (`benches/peers/`), as a user writes them in theirs.

/// The states, as a user's program without mcu-session names them: in the
/// order of `mcu_session::McuSessionState`, so that each implementation's
/// own state reads as the same number (`as u64`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    Idle,
    Active,
    Retrying,
    Terminated,
}

/// What a user's program reads after each event, as every driver records
/// it: the state the machine reached (as its number) and what the
/// transition says of the call with the MCU (terminated or kept by 3a and
/// 3b; on the return to Active, 4a and 4b, whether it survived); or that
/// the event was refused. Folded into one number, so that the reads cannot
/// be optimized away and every implementation's reads can be checked
/// against the by-hand machine's.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Log {
    digest: u64,
    /// How many events were refused.
    pub refused: usize,
}

impl Log {
    /// The machine moved (or stayed) in the state numbered `to`;
    /// `call_kept` is what the transition says of the call (`None`: nothing).
    #[inline]
    pub fn moved(&mut self, to: u64, call_kept: Option<bool>) {
        let call = match call_kept {
            None => 0,
            Some(false) => 1,
            Some(true) => 2,
        };
        self.digest = self.digest.wrapping_mul(31).wrapping_add(to * 3 + call);
    }

    /// The event was refused.
    #[inline]
    pub fn refused(&mut self) {
        self.refused += 1;
    }
}

/// The events every implementation is fed.
pub mod workload {
    use mcu_session::{AdvertisedMcu, Event, InstantMessaging, McuStatus, Uri};

    pub fn chat() -> AdvertisedMcu {
        let uri = Uri::parse("sip:alice@contoso.com;gruu;opaque=app:conf:chat:id:7QX2")
            .unwrap_or_else(|error| unreachable!("{error}"));
        AdvertisedMcu::of::<InstantMessaging>(uri, Some("Chat".to_owned()))
    }

    /// Data-free: 3a, 4a, 3b, 4b, from Active, over and over.
    pub fn data_free(len: usize) -> Vec<Event> {
        let cycle = [
            Event::McuFailingOver,
            Event::FailoverCompleted,
            Event::FocusReconnecting,
            Event::FocusReconnected {
                mcu: McuStatus::Active,
            },
        ];
        cycle.into_iter().cycle().take(len).collect()
    }

    /// With data: 1 (carrying the MCU's entry), 3a, 4a, 3b, 4b, 3b, 4c, from
    /// Idle, over and over.
    pub fn with_data(len: usize) -> Vec<Event> {
        let cycle = || {
            [
                Event::McuActivated { mcu: chat() },
                Event::McuFailingOver,
                Event::FailoverCompleted,
                Event::FocusReconnecting,
                Event::FocusReconnected {
                    mcu: McuStatus::Active,
                },
                Event::FocusReconnecting,
                Event::FocusReconnected {
                    mcu: McuStatus::NotActive,
                },
            ]
        };
        (0..len.div_ceil(7))
            .flat_map(|_| cycle())
            .take(len)
            .collect()
    }

    /// `valid` with every tenth event replaced by one undocumented where it
    /// arrives; the session state is tracked from the valid ones. Returns
    /// the events and how many are invalid.
    pub fn mixed(valid: Vec<Event>, starts_active: bool) -> (Vec<Event>, usize) {
        let mut active = starts_active; // Active, else Idle or Retrying
        let mut events = Vec::with_capacity(valid.len() * 10 / 9 + 1);
        let mut invalid = 0;
        for event in valid {
            if events.len() % 10 == 9 {
                events.push(if active {
                    Event::FailoverCompleted // documented for Retrying only
                } else {
                    Event::McuFailingOver // documented for Active only
                });
                invalid += 1;
            }
            match &event {
                Event::McuActivated { .. }
                | Event::FailoverCompleted
                | Event::FocusReconnected {
                    mcu: McuStatus::Active,
                } => active = true,
                Event::McuFailingOver
                | Event::FocusReconnecting
                | Event::FocusReconnected {
                    mcu: McuStatus::NotActive,
                } => active = false,
                _ => {}
            }
            events.push(event);
        }
        (events, invalid)
    }
}
