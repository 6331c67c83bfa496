"""How many answers the Word reader gets right on fichas written by someone who had not read it.

    .venv/bin/python bench/word_accuracy.py [-v] [SET ...]   (SET: heldout, heldout2..., default all)

The files and the curator's readings are tests/fixtures/fichas/heldout and heldout2 to heldout15
(NAME.docx and NAME.curator.json, each folder from its generate.py), written for issue 18 by
helper sessions told not to read surveys/docx nor the tests (nor the sets before theirs): a
measure of accuracy less biased than our own fixtures, written alongside the reader.
When each was written, on the reader of its day: heldout 468 of 554 answers right (84.5%), 303
of 363 key answers (83.5%); heldout2, after the reader was corrected on the first set, 70.6% by
its author's scorer (its six fichas filled in on the blank form 96-100%, its six forms retyped by
agencies 0-98%); heldout3, after the reader was corrected on the first two (99.6% on them), 592
of 752 (78.7%; its eight fichas filled in on the blank 83-100%, its six retyped forms 8-87%);
heldout4, after the reader was corrected on the first three (99.5% on them), 447 of 564 (79.3%)
(its eight on the blank 339 of 360, 94.2%; its four layouts invented by their author 6-85%);
heldout5, ten fichas all filled in on the blank, after the reader was corrected on the first
four (98.7% on them): 93.8% by its author's scorer (512 of 546); heldout6, ten more on the
blank, after the reader was corrected on the first five (98.8% on them): 511 of 515 (99.2%), key
answers 330 of 334 (98.8%), by this scorer as by its author's; heldout8, twelve fichas through
other producers (the blank filled and saved by LibreOffice, .odt/.rtf/.html converted by
LibreOffice, pandoc from Markdown, Google-Docs-style XML), after the reader was corrected on the
first six (99.0% on them): 674 of 685 (98.4%), key answers 457 of 464 (98.5%); heldout7, twelve
forms retyped by agencies in their own templates (letterheads, cover letters, their own numbering
and wording, tables of their own design, initiatives as a matrix's columns), on the same reader:
515 of 884 (58.3%), key answers 355 of 577 (61.5%), one file not recognised as a ficha at all.
After the reader was corrected on both (session of 2026-12-03): heldout7 842 of 843 (99.9%, key
565 of 566), heldout8 100%, all eight sets 4991 of 5026 (99.3%), key answers 3285 of 3317 (99.0%);
heldout9, eleven more forms retyped by agencies (other countries, other habits), written by
someone who had seen neither the reader nor the seventh set, on that corrected reader: 403 of
684 (58.9%), key answers 228 of 450 (50.7%): what the seventh set taught did not carry over to
layouts it had not shown. After the reader was corrected on it too (same session): heldout9 653
of 663 (98.5%, key 430 of 440), all nine sets 5658 of 5689 (99.5%), key answers 3729 of 3757
(99.3%). Session of 2026-12-03 (evening): two more sets of forms retyped by agencies, written at
the same time by two helpers who had seen neither the reader nor any earlier set, measured on the
reader the session began with: heldout10 (12 forms: memorandums, official letters, Q&A, tables
numbering their questions, three initiatives as columns or as rows, checkboxes inserted as
symbols, type codes with a legend) 440 of 958 (45.9%, key 42.1%); heldout11 (12 more: reports
by chapter, a summary table then details, boxes holding question and answer, questions in the
agency's own sentences) 258 of 921 (28.0%, key 25.5%). heldout10 measured again after the reader
had learnt from heldout11 only: 56.4% (key 52.9%). After the reader was corrected on both:
heldout10 858 of 924 (92.9%), heldout11 799 of 858 (93.1%), the first nine 5668 of 5688
(99.6%), all eleven 7325 of 7470 (98.1%). Both stay below 98%: issue 18 stays open, and the test
holds each file's count as a floor. Session of 2026-12-04: two more sets, by two more helpers who
had seen neither the reader nor any earlier set, measured on the reader the session began with
(e6bdad7): heldout12 (12 agencies' forms with the Word features their tools add: footnotes, text
boxes, content controls, legacy form fields, tracked changes, letterheads and footers holding
answers, a bilingual label column) 543 of 710 (76.5%); heldout13 (12 blank forms through
LibreOffice, pandoc, Google Docs, AutoCorrect, content controls, "ver anexo", a block pasted in
Portuguese) 664 of 712 (93.3%). After the reader was corrected on them: heldout12 641 of 710
(90.3%), heldout13 712 of 712 (100%), heldout10 97.6%, heldout11 97.3%, all thirteen sets 8758 of
8888 (98.5%), key answers 5814 of 5901 (98.5%). Later the same session, heldout14 (12 forms retyped
by agencies, sub-national ones among them: a letter in prose, a memo in Portuguese, a landscape
matrix in two tables, questions as sentences, labels run in by a full stop, a text box and form
fields, a table with content controls, type codes with a legend table, tracked changes, a report,
check boxes, a reply pasted from an e-mail), by a helper who had seen neither the reader nor any
set, measured on the reader at dc4f81b: 579 of 772 (75.0%), key answers 367 of 499 (73.5%). After
the reader was corrected on heldout12 and heldout14 (footnotes, e-mail replies, legends as tables,
second matrices by number, and more): heldout14 747 of 757 (98.7%), heldout12 699 of 705 (99.1%),
heldout10 97.9%, heldout11 98.9%, heldout13 100%, all fourteen sets 9576 of 9636 (99.4%), key
answers 6351 of 6397 (99.3%). Then heldout15 (10 more retyped forms: a regional government's
letter in numbered prose, questions in tables, initiatives as columns, a report with tracked
changes, actors grouped by type, a questionnaire, a Q&A table, run-in labels), by another helper
who had seen neither, measured on the reader at 3cf3b51 (after heldout14's lessons): 538 of 595
(90.4%), key answers 360 of 407 (88.5%), the best first measure of a retyped set so far; after a
first pass on it: 571 of 593 (96.3%); heldout10 98.5%, heldout11 99.3%, all fifteen sets 10151 of
10225 (99.3%), key answers 6737 of 6802 (99.0%). Each unseen retyped set has measured 28-90%
before the reader learnt from it, so the goal (98% on files never seen) is not met: issue 18 stays
open. Once the reader is corrected on a set, that set is no longer unseen: the next measure needs a
new set by someone new.
-v also writes the readings to var/word_accuracy_readings.json.

Answer by answer:
  * each scalar field (institution level: country, institution, focal point name and e-mail,
    strengths, weaknesses, sharing; initiative level: type, type "other", name, objectives, focal
    point name and e-mail, justification) is one answer, empty expected values included;
  * a list field (strengths, challenges, results, other countries) is one answer per expected
    element, plus one wrong answer per extra element the reader gave;
  * each expected actor is two answers (its name, its type); extra actors are one wrong answer each;
  * a missed initiative makes all its answers wrong; an extra one costs one wrong answer.
Comparison of texts: Unicode NFC, runs of ASCII whitespace (space, tab, newline) as one space,
trimmed, curly quotes folded to straight ones. Nothing else: a soft hyphen, a zero-width space or
a non-breaking space left in the reading is a wrong answer. E-mails compare case-insensitively;
a person's name without an honorific and case-insensitively; a list item without its final dot.
"Key answers": country, institution, focal points, sharing, initiative types, names, actors and
their types, other countries.
"""

