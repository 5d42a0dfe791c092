"""Write N synthetic bulletins (news) of plausible Vietnamese, for benchmarks (never into the repository).

    .venv/bin/python benchmarks/generate_bulletins.py --count 200 --ours /tmp/x/project --material /tmp/x/material

The same posts are written two ways:

  ours      <project>/data/tin-tuc/<year>/<slug>.md with our front matter (tieu_de, ngay_dang, tac_gia, chuyen_muc,
            the, tom_tat: every scalar a quoted string), and <project>/data/chuyen-muc.yaml with 8 categories (those
            of the project's own chuyen-muc.yaml first, when it has one, then made-up ones up to 8).
  material  a minimal, separate MkDocs project for Material's blog plugin: docs/blog/posts/<slug>.md (date, slug,
            authors, categories, tags; `# title`; `<!-- more -->` after the first paragraph), docs/blog/.authors.yml,
            and a mkdocs.yml with the Material theme (vi, font: false), search and blog, and our markdown extensions.

Deterministic: the same count and seed give the same bytes (random.Random(seed)). A post is about 600 words
(whitespace-separated, like a reading-time count): a lead paragraph, several paragraphs, one or two `## ` headings,
a `- ` list. 8 categories, 12 years (2015–2026), 20 authors, 0–3 tags; the slug is python-slugify of the title, with
`-2`, `-3`, … when an earlier post (or a name in `taken`) already has it. Sentences are assembled from real words of
the field, so the text reads like Vietnamese but says nothing true.
"""

from __future__ import annotations

import argparse
import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import yaml
from slugify import slugify

from benchkit import q

FIRST_YEAR, YEARS = 2015, 12  # 2015 … 2026
WORDS_MIN, WORDS_MAX = 540, 620

