"""The live desk's people sign their updates: the shared desk fixtures, each with a byline."""

import pytest

from authors.models import Author
from live.tests.stories import live_article


def signing(user, name):
    """``user`` with an author profile: what signs their updates when they name nobody."""
    Author.objects.create(name=name, slug=name.lower().replace(" ", "-"), user=user)
    return user


@pytest.fixture
def journalist(journalist):
    return signing(journalist, "Iryna Kravets")


@pytest.fixture
def other_journalist(other_journalist):
    return signing(other_journalist, "Taras Bondarenko")


@pytest.fixture
def editor(editor):
    return signing(editor, "Kateryna Hodunova")


@pytest.fixture
def story(db):
    return live_article(headline="Shelling of Nikopol", slug="shelling-of-nikopol")


@pytest.fixture
def reporter(db):
    return Author.objects.create(name="Olena Marchenko", slug="olena-marchenko", role="Reporter")