import difflib
import json
import os
import re
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "alianzas.settings")
os.environ.setdefault("DATABASE_URL", "postgres://unused/unused")  # the reader never touches the database
import django  # noqa: E402

django.setup()
from surveys.docx.reader import read_ficha  # noqa: E402
from surveys.docx.safety import open_docx_safely  # noqa: E402

# Every set, in the order they were written: heldout, heldout2, ..., heldout10, ...
SETS = sorted((ROOT / "tests" / "fixtures" / "fichas").glob("heldout*"), key=lambda folder: int(folder.name[7:] or 1))
QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "‘": "'", "’": "'", "‚": "'"})
KEY_FIELDS = {"country", "institution", "focal_point.name", "focal_point.email", "wants_to_share",
              "initiative_type", "name", "actors.name", "actors.actor_type", "other_countries"}


def norm(value):
    if value is None:
        return ""
    if not isinstance(value, str):
        return value
    value = unicodedata.normalize("NFC", value).translate(QUOTES)
    return re.sub(r"[ \t\r\n]+", " ", value).strip()


def similar(a, b):
    return difflib.SequenceMatcher(None, str(norm(a)).casefold(), str(norm(b)).casefold()).ratio()


class Tally:
    def __init__(self):
        self.rows = []  # (file, field, key?, right?, expected, got)

    def add(self, file, field, key, right, exp, got):
        self.rows.append((file, field, key, bool(right), exp, got))


