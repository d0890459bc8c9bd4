#!/usr/bin/env python3
"""Builds data/lexicon/en.tsv, verbatim's English `form -> lemma, UPOS` table.

Sources (all redistributable, all pinned):
  * UD English EWT (CC BY-SA 4.0), read from a git clone at a pinned commit: the treebank's
    documents under not-to-release/sources/, minus every sentence of en_ewt-ud-test.conllu (the
    scoring split) — the script prints the overlap, which must be 0;
  * WordNet 3.0 (WordNet licence) as packaged by Debian `wordnet-base` 1:3.0-37: the lemmas of
    index.{noun,verb,adj,adv}, the regular inflections generated from them and morphy's
    exception lists {noun,verb,adj,adv}.exc.

One lemma per form, looked up without context: the treebank's most frequent lemma for the form
(see choose()), else WordNet's (see pick_wordnet()), else the regular inflection of a treebank
lemma; a short override table (OVERRIDES, each entry with its reason) has the last word.

  python3 scripts/lexicon/build_en.py \\
      --ewt /work/.mirror/UniversalDependencies+UD_English-EWT/repo \\
      --wordnet /usr/share/wordnet [--out data/lexicon/en.tsv] [--evaluate DIR]

--evaluate DIR prints lemma accuracy and grouping F1 (conllu.score) of the EWT table alone,
WordNet alone and the combined lexicon on DIR/en_ewt-ud-test.conllu and
DIR/en_gum-ud-test.conllu, looking words up as verbatim does (see lookup()). GUM (CC BY-NC)
is only ever a test file here, never a source.
"""

import argparse
import hashlib
import os
import subprocess
import sys
import tempfile
import unicodedata
from collections import Counter, defaultdict

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import conllu  # noqa: E402

EWT_COMMIT = "15d613d8447b3478787d4c278730a1e48a945efb"
EWT_SOURCES = "not-to-release/sources"
EWT_TEST = "en_ewt-ud-test.conllu"
WORDNET_VERSION = "WordNet 3.0, Debian package wordnet-base 1:3.0-37"
WORDNET_FILES = ["index.noun", "index.verb", "index.adj", "index.adv",
                 "noun.exc", "verb.exc", "adj.exc", "adv.exc"]
TEST_FILES = ["en_ewt-ud-test.conllu", "en_gum-ud-test.conllu"]

WN_UPOS = {"noun": "NOUN", "verb": "VERB", "adj": "ADJ", "adv": "ADV"}

# Forms whose context-free lemma the counts get wrong for interview speech, or where the
# treebank's convention and verbatim's grouping disagree. form -> (lemma, upos, reason).
OVERRIDES = {
    # spoken contractions the treebank lacks, lemmatized as EWT splits their kin
    # (`gonna` = gon/go + na/to, `coz` -> because)
    "'cause": ("because", "SCONJ", "spoken `because`; `cause` alone stays the noun/verb"),
    "cuz": ("because", "SCONJ", "spoken `because`, as EWT lemmatizes `coz`"),
    "y'all": ("you", "PRON", "`you all`: the pronoun"),
    "lemme": ("let", "VERB", "`let me`: the verb, as EWT's `wanna` -> want"),
    "gimme": ("give", "VERB", "`give me`: the verb"),
    "hafta": ("have", "VERB", "`have to`, like EWT's `gotta` -> get"),
    "oughta": ("ought", "AUX", "`ought to`"),
    "tryna": ("try", "VERB", "`trying to`"),
    "lotta": ("lot", "NOUN", "`a lotta` = a lot of"),
    "shan't": ("shall", "AUX", "`shall not`, as EWT's `won't` -> will"),
}


# ---------------------------------------------------------------- sources


def git(repo, *args, data=None):
    return subprocess.run(["git", "-C", repo, *args], input=data, check=True,
                          capture_output=True).stdout


