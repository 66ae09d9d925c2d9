"""The provider list is read once at start: a broken pattern stops the site with its name."""

import re

from django.conf import settings
from django.core.checks import Error, register

REQUIRED = ("name", "label", "patterns")


@register()
def check_embed_providers(app_configs, **kwargs):
    errors = []
    for index, entry in enumerate(settings.NEWSROOM_EMBED_PROVIDERS):
        missing = [name for name in REQUIRED if not entry.get(name)]
        if missing:
            errors.append(
                Error(f"Embed provider #{index} lacks {', '.join(missing)}.", id="embeds.E001")
            )
            continue
        for pattern in entry["patterns"]:
            try:
                re.compile(pattern)
            except re.error as error:
                errors.append(
                    Error(
                        f"Embed provider {entry['name']}: bad pattern {pattern!r}: {error}",
                        id="embeds.E002",
                    )
                )
        for origin in [*entry.get("frame_origins", ()), *entry.get("script_origins", ())]:
            if not re.fullmatch(r"https://[a-z0-9.-]+(?::\d+)?", origin):
                errors.append(
                    Error(
                        f"Embed provider {entry['name']}: {origin!r} is not an https origin.",
                        id="embeds.E003",
                    )
                )
    return errors
