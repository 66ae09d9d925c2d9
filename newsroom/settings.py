"""Settings for the newsroom, read from the environment (see .env.example and the README)."""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_list(name, default):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


# --- Environment -----------------------------------------------------------------------------
# A missing variable must never make the site less safe: DEBUG is off unless asked for, and the
# throwaway key only exists in debug mode.
DEBUG = os.environ.get("DJANGO_DEBUG") == "1"
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY") or ("dev-only-not-secret" if DEBUG else "")
if not SECRET_KEY:
    raise ImproperlyConfigured(
        "DJANGO_SECRET_KEY must be set when DEBUG is off (set DJANGO_DEBUG=1 for development)."
    )
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", "")
VAR_DIR = Path(os.environ.get("NEWSROOM_VAR_DIR", BASE_DIR / "var"))
DATABASE_URL = os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'db.sqlite3'}"
REDIS_URL = os.environ.get("REDIS_URL", "")
MEDIA_ROOT = Path(os.environ.get("NEWSROOM_MEDIA_ROOT", VAR_DIR / "uploads"))
TIME_ZONE = os.environ.get("NEWSROOM_TIME_ZONE", "Europe/Kyiv")
# Site identity, used by page metadata, feeds, sitemaps and structured data.
SITE_NAME = os.environ.get("NEWSROOM_SITE_NAME", "The Newsroom")
SITE_DESCRIPTION = os.environ.get(
    "NEWSROOM_SITE_DESCRIPTION", "Independent news, reporting and analysis."
)
# The canonical origin (e.g. https://news.example.org); empty uses the request's own host.
SITE_URL = os.environ.get("NEWSROOM_SITE_URL", "").rstrip("/")
SITE_LANGUAGE = os.environ.get("NEWSROOM_SITE_LANGUAGE", "en")
# Static paths (under static/) or absolute URLs.
SITE_LOGO = os.environ.get("NEWSROOM_SITE_LOGO", "img/logo.png")
SITE_DEFAULT_SHARE_IMAGE = os.environ.get("NEWSROOM_DEFAULT_SHARE_IMAGE", "img/share-default.png")
SITE_X_HANDLE = os.environ.get("NEWSROOM_X_HANDLE", "").lstrip("@")
SITE_SOCIAL_URLS = env_list("NEWSROOM_SOCIAL_URLS", "")
# Behind a TLS-terminating proxy, HTTPS is on unless explicitly turned off for plain-HTTP serving.
HTTPS = os.environ.get("NEWSROOM_HTTPS", "0" if DEBUG else "1") == "1"

# --- Applications ----------------------------------------------------------------------------
INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "taggit",
    "reversion",
    "django_prose_editor",
    "delivery",
    "website",
    "media",
    "authors",
    "articles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Pages are compressed here; static files come precompressed from whitenoise above. Django
    # masks CSRF tokens per response, which is what keeps compression safe from BREACH.
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "newsroom.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "articles.context_processors.site",
            ],
        },
    },
]

WSGI_APPLICATION = "newsroom.wsgi.application"

# --- Data ------------------------------------------------------------------------------------
DATABASES = {
    "default": dj_database_url.parse(DATABASE_URL, conn_max_age=60, conn_health_checks=True)
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "newsroom",
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Locale ----------------------------------------------------------------------------------
LANGUAGE_CODE = SITE_LANGUAGE
USE_I18N = True
USE_TZ = True

# --- Files -----------------------------------------------------------------------------------
STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Uploads are checked by media.validators; anything larger is refused before it reaches Pillow.
NEWSROOM_MAX_UPLOAD_BYTES = int(os.environ.get("NEWSROOM_MAX_UPLOAD_BYTES", 15 * 1024 * 1024))
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_PERMISSIONS = 0o644
# One machine serves its own uploads; turn off when a CDN or object storage serves MEDIA_URL.
NEWSROOM_SERVE_MEDIA = os.environ.get("NEWSROOM_SERVE_MEDIA", "1") == "1"
MEDIA_URL = os.environ.get("NEWSROOM_MEDIA_URL", "/media/")

# --- Security --------------------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
if HTTPS:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("NEWSROOM_HSTS_SECONDS", 60 * 60 * 24 * 365))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
# Health checks come over plain HTTP from the load balancer.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("NEWSROOM_LOG_LEVEL", "INFO")},
}

# --- Desk accounts: login throttling, second factor, session lifetimes ------------------------
# Kept together at the end: it adjusts the application and middleware lists above.
INSTALLED_APPS[INSTALLED_APPS.index("django.contrib.admin")] = "desk.apps.DeskAdminConfig"
INSTALLED_APPS += ["desk", "django_otp", "django_otp.plugins.otp_totp", "axes"]
MIDDLEWARE[MIDDLEWARE.index("django.contrib.messages.middleware.MessageMiddleware") + 1 : 0] = [
    "django_otp.middleware.OTPMiddleware",
    "desk.sessions.DeskSessionExpiryMiddleware",
    "desk.second_factor.SecondFactorMiddleware",
]
# Last, as django-axes asks: it turns a refused login into the lockout page.
MIDDLEWARE += ["axes.middleware.AxesMiddleware"]
AUTHENTICATION_BACKENDS = [
    "desk.backends.LoginThrottlingBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# A login is locked after this many failures, for the account and for the address alike, until
# the lockout ends or `manage.py axes_reset_username NAME` / `axes_reset_ip ADDRESS` lifts it.
AXES_FAILURE_LIMIT = int(os.environ.get("NEWSROOM_LOGIN_FAILURE_LIMIT", 5))
# A float is read by django-axes as hours.
AXES_COOLOFF_TIME = int(os.environ.get("NEWSROOM_LOGIN_LOCKOUT_MINUTES", 15)) / 60
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "desk.views.lockout_response"
AXES_VERBOSE = False  # lockouts are still logged; not every start and every login
AXES_CLIENT_IP_CALLABLE = "desk.client_ip.client_ip_address"
# How many proxies of ours append to X-Forwarded-For; 0 trusts none and counts REMOTE_ADDR.
NEWSROOM_TRUSTED_PROXY_COUNT = int(os.environ.get("NEWSROOM_TRUSTED_PROXY_COUNT", 0))
# Editors (and superusers) reach nothing on the desk but setting up their authenticator app until
# they have one. On unless DEBUG is, so `make run`'s demo logins work without a phone.
REQUIRE_2FA = os.environ.get("NEWSROOM_REQUIRE_2FA_FOR_EDITORS", "0" if DEBUG else "1")
if REQUIRE_2FA not in {"0", "1"}:
    # "true" or "yes" must not quietly mean off.
    raise ImproperlyConfigured("NEWSROOM_REQUIRE_2FA_FOR_EDITORS must be 0 or 1.")
NEWSROOM_REQUIRE_2FA_FOR_EDITORS = REQUIRE_2FA == "1"
NEWSROOM_EDITOR_GROUPS = ["Editors"]
OTP_TOTP_ISSUER = SITE_NAME
# Desk sessions end after this long without a request, and this long after signing in.
NEWSROOM_DESK_IDLE_MINUTES = int(os.environ.get("NEWSROOM_DESK_IDLE_MINUTES", 120))
NEWSROOM_DESK_SESSION_HOURS = int(os.environ.get("NEWSROOM_DESK_SESSION_HOURS", 12))
SESSION_COOKIE_AGE = NEWSROOM_DESK_SESSION_HOURS * 3600
# Images in article bodies come from our media/static URLs, or from these hosts (comma-separated).
NEWSROOM_BODY_IMAGE_HOSTS = env_list("NEWSROOM_BODY_IMAGE_HOSTS", "")
