from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from media.renditions import SHARE_WIDTH, SOCIAL_CARD, file_url, get_rendition, widths_for

register = template.Library()


def srcset(image, specs, image_format):
    # The stored rendition's own size, which already reflects EXIF rotation. A crop of a small
    # picture can give two specs the same width; browsers drop a srcset that repeats a width.
    urls_by_width = {}
    for spec in specs:
        rendition = get_rendition(image, spec, image_format)
        urls_by_width.setdefault(rendition.width, file_url(rendition.file))
    return ", ".join(f"{url} {width}w" for width, url in urls_by_width.items())


@register.simple_tag
def picture(image, sizes="100vw", crop="", max_width=0, loading="lazy", css_class=""):
    """A ``<picture>`` with WebP and JPEG renditions, sized so the page never jumps.

    ``crop`` is a shape such as "16x9"; ``max_width`` caps the widths offered (a thumbnail
    needs no 1600-px file). The lead image passes ``loading="eager"``.
    """
    if image is None or not image.file:
        return ""
    widths = [w for w in widths_for(image) if not max_width or w <= max_width] or [
        min(widths_for(image))
    ]
    prefix = f"{crop}-" if crop else ""
    specs = [f"{prefix}w{width}" for width in widths]
    largest = get_rendition(image, specs[-1], "jpeg")
    fallback = get_rendition(image, specs[min(1, len(specs) - 1)], "jpeg")
    priority = mark_safe(' fetchpriority="high"') if loading == "eager" else ""
    return format_html(
        '<picture><source type="image/webp" srcset="{}" sizes="{}">'
        '<img src="{}" srcset="{}" sizes="{}" alt="{}" width="{}" height="{}" '
        'loading="{}" decoding="async"{}{}></picture>',
        srcset(image, specs, "webp"),
        sizes,
        file_url(fallback.file),
        srcset(image, specs, "jpeg"),
        sizes,
        image.alt_text,
        largest.width,
        largest.height,
        loading,
        format_html(' class="{}"', css_class) if css_class else "",
        priority,
    )


@register.simple_tag
def rendition(image, spec_name=f"w{SHARE_WIDTH}", image_format="jpeg"):
    """A stored rendition for metadata (``og:image``, JSON-LD): use its ``file.url``, size."""
    if image is None or not image.file:
        return None
    return get_rendition(image, spec_name, image_format)


@register.simple_tag
def social_card(image):
    """The 1.91:1 card cut around the focal point that a shared link shows (og:image)."""
    return rendition(image, SOCIAL_CARD)
