#!/usr/bin/env python3
"""Writes schemas/gazetteer/units.v1.tsv: Vietnam's administrative units before and
after the 1 July 2025 reorganization, from the General Statistics Office's lists as
published in two public repositories (schemas/gazetteer/SOURCE.md names them).

  tools/make-gazetteer.py --old DVHCVN_GIT_DIR --new DVHCVN_20250701_GIT_DIR [--out FILE]

Each --old/--new is a git directory (a clone or a bare mirror); the files are read at
the commit given by --old-commit/--new-commit (default HEAD), so a rerun at the
recorded commits gives the same bytes.

  --old: github.com/daohoangson/dvhcvn, data/dvhcvn.json (GSO DMDVHC web service,
         63 provinces, districts, communes).
  --new: github.com/dvhcvn/20250701, input/docs/915_CTK-CSCL.csv (the 34 provinces'
         codes) and input/docs/1027_CTK-CSCL.md (Annex I of GSO letter 1027/CTK-CSCL
         of 25 June 2025: the commune-level units and their codes).

It also writes schemas/gazetteer/nationalities.v1.tsv from Debian's iso-codes
(ISO 3166-1 names and their Vietnamese translations) plus the names Vietnamese
papers customarily print where the translation differs (CUSTOMARY below).
"""
import argparse
import csv
import io
import json
import re
import subprocess
import sys
import unicodedata

# Type words a unit's official name starts with, longest first.
TYPES = ["Thành phố Trung ương", "Thành phố", "Thị trấn", "Thị xã", "Đặc khu",
         "Phường", "Quận", "Huyện", "Tỉnh", "Xã"]

# Validity as an ISO 8601-like interval with an open end.
OLD_VALIDITY = "-2025-06-30"
# Units of an earlier GSO list (dvhcvn's data of 1 November 2024) that the 1 March
# 2025 list no longer holds as such: papers keep printing them for years (Tỉnh Thừa
# Thiên Huế became Thành phố Huế on 1 January 2025, wards merged that day).
EARLIER_VALIDITY = "-2024-12-31"
EARLIER_COMMIT = "4426bca1996252d6556e968eb33c9546563eecb0"
NEW_VALIDITY = "2025-07-01-"


def git_show(git_dir, commit, path):
    out = subprocess.run(["git", "--git-dir", git_dir, "show", f"{commit}:{path}"],
                         check=True, capture_output=True)
    return out.stdout.decode("utf-8")


def git_commit(git_dir, commit):
    out = subprocess.run(["git", "--git-dir", git_dir, "rev-parse", commit],
                         check=True, capture_output=True, text=True)
    return out.stdout.strip()


def nfc(text):
    return unicodedata.normalize("NFC", re.sub(r"\s+", " ", text)).strip()


def split_type(full_name, default_type):
    """'Phường Phúc Xá' -> ('Phường', 'Phúc Xá'); a name without a type word keeps
    default_type (the 34 provinces' list writes 'Cao Bằng' for 'Tỉnh Cao Bằng')."""
    for t in TYPES:
        if full_name.startswith(t + " "):
            return t, full_name[len(t) + 1:]
    return default_type, full_name


def old_units(git_dir, commit, validity=OLD_VALIDITY):
    data = json.loads(git_show(git_dir, commit, "data/dvhcvn.json"))["data"]
    rows = []
    for p in data:
        ptype, pname = split_type(nfc(p["name"]), "Tỉnh")
        rows.append((p["level1_id"], "p", ptype, pname, "", validity))
        for d in p["level2s"]:
            dtype, dname = split_type(nfc(d["name"]), nfc(d["type"]))
            rows.append((d["level2_id"], "d", dtype, dname, p["level1_id"], validity))
            for c in d["level3s"]:
                ctype, cname = split_type(nfc(c["name"]), nfc(c["type"]))
                rows.append((c["level3_id"], "c", ctype, cname, d["level2_id"],
                             validity))
    return rows


def province_key(name):
    name = nfc(name.replace("<br>", " "))
    name = re.sub(r"^Tp\.? ", "Thành phố ", name)
    return split_type(name, "Tỉnh")[1]


