"""Read one CIN census XML file a child at a time, with a parser that refuses DTDs, entities and the network.

The file is streamed with lxml's iterparse: each `<Child>` is read into rows (one per module, each
with the line it starts on) and then dropped, so a large council's file never sits whole in memory.
A DOCTYPE (which could declare entities or fetch a DTD) is refused before anything else is read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from operator import itemgetter
from pathlib import Path

from report_builder.cin.codes import EPISODE, MODULES, PLAN
from report_builder.errors import DataError, Problem, display_path
from report_builder.ssda903.csvfile import FILE, LINE

SAFE_PARSING = {
    "resolve_entities": False,
    "no_network": True,
    "load_dtd": False,
    "dtd_validation": False,
    "huge_tree": False,
    "remove_comments": True,
    "remove_pis": True,
}
"""lxml parser options: no entity expansion, no DTD loading, no network, libxml2's size limits kept."""
_FIX = "export the CIN census again from the case management system as XML"


@dataclass
class RawCensus:
    """The rows of one census file, module by module, before validation (values as text)."""

    where: str
    rows: dict[str, list[tuple]] = field(default_factory=lambda: {name: [] for name in MODULES})
    episodes: int = 0
    plans: int = 0


def read_xml(path: Path) -> RawCensus:
    """Return the rows of a CIN census XML file.

    Raises DataError when the file is not XML, declares a DOCTYPE, or is not a CIN census.
    """
    from lxml import etree

    where = display_path(path)
    prefix = _namespace(path, where)
    census = RawCensus(where)
    tags = Tags(prefix)
    try:
        with path.open("rb") as stream:
            for _, element in etree.iterparse(
                stream, events=("end",), tag=f"{prefix}Child", **SAFE_PARSING
            ):
                _read_child(element, tags, census)
                _release(element)
    except etree.XMLSyntaxError as error:
        raise DataError(_syntax_problem(where, error)) from None
    return census


def _namespace(path: Path, where: str) -> str:
    """Return the root element's namespace as '{uri}' ('' when none), after checking the prolog.

    Raises DataError for a file that is not XML, declares a DOCTYPE, or whose root is not Message.
    """
    from lxml import etree

    with path.open("rb") as stream:
        if not stream.read(4096).strip():
            raise DataError(Problem("the file is empty", where, hint=_FIX))
    try:
        with path.open("rb") as stream:
            _, root = next(etree.iterparse(stream, events=("start",), **SAFE_PARSING))
    except StopIteration:
        raise DataError(Problem("the file is empty", where, hint=_FIX)) from None
    except etree.XMLSyntaxError as error:
        raise DataError(_syntax_problem(where, error)) from None
    if root.getroottree().docinfo.doctype:
        raise DataError(
            Problem(
                "the file declares a DOCTYPE; a CIN census export never does, and it is not read "
                "because a DOCTYPE can make a parser fetch or expand hidden content",
                where,
                1,
                hint=f"{_FIX}, without a DOCTYPE line",
            )
        )
    name = etree.QName(root)
    if name.localname != "Message":
        raise DataError(
            Problem(
                f"the file starts with <{name.localname}>, not <Message>: it is not a CIN census",
                where,
                root.sourceline,
                hint=f"{_FIX}; the census file starts <Message> and holds <Header> and <Children>",
            )
        )
    return f"{{{name.namespace}}}" if name.namespace else ""


def _syntax_problem(where: str, error: Exception) -> Problem:
    """Return a message for XML that cannot be read (libxml2 names tags, never values)."""
    line = getattr(error, "lineno", None) or None
    reason = str(getattr(error, "msg", "") or error).split(" (", 1)[0].strip().rstrip(",")
    return Problem(
        f"the file is not well-formed XML ({reason})",
        where,
        line,
        hint=f"{_FIX}; a file cut short or edited by hand shows this",
    )


def _release(element) -> None:  # type: ignore[no-untyped-def]
    """Free a read child and the siblings before it, so memory stays flat."""
    element.clear(keep_tail=False)
    parent = element.getparent()
    if parent is not None:
        while element.getprevious() is not None:
            del parent[0]


