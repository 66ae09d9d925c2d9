"""A banner and a front slot follow their story: they stop the moment it stops being visible, on
every cached page, the desk says so, and a slot is never replaced without saying what it held."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from articles.publishing import publish_article, unpublish_article
from articles.tests.factories import ArticleFactory, SectionFactory, draft, scheduled
from authors.tests.factories import AuthorFactory
from frontpage.banners import save_banner
from frontpage.models import BreakingBanner, FrontSlot, FrontSlotChange
from frontpage.placing import place_story

pytestmark = pytest.mark.django_db

LEAD, TOP_1 = FrontSlot.Position.LEAD, FrontSlot.Position.TOP_1
ADD_SLOT = reverse("admin:frontpage_frontslot_add")
ADD_BANNER = reverse("admin:frontpage_breakingbanner_add")
BANNER_MARK = "breaking-banner__link"


def post_banner(editor, story, text="BREAKING: Dam breached"):
    return save_banner(
        banner=BreakingBanner(text=text, url=story.get_absolute_url()), editor=editor
    )


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_unpublishing_a_story_ends_its_banner_on_every_cached_page(
    client,
    page_cache,  # noqa: F811
    editor,
):
    section = SectionFactory(slug="news")
    story = ArticleFactory(headline="Dam breached", section=section)
    ArticleFactory(headline="Another story", section=section)
    banner = post_banner(editor, story)
    assert banner.article == story
    pages = ["/", section.get_absolute_url(), "/search/?q=story"]
    for path in pages:
        client.get(path)
        warm = client.get(path)
        assert warm["X-Cache"] == "hit", path
        assert BANNER_MARK in warm.content.decode(), path

    unpublish_article(article=Article.objects.get(pk=story.pk), editor=editor)

    banner.refresh_from_db()
    assert banner.expires_at <= timezone.now()
    for path in pages:
        response = client.get(path)
        assert response.status_code == 200, path
        assert BANNER_MARK not in response.content.decode(), path
    assert client.get(story.get_absolute_url()).status_code == 410


def test_unpublishing_a_story_clears_its_slot_and_the_record_says_why(client, editor):
    story = ArticleFactory(headline="Dam breached", authors=[AuthorFactory()])
    ArticleFactory(headline="Newest other story")
    place_story(position=LEAD, article=story, editor=editor)

    unpublish_article(article=Article.objects.get(pk=story.pk), editor=editor)

    assert not FrontSlot.objects.exists()
    cleared = FrontSlotChange.objects.first()
    assert (cleared.position, cleared.article, cleared.changed_by) == (LEAD, None, editor)
    assert cleared.summary == "Cleared, replacing “Dam breached”: its story was unpublished"
    # Published again, it does not come back to the front by itself.
    publish_article(article=Article.objects.get(pk=story.pk), editor=editor)
    assert not FrontSlot.objects.exists()
    lead = client.get("/").content.decode().split('class="lead-story"')[1].split("</section>")[0]
    assert "Dam breached" in lead  # the newest story fills the lead again, as any story would


def test_the_desk_says_what_else_stopped_when_a_story_is_unpublished(client, editor):
    story = ArticleFactory(headline="Dam breached")
    place_story(position=TOP_1, article=story, editor=editor)
    post_banner(editor, story)
    client.force_login(editor)

    response = client.post(
        reverse("admin:articles_article_changelist"),
        {"action": "unpublish", "_selected_action": [story.pk]},
        follow=True,
    )

    said = " ".join(messages_of(response))
    assert "1 article unpublished." in said
    assert "The breaking banner leading to it was ended: “BREAKING: Dam breached”." in said
    assert "It was the front page's top story 1: the newest story takes that place now." in said
    assert not BreakingBanner.objects.shown().exists()


def test_unscheduling_a_placed_story_clears_its_placement(editor):
    story = scheduled(headline="Tomorrow's lead")
    place_story(position=LEAD, article=story, editor=editor)
    unpublished = unpublish_article(article=Article.objects.get(pk=story.pk), editor=editor)
    assert unpublished.unpublish_notices == [
        "Its placement as the front page's lead story is cleared."
    ]
    assert not FrontSlot.objects.exists()


@pytest.mark.parametrize("make_story", [draft, scheduled], ids=["draft", "scheduled"])
def test_a_banner_cannot_lead_to_a_story_readers_cannot_see(client, editor, make_story):
    story = make_story(headline="Not out yet")
    client.force_login(editor)
    response = client.post(
        ADD_BANNER, {"text": "BREAKING: soon", "url": story.get_absolute_url(), "expires_at": ""}
    )
    assert response.status_code == 200
    assert "“Not out yet” is not visible to readers" in response.content.decode()
    assert not BreakingBanner.objects.exists()


def test_a_banner_cannot_lead_to_a_withdrawn_story(client, editor):
    story = ArticleFactory(headline="Taken down")
    unpublish_article(article=story, editor=editor)
    client.force_login(editor)
    response = client.post(
        ADD_BANNER, {"text": "Read this", "url": story.get_absolute_url(), "expires_at": ""}
    )
    assert "“Taken down” is not visible to readers (withdrawn)" in response.content.decode()
    assert not BreakingBanner.objects.exists()


def test_a_banner_knows_its_story_by_an_old_address_or_the_sites_own_origin(editor, settings):
    settings.SITE_URL = "https://news.example.org"
    story = ArticleFactory(slug="new-address")
    story.slug = "newer-address"
    story.save()
    by_old = save_banner(banner=BreakingBanner(text="a", url="/news/new-address/"), editor=editor)
    assert by_old.article == story
    absolute = save_banner(
        banner=BreakingBanner(text="b", url="https://news.example.org/news/newer-address/"),
        editor=editor,
    )
    assert absolute.article == story
    elsewhere = save_banner(
        banner=BreakingBanner(text="c", url="https://elsewhere.example/news/newer-address/"),
        editor=editor,
    )
    assert elsewhere.article is None


def test_a_banner_whose_story_left_readers_some_other_way_is_not_shown(client, editor):
    story = ArticleFactory(headline="Dam breached")
    post_banner(editor, story)
    Article.objects.filter(pk=story.pk).update(status=Article.Status.DRAFT)
    assert BANNER_MARK not in client.get("/").content.decode()


def test_adding_a_slot_over_a_story_there_asks_first_and_then_says_what_it_replaced(client, editor):
    live_story, newcomer = (
        ArticleFactory(headline="Live: the front line"),
        ArticleFactory(headline="Dam breached"),
    )
    place_story(position=TOP_1, article=live_story, editor=editor)
    client.force_login(editor)
    form = {"position": TOP_1, "article": newcomer.pk, "expires_at": ""}

    page = client.get(ADD_SLOT).content.decode()
    assert "Top story 1 — now: Live: the front line" in page
    refused = client.post(ADD_SLOT, form)
    assert refused.status_code == 200
    assert "Top story 1 shows “Live: the front line” now." in refused.content.decode()
    assert FrontSlot.objects.get().article == live_story
    assert FrontSlotChange.objects.count() == 1

    response = client.post(ADD_SLOT, {**form, "replace": "on"}, follow=True)
    assert FrontSlot.objects.get().article == newcomer
    assert (
        "“Live: the front line” is no longer top story 1: “Dam breached” took its place."
        in messages_of(response)
    )
    assert FrontSlotChange.objects.first().summary == (
        "Placed “Dam breached”, replacing “Live: the front line”"
    )
