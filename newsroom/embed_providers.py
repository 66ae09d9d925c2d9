"""The embed providers the site knows (``NEWSROOM_EMBED_PROVIDERS`` picks among them by name).

Each says which links are its posts (``patterns``, matched against the whole address), where
its oEmbed answers (``oembed``; empty where it has none without an access token), the frame it
is shown in (``frame``: a template filled from the pattern's named groups and ``url``; without
one, the frame named by the oEmbed answer, if it lies on one of ``frame_origins``), and, for a
provider shown by its own script (X), that script. The origins are what the Content-Security-
Policy allows, on pages with one of its embeds only.
"""


def decorates_only(config, shared):
    """The body editor's ``EmbedLinks`` extension draws embed blocks and adds no markup, so it
    asks nothing of the editor's sanitiser (django-prose-editor calls this to ask)."""


EMBED_PROVIDERS = [
    {
        "name": "youtube",
        "label": "YouTube",
        "kind": "video",
        "patterns": [
            r"https://(?:www\.|m\.)?youtube\.com/watch\?v=(?P<id>[\w-]{11})(?:&[^\s\"<>]*)?",
            r"https://youtu\.be/(?P<id>[\w-]{11})(?:\?[^\s\"<>]*)?",
            r"https://(?:www\.)?youtube\.com/shorts/(?P<id>[\w-]{11})",
        ],
        "oembed": "https://www.youtube.com/oembed",
        # The privacy-enhanced host sets no cookie until the reader plays the video.
        "frame": "https://www.youtube-nocookie.com/embed/{id}",
        "frame_origins": ["https://www.youtube-nocookie.com"],
        "script": "",
        "script_origins": [],
    },
    {
        "name": "vimeo",
        "label": "Vimeo",
        "kind": "video",
        "patterns": [r"https://(?:www\.)?vimeo\.com/(?P<id>\d+)/?"],
        "oembed": "https://vimeo.com/api/oembed.json",
        "frame": "https://player.vimeo.com/video/{id}?dnt=1",
        "frame_origins": ["https://player.vimeo.com"],
        "script": "",
        "script_origins": [],
    },
    {
        "name": "x",
        "label": "X",
        "kind": "post",
        "patterns": [r"https://(?:www\.)?(?:x|twitter)\.com/(?P<user>\w{1,15})/status/(?P<id>\d+)"],
        "oembed": "https://publish.twitter.com/oembed",
        "frame": "",
        "frame_origins": ["https://platform.twitter.com"],
        "script": "https://platform.twitter.com/widgets.js",
        "script_origins": ["https://platform.twitter.com"],
    },
    {
        "name": "telegram",
        "label": "Telegram",
        "kind": "post",
        "patterns": [r"https://t\.me/(?P<post>[A-Za-z][\w]{3,31}/\d+)/?"],
        # Telegram has no oEmbed; its documented embed is this page in a frame.
        "oembed": "",
        "frame": "https://t.me/{post}?embed=1",
        "frame_origins": ["https://t.me"],
        "script": "",
        "script_origins": [],
    },
    {
        "name": "instagram",
        "label": "Instagram",
        "kind": "post",
        "patterns": [r"https://(?:www\.)?instagram\.com/(?:p|reel)/(?P<id>[\w-]+)/?"],
        # Meta's oEmbed needs an app token; the documented embed page needs none.
        "oembed": "",
        "frame": "https://www.instagram.com/p/{id}/embed/",
        "frame_origins": ["https://www.instagram.com"],
        "script": "",
        "script_origins": [],
    },
    {
        "name": "facebook",
        "label": "Facebook",
        "kind": "post",
        "patterns": [
            r"https://(?:www\.)?facebook\.com/[\w.-]+/(?:posts|videos)/[\w.-]+/?",
        ],
        "oembed": "",
        "frame": "https://www.facebook.com/plugins/post.php?href={url}",
        "frame_origins": ["https://www.facebook.com"],
        "script": "",
        "script_origins": [],
    },
    {
        "name": "tiktok",
        "label": "TikTok",
        "kind": "video",
        "patterns": [r"https://(?:www\.)?tiktok\.com/@[\w.-]+/video/(?P<id>\d+)"],
        "oembed": "https://www.tiktok.com/oembed",
        "frame": "https://www.tiktok.com/embed/v2/{id}",
        "frame_origins": ["https://www.tiktok.com"],
        "script": "",
        "script_origins": [],
    },
    {
        "name": "soundcloud",
        "label": "SoundCloud",
        "kind": "audio",
        "patterns": [r"https://soundcloud\.com/[\w-]+/[\w-]+/?"],
        "oembed": "https://soundcloud.com/oembed",
        "frame": "",
        "frame_origins": ["https://w.soundcloud.com"],
        "script": "",
        "script_origins": [],
    },
    {
        "name": "datawrapper",
        "label": "Datawrapper",
        "kind": "chart",
        "patterns": [r"https://datawrapper\.dwcdn\.net/(?P<id>\w{5})/(?:\d+/)?"],
        "oembed": "https://api.datawrapper.de/v3/oembed",
        "frame": "https://datawrapper.dwcdn.net/{id}/",
        "frame_origins": ["https://datawrapper.dwcdn.net"],
        "script": "",
        "script_origins": [],
    },
    {
        "name": "flourish",
        "label": "Flourish",
        "kind": "chart",
        "patterns": [r"https://public\.flourish\.studio/visualisation/(?P<id>\d+)/?"],
        "oembed": "https://app.flourish.studio/api/v1/oembed",
        "frame": "https://flo.uri.sh/visualisation/{id}/embed",
        "frame_origins": ["https://flo.uri.sh"],
        "script": "",
        "script_origins": [],
    },
]
