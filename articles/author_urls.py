"""The author's page: a list of their stories, so articles serves it, under ``authors:detail``
(articles may import authors; authors may not import articles)."""

from django.urls import path

from articles.list_pages import AuthorStories

app_name = "authors"

urlpatterns = [
    path("<slug:slug>/", AuthorStories.as_view(), name="detail"),
]
