"""Write a complete, valid, obviously synthetic data/ folder of any size, for benchmarks (never into the repository).

    .venv/bin/python benchmarks/generate_stats_data.py /tmp/somewhere/data --indicators 2000 --periods 40

Deterministic: the same arguments give the same bytes (random.Random(seed)). Periods are half-years from 2001-H1
on (40 periods: 2001-H1 … 2020-H2); every indicator has a value in every period.
"""

from __future__ import annotations

import argparse
import random
from datetime import date
from pathlib import Path

from benchkit import q

AREAS = [("quan-ly-khoa-hoc", "Quản lý khoa học"), ("so-huu-tri-tue", "Sở hữu trí tuệ"),
         ("quan-ly-cong-nghe", "Quản lý công nghệ"), ("tieu-chuan-do-luong", "Tiêu chuẩn – Đo lường – Chất lượng"),
         ("thanh-tra", "Thanh tra khoa học và công nghệ"), ("an-toan-buc-xa", "An toàn bức xạ, hạt nhân"),
         ("thong-tin-thong-ke", "Thông tin, thống kê khoa học"), ("doi-moi-sang-tao", "Đổi mới sáng tạo"),
         ("ung-dung-tien-bo", "Ứng dụng tiến bộ kỹ thuật"), ("thi-truong-cong-nghe", "Thị trường công nghệ")]
SUBJECTS = [("de-tai", "Đề tài", "đề tài"), ("du-an", "Dự án", "dự án"), ("ho-so", "Hồ sơ", "hồ sơ"),
            ("phuong-tien-do", "Phương tiện đo", "phương tiện"), ("doanh-nghiep", "Doanh nghiệp", "doanh nghiệp"),
            ("san-pham", "Sản phẩm", "sản phẩm"), ("co-so", "Cơ sở sản xuất", "cơ sở"),
            ("sang-kien", "Sáng kiến", "sáng kiến"), ("tieu-chuan", "Tiêu chuẩn cơ sở", "tiêu chuẩn"),
            ("hop-dong", "Hợp đồng chuyển giao công nghệ", "hợp đồng"), ("thiet-bi", "Thiết bị X-quang", "thiết bị"),
            ("lop-tap-huan", "Lớp tập huấn", "lớp")]
ACTIONS = [("tiep-nhan", "được tiếp nhận"), ("phe-duyet", "được phê duyệt"), ("kiem-dinh", "được kiểm định"),
           ("cap-phep", "được cấp phép"), ("nghiem-thu", "được nghiệm thu"), ("ho-tro", "được hỗ trợ kinh phí"),
           ("kiem-tra", "được thanh tra, kiểm tra"), ("cong-bo", "được công bố hợp chuẩn"),
           ("dang-ky", "được đăng ký bảo hộ"), ("ung-dung", "được ứng dụng vào sản xuất")]
PLACES = [("cap-tinh", "cấp tỉnh"), ("cap-huyen", "cấp huyện"), ("nong-thon", "khu vực nông thôn"),
          ("do-thi", "khu vực đô thị"), ("mien-nui", "vùng miền núi"), ("khu-cong-nghiep", "trong khu công nghiệp")]
COMPONENTS = [("cap-tinh", "Cấp tỉnh"), ("cap-huyen", "Cấp huyện"), ("cap-xa", "Cấp xã"),
              ("doanh-nghiep", "Doanh nghiệp"), ("to-chuc-khcn", "Tổ chức khoa học và công nghệ"),
              ("ca-nhan", "Cá nhân"), ("nha-nuoc", "Khu vực nhà nước"), ("ngoai-nha-nuoc", "Khu vực ngoài nhà nước")]
DENOMINATORS = ["UBND cấp xã", "cơ quan hành chính", "doanh nghiệp", "trường học", "cơ sở y tế"]
DISTRICTS = ["Thử Nghiệm", "Mẫu Sơn", "Đồi Giả", "Bản Tạm", "Suối Ví Dụ", "Lũng Mô Phỏng"]
HOSTS = ["Viện Nghiên cứu Thử nghiệm", "Trường Đại học Mẫu", "Công ty TNHH Giả Định", "Trung tâm Ứng dụng Mô phỏng",
         "Hợp tác xã Ví Dụ"]
TOPICS = ["giống chè", "cây cam sành", "quy trình nuôi cá lồng", "bảo quản nông sản", "năng lượng mặt trời",
          "truy xuất nguồn gốc", "chuyển đổi số", "y học cổ truyền", "vật liệu xây dựng", "du lịch cộng đồng"]
