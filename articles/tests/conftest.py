import pytest
from django.contrib.auth.models import Group, User


def desk_user(username, group_name):
    user = User.objects.create_user(username, f"{username}@example.com", "pw", is_staff=True)
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def journalist(db):
    return desk_user("journalist", "Journalists")


@pytest.fixture
def editor(db):
    return desk_user("editor", "Editors")


@pytest.fixture
def other_journalist(db):
    return desk_user("colleague", "Journalists")


@pytest.fixture
def second_editor(db):
    return desk_user("night-editor", "Editors")