# The three categories the site needs first (bao-cao: the reports join the stream there), then five more.
CATEGORIES = [
    ("tin-hoat-dong", "Tin hoạt động"), ("thong-bao", "Thông báo"), ("bao-cao", "Báo cáo"),
    ("khoa-hoc-cong-nghe", "Khoa học – Công nghệ"), ("so-huu-tri-tue", "Sở hữu trí tuệ"),
    ("tieu-chuan-do-luong-chat-luong", "Tiêu chuẩn – Đo lường – Chất lượng"),
    ("doi-moi-sang-tao", "Đổi mới sáng tạo"), ("chuyen-doi-so", "Chuyển đổi số"),
]
AUTHORS = [
    "Nguyễn Văn An", "Trần Thị Bình", "Lê Minh Châu", "Phạm Thu Hà", "Hoàng Đức Dũng", "Vũ Thị Hương",
    "Đỗ Quang Huy", "Bùi Thị Lan", "Đặng Văn Long", "Ngô Thị Mai", "Dương Văn Nam", "Lý Thị Ngọc", "Ma Văn Phúc",
    "Hà Thị Quỳnh", "Nông Văn Sơn", "Triệu Thị Thảo", "Quan Văn Thắng", "Lương Thị Uyên", "Chu Văn Việt",
    "Mai Thị Yến",
]
TAGS = [
    "chè Shan tuyết", "chỉ dẫn địa lý", "sở hữu trí tuệ", "đo lường", "chất lượng", "nhãn hiệu tập thể",
    "chuyển đổi số", "đổi mới sáng tạo", "an toàn bức xạ", "tiêu chuẩn", "khởi nghiệp", "cam sành Hàm Yên",
    "bưởi Soi Hà", "mật ong Na Hang", "thanh tra", "OCOP", "truy xuất nguồn gốc", "nông thôn miền núi",
]
SUBJECTS = [
    "Sở Khoa học và Công nghệ", "Ủy ban nhân dân tỉnh", "Chi cục Tiêu chuẩn Đo lường Chất lượng",
    "Trung tâm Ứng dụng tiến bộ khoa học và công nghệ", "Hội đồng khoa học và công nghệ cấp tỉnh",
    "Phòng Quản lý khoa học", "Phòng Quản lý công nghệ và Sở hữu trí tuệ", "Thanh tra Sở",
    "Ủy ban nhân dân huyện Na Hang", "Hợp tác xã chè Shan tuyết Na Hang", "các doanh nghiệp khoa học và công nghệ",
    "Liên hiệp các hội khoa học và kỹ thuật tỉnh", "Trường Đại học Tân Trào", "Viện Khoa học Kỹ thuật Nông Lâm nghiệp",
]
VERBS = [
    "tổ chức", "triển khai", "phối hợp thực hiện", "kiểm tra", "nghiệm thu", "hướng dẫn", "đánh giá", "tập huấn về",
    "hỗ trợ", "tuyển chọn", "thẩm định", "công bố", "rà soát", "tổng kết",
]
OBJECTS = [
    "đề tài khoa học cấp tỉnh", "dự án sản xuất thử nghiệm", "hồ sơ đăng ký nhãn hiệu tập thể",
    "chỉ dẫn địa lý Chè Shan tuyết Na Hang", "phương tiện đo nhóm 2", "tiêu chuẩn cơ sở",
    "hệ thống quản lý chất lượng theo tiêu chuẩn TCVN ISO 9001:2015", "nhiệm vụ khoa học và công nghệ",
    "mô hình ứng dụng tiến bộ kỹ thuật", "sáng kiến cải tiến kỹ thuật", "chương trình phát triển tài sản trí tuệ",
    "hoạt động đo lường, chất lượng hàng hóa", "dữ liệu thống kê khoa học và công nghệ",
    "thiết bị X-quang chẩn đoán y tế", "sản phẩm OCOP", "quy trình truy xuất nguồn gốc nông sản",
    "hợp đồng chuyển giao công nghệ", "hệ sinh thái khởi nghiệp đổi mới sáng tạo", "giống chè Shan tuyết",
    "nhãn hiệu chứng nhận Cam sành Hàm Yên", "cột đo xăng dầu", "cân kỹ thuật tại các chợ",
]
PLACES = [
    "tại huyện Na Hang", "tại huyện Lâm Bình", "tại huyện Chiêm Hóa", "tại huyện Hàm Yên", "tại huyện Yên Sơn",
    "tại huyện Sơn Dương", "tại thành phố Tuyên Quang", "trên địa bàn tỉnh", "tại các xã vùng cao",
]
PURPOSES = [
    "nhằm nâng cao chất lượng, giá trị và sức cạnh tranh của sản phẩm",
    "góp phần phát triển kinh tế - xã hội của địa phương",
    "nhằm bảo vệ quyền lợi người tiêu dùng", "tạo điều kiện để doanh nghiệp đổi mới công nghệ",
    "nhằm xây dựng và phát triển thương hiệu cho nông sản đặc sản",
    "góp phần thực hiện chương trình chuyển đổi số của tỉnh", "nhằm khai thác hiệu quả tài sản trí tuệ",
    "bảo đảm an toàn bức xạ cho người lao động và bệnh nhân", "nhằm nâng cao năng suất lao động",
]
TIMES = [
    "trong năm {year}", "trong 6 tháng đầu năm {year}", "từ đầu năm {year} đến nay", "trong quý {quarter} năm {year}",
    "giai đoạn 2021–2025", "trong tháng {month}/{year}",
]
UNITS = ["phương tiện đo", "hồ sơ", "đề tài, dự án", "doanh nghiệp", "lượt cán bộ", "sản phẩm", "cơ sở", "sáng kiến"]
ROLES = [
    "đại diện Sở Khoa học và Công nghệ", "lãnh đạo Ủy ban nhân dân huyện", "Chủ nhiệm đề tài",
    "Chi cục trưởng Chi cục Tiêu chuẩn Đo lường Chất lượng", "các thành viên Hội đồng", "đại diện các hợp tác xã",
]
FINDINGS = [
    "năng suất chè tăng từ 15 đến 20% so với phương pháp canh tác truyền thống",
    "phần lớn các phương tiện đo được kiểm tra đạt yêu cầu kỹ thuật đo lường",
    "các sản phẩm đủ điều kiện được cấp giấy chứng nhận hợp chuẩn",
    "mô hình mang lại hiệu quả kinh tế rõ rệt cho người dân vùng dự án",
    "nhận thức của doanh nghiệp về sở hữu trí tuệ đã được nâng lên đáng kể",
    "chất lượng búp chè sau chế biến đồng đều, đáp ứng yêu cầu của thị trường",
    "quy trình kỹ thuật phù hợp với điều kiện tự nhiên của địa phương",
    "việc áp dụng tiêu chuẩn giúp giảm chi phí sản xuất và tăng giá bán sản phẩm",
]
ADVERBS = ["Bên cạnh đó,", "Ngoài ra,", "Đồng thời,", "Tiếp đó,", "Qua đó,", "Theo kế hoạch,", "Cũng trong dịp này,"]
HEADINGS = [
    "Kết quả đạt được", "Một số khó khăn, vướng mắc", "Nhiệm vụ trong thời gian tới", "Nội dung chính",
    "Ý kiến của các đại biểu", "Kiến nghị, đề xuất", "Tổ chức thực hiện", "Hồ sơ và thời hạn",
]
SENTENCES = [
    "{Subject} đã {verb} {object} {place}, {purpose}.",
    "{Time}, {subject} đã {verb} {count} {unit} {place}, tăng {percent}% so với cùng kỳ năm trước.",
    "Theo {role}, {object} {place} là một trong những nhiệm vụ trọng tâm của ngành khoa học và công nghệ {time}.",
    "Tại buổi làm việc, các đại biểu đã thảo luận về {tag}, {tag2} và những giải pháp {purpose}.",
    "Kết quả {verb} {object} cho thấy {finding}.",
    "{Adverb} {subject} đề nghị các cơ quan, đơn vị liên quan tiếp tục {verb} {object}, {purpose}.",
    "{Time}, {subject} đã tiếp nhận {count} {unit} về {object}, trong đó có {count2} {unit} {place}.",
    "Nhân dịp này, {role} đánh giá cao sự phối hợp của {subject} trong việc {verb} {object}.",
    "{Adverb} {finding}, tạo tiền đề để nhân rộng mô hình {place}.",
]
LEADS = [
    "{Time}, {subject} đã {verb} {object} {place}, {purpose}.",
    "Ngày {day}/{month}/{year}, {subject} đã {verb} {object} {place}.",
    "Thực hiện kế hoạch năm {year}, {subject} {verb} {object} {place}, {purpose}.",
]
LIST_ITEMS = [
    "{Verb} {object} {place}", "Tiếp tục {verb} {object}, {purpose}", "Phối hợp với {subject} {verb} {object}",
    "Báo cáo kết quả {verb} {object} trước ngày {day}/{month}/{year}",
]
TITLES = {
    "tin-hoat-dong": ["Hội thảo khoa học về {tag} {place}", "{Subject} {verb} {object} {place}",
                      "Nghiệm thu {object} {place}", "Đoàn công tác của {subject} làm việc {place}"],
    "thong-bao": ["Thông báo tuyển chọn tổ chức, cá nhân chủ trì {object} năm {year}",
                  "Thông báo kết quả {verb} {object} năm {year}", "Thông báo về việc {verb} {object} {place}"],
    "bao-cao": ["Báo cáo kết quả {verb} {object} {time}", "Báo cáo tình hình {object} {place} {time}"],
    "khoa-hoc-cong-nghe": ["Ứng dụng {object} {place}", "Hiệu quả từ {object} {place}",
                           "{Subject} {verb} {object}"],
    "so-huu-tri-tue": ["Bảo hộ {tag} {place}", "Phát triển tài sản trí tuệ gắn với {tag}",
                       "Hướng dẫn đăng ký {object}"],
    "tieu-chuan-do-luong-chat-luong": ["Kiểm tra {object} {place}", "Tăng cường quản lý đo lường, chất lượng {time}",
                                       "Kiểm định {object} {place}"],
    "doi-moi-sang-tao": ["Khởi nghiệp đổi mới sáng tạo gắn với {tag}", "Ngày hội khởi nghiệp {place} năm {year}",
                         "Thúc đẩy {object} {place}"],
    "chuyen-doi-so": ["Chuyển đổi số trong {object}", "Số hóa {object} {place}",
                      "Ứng dụng công nghệ thông tin trong {object}"],
}