PRODUCTS = ["Chè", "Cam", "Bưởi", "Mật ong", "Gạo", "Miến", "Rượu ngô", "Măng", "Thịt trâu", "Nấm"]
LEVELS = [("cap-tinh", 5), ("cap-co-so", 3), ("nong-thon-mien-nui", 2), ("cap-quoc-gia", 1)]
STATUSES = [("da-nghiem-thu", 6), ("dang-thuc-hien", 3), ("de-xuat", 1), ("dung-thuc-hien", 1)]
DOCUMENTS = [("01/KH-UBND-TN", "Kế hoạch", "Ủy ban nhân dân tỉnh Thử Nghiệm", "04/02/2020",
              "Về triển khai thực hiện chương trình thử nghiệm khoa học và công nghệ"),
             ("12/2019/QĐ-UBND-TN", "Quyết định", "Ủy ban nhân dân tỉnh Thử Nghiệm", "15/7/2019",
              "Ban hành quy định mẫu về quản lý nhiệm vụ khoa học và công nghệ"),
             ("05/NQ-HĐND-TN", "Nghị quyết", "Hội đồng nhân dân tỉnh Thử Nghiệm", "12/12/2018",
              "Về cơ chế hỗ trợ giả định cho doanh nghiệp đổi mới công nghệ")]


TEXT_KEYS = {"ten", "don_vi", "dinh_nghia", "mau_so"}


def period_ids(periods: int) -> list[str]:
    return [f"{2001 + i // 2}-H{i % 2 + 1}" for i in range(periods)]


def _catalogue(rng: random.Random, count: int) -> list[dict]:
    indicators = []
    for n in range(count):
        (sid, sname, unit), (aid, aname), (pid, pname) = rng.choice(SUBJECTS), rng.choice(ACTIONS), rng.choice(PLACES)
        ind = {"ma": f"{sid}-{aid}-{pid}-{n:04d}", "ten": f"{sname} {aname} {pname} (nhóm {n + 1})", "don_vi": unit,
               "linh_vuc": AREAS[n % len(AREAS)][0], "kieu": "so_luong",
               "cach_tinh": rng.choice(["trong_ky", "cuoi_ky"]), "scale": rng.choice([8, 40, 300, 2500])}
        roll = rng.random()
        if roll < 0.12:
            ind["thanh_phan"] = rng.sample(COMPONENTS, rng.randint(2, 4))
        elif roll < 0.20:
            ind.update(kieu="ty_le", mau_so=rng.choice(DENOMINATORS), scale=rng.randint(20, 200))
        elif roll < 0.28:
            ind.update(kieu="phan_tram", don_vi="%")
        elif roll < 0.30 and indicators and indicators[-1]["kieu"] == "so_luong":
            ind.update(thuoc=indicators[-1]["ma"], linh_vuc=indicators[-1]["linh_vuc"])
        ind["dinh_nghia"] = (f"Số {sname.lower()} {aname} {pname} trong kỳ, tổng hợp từ báo cáo của các cơ quan, "
                             f"đơn vị trên địa bàn tỉnh (số liệu tổng hợp để thử tải, không phải số liệu thật).")
        indicators.append(ind)
    for ind in indicators[:6]:
        ind["noi_bat"] = "có"
    return indicators


def _value(rng: random.Random, ind: dict, parent_value: int | None):
    """(YAML text after `ma:`, the count used by parts) of one indicator in one period."""
    if ind["kieu"] == "ty_le":
        denominator = ind["scale"]
        return f"{rng.randint(0, denominator)}/{denominator}", None
    if ind["kieu"] == "phan_tram":
        hundredths = rng.randint(4000, 10000)
        return ("100" if hundredths == 10000 else f"{hundredths // 100},{hundredths % 100:02d}"), None
    if parent_value is not None:
        total = rng.randint(0, parent_value)
        return str(total), total
    if "thanh_phan" in ind:
        parts = [(cid, rng.randint(0, ind["scale"])) for cid, _ in ind["thanh_phan"]]
        lines = "".join(f"\n    {cid}: {count:02d}" for cid, count in parts)
        total = sum(count for _, count in parts)
        return f"\n  gia_tri: {total:02d}\n  thanh_phan:{lines}", total
    total = rng.randint(0, ind["scale"])
    if rng.random() < 0.01 and total:
        return f"\n  gia_tri: {total}\n  so_sanh: tren", total
    return f"{total:02d}", total


