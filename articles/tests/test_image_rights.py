"""Defect 5: the lead image of a published story is part of the story.

Journalists edit only their own unpublished work, so they cannot change, replace or delete an
image a published story shows; editors can change it (never delete it while it is shown), and
each change appears in the story's history.
"""

import pytest
from django.urls import reverse
from django_tasks_db.models import DBTaskResult
from reversion.models import Version

from articles.tests.desk import change_url
from articles.tests.factories import ArticleFactory, draft
from media.models import Image
from media.tests.factories import ImageFactory

pytestmark = pytest.mark.django_db


def image_change_url(image):
    return reverse("admin:media_image_change", args=[image.pk])


def stored(image):
    return Image.objects.values_list("alt_text", "caption", "credit", "file").get(pk=image.pk)


def test_a_journalist_cannot_change_the_lead_image_of_a_live_story(client, journalist):
    image = ImageFactory(caption="Rescuers at dawn")
    ArticleFactory(headline="Dam breach", lead_image=image)
    before = stored(image)
    client.force_login(journalist)

    page = client.get(image_change_url(image))
    response = client.post(
        image_change_url(image), {"alt_text": "Changed", "caption": "Changed", "credit": "Me"}
    )

    assert page.status_code == 200
    assert "only editors can change or replace it" in page.content.decode()
    assert 'name="caption"' not in page.content.decode()
    assert response.status_code == 403
    assert stored(image) == before


def test_a_journalist_still_edits_an_image_no_published_story_shows(client, journalist):
    image = ImageFactory()
    draft(lead_image=image)
    client.force_login(journalist)

    response = client.post(
        image_change_url(image), {"alt_text": "Better words", "caption": "", "credit": "AFP"}
    )

    assert response.status_code == 302
    assert stored(image)[0] == "Better words"


def test_an_editors_change_to_a_live_storys_image_is_in_the_story_history(client, editor):
    image = ImageFactory(caption="Old caption")
    article = ArticleFactory(lead_image=image)
    client.force_login(editor)

    response = client.post(
        image_change_url(image),
        {"alt_text": image.alt_text, "caption": "New caption", "credit": image.credit},
    )

    assert response.status_code == 302
    assert stored(image)[1] == "New caption"
    latest = Version.objects.get_for_object(article).first()
    assert latest.revision.user == editor
    assert latest.revision.comment == "Lead image changed in the image library: caption"


def test_nobody_deletes_an_image_a_live_story_shows(client, editor):
    image = ImageFactory()
    ArticleFactory(lead_image=image)
    client.force_login(editor)

    page = client.post(reverse("admin:media_image_delete", args=[image.pk]), {"post": "yes"})
    listing = client.post(
        reverse("admin:media_image_changelist"),
        {"action": "delete_selected", "_selected_action": [str(image.pk)], "post": "yes"},
        follow=True,
    )

    assert page.status_code == 403
    assert "cannot be deleted" in listing.content.decode()
    assert Image.objects.filter(pk=image.pk).exists()


def test_the_article_form_has_no_delete_links_beside_lead_image_and_section(client, editor):
    article = ArticleFactory(lead_image=ImageFactory())
    client.force_login(editor)

    page = client.get(change_url(article)).content.decode()

    assert 'id="delete_id_lead_image"' not in page
    assert 'id="delete_id_section"' not in page
    # Nor beside a name in the byline or a picked story: they deleted the profile or the story.
    assert 'id="delete_id_bylines-0-author"' not in page
    assert 'id="delete_id_picks-0-to_article"' not in page
    assert 'id="change_id_lead_image"' in page


def test_a_journalist_cannot_move_the_focal_point_of_a_live_storys_image(client, journalist):
    image = ImageFactory()
    ArticleFactory(lead_image=image)
    client.force_login(journalist)

    page = client.get(image_change_url(image))
    response = client.post(
        image_change_url(image),
        {"alt_text": image.alt_text, "caption": "", "focal_x": "0.1", "focal_y": "0.1"},
    )

    assert 'name="focal_x"' not in page.content.decode()
    assert response.status_code == 403
    image.refresh_from_db()
    assert (image.focal_x, image.focal_y) == (None, None)
    assert not DBTaskResult.objects.exists()


def test_a_journalist_sets_the_focal_point_of_an_image_no_published_story_shows(client, journalist):
    image = ImageFactory()
    draft(lead_image=image)
    client.force_login(journalist)

    response = client.post(
        image_change_url(image),
        {
            "alt_text": image.alt_text,
            "caption": "",
            "credit": "",
            "focal_x": "0.3",
            "focal_y": "0.6",
        },
    )

    assert response.status_code == 302
    image.refresh_from_db()
    assert (image.focal_x, image.focal_y) == (0.3, 0.6)
    assert DBTaskResult.objects.get().args_kwargs["args"] == [image.pk, [0.3, 0.6, None, None]]


def test_an_editors_new_focal_point_for_a_live_storys_image_is_in_the_story_history(client, editor):
    image = ImageFactory()
    article = ArticleFactory(lead_image=image)
    client.force_login(editor)

    response = client.post(
        image_change_url(image),
        {
            "alt_text": image.alt_text,
            "caption": image.caption,
            "credit": image.credit,
            "focal_x": "0.3",
            "focal_y": "0.6",
        },
    )

    assert response.status_code == 302
    latest = Version.objects.get_for_object(article).first()
    assert latest.revision.comment == (
        "Lead image changed in the image library: focal point across, focal point down"
    )