def ewt_files(repo, tmp):
    """Writes the pinned EWT documents (one file, in path order) and its test split into tmp;
    returns (sources path, test path, number of documents)."""
    try:
        git(repo, "cat-file", "-e", f"{EWT_COMMIT}^{{commit}}")
    except (subprocess.CalledProcessError, OSError):
        sys.exit(f"{repo}: not a git clone of UD_English-EWT holding commit {EWT_COMMIT}")
    names = git(repo, "ls-tree", "-r", "--name-only", EWT_COMMIT, EWT_SOURCES).decode()
    names = sorted(n for n in names.split("\n") if n.endswith(".conllu"))
    if not names:
        sys.exit(f"no CoNLL-U documents under {EWT_SOURCES} at {EWT_COMMIT} in {repo}")
    paths = names + [EWT_TEST]
    batch = git(repo, "cat-file", "--batch",
                data="".join(f"{EWT_COMMIT}:{n}\n" for n in paths).encode())
    blobs, pos = [], 0
    for n in paths:
        head_end = batch.index(b"\n", pos)
        head = batch[pos:head_end].split()
        if len(head) != 3 or head[1] != b"blob":
            sys.exit(f"{repo}: cannot read {n} at {EWT_COMMIT}")
        size = int(head[2])
        blobs.append(batch[head_end + 1:head_end + 1 + size])
        pos = head_end + 1 + size + 1
    sources = os.path.join(tmp, "ewt-sources.conllu")
    with open(sources, "wb") as out:
        for data in blobs[:-1]:
            out.write(data.rstrip(b"\n") + b"\n\n")
    test = os.path.join(tmp, EWT_TEST)
    with open(test, "wb") as out:
        out.write(blobs[-1])
    return sources, test, len(names)


def has_letter(s):
    return any(unicodedata.category(c).startswith("L") for c in s)


def keep_form(s):
    """Forms verbatim can look up: a letter, no space, only word characters, `'`, `-`, `.`,
    starting with a word character or `'` (`'em`) and not ending with `-` (`proble-`)."""
    if not s or not has_letter(s) or s[-1] == "-" or not (s[0].isalnum() or s[0] == "'"):
        return False
    if "." in s and any(len(part) > 4 for part in s.split(".")):
        return False  # a file or newsgroup name (`api.pdf`), not an abbreviation (`a.m.`)
    return all(c.isalnum() or c in "'-." or unicodedata.category(c).startswith("M") for c in s)


def inflectable(s):
    """A lemma to inflect by rule: letters, with inner hyphens or apostrophes (`co-worker`)."""
    return s[0].isalpha() and s[-1].isalpha() and all(c.isalpha() or c in "'-" for c in s)


# ---------------------------------------------------------------- UD evidence


def mwt_table(path, skip_sent_ids):
    """form -> Counter(lemma, upos) for the multiword tokens of a CoNLL-U file (`don't`,
    `gonna`): verbatim keeps them whole. The lemma is the first word's (`do n't` -> do, `it 's`
    -> it, `gon na` -> go), or the verb's after an auxiliary (`du n no` -> know). Possessives
    are left out."""
    counts = defaultdict(Counter)
    pending = None

    def flush():
        if pending and pending[2]:
            form, _, ws = pending
            if len(ws) > 1 and ws[-1][1] == "PART" and conllu.norm(ws[-1][0]) in ("'s", "'"):
                return  # a possessive (`google's`): verbatim strips it before looking up
            verbs = [w for w in ws[1:] if w[1] == "VERB"]
            lemma, upos = verbs[0] if ws[0][1] == "AUX" and verbs else ws[0]
            if lemma != "_":
                counts[conllu.norm(form)][(conllu.norm(lemma), upos)] += 1

    for row in conllu.rows(path, skip_sent_ids):
        if row is None:
            flush()
            pending = None
            continue
        cols = row[1]
        if "-" in cols[0]:
            flush()
            lo, hi = cols[0].split("-")
            pending = (cols[1], (int(lo), int(hi)), [])
            continue
        if pending and pending[1][0] <= int(cols[0]) <= pending[1][1]:
            pending[2].append((cols[2], cols[3]))
            if int(cols[0]) == pending[1][1]:
                flush()
                pending = None
    flush()
    return counts


def choose(counter):
    """One (lemma, upos) from a Counter((lemma, upos) -> n): the most frequent lemma, counted
    over the content-word uses when they are at least half of the form's uses (what the lemma
    groups), over all uses otherwise (`but` is not `butt`, `us` is `we`); ties to the smallest
    lemma. Its tag is the lemma's most frequent one for the form."""
    content = Counter()
    total = Counter()
    for (lemma, upos), n in counter.items():
        total[lemma] += n
        if upos in conllu.CONTENT:
            content[lemma] += n
    basis = content if 2 * sum(content.values()) >= sum(total.values()) else total
    lemma = min(total, key=lambda lm: (-basis[lm], -total[lm], lm))
    tags = Counter({u: n for (lm, u), n in counter.items() if lm == lemma})
    upos = min(tags, key=lambda u: (-tags[u], u))
    return lemma, upos


