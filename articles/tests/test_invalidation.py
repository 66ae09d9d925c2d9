"""Every change a reader could see invalidates exactly the keys of the pages that show it."""

import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone
from taggit.models import Tag

from articles.models import Article, ArticleAuthor, Correction, RelatedArticle
from articles.publishing import add_correction, publish_article, unpublish_article
from articles.tests.factories import ArticleFactory, draft, scheduled
from authors.tests.factories import AuthorFactory
from media.tests.factories import ImageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def story(db):
    author, tag = AuthorFactory(), Tag.objects.create(name="Energy", slug="energy")
    article = ArticleFactory(authors=[author], tags=[tag], lead_image=ImageFactory())
    return Article.objects.get(pk=article.pk)


def names(article, *extra):
    """The keys a change to ``article`` might touch, to check which of them moved."""
    return [
        f"article-{article.pk}",
        f"section-{article.section_id}",
        f"image-{article.lead_image_id}",
        *(f"author-{pk}" for pk in article.authors.values_list("pk", flat=True)),
        *(f"tag-{pk}" for pk in article.tags.values_list("pk", flat=True)),
        "front",
        "archive",
        "corrections",
        "navigation",
        "schedule",
        *extra,
    ]


def membership(article):
    return {
        f"article-{article.pk}",
        f"section-{article.section_id}",
        *(f"author-{pk}" for pk in article.authors.values_list("pk", flat=True)),
        *(f"tag-{pk}" for pk in article.tags.values_list("pk", flat=True)),
        "front",
        "archive",
    }


def test_editing_a_live_story_touches_only_the_story(story, invalidations):
    candidates = names(story)
    with invalidations() as change:
        story.headline = "A better headline"
        story.save()
    assert change.keys(*candidates) == {f"article-{story.pk}", "archive"}


def test_publishing_touches_every_list_the_story_joins(story, editor, invalidations):
    unpublished = draft(section=story.section, authors=list(story.authors.all()))
    unpublished.tags.add(*story.tags.all())
    unpublished = Article.objects.get(pk=unpublished.pk)
    with invalidations() as change:
        publish_article(article=unpublished, editor=editor)
    assert change.keys(*names(unpublished)) == membership(unpublished)


def test_scheduling_touches_every_list_the_story_will_join(story, editor, invalidations):
    """Pages cached before the schedule would outlive its go-live: they are dropped now."""
    unpublished = draft(section=story.section, authors=list(story.authors.all()))
    unpublished.tags.add(*story.tags.all())
    unpublished = Article.objects.get(pk=unpublished.pk)
    with invalidations() as change:
        publish_article(
            article=unpublished,
            editor=editor,
            at=timezone.now() + datetime.timedelta(hours=3),
        )
    assert change.keys(*names(unpublished)) == membership(unpublished) | {"schedule"}


def test_rewording_a_scheduled_story_touches_nothing(story, editor, invalidations):
    waiting = scheduled(section=story.section)
    waiting = Article.objects.get(pk=waiting.pk)
    with invalidations() as change:
        waiting.headline = "Still waiting, in other words"
        waiting.save()
    assert change.anything is False


def test_unpublishing_touches_every_list_the_story_leaves(story, editor, invalidations):
    ArticleFactory(section=story.section)
    expected = membership(story)
    with invalidations() as change:
        unpublish_article(article=story, editor=editor)
    assert change.keys(*names(story)) == expected


def test_a_sections_only_story_coming_and_going_also_touches_the_menu(story, editor, invalidations):
    with invalidations() as change:
        unpublish_article(article=story, editor=editor)
    assert change.keys(*names(story)) == membership(story) | {"navigation"}
    with invalidations() as change:
        publish_article(article=Article.objects.get(pk=story.pk), editor=editor)
    assert change.keys(*names(story)) == membership(story) | {"navigation"}


def test_a_section_kept_out_of_the_menu_never_touches_it(story, editor, invalidations):
    story.section.in_navigation = False
    story.section.save()
    with invalidations() as change:
        unpublish_article(article=story, editor=editor)
    assert "navigation" not in change.keys(*names(story))


def test_a_refused_delete_of_a_live_story_touches_nothing(story, invalidations):
    """A story readers saw is withdrawn, never deleted: the refusal leaves every page as it is."""
    with invalidations() as change, pytest.raises(ValidationError):
        story.delete()
    assert change.keys(*names(story)) == set()
    assert Article.objects.filter(pk=story.pk).exists()


def test_deleting_a_draft_touches_nothing_readers_see(invalidations):
    draft = Article.objects.get(pk=ArticleFactory(status=Article.Status.DRAFT).pk)
    candidates = names(draft)
    with invalidations() as change:
        draft.delete()
    assert change.keys(*candidates) == set()


