//! Query options of the upload-session API: the list page's examples parse,
//! bind (with the page's operator table) and evaluate in memory; invalid
//! queries are refused at their exact byte range with their message; the
//! canonical form round-trips, through the `url` crate too.

use graph_model::graph::CustomDataProvidedResourceFile as File;
use graph_model_odata::query::{
    self, bind, eval, eval_items, Bound, Dialect, Query, Restrictions, Severity,
};
use graph_model_tools::validate::bundled_model;
use serde_json::{json, Value};

const SESSION: &str = "microsoft.graph.customDataProvidedResourceUploadSession";

fn bound(
    query: &str,
    collection: bool,
    dialect: Dialect,
) -> Result<Bound<'static>, Vec<query::QueryError>> {
    let model = bundled_model();
    let ty = model.lookup(SESSION).expect("the session type");
    let parsed = query::parse(query, dialect).map_err(|e| vec![e])?;
    bind(
        model,
        ty,
        collection,
        parsed,
        &Restrictions::upload_session_files(),
    )
}

/// The list page's examples, as written (spaces and all).
const LIST_PAGE: [&str; 6] = [
    "$expand=files($filter=name eq 'building-a-access.csv')",
    "$expand=files($filter=size gt 1000000)",
    "$expand=files($filter=uploadedDateTime ge 2026-01-01T00:00:00Z)",
    "$expand=files($orderby=uploadedDateTime desc)",
    "$expand=files($filter=size gt 1000000)",
    "$expand=files($orderby=name asc)",
];

#[test]
fn the_list_pages_examples_parse_and_bind_in_both_dialects() {
    for q in LIST_PAGE {
        for dialect in [Dialect::STANDARD, Dialect::graph()] {
            let b = bound(q, false, dialect).unwrap_or_else(|e| panic!("{q}: {e:?}"));
            assert!(b.warnings.is_empty(), "{q}: {:?}", b.warnings);
            assert_eq!(b.query.expand.len(), 1);
            assert_eq!(b.query.expand[0].path[0].name, "files");
        }
    }
    // The same on the collection of sessions, with the options the page lists.
    let q = "$expand=files($filter=size gt 1000000;$orderby=name asc)&$filter=status eq 'active'&$orderby=createdDateTime desc&$top=10&$skip=0&$count=true";
    bound(q, true, Dialect::STANDARD).expect("binds");
}

