"""Settings for the newsroom, read from the environment (see .env.example and the README)."""

import os
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import dj_database_url
from csp.constants import NONE, SELF, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured
from django_prose_editor.config import html_tags
from environs import Env, EnvError
from js_asset import static_lazy
from marshmallow.validate import Range

from newsroom.editions import editions_from
from newsroom.embed_providers import EMBED_PROVIDERS, decorates_only

BASE_DIR = Path(__file__).resolve().parent.parent

# --- Environment -----------------------------------------------------------------------------
# Every value is checked when the process starts: a flag or number that cannot be read stops it
# with the variable's name, rather than quietly falling back to something less safe. A `.env`
# file beside manage.py is read when present; variables already in the environment win over it.
env = Env(eager=True)
TRUE_WORDS = frozenset({"true", "yes", "on", "1"})
FALSE_WORDS = frozenset({"false", "no", "off", "0"})


@env.parser_for("flag")
def parse_flag(value):
    word = str(value).strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise EnvError(f"{value!r} is not a yes/no value: use true, yes, on, 1 or false, no, off, 0")


def env_list(name, default):
    return [item.strip() for item in env.str(name, default).split(",") if item.strip()]


def env_count(name, default):
    """A whole number, zero or more."""
    return env.int(name, default, validate=Range(min=0))


ENV_FILE = Path(env.str("NEWSROOM_ENV_FILE", "") or BASE_DIR / ".env")
if "NEWSROOM_ENV_FILE" in os.environ and not ENV_FILE.exists():
    # Named on purpose, so its absence is a mistake, not "no .env here".
    raise ImproperlyConfigured(f"NEWSROOM_ENV_FILE names {ENV_FILE}, which does not exist.")
env.read_env(ENV_FILE, recurse=False, override=False)

# A missing variable must never make the site less safe: DEBUG is off unless asked for, and the
# throwaway key only exists in debug mode.
DEBUG = env.flag("DJANGO_DEBUG", False)
SECRET_KEY = env.str("DJANGO_SECRET_KEY", "") or ("dev-only-not-secret" if DEBUG else "")
if not SECRET_KEY:
    raise ImproperlyConfigured(
        "DJANGO_SECRET_KEY must be set when DEBUG is off (set DJANGO_DEBUG=1 for development)."
    )
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", "")
VAR_DIR = Path(env.str("NEWSROOM_VAR_DIR", "") or BASE_DIR / "var")
DATABASE_URL = env.str("DATABASE_URL", "") or f"sqlite:///{VAR_DIR / 'db.sqlite3'}"
REDIS_URL = env.str("REDIS_URL", "")
MEDIA_ROOT = Path(env.str("NEWSROOM_MEDIA_ROOT", "") or VAR_DIR / "uploads")
TIME_ZONE = env.str("NEWSROOM_TIME_ZONE", "Europe/Kyiv")
# Site identity, used by page metadata, feeds, sitemaps and structured data.
SITE_NAME = env.str("NEWSROOM_SITE_NAME", "The Newsroom")
SITE_DESCRIPTION = env.str("NEWSROOM_SITE_DESCRIPTION", "Independent news, reporting and analysis.")
# The canonical origin (e.g. https://news.example.org); empty uses the request's own host.
SITE_URL = env.str("NEWSROOM_SITE_URL", "").rstrip("/")
# The editions, by language code: the first is the default, served at unprefixed addresses;
# each other one lives under its own prefix (/uk/...). See website/editions.py.
if "NEWSROOM_SITE_LANGUAGE" in os.environ and "NEWSROOM_LANGUAGES" not in os.environ:
    raise ImproperlyConfigured(
        "NEWSROOM_SITE_LANGUAGE is now NEWSROOM_LANGUAGES (a comma-separated list of language "
        "codes, the default first): rename it."
    )
