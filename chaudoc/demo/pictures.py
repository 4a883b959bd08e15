"""Illustrative pictures for the demo articles, drawn with Pillow when the demo loads (no
downloads, no files from outside the project): a few simple scenes of a ward on the Hậu river,
each labelled "ẢNH MINH HỌA" (illustration) in its corner, so nobody takes them for photos."""

import io
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

LABEL = "ẢNH MINH HỌA"
FONT_PATHS = [
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    "/usr/share/fonts/dejavu/DejaVuSans-Bold.ttf",
    "/Library/Fonts/Arial Unicode.ttf",
    "C:/Windows/Fonts/arialbd.ttf",
]
SIZE = (1200, 800)


def _font(size):
    """A font with Vietnamese letters when the machine has one; Pillow's own otherwise (then
    the label is written without tone marks, which that font lacks)."""
    for path in FONT_PATHS:
        if Path(path).exists():
            return ImageFont.truetype(path, size), LABEL
    return ImageFont.load_default(size=size), "ANH MINH HOA"


def _sky(draw, width, horizon, top, bottom):
    for y in range(horizon):
        t = y / max(horizon, 1)
        draw.line(
            [(0, y), (width, y)],
            fill=tuple(int(a + (b - a) * t) for a, b in zip(top, bottom, strict=True)),
        )


def _ground(draw, width, height, horizon, near, far):
    for y in range(horizon, height):
        t = (y - horizon) / max(height - horizon, 1)
        draw.line(
            [(0, y), (width, y)],
            fill=tuple(int(a + (b - a) * t) for a, b in zip(far, near, strict=True)),
        )


def river(draw, w, h, n):
    horizon = int(h * 0.45)
    _sky(draw, w, horizon, (120, 170, 225), (225, 215, 190))
    draw.rectangle([0, horizon - 30, w, horizon], fill=(70, 120, 70))  # the far bank
    _ground(draw, w, h, horizon, (120, 95, 60), (160, 130, 85))  # the Hậu's brown water
    for i in range(3 + n % 3):
        x, y = 120 + i * 330 + (n * 40) % 120, horizon + 90 + (i * 97) % 220
        draw.polygon([(x, y), (x + 220, y), (x + 180, y + 40), (x + 40, y + 40)], fill=(90, 50, 30))
        draw.rectangle([x + 70, y - 50, x + 150, y], fill=(200, 60, 40))
    draw.ellipse([w - 260, 60, w - 160, 160], fill=(255, 235, 160))


