"""Images as readers get them (issue 13): every photo under docs/anh/ resized at build into a few widths, turned
upright, without its metadata, and the pages' `<img>` told about them.

    docs/anh/2026/hoi-thao.jpg (4032×3024, 6 MB, GPS in EXIF)
      -> site/anh/2026/hoi-thao.480.jpg   480×360
         site/anh/2026/hoi-thao.960.jpg   960×720
         site/anh/2026/hoi-thao.jpg      1600×1200  (the address editors write: the largest width, never the original)
    <img src="…/hoi-thao.jpg" srcset="….480.jpg 480w, ….960.jpg 960w, …/hoi-thao.jpg 1600w" sizes="…"
         width="1600" height="1200" loading="lazy" decoding="async">

A picture narrower than a width is never enlarged: its own width is its largest. The orientation a phone records in
EXIF is applied to the pixels, then EXIF, XMP and comments are left out (a phone's photo says where it was taken);
the colour profile stays. The encoders' settings are fixed and nothing dated is written: the same file gives the
same bytes. An SVG (checked by khcn.data.imagefiles: nothing in it runs) is published as it is.

The files are written into the site by a second process while MkDocs renders the pages (khcn.build.images); MkDocs
keeps each original in its list of files, so links to it are checked, but does not copy it (site_hooks).
The department's emblem gives the favicons (`icon_files`).
"""

from __future__ import annotations

import hashlib
import io
import posixpath
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from markupsafe import escape
from PIL import Image, ImageOps

from khcn import addresses
from khcn.data.imagefiles import ImageFacts, inspect
from khcn.data.yamlsource import prune_cache

WIDTHS = (480, 960, 1600)  # a phone (1x), a phone (2x) or a laptop's column, a large screen (2x)
# How wide an image is shown: the content's column, 740 px once Material shows both sidebars (76.25em), else the
# window's width. The browser picks the file from this and its screen's density.
SIZES = "(min-width: 76.25em) 740px, 100vw"
JPEG = {"quality": 82, "optimize": True, "progressive": True, "subsampling": "4:2:0"}
PNG = {"optimize": True}
WEBP = {"quality": 80, "method": 4}
PLAIN_ICON = (63, 81, 181)  # the theme's indigo (mkdocs.yml palette): an icon that claims to be nobody's emblem


@dataclass(frozen=True)
class Rendition:
    path: str  # in the site
    width: int
    height: int


@dataclass(frozen=True)
class SiteImage:
    source: str  # under docs/: `anh/2026/hoi-thao.jpg`
    kind: str  # "jpeg", "png", "webp" or "svg"
    renditions: tuple[Rendition, ...]  # the narrowest first; the last is at the source's own address

    @property
    def largest(self) -> Rendition:
        return self.renditions[-1]

    @property
    def resized(self) -> bool:
        """Written by the build (a photo), not copied as it is (an SVG)."""
        return self.kind != "svg"


def widths(width: int) -> list[int]:
    """The widths made of a picture `width` wide: those of WIDTHS it is wider than, then its own up to the largest."""
    largest = min(width, WIDTHS[-1])
    return [w for w in WIDTHS if w < largest] + [largest]


def plan(source: str, facts: ImageFacts) -> SiteImage:
    """The files an image becomes in the site."""
    if facts.kind == "svg":
        return SiteImage(source, "svg", (Rendition(source, facts.width or 0, facts.height or 0),))
    renditions = []
    for width in widths(facts.width):
        height = max(1, round(facts.height * width / facts.width))
        path = source if width == min(facts.width, WIDTHS[-1]) else addresses.image_rendition(source, width)
        renditions.append(Rendition(path, width, height))
    return SiteImage(source, facts.kind, tuple(renditions))


def site_images(docs_dir: Path) -> dict[str, SiteImage]:
    """Every image under docs/anh/, by its path under docs/. Files that are no image were refused when data was
    loaded (khcn.data.dataset.images), so none is met here."""
    folder = docs_dir / addresses.IMAGES
    found = {}
    for path in sorted(folder.rglob("*")) if folder.is_dir() else []:
        if path.is_file() and not path.is_symlink() and isinstance(facts := inspect(path), ImageFacts):
            source = path.relative_to(docs_dir).as_posix()
            found[source] = plan(source, facts)
    return found


