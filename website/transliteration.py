"""Readable Latin addresses for Cyrillic words: Ukrainian's national transliteration.

The table is the Cabinet of Ministers of Ukraine's Resolution No. 55 of 27 January 2010 (the
one passports and road signs use): "Київ" is "Kyiv", "Згорани" is "Zghorany". Є, Ї, Й, Ю and
Я are written one way at the start of a word and another inside it; "зг" is "zgh", so that it
is not read as "ж" (zh); the soft sign and the apostrophe are dropped. The desk's slug script
(static/admin-desk/transliterate.js) carries the same table: a test compares the two.
"""

import re

from django.utils.text import slugify

# Lower case; upper case is matched by lowering the word first (a slug is lower case anyway).
LETTERS = {
    "а": "a",
    "б": "b",
    "в": "v",
    "г": "h",
    "ґ": "g",
    "д": "d",
    "е": "e",
    "є": "ie",
    "ж": "zh",
    "з": "z",
    "и": "y",
    "і": "i",
    "ї": "i",
    "й": "i",
    "к": "k",
    "л": "l",
    "м": "m",
    "н": "n",
    "о": "o",
    "п": "p",
    "р": "r",
    "с": "s",
    "т": "t",
    "у": "u",
    "ф": "f",
    "х": "kh",
    "ц": "ts",
    "ч": "ch",
    "ш": "sh",
    "щ": "shch",
    "ь": "",
    "ю": "iu",
    "я": "ia",
    # Not Ukrainian letters, but they turn up in quotes and names: written as commonly read.
    "ё": "io",
    "ъ": "",
    "ы": "y",
    "э": "e",
}
# At the start of a word.
WORD_START = {"є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya"}
# Apostrophes (typed in several ways) between letters are dropped: "п'ять" is "piat".
APOSTROPHES = "'’ʼ`"

_CYRILLIC = re.compile(r"[\u0400-\u04ff]")


def transliterate(text):
    """``text`` with its Cyrillic letters written in Latin ones, everything else as it was."""
    text = text.lower()
    out = []
    previous = ""
    for letter in text:
        if letter in APOSTROPHES and _CYRILLIC.match(previous or " "):
            # Dropped inside a Cyrillic word; kept as it was anywhere else.
            continue
        if letter == "г" and previous == "з":
            out.append("gh")
        elif letter in WORD_START and not previous.isalpha():
            out.append(WORD_START[letter])
        elif letter in LETTERS:
            out.append(LETTERS[letter])
        else:
            out.append(letter)
        previous = letter
    return "".join(out)


def latin_slug(text, max_length=None):
    """A lower-case ASCII slug of ``text``, Cyrillic transliterated rather than dropped."""
    slug = slugify(transliterate(text))
    if max_length is not None and len(slug) > max_length:
        # Cut at a hyphen where one is near, so the address does not end mid-word.
        cut = slug[:max_length]
        mid_word = slug[max_length] != "-"
        slug = cut.rsplit("-", 1)[0] if mid_word and "-" in cut[max_length // 2 :] else cut
    return slug.strip("-")
