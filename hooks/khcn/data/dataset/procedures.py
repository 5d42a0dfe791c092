"""data/thu-tuc.yaml (optional, issue 12b): the department's administrative procedures, by field. Each procedure's
code once, its field declared at the top of the file, and its link on an allowed host: the national public-service
portal (`NATIONAL_PORTAL`) or the province's own portal, whose host the file names (`cong_dich_vu_cong_tinh`)."""

from __future__ import annotations

from khcn.data.dataset.reading import Reading, one_of
from khcn.data.fields import url_host
from khcn.data.kinds import PROCEDURES
from khcn.data.models import Procedures
from khcn.data.validation import validate
from khcn.data.yamlsource import SourceDocument

NATIONAL_PORTAL = "dichvucong.gov.vn"  # Cổng Dịch vụ công quốc gia
STATE_DOMAIN = ".gov.vn"  # a province's portal is a state agency's site


def allowed_host(host: str, allowed: str) -> bool:
    """`host` is `allowed` or one of its sub-domains."""
    return host == allowed or host.endswith("." + allowed)


def read_procedures(reading: Reading) -> Procedures:
    """The file is optional: without it the register is empty (and no page is published)."""
    if not (reading.data_dir / PROCEDURES.files).is_file():
        return Procedures()
    doc = reading.read(PROCEDURES.files)
    if doc is None:
        return Procedures()
    record, errors = validate(Procedures, doc.data, doc)
    reading.errors.extend(errors)
    if record is None:
        return Procedures()
    return record if _check(reading, doc, record) else Procedures()


def _check(reading: Reading, doc: SourceDocument, register: Procedures) -> bool:
    before = len(reading.errors)
    data = doc.data
    reading.unique(doc, ("linh_vuc",), data.get("linh_vuc"))
    hosts = [NATIONAL_PORTAL]
    portal = register.provincial_portal
    if portal is not None:
        if portal.lower() != portal or "/" in portal or not portal.endswith(STATE_DOMAIN):
            reading.problem(doc, ("cong_dich_vu_cong_tinh",), f"`{portal}`",
                            f"tên miền cổng dịch vụ công của tỉnh, chữ thường, kết thúc bằng `{STATE_DOMAIN}`, "
                            "không có https://, ví dụ dichvucong.tuyenquang.gov.vn")
        hosts.append(_bare(portal))  # an invalid one still keeps its links quiet: one mistake, one message
    fields = [field.id for field in register.fields]
    codes: dict[str, int] = {}
    for index, procedure in enumerate(register.entries):
        if procedure.code in codes:
            reading.problem(doc, ("thu_tuc", index, "ma_so"),
                            f"mã `{procedure.code}` trùng với thủ tục ở dòng "
                            f"{doc.line_of(('thu_tuc', codes[procedure.code], 'ma_so'))}",
                            "mỗi thủ tục ghi một lần")
        else:
            codes[procedure.code] = index
        if procedure.field not in fields:
            reading.problem(doc, ("thu_tuc", index, "linh_vuc"), f"lĩnh vực `{procedure.field}` chưa khai báo",
                            one_of(procedure.field, fields, "mã một lĩnh vực trong `linh_vuc` đầu tệp"))
        host = url_host(procedure.link)
        if not any(allowed_host(host, allowed) for allowed in hosts):
            reading.problem(doc, ("thu_tuc", index, "lien_ket"), f"liên kết tới `{host}`",
                            "liên kết tới trang của thủ tục trên Cổng Dịch vụ công quốc gia "
                            f"({NATIONAL_PORTAL})"
                            + (f" hoặc cổng của tỉnh ({portal})" if len(hosts) > 1 else
                               " hoặc cổng dịch vụ công của tỉnh (ghi tên miền ở `cong_dich_vu_cong_tinh`)"))
    return len(reading.errors) == before


def _bare(portal: str) -> str:
    """The host an editor meant by `https://Host/`."""
    return portal.lower().removeprefix("https://").removeprefix("http://").split("/")[0]