/// `(collection?, Graph's dialect?, query, the text the error points at —
/// its first occurrence, or with `>` its last —, message)`.
const INVALID: &[(bool, bool, &str, &str, &str)] = &[
    (false, false, "$expand=filez", "filez", "`filez` is not a navigation property of `microsoft.graph.customDataProvidedResourceUploadSession` (did you mean `files`?)"),
    (true, false, "$filter=status eq 'Complete'", "'Complete'", "`Complete` is not a member of `microsoft.graph.customDataProvidedResourceUploadStatus` (did you mean `complete`?)"),
    (false, false, "$expand=files($filter=name gt 'a')", "name", "`gt` is not allowed on `name` (allowed: eq, ne)"),
    (false, false, "$expand=files($filter=id eq 'x')", "id", "`id` cannot be filtered on for `microsoft.graph.customDataProvidedResourceFile` (filterable: name, size, uploadedDateTime)"),
    (false, false, "$expand=files($filter=size gt 99999999999999999999)", "99999999999999999999", "`99999999999999999999` does not fit Edm.Int64 (-9223372036854775808 to 9223372036854775807)"),
    (false, false, "$expand=files($filter=uploadedDateTime ge '2026-01-01')", "'2026-01-01'", "a string cannot stand for Edm.DateTimeOffset: write the value without quotes (2026-01-01)"),
    (false, false, "$expand=files($orderby=id)", "id", "`id` cannot be sorted by on `microsoft.graph.customDataProvidedResourceFile` (sortable: name, size, uploadedDateTime)"),
    (true, false, "$top=five", "five", "`$top` takes a non-negative integer, found `five`"),
    (true, false, "$filter=size gt 1", "size", "`size` is not a property of `microsoft.graph.customDataProvidedResourceUploadSession`"),
    (true, false, "$filter=files/name eq 'a'", "name", "`files` is a collection: reach its members with `any`/`all` (`files/any(x: x/name …)`)"),
    (true, false, "$filtr=x", "$filtr", "unknown system query option `$filtr` (did you mean `$filter`?)"),
    (true, false, "$filter=referenceId Eq 'a'", "Eq", "operators are lower case: `eq`, not `Eq`"),
    (true, false, "$filter=referenceId eq 'a", "'a", "the string is not closed: a `'` is missing"),
    (true, false, "$filter=startsWith(referenceId,'a')", "startsWith", "function names are lower case: `startswith`, not `startsWith`"),
    (false, false, "$top=1", "1", "`$top` applies to collections; this addresses a single `microsoft.graph.customDataProvidedResourceUploadSession`"),
    (true, false, "$expand=status", "status", "`status` is microsoft.graph.customDataProvidedResourceUploadStatus, not a navigation property: only navigation properties can be expanded (did you mean `files`?)"),
    (true, false, "$filter=microsoft.graph.entity/id eq 'a'", "microsoft.graph.entity", "`microsoft.graph.entity` does not derive from `microsoft.graph.customDataProvidedResourceUploadSession`: the cast can never match"),
    (true, false, "$filter=referenceId eqq 'a'", "eqq", "expected an operator such as `eq` or `and`, found `eqq` (did you mean `eq`?)"),
    (true, false, "$filter=isUploadDone gt true", "isUploadDone", "`gt` orders values; true and false have no order"),
    (true, false, "$filter=referenceId", "referenceId", "`$filter` must be true or false; this is Edm.String"),
    (true, false, "$filter=contains(stats,'a')", "stats", "`contains` takes a string as argument 1; this is microsoft.graph.customDataProvidedResourceUploadStats"),
    (true, false, "$orderby=stats", "stats", "`$orderby` sorts by single primitive values; this is microsoft.graph.customDataProvidedResourceUploadStats"),
    (true, false, "$filter=isUploadDone eq true&$filter=isUploadDone eq false", ">$filter", "`$filter` is given more than once"),
    (true, false, "$count=yes", "yes", "`$count` takes `true` or `false`, found `yes`"),
    (true, false, "$filter=length(referenceId,1) gt 2", "length(referenceId,1)", "`length` takes 1 argument, not 2"),
    (true, false, "$filter=referenceId%20eq%20'a%ZZ'", "%ZZ", "`%` must start a percent-encoding like `%20`"),
    (true, false, "$filter=nosuch(referenceId)", "nosuch", "unknown function `nosuch`"),
    (true, false, "$expand=files($top=x)", ">x", "`$top` takes a non-negative integer, found `x`"),
    (true, false, "$filter=status eq microsoft.graph.customDataProvidedResourceUploadStats'active'", "microsoft.graph.customDataProvidedResourceUploadStats'active'", "`microsoft.graph.customDataProvidedResourceUploadStats` is not the property's enum type `microsoft.graph.customDataProvidedResourceUploadStatus`"),
    (true, false, "$filter=referenceId+eq+'a'", "+", "expected an operator or the end of the expression, found `+`"),
    (true, false, "$filter $expand=files", "$filter $expand", "unknown system query option `$filter $expand`"),
    (true, false, "$filter =isUploadDone eq true", " ", "a space before `=`: the option is `$filter`"),
    (true, false, "$select=id,status$expand=files", "$expand", "expected `,` or the end of `$select`, found `$expand`"),
    (true, true, "$expand=files($filter=size+gt+1;$orderbyy=name)", "$orderbyy", "unknown system query option `$orderbyy` (did you mean `$orderby`?)"),
    (true, true, "$filter=files/any(f:f/size+gt+1)&$expand=files($select=nam)", "nam", "`nam` is not a property of `microsoft.graph.customDataProvidedResourceFile` (did you mean `name`?)"),
];

#[test]
fn invalid_queries_are_refused_at_their_exact_place() {
    assert!(INVALID.len() >= 20);
    for &(collection, graph, q, at, message) in INVALID {
        let dialect = if graph {
            Dialect::graph()
        } else {
            Dialect::STANDARD
        };
        let errors = bound(q, collection, dialect)
            .err()
            .unwrap_or_else(|| panic!("{q}: accepted"));
        let e = &errors[0];
        let (at, start) = match at.strip_prefix('>') {
            Some(last) => (last, q.rfind(last)),
            None => (at, q.find(at)),
        };
        let start = start.unwrap_or_else(|| panic!("`{at}` is not in {q}"));
        assert_eq!(
            (e.span.clone(), e.to_string()),
            (
                start..start + at.len(),
                format!("error at {}..{}: {message}", start, start + at.len())
            ),
            "{q}"
        );
        assert_eq!(e.severity, Severity::Error);
    }
}

