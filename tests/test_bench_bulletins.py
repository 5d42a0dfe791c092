"""The bulletin generator of `make bench-bulletins` writes valid bulletins for both sides (no build here)."""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

from khcn.data.models import BulletinMeta
from khcn.data.validation import validate
from khcn.data.yamlsource import parse_yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

import generate_bulletins as gen  # noqa: E402

COUNT = 5


def front_matter(text: str) -> tuple[str, str]:
    assert text.startswith("---\n")
    head, _, body = text[4:].partition("\n---\n")
    return head, body


def write_both(dest: Path, seed: int = 1) -> tuple[list, Path, Path]:
    posts = gen.generate_posts(COUNT, seed)
    data = gen.write_ours(posts, dest / "ours" / "data", gen.CATEGORIES)
    material = gen.write_material(posts, dest / "material", gen.our_markdown_extensions(ROOT / "mkdocs.yml"))
    return posts, data, material


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_our_bulletins_parse_and_validate(tmp_path):
    posts, data, _ = write_both(tmp_path)
    files = sorted((data / "tin-tuc").rglob("*.md"))
    assert len(files) == COUNT
    slugs = set()
    for path in files:
        head, body = front_matter(path.read_text(encoding="utf-8"))
        doc = parse_yaml(head, path.name)
        meta, problems = validate(BulletinMeta, doc.data, doc)
        assert problems == [], [str(p) for p in problems]
        assert path.parent.name == str(meta.published.year)
        base = gen.slugify(meta.title, max_length=80, word_boundary=True)
        assert path.stem == base or path.stem.removeprefix(base + "-").isdigit()
        slugs.add(path.stem)
        assert 500 <= len(body.split()) <= 700  # ~600 words
        assert "\n## " in body and "\n- " in body
    assert len(slugs) == COUNT
    categories = parse_yaml((data / "chuyen-muc.yaml").read_bytes(), "chuyen-muc.yaml").data["chuyen_muc"]
    ids = [c["ma"] for c in categories]
    assert all(c["ten"] for c in categories)
    assert len(ids) == 8 and {"tin-hoat-dong", "thong-bao", "bao-cao"} <= set(ids)
    assert {p.category for p in posts} <= set(ids)


def test_material_posts_have_what_the_blog_plugin_needs(tmp_path):
    posts, _, material = write_both(tmp_path)
    config = yaml.safe_load((material / "mkdocs.yml").read_text(encoding="utf-8"))
    assert config["theme"] == {"name": "material", "language": "vi", "font": False}
    plugins = [next(iter(p)) if isinstance(p, dict) else p for p in config["plugins"]]
    assert plugins == ["search", "blog"]
    assert config["markdown_extensions"] == gen.our_markdown_extensions(ROOT / "mkdocs.yml")
    blog = material / "docs" / "blog"
    assert (blog / "index.md").is_file()
    authors = yaml.safe_load((blog / ".authors.yml").read_text(encoding="utf-8"))["authors"]
    names = dict(gen.CATEGORIES)
    for post in posts:
        head, body = front_matter((blog / "posts" / f"{post.slug}.md").read_text(encoding="utf-8"))
        meta = yaml.safe_load(head)
        assert meta["date"] == post.published  # a datetime, as Material reads it
        assert meta["slug"] == post.slug
        assert meta["authors"] and all(a in authors and authors[a]["avatar"] for a in meta["authors"])
        assert meta["categories"] == [names[post.category]]
        assert body.lstrip().startswith(f"# {post.title}\n")
        before, more, after = body.partition("\n<!-- more -->\n")
        assert more and before.strip().endswith(post.lead)  # the excerpt: title and the first paragraph
        assert 500 <= len(after.split()) + len(post.lead.split()) <= 700


def test_same_seed_same_bytes(tmp_path):
    write_both(tmp_path / "one")
    write_both(tmp_path / "two")
    write_both(tmp_path / "other", seed=2)
    assert tree(tmp_path / "one") == tree(tmp_path / "two")
    assert tree(tmp_path / "one" / "ours") != tree(tmp_path / "other" / "ours")


def test_taken_slugs_are_left_alone():
    first = gen.generate_posts(1, 1)[0]
    again = gen.generate_posts(1, 1, taken={first.slug})[0]
    assert again.slug == f"{first.slug}-2" and again.title == first.title
