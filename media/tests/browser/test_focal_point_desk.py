"""The focal point in a real browser: click, drag, arrow keys and plain number fields."""

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from django_tasks_db.models import DBTaskResult
from playwright.sync_api import expect

from media.models import Image
from media.tests.factories import ImageFactory, uploaded_image
from tools.testing import PASSWORD
from tools.testing.browser import describe_violations, sign_in_to_desk

pytestmark = pytest.mark.browser


class Desk:
    def __init__(self, browser, base_url, width=1280):
        self.context = browser.new_context(
            base_url=base_url, viewport={"width": width, "height": 900}
        )
        self.context.set_default_timeout(10_000)
        self.problems = []
        page = self.context.new_page()
        sign_in_to_desk(page, "desk")
        page.close()

    def open(self, image):
        page = self.context.new_page()
        page.on("pageerror", lambda error: self.problems.append(str(error)))
        # A script or style the desk's Content-Security-Policy refuses is reported here.
        page.on(
            "console",
            lambda message: message.type == "error" and self.problems.append(message.text),
        )
        page.goto(reverse("admin:media_image_change", args=[image.pk]))
        page.wait_for_load_state("load")
        return page


@pytest.fixture
def desk(browser, live_server, transactional_db, requests_in_flight):
    User.objects.create_superuser("desk", "desk@example.com", PASSWORD)
    desk = Desk(browser, live_server.url)
    yield desk
    desk.context.close()
    # A request the closed page had started may still be running in the live server's thread;
    # flushing the database under it deadlocks (PostgreSQL) or finds it locked (SQLite).
    assert requests_in_flight.wait_until_none(), "the live server is still answering"
    assert not desk.problems, "errors in the page:\n" + "\n".join(desk.problems)


@pytest.fixture
def image(transactional_db):
    return ImageFactory(file=uploaded_image(width=1600, height=900))


def picture_point(page, x, y):
    picture = page.locator(".focal-picker img")
    picture.scroll_into_view_if_needed()
    box = picture.bounding_box()
    return box["x"] + box["width"] * x, box["y"] + box["height"] * y


def value(page, name):
    return float(page.locator(f"#id_{name}").input_value())


def test_a_click_on_the_picture_sets_the_point_the_marker_shows_and_the_save_keeps(desk, image):
    page = desk.open(image)
    marker = page.locator(".focal-picker__marker")
    expect(marker).to_be_hidden()

    page.mouse.click(*picture_point(page, 0.25, 0.75))

    assert value(page, "focal_x") == pytest.approx(0.25, abs=0.01)
    assert value(page, "focal_y") == pytest.approx(0.75, abs=0.01)
    expect(marker).to_be_visible()
    centre = marker.bounding_box()
    at = picture_point(page, 0.25, 0.75)
    assert abs(centre["x"] + centre["width"] / 2 - at[0]) < 2
    assert abs(centre["y"] + centre["height"] / 2 - at[1]) < 2

    page.locator("input[name=_continue]").click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    saved = Image.objects.get(pk=image.pk)
    assert saved.focal_x == pytest.approx(0.25, abs=0.01)
    assert DBTaskResult.objects.get().task_path == "media.cropping.redraw_crops_task"
    expect(page.locator(".focal-picker__marker")).to_be_visible()


def test_a_drag_marks_an_area_centred_on_the_point(desk, image):
    page = desk.open(image)

    page.mouse.move(*picture_point(page, 0.1, 0.2))
    page.mouse.down()
    page.mouse.move(*picture_point(page, 0.3, 0.5), steps=5)
    page.mouse.move(*picture_point(page, 0.5, 0.6), steps=5)
    page.mouse.up()

    assert value(page, "focal_x") == pytest.approx(0.3, abs=0.01)
    assert value(page, "focal_y") == pytest.approx(0.4, abs=0.01)
    assert value(page, "focal_width") == pytest.approx(0.4, abs=0.01)
    assert value(page, "focal_height") == pytest.approx(0.4, abs=0.01)
    expect(page.locator(".focal-picker__area")).to_be_visible()
    page.locator("input[name=_continue]").click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    assert Image.objects.get(pk=image.pk).focal_width == pytest.approx(0.4, abs=0.01)


def test_without_a_pointer_the_fields_and_arrow_keys_place_the_point(desk, image):
    page = desk.open(image)

    page.locator("#id_focal_x").fill("0.8")
    page.locator("#id_focal_y").fill("0.2")
    marker = page.locator(".focal-picker__marker")
    expect(marker).to_be_visible()
    before = marker.bounding_box()
    page.locator(".focal-picker").focus()
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("Shift+ArrowDown")

    assert value(page, "focal_x") == pytest.approx(0.79)
    assert value(page, "focal_y") == pytest.approx(0.3)
    assert marker.bounding_box()["x"] < before["x"]
    page.get_by_role("button", name="Use the centre").click()
    assert page.locator("#id_focal_x").input_value() == ""
    expect(marker).to_be_hidden()


def test_the_focal_point_fields_have_no_serious_accessibility_violations(desk, image, axe_script):
    page = desk.open(image)
    page.mouse.click(*picture_point(page, 0.5, 0.5))
    page.evaluate(axe_script.read_text(encoding="utf-8") + "\n;undefined")

    results = page.evaluate(
        "() => axe.run(document.querySelector('.focal-picker').closest('fieldset'))"
    )

    violations = [v for v in results["violations"] if v["impact"] in ("serious", "critical")]
    assert not violations, describe_violations(violations)