#[test]
fn what_graph_takes_is_a_warning_in_its_dialect_and_an_error_in_the_standard() {
    for (q, warning) in [
        ("$filter=status eq 'Complete'", "`Complete` is `complete` in `microsoft.graph.customDataProvidedResourceUploadStatus`; Graph matches members ignoring case"),
        ("$filter=ReferenceId eq 'a'", "`ReferenceId` is `referenceId` in the model; Graph matches names ignoring case"),
    ] {
        let b = bound(q, true, Dialect::graph()).expect("Graph's dialect binds it");
        assert_eq!(b.warnings.len(), 1, "{q}");
        assert!(b.warnings[0].message == warning, "{q}: {}", b.warnings[0]);
        assert!(bound(q, true, Dialect::STANDARD).is_err(), "{q}");
    }
    // `+` is a space, names and functions in any case.
    let b = bound(
        "$filter=startsWith(referenceId,'a')+AND+isUploadDone+EQ+true",
        true,
        Dialect::graph(),
    )
    .expect("binds");
    assert_eq!(
        b.query.to_canonical(),
        "$filter=startswith(referenceId,%27a%27)%20and%20isUploadDone%20eq%20true"
    );
}

#[test]
fn errors_point_into_the_percent_encoded_text_as_written() {
    let q = "$expand=files(%24filter%3Dsize%20gt%20%271%27)";
    let errors = bound(q, true, Dialect::STANDARD).unwrap_err();
    // The comparison `size gt '1'` is written `size%20gt%20%271%27`.
    assert_eq!(&q[errors[0].span.clone()], "size%20gt%20%271%27");
    assert_eq!(
        errors[0].message,
        "`gt` cannot compare Edm.Int64 with Edm.String"
    );
}

#[test]
fn nesting_has_a_limit_and_gives_an_error() {
    let deep = format!("$filter={}isUploadDone{}", "(".repeat(500), ")".repeat(500));
    let errors = bound(&deep, true, Dialect::STANDARD).unwrap_err();
    assert!(
        errors[0].message.contains("nested more than 100 levels"),
        "{}",
        errors[0]
    );
    let fine = format!("$filter={}isUploadDone{}", "(".repeat(40), ")".repeat(40));
    bound(&fine, true, Dialect::STANDARD).expect("40 levels bind");
}

fn session() -> Value {
    json!({
        "@odata.context": "https://graph.microsoft.com/beta/$metadata#uploadSessions/$entity",
        "id": "23f27c15",
        "status": "active",
        "isUploadDone": false,
        "files": [
            {"id": "f1", "name": "c.csv", "size": 2500000, "uploadedDateTime": "2026-01-02T10:00:00Z"},
            {"id": "f2", "name": "a.csv", "size": 999999, "uploadedDateTime": "2025-12-31T23:00:00-02:00"},
            {"id": "f3", "name": "b.csv", "size": 1000001, "uploadedDateTime": "2026-01-01T00:30:00+01:00"},
            {"id": "f4", "name": "d.csv", "size": "9007199254740993", "uploadedDateTime": "2026-01-03T00:00:00Z"}
        ]
    })
}

fn names(v: &Value) -> Vec<&str> {
    v["files"]
        .as_array()
        .expect("files")
        .iter()
        .map(|f| f["name"].as_str().unwrap_or("?"))
        .collect()
}

