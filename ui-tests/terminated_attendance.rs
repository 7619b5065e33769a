// A Terminated session takes no attendance reports.
use mcu_session::{Attendance, InstantMessagingMcuSession, Terminated, Uri};

fn misuse(mut session: InstantMessagingMcuSession<Terminated>, bob: Uri) {
    let _ = session.attendance(Attendance::Left(bob));
}

fn main() {}
