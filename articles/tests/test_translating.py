"""Translate: a linked draft of a story in another edition, and what is refused."""

import datetime

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from reversion.models import Version

from articles import publishing, translating
from articles.models import Article, ArticleSlug
from articles.tests.factories import ArticleFactory, draft
from authors.tests.factories import AuthorFactory
from media.tests.factories import ImageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def original(editor):
    writer, photographer = AuthorFactory(name="Olena Writer"), AuthorFactory(name="Petro Lens")
    story = ArticleFactory(
        headline="Council approves the budget",
        slug="council-approves-the-budget",
        dek="After a long night.",
        body="<p>The council voted at midnight.</p>",
        lead_image=ImageFactory(),
        lead_image_caption="The council chamber.",
        lead_image_credit="Photo: City Hall",
        embargo_until=timezone.now() - datetime.timedelta(days=1),
        authors=[writer, photographer],
        tags=["budget", "council"],
    )
    story.bylines.filter(author=photographer).update(role="photographer")
    publishing.add_correction(article=story, editor=editor, kind="correction", text="A name.")
    return Article.objects.get(pk=story.pk)


def stored(article):
    return Article.objects.filter(pk=article.pk).values().get()


def test_a_translation_is_a_linked_draft_with_the_words_picture_and_byline(original, journalist):
    before = stored(original)

    made = translating.translate(original, "uk", journalist)

    made = Article.objects.get(pk=made.pk)
    assert made.language == "uk" and made.translation_key == original.translation_key
    assert (made.headline, made.dek, made.body) == (original.headline, original.dek, original.body)
    assert made.section_id == original.section_id and made.lead_image_id == original.lead_image_id
    assert (made.lead_image_caption, made.lead_image_credit) == (
        "The council chamber.",
        "Photo: City Hall",
    )
    assert [(b.author.name, b.role) for b in made.bylines.all()] == [
        ("Olena Writer", "writer"),
        ("Petro Lens", "photographer"),
    ]
    assert sorted(made.tags.names()) == ["budget", "council"]
    # A story of its own: a draft, nothing readers saw carried over.
    assert made.status == Article.Status.DRAFT and not made.is_published()
    assert made.published_at is None and made.embargo_until is None
    assert made.withdrawn_at is None and made.revised_at is None
    assert not made.corrections.exists() and made.live_started_at is None
    assert made.created_by == journalist
    assert made.slug != original.slug and made.slug == "council-approves-the-budget-uk"
    # The list entries carry the translation's edition, not the original's.
    assert set(made.tagged_items.values_list("language", flat=True)) == {"uk"}
    assert set(made.bylines.values_list("language", flat=True)) == {"uk"}
    # The original is untouched.
    assert stored(original) == before
    assert original.corrections.count() == 1


def test_the_translation_is_recorded_in_its_history(original, journalist):
    made = translating.translate(original, "uk", journalist)

    versions = publishing.revisions_of(made)
    assert versions.count() == 1
    revision = versions.first().revision
    assert revision.user == journalist
    assert "Translation into Ukrainian" in revision.comment
    assert f"#{original.pk}" in revision.comment
    # The byline and tags are in that version, as with every desk save.
    followed = {v.content_type.model for v in Version.objects.filter(revision=revision)}
    assert {"article", "articleauthor", "taggedarticle"} <= followed


def test_a_cyrillic_headline_gets_a_latin_slug(journalist):
    ukrainian = draft(headline="Київрада ухвалила бюджет", slug="kyivrada-budget", language="uk")

    made = translating.translate(ukrainian, "en", journalist)

    assert made.slug == "kyivrada-ukhvalyla-biudzhet"
    assert made.language == "en"


def test_the_slug_never_takes_an_address_in_use_or_once_used(journalist):
    story = draft(headline="Київрада ухвалила бюджет", slug="kyiv-budget", language="uk")
    other = draft(headline="Something else", slug="some-other-story")
    ArticleSlug.objects.create(article=other, slug="kyivrada-ukhvalyla-biudzhet")
    ArticleSlug.objects.create(article=other, slug="kyivrada-ukhvalyla-biudzhet-en")

    made = translating.translate(story, "en", journalist)

    assert made.slug == "kyivrada-ukhvalyla-biudzhet-en-2"


def test_a_story_without_a_byline_gets_the_translators_own(journalist):
    profile = AuthorFactory(user=journalist, name="Iryna Translator")
    story = draft(headline="Agency copy", authors=[])

    made = translating.translate(story, "uk", journalist)

    assert list(made.bylines.values_list("author", flat=True)) == [profile.pk]


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("de", "“de” is not one of this newsroom's editions."),
        ("en", "This story is already in English"),
    ],
)
def test_refused_when_the_language_is_no_other_edition(original, journalist, language, message):
    with pytest.raises(ValidationError, match=message):
        translating.translate(original, language, journalist)

    assert Article.objects.count() == 1


def test_refused_when_a_translation_into_it_exists(original, journalist, editor):
    first = translating.translate(original, "uk", journalist)

    with pytest.raises(ValidationError, match="already has a translation into Ukrainian"):
        translating.translate(original, "uk", editor)
    # Asked from the translation itself, the answer is the same.
    with pytest.raises(ValidationError, match="already in Ukrainian"):
        translating.translate(first, "uk", editor)

    assert Article.objects.filter(translation_key=original.translation_key).count() == 2


def test_a_lost_race_gets_the_same_answer_not_an_error_page(original, journalist, monkeypatch):
    """Two people pressing Translate at once both pass the check; the database's constraint
    lets one through, and the other is told why, as if the check had caught it."""
    translating.translate(original, "uk", journalist)
    monkeypatch.setattr(translating, "check_translation", lambda *args: None)

    with pytest.raises(ValidationError, match="already has a translation into Ukrainian"):
        translating.translate(original, "uk", journalist)

    assert Article.objects.filter(language="uk").count() == 1


def test_refused_to_someone_who_may_not_start_stories(original):
    reader = User.objects.create_user("visitor", is_staff=True)

    with pytest.raises(PermissionDenied):
        translating.translate(original, "uk", reader)

    assert Article.objects.count() == 1


def test_the_editions_still_to_translate_into(original, journalist):
    assert translating.languages_to_translate_into(original) == ["uk"]

    translating.translate(original, "uk", journalist)

    assert translating.languages_to_translate_into(original) == []
