#!/usr/bin/env python3
"""Builds data/lexicon/fr.tsv, verbatim's French form -> lemma + UPOS lexicon.

Sources (all pinned, all allowing redistribution of a derived work):
  - UD French treebanks: the train/dev splits of GSD (dev only), ParisStories, Rhapsodie,
    and Sequoia (train, dev, test) and FQB (test). The test splits of GSD, ParisStories and
    Rhapsodie are never read: they are the splits the lexicon is scored on.
  - The Dicollecte/Grammalecte French hunspell dictionary ("toutes variantes" v7.0, Debian
    package hunspell-fr-comprehensive 1:7.0-1), expanded here to all its inflected forms:
    each form gets the dictionary entry (or its st: stem) as lemma and a UPOS mapped from po:.

Each form gets one lemma: the treebank reading with the highest weighted count (the spoken
treebanks weigh more, verbatim's corpus being spoken interviews), else the dictionary reading
that the treebanks' lemma counts and a part-of-speech order make most likely, then a short
table of overrides for well-known ambiguities of spoken French.

Usage:
  build_fr.py [--mirrors DIR | --ud-dir DIR] [--dic fr.dic --aff fr.aff] [--out PATH]
  build_fr.py --evaluate DIR [...]   # also prints the scores on DIR's fr_*-ud-test.conllu

--mirrors DIR reads each treebank file with `git show COMMIT:FILE` from DIR/<owner>+<repo>/repo
at the pinned commit; --ud-dir DIR reads the same files by name from DIR. Either way each file
is checked against its pinned git blob id, so the output is byte-for-byte the same.
Python 3 standard library only.
"""

import argparse
import hashlib
import os
import re
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import conllu  # noqa: E402
from conllu import norm  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))

# (repository, commit, file, git blob id, licence, weight). Spoken treebanks weigh more.
TREEBANKS = [
    ("UniversalDependencies/UD_French-ParisStories", "c549ab63a3ac2af92ad9e87fff2b4f45742f2d42",
     "fr_parisstories-ud-train.conllu",
     "6034a8b073b13dbb60b8de200c641e2c781a44fa", "CC BY-SA 4.0", 4),
    ("UniversalDependencies/UD_French-ParisStories", "c549ab63a3ac2af92ad9e87fff2b4f45742f2d42",
     "fr_parisstories-ud-dev.conllu",
     "4ef1a9ba04888edd7b9181af05b1bf82cce00432", "CC BY-SA 4.0", 4),
    ("UniversalDependencies/UD_French-Rhapsodie", "e638b8136977e5ddd9c49ac0b99cc56b7216db33",
     "fr_rhapsodie-ud-train.conllu",
     "db2406fd92545a2d0337e27173ed8db533e152f5", "CC BY-SA 4.0", 4),
    ("UniversalDependencies/UD_French-Rhapsodie", "e638b8136977e5ddd9c49ac0b99cc56b7216db33",
     "fr_rhapsodie-ud-dev.conllu",
     "b83cf0066b2419bdc905a66e47f612de97ab8b00", "CC BY-SA 4.0", 4),
    ("UniversalDependencies/UD_French-GSD", "830e2782304af08b3cc1c9250475343e04274d81",
     "fr_gsd-ud-dev.conllu",
     "01101b0087171ca6d27f87d24f993af286adf750", "CC BY-SA 4.0", 1),
    ("UniversalDependencies/UD_French-Sequoia", "f5b049600c89d2cf15ebbec860f75d703884d32b",
     "fr_sequoia-ud-train.conllu",
     "11af6d52c3d26887e6616220f9bda5633d1fe223", "LGPL-LR", 1),
    ("UniversalDependencies/UD_French-Sequoia", "f5b049600c89d2cf15ebbec860f75d703884d32b",
     "fr_sequoia-ud-dev.conllu",
     "b3a73c556e7113909b93a26c0e88f43c20938538", "LGPL-LR", 1),
    ("UniversalDependencies/UD_French-Sequoia", "f5b049600c89d2cf15ebbec860f75d703884d32b",
     "fr_sequoia-ud-test.conllu",
     "67ec0c0aa6d62e44a24758e5f12ab4f8809f5c8e", "LGPL-LR", 1),
    ("UniversalDependencies/UD_French-FQB", "d585d0fadefbc063f460278be862adf6bad4b0a4",
     "fr_fqb-ud-test.conllu",
     "78f98fe6ce87db824c0be04e0e1638ee9eb08877", "LGPL-LR", 1),
]
SCORED = ["fr_gsd-ud-test.conllu", "fr_parisstories-ud-test.conllu", "fr_rhapsodie-ud-test.conllu"]

