"""data/to-chuc.yaml: the organisation, one record."""

from __future__ import annotations

from khcn.data.dataset.reading import Reading
from khcn.data.kinds import ORGANISATION
from khcn.data.models import Organisation


def read_organisation(reading: Reading) -> Organisation | None:
    return reading.record(ORGANISATION)