class Tags:
    """The element names the reader looks for, in the file's namespace (Clark notation)."""

    def __init__(self, prefix: str):
        for name in (
            "ChildIdentifiers", "ChildCharacteristics", "Ethnicity", "CINdetails", "Section47",
            "ChildProtectionPlans", "Reviews", "CPPreviewDate",
        ):  # fmt: skip
            setattr(self, name, prefix + name)
        skip = {"ChildIdentifiers": 0, "CINdetails": 2, "Section47": 2, "ChildProtectionPlans": 3}
        self.fields = {
            module: Fields([prefix + c for c in MODULES[module][start:]])
            for module, start in skip.items()
        }


class Fields:
    """How to take a module's values from its elements: every name present, None when absent."""

    def __init__(self, names: list[str]):
        self.blank = dict.fromkeys(names)
        self.take = itemgetter(*names)

    def values(self, element) -> tuple[str | None, ...]:  # type: ignore[no-untyped-def]
        """Return the text of each named element under this one (the last of a repeated name).

        Containers (Reviews, Disabilities) are never asked for. Values are stripped later, one
        distinct value at a time, which is far quicker than stripping each here.
        """
        found = self.blank.copy()
        found.update({part.tag: part.text for part in element})
        return self.take(found)


def _read_child(element, tags: Tags, census: RawCensus) -> None:  # type: ignore[no-untyped-def]
    """Add one <Child>'s rows to the census."""
    fields = tags.fields["ChildIdentifiers"]
    identifiers: tuple[str | None, ...] = (None,) * len(fields.blank)
    line, ethnicity = element.sourceline, None
    episodes = []
    for part in element:
        tag = part.tag
        if tag == tags.ChildIdentifiers:
            identifiers, line = fields.values(part), part.sourceline
        elif tag == tags.ChildCharacteristics:
            ethnicity = part.findtext(tags.Ethnicity)
        elif tag == tags.CINdetails:
            episodes.append(part)
    child = (identifiers[0] or "").strip()
    census.rows["ChildIdentifiers"].append((child, *identifiers[1:], ethnicity, line))
    for episode in episodes:
        _read_episode(episode, tags, child, census)


def _read_episode(element, tags: Tags, child: str, census: RawCensus) -> None:  # type: ignore[no-untyped-def]
    """Add one <CINdetails> module and its Section47 and plan modules to the census."""
    census.episodes += 1
    number = census.episodes
    values = tags.fields["CINdetails"].values(element)
    census.rows["CINdetails"].append((child, number, *values, element.sourceline))
    section47 = tags.fields["Section47"]
    for part in element.iterchildren(tags.Section47, tags.ChildProtectionPlans):
        if part.tag == tags.Section47:
            values = section47.values(part)
            census.rows["Section47"].append((child, number, *values, part.sourceline))
        else:
            _read_plan(part, tags, child, number, census)


def _read_plan(element, tags: Tags, child: str, episode: int, census: RawCensus) -> None:  # type: ignore[no-untyped-def]
    """Add one <ChildProtectionPlans> module and its review dates (either layout of Reviews)."""
    census.plans += 1
    plan = census.plans
    values = tags.fields["ChildProtectionPlans"].values(element)
    census.rows["ChildProtectionPlans"].append((child, episode, plan, *values, element.sourceline))
    reviews = census.rows["Reviews"]
    for group in element.iterchildren(tags.Reviews):
        for review in group.iterchildren(tags.CPPreviewDate):
            reviews.append((child, episode, plan, review.text, review.sourceline))


def columns(module: str) -> list[str]:
    """Return the columns of a module's rows as read_xml gives them."""
    extra = ["Ethnicity"] if module == "ChildIdentifiers" else []
    return [*MODULES[module], *extra, LINE]


__all__ = ["EPISODE", "FILE", "LINE", "PLAN", "RawCensus", "columns", "read_xml"]
