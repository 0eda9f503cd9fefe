"""Find a child's identifiers in any output: CHILD ids, UPNs, dates of birth, postcodes and URNs."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
DIGITS = re.compile(r"(?<![0-9])[0-9]{5,}(?![0-9])")
UPN = re.compile(r"(?<![A-Z0-9])[A-Z][0-9]{11}[0-9A-Z](?![A-Z0-9])")
POSTCODE = re.compile(r"(?<![A-Z0-9])[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}(?![A-Z0-9])")
DAY_FIRST = re.compile(r"(?<![0-9])([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})(?![0-9])")
ISO = re.compile(r"(?<![0-9])([0-9]{4})-([0-9]{2})-([0-9]{2})(?![0-9])")
LONG = re.compile(rf"(?<![0-9])([0-9]{{1,2}})(?:st|nd|rd|th)? ({'|'.join(MONTHS)}),? ([0-9]{{4}})(?![0-9])")


@dataclass
class Identifiers:
    """Every identifying value in a set of SSDA903 CSVs and CIN census files."""

    numbers: set[str] = field(default_factory=set)
    upns: set[str] = field(default_factory=set)
    postcodes: set[str] = field(default_factory=set)
    births: set[date] = field(default_factory=set)

    def found_in(self, text: str, public_dates: set[date]) -> list[str]:
        """Return the identifiers in text (dates other than public ones, in any of three forms)."""
        hits = [f"CHILD/URN {m}" for m in DIGITS.findall(text) if m in self.numbers]
        hits += [f"UPN {m}" for m in UPN.findall(text) if m in self.upns]
        hits += [f"postcode {m}" for m in POSTCODE.findall(text) if m.replace(" ", "") in self.postcodes]
        for day in dates_in(text):
            if day in self.births and day not in public_dates:
                hits.append(f"date of birth {day}")
        return hits


CIN_IDENTIFIERS = re.compile(
    r"<(LAchildID|UPN|FormerUPN|PersonBirthDate|ExpectedPersonBirthDate|PersonDeathDate)>\s*([^<]*?)\s*</\1>"
)


def read_cin_identifiers(folder: Path, found: Identifiers) -> None:
    """Add the identifiers of every CIN census XML under folder: LAchildIDs, UPNs and dates of birth."""
    for path in folder.rglob("*.xml"):
        for name, value in CIN_IDENTIFIERS.findall(path.read_text(encoding="utf-8")):
            if not value:
                continue
            if name == "LAchildID":
                found.numbers.update(DIGITS.findall(value))
            elif name in ("UPN", "FormerUPN"):
                found.upns.add(value)
            else:
                found.births.update(dates_in(value))


def read_identifiers(folder: Path) -> Identifiers:
    """Return the identifiers of every CSV (SSDA903) and XML (CIN census) under folder."""
    found = Identifiers()
    read_cin_identifiers(folder, found)
    for path in folder.rglob("*.csv"):
        for row in csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))):
            for column, value in row.items():
                value = (value or "").strip()
                if not value:
                    continue
                if column in ("CHILD", "URN"):
                    found.numbers.add(value)
                elif column == "UPN":
                    found.upns.add(value)
                elif column in ("HOME_POST", "PL_POST"):
                    found.postcodes.add(value.replace(" ", ""))
                elif column in ("DOB", "MC_DOB"):
                    found.births.update(dates_in(value))
    return found


def dates_in(text: str) -> set[date]:
    """Return the dates written in text as dd/mm/yyyy, yyyy-mm-dd or '1 March 2012'."""
    found = set()
    for day, month, year in DAY_FIRST.findall(text):
        found.add((int(year), int(month), int(day)))
    for year, month, day in ISO.findall(text):
        found.add((int(year), int(month), int(day)))
    for day, month, year in LONG.findall(text):
        found.add((int(year), MONTHS.index(month) + 1, int(day)))
    result = set()
    for year, month, day in found:
        try:
            result.add(date(year, month, day))
        except ValueError:
            continue
    return result


def texts_of(path: Path) -> list[tuple[str, str]]:
    """Return (where, text) for everything readable in an output file: parts, pages, chunks, bytes."""
    data = path.read_bytes()
    texts = [(str(path), data.decode("latin-1"))]
    suffix = path.suffix.lower()
    if suffix == ".docx":
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            for name in package.namelist():
                xml = package.read(name).decode("utf-8", "replace")
                texts.append((f"{path.name}:{name}", xml))
                texts.append((f"{path.name}:{name} (text)", re.sub(r"<[^>]+>", "", xml)))
    elif suffix == ".pdf":
        from pypdf import PdfReader

        reader = PdfReader(io.BytesIO(data))
        texts.append((f"{path.name} (pages)", "\n".join(page.extract_text() or "" for page in reader.pages)))
        texts.append((f"{path.name} (metadata)", str(dict(reader.metadata or {}))))
    elif suffix == ".png":
        from PIL import Image

        with Image.open(io.BytesIO(data)) as image:
            texts.append((f"{path.name} (chunks)", str(image.info) + str(getattr(image, "text", {}))))
    return texts
