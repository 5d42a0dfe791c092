"""A value already published (committed: main is the website) changes only with a correction note."""

import pytest

from conftest import edit, git
from khcn.core.errors import DataErrors
from khcn.data.dataset import load_site_data


def test_a_changed_value_without_a_note_fails(published):
    edit(published / "so-lieu/2020-H1.yaml", "san-pham-bao-ho: 150", "san-pham-bao-ho: 151")
    with pytest.raises(DataErrors) as caught:
        load_site_data(published)
    assert [str(e) for e in caught.value.errors] == [
        "data/so-lieu/2020-H1.yaml:1 — trường `san-pham-bao-ho`: gặp giá trị đã công bố 150 nay là 151 mà không có "
        "ghi chú đính chính; cần thêm vào `san-pham-bao-ho` một mục `dinh_chinh` với `ngay`, `gia_tri_cu: 150` "
        "và `ly_do`."]


def test_a_changed_value_with_its_note_passes_and_keeps_the_note(published):
    (published / "so-lieu/2020-H1.yaml").write_text(
        "san-pham-bao-ho:\n  gia_tri: 151\n  dinh_chinh:\n    - ngay: 15/11/2021\n      gia_tri_cu: 150\n"
        "      ly_do: Bổ sung một văn bằng cấp trong kỳ nhưng báo cáo muộn.\nxa-ap-dung: 95/138\nphuong-tien-do: 900\n"
        "san-pham-dac-san:\n  gia_tri: 50\n  so_sanh: tren\n",
        encoding="utf-8")
    site = load_site_data(published)
    note = site.values[("san-pham-bao-ho", "2020-H1")].corrections[0]
    assert (note.previous, note.reason) == ("150", "Bổ sung một văn bằng cấp trong kỳ nhưng báo cáo muộn.")


def test_a_note_naming_another_old_value_does_not_count(published):
    (published / "so-lieu/2020-H1.yaml").write_text(
        "san-pham-bao-ho:\n  gia_tri: 151\n  dinh_chinh:\n    - ngay: 15/11/2021\n      gia_tri_cu: 149\n"
        "      ly_do: Nhầm.\nxa-ap-dung: 95/138\nphuong-tien-do: 900\n"
        "san-pham-dac-san:\n  gia_tri: 50\n  so_sanh: tren\n", encoding="utf-8")
    with pytest.raises(DataErrors) as caught:
        load_site_data(published)
    # the note is there: its old value is wrong, it is not a missing note (issue 13)
    assert [str(e) for e in caught.value.errors] == [
        "data/so-lieu/2020-H1.yaml:3 — trường `san-pham-bao-ho.dinh_chinh`: gặp `gia_tri_cu` `149` không khớp giá "
        "trị đã công bố 150; cần `gia_tri_cu: 150` (giá trị bạn đọc đã thấy trước khi sửa)."]


def test_every_published_change_needs_its_note(published):
    """Two corrections committed one after the other: both stay on record."""
    values = published / "so-lieu/2021-H1.yaml"
    edit(values, "xa-ap-dung: 109/138", "xa-ap-dung:\n  tu_so: 110\n  mau_so: 138\n  dinh_chinh:\n"
                                         "    - ngay: 01/11/2021\n      gia_tri_cu: 109/138\n      ly_do: Thêm một xã.")
    load_site_data(published)
    git(published.parent, "commit", "-qam", "Đính chính lần 1")
    edit(values, "tu_so: 110", "tu_so: 111")
    with pytest.raises(DataErrors) as caught:
        load_site_data(published)
    assert "gặp giá trị đã công bố 110/138 (79,7%) nay là 111/138 (80,4%)" in str(caught.value)
    edit(values, "      ly_do: Thêm một xã.", "      ly_do: Thêm một xã.\n    - ngay: 02/11/2021\n"
                                                 "      gia_tri_cu: 110/138\n      ly_do: Thêm một xã nữa.")
    assert len(load_site_data(published).values[("xa-ap-dung", "2021-H1")].corrections) == 2


