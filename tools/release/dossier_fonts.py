"""Noto CJK fonts that Chromium embeds as real fonts in a PDF.

Debian's Noto CJK fonts have CFF (PostScript) outlines, which Chromium's PDF writer (Skia) turns
into Type 3 glyph drawings: no font name, poor rendering in some viewers. TrueType outlines it
embeds as proper subset fonts. So for the text of one document we subset each Noto CJK face to the
characters used (fontTools) and convert its outlines from cubic to quadratic curves, then hand the
result to the page as @font-face rules with data: URLs (nothing is fetched).
"""

from __future__ import annotations

import base64
import functools
import io
import string
from dataclasses import dataclass
from pathlib import Path

from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTCollection, TTFont, newTable

NOTO = Path("/usr/share/fonts/opentype/noto")


@dataclass(frozen=True)
class Face:
    family: str  # the CSS family the dossier's stylesheet asks for
    file: str  # inside NOTO
    weight: int


FACES = (
    Face("Dossier Serif", "NotoSerifCJK-Regular.ttc", 400),
    Face("Dossier Serif", "NotoSerifCJK-Bold.ttc", 700),
    Face("Dossier Sans", "NotoSansCJK-Regular.ttc", 400),
    Face("Dossier Sans", "NotoSansCJK-Bold.ttc", 700),
)


class FontsMissing(Exception):
    pass


def simplified_chinese_face(path: Path) -> TTFont:
    """The SC member of a Noto CJK collection."""
    for font in TTCollection(str(path)).fonts:
        if font["name"].getDebugName(1).endswith(" SC"):
            return font
    raise FontsMissing(f"{path} 里没有简体中文（SC）字体")


def truetype_subset(path: Path, text: str) -> bytes:
    """``path``'s SC face, cut down to ``text``'s characters, with TrueType outlines."""
    font = simplified_chinese_face(path)
    options = subset.Options()
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=text)
    subsetter.subset(font)
    _cff_to_glyf(font)
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


def _cff_to_glyf(font: TTFont) -> None:
    """Replace the CFF table by glyf/loca (as fontTools' otf2ttf snippet does)."""
    order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = {}
    for name in order:
        pen = TTGlyphPen(glyph_set)
        glyph_set[name].draw(Cu2QuPen(pen, max_err=1.0, reverse_direction=True))
        glyf.glyphs[name] = pen.glyph()
    font["loca"] = newTable("loca")
    font["glyf"] = glyf
    for table in ("CFF ", "VORG"):
        if table in font:
            del font[table]
    maxp = newTable("maxp")
    maxp.tableVersion = 0x00010000
    maxp.maxZones = 1
    maxp.maxTwilightPoints = maxp.maxStorage = maxp.maxFunctionDefs = maxp.maxInstructionDefs = 0
    maxp.maxStackElements = maxp.maxSizeOfInstructions = maxp.maxComponentElements = 0
    font["maxp"] = maxp
    font["head"].glyphDataFormat = 0
    post = font["post"]
    post.formatType = 2.0
    post.extraNames = []
    post.mapping = {}
    post.glyphOrder = order
    font.sfntVersion = "\000\001\000\000"
    glyf.compile(font)
    hmtx = font["hmtx"]
    for name, glyph in glyf.glyphs.items():
        width, _ = hmtx.metrics[name]
        hmtx.metrics[name] = (width, getattr(glyph, "xMin", 0))


def font_face_css(text: str) -> str:
    """@font-face rules for every face in FACES, each holding only ``text``'s characters.

    Printable ASCII is always kept (addresses vary from one print to the next), so that two prints
    of the same casebook share the work.
    """
    return _font_face_css("".join(sorted(set(text) | set(string.printable.strip()))))


@functools.lru_cache(maxsize=4)
def _font_face_css(characters: str) -> str:
    text = characters
    missing = [face.file for face in FACES if not (NOTO / face.file).exists()]
    if missing:
        raise FontsMissing("缺少 Noto CJK 字体（" + "、".join(missing) + "）：请运行 apt-get install -y fonts-noto-cjk")
    rules = []
    for face in FACES:
        data = base64.b64encode(truetype_subset(NOTO / face.file, text)).decode("ascii")
        rules.append(
            f'@font-face {{ font-family: "{face.family}"; font-weight: {face.weight}; font-style: normal; '
            f'src: url(data:font/ttf;base64,{data}) format("truetype"); }}'
        )
    return "\n".join(rules)
