"""Read a CIN census XML file as tables, streaming, with findings instead of crashes.

The file is parsed with lxml's ``iterparse``: one ``<Child>`` at a time, cleared once read, so
a census of any size needs memory for its tables, not for its XML tree. Entity resolution,
DTD loading and network access are off, and a file that declares a document type is refused
outright (C103): a census never needs one, and a DTD is how XXE and "billion laughs" attacks
arrive.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import IO

import polars as pl
from lxml import etree

from tartan.childlevel.cin_schema import (
    ALIASES,
    CHILD,
    CONTAINERS,
    EPISODE,
    MODULE_BY_ELEMENT,
    TABLES,
    CinTable,
    local_name,
)
from tartan.childlevel.cin_tables import typed_tables
from tartan.childlevel.findings import FindingLog

Progress = Callable[[int], None]

_HEAD = 64 * 1024


@dataclass(frozen=True)
class CinHeader:
    lea: str | None = None
    reference_date: date | None = None
    year: str | None = None


@dataclass
class CinCensus:
    """The census's tables (see ``cin_schema``), with dates, yes/no and numbers typed."""

    file: str
    header: CinHeader
    tables: dict[str, pl.DataFrame]


@dataclass
class CinRead:
    census: CinCensus | None
    log: FindingLog


class _CountingReader:
    """Passes reads through and reports the bytes read, for a progress bar."""

    def __init__(self, handle: IO[bytes], progress: Progress | None) -> None:
        self._handle = handle
        self._progress = progress

    def read(self, size: int = -1) -> bytes:
        chunk = self._handle.read(size)
        if self._progress is not None and chunk:
            self._progress(len(chunk))
        return chunk


def _elements(parent: etree._Element) -> Iterator[tuple[str, etree._Element]]:
    """Child elements with their local names; entity references and comments are skipped."""
    for node in parent:
        if isinstance(node.tag, str):
            yield local_name(node.tag), node


def _text(node: etree._Element) -> str:
    return (node.text or "").strip()