def renditions_bytes(path: Path, kind: str, sizes: list[tuple[int, int]]) -> list[bytes]:
    """The picture at `path`, upright, at each (width, height) of `sizes` (as shown, the largest last), in its own
    format, without metadata. Decoded once; a JPEG is decoded straight at the smallest scale (1/2, 1/4, 1/8) still
    as large as the largest size (libjpeg's scaling: a 12-megapixel photo in a quarter of the time)."""
    largest = max(sizes)
    with Image.open(path) as original:
        if kind == "jpeg":
            turned = original.getexif().get(0x0112, 1) in (5, 6, 7, 8)
            original.draft("RGB", largest[::-1] if turned else largest)
        profile = original.info.get("icc_profile")
        image = _mode_for(ImageOps.exif_transpose(original), kind)
    return [encode(image if image.size == size else image.resize(size, Image.Resampling.LANCZOS, reducing_gap=3.0),
                   kind, profile) for size in sizes]


def encode(image: Image.Image, kind: str, profile: bytes | None = None) -> bytes:
    """Fixed settings, nothing but the pixels and the colour profile: no EXIF, XMP, comment or date."""
    out = io.BytesIO()
    options = {"jpeg": JPEG, "png": PNG, "webp": WEBP}[kind]
    extra = {"icc_profile": profile} if profile else {}
    image.save(out, format=kind.upper(), **options, **extra)
    return out.getvalue()


def _mode_for(image: Image.Image, kind: str) -> Image.Image:
    """JPEG has no transparency; a palette or a 16-bit picture is resized in full colour."""
    if kind == "jpeg":
        return image if image.mode in ("RGB", "L") else image.convert("RGB")
    transparent = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
    wanted = "RGBA" if transparent else "RGB"
    return image if image.mode == wanted else image.convert(wanted)


def image_files(images: list[SiteImage], emblem: SiteImage | None, docs_dir: Path,
                cache: Path | None = None) -> Iterator[tuple[str, bytes]]:
    """(path in the site, bytes) of every photo's renditions (an SVG is copied as it is), then the favicons.
    With `cache` (a folder), renditions made before from the same bytes are read back instead of made again."""
    for image in images:
        if not image.resized:
            continue
        try:
            sizes = [(rendition.width, rendition.height) for rendition in image.renditions]
            files = cached_renditions(cache, docs_dir / image.source, image.kind, sizes)
        except (OSError, ValueError) as exc:  # damaged after its first bytes: Pillow finds it only now
            raise ImageError(f"Không thu nhỏ được ảnh docs/{image.source} (tệp ảnh hỏng: {exc}); lưu lại ảnh "
                             "từ máy ảnh hay phần mềm sửa ảnh rồi chép lại.") from None
        yield from zip([r.path for r in image.renditions], files, strict=True)
    yield from icon_files(emblem, docs_dir)


def write_images(images: list[SiteImage], emblem: SiteImage | None, docs_dir: Path, site_dir: Path,
                 cache: Path | None = None) -> None:
    """`image_files` written into `site_dir` (the site, or a plain project's docs/: khcn/export.py)."""
    for path, data in image_files(images, emblem, docs_dir, cache):
        target = site_dir / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    if cache is not None:
        prune_cache(cache, pattern="*.bin")


# What a rendition's bytes depend on besides the source's: the settings and the encoders' version.
_ENCODING = repr((JPEG, PNG, WEBP, Image.__version__)).encode()


def cached_renditions(cache: Path | None, path: Path, kind: str, sizes: list[tuple[int, int]]) -> list[bytes]:
    """`renditions_bytes`, kept in `cache` by the source's content: `make serve` rebuilds on every edit, and a
    12-megapixel photo takes a second to make again."""
    if cache is None:
        return renditions_bytes(path, kind, sizes)
    key = hashlib.sha256(path.read_bytes() + repr((kind, sizes)).encode() + _ENCODING).hexdigest()
    entries = [cache / f"{key}-{index}.bin" for index in range(len(sizes))]
    if all(entry.is_file() for entry in entries):
        for entry in entries:
            entry.touch()  # used: kept by prune_cache
        return [entry.read_bytes() for entry in entries]
    files = renditions_bytes(path, kind, sizes)
    cache.mkdir(parents=True, exist_ok=True)
    for entry, data in zip(entries, files, strict=True):
        partial = entry.with_suffix(".part")  # a build stopped halfway leaves no half-written rendition
        partial.write_bytes(data)
        partial.replace(entry)
    return files