EDITION_LANGUAGES = env_list("NEWSROOM_LANGUAGES", "en")
# Static paths (under static/) or absolute URLs.
SITE_LOGO = env.str("NEWSROOM_SITE_LOGO", "img/logo.png")
SITE_DEFAULT_SHARE_IMAGE = env.str("NEWSROOM_DEFAULT_SHARE_IMAGE", "img/share-default.png")
SITE_X_HANDLE = env.str("NEWSROOM_X_HANDLE", "").lstrip("@")
SITE_SOCIAL_URLS = env_list("NEWSROOM_SOCIAL_URLS", "")
# Behind a TLS-terminating proxy, HTTPS is on unless explicitly turned off for plain-HTTP serving.
HTTPS = env.flag("NEWSROOM_HTTPS", not DEBUG)
HSTS_SECONDS = env_count("NEWSROOM_HSTS_SECONDS", 60 * 60 * 24 * 365)
# Uploads are checked by media.validators; anything larger is refused before it reaches Pillow.
NEWSROOM_MAX_UPLOAD_BYTES = env.int(
    "NEWSROOM_MAX_UPLOAD_BYTES", 15 * 1024 * 1024, validate=Range(min=1)
)
# Pictures are decoded when saved (renditions are made then): this bounds the memory one takes.
NEWSROOM_MAX_UPLOAD_PIXELS = env.int(
    "NEWSROOM_MAX_UPLOAD_PIXELS", 50_000_000, validate=Range(min=1)
)
# One machine serves its own uploads; turn off when a CDN or object storage serves MEDIA_URL.
NEWSROOM_SERVE_MEDIA = env.flag("NEWSROOM_SERVE_MEDIA", True)
MEDIA_URL = env.str("NEWSROOM_MEDIA_URL", "/media/")
# The Content-Security-Policy is reported, not enforced, while this is on (trying out a change).
NEWSROOM_CSP_REPORT_ONLY = env.flag("NEWSROOM_CSP_REPORT_ONLY", False)
# Where browsers send reports of what the policy blocked (optional).
NEWSROOM_CSP_REPORT_URI = env.str("NEWSROOM_CSP_REPORT_URI", "")
LOG_LEVEL = env.str("NEWSROOM_LOG_LEVEL", "INFO")

# --- Applications ----------------------------------------------------------------------------
INSTALLED_APPS = [
    # The desk's admin site (sign-in with a second factor) in place of django.contrib.admin.
    "desk.apps.DeskAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    # django-taggit, under the name the desk shows ("Tags").
    "articles.apps.TagsConfig",
    "reversion",
    "django_prose_editor",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    # The task queue, a table in our own database, and the email providers' backends.
    "django_tasks",
    "django_tasks_db",
    "anymail",
    # Ours, from the bottom up: each app imports only those above it in this list.
    "delivery",
    "website",
    "desk",
    "media",
    "authors",
    # Below articles: a story's links to known providers, resolved in the worker.
    "embeds",
    "articles",
    "live",
    "frontpage",
    # Above the front page: a digest starts from its placed stories.
    "newsletters",
    # The demo newsroom (load_demo) fills every app above and is imported by none of them.
    "demo",
]

