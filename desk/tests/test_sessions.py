"""Desk sessions end after an idle spell and after a fixed lifetime, however busy."""

import datetime as dt

import pytest
from django.urls import reverse

from tools.testing import PASSWORD

DESK = reverse("admin:index")
START = dt.datetime(2026, 12, 1, 8, 0, tzinfo=dt.UTC)


def signed_in(client, time_machine, user):
    time_machine.move_to(START, tick=False)
    response = client.post(
        reverse("admin:login"), {"username": user.username, "password": PASSWORD, "next": DESK}
    )
    assert response.status_code == 302
    return client


@pytest.mark.django_db
def test_an_idle_session_ends(client, settings, time_machine, journalist):
    settings.NEWSROOM_DESK_IDLE_MINUTES = 120
    signed_in(client, time_machine, journalist)
    time_machine.move_to(START + dt.timedelta(minutes=119), tick=False)
    assert client.get(DESK).status_code == 200

    time_machine.move_to(START + dt.timedelta(minutes=119 + 121), tick=False)
    response = client.get(DESK)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))
    assert "_auth_user_id" not in client.session
    login_page = client.get(response["Location"])
    assert "signed out after a while without activity" in login_page.content.decode()


@pytest.mark.django_db
def test_a_busy_session_ends_at_its_lifetime(client, settings, time_machine, journalist):
    settings.NEWSROOM_DESK_IDLE_MINUTES = 120
    settings.NEWSROOM_DESK_SESSION_HOURS = 12
    signed_in(client, time_machine, journalist)
    for minutes in range(60, 12 * 60, 60):
        time_machine.move_to(START + dt.timedelta(minutes=minutes), tick=False)
        assert client.get(DESK).status_code == 200, minutes

    time_machine.move_to(START + dt.timedelta(hours=12), tick=False)
    response = client.get(DESK)
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session
    login_page = client.get(response["Location"])
    assert "reached its time limit" in login_page.content.decode()


@pytest.mark.django_db
def test_the_session_cookie_does_not_outlive_the_lifetime(
    client, settings, time_machine, journalist
):
    signed_in(client, time_machine, journalist)
    assert client.cookies["sessionid"]["max-age"] == settings.NEWSROOM_DESK_SESSION_HOURS * 3600
