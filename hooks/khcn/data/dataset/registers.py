"""data/de-tai-du-an.yaml and data/bao-ho.yaml: the registers of projects and of protections, each optional."""

from __future__ import annotations

from khcn.data.dataset.reading import Reading
from khcn.data.kinds import PROJECTS, PROTECTIONS, Kind


def read_registers(reading: Reading) -> dict:
    """Register id (as an indicator's `dem_tu_so` names it) -> the register."""
    return {"de-tai-du-an": _register(reading, PROJECTS), "bao-ho": _register(reading, PROTECTIONS)}


def _register(reading: Reading, kind: Kind):
    """A register file is optional: without it the register is empty."""
    if not (reading.data_dir / kind.files).is_file():
        return kind.shape()
    return reading.record(kind) or kind.shape()
