from django.urls import path

from articles import views

app_name = "articles"

urlpatterns = [
    path("", views.feed, name="list"),
    path("news/<slug:slug>/", views.article_detail, name="detail"),
    path("sections/<slug:slug>/", views.section_detail, name="section"),
    path("tags/<slug:slug>/", views.tag_detail, name="tag"),
]