HUNSPELL = "hunspell-fr-comprehensive 1:7.0-1 (Dicollecte/Grammalecte \"toutes variantes\" v7.0)"
DIC_SHA256 = "f98d56be522f05426ae254ecfac1d089b196ea19a35f231d8306715c19e47d9a"
AFF_SHA256 = "0c756a9cae09bf4c4fd8ad1fc894a800cfc65940b7914ef9bf681fea66a4f19c"

UPOS = {"NOUN", "VERB", "ADJ", "ADV", "PROPN", "PRON", "DET", "ADP", "AUX", "CCONJ", "SCONJ",
        "NUM", "INTJ", "PART", "PUNCT", "SYM", "X"}

# Dictionary po: tag -> UPOS. Tags not listed (mg "grammatical word", pfx, sfx, err, ponc...)
# give no reading of their own.
PO_UPOS = {
    "nom": "NOUN", "titr": "NOUN", "loc.nom": "NOUN",
    "adj": "ADJ", "loc.adj": "ADJ",
    "v0": "VERB", "v1": "VERB", "v2": "VERB", "v3": "VERB",
    "npr": "PROPN", "prn": "PROPN", "patr": "PROPN", "loc.patr": "PROPN",
    "adv": "ADV", "loc.adv": "ADV", "negadv": "ADV", "advint": "ADV",
    "interj": "INTJ", "loc.interj": "INTJ",
    "nb": "NUM", "nbro": "ADJ",
    "prep": "ADP", "prepv": "ADP", "loc.prep": "ADP", "loc.prepv": "ADP",
    "cjco": "CCONJ", "cjsub": "SCONJ", "cj": "SCONJ", "loc.cj": "SCONJ", "loc.cjsub": "SCONJ",
    "det": "DET", "detpos": "DET", "detind": "DET", "detdem": "DET", "detneg": "DET",
    "detex": "DET",
    "properobj": "PRON", "propersuj": "PRON", "prodem": "PRON", "proind": "PRON",
    "prorel": "PRON", "proint": "PRON", "proneg": "PRON", "proadv": "PRON",
}


def git_blob_id(data):
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()


