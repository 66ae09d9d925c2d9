import pytest

from articles.tests.conftest import desk_user


@pytest.fixture
def editor(db):
    return desk_user("editor", "Editors")


@pytest.fixture
def journalist(db):
    return desk_user("journalist", "Journalists")


@pytest.fixture
def second_editor(db):
    return desk_user("night-editor", "Editors")
