#!/usr/bin/env bash
# Regenerates the hostile-input corpus in this folder from a good map made by the CLI.
# The files are committed; run this only to change them (it needs sqlite3 and python3):
#   cargo build -p tabiji-cli && TABIJI=$CARGO_TARGET_DIR/debug/tabiji tests/hostile/make-corpus.sh
# What each file is and what it must be answered with: README.md and crates/tabiji-cli/tests/hostile.rs.
set -euo pipefail
cd "$(dirname "$0")"
tabiji=${TABIJI:?set TABIJI to the tabiji CLI binary}
rm -rf maps json csv ops && mkdir maps json csv ops
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

LANG=ja_JP.UTF-8 "$tabiji" new "$work/good.tabiji" --lang ja
"$tabiji" export "$work/good.tabiji" --format json --out "$work/good.json"
size=$(stat -c %s "$work/good.tabiji")

# --- Map files --------------------------------------------------------------------------------
: >maps/empty.tabiji
printf 'Meeting notes, not a map\n' >maps/text.tabiji
python3 -c 'import random,sys; random.seed(8); sys.stdout.buffer.write(bytes(random.randrange(256) for _ in range(8192)))' >maps/random.tabiji
for at in 16 100 1024 4096 $((size / 2)) $((size - 1)); do
  head -c "$at" "$work/good.tabiji" >"maps/truncated-at-$at.tabiji"
done
# The card table's root page overwritten with zeros: the b-tree behind it no longer reads.
cp "$work/good.tabiji" maps/damaged-page.tabiji
card_root=$(sqlite3 maps/damaged-page.tabiji "SELECT rootpage FROM sqlite_master WHERE name = 'card'")
dd if=/dev/zero of=maps/damaged-page.tabiji bs=4096 seek=$((card_root - 1)) count=1 conv=notrunc status=none
sqlite3 maps/other-program.tabiji "CREATE TABLE notes(id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes(body) VALUES ('hello');"

edited() { # <name> <sql>: a copy of the good map changed behind the core's back
  cp "$work/good.tabiji" "maps/$1.tabiji"
  sqlite3 "maps/$1.tabiji" "PRAGMA foreign_keys=OFF; $2"
}
edited newer-schema "PRAGMA user_version = 99;"
edited broken-ordering "UPDATE card SET position = (SELECT MIN(position) FROM card AS c WHERE c.stage_id = card.stage_id AND c.lane_id = card.lane_id) WHERE id = (SELECT id FROM card ORDER BY position DESC LIMIT 1);"
edited dangling-reference "UPDATE card SET channel_id = 'ch_nowhere' WHERE id = (SELECT id FROM card LIMIT 1);"
edited control-character "UPDATE card SET text = 'before' || char(7) || 'after' WHERE id = (SELECT id FROM card LIMIT 1);"
edited out-of-range "UPDATE card SET votes = 100001 WHERE id = (SELECT id FROM card LIMIT 1);"

# --- JSON to import ----------------------------------------------------------------------------
python3 - "$work/good.json" <<'PY'
import json, sys
good = json.load(open(sys.argv[1]))
def write(name, value):
    with open(f"json/{name}.json", "w") as f:
        json.dump(value, f, ensure_ascii=False, indent=1)
text = json.dumps(good, ensure_ascii=False)
open("json/truncated.json", "w").write(text[: len(text) // 2])
open("json/not-json.json", "wb").write(bytes(range(256)))
open("json/deep-nesting.json", "w").write('{"format": "tabiji-map", "version": 1, "map": ' + "[" * 100_000 + "]" * 100_000 + "}")
write("other-format", {"format": "drawio", "version": 1, "map": good["map"]})
write("newer-version", dict(good, version=99))
bad = json.loads(text); bad["map"]["stages"] = "five"; write("wrong-type", bad)
bad = json.loads(text); bad["map"]["cards"][3]["stage_id"] = "st_nowhere"; write("dangling-reference", bad)
bad = json.loads(text); bad["map"]["cards"][3]["text"] = "before\u0007after"; write("control-character", bad)
bad = json.loads(text); bad["map"]["emotion_points"][0]["score"] = 1e300; write("out-of-range", bad)
bad = json.loads(text); bad["map"]["cards"][0]["surprise"] = True; write("unknown-field", bad)
bad = json.loads(text); bad["map"]["cards"][3]["text"] = "Z" + "\u0301" * 50; write("combining-tower", bad)
bad = json.loads(text); bad["map"]["cards"][3]["text"] = "before\ufffeafter"; write("noncharacter", bad)
# Markup in every free-text field: valid, kept as text.
markup = json.loads(text)
def mark(node, key=None):
    if isinstance(node, dict):
        for k, v in node.items():
            if isinstance(v, str) and k in FREE_TEXT:
                node[k] = f'<script>alert("{k}")</script><img src=x onerror=alert(1)>&amp; {v}'
            else:
                mark(v, k)
    elif isinstance(node, list):
        for v in node:
            mark(v, key)
FREE_TEXT = {"title", "description", "name", "text", "notes", "industry", "company_size",
             "adoption_purpose", "budget_cycle", "department", "decision_authority",
             "goals", "worries", "quote", "unit", "source"}
mark(markup["map"])
write("markup", markup)
PY

# --- CSV of actuals ----------------------------------------------------------------------------
: >csv/empty.csv
printf 'KPI,実績,期間\n' >csv/header-only.csv
printf 'KPI,実績,期間\n"資料ダウンロード数,120,2026-11\n' >csv/unclosed-quote.csv
printf 'KPI,実績,期間\n資料ダウンロード数,たくさん,2026-11\n' >csv/not-a-number.csv
printf 'KPI,実績,期間\n存在しない指標,120,2026-11\n' >csv/unknown-kpi.csv
printf 'KPI,実績,期間\n資料ダウンロード数,120,2026-11\x07\n' >csv/control-character.csv
printf 'KPI,\x82\xa0\x82,\xff\xfe\n' >csv/broken-shift-jis.csv
head -c 4096 maps/random.tabiji >csv/binary.csv
printf 'KPI,実績,期間\n<script>alert(1)</script>,120,2026-11\n' >csv/markup.csv
printf '\xff\xfeK\x00P\x00I\x00\x00\xd8\n\x00' >csv/broken-utf16.csv
printf 'KPI,実績,期間\nデモ依頼数,20,2026-11\nデモ依頼数,32,2026/11\n' >csv/repeated-rows.csv
printf 'KPI,実績,期間\nデモ依頼数,20\nデモ依頼数,32,2026-12\n' >csv/short-row.csv

# --- Operations for `tabiji apply` (one JSON op per line) -----------------------------------
printf '{"op": "update_card", "id": \n' >ops/malformed.jsonl
printf '{"op": "paint_it_black"}\n' >ops/unknown-op.jsonl
python3 -c 'print("{\"op\": \"update_map\", \"patch\": " + "[" * 100000 + "]" * 100000 + "}")' >ops/deep-nesting.jsonl
printf '{"op": "delete_card", "id": "cd_nowhere"}\n' >ops/missing-entity.jsonl
printf '{"op": "update_map", "patch": {"title": "before\\u0007after"}}\n' >ops/control-character.jsonl
printf '{"op": "update_map", "patch": {"title": "<script>alert(1)</script>"}}\n' >ops/markup.jsonl
printf '\xff\xfe\x00\x01\n' >ops/binary.jsonl
echo "corpus written: $(find maps json csv ops -type f | wc -l) files"
