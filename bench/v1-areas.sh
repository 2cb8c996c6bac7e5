#!/usr/bin/env bash
# Costs of the bundled v1.0 model for a dependent outside the workspace
# that takes graph-model from its package (cargo package, unpacked), as a
# registry user does. One run each, the target directory emptied first:
#   - clean debug build with `users`; with `users,groups,drives`;
#   - `full`: cargo check, clean debug build, rustdoc (time, peak memory);
#   - release binary that reads a user, with `users` and with `full`
#     (size, stripped size);
#   - with PER_AREA=1 (ONLY_AREAS=1: only this): `cargo check` of
#     graph-model with each area alone (graph-model only; its dependencies
#     stay built), for the table.
# Peak memory is the largest resident set of any process of the build
# (/usr/bin/time's %M of cargo, which waits for rustc).
# Usage: bench/v1-areas.sh [OUT.tsv]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="${1:-/dev/stdout}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# The whole workspace (graph-model's optional build dependency on the
# generator is resolved among the packages), unverified: package-check.sh
# verifies.
(cd "$root" && CARGO_TARGET_DIR="$work/pkg" cargo package -q --workspace --no-verify --allow-dirty \
  --exclude graph-model-tests --exclude upload-sessions >/dev/null)
mkdir -p "$work/unpacked"
for c in "$work"/pkg/package/*.crate; do tar -xzf "$c" -C "$work/unpacked"; done
crate="$work/unpacked/graph-model-0.1.0"
echo "package: $(du -h "$work"/pkg/package/graph-model-0.1.0.crate | cut -f1) compressed, $(du -sh "$crate" | cut -f1) unpacked" >&2
dep="$work/dep"
mkdir -p "$dep/src"
cat > "$dep/Cargo.toml" <<TOML
[package]
name = "v1-dependent"
version = "0.0.0"
edition = "2021"
publish = false
[dependencies]
graph-model = "=0.1.0"
serde_json = "1"
[features]
users = ["graph-model/users"]
three = ["graph-model/users", "graph-model/groups", "graph-model/drives"]
full = ["graph-model/full"]
[patch.crates-io]
graph-model = { path = "$work/unpacked/graph-model-0.1.0" }
graph-model-codegen = { path = "$work/unpacked/graph-model-codegen-0.1.0" }
graph-model-csdl = { path = "$work/unpacked/graph-model-csdl-0.1.0" }
[workspace]
TOML
cat > "$dep/src/main.rs" <<'RS'
fn main() {
    let text = std::io::read_to_string(std::io::stdin()).unwrap_or_default();
    let text = if text.is_empty() { r#"{"id":"1","displayName":"Adele Vance"}"#.to_string() } else { text };
    let user: graph_model::v1::User = serde_json::from_str(&text).expect("a user");
    println!("{}", serde_json::to_string(&user).expect("written"));
}
RS
# An empty library: what `cargo check --lib --features graph-model/AREA`
# checks graph-model through, for each area alone.
echo '//! Depends on graph-model.' > "$dep/src/lib.rs"
cp "$root/Cargo.lock" "$dep/Cargo.lock" 2>/dev/null || true
measure() { # NAME CARGO-ARGS...
  local name="$1"; shift
  rm -rf "$work/target"
  /usr/bin/time -f "%e %M" -o "$work/time" cargo "$@" -q --manifest-path "$dep/Cargo.toml" \
    --target-dir "$work/target" >/dev/null 2>"$work/err" || { cat "$work/err" >&2; exit 1; }
  read -r secs kib < "$work/time"
  printf '%s\t%s s\t%s MB peak\n' "$name" "$secs" "$((kib / 1024))" >> "$out"
}
size_of() { # NAME
  local bin="$work/target/release/v1-dependent"
  strip -o "$work/stripped" "$bin"
  printf '%s\t%s bytes\t%s bytes stripped\n' "$1" "$(stat -c %s "$bin")" "$(stat -c %s "$work/stripped")" >> "$out"
}
if [ -z "${ONLY_AREAS:-}" ]; then
measure "debug build, users" build --features users
measure "debug build, users+groups+drives" build --features three
measure "cargo check, full" check --features full
measure "debug build, full" build --features full
measure "rustdoc, full (graph-model only)" doc --no-deps --features full
measure "release build, users" build --release --features users
size_of "release binary, users"
measure "release build, full" build --release --features full
size_of "release binary, full"
fi
if [ -n "${PER_AREA:-}${ONLY_AREAS:-}" ]; then
  rm -rf "$work/target"
  cargo check -q --manifest-path "$dep/Cargo.toml" --target-dir "$work/target" --lib
  for f in $(sed -n '/^# BEGIN v1 features/,/^# END v1 features/p' "$root/graph-model/Cargo.toml" \
      | grep -E '^[a-z0-9_]+ = \[\]' | cut -d' ' -f1); do
    /usr/bin/time -f "%e %M" -o "$work/time" cargo check -q --manifest-path "$dep/Cargo.toml" \
      --target-dir "$work/target" --lib --features "graph-model/$f" >/dev/null
    read -r secs kib < "$work/time"
    printf 'check %s\t%s s\t%s MB peak\n' "$f" "$secs" "$((kib / 1024))" >> "$out"
  done
fi