# Where the two curators differ from each other and from the reader without the stored value
# being wrong, the comparison looks past it: a person's honorific ("Lic.", "Dra.") and the case
# their name was typed in (the reader keeps both as written), a list item's final full stop.
# The list grew with the sets: heldout10 and heldout11's curators dropped "Biól.", "Econ.", "Arq.",
# "Soc.", "M.Sc.", "Inga.", "Lcdo." too, heldout13's "MBA.", and heldout12's Spanish "D." and "Dña."
# and Cuban "Dr. C." (doctor en ciencias), heldout14's Portuguese "Prof. Doutor", which the reader keeps as it keeps "Lic.".
HONORIFIC = re.compile(
    r"^(?:(?:lic|licda|lcda|lcdo|ing|inga|eng|dr|dra|mtro|mtra|mag|mgs|msc|mba|m\.\s?sc|abg|abog|emb|sr|sra|srta|prof|profa|bi[oó]l|econ|arq|soc|d|dña|dna)\.[ªº]?\s+|doutora?\s+|doctora?\s+)+(?:c\.\s+)?(?:agr\.\s+)?",
    re.I,
)


def person(value):
    return HONORIFIC.sub("", norm(value)).casefold()


def scalar(t, file, path, field, exp, got, email=False):
    if email:
        right = norm(exp).casefold() == norm(got).casefold()
    elif field == "focal_point.name":
        right = person(exp) == person(got)
    elif isinstance(exp, str) or exp is None and isinstance(got, str):
        right = norm(exp) == norm(got)
    else:
        right = exp == got
    t.add(file, path, field in KEY_FIELDS, right, exp, got)


def pair(expected, got, key=lambda x: x, threshold=0.55):
    """Pairs of (expected element, got element or None) and the got elements left over: exact
    matches first, then the most similar remaining element above the threshold."""
    left = list(range(len(got)))
    pairs = [None] * len(expected)
    for i, e in enumerate(expected):
        for j in left:
            if norm(key(e)).casefold() == norm(key(got[j])).casefold():
                pairs[i] = j
                left.remove(j)
                break
    for i, e in enumerate(expected):
        if pairs[i] is None and left:
            j = max(left, key=lambda j: similar(key(e), key(got[j])))
            if similar(key(e), key(got[j])) >= threshold:
                pairs[i] = j
                left.remove(j)
    return [(e, None if pairs[i] is None else got[pairs[i]]) for i, e in enumerate(expected)], [got[j] for j in left]


def list_field(t, file, path, field, exp, got):
    got = list(got or [])
    pairs, extra = pair(exp, got)
    for e, g in pairs:
        right = g is not None and norm(e).rstrip(".") == norm(g).rstrip(".")
        t.add(file, f"{path}[]", field in KEY_FIELDS, right, e, g)
    for g in extra:
        t.add(file, f"{path}[] (extra)", field in KEY_FIELDS, False, None, g)


def countries(t, file, path, exp, got):
    got = [str(c).upper() for c in (got or [])]
    left = list(got)
    for c in exp:
        if c in left:
            left.remove(c)
            t.add(file, f"{path}[]", True, True, c, c)
        else:
            t.add(file, f"{path}[]", True, False, c, None)
    for c in left:
        t.add(file, f"{path}[] (extra)", True, False, None, c)


def actors(t, file, path, exp, got):
    got = list(got or [])
    pairs, extra = pair(exp, got, key=lambda a: a["name"], threshold=0.5)
    for e, g in pairs:
        t.add(file, f"{path}.name", True, g is not None and norm(e["name"]) == norm(g.get("name")),
              e["name"], None if g is None else g.get("name"))
        t.add(file, f"{path}.actor_type [{e['name']}]", True,
              g is not None and e["actor_type"] == g.get("actor_type"), e["actor_type"],
              None if g is None else g.get("actor_type"))
    for g in extra:
        t.add(file, f"{path} (extra)", True, False, None, g)


