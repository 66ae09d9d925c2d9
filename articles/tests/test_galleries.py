"""Photo galleries in a story's body: stored as a small block naming library images, shown to
readers through the images' renditions, searched by their captions, guarded like lead images."""

import re

import pytest
from django.urls import reverse

from articles.models import Article
from articles.sanitizer import sanitize_html
from articles.tests.factories import ArticleFactory, draft
from media.galleries import gallery_block
from media.models import Image
from media.tests.factories import ImageFactory

pytestmark = pytest.mark.django_db


def gallery_html(*items):
    return gallery_block([(image.pk, caption) for image, caption in items])


def shown_pictures(page):
    """The alt texts of the pictures in the page's galleries, in order."""
    galleries = re.findall(r'<figure class="gallery".*?</ul>\s*</figure>', page, re.DOTALL)
    return [re.findall(r'<img [^>]*alt="([^"]*)"', gallery) for gallery in galleries]


@pytest.fixture
def pictures(db):
    return [
        ImageFactory(alt_text="Firefighters on a roof", caption="After the strike.", credit="AP"),
        ImageFactory(alt_text="A boy with a bicycle", caption="Waiting for water.", credit=""),
        ImageFactory(alt_text="The river at dusk", caption="", credit="Staff"),
    ]


# The stored form ------------------------------------------------------------------------------


def test_the_sanitiser_keeps_the_gallery_form_as_the_editor_writes_it():
    stored = (
        "<p>Before.</p>"
        '<figure data-gallery=""><figure data-image="12"><figcaption>Smoke &amp; ash</figcaption>'
        '</figure><figure data-image="7"></figure></figure><p>After.</p>'
    )

    assert sanitize_html(stored) == stored


def test_the_sanitiser_drops_anything_else_inside_a_gallery():
    written = (
        '<figure data-gallery="yes" class="x" onclick="steal()">'
        '<p>Loose words</p><img src="https://tracker.example/p.gif">'
        '<figure data-image="12" style="color:red"><figcaption>Hi <b>there</b>'
        "<script>alert(1)</script></figcaption></figure>"
        '<figure data-image="0"></figure><figure data-image="abc"></figure>'
        '<figure data-image="99999999999"></figure>'
        "<figure><figcaption>no id</figcaption></figure>"
        '<figure data-image="7"></figure></figure>'
    )

    assert sanitize_html(written) == (
        '<figure data-gallery=""><figure data-image="12"><figcaption>Hi there</figcaption>'
        '</figure><figure data-image="7"></figure></figure>'
    )


def test_a_gallery_left_with_no_picture_goes_and_a_stray_id_is_dropped():
    assert sanitize_html('<figure data-gallery=""><p>x</p></figure><p>Text</p>') == "<p>Text</p>"
    assert sanitize_html('<figure data-image="3"><figcaption>A figure</figcaption></figure>') == (
        "<figure><figcaption>A figure</figcaption></figure>"
    )


def test_gallery_attributes_are_allowed_on_figures_only():
    cleaned = sanitize_html('<p data-gallery="" data-image="4">Words</p>')

    assert cleaned == "<p>Words</p>"


def test_saving_records_which_images_the_galleries_show(pictures):
    first, second, third = pictures
    article = draft(body=gallery_html((first, ""), (second, "")))

    assert set(article.gallery_images.all()) == {first, second}

    article.body = gallery_html((third, ""))
    article.save()
    assert list(Article.objects.get(pk=article.pk).gallery_images.all()) == [third]

    article.body = "<p>No pictures now.</p>"
    article.save()
    assert not article.gallery_images.exists()


# What readers see -----------------------------------------------------------------------------


def test_readers_see_each_picture_with_its_caption_credit_and_renditions(client, pictures):
    first, second, third = pictures
    story = ArticleFactory(
        body="<p>One.</p>"
        + gallery_html((first, ""), (second, "A caption written for this story"), (third, ""))
        + "<p>Two.</p>"
    )

    response = client.get(story.get_absolute_url())
    page = response.content.decode()

    assert response.status_code == 200
    assert shown_pictures(page) == [
        ["Firefighters on a roof", "A boy with a bicycle", "The river at dusk"]
    ]
    assert 'role="group" aria-roledescription="gallery"' in page
    assert 'aria-label="Photo gallery 1, 3 pictures"' in page
    assert 'After the strike. <span class="gallery__credit">(AP)</span>' in page
    assert "A caption written for this story" in page
    assert "Waiting for water." not in page
    rendition = first.renditions.get(spec=f"w{first.width}", format="webp")
    assert rendition.file.url in page  # the stored renditions, in a srcset
    assert "/static/js/gallery.js" in page
    assert "/static/css/gallery.css" in page


