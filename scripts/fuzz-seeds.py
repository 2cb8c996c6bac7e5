#!/usr/bin/env python3
"""Seed corpora for the fuzz targets from the real data in ../shared (never
committed: scripts/fuzz.sh writes them into fuzz/corpus/, which git
ignores, and `cargo fuzz cmin` minimises them).

Usage: scripts/fuzz-seeds.py SHARED_DIR CORPUS_DIR [PER_TARGET]
Writes CORPUS_DIR/<target>/shared-<n> files; prints the count per target.
"""
import hashlib
import json
import os
import re
import sys

shared, corpus = sys.argv[1], sys.argv[2]
limit = int(sys.argv[3]) if len(sys.argv) > 3 else 400
# libFuzzer's -max_len in scripts/fuzz.sh: longer seeds would be cut.
MAX_LEN = 16384
counts = {}


def put(target, data):
    if isinstance(data, str):
        data = data.encode("utf-8")
    if len(data) > MAX_LEN or counts.get(target, 0) >= limit:
        return
    d = os.path.join(corpus, target)
    os.makedirs(d, exist_ok=True)
    name = "shared-" + hashlib.sha1(data).hexdigest()[:16]
    path = os.path.join(d, name)
    if not os.path.exists(path):
        with open(path, "wb") as f:
            f.write(data)
        counts[target] = counts.get(target, 0) + 1


# CSDL: the small excerpt as it is.
excerpt = os.path.join(shared, "metadata", "seed-closure-excerpt.xml")
if os.path.exists(excerpt):
    put("csdl", open(excerpt, "rb").read())

# JSON bodies and context URLs of the documentation's code blocks; typed:
# the same bodies after a type and a shape byte.
samples = os.path.join(shared, "doc-samples")
for name in sorted(os.listdir(samples)) if os.path.isdir(samples) else []:
    if not name.endswith(".jsonl"):
        continue
    for i, line in enumerate(open(os.path.join(samples, name), encoding="utf-8")):
        block = json.loads(line)
        body = block.get("body")
        if block.get("url"):
            put("urls", re.sub(r"^https://graph\.microsoft\.com/(v1\.0|beta)", "", block["url"]))
            query = block["url"].partition("?")[2]
            if query:
                put("odata", bytes([i % 2]) + query.encode("utf-8"))
        if not body:
            continue
        put("json", body)
        put("typed", bytes([i % 256, i % 16]) + body.encode("utf-8"))
        for m in re.finditer(r'"@odata\.context"\s*:\s*"([^"]*)"', body):
            put("urls", m.group(1))

# The OASIS ABNF test cases: rule inputs for the grammar, query options,
# literals for the Edm target.
EDM_RULES = ["dateTimeOffsetValue", "dateValue", "timeOfDayValue", "durationValue",
             "guidValue", "binaryValue", "int64Value", "decimalValue"]
cases = os.path.join(shared, "odata-abnf", "testcases.jsonl")
if os.path.exists(cases):
    for line in open(cases, encoding="utf-8"):
        case = json.loads(line)
        rule, text = case.get("Rule", ""), case.get("Input", "")
        put("odata", bytes([3]) + text.encode("utf-8"))
        if rule in ("odataUri", "odataRelativeUri", "resourcePath", "context"):
            put("urls", text)
        if rule in EDM_RULES:
            put("edm", bytes([EDM_RULES.index(rule)]) + text.encode("utf-8"))
        if "?" in text:
            put("odata", bytes([0]) + text.partition("?")[2].encode("utf-8"))

for target in sorted(counts):
    print(f"{target}: {counts[target]} seeds from {shared}")
