"""The demo's embeds: links in the seed story's siblings, stored as resolved, no network.

Each embed paragraph is put into its story's body after the paragraph the data file names, and
its Embed row is written as the worker would have written it, with a thumbnail drawn here by
Pillow (a video still, a chart, a post card). Loading again finds the same rows and pictures.
"""

import io
import random
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont

from articles.models.text import top_level_paragraph_ends
from demo import datafiles
from embeds.models import Embed
from embeds.providers import provider_named
from media.models import Image

THUMBNAIL_SIZE = (1280, 720)


@dataclass(frozen=True)
class PictureSpec:
    kind: str
    sky: tuple[int, ...]
    ground: tuple[int, ...]
    words: str


@dataclass(frozen=True)
class EmbedSpec:
    story: str
    after_paragraph: int
    url: str
    provider: str
    title: str
    author_name: str
    height: int
    picture: PictureSpec


@dataclass(frozen=True)
class EmbedsFile:
    embeds: tuple[EmbedSpec, ...]


EMBEDS = datafiles.read("embeds.json", EmbedsFile).embeds


def add_demo_embeds(*, stories):
    for name, story in stories.items():
        specs = [spec for spec in EMBEDS if spec.story == name]
        if not specs:
            continue
        body = story.body
        for spec in sorted(specs, key=lambda spec: -spec.after_paragraph):
            ends = top_level_paragraph_ends(body)
            cut = ends[min(spec.after_paragraph, len(ends)) - 1] if ends else len(body)
            body = body[:cut] + f'<p><a href="{spec.url}">{spec.url}</a></p>' + body[cut:]
            ensure_embed(spec)
        if body != story.body:
            story.body = body
            story.save()


def ensure_embed(spec):
    provider = provider_named(spec.provider)
    image = Image.objects.filter(alt_text=spec.title, credit=spec.author_name).first()
    if image is None or not image.file or not image.file.storage.exists(image.file.name):
        image = image or Image(alt_text=spec.title, credit=spec.author_name)
        data = thumbnail(spec.picture, spec.url)
        # ImageField reads the width and height from the content only when it has a name.
        image.file.save("embed-thumbnail.jpg", ContentFile(data, name="t.jpg"), save=False)
        image.save()
    image.make_renditions()
    Embed.objects.update_or_create(
        url=spec.url,
        defaults={
            "provider": spec.provider,
            "status": Embed.Status.RESOLVED,
            "title": spec.title,
            "author_name": spec.author_name,
            "thumbnail": image,
            "frame_url": provider.frame_for(spec.url) if provider else "",
            "height": spec.height or None,
            "error": "",
            "claimed_at": None,
            "resolved_at": timezone.now(),
        },
    )


def thumbnail(spec, seed):
    rng = random.Random(seed)
    picture = PILImage.new("RGB", THUMBNAIL_SIZE, tuple(spec.sky))
    draw = ImageDraw.Draw(picture)
    width, height = THUMBNAIL_SIZE
    font = ImageFont.load_default(size=54)
    if spec.kind == "video":
        for row in range(height // 2, height):
            shade = (row - height // 2) / (height // 2)
            color = tuple(
                int(a + (b - a) * shade) for a, b in zip(spec.sky, spec.ground, strict=True)
            )
            draw.line((0, row, width, row), fill=color)
        for x in range(0, width, 90):
            draw.rectangle((x + 8, 420, x + 80, 470), fill=(60, 60, 66))
        draw.ellipse((width / 2 - 70, height / 2 - 70, width / 2 + 70, height / 2 + 70),
                     fill=(230, 33, 23))  # fmt: skip
        draw.polygon([(width / 2 - 22, height / 2 - 36), (width / 2 - 22, height / 2 + 36),
                      (width / 2 + 40, height / 2)], fill=(255, 255, 255))  # fmt: skip
        draw.text((40, height - 80), spec.words, font=font, fill=(255, 255, 255))
    elif spec.kind == "chart":
        draw.text((60, 50), spec.words, font=font, fill=(22, 24, 29))
        values = [rng.randint(120, 520) for _ in range(6)]
        for index, value in enumerate(values):
            left = 90 + index * 190
            draw.rectangle((left, 640 - value, left + 120, 640), fill=tuple(spec.ground))
        draw.line((60, 642, width - 60, 642), fill=(22, 24, 29), width=3)
    else:
        draw.rounded_rectangle(
            (160, 90, width - 160, height - 90), radius=36, fill=tuple(spec.ground)
        )
        draw.ellipse((200, 130, 300, 230), fill=tuple(spec.sky))
        draw.text((330, 155), "newsroom_demo", font=font, fill=(22, 24, 29))
        for line in range(5):
            right = width - 200 - rng.randint(0, 300)
            draw.rectangle((200, 290 + line * 60, right, 320 + line * 60), fill=(210, 214, 220))
        draw.text((200, height - 180), spec.words, font=font, fill=(74, 80, 92))
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", quality=88)
    return buffer.getvalue()
