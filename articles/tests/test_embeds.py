"""Embeds on the article page, in the desk, the feeds and the structured data."""

import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.tests.desk import change_url, press
from articles.tests.factories import ArticleFactory
from embeds.models import Embed
from embeds.resolver import resolve_embed_now
from embeds.tests.providers import TELEGRAM_URL, VIDEO_URL, embed_paragraph
from media.renditions import get_rendition
from tools.testing.tasks import run_tasks

pytestmark = pytest.mark.django_db
BODY = (
    "<p>Residents filmed the reservoir bed as the water drained.</p>"
    + embed_paragraph(VIDEO_URL)
    + "<p>The city administration posted its own account.</p>"
    + embed_paragraph(TELEGRAM_URL)
)


def resolved(url, **fields):
    defaults = {
        "provider": "youtube",
        "status": Embed.Status.RESOLVED,
        "title": "Drone footage of the reservoir bed",
        "author_name": "Ukrainska Pravda",
        "frame_url": "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ",
        "resolved_at": timezone.now(),
    }
    return Embed.objects.create(url=url, **{**defaults, **fields})


def policy(response):
    return dict(
        part.strip().split(" ", 1)
        for part in response["Content-Security-Policy"].split(";")
        if " " in part.strip()
    )


def test_a_resolved_embed_is_a_placeholder_that_loads_nothing_from_the_provider(client):
    resolved(VIDEO_URL)
    article = ArticleFactory(body=BODY)

    response = client.get(article.get_absolute_url())

    page = response.content.decode()
    assert response.status_code == 200
    figure = re.search(r'<figure class="embed embed--video".*?</figure>', page, re.S).group()
    assert "Drone footage of the reservoir bed" in figure
    assert "Ukrainska Pravda" in figure
    assert f'<a class="embed__original" href="{VIDEO_URL.replace("&", "&amp;")}">' in figure
    assert "Load from YouTube" in figure and "hidden>" in figure
    # The frame waits in an inert template; nothing else on the page (but the structured data,
    # which loads nothing) names the provider's host.
    outside = re.sub(r"<template.*?</template>|<script type=\"application/ld.*?</script>", "",
                     page, flags=re.S)  # fmt: skip
    assert "youtube-nocookie" not in outside
    assert '<iframe class="embed__frame" src="https://www.youtube-nocookie.com/embed/' in figure
    # The Telegram post is not resolved: it stays the plain link it is.
    assert f'<p><a href="{TELEGRAM_URL}" rel="noopener noreferrer">{TELEGRAM_URL}</a></p>' in page


def test_the_policy_allows_the_providers_frames_only_on_a_page_with_embeds(client):
    resolved(VIDEO_URL)
    with_embed = ArticleFactory(body=BODY)
    without = ArticleFactory()

    shown = client.get(with_embed.get_absolute_url())
    plain = client.get(without.get_absolute_url())

    assert policy(shown)["frame-src"] == "https://www.youtube-nocookie.com"
    assert "frame-src" not in policy(plain)
    assert policy(shown)["script-src"] == policy(plain)["script-src"]
    assert "X-Newsroom-CSP-Sources" not in shown


def test_a_cache_hit_answers_the_same_policy(client, page_cache):  # noqa: F811
    resolved(VIDEO_URL)
    article = ArticleFactory(body=BODY)

    first = client.get(article.get_absolute_url())
    second = client.get(article.get_absolute_url())

    assert (first["X-Cache"], second["X-Cache"]) == ("miss", "hit")
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]
    assert "https://www.youtube-nocookie.com" in second["Content-Security-Policy"]
    assert "X-Newsroom-CSP-Sources" not in second


def test_a_script_providers_script_is_allowed_on_its_page(client):
    url = "https://x.com/ZelenskyyUa/status/1790000000000000000"
    resolved(url, provider="x", frame_url="", html='<blockquote class="twitter-tweet">'
             "<p>Glory</p></blockquote>")  # fmt: skip
    article = ArticleFactory(body=embed_paragraph(url))

    response = client.get(article.get_absolute_url())

    assert "https://platform.twitter.com" in policy(response)["script-src"]
    assert (
        'data-embed-script="https://platform.twitter.com/widgets.js"' in response.content.decode()
    )


