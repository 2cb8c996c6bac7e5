//! `@odata.context` URLs: every form of OData JSON Format 4.01 §10 that
//! Graph writes types its payload through the model (unit cases below), and
//! on the documentation corpora the share of response blocks whose own
//! context URL types them is measured against the expected counts.

use graph_model_csdl::model::path::{resolve_context, Special};
use graph_model_csdl::model::Target;
use graph_model_csdl::{load_str, Model};
use graph_model_tests::{corpus, trial_needing};
use graph_model_tools::lenient_json::top_level;
use graph_model_tools::samples::BlockType;
use libtest_mimic::{Failed, Trial};

/// How many response blocks carry an `@odata.context`, and how many of
/// those it types.
fn typed_by_context(
    model: &Model,
    samples: &[graph_model_tools::samples::Sample],
) -> (usize, usize) {
    let (mut with, mut typed) = (0, 0);
    for s in samples
        .iter()
        .filter(|s| s.block_type == BlockType::Response)
    {
        let Some(body) = s.body.as_deref() else {
            continue;
        };
        let Some(context) = top_level(body).and_then(|t| t.context) else {
            continue;
        };
        with += 1;
        match resolve_context(model, &context) {
            Ok(r) if r.target.is_some() || r.special.is_some() => typed += 1,
            other => {
                if std::env::var_os("CONTEXT_DUMP").is_some() {
                    println!(
                        "UNTYPED {context} :: {:?}",
                        other.err().map(|e| e.to_string())
                    );
                }
            }
        }
    }
    (with, typed)
}

fn corpus_counts(model: &'static str, file: &'static str, expected: (usize, usize)) -> Trial {
    let name = format!(
        "corpus/{}/{}",
        model.rsplit('/').next().unwrap(),
        file.rsplit('/').next().unwrap()
    );
    trial_needing(name, &[model, file], move |paths| {
        let m = corpus::model(Some(&paths[0]));
        let samples = corpus::samples(&paths[1]);
        let got = typed_by_context(&m, &samples);
        println!(
            "{file} with {model}: {} responses name an @odata.context, {} typed by it",
            got.0, got.1
        );
        if got != expected {
            return Err(Failed::from(format!("expected {expected:?}, got {got:?}")));
        }
        Ok(())
    })
}

const CSDL: &str = r#"<edmx:Edmx xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx" Version="4.0"><edmx:DataServices>
<Schema xmlns="http://docs.oasis-open.org/odata/ns/edm" Namespace="microsoft.graph" Alias="graph">
  <EntityType Name="entity" Abstract="true"><Key><PropertyRef Name="id"/></Key><Property Name="id" Type="Edm.String" Nullable="false"/></EntityType>
  <EntityType Name="user" BaseType="graph.directoryObject"><Property Name="displayName" Type="Edm.String"/><NavigationProperty Name="messages" Type="Collection(graph.message)" ContainsTarget="true"/></EntityType>
  <EntityType Name="message" BaseType="graph.entity"/>
  <EntityType Name="chatMessage" BaseType="graph.entity"/>
  <EntityType Name="workflow" BaseType="graph.entity"/>
  <EntityType Name="directoryObject" BaseType="graph.entity"/>
  <EntityType Name="namedLocation" BaseType="graph.entity"/>
  <EntityType Name="conditionalAccessRoot" BaseType="graph.entity"><NavigationProperty Name="namedLocations" Type="Collection(graph.namedLocation)" ContainsTarget="true"/></EntityType>
  <EntityType Name="identityContainer"><NavigationProperty Name="conditionalAccess" Type="graph.conditionalAccessRoot" ContainsTarget="true"/></EntityType>
  <EntityContainer Name="GraphService">
    <EntitySet Name="users" EntityType="graph.user"/>
    <EntitySet Name="directoryObjects" EntityType="graph.directoryObject"/>
    <Singleton Name="me" Type="graph.user"/>
    <Singleton Name="identity" Type="graph.identityContainer"/>
  </EntityContainer>
</Schema></edmx:DataServices></edmx:Edmx>"#;

/// What a context URL types: `(collection, type)`, or the error.
type Typed = Result<(bool, String), String>;

/// What each context URL form types.
fn typed(context: &str) -> Typed {
    let m = load_str("contexts.xml", CSDL, Default::default()).unwrap();
    let r = resolve_context(&m, context).map_err(|e| e.to_string())?;
    let name = match r.target {
        Some(Target::Named(id)) => m.get(id).name.to_string(),
        other => format!("{other:?}"),
    };
    Ok((r.collection, name))
}