def new_units(git_dir, commit):
    rows = []
    by_name = {}
    for r in csv.DictReader(io.StringIO(git_show(git_dir, commit,
                                                 "input/docs/915_CTK-CSCL.csv"))):
        ptype, pname = split_type(nfc(r["Tên 34 tỉnh sau sáp nhập"]), "Tỉnh")
        code = r["Mã số"].strip()
        rows.append((code, "p", ptype, pname, "", NEW_VALIDITY))
        by_name[pname] = code
    if len(by_name) != 34:
        sys.exit(f"expected 34 provinces, read {len(by_name)}")
    line = re.compile(r"^\|\s*\d+\s*\|\s*(\d{5})\s*\|(.*?)\|(.*?)\|\s*$")
    communes = 0
    for text in git_show(git_dir, commit, "input/docs/1027_CTK-CSCL.md").splitlines():
        m = line.match(text)
        if not m:
            continue
        ctype, cname = split_type(nfc(m.group(2).replace("<br>", " ")), "Xã")
        parent = by_name.get(province_key(m.group(3)))
        if parent is None:
            sys.exit(f"commune {m.group(1)}: unknown province {m.group(3)!r}")
        rows.append((m.group(1), "c", ctype, cname, parent, NEW_VALIDITY))
        communes += 1
    if communes != 3321:
        sys.exit(f"expected 3321 commune-level units (GSO 1027/CTK-CSCL), read {communes}")
    return rows


# Country names as Vietnamese civil-status papers print them, where iso-codes'
# Vietnamese translation is an older or longer form (alpha-2 code, name).
CUSTOMARY = [("KH", "Campuchia"), ("KR", "Hàn Quốc"), ("KP", "Triều Tiên"), ("LA", "Lào"),
             ("US", "Hoa Kỳ"), ("JP", "Nhật Bản"), ("GB", "Anh"), ("RU", "Nga"),
             ("CZ", "Séc"), ("TW", "Đài Loan"), ("AU", "Úc"), ("IN", "Ấn Độ")]


def nationalities(iso_json, locale_dir):
    import gettext
    vi = gettext.translation("iso_3166-1", localedir=locale_dir, languages=["vi"])
    with open(iso_json, encoding="utf-8") as f:
        countries = json.load(f)["3166-1"]
    rows = set()
    for c in countries:
        rows.add((c["alpha_2"], nfc(vi.gettext(c["name"]))))
    rows.update(CUSTOMARY)
    return sorted(rows)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--old", required=True)
    ap.add_argument("--old-commit", default="HEAD")
    ap.add_argument("--earlier-commit", default=EARLIER_COMMIT,
                    help="the --old repository's commit of the earlier list")
    ap.add_argument("--new", required=True)
    ap.add_argument("--new-commit", default="HEAD")
    ap.add_argument("--out", default="schemas/gazetteer/units.v1.tsv")
    ap.add_argument("--iso-codes", default="/usr/share/iso-codes/json/iso_3166-1.json")
    ap.add_argument("--locale-dir", default="/usr/share/locale")
    ap.add_argument("--nationalities-out", default="schemas/gazetteer/nationalities.v1.tsv")
    a = ap.parse_args()
    old_commit = git_commit(a.old, a.old_commit)
    new_commit = git_commit(a.new, a.new_commit)
    old = old_units(a.old, old_commit)
    kept = {r[:5] for r in old}
    earlier = [r for r in old_units(a.old, a.earlier_commit, EARLIER_VALIDITY) if r[:5] not in kept]
    rows = old + earlier + new_units(a.new, new_commit)
    with open(a.out, "w", encoding="utf-8", newline="\n") as f:
        f.write("# Vietnam's administrative units (GSO lists); see SOURCE.md. Generated by "
                "tools/make-gazetteer.py from\n")
        f.write(f"# daohoangson/dvhcvn@{old_commit} (and @{a.earlier_commit} for units ended "
                f"before 2025) and dvhcvn/20250701@{new_commit}.\n")
        f.write("# level: p province, d district, c commune; validity: -END or START-\n")
        f.write("# code\tlevel\ttype\tname\tparent\tvalidity\n")
        for r in rows:
            f.write("\t".join(r) + "\n")
    print(f"{a.out}: {len(rows)} units", file=sys.stderr)
    countries = nationalities(a.iso_codes, a.locale_dir)
    with open(a.nationalities_out, "w", encoding="utf-8", newline="\n") as f:
        f.write("# Country names for nationality fields; see SOURCE.md. Generated by "
                "tools/make-gazetteer.py.\n")
        f.write("# alpha2\tname\n")
        for r in countries:
            f.write("\t".join(r) + "\n")
    print(f"{a.nationalities_out}: {len(countries)} names", file=sys.stderr)


if __name__ == "__main__":
    main()