@dataclass(frozen=True)
class Post:
    slug: str
    title: str
    published: datetime  # naive, Vietnam time
    authors: tuple[str, ...]
    category: str  # id
    tags: tuple[str, ...]
    summary: str | None
    lead: str  # the first paragraph (Material's excerpt)
    rest: tuple[str, ...]  # the other Markdown blocks: paragraphs, `## ` headings, a `- ` list

    @property
    def body(self) -> str:
        return "\n\n".join((self.lead, *self.rest)) + "\n"

    @property
    def words(self) -> int:
        return len(self.body.split())


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _fill(rng: random.Random, template: str, year: int) -> str:
    """`template` with every {slot} drawn afresh; {Slot} gives the same with a capital first letter."""
    tags = rng.sample(TAGS, 2)
    values = {
        "subject": rng.choice(SUBJECTS), "verb": rng.choice(VERBS), "object": rng.choice(OBJECTS),
        "place": rng.choice(PLACES), "purpose": rng.choice(PURPOSES), "role": rng.choice(ROLES),
        "finding": rng.choice(FINDINGS), "adverb": rng.choice(ADVERBS), "unit": rng.choice(UNITS),
        "tag": tags[0], "tag2": tags[1], "count": str(rng.randint(3, 240)), "count2": str(rng.randint(1, 30)),
        "percent": str(rng.randint(2, 35)), "day": str(rng.randint(1, 28)), "month": str(rng.randint(1, 12)),
        "quarter": ["I", "II", "III", "IV"][rng.randrange(4)], "year": str(year),
    }
    values["time"] = rng.choice(TIMES).format(**values)
    values.update({_capital(key): _capital(value) for key, value in list(values.items())})
    return template.format(**values)


