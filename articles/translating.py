"""Translating a story: a linked draft of it in another edition.

A translation is a story of its own (its slug, byline, workflow, publish time, corrections and
live coverage are its own) that shares the original's ``translation_key``, one per language
(the constraint ``one_translation_per_language``). ``translate()`` starts one from the
original's words, picture and byline for the translator to rewrite: a draft, never published,
embargoed or corrected by being made. Readers meet it only once it is published in its turn.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import get_language_info
from reversion import add_to_revision, create_revision, set_comment, set_user

from articles import publishing
from articles.models import Article, ArticleAuthor
from articles.writing import CONTENT, write_article
from delivery.changes import one_change
from website.editions import edition_languages, language_name
from website.transliteration import latin_slug

NOT_AN_EDITION = "“%(language)s” is not one of this newsroom's editions."
OWN_EDITION = "This story is already in %(name)s: choose another edition to translate it into."
ALREADY_TRANSLATED = (
    "This story already has a translation into %(name)s: open that one instead of starting another."
)
NOT_A_WRITER = "You cannot start articles, so you cannot translate one."


def edition_name(code):
    """The edition's language as the desk names it ("Ukrainian"), in the desk's own language;
    readers' switchers name it in its own ("Українська", ``language_name``)."""
    try:
        return str(get_language_info(code)["name_translated"])
    except KeyError:
        return language_name(code)


def existing_translations(article):
    """Every row sharing ``article``'s key (itself included), whatever its state, by language."""
    rows = Article.objects.filter(translation_key=article.translation_key).only(
        "pk", "headline", "slug", "language", "status", "published_at", "embargo_until"
    )
    return {row.language: row for row in rows}


def languages_to_translate_into(article):
    """The editions ``article`` has no translation in yet, in the editions' order."""
    taken = set(existing_translations(article))
    return [code for code in edition_languages() if code not in taken]


def can_translate(user):
    """Whoever may start a story may start a translation (journalists and editors alike)."""
    return user.has_perm("articles.add_article") and user.has_perm("articles.view_article")


def check_translation(article, language, user):
    """Why ``user`` may not translate ``article`` into ``language``, raised; None if they may."""
    if not can_translate(user):
        raise PermissionDenied(NOT_A_WRITER)
    if language not in edition_languages():
        raise ValidationError(NOT_AN_EDITION, code="not_an_edition", params={"language": language})
    params = {"name": edition_name(language)}
    if language == article.language:
        raise ValidationError(OWN_EDITION, code="own_edition", params=params)
    if Article.objects.filter(translation_key=article.translation_key, language=language).exists():
        raise ValidationError(ALREADY_TRANSLATED, code="already_translated", params=params)


def translation_slug(headline, language):
    """An address of its own from the headline: Cyrillic written in Latin letters, and never
    one another story uses or once used. The original's words give the same slug as the
    original, so the edition's code comes before a number: ``budget-vote-uk``."""
    limit = Article._meta.get_field("slug").max_length
    suffix = f"-{language}"
    base = latin_slug(headline, limit - len(suffix) - 4) or "story"
    if not publishing.slug_taken(base):
        return base
    return publishing.free_slug(f"{base}{suffix}")


@transaction.atomic
@one_change()
def translate(article, language, user):
    """A new draft of ``article`` in ``language``'s edition, linked to it, started by ``user``.

    Refused with a ValidationError when ``language`` is not an edition, is the story's own, or
    already has a translation (also when another translation into it is made at the same
    moment: the database's constraint decides, and the answer is the same); with
    PermissionDenied when ``user`` may not start stories.
    """
    check_translation(article, language, user)
    original = Article.objects.get(pk=article.pk)
    draft = Article(
        **{name: getattr(original, name) for name in CONTENT},
        language=language,
        translation_key=original.translation_key,
        status=Article.Status.DRAFT,
        created_by=user,
    )
    draft.slug = translation_slug(draft.headline, language)
    with create_revision():
        set_user(user)
        set_comment(
            f"Translation into {edition_name(language)} started from the "
            f"{edition_name(original.language)} story (#{original.pk})"
        )
        try:
            # Its own savepoint: a lost race leaves the outer transaction usable.
            with transaction.atomic():
                write_article(draft)
        except IntegrityError as error:
            if Article.objects.filter(
                translation_key=original.translation_key, language=language
            ).exists():
                raise ValidationError(
                    ALREADY_TRANSLATED,
                    code="already_translated",
                    params={"name": edition_name(language)},
                ) from error
            raise
        for byline in original.bylines.all():
            ArticleAuthor.objects.create(
                article=draft,
                author_id=byline.author_id,
                role=byline.role,
                position=byline.position,
            )
        publishing.add_default_byline(article=draft, user=user)
        tags = list(original.tags.all())
        if tags:
            draft.tags.add(*tags)
        add_to_revision(draft)
    return draft
