"""Benchmarking groups, defined as data in ``data/groups.toml``."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from tartan.reference.files import shipped_path
from tartan.reference.register import Register

GROUPS_FILE = "groups.toml"


class GroupError(ValueError):
    """A benchmarking group definition that does not hold together."""


@dataclass(frozen=True)
class BenchmarkingGroup:
    key: str
    name: str
    region_code: str
    processor: str
    members: tuple[str, ...]

    def __contains__(self, la_code: object) -> bool:
        return la_code in self.members


@dataclass(frozen=True)
class Groups:
    default_key: str
    groups: dict[str, BenchmarkingGroup]

    @property
    def default(self) -> BenchmarkingGroup:
        return self.groups[self.default_key]

    def __getitem__(self, key: str) -> BenchmarkingGroup:
        try:
            return self.groups[key]
        except KeyError:
            known = ", ".join(sorted(self.groups))
            raise GroupError(f"no benchmarking group '{key}' (known: {known})") from None


def load_groups(register: Register, path: Path | None = None) -> Groups:
    """Read the groups file and check every member is a known, current authority."""
    data = tomllib.loads((path or shipped_path(GROUPS_FILE)).read_text(encoding="utf-8"))
    groups = {}
    for key, spec in data.get("groups", {}).items():
        members = tuple(str(code) for code in spec["members"])
        for code in members:
            la = register.get(code)
            if la is None or not la.is_current:
                raise GroupError(f"group '{key}' lists {code}, which is not a current LA")
        if len(set(members)) != len(members):
            raise GroupError(f"group '{key}' lists an LA twice")
        groups[key] = BenchmarkingGroup(
            key=key,
            name=spec["name"],
            region_code=spec.get("region", ""),
            processor=spec.get("processor", ""),
            members=members,
        )
    default = data.get("default", "")
    if default not in groups:
        raise GroupError(f"the default group '{default}' is not defined")
    return Groups(default, groups)


def regional_groups(register: Register) -> tuple[BenchmarkingGroup, ...]:
    """Each of England's regions as a group of its current LAs: a national instance's nine
    groups, as the benchmarks and the published figures' comparisons take them."""
    members: dict[str, list[str]] = {}
    for la in register.current():
        members.setdefault(la.region_code, []).append(la.code)
    return tuple(
        BenchmarkingGroup(
            key=code, name=name, region_code=code, processor="", members=tuple(members[code])
        )
        for code, name in sorted(register.regions().items())
    )


@cache
def shipped_groups() -> Groups:
    from tartan.reference.register import shipped_register

    return load_groups(shipped_register())
