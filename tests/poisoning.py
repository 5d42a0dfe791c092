"""Hostile texts put into the records of a loaded site, past validation: every text field of every record (found
from the models, so a new field is covered without being listed) and every plain run of a report's or bulletin's
text. Used by a hook that a test copies into a throwaway project (`POISON_HOOK`), to test the second line of defence
on its own: whatever validation would refuse, the built site must show it harmless."""

from __future__ import annotations

import dataclasses
import itertools
from typing import get_args

from pydantic import BaseModel

from hostile import HOSTILE_TEXTS
from khcn.data.fields import Text
from khcn.data.richtext import Plain

PER_FIELD = 3  # hostile texts after each original text, in turn: every text lands in many fields; names stay short
# enough to be a file name (an author's page is named after the author)


def _is_text(field) -> bool:
    """`Text` or `Text | None`: pydantic keeps Text's validator in the field's metadata, or the Annotated inside."""
    text_meta = get_args(Text)[1:]
    return any(m in field.metadata for m in text_meta) or Text in get_args(field.annotation)


# Texts that name another record or a file by its key (a document replaced by another of the register, an attached
# file): they stay, as keys do.
CROSS_REFERENCES = {"replaced_by", "related", "attachments"}


# Records whose texts are read for `{{…}}` and `[[…]]` when their page is rendered (validation checks each reference
# in them): a hostile `{{…}}` added after validation would name a figure that does not exist.
READ_FOR_REFERENCES = {"Functions", "Edition"}  # issue 15: an edition's editor's note (loi_toa_soan)


def _plain(record) -> bool:
    return type(record).__name__ not in READ_FOR_REFERENCES


def poison(site):
    """`site` (or any record) with hostile texts after every text, the same ones for the same input."""
    turn = itertools.count()

    def payload(references_allowed: bool = True) -> str:
        first = next(turn) * PER_FIELD
        texts = [HOSTILE_TEXTS[(first + k) % len(HOSTILE_TEXTS)] for k in range(PER_FIELD)]
        return " ".join(text for text in texts if references_allowed or "{{" not in text)

    def walk(value, key=None):
        """A text that is the key its record is looked up by (a document's number in `site.documents`) stays: the
        records that cite it would no longer find it."""
        if isinstance(value, BaseModel):
            update = {}
            for name, field in type(value).model_fields.items():
                current = getattr(value, name)
                if not _is_text(field) or current == key or name in CROSS_REFERENCES:
                    update[name] = walk(current)
                elif isinstance(current, tuple):  # several texts: authors, tags
                    update[name] = tuple(f"{item} {payload(_plain(value))}" for item in current)
                else:
                    update[name] = f"{current} {payload(_plain(value))}" if current else payload(_plain(value))
            return value.model_copy(update=update)
        if isinstance(value, Plain):
            return Plain(f"{value.text} {payload()}")
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            changes = {f.name: walk(getattr(value, f.name)) for f in dataclasses.fields(value) if f.init}
            return dataclasses.replace(value, **changes)
        if isinstance(value, list):
            return [walk(item) for item in value]
        if isinstance(value, tuple):
            return tuple(walk(item) for item in value)
        if isinstance(value, dict):
            return {name: walk(item, key=name) for name, item in value.items()}
        return value

    return walk(site)


# A hook listed before site_hooks.py: the loader's records are poisoned as they leave it.
POISON_HOOK = '''
import sys
sys.path.insert(0, {tests!r})
from khcn import build
from poisoning import poison

_load = build.load


def _poisoned(project):
    return poison(_load(project))


build.load = _poisoned
'''
