"""Lists as a sentence says them, in the reader's language: "A", "A and B", "A, B and C"."""

from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext


def and_list(pieces):
    """The pieces (text or safe HTML, each escaped unless safe) joined as a sentence joins them."""
    pieces = [conditional_escape(piece) for piece in pieces]
    if len(pieces) < 2:
        return mark_safe("".join(pieces))
    return format_html(
        gettext("{names} and {last_name}"),
        names=mark_safe(gettext(", ").join(pieces[:-1])),
        last_name=pieces[-1],
    )


def and_text(pieces):
    """The same for plain text (an email's subject or its text part): nothing escaped."""
    pieces = list(pieces)
    if len(pieces) < 2:
        return "".join(pieces)
    return gettext("{names} and {last_name}").format(
        names=gettext(", ").join(pieces[:-1]), last_name=pieces[-1]
    )
