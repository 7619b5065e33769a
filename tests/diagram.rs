//! The state diagram shown in the README and the crate docs is the one the
//! transition table renders, so it can never drift from the code.

use mcu_session::transitions::state_diagram;

#[test]
fn readme_shows_the_rendered_diagram() {
    let readme = include_str!("../README.md");
    let block = format!("```mermaid\n{}```\n", state_diagram());
    assert!(
        readme.contains(&block),
        "README.md's mermaid block differs from transitions::state_diagram(); paste:\n{block}"
    );
}

#[test]
fn crate_docs_show_the_rendered_diagram() {
    assert_eq!(
        include_str!("../src/transitions.mmd"),
        state_diagram(),
        "regenerate src/transitions.mmd from transitions::state_diagram()"
    );
}

#[test]
fn diagram_has_one_edge_per_table_row() {
    let edges = state_diagram()
        .lines()
        .filter(|line| line.contains("-->"))
        .count();
    // Plus the entry and the exit.
    assert_eq!(edges, mcu_session::transitions::TRANSITIONS.len() + 2);
}
