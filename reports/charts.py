"""Bar charts without a charting library or a CDN: PNG images (Pillow) for the Word report, and
bar geometry the dashboard draws as inline SVG."""

import io

from PIL import Image, ImageDraw, ImageFont

BAR_COLOUR = (75, 46, 131)
TEXT_COLOUR = (34, 34, 34)


def bar_chart_png(pairs: list[tuple[str, int]], *, width: int = 1200, bar_height: int = 34) -> bytes:
    """Horizontal bars, label on the left and the value at the end of each bar."""
    font = ImageFont.load_default(size=22)
    label_width = min(520, max((int(font.getlength(label)) for label, _count in pairs), default=0) + 20)
    height = max(1, len(pairs)) * (bar_height + 12) + 20
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    largest = max((count for _label, count in pairs), default=0) or 1
    room = width - label_width - 80
    for index, (label, count) in enumerate(pairs):
        top = 10 + index * (bar_height + 12)
        text = label if font.getlength(label) <= label_width - 20 else _shortened(label, font, label_width - 20)
        draw.text((10, top + 4), text, fill=TEXT_COLOUR, font=font)
        bar_end = label_width + max(2, int(room * count / largest))
        draw.rectangle([label_width, top, bar_end, top + bar_height], fill=BAR_COLOUR)
        draw.text((bar_end + 8, top + 4), str(count), fill=TEXT_COLOUR, font=font)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def _shortened(label: str, font, room: float) -> str:
    while label and font.getlength(label + "…") > room:
        label = label[:-1]
    return label + "…"


def bars(pairs: list[tuple[str, int]]) -> list[dict]:
    """Each bar's label, value and length as a percentage of the largest, for an SVG chart."""
    largest = max((count for _label, count in pairs), default=0) or 1
    return [{"label": label, "value": count, "percent": round(100 * count / largest, 1)} for label, count in pairs]