def test_a_story_without_a_gallery_loads_no_gallery_script(client):
    story = ArticleFactory(body="<p>Just words.</p>")

    page = client.get(story.get_absolute_url()).content.decode()

    assert "gallery.js" not in page and "gallery.css" not in page


def test_a_deleted_picture_leaves_the_rest_of_the_gallery(client, pictures):
    first, second, third = pictures
    story = ArticleFactory(body=gallery_html((first, ""), (second, ""), (third, "")))
    Image.objects.filter(pk=second.pk).delete()  # past the desk's guard, as a script would

    response = client.get(story.get_absolute_url())

    assert response.status_code == 200
    assert shown_pictures(response.content.decode()) == [
        ["Firefighters on a roof", "The river at dusk"]
    ]


def test_a_gallery_whose_pictures_are_all_gone_is_left_out(client, pictures):
    story = ArticleFactory(body="<p>Words stay.</p>" + gallery_html((pictures[0], "")))
    Image.objects.filter(pk=pictures[0].pk).delete()

    response = client.get(story.get_absolute_url())

    assert response.status_code == 200
    assert "Words stay." in response.content.decode()
    assert 'class="gallery"' not in response.content.decode()


def test_the_page_shows_galleries_with_one_query_for_their_pictures(
    client, pictures, django_assert_max_num_queries
):
    story = ArticleFactory(body=gallery_html((pictures[0], "")) + "<p>x</p>")
    with django_assert_max_num_queries(100) as with_one:
        client.get(story.get_absolute_url())
    story.body = gallery_html(*((p, "") for p in pictures)) + gallery_html((pictures[0], ""))
    story.save()
    with django_assert_max_num_queries(len(with_one.captured_queries)):
        response = client.get(story.get_absolute_url())
    assert shown_pictures(response.content.decode()) == [
        ["Firefighters on a roof", "A boy with a bicycle", "The river at dusk"],
        ["Firefighters on a roof"],
    ]


# Search, usage and caches ---------------------------------------------------------------------


def test_search_finds_a_story_by_a_gallery_pictures_caption_and_credit(client, pictures):
    first, second, _ = pictures
    ArticleFactory(
        headline="A day in Nikopol",
        body="<p>Words.</p>" + gallery_html((first, ""), (second, "Queue at the pump")),
    )

    by_own_caption = client.get("/search/", {"q": "strike"}).content.decode()
    by_use_caption = client.get("/search/", {"q": "pump"}).content.decode()

    assert "A day in Nikopol" in by_own_caption
    assert "A day in Nikopol" in by_use_caption


def test_search_follows_a_gallery_pictures_new_caption(client, pictures):
    first = pictures[0]
    ArticleFactory(headline="A day in Nikopol", body=gallery_html((first, "")))
    assert "A day in Nikopol" not in client.get("/search/", {"q": "reservoir"}).content.decode()

    first.caption = "The drained reservoir."
    first.save()

    assert "A day in Nikopol" in client.get("/search/", {"q": "reservoir"}).content.decode()


def test_nobody_deletes_a_picture_a_live_storys_gallery_shows(client, editor, pictures):
    ArticleFactory(headline="A day in Nikopol", body=gallery_html((pictures[0], "")))
    client.force_login(editor)

    page = client.post(reverse("admin:media_image_delete", args=[pictures[0].pk]), {"post": "yes"})
    listing = client.post(
        reverse("admin:media_image_changelist"),
        {"action": "delete_selected", "_selected_action": [str(pictures[0].pk)], "post": "yes"},
        follow=True,
    )

    assert page.status_code == 403
    assert "in a gallery of “A day in Nikopol”" in listing.content.decode()
    assert Image.objects.filter(pk=pictures[0].pk).exists()


