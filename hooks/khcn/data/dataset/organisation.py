"""data/to-chuc.yaml: the organisation, one record, and its emblem (issue 13)."""

from __future__ import annotations

from khcn.addresses import ICON_SIZES
from khcn.data.dataset.images import check_picture
from khcn.data.dataset.reading import Reading
from khcn.data.kinds import ORGANISATION
from khcn.data.models import Organisation

EMBLEM_FIELDS = ("bieu_trung", "bieu_trung_mo_ta")
EMBLEM_MIN = ICON_SIZES["home_screen"]  # pixels: the phone's home-screen icon is made from it, and the header's logo


def read_organisation(reading: Reading) -> Organisation | None:
    organisation = reading.record(ORGANISATION)
    if organisation is not None and organisation.emblem is not None:
        doc = next(doc for doc in reading.documents if doc.file == reading.name(ORGANISATION.files))
        facts = check_picture(reading, doc, (), organisation.emblem, organisation.emblem_alt,
                              example="/anh/bieu-trung.png", fields=EMBLEM_FIELDS)
        if facts is not None and facts.kind != "svg" and min(facts.width, facts.height) < EMBLEM_MIN:
            reading.problem(doc, (EMBLEM_FIELDS[0],), f"biểu trưng chỉ {facts.width}×{facts.height} điểm ảnh",
                            f"ảnh biểu trưng rộng và cao ít nhất {EMBLEM_MIN} điểm ảnh (hoặc ảnh SVG)")
    return organisation
