"""Autosave: the words of a story being typed, kept every few seconds without flooding history.

The desk's article form sends what is typed here while someone writes. The same rules hold as
for the form's own Save: the editing rights of publishing.can_edit(), and the version the page
was loaded from (or last autosaved to) must still be the article's, or nothing is written.

One editing session is one revision. The first autosave of a session makes an "Autosaved"
revision; later ones replace it for as long as it is still the article's latest (nobody saved
in between), so the history shows one line per session, not one per pause in typing. A real
Save starts a new session.

A published story (live or scheduled) is never autosaved: its body would reach readers with
every pause in typing. Its form says autosave is off, and the words go out when someone presses
"Save changes".
"""

import copy
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from reversion import add_to_revision, create_revision, set_comment, set_user
from reversion.models import Revision

from articles import changes, publishing
from articles.models import Article
from articles.sanitizer import sanitize_html
from articles.writing import locked as lock
from articles.writing import write_article
from delivery.changes import one_change

# The typed fields of the form; everything else changes only with a real Save.
AUTOSAVED_FIELDS = ["headline", "dek", "body", "lead_image_caption", "lead_image_credit"]
AUTOSAVE_COMMENT = "Autosaved while editing"
OFF_FOR_PUBLISHED = (
    "Autosave is off for published stories: a save goes straight to readers. "
    "Press “Save changes” when the words are ready."
)


class AutosaveConflict(Exception):
    """Someone saved the article after the version the page was working from."""

    def __init__(self, *, who, when, version):
        self.who, self.when, self.version = who, when, version
        super().__init__(
            f"Not saved: {who} saved a newer version at {when}. Your text is still on this "
            "page: press Save to compare the two and merge them."
        )


@dataclass
class Autosave:
    article: Article
    revision_id: int
    changed: list


def _person(user):
    return (user.get_full_name() or user.get_username()) if user else "someone"


def clean_fields(data):
    """The autosaved fields present in ``data``, trimmed to what the model stores."""
    fields = {}
    for name in AUTOSAVED_FIELDS:
        if name not in data:
            continue
        value = str(data[name])
        limit = Article._meta.get_field(name).max_length
        if limit and len(value) > limit:
            raise ValidationError(
                f"The {Article._meta.get_field(name).verbose_name} is longer than {limit} "
                "characters.",
                code="too_long",
            )
        fields[name] = sanitize_html(value) if name == "body" else value
    if "headline" in fields and not fields["headline"].strip():
        # A headline being retyped is not a headline to keep: the saved one stays meanwhile.
        del fields["headline"]
    return fields


@transaction.atomic
@one_change()
def autosave_article(*, article, user, opened_version, data, session_revision_id=None):
    """Write the typed ``data`` of ``article`` for ``user`` unless someone saved since
    ``opened_version``.

    ``session_revision_id`` is the revision this editing session's previous autosave made; it
    is replaced while it is still the article's latest. Raises AutosaveConflict for a newer
    save by anyone, PermissionDenied without editing rights, ValidationError for a published
    story or bad input.
    """
    locked = lock(article)
    stored = copy.copy(locked)
    if not publishing.can_edit(user, locked):
        raise PermissionDenied("You cannot change this article.")
    if locked.status == Article.Status.PUBLISHED:
        raise ValidationError(OFF_FOR_PUBLISHED, code="autosave_off")
    if str(opened_version) != str(locked.version):
        last = publishing.revisions_of(locked).select_related("revision__user").first()
        raise AutosaveConflict(
            who=_person(last.revision.user if last else None),
            when=changes.display_time(locked.updated_at),
            version=locked.version,
        )
    fields = clean_fields(data)
    changed = [name for name, value in fields.items() if getattr(locked, name) != value]
    latest = publishing.revisions_of(locked).first()
    replaceable = (
        session_revision_id is not None
        and latest is not None
        and latest.revision_id == session_revision_id
        and latest.revision.user_id == user.pk
        and latest.revision.comment == AUTOSAVE_COMMENT
    )
    if not changed:
        return Autosave(locked, session_revision_id, [])
    for name in changed:
        setattr(locked, name, fields[name])
    with create_revision():
        set_user(user)
        set_comment(AUTOSAVE_COMMENT)
        write_article(locked, stored=stored, fields=changed)
        add_to_revision(locked)
    if replaceable:
        Revision.objects.filter(pk=session_revision_id).delete()
    revision = publishing.revisions_of(locked).first().revision
    return Autosave(locked, revision.pk, changed)
