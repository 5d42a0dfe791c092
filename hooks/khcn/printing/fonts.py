"""The print edition's fonts: committed files (fonts/, see its README.md), never the machine's.

A character that none of these fonts has would make the engine borrow one from the system (fontconfig), so the PDF
would differ from machine to machine, or show a blank box: such a text is refused before anything is rendered.
"""

from __future__ import annotations

import functools
import unicodedata
from pathlib import Path

from fontTools.ttLib import TTFont

FONTS = Path(__file__).parent / "fonts"
FACES = ("NotoSerif-Regular", "NotoSerif-Bold", "NotoSerif-Italic", "NotoSerif-BoldItalic", "NotoSans-Regular",
         "NotoSans-Bold")
_LAYOUT = frozenset("\n\r\t")  # white space the layout consumes; it needs no glyph


@functools.cache
def covered() -> frozenset[int]:
    """The code points every face has: any face may print any text (a bold title, an italic word, a table)."""
    maps = [set(TTFont(FONTS / f"{face}.ttf", lazy=True).getBestCmap()) for face in FACES]
    return frozenset(set.intersection(*maps))


def missing_characters(text: str) -> list[str]:
    """The characters of `text` (taken as NFC, as the engine shapes them) that the fonts lack, in order of first
    appearance: "U+4E2D 中"."""
    have = covered()
    missing = dict.fromkeys(ch for ch in unicodedata.normalize("NFC", text)
                            if ch not in _LAYOUT and ord(ch) not in have)
    return [f"U+{ord(ch):04X} {ch}" for ch in missing]