def ud_entries(sources, test):
    test_ids = conllu.sent_ids(test)
    source_ids = conllu.sent_ids(sources)
    print(f"EWT: {len(source_ids)} source sentences, {len(test_ids)} test sentences, "
          f"excluding {len(source_ids & test_ids)}", file=sys.stderr)
    counts = conllu.table([sources], skip_sent_ids=test_ids)
    kept = {sid for sid, *_ in conllu.words(sources, test_ids)}
    leak = len(kept & test_ids)
    print(f"EWT: test sentences left in the sources: {leak}", file=sys.stderr)
    if leak:
        sys.exit("test sentences leak into the sources")
    for form, c in mwt_table(sources, test_ids).items():
        counts[form].update(c)
    entries = {}
    for form, c in counts.items():
        if keep_form(form):
            lemma, upos = choose(c)
            if keep_form(lemma):
                entries[form] = (lemma, upos)
    return entries, counts


# ---------------------------------------------------------------- WordNet


def read_index(path):
    """lemma -> tagged sense count (WordNet's frequency of the lemma in that part of speech)."""
    out = {}
    with open(path, encoding="latin-1") as f:
        for line in f:
            if line.startswith(" "):
                continue
            cols = line.split()
            lemma = cols[0]
            p_cnt = int(cols[3])
            tagsense = int(cols[5 + p_cnt])
            out[lemma] = tagsense
    return out


def read_exc(path):
    out = []
    with open(path, encoding="latin-1") as f:
        for line in f:
            cols = line.split()
            if len(cols) >= 2:
                out.extend((cols[0], base) for base in cols[1:])
    return out


VOWELS = set("aeiou")


def is_cons(c):
    return c.isalpha() and c not in VOWELS


def syllables(word):
    groups, prev = 0, False
    for c in word:
        v = c in VOWELS or c == "y"
        if v and not prev:
            groups += 1
        prev = v
    if word.endswith("e") and not word.endswith(("le", "ee", "ye")) and groups > 1:
        groups -= 1
    return groups


def noun_plurals(w):
    if w.endswith("man") and len(w) > 3:
        yield w[:-3] + "men"
    if w.endswith(("s", "x", "z", "ch", "sh")):
        yield w + "es"
    elif w.endswith("y") and len(w) > 1 and is_cons(w[-2]):
        yield w[:-1] + "ies"
    else:
        yield w + "s"


def doubles(w):
    """A one-syllable verb ending consonant-vowel-consonant doubles its last letter before -ed
    and -ing (`prep` -> prepped); longer ones (`refer`) are in morphy's exception list."""
    return (len(w) >= 3 and w.isalpha() and syllables(w) == 1 and is_cons(w[-1])
            and w[-1] not in "wxy" and w[-2] in VOWELS and is_cons(w[-3]))


def verb_forms(w, exc_suffixes):
    # third person singular
    if w.endswith(("s", "x", "z", "ch", "sh")) or (w.endswith("o") and len(w) > 1
                                                    and is_cons(w[-2])):
        yield w + "es"
    elif w.endswith("y") and len(w) > 1 and is_cons(w[-2]):
        yield w[:-1] + "ies"
    else:
        yield w + "s"
    # past (and past participle), unless morphy's exceptions give it (doubled consonant etc.)
    double = doubles(w)
    if "ed" not in exc_suffixes:
        if double:
            yield w + w[-1] + "ed"
        elif w.endswith("e"):
            yield w + "d"
        elif w.endswith("y") and len(w) > 1 and is_cons(w[-2]):
            yield w[:-1] + "ied"
        else:
            yield w + "ed"
    if "ing" not in exc_suffixes:
        if double:
            yield w + w[-1] + "ing"
        elif w.endswith("ie"):
            yield w[:-2] + "ying"
        elif w.endswith("e") and not w.endswith(("ee", "ye", "oe")) and len(w) > 2:
            yield w[:-1] + "ing"
        else:
            yield w + "ing"


def adj_forms(w):
    n = syllables(w)
    if not (n == 1 or (n == 2 and w.endswith("y"))) or len(w) < 3:
        return
    if w.endswith("e"):
        yield w + "r"
        yield w + "st"
    elif w.endswith("y") and is_cons(w[-2]):
        yield w[:-1] + "ier"
        yield w[:-1] + "iest"
    elif (is_cons(w[-1]) and w[-1] not in "wxy" and w[-2] in VOWELS
          and not (len(w) > 2 and w[-3] in VOWELS)):
        yield w + w[-1] + "er"   # big -> bigger, hot -> hottest
        yield w + w[-1] + "est"
    else:
        yield w + "er"
        yield w + "est"