def _write_catalogue(dest: Path, indicators: list[dict]) -> None:
    out = ["# Danh mục chỉ số TỔNG HỢP để thử tải (benchmarks/generate_stats_data.py).", "linh_vuc:"]
    out += [f"  - ma: {aid}\n    ten: {q(name)}" for aid, name in AREAS]
    out.append("chi_so:")
    for ind in indicators:
        out.append(f"  - ma: {ind['ma']}")
        for key in ("ten", "don_vi", "linh_vuc", "kieu", "cach_tinh", "dinh_nghia", "mau_so", "thuoc", "noi_bat"):
            if key in ind:
                out.append(f"    {key}: {q(ind[key]) if key in TEXT_KEYS else ind[key]}")
        if "thanh_phan" in ind:
            out.append("    thanh_phan:")
            out += [f"      - ma: {cid}\n        ten: {q(name)}" for cid, name in ind["thanh_phan"]]
    (dest / "chi-so.yaml").write_text("\n".join(out) + "\n", encoding="utf-8")


def _write_values(rng: random.Random, dest: Path, indicators: list[dict], periods: list[str]) -> None:
    (dest / "so-lieu").mkdir()
    for period in periods:
        counts: dict[str, int | None] = {}
        out = [f"# Số liệu tổng hợp kỳ {period} (thử tải)."]
        for ind in indicators:
            text, counts[ind["ma"]] = _value(rng, ind, counts.get(ind.get("thuoc")))
            out.append(f"{ind['ma']}:{'' if text.startswith(chr(10)) else ' '}{text}")
        (dest / "so-lieu" / f"{period}.yaml").write_text("\n".join(out) + "\n", encoding="utf-8")


def _write_projects(rng: random.Random, dest: Path, projects: int) -> None:
    levels, level_weights = zip(*LEVELS)
    statuses, status_weights = zip(*STATUSES)
    out = ["# Sổ đề tài, dự án TỔNG HỢP (thử tải).", "day_du_cac_ky: []", "de_tai_du_an:"]
    for n in range(projects):
        start = rng.randrange(240)  # months since 01/2001
        level, status = rng.choices(levels, level_weights)[0], rng.choices(statuses, status_weights)[0]
        out.append(f"  - ma_so: {q(f'ĐT.{n + 1:05d}/{2001 + start // 12}')}")
        out.append(f"    ten: {q(f'Nghiên cứu {rng.choice(TOPICS)} tại huyện {rng.choice(DISTRICTS)} (số {n + 1})')}")
        out.append(f"    cap: {level}")
        if level == "nong-thon-mien-nui":
            out.append(f"    chuong_trinh: {q('Chương trình Nông thôn miền núi (thử nghiệm)')}")
        out.append(f"    to_chuc_chu_tri: {q(rng.choice(HOSTS))}")
        out.append(f"    bat_dau: {start % 12 + 1:02d}/{2001 + start // 12}")
        if status != "dang-thuc-hien" or rng.random() < 0.5:
            end = min(start + rng.randint(6, 36), 239)
            out.append(f"    ket_thuc: {end % 12 + 1:02d}/{2001 + end // 12}")
        out.append(f"    trang_thai: {status}")
    (dest / "de-tai-du-an.yaml").write_text("\n".join(out) + "\n", encoding="utf-8")


def _write_protections(rng: random.Random, dest: Path, count: int) -> None:
    out = ["# Sổ bảo hộ TỔNG HỢP (thử tải).", "day_du_cac_ky: []", "bao_ho:"]
    kinds = ["nhan-hieu", "nhan-hieu-tap-the", "nhan-hieu-chung-nhan", "chi-dan-dia-ly"]
    for n in range(count):
        statuses = ["dang-xay-dung", "da-nop-don", "dang-tham-dinh", "da-cap"]
        district, status = rng.choice(DISTRICTS), rng.choice(statuses)
        out.append(f"  - san_pham: {q(f'{rng.choice(PRODUCTS)} {district} số {n + 1}')}")
        out.append(f"    huyen: {q(district)}\n    loai: {rng.choice(kinds)}\n    trang_thai: {status}")
        day = date.fromordinal(date(2001, 1, 1).toordinal() + rng.randrange(7300))
        if status == "da-cap" or rng.random() < 0.3:
            out.append(f"    ngay: {day:%d/%m/%Y}")
        out.append("    tinh_den: 31/12/2020")
    (dest / "bao-ho.yaml").write_text("\n".join(out) + "\n", encoding="utf-8")


