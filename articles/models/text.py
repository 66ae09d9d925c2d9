"""What the article page measures in a body: words, reading time, paragraph ends."""

import html as html_entities
import math
import re

from django.utils.html import strip_tags

# An adult reads non-fiction silently at about 238 words a minute (Brysbaert, 2019).
WORDS_PER_MINUTE = 238
# Blocks a paragraph can sit inside; the inline related box never goes inside one of them.
NESTING_BLOCKS = {"blockquote", "ul", "ol", "li", "table", "figure", "aside", "div", "pre"}
BLOCK_TAG = re.compile(r"<(/?)([a-z][a-z0-9]*)\b[^>]*>", re.IGNORECASE)
PARAGRAPH_START = re.compile(r"<p\b[^>]*>", re.IGNORECASE)


def count_words(html):
    return len(strip_tags(html).split())


def reading_minutes(word_count):
    """Whole minutes, rounded up; even a brief item takes a reader a minute, never zero."""
    return max(1, math.ceil(word_count / WORDS_PER_MINUTE))


def top_level_paragraph_ends(html):
    """Where each paragraph that is not inside a list, quote or table ends, in order."""
    ends, depth = [], 0
    for match in BLOCK_TAG.finditer(html):
        closing, name = match.group(1), match.group(2).lower()
        if name in NESTING_BLOCKS:
            depth = max(0, depth - 1) if closing else depth + 1
        elif name == "p" and closing and depth == 0:
            ends.append(match.end())
    return ends


def opening_paragraph(html):
    """The plain text of the body's first paragraph outside lists, quotes and tables: the lede."""
    ends = top_level_paragraph_ends(html)
    if not ends:
        return ""
    starts = list(PARAGRAPH_START.finditer(html, 0, ends[0]))
    paragraph = html[starts[-1].start() : ends[0]] if starts else ""
    return " ".join(html_entities.unescape(strip_tags(paragraph)).split())
