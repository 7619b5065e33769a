// The states are type-level variants: there is no value of them.
use mcu_session::Active;

fn main() {
    let _state = Active;
}