def rice(draw, w, h, n):
    horizon = int(h * 0.4)
    _sky(draw, w, horizon, (110, 160, 230), (230, 235, 240))
    _ground(draw, w, h, horizon, (70, 150, 40), (150, 200, 80))
    for row in range(14):
        y = horizon + 20 + row * row * 3 + row * 12
        for x in range(-40 + (row % 2) * 30, w, 60 + row * 6):
            draw.line([(x, y), (x + 8, y - 12 - row)], fill=(40, 110, 30), width=2 + row // 4)
    for i in range(2 + n % 2):
        x = 300 + i * 420
        draw.polygon(
            [(x - 60, horizon + 40), (x + 60, horizon + 40), (x, horizon - 10)],
            fill=(230, 200, 120),
        )
        draw.rectangle([x - 18, horizon + 40, x + 18, horizon + 130], fill=(40, 60, 140))


def hall(draw, w, h, n):
    backdrops = [(178, 28, 30), (20, 70, 140), (150, 30, 40), (30, 110, 90)]
    backdrop = backdrops[n % len(backdrops)]
    draw.rectangle([0, 0, w, h], fill=(235, 228, 215))
    draw.rectangle([0, 0, w, 330], fill=backdrop)  # the stage's backdrop
    draw.rectangle([200, 60, w - 200, 150], fill=(198, 48, 40), outline=(243, 196, 77), width=6)
    for i in range(3):  # the banner's lines of writing
        draw.rectangle(
            [260, 80 + i * 22, w - 260 - (i * 90 + n * 30) % 200, 92 + i * 22], fill=(243, 196, 77)
        )
    seats = 5 + n % 4
    draw.rectangle([80, 330, w - 80, 400], fill=(120, 70, 40))  # the presidium's table
    for i in range(seats):
        x = 140 + i * (w - 280) // max(seats - 1, 1)
        draw.ellipse([x - 25, 270, x + 25, 320], fill=(220, 180, 150))
        draw.rectangle([x - 35, 320, x + 35, 380], fill=(245, 245, 245))
    draw.ellipse(
        [w - 150 - (n % 2) * (w - 300), 200, w - 70 - (n % 2) * (w - 300), 330], fill=(40, 130, 60)
    )
    for row in range(3 + n % 2):
        for i in range(10):
            x, y = 80 + i * 110 + row * 20, 470 + row * 85
            draw.ellipse([x, y, x + 44, y + 44], fill=(40 + row * 10, 30, 30))
            draw.rectangle(
                [x - 8, y + 40, x + 52, y + 90], fill=(30 + (i * 23 + n * 40) % 90, 60, 110)
            )


def market(draw, w, h, n):
    _sky(draw, w, 240, (130, 180, 235), (235, 235, 225))
    _ground(draw, w, h, 240, (150, 140, 130), (190, 180, 165))
    colours = [(220, 60, 40), (240, 170, 40), (60, 140, 80), (40, 100, 180), (200, 80, 150)]
    for i in range(6):
        x = 20 + i * 200
        c = colours[(i + n) % len(colours)]
        draw.polygon([(x, 300), (x + 190, 300), (x + 170, 240), (x + 20, 240)], fill=c)
        draw.rectangle([x + 15, 300, x + 175, 460], fill=(120, 80, 50))
        for j in range(5):
            draw.ellipse([x + 25 + j * 30, 330, x + 50 + j * 30, 355], fill=colours[(j + i) % 5])
    for i in range(8):
        x = 60 + i * 145 + (n * 17) % 60
        draw.ellipse([x, 520, x + 40, 560], fill=(215, 175, 140))
        draw.rectangle([x - 5, 560, x + 45, 680], fill=colours[(i * 2 + n) % 5])


def mountain(draw, w, h, n):
    horizon = int(h * 0.72)
    _sky(draw, w, horizon, (95, 150, 220), (240, 220, 200))
    draw.polygon(
        [(0, horizon), (380, 170), (640, 260), (900, 140), (w, horizon)], fill=(60, 110, 70)
    )
    draw.polygon([(520, 300), (640, 230), (760, 300)], fill=(170, 40, 30))  # a pagoda's roof
    draw.rectangle([560, 300, 720, 400], fill=(240, 210, 120))
    _ground(draw, w, h, horizon, (110, 100, 80), (140, 150, 110))
    for i in range(12):
        x = 40 + i * 100
        draw.rectangle([x, horizon + 10, x + 12, horizon + 60], fill=(190, 40, 40))
        draw.ellipse([x - 20, horizon - 20, x + 32, horizon + 20], fill=(250, 200, 60))


def school(draw, w, h, n):
    _sky(draw, w, 420, (120, 175, 235), (230, 240, 245))
    _ground(draw, w, h, 420, (170, 160, 140), (200, 195, 180))
    draw.rectangle([150, 160, w - 150, 420], fill=(245, 215, 120))
    draw.polygon([(120, 170), (w // 2, 80), (w - 120, 170)], fill=(170, 50, 40))
    for row in range(2):
        for i in range(8):
            x, y = 200 + i * 105, 200 + row * 110
            draw.rectangle([x, y, x + 60, y + 70], fill=(80, 130, 170))
    draw.line([(w // 2, 80), (w // 2, 10)], fill=(90, 90, 90), width=5)
    draw.rectangle([w // 2, 10, w // 2 + 90, 60], fill=(218, 37, 29))
    for i in range(10):
        x = 120 + i * 100
        draw.ellipse([x, 520, x + 36, 556], fill=(220, 180, 150))
        draw.rectangle([x - 4, 556, x + 40, 650], fill=(255, 255, 255))
        draw.rectangle([x - 4, 650, x + 40, 700], fill=(30, 50, 120))


def road(draw, w, h, n):
    horizon = int(h * 0.42)
    _sky(draw, w, horizon, (140, 185, 235), (235, 230, 215))
    _ground(draw, w, h, horizon, (100, 160, 70), (140, 180, 100))
    draw.polygon(
        [(w // 2 - 40, horizon), (w // 2 + 40, horizon), (w - 100, h), (100, h)], fill=(80, 80, 85)
    )
    for i in range(6):
        y = horizon + 20 + i * i * 14
        draw.rectangle([w // 2 - 4 - i, y, w // 2 + 4 + i, y + 12 + i * 4], fill=(245, 245, 245))
    draw.rectangle([150, horizon + 60, 380, horizon + 170], fill=(240, 180, 20))  # a roller
    draw.ellipse([140, horizon + 140, 260, horizon + 260], fill=(60, 60, 60))
    for i in range(4):
        x = 760 + i * 90
        draw.polygon(
            [(x, horizon + 150), (x + 30, horizon + 90), (x + 60, horizon + 150)],
            fill=(240, 110, 30),
        )


SCENES = [hall, river, rice, market, mountain, school, road]


def picture(scene, seed=0, size=SIZE):
    """A JPEG of `scene` (an index into SCENES, or its name), varied by `seed`, labelled."""
    if isinstance(scene, str):
        scene = [s.__name__ for s in SCENES].index(scene)
    width, height = size
    img = Image.new("RGB", size, (240, 240, 240))
    draw = ImageDraw.Draw(img)
    SCENES[scene % len(SCENES)](draw, width, height, seed)
    font, text = _font(max(18, width // 36))
    box = draw.textbbox((0, 0), text, font=font)
    pad = width // 80
    x, y = width - (box[2] - box[0]) - 3 * pad, height - (box[3] - box[1]) - 3 * pad
    draw.rectangle([x - pad, y - pad, x + box[2] - box[0] + pad, y + box[3] + pad], fill=(0, 0, 0))
    draw.text((x, y - box[1] + box[1]), text, font=font, fill=(255, 255, 255))
    buffer = io.BytesIO()
    img.save(buffer, "JPEG", quality=78, optimize=True, progressive=True)
    return buffer.getvalue()
