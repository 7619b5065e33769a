// Where a state guarantees a value, its accessor returns the value, not an
// `Option`; and the state markers are uninhabited (no value of them exists).
use mcu_session::{
    Active, Idle, McuCall, McuInfo, McuType, Retrying, Session, Terminated, TerminationReason,
};

fn active_mcu<M: McuType>(active: &Session<Active, M>) -> &McuInfo<M> {
    active.mcu()
}

fn retrying_mcu<M: McuType>(retrying: &Session<Retrying, M>) -> (&McuInfo<M>, McuCall) {
    (retrying.mcu(), retrying.call())
}

fn terminated_reason<M: McuType>(terminated: &Session<Terminated, M>) -> &TerminationReason {
    terminated.reason()
}

fn idle_mcu<M: McuType>(idle: &Session<Idle, M>) -> Option<&McuInfo<M>> {
    idle.mcu()
}

fn no_idle(state: Idle) -> ! {
    match state {}
}

fn no_active(state: Active) -> ! {
    match state {}
}

fn no_retrying(state: Retrying) -> ! {
    match state {}
}

fn no_terminated(state: Terminated) -> ! {
    match state {}
}

fn main() {
    let _ = (
        active_mcu::<mcu_session::InstantMessaging>,
        retrying_mcu::<mcu_session::AudioVideo>,
        terminated_reason::<mcu_session::InstantMessaging>,
        idle_mcu::<mcu_session::AudioVideo>,
        no_idle,
        no_active,
        no_retrying,
        no_terminated,
    );
}
