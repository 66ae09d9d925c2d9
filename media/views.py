from django.conf import settings
from django.views.static import serve

# Upload names are random and never reused, so a file at a URL never changes.
ONE_YEAR = 60 * 60 * 24 * 365


def serve_upload(request, path):
    # Pictures are compressed already. Without this header GZipMiddleware sends the file as
    # stored, with its length, and the server can hand it to sendfile instead of recompressing
    # it on every request.
    request.META.pop("HTTP_ACCEPT_ENCODING", None)
    response = serve(request, path, document_root=settings.MEDIA_ROOT)
    response["Cache-Control"] = f"public, max-age={ONE_YEAR}, immutable"
    response["X-Content-Type-Options"] = "nosniff"
    return response
