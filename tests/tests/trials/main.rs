//! The data-driven trials (libtest-mimic): one module per subject, each
//! giving its trials, run by one binary so that the suite links once.
//! A trial's kind is its module: `cargo test --test trials -- odata_abnf`
//! runs one subject's trials.

mod bundled_metadata;
mod codegen_real_metadata;
mod context_urls;
mod csdl_real_metadata;
mod fuzz_regressions;
mod metadata_diff;
mod odata_abnf;
mod odata_queries;
mod odata_urls;
mod schema_agreement;
mod schema_export;
mod seed_conformance;
mod typed_agreement;
mod typed_seed;

fn main() {
    let args = libtest_mimic::Arguments::from_args();
    let subjects = [
        ("bundled_metadata", bundled_metadata::trials()),
        ("codegen_real_metadata", codegen_real_metadata::trials()),
        ("context_urls", context_urls::trials()),
        ("csdl_real_metadata", csdl_real_metadata::trials()),
        ("fuzz_regressions", fuzz_regressions::trials()),
        ("metadata_diff", metadata_diff::trials()),
        ("odata_abnf", odata_abnf::trials()),
        ("odata_queries", odata_queries::trials()),
        ("odata_urls", odata_urls::trials()),
        ("schema_agreement", schema_agreement::trials()),
        ("schema_export", schema_export::trials()),
        ("seed_conformance", seed_conformance::trials()),
        ("typed_agreement", typed_agreement::trials()),
        ("typed_seed", typed_seed::trials()),
    ];
    let trials = subjects
        .into_iter()
        .flat_map(|(subject, trials)| trials.into_iter().map(move |t| t.with_kind(subject)))
        .collect();
    libtest_mimic::run(&args, trials).exit();
}
