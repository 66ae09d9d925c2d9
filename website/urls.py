from django.urls import path

from website import robots

app_name = "website"

urlpatterns = [
    path("robots.txt", robots.robots_txt, name="robots"),
]
