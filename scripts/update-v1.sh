#!/usr/bin/env bash
# Takes a newer Microsoft Graph v1.0 $metadata into graph-model: checks that
# it loads, replaces graph-model/metadata/v1.0.xml and the provenance in
# graph-model/src/v1.rs (graph_model::v1::SOURCE), regenerates the bundled
# types (scripts/generate-v1.sh), prints how each area's type and line
# counts moved, and the version bump the change implies for graph-model
# (`graph-model-codegen diff`, whose rules cover all of v1.0, not only the
# areas; the full report goes to target/v1.0-update.md).
# Usage: scripts/update-v1.sh NEW.xml COMMIT DATE
#   COMMIT: the msgraph-metadata commit the file comes from; DATE: its date
#   (ISO 8601). The file is schemas/v1.0-Prod.csdl of that commit.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
new=$(realpath "${1:?usage: scripts/update-v1.sh NEW.xml COMMIT DATE}")
commit=${2:?the msgraph-metadata commit}
date=${3:?the commit date}
cargo build --release -q -p graph-model-codegen --features cli --manifest-path "$root/Cargo.toml"
gen="${CARGO_TARGET_DIR:-$root/target}/release/graph-model-codegen"
"$gen" inspect --strict "$new" >/dev/null
old_table=$(mktemp)
trap 'rm -f "$old_table"' EXIT
cp "$root/graph-model/FEATURES.md" "$old_table"
old_xml="$root/target/v1.0-previous.xml"
cp "$root/graph-model/metadata/v1.0.xml" "$old_xml"
cp "$new" "$root/graph-model/metadata/v1.0.xml"
sha=$(sha256sum "$new" | cut -d' ' -f1)
python3 - "$root/graph-model/src/v1.rs" "$commit" "$date" "$sha" <<'PY'
import re, sys
path, commit, date, sha = sys.argv[1:]
text = open(path).read()
for field, value in (("commit", commit), ("date", date), ("sha256", sha)):
    text, n = re.subn(r'(\n    %s: ")[^"]*(",)' % field, r'\g<1>%s\g<2>' % value, text, count=1)
    assert n == 1, field
open(path, "w").write(text)
PY
"$root/scripts/generate-v1.sh"
echo "== areas whose type or line counts moved (before -> after)"
diff <(sort "$old_table") <(sort "$root/graph-model/FEATURES.md") || true
echo "== what changed (the full report: target/v1.0-update.md)"
"$gen" diff "$old_xml" "$root/graph-model/metadata/v1.0.xml" --format markdown > "$root/target/v1.0-update.md"
"$gen" diff "$old_xml" "$root/graph-model/metadata/v1.0.xml" | head -1
echo "(for graph-model 0.x, a major bump of the generated types is a minor version: 0.1 -> 0.2)"
