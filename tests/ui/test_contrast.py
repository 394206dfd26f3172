"""Every status badge's text meets WCAG AA contrast (4.5:1) on its colour, light and dark."""

from __future__ import annotations

import re

import pytest

from jobmail.taxonomy import Status
from tests.live import ROOT

CSS = (ROOT / "static" / "css" / "jobtrail.css").read_text()


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(a: str, b: str) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def _palette(block: str) -> dict[str, str]:
    return dict(re.findall(r"--s-(\w+): (#[0-9a-f]{6})", block))


@pytest.mark.parametrize("status", [s.value for s in Status])
def test_it_keeps_badge_text_readable(status: str) -> None:
    light, _, rest = CSS.partition("@media (prefers-color-scheme: dark)")
    dark = rest.split("}", 2)[0] + rest.split("}", 2)[1]
    assert _contrast(_palette(light)[status], "#ffffff") >= 4.5, status
    assert _contrast(_palette(dark)[status], "#0f1117") >= 4.5, status