class ImageError(RuntimeError):
    pass


# --- the emblem's icons -----------------------------------------------------------------------------------------

def icon_files(emblem: SiteImage | None, docs_dir: Path) -> list[tuple[str, bytes]]:
    """(path in the site, bytes) of the favicons: from the emblem, on a transparent square; without a raster
    emblem, a plain square of the theme's colour (an SVG emblem is its own icon, main.html links it)."""
    if emblem is not None and emblem.resized:
        with Image.open(docs_dir / emblem.source) as original:
            picture = ImageOps.exif_transpose(original).convert("RGBA")
    else:
        picture = Image.new("RGBA", (max(addresses.ICON_SIZES.values()),) * 2, PLAIN_ICON + (255,))
    icons = [(addresses.ICONS[name], encode(_square(picture, size), "png"))
             for name, size in addresses.ICON_SIZES.items()]
    ico = io.BytesIO()
    _square(picture, 48).save(ico, format="ICO", sizes=[(16, 16), (32, 32), (48, 48)])  # /favicon.ico: asked by
    # browsers and feed readers on their own
    return [*icons, (addresses.ICONS["ico"], ico.getvalue())]


def _square(picture: Image.Image, size: int) -> Image.Image:
    """The whole picture, centred on a transparent square `size` wide."""
    fitted = ImageOps.contain(picture, (size, size), Image.Resampling.LANCZOS)
    square = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    square.paste(fitted, ((size - fitted.width) // 2, (size - fitted.height) // 2))
    return square


# --- the pages' <img> ---------------------------------------------------------------------------------------------

_IMG = re.compile(r"<img\b[^>]*>")
_SRC = re.compile(r'\ssrc="([^"]*)"')
_WIDTH = re.compile(r'\swidth="(\d+)"')


def responsive_images(html: str, page_url: str, images: dict[str, SiteImage]) -> str:
    """Each `<img>` of one page's HTML that shows an image of the site gets its size (the page does not jump as
    images arrive), its renditions (`srcset`, `sizes`) and, after the first, `loading="lazy"`. `page_url`:
    MkDocs' (`tin-tuc/hoi-thao/`, "" for the home page), against which the relative `src` is read. A template that
    set a width (a leader's portrait, 120) keeps it: the height follows, and `sizes` says that width."""
    seen = 0

    def rewrite(match: re.Match) -> str:
        nonlocal seen
        tag = match.group()
        src = _SRC.search(tag)
        image = images.get(_site_path(src.group(1), page_url)) if src else None
        if image is None or " height=" in tag:
            return tag
        seen += 1
        largest = image.largest
        shown = _WIDTH.search(tag)
        sizes = f"{shown.group(1)}px" if shown else SIZES
        width = int(shown.group(1)) if shown else largest.width
        attributes = [] if shown else [f'width="{width}"']
        if largest.width:
            attributes.append(f'height="{max(1, round(largest.height * width / largest.width))}"')
        if len(image.renditions) > 1:
            folder = src.group(1).rpartition("/")[0]
            srcset = ", ".join(f"{posixpath.join(folder, escape(posixpath.basename(r.path)))} {r.width}w"
                               for r in image.renditions)  # `folder` is the page's own HTML, escaped already
            attributes += [f'srcset="{srcset}"', f'sizes="{sizes}"']
        if seen > 1:
            attributes += ['loading="lazy"', 'decoding="async"']
        end = 2 if tag.endswith("/>") else 1
        return f"{tag[:-end].rstrip()} {' '.join(attributes)}{tag[-end:] if end == 1 else ' />'}"

    return _IMG.sub(rewrite, html)


def _site_path(src: str, page_url: str) -> str:
    """A relative `src` as a path in the site: `../../anh/x.jpg` on `tin-tuc/a/` -> `anh/x.jpg`."""
    if not src or "://" in src or src.startswith(("data:", "//")):
        return ""
    if src.startswith("/"):
        return posixpath.normpath(src.lstrip("/"))
    base = page_url if page_url.endswith("/") or not page_url else posixpath.dirname(page_url) + "/"
    return posixpath.normpath(posixpath.join(base, src))
