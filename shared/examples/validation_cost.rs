//! Prints what each rule costs per call, timed natively over a million calls: the cost of one keystroke.

#[path = "../tests/keystroke/mod.rs"]
mod keystroke;

use std::time::Instant;

fn main() {
    let start = Instant::now();
    for line in keystroke::measure(1_000_000, || start.elapsed().as_nanos() as f64) {
        println!("{line}");
    }
}
