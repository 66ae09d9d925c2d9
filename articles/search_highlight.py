"""Search teasers: an excerpt of a result's dek and body with the words that matched marked.

One highlighter serves both databases, driven by the parsed query (``SearchTerms.wanted``) and
the stemmer of the database that matched it, so what is marked is what was found: PostgreSQL's
English configuration stems with Snowball's English (Porter2) algorithm, SQLite's FTS5 ``porter``
tokenizer with the original Porter algorithm ("generously" is "generous" to the first and
"gener" to the second); snowballstemmer has both. Over the demo's 1,554 words, snowballstemmer
2.2 agrees with PostgreSQL 15 on every one and with FTS5 on all but "technology" (FTS5 stems it
"technolog", Porter "technologi"): where the two disagree, a word form the index matched may
go unmarked, never the other way round in practice. Words are compared whole, case-folded, and on
SQLite without Latin diacritics (its index has none): "Un" marks "UN" and never "country", and
"strike" marks "strikes". A phrase, or a term of several words ("COVID-19"), is marked where its
words follow one another, as one mark.
"""

import bisect
import re
import unicodedata
from functools import lru_cache

import snowballstemmer
from django.utils.html import escape
from django.utils.safestring import mark_safe

from articles.search_languages import search_language, ukrainian_stem
from articles.search_terms import WORD

TEASER_WORDS = 35
# Words shown before the first match, so the excerpt does not open on the marked word.
LEAD_IN_WORDS = 8
# Both stemmers leave shorter words as they are (FTS5 stems from three letters, Porter2 too).
MIN_STEMMED_LENGTH = 3
MAX_STEMMED_LENGTH = 64
NON_SPACE = re.compile(r"\S+")


class Stemming:
    """How a database turns a word into what its index holds."""

    def __init__(self, algorithm, *, fold_diacritics):
        # A Snowball algorithm's name, or a function of one word.
        self.stem = (
            snowballstemmer.stemmer(algorithm).stemWord if isinstance(algorithm, str) else algorithm
        )
        self.fold_diacritics = fold_diacritics
        self.key = lru_cache(maxsize=20000)(self._key)
        self.initial = lru_cache(maxsize=2000)(lambda character: self.normalise(character)[:1])

    def normalise(self, word):
        word = word.casefold()
        if self.fold_diacritics and not word.isascii():
            word = _without_latin_diacritics(word)
        return word

    def _key(self, normalised):
        if not MIN_STEMMED_LENGTH <= len(normalised) <= MAX_STEMMED_LENGTH:
            return normalised
        return self.stem(normalised)


POSTGRESQL_STEMMING = Stemming("english", fold_diacritics=False)
SQLITE_STEMMING = Stemming("porter", fold_diacritics=True)
# Ukrainian is matched by the stems of the reader's words, on either database: a word is
# marked where its stem is the query word's ("Нікополі" marks "Нікополь"); a longer word
# SQLite's prefix found ("Нікопольського") may go unmarked.
UKRAINIAN_STEMMING = Stemming(ukrainian_stem, fold_diacritics=False)
NO_STEMMING = Stemming(lambda word: word, fold_diacritics=False)
PREFIX_STEMMINGS = {ukrainian_stem: UKRAINIAN_STEMMING}


def stemming_for(language, *, postgresql):
    """The stemming that matched a search in ``language``'s edition on that database."""
    reading = search_language(language)
    if reading.matches_stems:
        return PREFIX_STEMMINGS.get(reading.stem, NO_STEMMING)
    if reading.config == "english":
        return POSTGRESQL_STEMMING if postgresql else SQLITE_STEMMING
    return NO_STEMMING


def _without_latin_diacritics(word):
    # As FTS5's remove_diacritics: "café" is "cafe", but "й" stays a letter of its own.
    kept = []
    for character in unicodedata.normalize("NFD", word):
        if unicodedata.combining(character) and kept and kept[-1].isascii():
            continue
        kept.append(character)
    return unicodedata.normalize("NFC", "".join(kept))


def match_spans(text, terms, stemming):
    """Where in ``text`` the wanted terms occur: sorted, merged ``(start, end, term numbers)``."""
    wanted = [
        [stemming.key(stemming.normalise(word)) for word in term.words] for term in terms.wanted
    ]
    if not wanted:
        return []
    # Stemmers only change the end of a word: a word whose first letter no term's word starts
    # with is never stemmed.
    initials = {key[0] for keys in wanted for key in keys}
    tokens, starting = [], {}
    for index, match in enumerate(WORD.finditer(text)):
        word = match.group()
        key = None
        if stemming.initial(word[0]) in initials:
            key = stemming.key(stemming.normalise(word))
            starting.setdefault(key, []).append(index)
        tokens.append((match.start(), match.end(), key))
    spans = []
    for number, term_keys in enumerate(wanted):
        length = len(term_keys)
        for index in starting.get(term_keys[0], ()):
            following = tokens[index : index + length]
            if [token[2] for token in following] == term_keys:
                spans.append((following[0][0], following[-1][1], number))
    spans.sort()
    merged = []
    for start, end, number in spans:
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]), merged[-1][2] | {number})
        else:
            merged.append((start, end, {number}))
    return merged


def _best_window(word_starts, spans, size):
    """The first word of the excerpt showing the most different terms, then the most matches."""
    if not spans:
        return 0
    last_start = max(0, len(word_starts) - size)
    span_words = [bisect.bisect_right(word_starts, start) - 1 for start, _, _ in spans]
    best, best_score = 0, None
    for first in span_words[:200]:
        # A match near the start is shown from the start: the teaser then opens a sentence.
        window = 0 if first + LEAD_IN_WORDS < size else min(first - LEAD_IN_WORDS, last_start)
        inside = range(
            bisect.bisect_left(span_words, window), bisect.bisect_left(span_words, window + size)
        )
        score = (len(set().union(*(spans[i][2] for i in inside))), len(inside))
        if best_score is None or score > best_score:
            best, best_score = window, score
    return best


def teaser(text, terms, stemming, *, max_words=TEASER_WORDS):
    """Safe HTML: the excerpt of ``text`` that best shows the matches, each in ``<mark>``."""
    words = [(match.start(), match.end()) for match in NON_SPACE.finditer(text)]
    if not words:
        return ""
    spans = match_spans(text, terms, stemming)
    first = _best_window([start for start, _ in words], spans, max_words)
    last = min(len(words), first + max_words) - 1
    start, end = words[first][0], words[last][1]
    pieces, position = [], start
    for span_start, span_end, _ in spans:
        if span_start >= start and span_end <= end:
            pieces.append(escape(text[position:span_start]))
            pieces.append(f"<mark>{escape(text[span_start:span_end])}</mark>")
            position = span_end
    pieces.append(escape(text[position:end]))
    prefix = "… " if first > 0 else ""
    suffix = " …" if last < len(words) - 1 else ""
    return mark_safe(prefix + "".join(pieces) + suffix)