def sha256(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def treebank_files(args, tmp):
    """Writes the pinned treebank files into tmp (checking each blob id); returns
    [(path, weight)]."""
    out = []
    for repo, commit, name, blob, _, weight in TREEBANKS:
        if args.ud_dir:
            with open(os.path.join(args.ud_dir, name), "rb") as f:
                data = f.read()
        else:
            git_dir = os.path.join(args.mirrors, repo.replace("/", "+"), "repo")
            data = subprocess.run(["git", "-C", git_dir, "show", f"{commit}:{name}"],
                                  check=True, capture_output=True).stdout
        if git_blob_id(data) != blob:
            sys.exit(f"{name}: not the pinned version (blob {git_blob_id(data)}, want {blob})")
        path = os.path.join(tmp, name)
        with open(path, "wb") as f:
            f.write(data)
        out.append((path, weight))
    return out


# ---------------------------------------------------------------- hunspell expansion

def read_aff(path):
    """(SFX rules, PFX rules): flag -> [(strip, add, condition regex, continuation flags,
    morph tags)]. The prefixes of this dictionary are elisions (l', d', qu', jusqu'...), which
    verbatim splits off and which are left out here, and the units' prefixes (kilo-, milli-,
    k-, m-...), which are kept: mètre and gramme are entries that only exist through them."""
    sfx, pfx = defaultdict(list), defaultdict(list)
    with open(path, encoding="utf-8") as f:
        for line in f:
            p = line.split()
            if len(p) < 5 or p[0] not in ("SFX", "PFX"):
                continue
            flag, strip, add, cond = p[1], p[2], p[3], p[4]
            if strip == "0":
                strip = ""
            cont = ""
            if "/" in add:
                add, cont = add.split("/", 1)
            if add == "0":
                add = ""
            if p[0] == "SFX":
                sfx[flag].append((strip, add, re.compile("(?:" + cond + ")$"), cont, p[5:]))
            elif "'" not in add:
                pfx[flag].append((strip, add, re.compile("^(?:" + cond + ")"), cont, p[5:]))
    return sfx, pfx


def flags_of(s):
    """FLAG long: two characters per flag."""
    return [s[i:i + 2] for i in range(0, len(s), 2)]


def po_readings(tags):
    """The UPOS readings of a list of morph fields."""
    out = []
    for t in tags:
        if t.startswith("po:"):
            po = t[3:].rstrip("!")
            if po.startswith("v") and po[:2] in ("v0", "v1", "v2", "v3"):
                po = po[:2]
            u = PO_UPOS.get(po)
            if u and u not in out:
                out.append(u)
    return out


VERB_FORM = {"infi", "ppre", "ppas", "ipre", "iimp", "ipsi", "ifut", "cond", "spre", "simp",
             "impe"}


def verb_kind(tags):
    """"ppas", "ppre", "infi", "finite" or "rare": a finite form other than the 1sg/3sg/3pl of
    the present, imperfect, future, conditional or subjunctive (tu rêves, nous lions, il lia),
    seldom spoken where a noun of the same spelling exists."""
    if "ppas" in tags:
        return "ppas"
    if "ppre" in tags:
        return "ppre"
    if "infi" in tags:
        return "infi"
    common = (tags & {"ipre", "iimp", "ifut", "cond", "spre"}) and (tags & {"1sg", "3sg", "3pl"})
    return "finite" if common else "rare"


def expand_hunspell(dic_path, aff_path):
    """form -> {(lemma, upos): kind}. The lemma is the dictionary entry (or its st: stem), except
    for UD's conventions: a feminine noun keeps its gender (conseillère, not conseiller) unless
    the entry is also an adjective (saisonnière -> saisonnier; both readings are kept, the
    feminine one marked "fem"), and a past participle used as an adjective has its masculine
    singular as lemma (compliquées -> compliqué, marked "ppadj"; these readings only vouch for
    treebank lemmas, the verb reading being the better guess for forms the treebanks lack).
    kind is "", "fem", "ppadj" or, for verbs, what verb_kind says."""
    sfx, pfx = read_aff(aff_path)
    out = defaultdict(dict)
    rank = {"": 0, "fem": 0, "infi": 0, "finite": 1, "ppas": 1, "ppre": 1, "ppadj": 1, "rare": 2}

    def add(form, lemma, upos, kind):
        form, lemma = norm(form), norm(lemma)
        key = (lemma, upos)
        old = out[form].get(key)
        if old is None or rank[kind] < rank[old]:
            out[form][key] = kind

    def expand_entry(word, lemma, fl, base):
        """The entry's own form (unless NEEDAFFIX) and the forms of its suffix flags."""
        if "()" not in fl:  # NEEDAFFIX: the bare entry is not a word by itself
            for u in base:
                add(word, lemma, u, "")
        for flag in fl:
            group = []
            for strip, affix, cond, _, atags in sfx.get(flag, ()):
                if not word.endswith(strip) or not cond.search(word):
                    continue
                form = word[:len(word) - len(strip)] + affix
                ts = {t[3:].rstrip("!") for t in atags if t.startswith(("po:", "is:"))}
                group.append((form, ts))
            # the singular of each gender in this paradigm
            sg = {}
            for form, ts in group:
                if ts & {"sg", "inv"}:
                    g = "fem" if "fem" in ts else "mas"
                    sg.setdefault(g, form)
            for form, ts in group:
                if ts & VERB_FORM:
                    add(form, lemma, "VERB", verb_kind(ts))
                    if "ppas" in ts and "adj" in ts and "mas" in sg:
                        add(form, sg["mas"], "ADJ", "ppadj")
                    continue
                for u in po_readings([f"po:{t}" for t in ts]) or base:
                    if u == "NOUN" and "fem" in ts and "fem" in sg and "mas" in sg:
                        add(form, sg["fem"], u, "fem")
                    else:
                        add(form, lemma, u, "")

    with open(dic_path, encoding="utf-8") as f:
        next(f)  # entry count
        for line in f:
            p = line.split()
            if not p:
                continue
            word, _, flags = p[0].partition("/")
            tags = p[1:]
            fl = flags_of(flags)
            if "{}" in fl:
                continue  # forbidden word
            lemma = word
            for t in tags:
                if t.startswith("st:"):
                    lemma = t[3:]
            base = po_readings(tags)
            entries = [(word, lemma, fl)]
            for flag in fl:  # unit prefixes: mètre, kilomètre, km from the entry mètre/m
                for strip, affix, cond, cont, _ in pfx.get(flag, ()):
                    if word.startswith(strip) and cond.search(word):
                        new = affix + word[len(strip):]
                        entries.append((new, new, flags_of(cont) if cont else []))
            for word, lemma, fl in entries:
                expand_entry(word, lemma, fl, base)
    return out


# ---------------------------------------------------------------- choosing one reading

def keep_form(form):
    """Forms with a letter and no space."""
    return any(c.isalpha() for c in form) and not any(c.isspace() for c in form)


def ud_choice(counts, readings, trust=4):
    """One (lemma, upos) per form from the weighted treebank counts: the lemma with the highest
    count over all its tags, then its most frequent tag. A lemma with weight <= trust (one
    spoken token, or up to four written ones) that the dictionary does not give for the form is
    taken for an annotation slip (sache -> voir) and left to the dictionary."""
    out = {}
    for form, c in counts.items():
        by_lemma = Counter()
        for (lemma, upos), n in c.items():
            by_lemma[lemma] += n
        lemma = min(by_lemma, key=lambda l: (-by_lemma[l], l != form, l))
        upos = min((u for (l, u) in c if l == lemma), key=lambda u: (-c[(lemma, u)], u))
        if (form in readings and by_lemma[lemma] <= trust
                and lemma not in {l for l, _ in readings[form]}):
            continue
        out[form] = (lemma, upos)
    return out


# Order among the dictionary's readings of equal weight.
POS_ORDER = ["NOUN", "ADJ", "VERB", "ADV", "PRON", "DET", "ADP", "SCONJ", "CCONJ", "NUM",
             "INTJ", "PROPN", "AUX", "X"]
RARE_WEIGHT = 0.01  # a verb form seldom spoken (tu rêves, nous lions) against a noun (rêves)


def hunspell_choice(readings, lemma_freq):
    """One (lemma, upos) per form among the dictionary's readings: the reading whose lemma the
    treebanks use most (plus one), a seldom-spoken verb form counting for little; ties go to the
    masculine lemma of a noun-adjective (saisonnière -> saisonnier), then to the form itself as
    lemma, then to POS_ORDER."""
    out = {}
    for form, rs in readings.items():
        def key(item):
            (lemma, upos), kind = item
            w = lemma_freq.get(lemma, 0) + 1
            if kind == "rare":
                w *= RARE_WEIGHT
            return (-w, kind == "fem", lemma != form, POS_ORDER.index(upos), lemma, upos)
        candidates = [r for r in rs.items() if r[1] != "ppadj"] or list(rs.items())
        (lemma, upos), _ = min(candidates, key=key)
        out[form] = (lemma, upos)
    return out


# Well-known ambiguities of spoken French that the treebank counts settle the other way.
OVERRIDES = {
    # the participle of faire (j'ai fait, ça fait) is the analyst's word; the treebanks count
    # the noun of `en fait` / `le fait que` slightly more often, splitting faire's group
    "fait": ("faire", "VERB"),
    # `ca` is how transcripts typed without a cedilla write ça, not the rare noun (calcium)
    "ca": ("ça", "PRON"),
}


def build(counts, readings):
    """The lexicon: treebank readings, dictionary readings for the other forms, overrides."""
    lemma_freq = Counter()
    for c in counts.values():
        for (lemma, _), n in c.items():
            lemma_freq[lemma] += n
    ud = ud_choice(counts, readings)
    hun = hunspell_choice(readings, lemma_freq)
    lex = dict(hun)
    lex.update(ud)
    # coeur, soeur, oeuvre: the spelling without the ligature takes the reading of the one
    # with it, so that both group under one lemma (UD itself lemmatizes coeur both ways)
    for form in list(lex):
        if "oe" in form and form.replace("oe", "œ") in lex:
            lex[form] = lex[form.replace("oe", "œ")]
    lex.update(OVERRIDES)
    lex = {f: (l, u if u in UPOS else "") for f, (l, u) in lex.items() if keep_form(f)}
    return lex, ud, hun


def evaluate(directory, lexicons):
    """Prints each lexicon's scores on the scored UD test files found in directory; a form the
    lexicon lacks is its own lemma. treebanks: the treebank readings only; dict-alone: the
    dictionary with no treebank counts; dictionary: the dictionary with the treebanks' lemma
    counts; combined: what fr.tsv holds."""
    for name in SCORED:
        path = os.path.join(directory, name)
        if not os.path.exists(path):
            continue
        for label, lex in lexicons:
            acc, f1, n = conllu.score(path, lambda f: lex[f][0] if f in lex else f)
            print(f"{name:34} {label:10} lemma accuracy {acc:6.2f}  grouping F1 {f1:6.2f}  "
                  f"tokens {n}")


def header(args):
    h = [
        "verbatim French lexicon: form<TAB>lemma<TAB>UPOS, one line per form, sorted by the UTF-8",
        "bytes of the form. Forms and lemmas are normalized as verbatim normalizes tokens (NFC,",
        "full case folding, apostrophes as U+0027); UPOS is a UD tag or empty.",
        "Generated by scripts/lexicon/build_fr.py; regenerate with:",
        "  python3 scripts/lexicon/build_fr.py --mirrors DIR   (or --ud-dir DIR with the files below)",
        "Lemma choice: the treebank reading with the highest count (spoken treebanks weigh "
        f"{TREEBANKS[0][5]}x),",
        "else the dictionary reading whose lemma the treebanks use most, then a short override table.",
        "Lemmas follow current UD French (je/j' -> moi, il/elle -> lui, mon/ma/ses -> son, a",
        "participle tagged ADJ -> its masculine singular); a form spelt with oe takes the reading of",
        "its spelling with œ (coeur -> cœur); a word with an elision attached (l'homme) is not",
        "listed, the elisions themselves (l' j' qu' d' n' s' c' jusqu' lorsqu') are.",
        "Sources:",
    ]
    for repo, commit, name, blob, lic, weight in TREEBANKS:
        h.append(f"  {repo} @ {commit} {name} (blob {blob}) {lic}, weight {weight}")
    h.append(f"  {HUNSPELL}, MPL-2.0:")
    h.append(f"    fr.dic sha256 {DIC_SHA256}")
    h.append(f"    fr.aff sha256 {AFF_SHA256}")
    h += [
        "  Not used: Lexique 3.83 and Morphalou (not reachable when this file was built); UD French",
        "  ParTUT and GUM (non-commercial licences); the test splits of GSD, ParisStories and",
        "  Rhapsodie (kept for scoring).",
        "Licence: a derived work of all the sources above, so it carries their obligations:",
        "  CC BY-SA 4.0 (GSD, ParisStories, Rhapsodie): attribution, and adaptations shared under",
        "  CC BY-SA 4.0 or a compatible licence; LGPL-LR (Sequoia, FQB): the modified resource stays",
        "  freely available under LGPL-LR terms together with the means to rebuild it; MPL-2.0 (the",
        "  dictionary): the covered files (fr.dic, fr.aff) stay available under MPL-2.0. This header",
        "  (attribution, pinned sources, how to rebuild) and build_fr.py must ship with the file.",
    ]
    return h


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    src = ap.add_mutually_exclusive_group()
    src.add_argument("--mirrors", default="/work/.mirror",
                     help="folder of the treebank git repositories (<owner>+<name>/repo)")
    src.add_argument("--ud-dir", help="folder holding the treebank files by name")
    ap.add_argument("--dic", default="/usr/share/hunspell/fr.dic")
    ap.add_argument("--aff", default="/usr/share/hunspell/fr.aff")
    ap.add_argument("--out", default=os.path.join(ROOT, "data", "lexicon", "fr.tsv"))
    ap.add_argument("--evaluate", metavar="DIR",
                    help="print the scores on the fr_*-ud-test.conllu files of DIR")
    args = ap.parse_args()
    for path, want in ((args.dic, DIC_SHA256), (args.aff, AFF_SHA256)):
        if sha256(path) != want:
            sys.exit(f"{path}: not the pinned version of {HUNSPELL}")
    with tempfile.TemporaryDirectory() as tmp:
        files = treebank_files(args, tmp)
        counts = conllu.table([p for p, _ in files], {p: w for p, w in files})
    readings = expand_hunspell(args.dic, args.aff)
    lex, ud, hun = build(counts, readings)
    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    conllu.write_tsv(args.out, header(args), lex)
    print(f"{args.out}: {len(lex)} forms, {os.path.getsize(args.out)} bytes", file=sys.stderr)
    if args.evaluate:
        alone = hunspell_choice(readings, {})
        evaluate(args.evaluate, [("treebanks", ud), ("dict-alone", alone), ("dictionary", hun),
                                 ("combined", lex)])


if __name__ == "__main__":
    main()
