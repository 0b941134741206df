"""分工 annotations: "(责任领导:区领导甲;牵头单位:区发改局;责任单位:…)" after an
item of a 分工方案, read into the shape of the assignments file."""

from __future__ import annotations

import re

from gwr_cli.records import Record

_ANNOTATION = re.compile(
    r"[(（]\s*(?=(?:责任领导|牵头单位|责任单位|配合单位|协办单位|牵头领导)\s*[:：])([^()（）]*)[)）]"
)
_FIELD = re.compile(r"(责任领导|牵头领导|牵头单位|责任单位|配合单位|协办单位)\s*[:：]\s*([^;；]*)")
_NAMES = re.compile(r"[、,，]")
_ROLE = {
    "责任领导": "leader",
    "牵头领导": "leader",
    "牵头单位": "lead",
    "责任单位": "partners",
    "配合单位": "partners",
    "协办单位": "partners",
}


class Assignment(Record):
    lead: tuple[str, ...]
    partners: tuple[str, ...]
    leader: tuple[str, ...]


def find_annotation(text: str, start: int, end: int) -> tuple[Assignment | None, int]:
    """The annotation in text[start:end], if any, and where the item's own text
    ends (the annotation's start, or end)."""
    match = _ANNOTATION.search(text, start, end)
    if match is None:
        return None, end
    roles: dict[str, list[str]] = {"lead": [], "partners": [], "leader": []}
    for field in _FIELD.finditer(match[1]):
        names = [n.strip() for n in _NAMES.split(field[2]) if n.strip()]
        roles[_ROLE[field[1]]].extend(n for n in names if n not in roles[_ROLE[field[1]]])
    assignment = Assignment(tuple(roles["lead"]), tuple(roles["partners"]), tuple(roles["leader"]))
    return assignment, match.start()