fn forms() {
    let root = "https://graph.microsoft.com/v1.0/$metadata#";
    let one = |t: &str| Ok((false, format!("microsoft.graph.{t}")));
    let many = |t: &str| Ok((true, format!("microsoft.graph.{t}")));
    let cases: [(&str, Typed); 10] = [
        // Collections of a type, qualified or (as Graph writes it) not.
        (
            "Collection(microsoft.graph.chatMessage)",
            many("chatMessage"),
        ),
        ("Collection(chatMessage)", many("chatMessage")),
        // A bare type, qualified or not.
        ("microsoft.graph.workflow", one("workflow")),
        ("workflow", one("workflow")),
        // A set, an entity of it, keys and navigation.
        ("users", many("user")),
        ("users/$entity", one("user")),
        ("users('1')/messages/$entity", one("message")),
        // A singleton in another case.
        ("Me/messages", many("message")),
        // A navigation property of a singleton the URL leaves out (a
        // deeper service root), with and without `$entity`.
        ("conditionalAccess/namedLocations", many("namedLocation")),
        (
            "conditionalAccess/namedLocations/$entity",
            one("namedLocation"),
        ),
    ];
    for (fragment, expected) in cases {
        assert_eq!(typed(&format!("{root}{fragment}")), expected, "{fragment}");
    }
    // A delta response: the items' type.
    assert_eq!(typed(&format!("{root}users/$delta")), many("user"));
    // Entity references.
    let m = load_str("contexts.xml", CSDL, Default::default()).unwrap();
    for (fragment, collection) in [("$ref", false), ("Collection($ref)", true)] {
        let r = resolve_context(&m, &format!("{root}{fragment}")).unwrap();
        assert_eq!(
            (r.special, r.collection, r.target),
            (Some(Special::Ref), collection, None),
            "{fragment}"
        );
    }
    // Deleted entities and links of a delta response.
    for (fragment, special) in [
        ("users/$deletedEntity", Special::DeletedEntity),
        ("users/$link", Special::Link),
        ("users/$deletedLink", Special::DeletedLink),
    ] {
        let r = resolve_context(&m, &format!("{root}{fragment}")).unwrap();
        assert_eq!(
            (r.special, r.collection),
            (Some(special), false),
            "{fragment}"
        );
    }
    // Operation results and property values: primitive types.
    assert_eq!(
        typed(&format!("{root}Edm.String")),
        Ok((false, "Some(Primitive(String))".into()))
    );
    assert_eq!(
        typed(&format!("{root}Collection(Edm.Int32)")),
        Ok((true, "Some(Primitive(Int32))".into()))
    );
    assert_eq!(
        typed(&format!("{root}users('1')/displayName")),
        Ok((false, "Some(Primitive(String))".into()))
    );
    // A select list is not a key; a cast narrows the type.
    assert_eq!(typed(&format!("{root}users(displayName,id)")), many("user"));
    assert_eq!(
        typed(&format!("{root}users(displayName)/$entity")),
        one("user")
    );
    assert_eq!(
        typed(&format!("{root}directoryObjects/microsoft.graph.user")),
        many("user")
    );
    // `Collection(Edm.EntityType)` names no type: an error that says so.
    let err = typed(&format!("{root}Collection(Edm.EntityType)")).unwrap_err();
    assert!(err.contains("names no type of the model"), "{err}");
    // Graph's departures are noted; exact context URLs carry no note.
    let notes = |c: &str| resolve_context(&m, &format!("{root}{c}")).unwrap().leniency;
    assert!(notes("users('1')/messages/$entity").is_empty());
    assert!(notes("Collection(microsoft.graph.chatMessage)").is_empty());
    assert_eq!(
        notes("Me/messages"),
        ["`Me` is read as `me` (the model's case)"]
    );
    assert_eq!(
        notes("Collection(chatMessage)"),
        ["`chatMessage` is read as `microsoft.graph.chatMessage`: a context URL names types with their namespace"]
    );
    assert_eq!(
        notes("conditionalAccess/namedLocations"),
        ["`conditionalAccess` is read as `identity/conditionalAccess`: the context URL leaves out singleton `identity`"]
    );
    // With the OData grammar: what Graph writes outside it is noted too.
    let odata = |c: &str| {
        graph_model_odata::context::resolve_context(&m, &format!("{root}{c}"))
            .unwrap()
            .leniency
    };
    assert!(odata("users('1')/messages/$entity").is_empty());
    assert!(odata("users/$deletedEntity").is_empty());
    let outside = odata("Collection(chatMessage)");
    assert_eq!(outside.len(), 2, "{outside:?}");
    assert!(
        outside[1].contains("outside the OData ABNF `context` rule"),
        "{outside:?}"
    );
    // Relative, and below a deeper service root.
    assert_eq!(typed("/v1.0/$metadata#users/$entity"), one("user"));
    assert_eq!(
        typed(
            "https://graph.microsoft.com/v1.0/identity/$metadata#conditionalAccess/namedLocations"
        ),
        many("namedLocation")
    );
    // What names nothing of the model says which segment.
    let err = typed(&format!("{root}users('1')/letters")).unwrap_err();
    assert!(err.contains("`letters`"), "{err}");
    let err = typed(&format!("{root}Collection(nothing)")).unwrap_err();
    assert!(
        err.contains("`nothing` is not a type of the model"),
        "{err}"
    );
}

