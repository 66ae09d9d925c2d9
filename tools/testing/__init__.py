"""What the tests share beyond fixtures: desk people, and skips that CI turns into failures.

The fixtures themselves live in the root conftest.py; tests import helpers from here, never from
a conftest.
"""

import os
import threading

import pytest

# Every desk user the tests make signs in with this.
PASSWORD = "a desk password"


def desk_user(username, group_name, *, password=PASSWORD):
    """A staff user in one of the desk's groups (made by the articles migrations)."""
    from django.contrib.auth.models import Group, User

    user = User.objects.create_user(username, f"{username}@example.com", password, is_staff=True)
    user.groups.add(Group.objects.get(name=group_name))
    return user


def skip_or_fail(reason):
    """Skip where a service is missing, unless NEWSROOM_REQUIRE_SERVICES=1 (CI) demands it."""
    if os.environ.get("NEWSROOM_REQUIRE_SERVICES") == "1":
        pytest.fail(f"{reason} (NEWSROOM_REQUIRE_SERVICES=1 makes this mandatory)")
    pytest.skip(reason)


def worker_port_range(first, last):
    """This xdist worker's share of ``first``-``last``, so that two workers looking for a free
    port at the same moment never pick the same one (the whole range without xdist)."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    count = int(os.environ.get("PYTEST_XDIST_WORKER_COUNT", "1"))
    if not worker.startswith("gw") or count < 2:
        return first, last
    size = (last - first + 1) // count
    if size < 1:
        raise ValueError(f"ports {first}-{last} cannot be shared by {count} workers")
    start = first + int(worker[2:]) * size
    return start, start + size - 1


class RequestsInFlight:
    """Requests this process has begun answering and not finished (Django's request signals):
    what a live-server test waits on, where it would otherwise sleep."""

    def __init__(self):
        self.count = 0
        self.changed = threading.Condition()

    def started(self, **kwargs):
        with self.changed:
            self.count += 1

    def finished(self, **kwargs):
        with self.changed:
            self.count -= 1
            self.changed.notify_all()

    def wait_for(self, condition, timeout=30):
        """Checks ``condition`` now and each time a request finishes; returns its last answer."""
        with self.changed:
            return self.changed.wait_for(condition, timeout)

    def wait_until_none(self, timeout=30):
        return self.wait_for(lambda: self.count <= 0, timeout)