def pick_wordnet(form, c):
    """One (lemma, upos) for a form from its WordNet candidates {(lemma, upos): tagged sense
    count}. A form that is a noun or adjective lemma itself (`ceiling`, `news`) keeps itself
    against an inflection reading unless WordNet's counts favour the inflection: for -ing and
    irregular forms when the inflected lemma's count is higher (`taking` -> take, `ceiling`
    stays), for -ed and -s forms whenever the inflected lemma has any count (in EWT train, the
    rare -ed/-s forms that are also WordNet adjectives or nouns are verb/plural uses 4 times
    out of 5)."""
    selfish = {k: n for k, n in c.items() if k[0] == form and k[1] in ("NOUN", "ADJ")}
    others = {k: n for k, n in c.items() if k[0] != form}
    if selfish and others:
        s = max(selfish.values())
        v = max(others.values())
        if form.endswith(("ed", "s")):
            keep = v == 0
        else:
            keep = s >= v
        pool = selfish if keep else others
    else:
        pool = selfish or c
    return max(pool, key=lambda k: (pool[k], k[0] == form, k[1] == "NOUN", k[0], k[1]))


def wordnet_entries(wndir):
    """form -> (lemma, upos) from WordNet: every single-word lemma is its own lemma; generated
    regular inflections (morphy's detachment rules run backwards) and morphy's exception
    entries map to their lemma; pick_wordnet() settles forms with several readings."""
    index = {pos: read_index(os.path.join(wndir, f"index.{pos}")) for pos in WN_UPOS}
    exc = {pos: read_exc(os.path.join(wndir, f"{pos}.exc")) for pos in WN_UPOS}

    def usable(w):
        return "_" not in w and keep_form(w)

    cands = defaultdict(dict)   # form -> {(lemma, upos): weight}

    def add(form, lemma, pos, weight):
        if not (usable(form) and usable(lemma)):
            return
        key = (lemma, WN_UPOS[pos])
        cands[form][key] = max(cands[form].get(key, -1), weight)

    for pos in WN_UPOS:
        for lemma, n in index[pos].items():
            add(lemma, lemma, pos, n)
    for pos in WN_UPOS:
        for form, lemma in exc[pos]:
            if lemma in index[pos] or pos == "adv":
                add(form, lemma, pos, index[pos].get(lemma, 0))
    verb_exc_suffixes = defaultdict(set)
    for form, lemma in exc["verb"]:
        for suf in ("ed", "ing"):
            if form.endswith(suf):
                verb_exc_suffixes[lemma].add(suf)
    for lemma, n in index["noun"].items():
        if len(lemma) < 3 or lemma.endswith("'s") or not inflectable(lemma):
            continue  # `ams`, `ls`: names and abbreviations, not plurals of `am`, `l`
        for f in noun_plurals(lemma):
            add(f, lemma, "noun", n)
    for lemma, n in index["verb"].items():
        if not inflectable(lemma):
            continue
        for f in verb_forms(lemma, verb_exc_suffixes[lemma]):
            add(f, lemma, "verb", n)
    for lemma, n in index["adj"].items():
        if not lemma.isalpha():
            continue
        for f in adj_forms(lemma):
            add(f, lemma, "adj", n)

    entries = {}
    for form, c in cands.items():
        entries[form] = pick_wordnet(form, c)
    return entries


# ---------------------------------------------------------------- build


def ud_inflections(counts):
    """form -> (lemma, upos) for the regular inflections of the treebank's lowercase noun,
    verb and adjective lemmas (`screenshot` -> screenshots): the words WordNet lacks."""
    tags = defaultdict(Counter)
    for c in counts.values():
        for (lemma, upos), n in c.items():
            if upos in ("NOUN", "VERB", "ADJ") and inflectable(lemma):
                tags[lemma][upos] += n
    out = {}
    for lemma in sorted(tags):
        upos = min(tags[lemma], key=lambda u: (-tags[lemma][u], u))
        if len(lemma) < 3:
            continue
        if upos == "ADJ" and not lemma.isalpha():
            continue
        forms = {"NOUN": noun_plurals(lemma), "VERB": verb_forms(lemma, set()),
                 "ADJ": adj_forms(lemma)}[upos]
        for f in forms:
            out.setdefault(f, (lemma, upos))
    return out