def test_a_published_value_cannot_silently_disappear(published):
    edit(published / "so-lieu/2021-H1.yaml", "co-quan-ap-dung: 86,96\n", "")
    with pytest.raises(DataErrors) as caught:
        load_site_data(published)
    assert "gặp giá trị đã công bố của `co-quan-ap-dung` bị xoá khỏi tệp" in str(caught.value)


def test_unpublished_changes_need_no_note(tiny_data):
    edit(tiny_data / "so-lieu/2020-H1.yaml", "san-pham-bao-ho: 150", "san-pham-bao-ho: 151")
    assert load_site_data(tiny_data).values[("san-pham-bao-ho", "2020-H1")].value == 151


def test_a_correction_is_shown_where_the_value_is(published):
    from khcn.build import site_pages

    edit(published / "so-lieu/2021-H1.yaml", "san-pham-bao-ho: 200",
         "san-pham-bao-ho:\n  gia_tri: 201\n  dinh_chinh:\n    - ngay: 15/11/2021\n"
         "      gia_tri_cu: 200\n      ly_do: Bổ sung một văn bằng.")
    site = load_site_data(published)
    pages = dict(site_pages(site))
    note = "ngày 15/11/2021, trước đây công bố **200**. Lý do: Bổ sung một văn bằng."
    assert note in pages["bao-cao/2021-6-thang.md"]
    assert "Ngày 15/11/2021, số liệu 6 tháng đầu năm 2021: trước đây công bố **200**" in pages[
        "thong-ke/chi-so/san-pham-bao-ho.md"]
    assert ('201 <abbr title="Đã đính chính, xem trang chỉ số">(đc)</abbr>'
            in pages["thong-ke/linh-vuc/so-huu-tri-tue.md"])


def test_a_changed_component_is_named(published):
    edit(published / "so-lieu/2021-H1.yaml", "    cot-do: 1226\n    can: 08", "    cot-do: 1225\n    can: 09")
    with pytest.raises(DataErrors) as caught:
        load_site_data(published)
    assert ("gặp giá trị đã công bố 1.234 có thành phần đổi: `cot-do` 1226 nay là 1225, `can` 8 nay là 9 "
            "mà không có ghi chú đính chính") in str(caught.value)


def test_commits_not_yet_on_the_remote_main_are_drafts(published, tmp_path):
    remote = tmp_path / "remote.git"
    git(tmp_path, "init", "-q", "--bare", str(remote))
    git(published.parent, "remote", "add", "origin", str(remote))
    git(published.parent, "push", "-q", "origin", "HEAD:refs/heads/main")
    git(published.parent, "fetch", "-q", "origin")
    edit(published / "so-lieu/2020-H1.yaml", "san-pham-bao-ho: 150", "san-pham-bao-ho: 151")
    git(published.parent, "commit", "-qam", "Nháp, chưa đẩy lên")
    edit(published / "so-lieu/2020-H1.yaml", "san-pham-bao-ho: 151", "san-pham-bao-ho: 150")
    assert load_site_data(published).values[("san-pham-bao-ho", "2020-H1")].value == 150  # back to the published


def test_the_published_versions_come_from_the_history_given(tiny_data):
    """Not under git: the history handed to the loader is what was published (the Excel importer's own, for one)."""
    values = tiny_data / "so-lieu/2020-H1.yaml"
    published_text = values.read_text(encoding="utf-8")
    edit(values, "san-pham-bao-ho: 150", "san-pham-bao-ho: 151")
    load_site_data(tiny_data)  # git knows no version of it
    asked = []

    def history(path):
        asked.append(path.name)
        return [("c0", published_text)] if path == values else []

    with pytest.raises(DataErrors) as caught:
        load_site_data(tiny_data, history=history)
    assert "gặp giá trị đã công bố 150 nay là 151 mà không có ghi chú đính chính" in str(caught.value)
    assert "2020-H1.yaml" in asked
    load_site_data(tiny_data, check_history=False, history=history)
