from django.urls import path

from articles import feeds, list_pages, sitemaps, views
from articles.admin import previews

app_name = "articles"

urlpatterns = [
    path("news/<slug:slug>/", views.article_detail, name="detail"),
    path("sections/<slug:slug>/", list_pages.SectionStories.as_view(), name="section"),
    path("tags/<slug:slug>/", list_pages.TagStories.as_view(), name="tag"),
    path("search/", views.search, name="search"),
    path("feeds/rss/", feeds.SiteFeed(), name="feed_rss"),
    path("feeds/atom/", feeds.SiteAtomFeed(), name="feed_atom"),
    path("feeds/sections/<slug:slug>/rss/", feeds.SectionFeed(), name="section_feed_rss"),
    path("feeds/sections/<slug:slug>/atom/", feeds.SectionAtomFeed(), name="section_feed_atom"),
    path("feeds/tags/<slug:slug>/rss/", feeds.TagFeed(), name="tag_feed_rss"),
    path("feeds/tags/<slug:slug>/atom/", feeds.TagAtomFeed(), name="tag_feed_atom"),
    path("feeds/authors/<slug:slug>/rss/", feeds.AuthorFeed(), name="author_feed_rss"),
    path("feeds/authors/<slug:slug>/atom/", feeds.AuthorAtomFeed(), name="author_feed_atom"),
    path("sitemap.xml", sitemaps.sitemap_index, name="sitemap"),
    path("sitemap-<section>.xml", sitemaps.sitemap_section, name="sitemap_section"),
    path("news-sitemap.xml", sitemaps.news_sitemap, name="news_sitemap"),
    path("corrections/", views.corrections, name="corrections"),
    path("preview/article/<int:pk>/", previews.staff_preview, name="staff_preview"),
    path("preview/<str:token>/", previews.shared_preview, name="shared_preview"),
]
