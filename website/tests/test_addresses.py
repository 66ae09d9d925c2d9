from django.template import Context, Template
from django.urls import reverse, set_script_prefix

from website.addresses import fixed_address, slug_address


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


def test_fixed_pages_have_the_same_address_as_reverse_also_under_a_script_prefix():
    viewnames = ["frontpage:front", "articles:search", "articles:feed_rss", "articles:corrections"]
    for viewname in viewnames:
        assert fixed_address(viewname) == reverse(viewname)
    try:
        set_script_prefix("/newsroom/")
        assert fixed_address("articles:search") == "/newsroom/search/"
    finally:
        set_script_prefix("/")
    assert fixed_address("articles:search") == "/search/"


def test_the_page_template_links_the_same_addresses_as_the_url_tag():
    rendered = Template(
        "{% load page_meta %}{% address 'articles:corrections' %} {% address 'articles:tag' slug %}"
    ).render(Context({"slug": "north-korea"}))
    assert (
        rendered
        == f"{reverse('articles:corrections')} {reverse('articles:tag', args=['north-korea'])}"
    )
