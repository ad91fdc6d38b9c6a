#!/usr/bin/env python3
"""Fills translations into a Qt .ts file from TSV files (context<TAB>source<TAB>translation).

Run `cmake --build <dir> --target update_translations` first so lupdate has added the new
messages (as unfinished); this script then fills the ones the TSV lists and reports what is still
untranslated. Sources in the TSV are plain text: write a literal tab or newline as \\t or \\n.
"""
import sys
import xml.etree.ElementTree as ET


def unescape(text):
    return text.replace("\\n", "\n").replace("\\t", "\t")


def main(ts_path, tsv_paths):
    wanted = {}
    for path in tsv_paths:
        with open(path, encoding="utf-8") as f:
            for number, line in enumerate(f, 1):
                line = line.rstrip("\n")
                if not line.strip() or line.startswith("#"):
                    continue
                parts = line.split("\t")
                if len(parts) != 3:
                    sys.exit(f"{path}:{number}: expected context<TAB>source<TAB>translation")
                context, source, translation = (unescape(p) for p in parts)
                wanted[(context, source)] = translation

    tree = ET.parse(ts_path)
    filled, missing = 0, []
    for context in tree.getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            source = message.findtext("source")
            translation = message.find("translation")
            key = (name, source)
            if key in wanted:
                translation.text = wanted.pop(key)
                translation.attrib.pop("type", None)
                filled += 1
            elif translation.get("type") == "unfinished" or not (translation.text or "").strip():
                if translation.get("type") not in ("vanished", "obsolete"):
                    missing.append(key)
    with open(ts_path, "wb") as f:
        f.write(b'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n')
        tree.write(f, encoding="utf-8", xml_declaration=False)
        f.write(b"\n")
    print(f"filled {filled}")
    for context, source in wanted:
        print(f"not in the .ts (stale TSV line?): {context}: {source!r}")
    for context, source in missing:
        print(f"untranslated: {context}: {source!r}")
    return 1 if missing else 0


if __name__ == "__main__":
    if len(sys.argv) < 3:
        sys.exit("usage: apply-translations.py FILE.ts PENDING.tsv...")
    sys.exit(main(sys.argv[1], sys.argv[2:]))
