"""Resolving embeds against a local provider server: what is kept, and what is refused."""

import pytest

from embeds.models import Embed
from embeds.resolver import queue_embeds, resolve_embed_now
from embeds.tests.providers import CHART_URL, TELEGRAM_URL, VIDEO_URL, embed_paragraph, jpeg

pytestmark = pytest.mark.django_db


def test_a_video_is_resolved_with_its_words_frame_and_a_stored_thumbnail(provider_server):
    provider_server.youtube_answer()

    assert resolve_embed_now(VIDEO_URL) == "resolved"

    embed = Embed.objects.get(url=VIDEO_URL)
    assert embed.status == Embed.Status.RESOLVED
    assert embed.provider == "youtube"
    assert embed.title == "Drone footage of the Kakhovka reservoir bed"
    assert embed.author_name == "Ukrainska Pravda"
    assert embed.frame_url == "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"
    assert embed.thumbnail.width == 640
    assert embed.thumbnail.renditions.exists()
    assert embed.resolved_at is not None
    assert embed.error == ""


def test_a_provider_without_oembed_is_resolved_from_its_documented_form(provider_server):
    assert resolve_embed_now(TELEGRAM_URL) == "resolved"

    embed = Embed.objects.get(url=TELEGRAM_URL)
    assert embed.frame_url == "https://t.me/nikopol_city/1234?embed=1"
    assert embed.author_name == "nikopol_city"
    assert provider_server.requests == []


def test_a_chart_frame_comes_from_the_providers_own_origin(provider_server):
    provider_server.json(
        "/oembed/datawrapper",
        {"type": "rich", "title": "Power outages by oblast", "height": 420,
         "html": '<iframe src="https://evil.example/x"></iframe>'},
    )  # fmt: skip

    resolve_embed_now(CHART_URL)

    embed = Embed.objects.get(url=CHART_URL)
    assert embed.frame_url == "https://datawrapper.dwcdn.net/AbC12/"
    assert embed.height == 420


@pytest.mark.parametrize(
    ("route", "reason"),
    [
        ((500, {"Content-Type": "text/plain"}, b"down"), "answered 500"),
        ((200, {"Content-Type": "application/json"}, b"{not json"), "not oEmbed JSON"),
        ((200, {"Content-Type": "application/json"}, b'["a list"]'), "not oEmbed JSON"),
        ((200, {"Content-Type": "text/html"}, b"<html>"), "answered text/html"),
        ((200, {"Content-Type": "application/json"}, b"{}", 3), "did not answer in time"),
    ],
    ids=["down", "garbage", "not-an-object", "html", "timeout"],
)
def test_a_provider_that_fails_leaves_a_failed_embed_with_the_reason(
    provider_server, route, reason
):
    provider_server.routes["/oembed/youtube"] = route

    assert resolve_embed_now(VIDEO_URL) == "failed"

    embed = Embed.objects.get(url=VIDEO_URL)
    assert embed.status == Embed.Status.FAILED
    assert reason in embed.error
    assert embed.frame_url == "" and embed.thumbnail is None


def test_script_in_a_field_is_kept_as_text_never_as_markup(provider_server):
    provider_server.youtube_answer(
        title='<script>alert("title")</script>Footage',
        author_name="<img src=x onerror=alert(1)>",
    )

    resolve_embed_now(VIDEO_URL)

    embed = Embed.objects.get(url=VIDEO_URL)
    assert embed.title == '<script>alert("title")</script>Footage'
    assert embed.html == ""


def test_a_quote_shown_by_the_providers_script_keeps_only_text_and_links(provider_server):
    provider_server.json(
        "/oembed/x",
        {
            "type": "rich",
            "author_name": "Zelensky",
            "html": '<blockquote class="twitter-tweet" onclick="steal()"><p lang="en">Glory'
            '<img src=x onerror=alert(1)></p>&mdash; <a href="https://x.com/a/status/1" '
            'onmouseover="x()">May 1</a></blockquote><script src="https://evil.example/a.js">'
            "</script>",
        },
    )
    url = "https://x.com/ZelenskyyUa/status/1790000000000000000"

    resolve_embed_now(url)

    embed = Embed.objects.get(url=url)
    assert embed.html.startswith('<blockquote class="twitter-tweet">')
    for unsafe in ("onclick", "onerror", "onmouseover", "<script", "<img", "evil.example"):
        assert unsafe not in embed.html


