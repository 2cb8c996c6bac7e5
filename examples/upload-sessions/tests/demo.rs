//! The walk-through against the in-process fake gives what the server
//! would: the right files, in order, and typed errors.

#[test]
fn the_walk_through_gives_what_the_server_would() {
    let log = upload_sessions::demo::run().expect("runs");
    assert_eq!(log[0], "created session-1");
    assert!(log[1].starts_with("uploaded c.csv"));
    // c.csv is 1,059 bytes; a.csv 2.0 MB and b.csv 3.0 MB: the filter keeps
    // two, ordered by name.
    assert_eq!(log[4], "files over 1 MB, by name: a.csv, b.csv");
    assert_eq!(log[5], "marked done");
    assert_eq!(log[6], "done sessions: 1 (count 1), next page: false");
    assert_eq!(
        log[7],
        "refused: 400 BadRequest: query error at 8..13: `filez` is not a navigation property of `microsoft.graph.customDataProvidedResourceUploadSession` (did you mean `files`?)"
    );
    assert_eq!(
        log[8],
        "refused: 404 ResourceNotFound: no upload session `nope` (request-id fake-0001)"
    );
    assert_eq!(log[9], "deleted session-1");
}
