import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.tests.factories import ArticleFactory, draft
from live import services
from live.tests.stories import live_article, published_update

pytestmark = pytest.mark.django_db


def queries_of(client, url):
    """How many queries one request for ``url`` makes (counted at once: the log moves on)."""
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return len(queries)


def page_url(article):
    return reverse("articles:detail", args=[article.slug])


def poll_url(article):
    return reverse("live:poll", args=[article.slug])


def structured_data(response):
    found = re.search(
        r'<script type="application/ld\+json">(.*?)</script>', response.content.decode(), re.S
    )
    return json.loads(found.group(1))


def test_live_page_shows_updates_newest_first_with_key_events_on_top(client, story, reporter):
    older = published_update(
        story, minutes_ago=90, title="Shelling begins at dawn", is_key_event=True
    )
    older.authors.set([reporter])
    published_update(story, minutes_ago=10, body="<p>Power is back in most of the city.</p>")
    response = client.get(page_url(story))
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>" not in html.split("</head>")[1]
    html = html[html.index('class="live-coverage"') :]
    assert '<span class="live-mark">Live</span> Live updates' in html
    key_events = html.index('id="key-events-heading"')
    newest = html.index("Power is back in most of the city.")
    oldest = html.index('<h3 class="live-update__title">Shelling begins at dawn</h3>')
    assert key_events < newest < oldest
    assert f'href="#update-{older.pk}"' in html[key_events:newest]
    assert 'By <a href="/authors/olena-marchenko/">Olena Marchenko</a>' in html
    # The page polls only with scripts; without them it is complete as served.
    assert f'data-poll-url="{poll_url(story)}"' in html
    feed = reverse("live:feed_rss", args=[story.slug])
    discovery = f'title="Live updates: Shelling of Nikopol" href="{feed}"'
    assert discovery in response.content.decode().split("</head>")[0]
    assert 'role="status"' in html


def test_drafts_and_submitted_updates_stay_off_the_page(client, story, journalist):
    services.write_update(article=story, user=journalist, body="<p>Unchecked rumour.</p>")
    services.write_update(
        article=story, user=journalist, body="<p>Also unchecked.</p>", step="submit"
    )
    response = client.get(page_url(story))
    assert "Unchecked rumour" not in response.content.decode()
    assert "Also unchecked" not in response.content.decode()
    assert "none yet" in response.content.decode()
    poll = client.get(poll_url(story)).json()
    assert poll["updates"] == []


def test_correction_shows_on_the_update(client, story, editor):
    update = published_update(story)
    services.correct_update(update=update, editor=editor, text="The sirens sounded at 5 a.m.")
    response = client.get(page_url(story))
    assert "The sirens sounded at 5 a.m." in response.content.decode()
    [polled] = client.get(poll_url(story)).json()["updates"]
    assert "The sirens sounded at 5 a.m." in polled["html"]


def test_ended_coverage_leaves_a_normal_article_with_its_record(client, story, editor):
    published_update(story, body="<p>Calm returned by the evening.</p>")
    services.end_coverage(article=story, editor=editor)
    html = client.get(page_url(story)).content.decode()
    assert "This live coverage ended" in html
    assert "Calm returned by the evening." in html
    assert "data-poll-url" not in html
    assert "live-mark" not in html.split("<main")[1]
    data = client.get(poll_url(story)).json()
    assert data["live"] is False


def test_article_without_coverage_is_unchanged(client):
    article = ArticleFactory()
    html = client.get(page_url(article)).content.decode()
    assert 'class="live-coverage"' not in html
    assert client.get(poll_url(article)).status_code == 404
    assert client.get(reverse("live:feed_rss", args=[article.slug])).status_code == 404


def test_unpublished_live_story_is_not_polled_or_fed(client):
    article = draft(live_started_at=live_article().live_started_at)
    assert client.get(poll_url(article)).status_code == 404
    assert client.get(reverse("live:feed_atom", args=[article.slug])).status_code == 404


def test_poll_answers_200_then_304_until_an_update_is_published(client, story, editor):
    published_update(story, body="<p>First.</p>")
    first = client.get(poll_url(story))
    assert first.status_code == 200
    assert first["X-Poll-Interval"] == "15"
    data = first.json()
    assert data["live"] is True and data["poll_seconds"] == 15
    assert [u["id"] for u in data["updates"]] == [story.live_updates.get().pk]
    etag = first["ETag"]
    unchanged = client.get(poll_url(story), headers={"if-none-match": etag})
    assert unchanged.status_code == 304
    assert unchanged.content == b""
    services.write_update(article=story, user=editor, body="<p>Second.</p>", step="publish")
    changed = client.get(poll_url(story), headers={"if-none-match": etag})
    assert changed.status_code == 200
    assert changed["ETag"] != etag
    assert "Second." in changed.json()["updates"][0]["html"]


def test_poll_interval_set_by_the_desk_reaches_readers(client, story, editor):
    services.set_poll_interval(article=story, editor=editor, seconds=60)
    response = client.get(poll_url(story))
    assert response["X-Poll-Interval"] == "60"
    assert response.json()["poll_seconds"] == 60
    assert 'data-poll-seconds="60"' in client.get(page_url(story)).content.decode()