MIDDLEWARE = [
    # Outermost, so that its one line per request times everything below it.
    "website.request_log.RequestLogMiddleware",
    # The edition's language, from the address alone, for every page made below, error pages
    # included; it sends no Vary, so one address is one page for the caches.
    "website.editions.EditionMiddleware",
    # Before SecurityMiddleware, so that even the bad-request page it answers carries the policy
    # and the other security headers.
    "website.security.ContentSecurityPolicyMiddleware",
    "website.security.SecurityHeadersMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Readers' pages answer GET and HEAD only, before any session or query is touched.
    "website.read_only.ReadOnlySiteMiddleware",
    # Directly after SecurityMiddleware, as whitenoise asks: static files skip everything below.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Above compression (hits are stored compressed) and sessions (a hit never loads one).
    "delivery.middleware.PageCacheMiddleware",
    # Pages are compressed here; static files come precompressed from whitenoise above. Django
    # masks CSRF tokens per response, which is what keeps compression safe from BREACH.
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Load balancers probe /healthz at an instance's IP address, a host the site does not serve.
    "website.health.HealthProbeMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # The desk: the second factor is known once the user is, then idle sessions end, then an
    # editor without an authenticator app is sent to set one up.
    "django_otp.middleware.OTPMiddleware",
    "desk.sessions.DeskSessionExpiryMiddleware",
    "desk.second_factor.SecondFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: it turns a refused login into the lockout page.
    "axes.middleware.AxesMiddleware",
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
                "website.context_processors.site",
                "articles.context_processors.navigation",
                "frontpage.context_processors.breaking_banner",
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

# --- The desk's row locks on SQLite ----------------------------------------------------------
# SQLite has no SELECT ... FOR UPDATE. Beginning every transaction IMMEDIATE takes its write lock
# at BEGIN, so two desk services (articles/publishing.py) run one after the other there too,
# as their row locks make them do on PostgreSQL. See "Workflow rules" in docs/desk.md.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {})["transaction_mode"] = "IMMEDIATE"

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

# --- Delivery: the page cache and the edge caches (docs/caching.md) ------------------------
# NEWSROOM_PAGE_CACHE=0 turns the page cache off and tells shared caches not to keep pages.
NEWSROOM_PAGE_CACHE = env.flag("NEWSROOM_PAGE_CACHE", True)
NEWSROOM_PAGE_CACHE_ALIAS = "default"
NEWSROOM_PAGE_CACHE_SECONDS = env_count("NEWSROOM_PAGE_CACHE_SECONDS", 600)
NEWSROOM_PAGE_CACHE_SEARCH_SECONDS = env_count("NEWSROOM_PAGE_CACHE_SEARCH_SECONDS", 60)
# Pages with a cursor, page number or search stored per minute (per process without Redis).
NEWSROOM_PAGE_CACHE_QUERY_BUDGET = env_count("NEWSROOM_PAGE_CACHE_QUERY_BUDGET", 600)
NEWSROOM_STALE_WHILE_REVALIDATE_SECONDS = 30
NEWSROOM_STALE_IF_ERROR_SECONDS = 60 * 60 * 24
# Comma-separated edge caches to purge by key after each change, e.g. http://127.0.0.1:6081/
NEWSROOM_EDGE_PURGE_URLS = env_list("NEWSROOM_EDGE_PURGE_URLS", "")
NEWSROOM_EDGE_PURGE_ATTEMPTS = env_count("NEWSROOM_EDGE_PURGE_ATTEMPTS", 3)
NEWSROOM_EDGE_PURGE_TIMEOUT_SECONDS = env.float("NEWSROOM_EDGE_PURGE_TIMEOUT", 2)
NEWSROOM_EDGE_PURGE_BACKOFF_SECONDS = 0.5
# --- Live coverage (docs/desk.md, "Live coverage") ---------------------------------------
# Seconds between a reader's checks for new updates, unless the story's console sets its own.
NEWSROOM_LIVE_POLL_SECONDS = env_count("NEWSROOM_LIVE_POLL_SECONDS", 15)
# --- Newsletters, mail and the worker (docs/newsletters.md) ---------------------------------
# EMAIL_URL says where mail goes: smtp://user:password@host:port (smtp+tls:// for STARTTLS,
# smtp+ssl:// for TLS from the first byte), anymail://mailgun (or another provider
# django-anymail knows, with its ANYMAIL_* variables), file:///path or console://. Without it,
# DEBUG writes mail to files under var/mail/; with DEBUG off nothing is sent and the desk, the
# sign-up form and the command say why (newsletters/mail.py): a forgotten setting never loses
# mail quietly.
EMAIL_URL = env.str("EMAIL_URL", "")
EMAIL_TIMEOUT = env.int("NEWSROOM_EMAIL_TIMEOUT", 30, validate=Range(min=1))
ANYMAIL = {
    name.removeprefix("ANYMAIL_"): value
    for name, value in os.environ.items()
    if name.startswith("ANYMAIL_") and value
}
NEWSROOM_EMAIL_PROVIDER = ""


def configure_email(url):
    """Django's email settings for EMAIL_URL; anything unreadable stops the start."""
    if not url:
        if DEBUG:
            return {
                "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
                "EMAIL_FILE_PATH": str(VAR_DIR / "mail"),
            }
        return {"EMAIL_BACKEND": "newsletters.mail.UnconfiguredBackend"}
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme in ("smtp", "smtp+tls", "smtp+ssl"):
        if not parts.hostname:
            raise ImproperlyConfigured(f"EMAIL_URL {scheme}:// needs a host, e.g. smtp://mail:25")
        try:
            port = parts.port
        except ValueError as error:
            raise ImproperlyConfigured(f"EMAIL_URL has an unreadable port: {error}") from None
        default_port = {"smtp": 25, "smtp+tls": 587, "smtp+ssl": 465}[scheme]
        return {
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": parts.hostname,
            "EMAIL_PORT": port or default_port,
            "EMAIL_HOST_USER": unquote(parts.username or ""),
            "EMAIL_HOST_PASSWORD": unquote(parts.password or ""),
            "EMAIL_USE_TLS": scheme == "smtp+tls",
            "EMAIL_USE_SSL": scheme == "smtp+ssl",
        }
    if scheme == "anymail":
        provider = (parts.hostname or "").replace("-", "_")
        if not re.fullmatch(r"[a-z_]+", provider):
            raise ImproperlyConfigured(
                "EMAIL_URL anymail:// names a provider, e.g. anymail://mailgun"
            )
        return {
            "EMAIL_BACKEND": f"anymail.backends.{provider}.EmailBackend",
            "NEWSROOM_EMAIL_PROVIDER": provider,
        }
    if scheme == "file":
        return {
            "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "EMAIL_FILE_PATH": unquote(parts.netloc + parts.path) or str(VAR_DIR / "mail"),
        }
    if scheme == "console":
        return {"EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"}
    raise ImproperlyConfigured(
        f"EMAIL_URL {url.split(':', 1)[0]!r} is not a mail scheme: use smtp://, smtp+tls://, "
        "smtp+ssl://, anymail://PROVIDER, file:// or console://"
    )


globals().update(configure_email(EMAIL_URL))
# Whether newsletters may be sent at all: an address to send through, or development's files.
NEWSROOM_MAIL_CONFIGURED = bool(EMAIL_URL) or DEBUG
# The queue is a table in this database (django-tasks-db): no other service, and any number of
# workers on any number of machines share it (`manage.py db_worker`, `make worker`).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# Messages one task hands to the mail server before the next task takes over, and how many
# tasks of one edition may run at once (one per worker at most is useful).
NEWSROOM_NEWSLETTER_BATCH_SIZE = env.int(
    "NEWSROOM_NEWSLETTER_BATCH_SIZE", 200, validate=Range(min=1, max=5000)
)
NEWSROOM_NEWSLETTER_PARALLEL_BATCHES = env.int(
    "NEWSROOM_NEWSLETTER_PARALLEL_BATCHES", 4, validate=Range(min=1, max=64)
)
# A worker's claim on a batch lasts this long unless renewed while it works; a claim of a
# worker that died is taken over after it (longer than one message can take: EMAIL_TIMEOUT).
NEWSROOM_NEWSLETTER_LEASE_SECONDS = env.int(
    "NEWSROOM_NEWSLETTER_LEASE_SECONDS", 120, validate=Range(min=1)
)
# Temporary failures are tried again after these many minutes, then the address has failed.
NEWSROOM_NEWSLETTER_RETRY_MINUTES = env_list("NEWSROOM_NEWSLETTER_RETRY_MINUTES", "1,5,30,120")
if not all(minutes.isdigit() for minutes in NEWSROOM_NEWSLETTER_RETRY_MINUTES):
    raise ImproperlyConfigured("NEWSROOM_NEWSLETTER_RETRY_MINUTES: whole minutes, e.g. 1,5,30,120")
NEWSROOM_NEWSLETTER_RETRY_MINUTES = [int(m) for m in NEWSROOM_NEWSLETTER_RETRY_MINUTES]
# Sign-ups: per client address per hour (then 429), and confirmation emails per address a day.
NEWSROOM_NEWSLETTER_SIGNUPS_PER_CLIENT = env.int(
    "NEWSROOM_NEWSLETTER_SIGNUPS_PER_CLIENT", 20, validate=Range(min=1)
)
NEWSROOM_NEWSLETTER_EMAILS_PER_ADDRESS = env.int(
    "NEWSROOM_NEWSLETTER_EMAILS_PER_ADDRESS", 3, validate=Range(min=1)
)
if REDIS_URL:
    # A Redis that is down must cost a reader milliseconds, not a hung worker.
    CACHES["default"]["OPTIONS"] = {"socket_connect_timeout": 0.5, "socket_timeout": 0.5}
else:
    CACHES["default"]["OPTIONS"] = {"MAX_ENTRIES": 5000}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Locale ----------------------------------------------------------------------------------
LANGUAGES = editions_from(EDITION_LANGUAGES)
LANGUAGE_CODE = LANGUAGES[0][0]
# The language of a page that has no edition of its own (the desk, feeds of the whole site).
SITE_LANGUAGE = LANGUAGE_CODE
USE_I18N = True
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_TZ = True
# Dates typed and shown the way the site's language writes them; plain "en" is day first
# (01/02/2027 is 1 February), as a newsroom in Kyiv or London means it. ISO is always accepted.
FORMAT_MODULE_PATH = ["website.formats"]
# The reader site's words in other languages (docs/editions.md, "Words and catalogues").
LOCALE_PATHS = [BASE_DIR / "locale"]

# --- Files -----------------------------------------------------------------------------------
STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_PERMISSIONS = 0o644

# The body editor's own extensions (articles/admin/widgets.py): the gallery block writes the
# form media/galleries.py describes, which articles/sanitizer.py keeps; a paragraph holding only
# a provider's link is drawn as an embed block, which adds no markup.
DJANGO_PROSE_EDITOR_EXTENSIONS = [
    {
        "js": [static_lazy("admin-desk/gallery-editor.js")],
        "extensions": {
            "Gallery": html_tags(
                ["figure", "figcaption"], {"figure": ["data-gallery", "data-image"]}
            )
        },
    },
    {
        "js": [static_lazy("admin-desk/embed-blocks.js")],
        "extensions": {"EmbedLinks": decorates_only},
    },
]

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
    SECURE_HSTS_SECONDS = HSTS_SECONDS
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
# Health checks come over plain HTTP from the load balancer.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
# Browser features a news site never uses, denied to every page (website.security); only names
# today's browsers know: an unknown one is a console warning on every page.
NEWSROOM_PERMISSIONS_POLICY_DENIED = [
    "accelerometer",
    "browsing-topics",
    "camera",
    "display-capture",
    "geolocation",
    "gyroscope",
    "hid",
    "idle-detection",
    "interest-cohort",
    "magnetometer",
    "microphone",
    "midi",
    "payment",
    "serial",
    "usb",
    "xr-spatial-tracking",
]


# Content-Security-Policy (website.security). Uploads and static files may live on another
# origin (a CDN); images come from there too. The inline stylesheet and script of reader pages
# are added by their sha256 hashes, the desk's editor import map by its own.
def url_origin(url):
    parts = urlsplit(url)
    return [f"{parts.scheme}://{parts.netloc}"] if parts.scheme and parts.netloc else []


IMAGE_SOURCES = [SELF, "data:", *url_origin(MEDIA_URL), *url_origin(STATIC_URL)]
NEWSROOM_CSP = {
    "default-src": [SELF],
    "script-src": [SELF],
    "style-src": [SELF],
    "img-src": IMAGE_SOURCES,
    # The typeface is one of our static files, which may live on a CDN.
    "font-src": [SELF, *url_origin(STATIC_URL)],
    "object-src": [NONE],
    "base-uri": [NONE],
    "frame-ancestors": [NONE],
    "form-action": [SELF],
    "upgrade-insecure-requests": HTTPS,
    "report-uri": NEWSROOM_CSP_REPORT_URI or None,
}
# The desk's editor injects its stylesheet at run time; inline styles cannot run code.
NEWSROOM_CSP_DESK = {
    **NEWSROOM_CSP,
    "style-src": [SELF, UNSAFE_INLINE],
    "img-src": [*IMAGE_SOURCES, "blob:"],
}
NEWSROOM_CSP_DESK_PREFIXES = ["/admin/"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
}

# --- Desk accounts: login throttling, second factor, session lifetimes ------------------------
AUTHENTICATION_BACKENDS = [
    "desk.backends.LoginThrottlingBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# A login is locked after this many failures, for the account and for the address alike, until
# the lockout ends or `manage.py axes_reset_username NAME` / `axes_reset_ip ADDRESS` lifts it.
AXES_FAILURE_LIMIT = env_count("NEWSROOM_LOGIN_FAILURE_LIMIT", 5)
# A float is read by django-axes as hours.
AXES_COOLOFF_TIME = env_count("NEWSROOM_LOGIN_LOCKOUT_MINUTES", 15) / 60
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "desk.views.lockout_response"
AXES_VERBOSE = False  # lockouts are still logged; not every start and every login
AXES_CLIENT_IP_CALLABLE = "desk.client_ip.client_ip_address"
# How many proxies of ours append to X-Forwarded-For; 0 trusts none and counts REMOTE_ADDR.
NEWSROOM_TRUSTED_PROXY_COUNT = env_count("NEWSROOM_TRUSTED_PROXY_COUNT", 0)
# Editors (and superusers) reach nothing on the desk but setting up their authenticator app until
# they have one. On unless DEBUG is, so `make run`'s demo logins work without a phone.
NEWSROOM_REQUIRE_2FA_FOR_EDITORS = env.flag("NEWSROOM_REQUIRE_2FA_FOR_EDITORS", not DEBUG)
NEWSROOM_EDITOR_GROUPS = ["Editors"]
OTP_TOTP_ISSUER = SITE_NAME
# Desk sessions end after this long without a request, and this long after signing in.
NEWSROOM_DESK_IDLE_MINUTES = env_count("NEWSROOM_DESK_IDLE_MINUTES", 120)
NEWSROOM_DESK_SESSION_HOURS = env_count("NEWSROOM_DESK_SESSION_HOURS", 12)
SESSION_COOKIE_AGE = NEWSROOM_DESK_SESSION_HOURS * 3600
# Images in article bodies come from our media/static URLs, or from these hosts (comma-separated).
NEWSROOM_BODY_IMAGE_HOSTS = env_list("NEWSROOM_BODY_IMAGE_HOSTS", "")
# --- Embeds (embeds/, docs/embeds.md) ---------------------------------------------------------
# The providers whose links become embeds, by name (newsroom/embed_providers.py lists them all).
NEWSROOM_EMBED_PROVIDERS = [
    provider
    for provider in EMBED_PROVIDERS
    if provider["name"]
    in env_list(
        "NEWSROOM_EMBED_PROVIDERS",
        ",".join(provider["name"] for provider in EMBED_PROVIDERS),
    )
]
# The resolver's limits: seconds per request (connect and each read), bytes of an oEmbed answer
# and of a thumbnail, and redirects followed (each checked like the first address).
NEWSROOM_EMBED_TIMEOUT_SECONDS = env.float("NEWSROOM_EMBED_TIMEOUT_SECONDS", 5.0)
NEWSROOM_EMBED_MAX_RESPONSE_BYTES = env.int(
    "NEWSROOM_EMBED_MAX_RESPONSE_BYTES", 512 * 1024, validate=Range(min=1)
)
NEWSROOM_EMBED_MAX_THUMBNAIL_BYTES = env.int(
    "NEWSROOM_EMBED_MAX_THUMBNAIL_BYTES", 5 * 1024 * 1024, validate=Range(min=1)
)
NEWSROOM_EMBED_MAX_REDIRECTS = env_count("NEWSROOM_EMBED_MAX_REDIRECTS", 3)
# Networks the resolver may reach although they are private (a proxy of ours, a test server);
# empty in production: private, loopback, link-local and reserved addresses are refused.
NEWSROOM_EMBED_ALLOWED_NETWORKS = env_list("NEWSROOM_EMBED_ALLOWED_NETWORKS", "")
# --- Operations: request log, outages, error reporting ---------------------------------------
# One line per request from the outermost middleware (MIDDLEWARE). Django's own 4xx warnings
# would repeat that line; reader mistakes keep their message but lose the traceback.
LOGGING.setdefault("filters", {})["no_client_error_tracebacks"] = {
    "()": "website.request_log.NoTracebackForClientErrors"
}
LOGGING["handlers"]["console"].setdefault("filters", []).append("no_client_error_tracebacks")
LOGGING.setdefault("loggers", {}).update(
    {
        "django.request": {"level": "ERROR"},
        "website.requests": {"level": env.str("NEWSROOM_REQUEST_LOG_LEVEL", "INFO")},
    }
)
# Errors go to Sentry only when a DSN is given; nothing about readers (IPs, cookies) is sent.
SENTRY_DSN = env.str("SENTRY_DSN", "")
SENTRY_ENVIRONMENT = env.str("SENTRY_ENVIRONMENT", "production")
SENTRY_TRACES_SAMPLE_RATE = env.float("SENTRY_TRACES_SAMPLE_RATE", 0)
if SENTRY_DSN:
    import sentry_sdk

    sentry_sdk.init(
        dsn=SENTRY_DSN,
        environment=SENTRY_ENVIRONMENT,
        release=env.str("SENTRY_RELEASE", "") or None,
        traces_sample_rate=SENTRY_TRACES_SAMPLE_RATE,
        send_default_pii=False,
        # A frame's local variables can hold a reader's session key or cookie: never sent.
        include_local_variables=False,
    )
