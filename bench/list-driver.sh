# Sourced by the benches that build a release driver outside the workspace
# around the list benches' payload and plain structs
# (graph-model/benches/shape): `list_driver NAME ROOT` makes a temporary
# crate NAME depending on ROOT's graph-model (default features), serde and
# serde_json, sets `work` to it (removed on exit), and leaves src/main.rs
# to the caller.
list_driver() {
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' EXIT
  mkdir -p "$work/src"
  cat > "$work/Cargo.toml" <<TOML
[package]
name = "$1"
version = "0.0.0"
edition = "2021"
publish = false
[dependencies]
graph-model = { path = "$2/graph-model" }
serde_json = "1"
serde = { version = "1", features = ["derive"] }
[workspace]
TOML
}
