"""data/de-tai-du-an.yaml and data/bao-ho.yaml: the registers of projects and of protections, each optional."""

from __future__ import annotations

from khcn.data.dataset.reading import Reading
from khcn.data.kinds import Kind
from khcn.data.registerkinds import REGISTER_KINDS


def read_registers(reading: Reading) -> dict:
    """Register id (as an indicator's `dem_tu_so` names it) -> the register."""
    return {kind.id: _register(reading, kind.data) for kind in REGISTER_KINDS.values()}


def _register(reading: Reading, kind: Kind):
    """A register file is optional: without it the register is empty."""
    if not (reading.data_dir / kind.files).is_file():
        return kind.shape()
    return reading.record(kind) or kind.shape()
