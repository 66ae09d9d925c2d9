import pytest
from django.contrib.auth.models import Group, User

PASSWORD = "a desk password"


@pytest.fixture
def editor(db):
    user = User.objects.create_user("editor", "editor@example.com", PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def journalist(db):
    user = User.objects.create_user("journalist", "j@example.com", PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name="Journalists"))
    return user
