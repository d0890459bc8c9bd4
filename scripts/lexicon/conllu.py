"""CoNLL-U reading, verbatim's case folding and the lemma scores, shared by the lexicon builders.

A lexicon maps a normalized form (NFC, case-folded, apostrophes U+2019/U+02BC/U+2018 as U+0027:
what `normalize_token` gives) to one lemma and one coarse UPOS tag. The scores are the ones
tests/gold/lexicon_test.cpp computes on a UD split: lemma accuracy and B-cubed grouping F1 of
the content words (NOUN, VERB, ADJ, ADV, PROPN) of the surface tokens that are single words.
"""

import unicodedata
from collections import Counter, defaultdict

CONTENT = {"NOUN", "VERB", "ADJ", "ADV", "PROPN"}
APOSTROPHES = {"\u2019": "'", "\u02bc": "'", "\u2018": "'"}


def norm(text):
    """The form verbatim counts: NFC, full case folding, one apostrophe."""
    text = unicodedata.normalize("NFC", text).casefold()
    for a, b in APOSTROPHES.items():
        text = text.replace(a, b)
    return text


def rows(path, skip_sent_ids=frozenset()):
    """Yields (sent_id, columns) for every token line of a CoNLL-U file (empty nodes left out),
    and None at the end of each sentence, skipping the sentences whose id is in skip_sent_ids."""
    sent_id = None
    skip = False
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line:
                yield None
                sent_id, skip = None, False
                continue
            if line.startswith("#"):
                if line.startswith("# sent_id"):
                    sent_id = line.split("=", 1)[1].strip()
                    skip = sent_id in skip_sent_ids
                continue
            cols = line.split("\t")
            if skip or len(cols) < 4 or "." in cols[0]:
                continue
            yield sent_id, cols
    yield None


def words(path, skip_sent_ids=frozenset()):
    """Yields (sent_id, form, lemma, upos) for every syntactic word of a CoNLL-U file that is
    not part of a multiword token (the surface token `du` is `de` + `le`: neither is a word
    verbatim sees), skipping the sentences whose id is in skip_sent_ids."""
    covered = 0
    for row in rows(path, skip_sent_ids):
        if row is None:
            covered = 0
            continue
        sent_id, cols = row
        ident = cols[0]
        if "-" in ident:
            covered = int(ident.split("-")[1])
            continue
        if int(ident) <= covered:
            continue
        yield sent_id, cols[1], cols[2], cols[3]


def sent_ids(path):
    """The sentence ids of a CoNLL-U file."""
    out = set()
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("# sent_id"):
                out.add(line.split("=", 1)[1].strip())
    return out


def table(paths, weights=None, skip_sent_ids=frozenset()):
    """form -> Counter((lemma, upos) -> weighted count) over the given files."""
    counts = defaultdict(Counter)
    for path in paths:
        w = (weights or {}).get(path, 1)
        for _, form, lemma, upos in words(path, skip_sent_ids):
            if lemma == "_":
                continue
            counts[norm(form)][(norm(lemma), upos)] += w
    return counts


def score(path, lemma_of):
    """Lemma accuracy and B-cubed grouping F1 (percent) of lemma_of(norm) on the content words
    of a UD file, with the number of tokens scored."""
    gold, pred = [], []
    for _, form, lemma, upos in words(path):
        if upos not in CONTENT or lemma == "_":
            continue
        n = norm(form)
        gold.append(norm(lemma))
        pred.append(lemma_of(n))
    correct = sum(g == p for g, p in zip(gold, pred))
    return 100.0 * correct / len(gold), bcubed_f1(gold, pred), len(gold)


def bcubed_f1(gold, pred):
    """B-cubed F1 (percent) of a grouping of tokens (pred) against the gold grouping."""
    pair = Counter(zip(gold, pred))
    g = Counter(gold)
    p = Counter(pred)
    n = len(gold)
    precision = sum(c * c / p[pp] for (gg, pp), c in pair.items()) / n
    recall = sum(c * c / g[gg] for (gg, pp), c in pair.items()) / n
    return 100.0 * 2 * precision * recall / (precision + recall)


def write_tsv(path, header_lines, entries):
    """Writes `# ` header lines then `form<TAB>lemma<TAB>upos` lines sorted by form bytes."""
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        for h in header_lines:
            f.write(f"# {h}\n")
        for form in sorted(entries, key=lambda s: s.encode("utf-8")):
            lemma, upos = entries[form]
            f.write(f"{form}\t{lemma}\t{upos}\n")
