"""The article form as a writer meets it: what it shows, and what it says when it refuses."""

import pytest

from articles.tests.desk import change_url
from articles.tests.factories import draft
from media.tests.factories import ImageFactory

pytestmark = pytest.mark.django_db


def test_the_chosen_lead_image_is_shown_as_a_thumbnail(client, editor):
    picture = ImageFactory(alt_text="Ships in the port of Odesa")
    article = draft(lead_image=picture)
    client.force_login(editor)

    page = client.get(change_url(article)).content.decode()

    preview = page.split('<span class="desk-image-preview" aria-live="polite">')[1]
    assert preview.startswith('<img src="/media/renditions/')
    assert 'alt="Ships in the port of Odesa"' in preview.split("</span>")[0]
    assert "data-thumbnail-url=" in page
    assert "admin-desk/image-picker.js" in page
