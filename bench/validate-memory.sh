#!/usr/bin/env bash
# Peak memory and wall time of `graph-model validate` on a large list
# response, against the input's size and Python's json.load of the same file.
#   bash bench/validate-memory.sh [SESSIONS]     (default 58000: about 42 MB)
# Writes target/validate-memory/list.json (compact; every item also draws
# two findings: no `@odata.type` on an abstract type, and one in four an
# unknown enum member) and list-clean.json (no findings).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
n=${1:-58000}
out="$root/target/validate-memory"
mkdir -p "$out"
python3 - "$n" "$out" <<'PY'
import json, sys
n, out = int(sys.argv[1]), sys.argv[2]
def session(i, clean):
    s = {
        "id": f"2fa3bc17-de50-4f48-91f0-{i:012}",
        "referenceId": f"6ddffb12-922b-4825-93c3-{i:012}",
        "status": ["active", "complete", "expired", "active" if clean else "uploading"][i % 4],
        "isUploadDone": i % 2 == 0,
        "createdDateTime": "2026-03-24T21:34:56.220345Z",
        "stats": {"filesUploaded": 2, "totalBytesUploaded": 10331 + i},
        "data": {"@odata.type": "#microsoft.graph.customDataProvidedResourcePayloads.accessReviewContextData",
                 "reviewDefinitionId": "a89003b1-d457-4b8a-b060-42a3b6ad6c44",
                 "reviewInstanceId": "6ddffb12-922b-4825-93c3-9457dc2c1f81"},
        "files": [
            {"id": "330667fd-c977-4367-99ea-2eb12c42c573", "name": "test-data.csv", "size": 10331,
             "uploadedDateTime": "2026-03-24T21:34:57.1713709Z"},
            {"id": "2d66944b-6fa8-4604-a60e-d03ec4962d00", "name": "more.csv", "size": i,
             "uploadedDateTime": "2026-03-27T21:02:58.9849683Z"}]}
    if clean:
        s = {"@odata.type": "#microsoft.graph.customDataProvidedResourceUploadSession", **s}
    return s
for name, clean in [("list.json", False), ("list-clean.json", True)]:
    doc = {"@odata.context": "https://graph.microsoft.com/beta/$metadata#x",
           "value": [session(i, clean) for i in range(n)]}
    with open(f"{out}/{name}", "w") as f:
        json.dump(doc, f, separators=(",", ":"))
PY
cargo build -q --release -p graph-model-tools --bin graph-model --manifest-path "$root/Cargo.toml"
bin="$root/target/release/graph-model"
for f in list.json list-clean.json; do
  size=$(stat -c %s "$out/$f")
  /usr/bin/time -f "%e %M" -o "$out/time" "$bin" validate \
    --type 'Collection(microsoft.graph.customDataProvidedResourceUploadSession)' "$out/$f" >/dev/null || true
  read -r secs kib <"$out/time"
  /usr/bin/time -f "%e %M" -o "$out/time" python3 -c "import json,sys; json.load(open(sys.argv[1]))" "$out/$f"
  read -r psecs pkib <"$out/time"
  awk -v f="$f" -v size="$size" -v s="$secs" -v k="$kib" -v ps="$psecs" -v pk="$pkib" 'BEGIN {
    printf "%s: %.1f MB; validate %.2f s, %d MiB (%.2f x the input); python json.load %.2f s, %d MiB\n",
      f, size / 1e6, s, k / 1024, k * 1024 / size, ps, pk / 1024 }'
done
