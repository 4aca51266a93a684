#!/usr/bin/env python3
"""Checks dialogues/es against dialogues/en: same files, same TOML key paths
and value types, same {placeholders} in every string, balanced HTML tags of the
same kinds, the same template block markers in scripts/letters, and short
button labels. Prints every difference; exit code 1 if any.

Usage: python3 tools/check_es.py  (from the repository root)
"""
import re, sys, tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EN, ES = ROOT / "dialogues/en", ROOT / "dialogues/es"
PH = re.compile(r"\{[^{}]*\}")
TAG = re.compile(r"</?([a-z]+)[^>]*>")
problems = []

def flat(d, prefix=""):
    out = {}
    if isinstance(d, dict):
        for k, v in d.items():
            out.update(flat(v, f"{prefix}.{k}" if prefix else k))
    elif isinstance(d, list):
        out[prefix] = ("list", len(d) if prefix.split(".")[-1] in FIXED_LEN else None)
        for i, v in enumerate(d):
            if isinstance(v, (list, dict)):
                # inner shapes: pairs and the like
                out.update({k: v2 for k, v2 in flat(v, f"{prefix}[*]").items()})
    else:
        out[prefix] = (type(d).__name__, d if not isinstance(d, str) else None)
    return out

FIXED_LEN = {"weekdays", "months_named"}

def strings(d, prefix=""):
    if isinstance(d, dict):
        for k, v in d.items():
            yield from strings(v, f"{prefix}.{k}" if prefix else k)
    elif isinstance(d, list):
        for i, v in enumerate(d):
            yield from strings(v, f"{prefix}[{i}]")
    elif isinstance(d, str):
        yield prefix, d

def tags(s):
    stack, kinds = [], set()
    for m in TAG.finditer(s):
        name = m.group(1)
        kinds.add(name)
        if m.group(0).startswith("</"):
            if not stack or stack[-1] != name:
                return kinds, False
            stack.pop()
        else:
            stack.append(name)
    return kinds, not stack

def fill(s):
    typical = {"number": "12", "amount": "$1,234.50", "count": "3", "sender": "Hospital",
               "days": "7", "date": "Wed, Sep 30, 2027", "total": "$1,234.50"}
    return PH.sub(lambda m: typical.get(m.group(0)[1:-1], "XXXXXXXX"), s)

# Keys whose values are button labels (by the last part of the key, or
# the whole table they sit in).
BUTTON_HINT = re.compile(r"(^|\.)(\w*button\w*|yes|no|done|fix|remove|back\w*|more|previous|next|see_\w+|show_list|keep_it|retype|dont_have|new|all|leave|add|change_zone|cancel|full|not_now|note_call|other_questions|label)$"
                         r"|^(menu|call\.outcome|script\.kind|letter\.kind|remind\.short|zone)\.\w+$")

def check_toml(rel):
    en = tomllib.loads((EN / rel).read_text())
    try:
        es = tomllib.loads((ES / rel).read_text())
    except FileNotFoundError:
        problems.append(f"{rel}: missing"); return
    except tomllib.TOMLDecodeError as e:
        problems.append(f"{rel}: does not parse: {e}"); return
    reading = rel.startswith("reading/")
    fe, fs = flat(en), flat(es)
    for k in sorted(set(fe) | set(fs)):
        if k not in fs: problems.append(f"{rel}: missing key {k}"); continue
        if k not in fe:
            # A state's other names are by postal code, and the states whose
            # Spanish name differs are not the ones with English nicknames.
            if not (rel == "reading/choices.toml" and k.startswith("us_state.")):
                problems.append(f"{rel}: extra key {k}")
            continue
        te, ts = fe[k], fs[k]
        if te[0] != ts[0]:
            problems.append(f"{rel}: {k} is {ts[0]}, English has {te[0]}")
        elif te[0] == "list" and te[1] is not None and te[1] != ts[1]:
            problems.append(f"{rel}: {k} has {ts[1]} entries, English has {te[1]}")
        elif reading and te[0] in ("int", "float", "bool") and te[1] != ts[1] and "[*]" not in k:
            problems.append(f"{rel}: {k} = {ts[1]}, English has {te[1]}")
    if reading:
        return
    se, ss = dict(strings(en)), dict(strings(es))
    for k, v in se.items():
        if k not in ss: continue
        w = ss[k]
        if set(PH.findall(v)) != set(PH.findall(w)):
            problems.append(f"{rel}: {k} placeholders {sorted(set(PH.findall(w)))} != {sorted(set(PH.findall(v)))}")
        ke, oke = tags(v); ks, oks = tags(w)
        if ke != ks or not oks:
            problems.append(f"{rel}: {k} tags {sorted(ks)} (balanced={oks}) vs English {sorted(ke)}")
        if v.strip() and not w.strip():
            problems.append(f"{rel}: {k} is empty")
        if w == v and k not in PROPER_NAMES and len(v) > 12 and re.search(r"[a-z]{4,} [a-z]{3,}", v):
            problems.append(f"{rel}: {k} looks untranslated")
        if len(v) <= 30 and "\n" not in v and BUTTON_HINT.search(k) and len(fill(w)) > 30:
            problems.append(f"{rel}: {k} button label over 30 chars: {fill(w)!r}")