def _paragraph(rng: random.Random, year: int, sentences: int) -> str:
    return " ".join(_fill(rng, rng.choice(SENTENCES), year) for _ in range(sentences))


def _body(rng: random.Random, year: int) -> tuple[str, tuple[str, ...]]:
    """(lead, other blocks) of about WORDS_MIN…WORDS_MAX words."""
    target = rng.randint(WORDS_MIN, WORDS_MAX)
    lead = f"{_fill(rng, rng.choice(LEADS), year)} {_paragraph(rng, year, 1)}"
    headings = rng.sample(HEADINGS, 2)
    items = [_fill(rng, rng.choice(LIST_ITEMS), year) for _ in range(rng.randint(3, 5))]
    blocks = [_paragraph(rng, year, rng.randint(2, 4)), f"## {headings[0]}", _paragraph(rng, year, 3),
              "\n".join(f"- {item}{';' if n < len(items) - 1 else '.'}" for n, item in enumerate(items))]
    words = sum(len(block.split()) for block in (lead, *blocks))
    second_heading = rng.random() < 0.5
    while words < target:
        if second_heading and len(blocks) >= 6:
            blocks.append(f"## {headings[1]}")
            words += len(blocks[-1].split())
            second_heading = False
        paragraph = []
        while words < target and len(paragraph) < rng.randint(3, 4):
            sentence = _fill(rng, rng.choice(SENTENCES), year)
            paragraph.append(sentence)
            words += len(sentence.split())
        blocks.append(" ".join(paragraph))
    return lead, tuple(blocks)


