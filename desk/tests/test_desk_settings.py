"""Editors need the second factor in production unless it is turned off; the value is strict."""

import os
import subprocess
import sys

from django.conf import settings

READ_SETTING = "from newsroom import settings; print(settings.NEWSROOM_REQUIRE_2FA_FOR_EDITORS)"


def read_requirement(**env):
    clean_env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "NEWSROOM_"))}
    return subprocess.run(
        [sys.executable, "-c", READ_SETTING],
        cwd=settings.BASE_DIR,
        env={**clean_env, "DJANGO_SECRET_KEY": "x" * 50, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_required_by_default_with_debug_off():
    assert read_requirement().stdout.strip() == "True"


def test_not_required_by_default_with_debug_on():
    assert read_requirement(DJANGO_DEBUG="1").stdout.strip() == "False"


def test_yes_and_no_words_are_read_like_every_other_flag():
    assert read_requirement(NEWSROOM_REQUIRE_2FA_FOR_EDITORS="yes").stdout.strip() == "True"
    assert read_requirement(NEWSROOM_REQUIRE_2FA_FOR_EDITORS="off").stdout.strip() == "False"


def test_a_value_that_is_not_a_yes_or_no_is_an_error():
    result = read_requirement(NEWSROOM_REQUIRE_2FA_FOR_EDITORS="sometimes")
    assert result.returncode != 0
    assert "NEWSROOM_REQUIRE_2FA_FOR_EDITORS" in result.stderr
