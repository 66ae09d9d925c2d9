"""Crops redrawn for a new focal point reach every cached page showing them, and the edge."""

import re

import pytest

from articles.tests.factories import ArticleFactory
from delivery import edge
from media import cropping
from media.models import Image
from media.tests.factories import ImageFactory, uploaded_image

pytestmark = pytest.mark.django_db

POINT = [0.1, 0.5, None, None]


def share_card(response):
    return re.search(r'<meta property="og:image" content="([^"]+)"', response.content.decode())[1]


def card_image(response, image):
    """The 16:9 renditions of ``image`` a list's card offers."""
    html = response.content.decode()
    urls = [r.file.url for r in image.renditions.filter(spec__startswith="16x9")]
    return {url for url in urls if url in html}


def cached(client, url):
    client.get(url)
    response = client.get(url)
    assert response["X-Cache"] == "hit"
    return response


def test_redrawn_crops_reach_cached_pages_and_are_purged_at_the_edge(
    client, page_cache, settings, purge_receiver, django_capture_on_commit_callbacks
):
    settings.NEWSROOM_EDGE_PURGE_URLS = [purge_receiver.url]
    picture = ImageFactory(file=uploaded_image(width=2400, height=800))
    story = ArticleFactory(lead_image=picture)
    section = story.section.get_absolute_url()
    page, listing = cached(client, story.get_absolute_url()), cached(client, section)
    old_share_card, old_card = share_card(page), card_image(listing, picture)
    assert old_card
    # What the desk's save does (its own purge of the words is tested with captions).
    Image.objects.filter(pk=picture.pk).update(focal_x=POINT[0], focal_y=POINT[1])
    purge_receiver.received.clear()

    with django_capture_on_commit_callbacks(execute=True):
        assert cropping.redraw_crops(picture.pk, POINT) == cropping.REDRAWN
    edge.wait_for_purges()

    assert purge_receiver.received == [{f"image-{picture.pk}"}]
    page, listing = client.get(story.get_absolute_url()), client.get(section)
    assert (page["X-Cache"], listing["X-Cache"]) == ("miss", "miss")
    new_card = card_image(listing, Image.objects.get(pk=picture.pk))
    assert share_card(page) != old_share_card
    assert share_card(page).endswith(
        Image.objects.get(pk=picture.pk).renditions.get(spec="40x21-w1200").file.url
    )
    assert new_card and not new_card & old_card


def test_a_redraw_with_nothing_to_do_purges_nothing(
    client, page_cache, settings, purge_receiver, django_capture_on_commit_callbacks
):
    settings.NEWSROOM_EDGE_PURGE_URLS = [purge_receiver.url]
    picture = ImageFactory(file=uploaded_image(width=2400, height=800))
    story = ArticleFactory(lead_image=picture)
    cached(client, story.get_absolute_url())

    with django_capture_on_commit_callbacks(execute=True):
        assert cropping.redraw_crops(picture.pk, POINT) == cropping.STALE
        assert cropping.redraw_crops(picture.pk, None) == cropping.DONE_ALREADY
    edge.wait_for_purges()

    assert purge_receiver.received == []
    assert client.get(story.get_absolute_url())["X-Cache"] == "hit"