/// Deleted entities and links, as the validator and the JSON Schema judge
/// them (one verdict).
fn delta_payloads() {
    use graph_model_tools::schema;
    use graph_model_tools::validate::{validate_document, Document, Mode};
    let m = load_str("contexts.xml", CSDL, Default::default()).unwrap();
    let user = m.lookup("microsoft.graph.user").unwrap();
    let cases: [(Document, &str, bool); 9] = [
        (
            Document::DeletedEntity { id: user },
            r#"{"id":"users('1')","reason":"deleted"}"#,
            true,
        ),
        (
            Document::DeletedEntity { id: user },
            r#"{"@removed":{"reason":"changed"},"id":"1","displayName":"A"}"#,
            true,
        ),
        (
            Document::DeletedEntity { id: user },
            r#"{"id":"1","reason":"gone"}"#,
            false,
        ),
        (
            Document::DeletedEntity { id: user },
            r#"{"id":"1","displayName":5}"#,
            false,
        ),
        (Document::DeletedEntity { id: user }, r#"[]"#, false),
        (
            Document::Link { deleted: false },
            r#"{"source":"users('1')","relationship":"messages","target":"messages('2')"}"#,
            true,
        ),
        (
            Document::Link { deleted: true },
            r#"{"source":"users('1')","relationship":"messages"}"#,
            false,
        ),
        (
            Document::Link { deleted: false },
            r#"{"source":"users('1')","relationship":"messages","target":7}"#,
            false,
        ),
        (
            Document::References { collection: true },
            r#"{"value":[{"@odata.id":"users('1')"},{}]}"#,
            false,
        ),
    ];
    for (doc, text, valid) in cases {
        for mode in [Mode::Lenient, Mode::Strict] {
            let report = validate_document(&m, &doc, text, mode);
            assert_eq!(
                !report.has_errors(),
                valid,
                "{doc:?} {text} {mode:?}: {report}"
            );
            let s = schema::for_document(&m, &doc, mode.into());
            let v = jsonschema::draft202012::new(&s).expect("the schema compiles");
            let instance: serde_json::Value = serde_json::from_str(text).unwrap();
            assert_eq!(
                v.is_valid(&instance),
                valid,
                "schema of {doc:?} on {text} ({mode:?})"
            );
        }
    }
    // An extra member: a warning when lenient, an error when strict.
    let extra = r#"{"source":"a","relationship":"b","target":"c","note":1}"#;
    let link = Document::Link { deleted: false };
    assert!(!validate_document(&m, &link, extra, Mode::Lenient).has_errors());
    assert!(validate_document(&m, &link, extra, Mode::Strict).has_errors());
}

/// This file's trials.
pub fn trials() -> Vec<libtest_mimic::Trial> {
    let docs = "doc-samples/graph-docs-beta-2021.jsonl";
    let ig = "doc-samples/identity-governance-beta.jsonl";
    // Before Graph's leniency (unqualified types, sets and singletons in
    // another case, a singleton left out): 382, 360 and 9 typed. What is
    // left names things the model lacks (the corpus documents beta in 2021).
    let trials = vec![
        Trial::test("forms", || {
            forms();
            Ok(())
        }),
        Trial::test("delta-payloads", || {
            delta_payloads();
            Ok(())
        }),
        corpus_counts("metadata/v1.0.xml", docs, (704, 456)),
        corpus_counts("metadata/beta-USNat.xml", docs, (704, 403)),
        corpus_counts("metadata/v1.0.xml", ig, (18, 12)),
    ];
    trials
}
