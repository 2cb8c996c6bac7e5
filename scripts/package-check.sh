#!/usr/bin/env bash
# Packages every publishable crate of the workspace (`cargo package
# --workspace` builds each from its own packaged files), unpacks the
# .crate files, and builds and runs tests/packaged against them — with the
# bundled types and with the `codegen` feature (types generated in the
# build script from the CSDL inside the package). Run from anywhere.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
target="${CARGO_TARGET_DIR:-$root/target}"

# cargo unpacks the packages it verifies from a local overlay registry into
# $CARGO_HOME/registry/src/-<hash>/ and reuses an unpacked name-version it
# finds there: a package changed without a new version would be verified
# against its stale sources. Drop this workspace's unpacked packages first
# (only overlay folders, whose names start with `-`; never crates.io's).
rm -rf "${CARGO_HOME:-$HOME/.cargo}"/registry/src/-*/graph-model-*
# Likewise the verification builds (in the target directory): a registry
# dependency is never rebuilt for changed contents under the same version,
# so they get a target directory of their own, emptied first.
verify="$target/package-check-verify"
rm -rf "$target/package" "$verify"

# Every member (the example and the tests too, though not published:
# their path-only dev-dependencies are left out of the packages).
CARGO_TARGET_DIR="$verify" cargo package --workspace --locked --allow-dirty "$@"
rm -rf "${CARGO_HOME:-$HOME/.cargo}"/registry/src/-*/graph-model-*
unpacked="$target/package-check/unpacked"
rm -rf "$target/package-check"
mkdir -p "$unpacked"
for c in "$verify"/package/*.crate; do
  tar -xzf "$c" -C "$unpacked"
done
ls "$unpacked"

dep="$target/package-check/dependent"
mkdir -p "$dep"
cp -r tests/packaged/src "$dep/"
sed "s|@PACKAGES@|$unpacked|" tests/packaged/Cargo.toml.in > "$dep/Cargo.toml"
# Nothing of the workspace's paths may be used.
if grep "path = " "$dep/Cargo.toml" | grep -vq "$unpacked"; then
  echo "the dependent points into the workspace" >&2
  exit 1
fi
export CARGO_TARGET_DIR="$target/package-check/target"
for features in "" "--features codegen" "--features v1-users" "--features v1-users,v1-three"; do
  echo "== the packaged dependent ${features:-(default features)}"
  # shellcheck disable=SC2086
  out=$(cargo run -q --manifest-path "$dep/Cargo.toml" $features)
  echo "$out"
  grep -q "round trip: exact" <<<"$out"
  grep -q 'status: Other("Complete"), matched: Some(Complete)' <<<"$out"
  case "$features" in
    *v1-users*) grep -q "v1 user: Adele Vance" <<<"$out" ;;
  esac
  case "$features" in
    *v1-three*) grep -q 'v1 group: \["Unified"\]' <<<"$out"; grep -q "v1 drive quota total: 1099511627776$" <<<"$out" ;;
  esac
done
# The packaged runtime's tree with default features: no generator, reader, CLI or HTTP crate.
tree=$(cargo tree -e normal,build --manifest-path "$dep/Cargo.toml" -p graph-model)
echo "$tree"
for absent in graph-model-codegen graph-model-csdl quick-xml clap "http v"; do
  if grep -q "$absent" <<<"$tree"; then
    echo "graph-model with default features depends on $absent" >&2
    exit 1
  fi
done
echo "package-check: ok"
