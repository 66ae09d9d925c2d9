from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.db import connection
from django.http import HttpResponse
from django.urls import include, path
from django.views.decorators.cache import never_cache

from media.views import serve_upload


@never_cache
def healthz(request):
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:  # Any database failure means this instance should leave the pool.
        return HttpResponse("database unreachable\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")


# A database outage answers 503 (website.outages); every other error the plain 500 page.
handler500 = "website.outages.server_error"

admin.site.site_header = f"{settings.SITE_NAME} — editorial desk"
admin.site.site_title = f"{settings.SITE_NAME} desk"
admin.site.index_title = "Desk"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("healthz", healthz, name="healthz"),
    path("", include("website.urls")),
]
# Every reader's page, once per edition: the default language's unprefixed, the others under
# their code (/uk/news/<slug>/). An unknown prefix matches nothing and answers 404.
urlpatterns += i18n_patterns(
    path("authors/", include("articles.author_urls")),
    path("", include("frontpage.urls")),
    path("", include("live.urls")),
    path("", include("newsletters.urls")),
    path("", include("articles.urls")),
    prefix_default_language=False,
)

if settings.NEWSROOM_SERVE_MEDIA:
    # Uploads are served by the app itself unless a CDN or object storage takes over.
    urlpatterns += [
        path(
            f"{settings.MEDIA_URL.strip('/')}/<path:path>",
            serve_upload,
        )
    ]