def score_initiative(t, file, n, exp, got):
    p = f"initiatives[{n}]"
    got = got or {}
    for field in ("initiative_type", "initiative_type_other", "name", "objectives", "justification"):
        scalar(t, file, f"{p}.{field}", field, exp[field], got.get(field))
    fp = got.get("focal_point") or {}
    scalar(t, file, f"{p}.focal_point.name", "focal_point.name", exp["focal_point"]["name"], fp.get("name"))
    scalar(t, file, f"{p}.focal_point.email", "focal_point.email", exp["focal_point"]["email"], fp.get("email"),
           email=True)
    actors(t, file, f"{p}.actors", exp["actors"], got.get("actors"))
    countries(t, file, f"{p}.other_countries", exp["other_countries"], got.get("other_countries"))
    for field in ("strengths", "challenges", "results"):
        list_field(t, file, f"{p}.{field}", field, exp[field], got.get(field))


def score_file(t, file, exp, got):
    for field in ("country", "institution", "institution_strengths", "institution_weaknesses", "wants_to_share"):
        scalar(t, file, field, field, exp[field], got.get(field))
    fp = got.get("focal_point") or {}
    scalar(t, file, "focal_point.name", "focal_point.name", exp["focal_point"]["name"], fp.get("name"))
    scalar(t, file, "focal_point.email", "focal_point.email", exp["focal_point"]["email"], fp.get("email"), email=True)
    got_inits = list(got.get("initiatives") or [])
    # pair initiatives by name, falling back on position
    pairs, extra = pair(exp["initiatives"], got_inits, key=lambda i: i.get("name") or "", threshold=0.5)
    used = {id(g) for _, g in pairs if g is not None}
    for n, (e, g) in enumerate(pairs, start=1):
        if g is None and n - 1 < len(got_inits) and id(got_inits[n - 1]) not in used:
            g = got_inits[n - 1]
            used.add(id(g))
            extra = [x for x in extra if x is not g]
        score_initiative(t, file, n, e, g)
    for g in extra:
        t.add(file, "initiatives (extra)", True, False, None, g.get("name"))


def short(value, width=110):
    text = json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else repr(value)
    return text if len(text) <= width else text[: width - 1] + "…"


def main():
    verbose = "-v" in sys.argv
    chosen = [folder for folder in SETS if folder.name in sys.argv[1:]] or SETS
    t = Tally()
    readings = {}
    # A set's generator may keep a working copy beside its files (heldout13's blank form): only a
    # file with a curator's reading is scored.
    for path in sorted(path for folder in chosen for path in folder.glob("*.docx") if path.with_suffix(".curator.json").exists()):
        exp = json.loads(path.with_suffix(".curator.json").read_text(encoding="utf-8"))
        try:
            got = read_ficha(open_docx_safely(path.read_bytes()))
        except Exception as exc:  # a crash is every answer wrong
            got = {"initiatives": [], "error": f"{type(exc).__name__}: {exc}"}
        readings[path.stem] = got
        score_file(t, path.stem, exp, got)
    if verbose:
        (ROOT / "var" / "word_accuracy_readings.json").write_text(json.dumps(readings, ensure_ascii=False, indent=1), encoding="utf-8")

    print("Per file:")
    for file in readings:
        rows = [r for r in t.rows if r[0] == file]
        right = sum(r[3] for r in rows)
        krows = [r for r in rows if r[2]]
        err = f"  ERROR {readings[file]['error']}" if "error" in readings[file] else ""
        print(f"  {file:34s} {right:3d}/{len(rows):3d} ({100 * right / len(rows):5.1f}%)   key "
              f"{sum(r[3] for r in krows):3d}/{len(krows):3d}{err}")
    right, total = sum(r[3] for r in t.rows), len(t.rows)
    keys = [r for r in t.rows if r[2]]
    kright = sum(r[3] for r in keys)
    print()
    print(f"TOTAL: {right}/{total} answers right ({100 * right / total:.1f}%)")
    print(f"KEY ANSWERS: {kright}/{len(keys)} right ({100 * kright / len(keys):.1f}%)")
    print()
    wrong = [r for r in t.rows if not r[3]]
    print(f"Mismatches ({len(wrong)}):")
    for file, field, key, _, exp, got in wrong:
        print(f"  {'*' if key else ' '} {file} | {field} | expected {short(exp)} | got {short(got)}")
    print("  (* = key answer)")


if __name__ == "__main__":
    main()
