"""The configured providers (``NEWSROOM_EMBED_PROVIDERS``) and which one a link belongs to."""

import re
from dataclasses import dataclass
from functools import cache
from urllib.parse import quote

from django.conf import settings


@dataclass(frozen=True)
class Provider:
    name: str
    label: str
    kind: str
    patterns: tuple
    oembed: str
    frame: str
    frame_origins: tuple
    script: str
    script_origins: tuple

    @classmethod
    def from_setting(cls, entry):
        return cls(
            name=entry["name"],
            label=entry["label"],
            kind=entry.get("kind", "post"),
            patterns=tuple(re.compile(pattern) for pattern in entry["patterns"]),
            oembed=entry.get("oembed", ""),
            frame=entry.get("frame", ""),
            frame_origins=tuple(entry.get("frame_origins", ())),
            script=entry.get("script", ""),
            script_origins=tuple(entry.get("script_origins", ())),
        )

    def match(self, url):
        for pattern in self.patterns:
            found = pattern.fullmatch(url)
            if found:
                return found
        return None

    def frame_for(self, url):
        """The frame address this provider documents for ``url``; "" when it has none."""
        found = self.match(url)
        if not self.frame or found is None:
            return ""
        values = {name: quote(value, safe="/") for name, value in found.groupdict().items()}
        return self.frame.format(url=quote(url, safe=""), **values)

    def is_video(self):
        return self.kind == "video"


@cache
def _providers(entries):
    return tuple(Provider.from_setting(dict(entry)) for entry in entries)


def configured_providers():
    # Cached by the setting's contents, so tests that change the setting get their own list.
    entries = tuple(
        tuple((k, tuple(v) if isinstance(v, list) else v) for k, v in entry.items())
        for entry in settings.NEWSROOM_EMBED_PROVIDERS
    )
    return _providers(entries)


def provider_named(name):
    return next((p for p in configured_providers() if p.name == name), None)


def provider_for(url):
    """The provider whose pattern matches the whole of ``url``, or None."""
    return next((p for p in configured_providers() if p.match(url)), None)
