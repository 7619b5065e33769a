//! Nothing: the package is its tests (`tests/ui.rs`).