def combine(ud, wn, extra=None, counts=None):
    """The lexicon: EWT's entries over WordNet's over the inflections of EWT lemmas, except
    that a form seen once in EWT keeps WordNet's lemma when they differ (one token is as often
    a misspelling lemmatized as the intended word, `leaned` -> learn, as real evidence)."""
    entries = dict(extra or {})
    entries.update(wn)
    for form, entry in ud.items():
        if (counts is not None and form in wn and wn[form][0] != entry[0]
                and sum(counts[form].values()) <= 1):
            continue
        entries[form] = entry
    for form, (lemma, upos, _reason) in OVERRIDES.items():
        entries[form] = (lemma, upos)
    return entries


def sha256(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def header(wndir, nsources):
    lines = [
        "verbatim English lexicon: form<TAB>lemma<TAB>upos, one line per normalized form "
        "(NFC, case-folded, apostrophe ').",
        "Generated by scripts/lexicon/build_en.py; do not edit. Regenerate with:",
        "  python3 scripts/lexicon/build_en.py --ewt <UD_English-EWT git clone> "
        "--wordnet /usr/share/wordnet",
        f"Source: UD English EWT, commit {EWT_COMMIT}, {nsources} documents of "
        f"{EWT_SOURCES}/ minus the sentences of {EWT_TEST}; licence CC BY-SA 4.0 "
        "(https://github.com/UniversalDependencies/UD_English-EWT).",
        f"Source: {WORDNET_VERSION} (index.*, *.exc), Princeton University; WordNet 3.0 "
        "licence (https://wordnet.princeton.edu/license-and-commercial-use).",
    ]
    for name in WORDNET_FILES:
        lines.append(f"  {name} sha256 {sha256(os.path.join(wndir, name))}")
    lines.append("Licence of this file: CC BY-SA 4.0 (https://creativecommons.org/licenses/by-sa/"
                 "4.0/), as an adaptation of UD English EWT; it also contains WordNet 3.0 data, "
                 "whose licence notice follows. See data/PROVENANCE.md.")
    lines.extend("  " + line for line in wordnet_notice(wndir))
    return lines


def wordnet_notice(wndir):
    """The licence notice at the head of WordNet's index.noun, without its line numbers."""
    out = []
    with open(os.path.join(wndir, "index.noun"), encoding="latin-1") as f:
        for line in f:
            if not line.startswith("  "):
                break
            text = line.strip().split(" ", 1)
            if len(text) == 2 and text[1].strip():
                out.append(text[1].strip())
    return out


def lookup(entries, form):
    """The lemma verbatim gives a form: the entry of the form, else of the form without a
    possessive `'s` or `'`, else the (stripped) form itself."""
    if form in entries:
        return entries[form][0]
    for suffix in ("'s", "'"):
        if form.endswith(suffix) and len(form) > len(suffix):
            form = form[: -len(suffix)]
            break
    return entries.get(form, (form,))[0]


def evaluate(testdir, tables):
    for name in TEST_FILES:
        path = os.path.join(testdir, name)
        if not os.path.exists(path):
            print(f"{name}: missing")
            continue
        for label, entries in tables:
            acc, f1, n = conllu.score(path, lambda f, e=entries: lookup(e, f))
            print(f"{name}\t{label:9}\taccuracy {acc:6.2f}\tF1 {f1:6.2f}\ttokens {n}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--ewt", required=True, help="git clone of UD_English-EWT "
                    f"(read at commit {EWT_COMMIT})")
    ap.add_argument("--wordnet", default="/usr/share/wordnet",
                    help="WordNet 3.0 dict directory")
    ap.add_argument("--out", default=os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                                  "..", "..", "data", "lexicon", "en.tsv"))
    ap.add_argument("--evaluate", metavar="DIR",
                    help="print scores on DIR/en_ewt-ud-test.conllu, DIR/en_gum-ud-test.conllu")
    args = ap.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        sources, test, nsources = ewt_files(args.ewt, tmp)
        ud, counts = ud_entries(sources, test)
    wn = wordnet_entries(args.wordnet)
    extra = ud_inflections(counts)
    entries = combine(ud, wn, extra, counts)
    out = os.path.normpath(args.out)
    os.makedirs(os.path.dirname(out), exist_ok=True)
    conllu.write_tsv(out, header(args.wordnet, nsources), entries)
    print(f"{out}: {len(entries)} forms ({len(ud)} from EWT, {len(wn)} from WordNet, "
          f"{len(extra)} inflections of EWT lemmas), {os.path.getsize(out)} bytes",
          file=sys.stderr)
    if args.evaluate:
        evaluate(args.evaluate, [("EWT", ud), ("WordNet", wn), ("combined", entries)])


if __name__ == "__main__":
    main()
