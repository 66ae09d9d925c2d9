"""Pictures for the demo newsroom, drawn with Pillow so that loading the demo needs no network.

Each picture depends only on its arguments; the results are cached because the test suite loads
the demo many times in one process.
"""

import functools
import io
import math
import random

from PIL import Image, ImageDraw, ImageFilter, ImageFont

LANDSCAPE_SIZE = (1600, 900)
# Stored larger than drawn: structured data wants 1200-px square and 4:3 crops.
STORED_SIZE = (2400, 1350)
PORTRAIT_SIZE = (400, 400)
WHITE = (255, 255, 255)
BLACK = (0, 0, 0)
WARM_LIGHT = (255, 214, 140)


@functools.cache
def landscape(motif, sky, ground, seed):
    """A 2400×1350 JPEG: a sky-to-ground gradient with a simple scene drawn over it."""
    rng = random.Random(seed)
    picture = _gradient(LANDSCAPE_SIZE, sky, ground).convert("RGBA")
    MOTIFS[motif](picture, rng, sky, ground)
    return _jpeg(picture.resize(STORED_SIZE, Image.Resampling.LANCZOS))


@functools.cache
def portrait(initials, color):
    """A 400×400 JPEG avatar: the person's initials on a shaded background."""
    picture = _gradient(PORTRAIT_SIZE, _mix(color, WHITE, 0.2), _mix(color, BLACK, 0.35))
    draw = ImageDraw.Draw(picture)
    font = ImageFont.load_default(size=150)
    centre = (PORTRAIT_SIZE[0] // 2, PORTRAIT_SIZE[1] // 2 + 6)
    draw.text(centre, initials, font=font, anchor="mm", fill=_mix(WHITE, color, 0.08))
    return _jpeg(picture)


def _skyline(picture, rng, sky, ground, *, horizon=0.72, lit_windows=0.14):
    width, height = picture.size
    _glow(picture, (rng.randint(width // 4, 3 * width // 4), int(height * horizon)), 420, ground)
    layer, draw = _layer(picture)
    silhouette = _mix(sky, BLACK, 0.55)
    x = -rng.randint(0, 60)
    while x < width:
        block_width = rng.randint(70, 190)
        top = int(height * horizon) - rng.randint(90, 420)
        draw.rectangle((x, top, x + block_width, height), fill=(*silhouette, 255))
        for window_y in range(top + 18, height - 20, 34):
            for window_x in range(x + 14, x + block_width - 20, 28):
                if rng.random() < lit_windows:
                    box = (window_x, window_y, window_x + 12, window_y + 16)
                    draw.rectangle(box, fill=(*WARM_LIGHT, 220))
        x += block_width + rng.randint(4, 22)
    picture.alpha_composite(layer)


def _smoke(picture, rng, sky, ground):
    width, height = picture.size
    layer, draw = _layer(picture)
    for _ in range(14):
        cx = rng.randint(width // 3, 2 * width // 3) + rng.randint(-160, 160)
        cy = rng.randint(height // 8, height // 2)
        radius = rng.randint(90, 220)
        shade = rng.randint(60, 130)
        draw.ellipse(
            (cx - radius, cy - radius, cx + radius, cy + radius),
            fill=(shade, shade, shade + 6, 120),
        )
    picture.alpha_composite(_blurred(layer, 40))
    _skyline(picture, rng, sky, ground, horizon=0.8, lit_windows=0.03)


def _fields(picture, rng, sky, ground):
    width, height = picture.size
    _sun(picture, (int(width * rng.uniform(0.6, 0.85)), int(height * 0.22)), 80)
    layer, draw = _layer(picture)
    horizon = int(height * 0.55)
    for band in range(5):
        top = horizon + band * (height - horizon) // 5
        phase = rng.uniform(0, math.tau)
        amplitude = 12 + band * 8
        outline = [
            (x, top + amplitude * math.sin(x / (260 + band * 60) + phase))
            for x in range(0, width + 40, 40)
        ]
        colour = _mix(ground, BLACK, band * 0.1) if band % 2 == 0 else _mix(ground, sky, 0.12)
        draw.polygon([*outline, (width, height), (0, height)], fill=(*colour, 255))
    picture.alpha_composite(layer)


def _sea(picture, rng, sky, ground):
    width, height = picture.size
    horizon = int(height * 0.58)
    _sun(picture, (int(width * rng.uniform(0.2, 0.8)), horizon - 120), 70)
    layer, draw = _layer(picture)
    draw.rectangle((0, horizon, width, height), fill=(*ground, 255))
    for line_y in range(horizon + 12, height, 22):
        for _ in range(6):
            start = rng.randint(0, width)
            draw.line(
                (start, line_y, start + rng.randint(60, 240), line_y),
                fill=(*_mix(ground, sky, 0.45), 150),
                width=3,
            )
    silhouette = _mix(ground, BLACK, 0.6)
    for _ in range(rng.randint(2, 4)):
        length = rng.randint(180, 340)
        x = rng.randint(40, width - length - 40)
        y = horizon - 4 + rng.randint(0, 30)
        hull = [(x, y), (x + length, y), (x + length - 24, y + 26), (x + 18, y + 26)]
        draw.polygon(hull, fill=(*silhouette, 255))
        draw.rectangle((x + length - 90, y - 40, x + length - 40, y), fill=(*silhouette, 255))
    picture.alpha_composite(layer)


def _industry(picture, rng, sky, ground):
    width, height = picture.size
    ground_line = int(height * 0.78)
    smoke, smoke_draw = _layer(picture)
    layer, draw = _layer(picture)
    silhouette = _mix(ground, BLACK, 0.4)
    draw.rectangle((0, ground_line, width, height), fill=(*silhouette, 255))
    for _ in range(rng.randint(4, 7)):
        x = rng.randint(80, width - 120)
        stack_width = rng.randint(26, 50)
        top = ground_line - rng.randint(260, 520)
        draw.rectangle((x, top, x + stack_width, ground_line), fill=(*silhouette, 255))
        for puff in range(5):
            radius = 40 + puff * 22
            cx = x + stack_width // 2 + puff * 50
            cy = top - 30 - puff * 46
            smoke_draw.ellipse(
                (cx - radius, cy - radius, cx + radius, cy + radius),
                fill=(*_mix(sky, WHITE, 0.3), 90),
            )
    picture.alpha_composite(_blurred(smoke, 28))
    picture.alpha_composite(layer)


def _pylons(picture, rng, sky, ground):
    width, height = picture.size
    layer, draw = _layer(picture)
    steel = (*_mix(sky, BLACK, 0.55), 255)
    base = int(height * 0.8)
    draw.rectangle((0, base, width, height), fill=(*ground, 255))
    tops = []
    for index, x in enumerate(range(160, width, 430)):
        pylon_height = 430 - index * 30
        top = base - pylon_height
        draw.line((x - 60, base, x, top), fill=steel, width=6)
        draw.line((x + 60, base, x, top), fill=steel, width=6)
        for rung in range(1, 6):
            y = base - rung * pylon_height // 6
            half = 60 - rung * 60 // 6
            draw.line((x - half, y, x + half, y), fill=steel, width=4)
        draw.line((x - 90, top + 40, x + 90, top + 40), fill=steel, width=6)
        tops.append((x, top + 40))
    for offset in (-90, 0, 90):
        for (x1, y1), (x2, y2) in zip(tops, tops[1:], strict=False):
            sag = [
                (
                    x1 + offset + (x2 - x1) * t / 20,
                    y1 + (y2 - y1) * t / 20 + 50 * math.sin(math.pi * t / 20),
                )
                for t in range(21)
            ]
            draw.line(sag, fill=steel, width=2)
    picture.alpha_composite(layer)


def _stage(picture, rng, sky, ground):
    width, height = picture.size
    layer, draw = _layer(picture)
    for source_x in (width * 0.3, width * 0.7):
        spread = rng.randint(180, 260)
        target_x = source_x + rng.randint(-120, 120)
        cone = [(source_x - 20, 0), (source_x + 20, 0), (target_x + spread, height * 0.85),
                (target_x - spread, height * 0.85)]  # fmt: skip
        draw.polygon(cone, fill=(*WARM_LIGHT, 70))
        draw.ellipse(
            (target_x - spread, height * 0.8, target_x + spread, height * 0.9),
            fill=(*WARM_LIGHT, 120),
        )
    picture.alpha_composite(_blurred(layer, 18))
    curtain, curtain_draw = _layer(picture)
    for x in range(0, width, 36):
        fold = _mix(ground, BLACK, 0.25 if (x // 36) % 2 else 0.05)
        curtain_draw.rectangle((x, 0, x + 36, 70), fill=(*fold, 255))
    picture.alpha_composite(curtain)


def _books(picture, rng, sky, ground):
    width, height = picture.size
    layer, draw = _layer(picture)
    palette = [(150, 48, 40), (40, 86, 120), (214, 170, 70), (60, 110, 80), (120, 70, 120),
               (230, 226, 214), (34, 40, 52)]  # fmt: skip
    for shelf_top in range(60, height, 280):
        x = 40
        while x < width - 60:
            spine = rng.randint(28, 64)
            book_height = rng.randint(170, 240)
            draw.rectangle(
                (x, shelf_top + 240 - book_height, x + spine, shelf_top + 240),
                fill=(*rng.choice(palette), 255),
            )
            x += spine + rng.randint(2, 6)
        draw.rectangle((0, shelf_top + 240, width, shelf_top + 262), fill=(*ground, 255))
    picture.alpha_composite(layer)


MOTIFS = {
    "skyline": _skyline,
    "smoke": _smoke,
    "fields": _fields,
    "sea": _sea,
    "industry": _industry,
    "pylons": _pylons,
    "stage": _stage,
    "books": _books,
}


def _gradient(size, top, bottom):
    # Stretching a one-pixel-wide ramp sideways is far cheaper than resampling a square one.
    ramp = Image.linear_gradient("L").resize((1, size[1]), Image.Resampling.BILINEAR)
    mask = ramp.resize(size, Image.Resampling.NEAREST)
    return Image.composite(Image.new("RGB", size, bottom), Image.new("RGB", size, top), mask)


def _blurred(layer, radius):
    # Blurring a quarter-size copy and scaling it back looks the same and is many times faster.
    small = layer.resize((layer.width // 4, layer.height // 4), Image.Resampling.BILINEAR)
    small = small.filter(ImageFilter.GaussianBlur(radius / 4))
    return small.resize(layer.size, Image.Resampling.BILINEAR)


def _layer(picture):
    layer = Image.new("RGBA", picture.size, (0, 0, 0, 0))
    return layer, ImageDraw.Draw(layer)


def _glow(picture, centre, radius, colour):
    layer, draw = _layer(picture)
    x, y = centre
    draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=(*colour, 140))
    picture.alpha_composite(_blurred(layer, radius // 2))


def _sun(picture, centre, radius):
    _glow(picture, centre, radius * 3, WARM_LIGHT)
    layer, draw = _layer(picture)
    x, y = centre
    draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=(255, 240, 210, 230))
    picture.alpha_composite(layer)


def _mix(colour, other, amount):
    return tuple(round(a + (b - a) * amount) for a, b in zip(colour, other, strict=True))


def _jpeg(picture):
    buffer = io.BytesIO()
    picture.convert("RGB").save(buffer, "JPEG", quality=85, optimize=True, progressive=True)
    return buffer.getvalue()