@dataclass
class _Columns:
    table: CinTable
    data: dict[str, list[object]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for column in ("child", "episode", "line", *self.table.columns):
            self.data[column] = []

    def add(self, child: str, episode: int | None, line: int, values: dict[str, str]) -> None:
        self.data["child"].append(child)
        self.data["episode"].append(episode)
        self.data["line"].append(line)
        for column in self.table.columns:
            self.data[column].append(values.get(column))

    def frame(self) -> pl.DataFrame:
        schema: dict[str, pl.DataType] = {
            "child": pl.String(),
            "episode": pl.Int64(),
            "line": pl.Int64(),
        }
        schema.update({column: pl.String() for column in self.table.columns})
        return pl.DataFrame(self.data, schema=schema)


class _Collector:
    """Turns each ``<Child>`` into rows of the tables."""

    def __init__(self, file: str, log: FindingLog) -> None:
        self.file = file
        self.log = log
        self.columns = {name: _Columns(table) for name, table in TABLES.items()}
        self.unknown: dict[str, int] = {}
        self.child_lines: dict[str, int] = {}
        self.episodes = 0

    def _unknown(self, name: str, line: int) -> None:
        self.unknown.setdefault(name, line)

    def _leaves(self, table: CinTable, node: etree._Element, values: dict[str, str]) -> None:
        lists = {container: (column, leaf) for column, container, leaf in table.lists}
        for name, leaf in _elements(node):
            name = ALIASES.get(name, name)
            if name in table.fields:
                values[name] = _text(leaf)
            elif name in lists:
                column, item = lists[name]
                values[column] = ";".join(
                    _text(n) for n_name, n in _elements(leaf) if n_name == item
                )
            elif name not in CONTAINERS:
                self._unknown(name, leaf.sourceline or 0)

    def child(self, node: etree._Element) -> None:
        line = node.sourceline or 0
        child_id = ""
        values: dict[str, str] = {}
        episodes: list[etree._Element] = []
        for name, part in _elements(node):
            if name in ("ChildIdentifiers", "ChildCharacteristics"):
                for leaf_name, leaf in _elements(part):
                    if leaf_name == "LAchildID":
                        child_id = _text(leaf)
                self._leaves(CHILD, part, values)
            elif name == "CINdetails":
                episodes.append(part)
            else:
                self._unknown(name, part.sourceline or 0)
        if not child_id:
            self.log.add(
                "C111",
                self.file,
                f"The <Child> starting at line {line} has no LAchildID: its records are left "
                "out of every figure.",
                row=line,
                column="LAchildID",
            )
            return
        if child_id in self.child_lines:
            self.log.add(
                "C118",
                self.file,
                f"Child {child_id} at line {line} has the same LAchildID as the child at line "
                f"{self.child_lines[child_id]}; their records are counted as one child's.",
                row=line,
                column="LAchildID",
            )
        else:
            self.child_lines[child_id] = line
        self.columns["child"].add(child_id, None, line, values)
        for episode in episodes:
            self._episode(child_id, episode)

    def _episode(self, child_id: str, node: etree._Element) -> None:
        self.episodes += 1
        values: dict[str, str] = {}
        for name, part in _elements(node):
            module = MODULE_BY_ELEMENT.get(name)
            if name in EPISODE.fields:
                values[name] = _text(part)
            elif module is not None:
                module_values: dict[str, str] = {}
                self._leaves(module, part, module_values)
                self.columns[module.name].add(
                    child_id, self.episodes, part.sourceline or 0, module_values
                )
            else:
                self._unknown(name, part.sourceline or 0)
        self.columns["episode"].add(child_id, self.episodes, node.sourceline or 0, values)


def _header(node: etree._Element) -> CinHeader:
    found: dict[str, str] = {}
    for element in node.iter():
        if isinstance(element.tag, str):
            name = local_name(element.tag)
            if name in ("LEA", "ReferenceDate", "Year") and name not in found:
                found[name] = _text(element)
    reference = None
    try:
        reference = date.fromisoformat(found.get("ReferenceDate", "")[:10])
    except ValueError:
        reference = None
    return CinHeader(found.get("LEA") or None, reference, found.get("Year") or None)


def _release(node: etree._Element) -> None:
    """Free a read element and the siblings before it, so memory stays flat."""
    node.clear()
    parent = node.getparent()
    if parent is not None:
        while node.getprevious() is not None:
            del parent[0]


def read_cin_census(
    path: Path,
    expected_la: str | None = None,
    progress: Progress | None = None,
    log: FindingLog | None = None,
) -> CinRead:
    """Read ``path``; a finding that blocks (see ``findings``) leaves ``census`` as None."""
    log = log if log is not None else FindingLog()
    name = path.name
    try:
        handle = path.open("rb")
    except OSError as error:
        log.add("C106", name, f"The CIN census file cannot be opened: {error.strerror}.")
        return CinRead(None, log)
    with handle:
        head = handle.read(_HEAD)
        if not head.strip():
            log.add("C101", name, "The CIN census file is empty.")
            return CinRead(None, log)
        if b"<!DOCTYPE" in head.upper() or b"<!ENTITY" in head.upper():
            log.add(
                "C103",
                name,
                "The file declares a document type (<!DOCTYPE …>) or entities. A CIN census "
                "never needs one, and they are how entity attacks arrive: the file is refused. "
                "Export the census again from the case management system.",
            )
            return CinRead(None, log)
        handle.seek(0)
        census = _parse(_CountingReader(handle, progress), name, expected_la, log)
    return CinRead(census, log)


def _parse(
    source: _CountingReader, name: str, expected_la: str | None, log: FindingLog
) -> CinCensus | None:
    collector = _Collector(name, log)
    header = CinHeader()
    is_census = False
    children = 0
    events = etree.iterparse(
        source,
        events=("start", "end"),
        tag=("{*}Message", "{*}Header", "{*}Child"),
        resolve_entities=False,
        load_dtd=False,
        no_network=True,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )
    try:
        for event, node in events:
            element = local_name(node.tag)
            if event == "start":
                namespace = etree.QName(node).namespace
                if node.getparent() is None and namespace:
                    log.add(
                        "C107",
                        name,
                        f"The file's elements are in the XML namespace {namespace}; the DfE's "
                        "CIN census has none, so this is some other format: it is refused.",
                        column=element,
                    )
                    return None
                if element == "Message" and node.getparent() is None:
                    if node.getroottree().docinfo.doctype:
                        log.add("C103", name, "The file declares a document type: refused.")
                        return None
                    is_census = True
                continue
            if element == "Header":
                header = _header(node)
                if expected_la and header.lea and header.lea != expected_la:
                    log.add(
                        "C105",
                        name,
                        f"The census header says it is from LA {header.lea}, but the return "
                        f"is for {expected_la}. Check that this is the right file.",
                        column="LEA",
                    )
                    return None
                _release(node)
            elif element == "Child":
                if not is_census:
                    break
                children += 1
                collector.child(node)
                _release(node)
    except etree.XMLSyntaxError as error:
        line = error.position[0] if error.position else None
        log.add(
            "C102",
            name,
            f"The file is not well-formed XML (line {line}): {error.msg}. Nothing from it is "
            "used; export the census again.",
            row=line,
        )
        return None
    if not is_census or children == 0:
        log.add(
            "C104",
            name,
            "The file is not a CIN census: it needs a <Message> root element holding "
            "<Children> with at least one <Child>.",
        )
        return None
    for element, line in sorted(collector.unknown.items(), key=lambda pair: pair[1]):
        log.add(
            "C116",
            name,
            f"<{element}> (first at line {line}) is not an element of any recent CIN census "
            "schema; it is ignored wherever it appears.",
            row=line,
            column=element,
        )
    raw = {table: columns.frame() for table, columns in collector.columns.items()}
    return CinCensus(name, header, typed_tables(raw, name, log))
