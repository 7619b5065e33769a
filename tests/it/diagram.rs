//! What the manual (docs/manual.md) shows that the code produces (the state diagram, the
//! compiler errors) is checked against the code, so it can never drift.

use mcu_session::mcu::transitions::state_diagram;

#[test]
fn readme_shows_the_rendered_diagram() {
    let readme = include_str!("../../docs/manual.md");
    let block = format!("```mermaid\n{}```\n", state_diagram());
    assert!(
        readme.contains(&block),
        "docs/manual.md's mermaid block differs from transitions::state_diagram(); paste:\n{block}"
    );
}

#[test]
fn crate_docs_show_the_rendered_diagram() {
    assert_eq!(
        include_str!("../../src/mcu/transitions.mmd"),
        state_diagram(),
        "regenerate src/mcu/transitions.mmd from transitions::state_diagram()"
    );
}

#[test]
fn diagram_has_one_edge_per_table_row() {
    let edges = state_diagram()
        .lines()
        .filter(|line| line.contains("-->"))
        .count();
    // Plus the entry and the exit.
    assert_eq!(edges, mcu_session::mcu::transitions::TRANSITIONS.len() + 2);
}

#[test]
fn readme_quotes_the_compiler_errors_verbatim() {
    let readme = include_str!("../../docs/manual.md");
    for (name, stderr) in [
        (
            "idle_mcu_failing_over",
            include_str!("../../ui-tests/idle_mcu_failing_over.stderr"),
        ),
        (
            "activate_with_other_mcu_type",
            include_str!("../../ui-tests/activate_with_other_mcu_type.stderr"),
        ),
        (
            "idle_request",
            include_str!("../../ui-tests/idle_request.stderr"),
        ),
    ] {
        assert!(
            readme.contains(&format!("```text\n{stderr}```")),
            "docs/manual.md's copy of ui-tests/{name}.stderr is out of date"
        );
    }
}

#[test]
fn readme_shows_the_conference_diagram_the_table_renders() {
    let readme = include_str!("../../docs/manual.md");
    let diagram = mcu_session::conference::transitions::state_diagram();
    assert!(
        readme.contains(&format!("```mermaid\n{diagram}```")),
        "docs/manual.md's conference diagram differs from conference::transitions::state_diagram(); paste:\n{diagram}"
    );
}

#[test]
fn crate_docs_show_the_conference_diagram_the_table_renders() {
    assert_eq!(
        include_str!("../../src/conference/transitions.mmd"),
        mcu_session::conference::transitions::state_diagram(),
        "regenerate src/conference/transitions.mmd from conference::transitions::state_diagram()"
    );
}
