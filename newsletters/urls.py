from django.urls import path

from newsletters import views, webhooks

app_name = "newsletters"

urlpatterns = [
    path("newsletters/", views.index, name="index"),
    path("newsletters/subscribe/", views.subscribe, name="subscribe"),
    path("newsletters/confirm/<str:token>/", views.confirm, name="confirm"),
    path("newsletters/manage/<str:token>/", views.manage, name="manage"),
    path("newsletters/unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path(
        "newsletters/webhooks/<slug:provider>/tracking/",
        webhooks.tracking_webhook,
        name="tracking_webhook",
    ),
    path("newsletters/<slug:slug>/", views.archive, name="archive"),
    path("newsletters/<slug:slug>/<int:pk>/", views.edition_detail, name="edition"),
]