def generate_posts(count: int, seed: int = 1, taken: set[str] | frozenset = frozenset(),
                   categories: list[str] | None = None) -> list[Post]:
    """`count` posts, oldest first. `taken`: slugs already used on the site (real bulletins, reports)."""
    rng = random.Random(seed)
    categories = categories or [cid for cid, _ in CATEGORIES]
    used = set(taken)
    posts = []
    for _ in range(count):
        year = FIRST_YEAR + rng.randrange(YEARS)
        published = datetime(year, 1, 1, 7) + timedelta(days=rng.randrange(365), seconds=rng.randrange(11 * 3600))
        category = rng.choice(categories)
        title = _capital(_fill(rng, rng.choice(TITLES.get(category, TITLES["tin-hoat-dong"])), year))
        base = slugify(title, max_length=80, word_boundary=True) or "ban-tin"
        slug, n = base, 1
        while slug in used:
            n += 1
            slug = f"{base}-{n}"
        used.add(slug)
        authors = tuple(rng.sample(AUTHORS, 2 if rng.random() < 0.1 else 1))
        tags = tuple(rng.sample(TAGS, rng.randint(0, 3)))
        summary = _fill(rng, rng.choice(LEADS), year) if rng.random() < 0.7 else None
        lead, rest = _body(rng, year)
        posts.append(Post(slug, title, published, authors, category, tags, summary, lead, rest))
    posts.sort(key=lambda p: (p.published, p.slug))
    return posts


# --- ours: data/tin-tuc/<year>/<slug>.md --------------------------------------------------------------------

def our_categories(data_dir: Path) -> list[tuple[str, str]]:
    """The project's own categories (data/chuyen-muc.yaml, when there is one) first, then ours, up to 8 in all."""
    found: list[tuple[str, str]] = []
    existing = data_dir / "chuyen-muc.yaml"
    if existing.is_file():
        loaded = yaml.safe_load(existing.read_text(encoding="utf-8")) or {}
        found = [(str(c["ma"]), str(c["ten"])) for c in loaded.get("chuyen_muc") or []]
    ids = {cid for cid, _ in found}
    extra = [(cid, name) for cid, name in CATEGORIES if cid not in ids]
    return found + extra[:max(0, 8 - len(found))]


def our_bulletin(post: Post) -> str:
    lines = ["---", f"tieu_de: {q(post.title)}", f"ngay_dang: {q(f'{post.published:%d/%m/%Y %H:%M:%S}')}",
             f"tac_gia: {q(post.authors[0] if len(post.authors) == 1 else list(post.authors))}",
             f"chuyen_muc: {q(post.category)}"]
    if post.tags:
        lines.append(f"the: {q(list(post.tags))}")
    if post.summary:
        lines.append(f"tom_tat: {q(post.summary)}")
    return "\n".join([*lines, "---", ""]) + post.body


def write_ours(posts: list[Post], data_dir: Path, categories: list[tuple[str, str]] | None = None) -> Path:
    """data/chuyen-muc.yaml and data/tin-tuc/<year>/<slug>.md into `data_dir` (a project copy's data/)."""
    data_dir = Path(data_dir)
    categories = categories or our_categories(data_dir)
    out = ["# Chuyên mục TỔNG HỢP để thử tải (benchmarks/generate_bulletins.py).", "chuyen_muc:"]
    out += [f"  - ma: {q(cid)}\n    ten: {q(name)}" for cid, name in categories]
    data_dir.mkdir(parents=True, exist_ok=True)
    (data_dir / "chuyen-muc.yaml").write_text("\n".join(out) + "\n", encoding="utf-8")
    for post in posts:
        target = data_dir / "tin-tuc" / str(post.published.year) / f"{post.slug}.md"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(our_bulletin(post), encoding="utf-8")
    return data_dir


# --- Material's blog plugin: a separate minimal project -------------------------------------------------------

AVATAR = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><circle cx="12" cy="8" r="5" fill="#3f51b5"/>'
          '<path d="M2 23c0-6 4-9 10-9s10 3 10 9z" fill="#3f51b5"/></svg>\n')


def author_id(name: str) -> str:
    return slugify(name)