def test_poll_is_cacheable_at_the_edge_and_purged_by_a_new_update(
    client, story, editor, page_cache
):
    published_update(story)
    first = client.get(poll_url(story))
    cache_control = first["Cache-Control"]
    assert "public" in cache_control and "s-maxage=" in cache_control
    assert "max-age=0" in cache_control
    assert {f"article-{story.pk}", f"live-{story.pk}"} <= set(first["xkey"].split())
    assert client.get(poll_url(story))["X-Cache"] == "hit"
    services.write_update(article=story, user=editor, body="<p>Breaking.</p>", step="publish")
    after = client.get(poll_url(story))
    assert after["X-Cache"] == "miss"
    assert "Breaking." in after.json()["updates"][0]["html"]


def test_poll_query_count_is_flat(client, story, reporter, editor):
    for minutes in range(5):
        published_update(story, minutes_ago=minutes).authors.set([reporter])
    few = queries_of(client, poll_url(story))
    for minutes in range(5, 15):
        update = published_update(story, minutes_ago=minutes)
        update.authors.set([reporter])
        services.correct_update(update=update, editor=editor, text="Fixed")
    assert queries_of(client, poll_url(story)) == few
    # The story, its updates, their authors and corrections (no image: no rendition query).
    assert few == 4


def test_live_page_query_count_is_flat(client, story, reporter):
    published_update(story).authors.set([reporter])
    few = queries_of(client, page_url(story))
    for minutes in range(40, 60):
        published_update(story, minutes_ago=minutes).authors.set([reporter])
    assert queries_of(client, page_url(story)) == few
    plain = ArticleFactory()
    # The coverage costs its updates, their authors and corrections.
    assert few == queries_of(client, page_url(plain)) + 3


def test_structured_data_is_a_live_blog_posting(client, story, editor, reporter):
    update = published_update(story, title="Two injured in a drone strike", is_key_event=True)
    update.authors.set([reporter])
    data = structured_data(client.get(page_url(story)))
    assert data["@type"] == "LiveBlogPosting"
    assert data["coverageStartTime"] == story.live_started_at.isoformat()
    # A new update is a change to the story.
    assert data["dateModified"] == update.published_at.isoformat()
    assert "coverageEndTime" not in data
    [entry] = data["liveBlogUpdate"]
    assert entry["@type"] == "BlogPosting"
    assert entry["headline"] == "Two injured in a drone strike"
    assert entry["articleBody"] == "Sirens sounded over the city."
    assert entry["url"].endswith(f"/news/{story.slug}/#update-{update.pk}")
    assert entry["author"][0]["name"] == "Olena Marchenko"
    services.end_coverage(article=story, editor=editor)
    story.refresh_from_db()
    ended = structured_data(client.get(page_url(story)))
    assert ended["coverageEndTime"] == story.live_ended_at.isoformat()


def test_feed_lists_published_updates_newest_first(client, story):
    published_update(story, minutes_ago=50, title="Shelling begins")
    published_update(story, minutes_ago=5, body='<p>Power is back <a href="/news/x/">here</a>.</p>')
    rss = client.get(reverse("live:feed_rss", args=[story.slug]))
    assert rss.status_code == 200
    assert rss["Content-Type"].startswith("application/rss+xml")
    body = rss.content.decode()
    assert body.index("Power is back") < body.index("Shelling begins")
    assert "http://testserver/news/x/" in body
    assert f"/news/{story.slug}/#update-" in body
    atom = client.get(reverse("live:feed_atom", args=[story.slug]))
    assert atom.status_code == 200
    assert "<entry>" in atom.content.decode()


@pytest.mark.parametrize("name", ["feed_rss", "feed_atom"])
def test_update_ids_do_not_change_with_the_host_a_reader_used(client, settings, story, name):
    settings.SITE_URL = ""
    update = published_update(story)
    url = reverse(f"live:{name}", args=[story.slug])
    ids = [
        re.findall(
            r"<(?:guid|id)\b[^>]*>(tag:[^<]*)<",
            client.get(url, headers={"host": host}).content.decode(),
        )
        for host in ("localhost", "127.0.0.1")
    ]
    entry = f"tag:localhost,{update.created_at:%Y-%m-%d}:live-update/{update.pk}"
    # Atom names the feed itself too, as stably.
    feed = [f"tag:localhost,{story.created_at:%Y-%m-%d}:live/{story.pk}"] if "atom" in name else []
    assert ids[0] == ids[1] == [*feed, entry]


def test_live_mark_on_cards_without_extra_queries(client):
    for _ in range(3):
        ArticleFactory()
    plain = queries_of(client, reverse("frontpage:front"))
    for _ in range(3):
        live_article()
    response = client.get(reverse("frontpage:front"))
    assert response.content.decode().count('<span class="live-mark">Live</span>') == 3
    assert queries_of(client, reverse("frontpage:front")) == plain
