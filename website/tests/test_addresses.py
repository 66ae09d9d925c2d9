from django.urls import reverse, set_script_prefix

from website.addresses import slug_address


def test_same_address_as_reverse_also_under_a_script_prefix():
    for viewname, slug in [
        ("articles:detail", "kyiv-at-night"),
        ("articles:section", "war"),
        ("authors:detail", "olena-harmash"),
    ]:
        assert slug_address(viewname, slug) == reverse(viewname, kwargs={"slug": slug})
    try:
        set_script_prefix("/newsroom/")
        assert slug_address("articles:detail", "a-b") == "/newsroom/news/a-b/"
        assert reverse("articles:detail", kwargs={"slug": "a-b"}) == "/newsroom/news/a-b/"
    finally:
        set_script_prefix("/")
    assert slug_address("articles:detail", "a-b") == "/news/a-b/"
