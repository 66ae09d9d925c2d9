from django.urls import path

from live import feeds, views

app_name = "live"

urlpatterns = [
    path("news/<slug:slug>/live/", views.poll, name="poll"),
    path("news/<slug:slug>/live/feed/", feeds.LiveUpdatesFeed(), name="feed_rss"),
    path("news/<slug:slug>/live/feed/atom/", feeds.LiveUpdatesAtomFeed(), name="feed_atom"),
]