def test_a_field_with_script_reaches_the_page_escaped(client):
    resolved(VIDEO_URL, title='<script>alert("x")</script>Footage', author_name="<b>Name</b>")
    article = ArticleFactory(body=BODY)

    page = client.get(article.get_absolute_url()).content.decode()

    assert '<script>alert("x")' not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;Footage" in page
    assert "<b>Name</b>" not in page


def test_resolving_refreshes_the_cached_page(client, page_cache, provider_server):  # noqa: F811
    provider_server.youtube_answer()
    article = ArticleFactory(body=BODY)
    before = client.get(article.get_absolute_url())
    assert 'class="embed ' not in before.content.decode()

    resolve_embed_now(VIDEO_URL)
    after = client.get(article.get_absolute_url())

    assert after["X-Cache"] == "miss"
    assert "Load from YouTube" in after.content.decode()


def test_a_desk_save_queues_the_embed_and_the_worker_resolves_it(
    client,
    editor,  # noqa: F811
    provider_server,  # noqa: F811
):
    provider_server.youtube_answer()
    client.force_login(editor)
    article = ArticleFactory()

    response = press(client, article, body=BODY)

    assert response.status_code == 302
    assert provider_server.requests == []  # the save did not wait for a provider
    assert set(Embed.objects.values_list("url", "status")) == {
        (VIDEO_URL, "pending"), (TELEGRAM_URL, "pending")
    }  # fmt: skip
    run_tasks()
    assert set(Embed.objects.values_list("url", "status")) == {
        (VIDEO_URL, "resolved"), (TELEGRAM_URL, "resolved")
    }  # fmt: skip


def test_a_provider_that_is_down_never_fails_the_save_and_the_desk_says_why(
    client,
    editor,  # noqa: F811
    provider_server,  # noqa: F811
):
    provider_server.routes["/oembed/youtube"] = (503, {"Content-Type": "text/plain"}, b"down")
    client.force_login(editor)
    article = ArticleFactory()

    assert press(client, article, body=BODY).status_code == 302
    run_tasks()

    desk = client.get(change_url(article)).content.decode()
    assert "Failed" in desk and "answered 503" in desk
    page = client.get(article.get_absolute_url())
    assert page.status_code == 200
    assert f'<a href="{VIDEO_URL}" rel="noopener noreferrer">' in page.content.decode()


def test_the_feed_carries_the_link_and_the_thumbnail(client, provider_server):  # noqa: F811
    provider_server.youtube_answer()
    resolve_embed_now(VIDEO_URL)
    ArticleFactory(body=BODY)

    feed = client.get("/feeds/rss/").content.decode()

    rendition = get_rendition(Embed.objects.get(url=VIDEO_URL).thumbnail, "w800", "jpeg")
    assert (
        f'&lt;figure&gt;&lt;a href="{VIDEO_URL}"&gt;&lt;img src="http://testserver'
        f'{rendition.file.url}" width="640" height="360"'
    ) in feed
    assert "Drone footage of the Kakhovka reservoir bed&lt;/a&gt; (YouTube, Ukrainska" in feed


def test_structured_data_names_a_video_as_a_video_object(client):
    resolved(VIDEO_URL)
    article = ArticleFactory(body=BODY)

    page = client.get(article.get_absolute_url()).content.decode()

    data = [json.loads(block) for block in re.findall(
        r'<script type="application/ld\+json">(.*?)</script>', page, re.S)]  # fmt: skip
    story = next(item for item in data if item.get("@type") == "NewsArticle")
    video = story["video"][0]
    assert video["@type"] == "VideoObject"
    assert video["name"] == "Drone footage of the reservoir bed"
    assert video["embedUrl"] == "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"
    assert video["url"] == VIDEO_URL


def test_a_page_with_embeds_costs_one_query_more_than_without(client, django_assert_num_queries):
    resolved(VIDEO_URL, thumbnail=None)
    with_embeds = ArticleFactory(body=BODY)
    without = ArticleFactory(body=BODY.replace("https://", "https://not-a-provider.example/"))
    client.get(without.get_absolute_url())

    with CaptureQueriesContext(connection) as plain:
        client.get(without.get_absolute_url())
    with django_assert_num_queries(len(plain) + 1):
        client.get(with_embeds.get_absolute_url())
