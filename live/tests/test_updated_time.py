"""A live story says when it last moved: "Updated" at its newest update, wherever it is shown."""

import datetime
import json
import re
from xml.etree import ElementTree

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from live import services
from live.tests.stories import live_article

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 12, 7, 12, 0, tzinfo=datetime.UTC)
ATOM = "{http://www.w3.org/2005/Atom}"


def news_article_data(html):
    for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S):
        data = json.loads(block)
        if data.get("@type") in ("NewsArticle", "LiveBlogPosting"):
            return data
    raise AssertionError("no article structured data")


def test_a_new_update_moves_the_updated_time_on_the_story_its_card_and_its_feed_entry(
    client, editor
):
    with time_machine.travel(NOW - datetime.timedelta(hours=9), tick=False):
        story = live_article(headline="Shelling of Nikopol", slug="shelling-of-nikopol")
        services.start_coverage(article=story, editor=editor)
    with time_machine.travel(NOW, tick=False):
        services.write_update(
            article=story,
            user=editor,
            body="<p>Power is back in most of the city.</p>",
            step="publish",
        )
        # 14:00 in Kyiv, the newsroom's time zone.
        page = client.get(reverse("articles:detail", args=[story.slug])).content.decode()
        start = page.index('class="article__header"')
        head = page[start : page.index("</header>", start)]
        assert 'Updated <time datetime="2026-12-07T14:00:00+02:00"' in head
        assert ">2:00 PM</time>" in head
        assert news_article_data(page)["dateModified"].startswith("2026-12-07T12:00:00")

        front = client.get("/").content.decode()
        headline_at = front.index("Shelling of Nikopol")
        card = front[headline_at - 800 : headline_at]
        assert "Updated <time" in card
        assert ">2:00 PM</time>" in card
        assert "9 hours ago" not in card

        atom = ElementTree.fromstring(client.get("/feeds/atom/").content)
        entry = next(
            entry
            for entry in atom.iter(f"{ATOM}entry")
            if entry.find(f"{ATOM}title").text == "Shelling of Nikopol"
        )
        assert entry.find(f"{ATOM}updated").text.startswith("2026-12-07T12:00:00")


def test_an_update_does_not_make_an_open_article_form_stale(editor):
    story = live_article()
    version = type(story).objects.get(pk=story.pk).version
    services.write_update(article=story, user=editor, body="<p>More.</p>", step="publish")
    stored = type(story).objects.get(pk=story.pk)
    assert stored.version == version
    assert stored.live_updated_at is not None
    assert stored.live_updated_at <= timezone.now()


def test_a_card_of_a_story_no_longer_live_goes_back_to_its_publish_time(client, editor):
    with time_machine.travel(NOW - datetime.timedelta(hours=3), tick=False):
        story = live_article(headline="Night of drone attacks", slug="night-of-drone-attacks")
        services.write_update(article=story, user=editor, body="<p>All clear.</p>", step="publish")
        services.end_coverage(article=story, editor=editor)
    with time_machine.travel(NOW, tick=False):
        front = client.get("/").content.decode()
    card = front[
        front.index("Night of drone attacks") - 800 : front.index("Night of drone attacks")
    ]
    assert "Updated <time" not in card
    assert "data-relative" in card