#[test]
fn expand_files_filters_and_orders_as_the_server_would() {
    let b = bound(
        "$expand=files($filter=size gt 1000000;$orderby=name asc)",
        false,
        Dialect::STANDARD,
    )
    .expect("binds");
    let out = eval(&b, &session()).expect("evaluates");
    // 999999 is out; the Int64 written as a string (IEEE754Compatible) is compared exactly.
    assert_eq!(names(&out), ["b.csv", "c.csv", "d.csv"]);
    assert_eq!(out["status"], "active", "the session itself is kept");

    let b = bound(
        "$expand=files($orderby=uploadedDateTime desc;$top=2;$count=true)",
        false,
        Dialect::STANDARD,
    )
    .unwrap();
    let out = eval(&b, &session()).unwrap();
    // By instant, not by text: 2025-12-31T23:00-02:00 is 2026-01-01T01:00Z,
    // after 2026-01-01T00:30+01:00 (2025-12-31T23:30Z).
    assert_eq!(names(&out), ["d.csv", "c.csv"]);
    assert_eq!(out["files@odata.count"], 4);

    let b = bound(
        "$expand=files($filter=uploadedDateTime ge 2026-01-01T00:00:00Z;$select=name)",
        false,
        Dialect::STANDARD,
    )
    .unwrap();
    let out = eval(&b, &session()).unwrap();
    assert_eq!(names(&out), ["c.csv", "a.csv", "d.csv"]);
    assert_eq!(out["files"][0], json!({"name": "c.csv"}));

    let b = bound(
        "$expand=files($filter=name eq 'building-a-access.csv')",
        false,
        Dialect::STANDARD,
    )
    .unwrap();
    assert_eq!(names(&eval(&b, &session()).unwrap()), Vec::<&str>::new());
}

