"""JSON-LD for a page's embeds: each video it shows as a schema.org VideoObject."""

from media.renditions import SHARE_WIDTH, get_rendition
from website.identity import absolute_url


def video_objects(request, embeds):
    videos = []
    for embed in embeds:
        if not embed.provider_config.is_video():
            continue
        thumbnails = []
        if embed.thumbnail is not None and embed.thumbnail.file:
            rendition = get_rendition(embed.thumbnail, f"16x9-w{SHARE_WIDTH}", "jpeg")
            thumbnails.append(absolute_url(request, rendition.file.url))
        videos.append(
            {
                "@type": "VideoObject",
                "name": embed.title or embed.url,
                "url": embed.url,
                "embedUrl": embed.frame_url,
                "thumbnailUrl": thumbnails,
                "author": {"@type": "Person", "name": embed.author_name}
                if embed.author_name
                else None,
                "provider": {"@type": "Organization", "name": embed.provider_config.label},
            }
        )
    return videos