# Values that are proper names (agencies' official names), kept in English on purpose.
PROPER_NAMES = {"plan.complaint.to.no_surprises", "plan.complaint.to.medicare",
                "plan.complaint.to.cfpb", "plan.complaint.to.irs"}

BLOCK = re.compile(r"\{[?!/][a-z_]+\}")

def check_txt(rel):
    e = (EN / rel).read_text()
    try:
        s = (ES / rel).read_text()
    except FileNotFoundError:
        problems.append(f"{rel}: missing"); return
    if set(PH.findall(e)) != set(PH.findall(s)):
        problems.append(f"{rel}: placeholders differ: only en {sorted(set(PH.findall(e))-set(PH.findall(s)))}, only es {sorted(set(PH.findall(s))-set(PH.findall(e)))}")
    if BLOCK.findall(e) != BLOCK.findall(s):
        problems.append(f"{rel}: block markers differ in order/count")
    # lines made only of a block tag must be kept exactly
    only = lambda t: [l for l in t.splitlines() if re.fullmatch(r"\s*(\{[?!/][a-z_]+\}\s*)+", l)]
    if only(e) != only(s):
        problems.append(f"{rel}: lines holding only block tags differ")
    if e.count("\n") != s.count("\n"):
        problems.append(f"{rel}: {s.count(chr(10))} lines, English has {e.count(chr(10))}")
    ke, oke = tags(e); ks, oks = tags(s)
    if ke != ks or not oks:
        problems.append(f"{rel}: tags {sorted(ks)} (balanced={oks}) vs English {sorted(ke)}")
    if "{{" in s or "}}" in s:
        problems.append(f"{rel}: doubled braces")

def check_answer_buttons():
    """"Keep: {answer}" and "Same: {answer}" are buttons that hold an answer's
    label: each must fit in 30 characters with every answer label."""
    try:
        review = tomllib.loads((ES / "review.toml").read_text())
    except (FileNotFoundError, tomllib.TOMLDecodeError):
        return
    labels = [v for q in review["question"].values() for k, v in q.items() if k != "prompt"]
    labels += list(review["answer"].values())
    for key in ("keep", "same_as_before"):
        for label in labels:
            text = review["review"][key].replace("{answer}", label)
            if len(text) > 30:
                problems.append(f"review.toml: review.{key} over 30 chars: {text!r}")

check_answer_buttons()
for p in sorted(EN.rglob("*")):
    if p.is_dir(): continue
    rel = str(p.relative_to(EN))
    (check_toml if p.suffix == ".toml" else check_txt)(rel)
for p in sorted(ES.rglob("*")):
    if p.is_file() and not (EN / p.relative_to(ES)).exists():
        problems.append(f"{p.relative_to(ES)}: extra file")

print("\n".join(problems) if problems else "dialogues/es matches dialogues/en")
sys.exit(1 if problems else 0)