#[test]
fn a_page_of_sessions_is_filtered_counted_ordered_and_cut() {
    let page = json!({
        "@odata.context": "https://graph.microsoft.com/beta/$metadata#uploadSessions",
        "value": [
            {"id": "s1", "status": "complete", "referenceId": "r-9", "createdDateTime": "2026-01-01T00:00:00Z", "stats": {"filesUploaded": 2}},
            {"id": "s2", "status": "active", "referenceId": null, "createdDateTime": "2026-01-03T00:00:00Z", "stats": {"filesUploaded": 0}},
            {"id": "s3", "status": "active", "referenceId": "r-1", "createdDateTime": "2026-01-02T00:00:00Z", "stats": {"filesUploaded": 5}},
            {"id": "s4", "status": "expired", "createdDateTime": "2025-06-01T00:00:00Z", "stats": {"filesUploaded": 1}}
        ]
    });
    let ids = |q: &str| -> Vec<String> {
        let b = bound(q, true, Dialect::STANDARD).unwrap_or_else(|e| panic!("{q}: {e:?}"));
        let out = eval(&b, &page).unwrap();
        out["value"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["id"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(
        ids("$filter=status eq 'active'&$orderby=createdDateTime"),
        ["s3", "s2"]
    );
    assert_eq!(
        ids("$filter=stats/filesUploaded ge 1 and not (status eq 'expired')"),
        ["s1", "s3"]
    );
    assert_eq!(
        ids("$filter=referenceId eq null"),
        ["s2", "s4"],
        "absent is null"
    );
    assert_eq!(
        ids("$filter=startswith(referenceId,'r-')&$orderby=referenceId desc"),
        ["s1", "s3"]
    );
    assert_eq!(
        ids("$filter=status in ('complete','expired')"),
        ["s1", "s4"]
    );
    assert_eq!(
        ids("$orderby=referenceId&$skip=1&$top=2"),
        ["s4", "s3"],
        "nulls sort first"
    );
    assert_eq!(
        ids("$filter=stats/filesUploaded add 1 gt 3 mul 1"),
        ["s3"],
        "5 + 1 > 3; 2 + 1 is not"
    );
    assert_eq!(ids("$filter=year(createdDateTime) eq 2025"), ["s4"]);
    let b = bound(
        "$filter=status ne 'expired'&$count=true&$top=1&$select=id",
        true,
        Dialect::STANDARD,
    )
    .unwrap();
    let out = eval(&b, &page).unwrap();
    assert_eq!(out["@odata.count"], 3, "counted before $top");
    assert_eq!(out["value"], json!([{"id": "s1"}]));
    assert_eq!(out["@odata.context"], page["@odata.context"]);
}

#[test]
fn generated_types_evaluate_through_their_json() {
    let files: Vec<File> = serde_json::from_value(session()["files"].clone()).expect("files");
    let model = bundled_model();
    let ty = model
        .lookup("microsoft.graph.customDataProvidedResourceFile")
        .unwrap();
    let q = query::parse(
        "$filter=size gt 1000000&$orderby=uploadedDateTime",
        Dialect::STANDARD,
    )
    .unwrap();
    let b = bind(model, ty, true, q, &Restrictions::upload_session_files()).unwrap();
    let kept: Vec<File> = eval_items(&b, &files).unwrap();
    let names: Vec<_> = kept
        .iter()
        .map(|f| f.name.clone().unwrap_or_default())
        .collect();
    assert_eq!(names, ["b.csv", "c.csv", "d.csv"]);
    assert_eq!(
        kept[2].size.as_ref().map(|s| s.get()),
        Some(9_007_199_254_740_993)
    );
}

fn canonical(q: &str, dialect: Dialect) -> String {
    query::parse(q, dialect)
        .unwrap_or_else(|e| panic!("{q}: {e}"))
        .to_canonical()
}

#[test]
fn canonical_form_is_stable_and_survives_the_url_crate() {
    let cases = [
        (
            "$expand=files($filter=size gt 1000000;$orderby=name asc)",
            "$expand=files($filter=size%20gt%201000000;$orderby=name)",
        ),
        (
            "$filter=status eq 'active'",
            "$filter=status%20eq%20%27active%27",
        ),
        (
            "$top=5&$filter=(a eq 1 or b eq 2) and c",
            "$filter=(a%20eq%201%20or%20b%20eq%202)%20and%20c&$top=5",
        ),
        (
            "$filter=a eq 1 or (b eq 2 and c)",
            "$filter=a%20eq%201%20or%20b%20eq%202%20and%20c",
        ),
        (
            "$filter=a sub (b sub c) eq d",
            "$filter=a%20sub%20(b%20sub%20c)%20eq%20d",
        ),
        (
            "$filter=name eq 'O''Neil & sons #1+2'",
            "$filter=name%20eq%20%27O%27%27Neil%20%26%20sons%20%231%2B2%27",
        ),
        (
            "$filter=d ge 2026-01-01T00:00:00%2B01:00",
            "$filter=d%20ge%202026-01-01T00:00:00%2B01:00",
        ),
        (
            "$filter=files/any(f: f/name eq 'é')",
            "$filter=files/any(f:f/name%20eq%20%27%C3%A9%27)",
        ),
        (
            "$filter=not (a eq -1)&$select=id,name&$count=true&custom=x y",
            "$filter=not%20(a%20eq%20-1)&$select=id,name&$count=true&custom=x%20y",
        ),
    ];
    for (q, want) in cases {
        let c = canonical(q, Dialect::STANDARD);
        assert_eq!(c, want, "{q}");
        assert_eq!(
            canonical(&c, Dialect::STANDARD),
            c,
            "canonical of canonical: {q}"
        );
        let url =
            url::Url::parse(&format!("https://graph.microsoft.com/beta/x?{c}")).expect("a URL");
        assert_eq!(
            url.query(),
            Some(c.as_str()),
            "the url crate keeps it as it is"
        );
        let pairs: Vec<(String, String)> = url
            .query_pairs()
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect();
        let ours = query::parse(&c, Dialect::STANDARD).unwrap().options();
        assert_eq!(pairs, ours, "the url crate decodes what we meant: {q}");
    }
}

#[test]
fn the_query_of_a_parsed_canonical_form_is_the_same_query() {
    let q = "$expand=files($filter=size gt 1000000 and uploadedDateTime ge 2026-01-01T00:00:00Z;$orderby=uploadedDateTime desc,name;$top=3)&$filter=status in ('active','complete')&$count=true";
    let first: Query = query::parse(q, Dialect::STANDARD).unwrap();
    let again: Query = query::parse(&first.to_canonical(), Dialect::STANDARD).unwrap();
    assert_eq!(first.options(), again.options());
    let b = bound(&first.to_canonical(), true, Dialect::STANDARD).expect("binds");
    assert_eq!(b.query.expand[0].options.orderby.len(), 2);
    assert!(b.query.expand[0].options.orderby[0].descending);
}

#[test]
fn a_quote_in_a_custom_option_is_only_a_character() {
    let q = query::parse("note=it's&$top=2&$filter=name eq 'a&b'", Dialect::STANDARD).unwrap();
    assert_eq!(q.custom[0].0, "note");
    assert_eq!(q.custom[0].1, "it's");
    assert_eq!(q.top.as_ref().map(|n| n.value), Some(2));
    assert!(
        q.filter.is_some(),
        "`&` inside a string of $filter does not split"
    );
    // An empty query and stray `&` give nothing.
    assert_eq!(
        query::parse("", Dialect::STANDARD).unwrap().options(),
        vec![]
    );
    assert_eq!(
        query::parse("&&$top=1&", Dialect::STANDARD)
            .unwrap()
            .to_canonical(),
        "$top=1"
    );
}