def test_a_journalist_cannot_reword_a_picture_a_live_storys_gallery_shows(
    client, journalist, pictures
):
    picture = pictures[0]
    ArticleFactory(body=gallery_html((picture, "")))
    client.force_login(journalist)

    response = client.post(
        reverse("admin:media_image_change", args=[picture.pk]),
        {"alt_text": "Changed", "caption": "Changed", "credit": "Me"},
    )

    assert response.status_code == 403
    assert Image.objects.get(pk=picture.pk).caption == "After the strike."


def test_a_picture_only_a_draft_shows_can_still_be_deleted(client, editor, pictures):
    draft(body=gallery_html((pictures[0], "")))
    client.force_login(editor)

    response = client.post(
        reverse("admin:media_image_delete", args=[pictures[0].pk]), {"post": "yes"}
    )

    assert response.status_code == 302
    assert not Image.objects.filter(pk=pictures[0].pk).exists()


@pytest.mark.usefixtures("page_cache")
def test_a_gallery_pictures_new_caption_or_file_refreshes_the_cached_story(client, pictures):
    picture = pictures[0]
    story = ArticleFactory(body=gallery_html((picture, "")))
    url = story.get_absolute_url()
    client.get(url)
    assert client.get(url)["X-Cache"] == "hit"

    picture.caption = "Smoke over the plant at noon."
    picture.save()
    response = client.get(url)
    assert response["X-Cache"] == "miss"
    assert "Smoke over the plant at noon." in response.content.decode()

    from media.tests.factories import uploaded_image

    old_rendition = picture.renditions.get(spec="w64", format="jpeg").file.url
    picture.file = uploaded_image(width=80, height=60, color=(200, 40, 40))
    picture.save()
    response = client.get(url)
    assert response["X-Cache"] == "miss"
    assert old_rendition not in response.content.decode()
    assert picture.renditions.get(spec="w80", format="jpeg").file.url in response.content.decode()


def test_the_desk_says_which_gallery_picture_was_deleted(client, editor, pictures):
    first, second, _ = pictures
    article = draft(body=gallery_html((first, ""), (second, "")))
    gone = second.pk
    Image.objects.filter(pk=gone).delete()
    client.force_login(editor)

    response = client.get(reverse("admin:articles_article_change", args=[article.pk]))

    assert response.status_code == 200
    assert f"A gallery in this story names picture #{gone}, deleted from the image library" in (
        response.content.decode()
    )
    # Nothing is lost: the body keeps naming it until someone takes it out.
    assert f'data-image="{gone}"' in Article.objects.get(pk=article.pk).body


def test_the_desk_inserts_a_gallery_through_the_article_form(client, journalist, pictures):
    from articles.tests.test_admin import ADD_URL, article_form

    first, second, _ = pictures
    client.force_login(journalist)
    written = (
        "<p>Words.</p>"
        f'<figure data-gallery=""><figure data-image="{second.pk}">'
        "<figcaption>Queue at the pump</figcaption></figure>"
        f'<figure data-image="{first.pk}"></figure></figure>'
    )

    response = client.post(ADD_URL, article_form(body=written))

    assert response.status_code == 302
    article = Article.objects.get()
    assert article.body == written
    assert set(article.gallery_images.all()) == {first, second}


def test_feeds_carry_the_gallery_as_plain_figures_with_absolute_addresses(client, pictures):
    first, second, _ = pictures
    ArticleFactory(body="<p>Words.</p>" + gallery_html((first, ""), (second, "At the pump")))

    feed = client.get(reverse("articles:feed_rss")).content.decode()

    rendition = first.renditions.get(spec=f"w{first.width}", format="jpeg")
    assert f'src="http://testserver{rendition.file.url}"' in feed.replace("&quot;", '"')
    assert "After the strike. (AP)" in feed
    assert "At the pump" in feed
    assert "data-gallery" not in feed and "gallery__open" not in feed


@pytest.mark.usefixtures("page_cache")
def test_a_gallery_picture_deleted_past_the_desk_leaves_the_cached_story_at_once(client, pictures):
    first, second, _ = pictures
    story = ArticleFactory(body=gallery_html((first, ""), (second, "")))
    url = story.get_absolute_url()
    client.get(url)
    assert client.get(url)["X-Cache"] == "hit"

    Image.objects.filter(pk=second.pk).delete()

    response = client.get(url)
    assert response["X-Cache"] == "miss"
    assert shown_pictures(response.content.decode()) == [["Firefighters on a roof"]]