def material_post(post: Post, category_names: dict[str, str]) -> str:
    lines = ["---", f"date: {post.published:%Y-%m-%dT%H:%M:%S}", f"slug: {post.slug}", "authors:"]
    lines += [f"  - {author_id(name)}" for name in post.authors]
    lines += ["categories:", f"  - {q(category_names[post.category])}"]
    if post.tags:
        lines.append(f"tags: {q(list(post.tags))}")  # kept for parity; no tags plugin, so Material ignores them
    if post.summary:
        lines.append(f"description: {q(post.summary)}")
    return "\n".join([*lines, "---", "", f"# {post.title}", "", post.lead, "", "<!-- more -->", "",
                      "\n\n".join(post.rest), ""])


def material_config(markdown_extensions: list) -> dict:
    return {
        "site_name": "Bản tin thử tải (Material blog)",
        "strict": True,
        "theme": {"name": "material", "language": "vi", "font": False},
        # the blog's defaults (pagination 10 a page, archive by year, categories); author pages switched on, as
        # our site has them
        "plugins": [{"search": {"lang": "vi"}}, {"blog": {"authors_profiles": True}}],
        "markdown_extensions": markdown_extensions,
        "nav": [{"Trang chủ": "index.md"}, {"Tin tức": ["blog/index.md"]}],
    }


def write_material(posts: list[Post], project: Path, markdown_extensions: list,
                   categories: list[tuple[str, str]] | None = None) -> Path:
    """A minimal Material blog project in `project`: mkdocs.yml, docs/index.md, docs/blog/…"""
    project = Path(project)
    names = dict(categories or CATEGORIES)
    blog = project / "docs" / "blog"
    (blog / "posts").mkdir(parents=True, exist_ok=True)
    (project / "docs" / "assets").mkdir(parents=True, exist_ok=True)
    (project / "docs" / "assets" / "avatar.svg").write_text(AVATAR, encoding="utf-8")
    (project / "mkdocs.yml").write_text(
        yaml.safe_dump(material_config(markdown_extensions), allow_unicode=True, sort_keys=False), encoding="utf-8")
    (project / "docs" / "index.md").write_text("# Trang thử tải\n\nBản tin tổng hợp: [Tin tức](blog/index.md).\n",
                                               encoding="utf-8")
    (blog / "index.md").write_text("# Tin tức\n", encoding="utf-8")
    authors = {author_id(name): {"name": name, "description": "Phóng viên (tổng hợp)", "avatar": "assets/avatar.svg"}
               for name in AUTHORS}
    (blog / ".authors.yml").write_text(yaml.safe_dump({"authors": authors}, allow_unicode=True, sort_keys=True),
                                       encoding="utf-8")
    for post in posts:
        (blog / "posts" / f"{post.slug}.md").write_text(material_post(post, names), encoding="utf-8")
    return project


def our_markdown_extensions(mkdocs_yml: Path) -> list:
    """The `markdown_extensions` of our mkdocs.yml (the toc's slugify is set by our hooks, so not here)."""
    from mkdocs.utils import yaml_load  # resolves !ENV like MkDocs does

    return yaml_load(Path(mkdocs_yml).read_text(encoding="utf-8"))["markdown_extensions"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--ours", type=Path, help="a project copy: writes <ours>/data/tin-tuc/ and chuyen-muc.yaml")
    parser.add_argument("--material", type=Path, help="folder for the Material blog project (created)")
    args = parser.parse_args()
    root = Path(__file__).resolve().parent.parent
    for target in (args.ours, args.material):
        if target is not None and target.resolve().is_relative_to(root):
            parser.error(f"{target} is inside the repository: synthetic data lives in temporary folders only")
    categories = our_categories(args.ours / "data") if args.ours else CATEGORIES
    posts = generate_posts(args.count, args.seed, categories=[cid for cid, _ in categories])
    if args.ours:
        write_ours(posts, args.ours / "data", categories)
    if args.material:
        write_material(posts, args.material, our_markdown_extensions(root / "mkdocs.yml"), categories)
    print(f"Đã viết {len(posts)} bản tin tổng hợp.")


if __name__ == "__main__":
    main()