def test_a_redirect_to_a_private_address_is_refused(provider_server):
    provider_server.routes["/oembed/youtube"] = (
        302, {"Location": "http://169.254.169.254/latest/meta-data/"}, b""
    )  # fmt: skip

    resolve_embed_now(VIDEO_URL)

    embed = Embed.objects.get(url=VIDEO_URL)
    assert embed.status == Embed.Status.FAILED
    assert "169.254.169.254" in embed.error and "refused" in embed.error


def test_a_redirect_to_another_loopback_address_is_refused(provider_server):
    # 127.0.0.1 is allowed for the test server; the rest of the loopback network is not.
    provider_server.routes["/oembed/youtube"] = (
        301, {"Location": f"http://127.0.0.2:{provider_server.port}/oembed/youtube"}, b""
    )  # fmt: skip

    resolve_embed_now(VIDEO_URL)

    assert "private address: refused" in Embed.objects.get(url=VIDEO_URL).error
    assert len(provider_server.requests) == 1


def test_a_thumbnail_on_a_private_address_is_refused_and_the_embed_kept(provider_server):
    provider_server.youtube_answer(thumbnail_url="http://10.0.0.7/thumb.jpg")

    resolve_embed_now(VIDEO_URL)

    embed = Embed.objects.get(url=VIDEO_URL)
    assert embed.status == Embed.Status.RESOLVED
    assert embed.thumbnail is None
    assert "10.0.0.7" in embed.error


def test_an_oversized_thumbnail_is_refused_and_the_embed_kept_without_it(provider_server, settings):
    provider_server.youtube_answer()
    settings.NEWSROOM_EMBED_MAX_THUMBNAIL_BYTES = 1000

    resolve_embed_now(VIDEO_URL)

    embed = Embed.objects.get(url=VIDEO_URL)
    assert embed.status == Embed.Status.RESOLVED
    assert embed.thumbnail is None
    assert "limit is 1000" in embed.error


def test_a_thumbnail_that_is_not_a_picture_is_refused(provider_server):
    provider_server.youtube_answer()
    provider_server.routes["/thumbnails/video.jpg"] = (
        200, {"Content-Type": "image/jpeg"}, b"GIF89a but not really"
    )  # fmt: skip

    resolve_embed_now(VIDEO_URL)

    embed = Embed.objects.get(url=VIDEO_URL)
    assert embed.thumbnail is None
    assert "Thumbnail refused" in embed.error


def test_a_huge_thumbnail_in_pixels_is_refused(provider_server, settings):
    provider_server.youtube_answer()
    provider_server.routes["/thumbnails/video.jpg"] = (
        200, {"Content-Type": "image/jpeg"}, jpeg(3000, 3000)
    )  # fmt: skip
    settings.NEWSROOM_MAX_UPLOAD_PIXELS = 1_000_000

    resolve_embed_now(VIDEO_URL)

    assert "megapixels" in Embed.objects.get(url=VIDEO_URL).error


def test_an_unknown_provider_is_never_queued_nor_fetched(provider_server):
    body = embed_paragraph("https://video.example.org/watch/1")

    assert queue_embeds(body) == []
    assert Embed.objects.count() == 0
    assert provider_server.requests == []


def test_resolving_again_changes_nothing_and_fetches_nothing(provider_server):
    provider_server.youtube_answer()
    resolve_embed_now(VIDEO_URL)
    before = Embed.objects.get(url=VIDEO_URL)
    fetched = len(provider_server.requests)

    assert resolve_embed_now(VIDEO_URL) == "resolved already"

    after = Embed.objects.get(url=VIDEO_URL)
    assert len(provider_server.requests) == fetched
    assert (after.thumbnail_id, after.resolved_at, after.attempts) == (
        before.thumbnail_id, before.resolved_at, 1
    )  # fmt: skip


def test_a_second_worker_leaves_an_embed_another_is_resolving(provider_server):
    provider_server.youtube_answer()
    embed = Embed.objects.create(url=VIDEO_URL, provider="youtube")
    from django.utils import timezone

    Embed.objects.filter(pk=embed.pk).update(
        status=Embed.Status.RESOLVING, claimed_at=timezone.now()
    )

    assert resolve_embed_now(VIDEO_URL) == "being resolved elsewhere"
    assert provider_server.requests == []
    assert Embed.objects.get(pk=embed.pk).status == Embed.Status.RESOLVING
