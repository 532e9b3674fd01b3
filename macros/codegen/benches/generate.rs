//! What generating the bindings costs, step by step: `cargo bench -p mwbind-codegen`.
//!
//! - `core/*`: the whole of MediaWiki 1.39 core (the `core-fv2` fixture: 121 modules, 954
//!   parameters), timed as `load` (read, parse, check), `tokens` (emission: what the proc
//!   macro hands to rustc) and `render` (emission, then `syn` + `prettyplease`: what the
//!   build script and `xtask generate` write);
//! - `macro/*`: what one `bindings!` call does, `load` + `select` + `tokens`, for the whole
//!   core and for three modules of it;
//! - `shipped/generate`: `generate` of the shipped `spec/`, for comparison.
//!
//! Before timing it prints how much code each one yields. Numbers and their meaning are in
//! docs/benchmarks.md.

use criterion::{criterion_group, criterion_main, Criterion};
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The modules of the "three" crate in scripts/bench-build.sh.
const THREE: [&str; 3] = ["emailuser", "query+tokens", "query+users"];

fn manifest_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn core_dir() -> PathBuf {
    manifest_dir().join("tests/fixtures/core-fv2")
}

fn shipped_dir() -> PathBuf {
    manifest_dir().join("../../spec")
}

fn load(dir: &Path) -> mwbind_codegen::Spec {
    mwbind_codegen::load(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
}

fn three(dir: &Path) -> mwbind_codegen::Spec {
    let mut spec = load(dir);
    let paths: Vec<String> = THREE.iter().map(|p| p.to_string()).collect();
    let file = dir.join(mwbind_codegen::PARAMINFO_FILE);
    mwbind_codegen::select(&mut spec, &paths, &file).expect("the three modules are in core");
    spec
}

/// How much code a spec becomes: modules, parameters, token trees, rendered lines and bytes.
fn report_size(name: &str, spec: &mwbind_codegen::Spec) {
    let params: usize = spec.modules.iter().map(|m| m.parameters.len()).sum();
    let tokens = count_tokens(mwbind_codegen::tokens(spec));
    let code = mwbind_codegen::render(spec).expect("the spec renders");
    println!(
        "size {name:<16} {:>4} modules {:>5} parameters {:>8} tokens {:>7} lines {:>9} bytes",
        spec.modules.len(),
        params,
        tokens,
        code.lines().count(),
        code.len()
    );
}

/// Leaf tokens, counting into groups: roughly the amount of code rustc is handed.
fn count_tokens(stream: proc_macro2::TokenStream) -> usize {
    stream
        .into_iter()
        .map(|tree| match tree {
            proc_macro2::TokenTree::Group(g) => 2 + count_tokens(g.stream()),
            _ => 1,
        })
        .sum()
}

fn sizes() {
    report_size("core (full)", &load(&core_dir()));
    report_size("core (3 modules)", &three(&core_dir()));
    report_size("shipped spec/", &load(&shipped_dir()));
}

fn core(c: &mut Criterion) {
    sizes();
    let dir = core_dir();
    let spec = load(&dir);
    let mut group = c.benchmark_group("core");
    group.bench_function("load", |b| b.iter(|| mwbind_codegen::load(black_box(&dir))));
    group.bench_function("tokens", |b| {
        b.iter(|| mwbind_codegen::tokens(black_box(&spec)))
    });
    group.bench_function("render", |b| {
        b.iter(|| mwbind_codegen::render(black_box(&spec)))
    });
    group.finish();
}

fn macro_expansion(c: &mut Criterion) {
    let dir = core_dir();
    let mut group = c.benchmark_group("macro");
    group.bench_function("full", |b| {
        b.iter(|| mwbind_codegen::tokens(&load(black_box(&dir))))
    });
    group.bench_function("three", |b| {
        b.iter(|| mwbind_codegen::tokens(&three(black_box(&dir))))
    });
    group.finish();
}

fn shipped(c: &mut Criterion) {
    let dir = shipped_dir();
    let mut group = c.benchmark_group("shipped");
    group.bench_function("generate", |b| {
        b.iter(|| mwbind_codegen::generate(black_box(&dir)))
    });
    group.finish();
}

fn config() -> Criterion {
    // Few samples, short windows: the whole run takes about a minute on two cores, and the
    // steps differ by far more than the noise this leaves.
    Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(4))
}

criterion_group! {
    name = benches;
    config = config();
    targets = core, macro_expansion, shipped
}
criterion_main!(benches);