def _write_report(dest: Path, indicators: list[dict], periods: list[str]) -> None:
    period = periods[-1]
    year, half = int(period[:4]), period[-2:]
    slug = f"{year}-6-thang-{'dau' if half == 'H1' else 'cuoi'}-nam"
    counts = [i for i in indicators if i["kieu"] == "so_luong" and "thanh_phan" not in i][:3]
    cited = [f"{{{{{i['ma']}}}}} {i['don_vi']}" for i in counts]
    split = next((i for i in indicators if "thanh_phan" in i), None)
    if split:
        cited.append(f"{{{{{split['ma']}}}}} {split['don_vi']} (trong đó {split['thanh_phan'][0][1].lower()}: "
                     f"{{{{{split['ma']}.{split['thanh_phan'][0][0]}}}}})")
    cited += [f"tỉ lệ {{{{{i['ma']}}}}}" for i in indicators if i["kieu"] in ("ty_le", "phan_tram")][:2]
    if len(periods) > 1 and counts:
        cited.append(f"kỳ trước {{{{{counts[0]['ma']}@{periods[-2]}}}}} {counts[0]['don_vi']}")
    month = 1 if half == "H2" else 7
    text = [f"# Báo cáo TỔNG HỢP để thử tải (kỳ {period}).",
            f"tieu_de: {q(f'Kết quả công tác quản lý nhà nước về khoa học và công nghệ kỳ {period} (thử nghiệm)')}",
            f"ky: {period}", f'ngay_dang: "15/{month:02d}/{year + (half == "H2")} 09:30:00"',
            f"tac_gia: {q('Nguyễn Văn Thử')}", "mo_dau: |",
            f"  Thực hiện [[{DOCUMENTS[0][0]}]] và [[{DOCUMENTS[1][0]}]], Sở đã triển khai các nhiệm vụ được giao.",
            "ket_qua:"]
    text += [f"  - |\n    Kết quả: {c}." for c in cited]
    text += ["nhiem_vu:", "  - |", "    Tiếp tục triển khai các nhiệm vụ thử nghiệm."]
    (dest / "bao-cao").mkdir()
    (dest / "bao-cao" / f"{slug}.yaml").write_text("\n".join(text) + "\n", encoding="utf-8")


def generate(dest: Path, indicators: int = 2000, periods: int = 40, projects: int = 20000, seed: int = 1,
             protections: int = 300) -> Path:
    """Write data/ into `dest` (created; must not exist or be empty) and return it."""
    rng = random.Random(seed)
    dest = Path(dest)
    dest.mkdir(parents=True, exist_ok=True)
    (dest / "to-chuc.yaml").write_text("""\
# Cơ quan GIẢ ĐỊNH: dữ liệu tổng hợp để thử tải, không phải một cơ quan có thật.
co_quan_chu_quan: Uỷ ban nhân dân tỉnh Thử Nghiệm
ten: Sở Khoa học và Công nghệ (thử tải)
ten_day_du: Sở Khoa học và Công nghệ tỉnh Thử Nghiệm (dữ liệu tổng hợp)
ten_trang: TRANG THỬ TẢI VỚI DỮ LIỆU TỔNG HỢP
chiu_trach_nhiem:
  ho_ten: Nguyễn Văn Thử
  chuc_vu: Giám đốc (giả định)
dia_chi: Số 0, Đường Thử Nghiệm, tỉnh Thử Nghiệm
dien_thoai: "(0000) 000000"
giay_phep:
  so: 00/GP-THU-NGHIEM
  ngay: 01/01/2020
  co_quan_cap: Cơ quan cấp phép giả định
ghi_chu_su_dung_lai: Dữ liệu tổng hợp, chỉ dùng để đo hiệu năng.
""", encoding="utf-8")
    docs = [f"- so_ky_hieu: {q(number)}\n  loai: {kind}\n  co_quan_ban_hanh: {q(issuer)}\n  ngay_ban_hanh: {day}\n"
            f"  trich_yeu: {q(summary)}" for number, kind, issuer, day, summary in DOCUMENTS]
    (dest / "van-ban.yaml").write_text("\n".join(docs) + "\n", encoding="utf-8")
    (dest / "chuyen-muc.yaml").write_text("chuyen_muc:\n  - ma: bao-cao\n    ten: Báo cáo\n", encoding="utf-8")
    catalogue = _catalogue(rng, indicators)
    ids = period_ids(periods)
    _write_catalogue(dest, catalogue)
    _write_values(rng, dest, catalogue, ids)
    _write_projects(rng, dest, projects)
    _write_protections(rng, dest, protections)
    _write_report(dest, catalogue, ids)
    return dest


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("dest", type=Path, help="the data/ folder to write")
    parser.add_argument("--indicators", type=int, default=2000)
    parser.add_argument("--periods", type=int, default=40)
    parser.add_argument("--projects", type=int, default=20000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    generate(args.dest, args.indicators, args.periods, args.projects, args.seed)
    print(f"Đã viết dữ liệu tổng hợp vào {args.dest}")


if __name__ == "__main__":
    main()
