#!/usr/bin/env python3
"""Writes schemas/names/syllables.v1.tsv: the syllables of Vietnamese middle and given
names with how often each occurs, from a public name database (schemas/names/SOURCE.md).

  tools/make-name-syllables.py --namedb VIETNAMESE_NAMEDB_GIT_DIR [--commit C] [--out FILE]

--namedb is a git directory (a clone or a bare mirror) of
github.com/duyet/vietnamese-namedb (MIT); its files are read at --commit (default
HEAD), so a rerun at the recorded commit gives the same bytes:

  uit_member.json  full names of the members of forum.uit.edu.vn (December 2016):
                   every word after the family name counts once per name;
  boy.txt, girl.txt  given names collected from the web: every syllable counts once
                   per name it is part of.

Only syllables spelled as Vietnamese are kept (letters only, no foreign letters f, j,
w, z), lower case, NFC. A name written without its marks ("Nguyen Van Nam") adds
nothing: its words would count as the unmarked spelling of every marked syllable.
"""
import argparse
import collections
import json
import re
import subprocess
import sys
import unicodedata

SOURCE = "https://github.com/duyet/vietnamese-namedb"
MARKS = "àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ"
SYLLABLE = re.compile(r"^[a-z" + MARKS + r"]+$")


def git(git_dir, *args):
    out = subprocess.run(["git", "--git-dir", git_dir, *args], check=True,
                         capture_output=True)
    return out.stdout.decode("utf-8")


def nfc_lower(text):
    return unicodedata.normalize("NFC", text).strip().lower()


def has_marks(name):
    return any(c in MARKS for c in nfc_lower(name))


def vietnamese(word):
    return SYLLABLE.match(word) is not None and not set(word) & set("fjwz")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--namedb", required=True)
    ap.add_argument("--commit", default="HEAD")
    ap.add_argument("--out", default="schemas/names/syllables.v1.tsv")
    args = ap.parse_args()
    commit = git(args.namedb, "rev-parse", args.commit).strip()
    date = git(args.namedb, "show", "-s", "--format=%cs", commit).strip()

    counts = collections.Counter()
    members = json.loads(git(args.namedb, "show", f"{commit}:uit_member.json"))
    for member in members:
        words = nfc_lower(member.get("full_name", "")).split()
        if len(words) < 2 or not has_marks(" ".join(words)):
            continue
        counts.update(w for w in words[1:] if vietnamese(w))
    for listing in ("boy.txt", "girl.txt"):
        for line in git(args.namedb, "show", f"{commit}:{listing}").splitlines():
            if not has_marks(line):
                continue
            counts.update(set(w for w in nfc_lower(line).split() if vietnamese(w)))

    with open(args.out, "w", encoding="utf-8", newline="\n") as out:
        out.write("# Syllables of Vietnamese middle and given names and how often each occurs;"
                  " see SOURCE.md.\n")
        out.write(f"# source {SOURCE} commit {commit} ({date}):"
                  " uit_member.json, boy.txt, girl.txt\n")
        out.write("# syllable\tcount\n")
        for word, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
            out.write(f"{word}\t{n}\n")
    print(f"{args.out}: {len(counts)} syllables", file=sys.stderr)


if __name__ == "__main__":
    main()