def test_a_correction_touches_the_story_and_the_corrections_page(story, editor, invalidations):
    with invalidations() as change:
        add_correction(article=story, editor=editor, kind="correction", text="A name.")
    assert change.keys(*names(story)) == {f"article-{story.pk}", "corrections", "archive"}
    with invalidations() as change:
        Correction.objects.get(article=story).delete()
    assert change.keys(*names(story)) == {f"article-{story.pk}", "corrections"}


def test_a_slug_change_touches_the_story_and_the_sitemaps(story, invalidations):
    with invalidations() as change:
        story.slug = "a-new-address"
        story.save()
    assert change.keys(*names(story)) == {f"article-{story.pk}", "archive"}


def test_byline_and_tag_rows_touch_the_story_and_that_author_or_tag(story, invalidations):
    newcomer, new_tag = AuthorFactory(), Tag.objects.create(name="Grain", slug="grain")
    candidates = names(story, f"author-{newcomer.pk}", f"tag-{new_tag.pk}")
    with invalidations() as change:
        ArticleAuthor.objects.create(article=story, author=newcomer, position=5)
    assert change.keys(*candidates) == {f"article-{story.pk}", f"author-{newcomer.pk}", "archive"}
    with invalidations() as change:
        story.tags.add(new_tag)
    assert change.keys(*candidates) == {f"article-{story.pk}", f"tag-{new_tag.pk}", "archive"}
    with invalidations() as change:
        story.tags.remove(new_tag)
    assert change.keys(*candidates) == {f"article-{story.pk}", f"tag-{new_tag.pk}", "archive"}


def test_picks_touch_the_story_that_shows_them(story, invalidations):
    other = ArticleFactory()
    with invalidations() as change:
        RelatedArticle.objects.create(from_article=story, to_article=other)
    assert change.keys(*names(story), f"article-{other.pk}") == {f"article-{story.pk}"}


def test_author_section_tag_and_image_edits_touch_their_own_key(story, invalidations):
    author, tag, section, image = (
        story.authors.get(),
        story.tags.get(),
        story.section,
        story.lead_image,
    )
    candidates = names(story)
    for thing, expected in (
        (author, {f"author-{author.pk}", "archive"}),
        (tag, {f"tag-{tag.pk}", "archive"}),
        (section, {f"section-{section.pk}", "navigation", "archive"}),
        (image, {f"image-{image.pk}"}),
    ):
        with invalidations() as change:
            thing.save()
        assert change.keys(*candidates) == expected, thing


def test_changes_nobody_can_see_touch_nothing(invalidations):
    story = draft()
    with invalidations() as change:
        story.tags.add(Tag.objects.create(name="Hidden", slug="hidden"))
        ArticleAuthor.objects.create(article=story, author=AuthorFactory())
        AuthorFactory()
        ImageFactory()
    assert not change.anything
    assert not change.anything


def test_a_tag_or_byline_given_to_a_scheduled_story_touches_only_its_list(invalidations):
    """The list gains the story at its go-live, which a page cached now would outlive."""
    waiting = scheduled()
    tag, author = Tag.objects.create(name="Later", slug="later"), AuthorFactory()
    candidates = [*names(waiting), f"tag-{tag.pk}", f"author-{author.pk}"]
    with invalidations() as change:
        waiting.tags.add(tag)
    assert change.keys(*candidates) == {f"tag-{tag.pk}"}
    with invalidations() as change:
        waiting.authors.add(author)
    assert change.keys(*candidates) == {f"author-{author.pk}"}


def test_renditions_made_later_touch_the_pages_showing_their_image(invalidations):
    image = ImageFactory()
    other = ImageFactory()
    image.renditions.all().delete()
    with invalidations() as change:
        call_command("make_renditions", stdout=io.StringIO())
    assert change.keys(f"image-{image.pk}", f"image-{other.pk}") == {f"image-{image.pk}"}


def test_rewording_a_lead_picture_touches_the_picture_and_every_search(story, invalidations):
    picture = story.lead_image
    with invalidations() as change:
        picture.alt_text = "A quieter description"
        picture.save()
    assert change.keys(*names(story)) == {f"image-{picture.pk}"}
    with invalidations() as change:
        picture.credit = "Agency photographer"
        picture.save()
    assert change.keys(*names(story)) == {f"image-{picture.pk}", "archive"}


def test_rewording_a_picture_no_live_story_leads_with_leaves_searches(invalidations):
    picture = ImageFactory()
    draft(lead_image=picture)
    with invalidations() as change:
        picture.caption = "A new caption"
        picture.save()
    assert change.keys("archive", f"image-{picture.pk}") == {f"image-{picture.pk}"}


def test_a_byline_added_through_the_orm_touches_the_story_and_the_authors_page(
    story, invalidations
):
    author = AuthorFactory()
    candidates = [*names(story), f"author-{author.pk}"]
    with invalidations() as change:
        story.authors.add(author)
    assert change.keys(*candidates) == {f"article-{story.pk}", f"author-{author.pk}", "archive"}
