"""The command line: translates commands into library calls and problems into plain English."""

from __future__ import annotations

import atexit
import gc
import importlib
import pkgutil
from pathlib import Path

import click

from report_builder import commands
from report_builder.console import Between, CommandGroup, Console, handles_problems
from report_builder.errors import Problem, ReportError


@click.group(cls=CommandGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="report_builder")
def main() -> None:
    """Build the IRO annual report and its covering committee report as Word papers.

    Example: report-builder build content/example
    """


@main.command()
@click.argument("report_dir", type=click.Path(path_type=Path), default=".")
@click.option("--out", "out_dir", type=click.Path(path_type=Path), default=None,
              help="Folder for the papers.  [default: out/REPORT_FOLDER_NAME]")
@click.option("--figures", "figures_dir", type=click.Path(path_type=Path), default=None,
              help="Folder for the charts as PNG and SVG (for slides).  [default: figures/REPORT_FOLDER_NAME]")
@click.option("--pdf", is_flag=True, help="Also write each paper as a tagged PDF (needs LibreOffice).")
@click.option("--pack", is_flag=True, help="Also write the PDF agenda pack (needs LibreOffice).")
@click.option("--draft", is_flag=True, help="A draft: parts still to write allowed, DRAFT on every page; skips "
              "LibreOffice unless --pdf or --pack (Word fills in the contents page on opening).")
@click.option("--quiet", "-q", is_flag=True, help="Print nothing but problems.")
@click.option("--verbose", "-v", is_flag=True, help="Print more about each step.")
@handles_problems
def build(report_dir: Path, out_dir: Path | None, figures_dir: Path | None, pdf: bool, pack: bool, draft: bool,
          quiet: bool, verbose: bool) -> None:
    """Build the committee papers for REPORT_DIR (default: this folder).

    Example: report-builder build content/example --out out --pdf
    """
    from report_builder.build import build as run_build
    from report_builder.outputs import PublishOptions

    console = Console(quiet, verbose)
    name = report_folder_name(report_dir)  # two reports built from one place never mix their files
    out_dir = out_dir or Path("out") / name
    figures_dir = figures_dir or Path("figures") / name
    options = PublishOptions(out_dir=out_dir, figures_dir=figures_dir, cache_dir=out_dir / ".cache" / "charts",
                             pdf=pdf, pack=pack, draft=draft, progress=console.step)
    result = run_build(report_dir, options)
    if result.warnings:
        console.problems(result.warnings, f"{len(result.warnings)} warning(s):")
    for path in result.written:
        console.say(f"wrote {path}")
    for note in result.notes:
        console.say(note)


def report_folder_name(report_dir: Path) -> str:
    """Return the name of the report's folder ('example' for content/example, the current folder's for '.')."""
    return report_dir.resolve().name or "report"


@main.command()
@click.argument("report_dir", type=click.Path(path_type=Path), required=False)
@click.option("--ssda903", "ssda903_dir", type=click.Path(path_type=Path), help="A folder of SSDA903 CSVs.")
@click.option("--cin", "cin_path", type=click.Path(path_type=Path),
              help="A CIN census: an XML file, its CSV tables, or a folder of one per year.")
@click.option("--year", type=int, help="With --ssda903 or --cin: the year the reporting year ends (2025 for 2024/25).")
@click.option("--population", type=int, help="With --ssda903 or --cin: population aged 0 to 17, for rates per 10,000.")
@click.option("--council", default="Council", show_default=True, help="With --ssda903 or --cin: the council's name.")
@click.option("--format", "output_format", type=click.Choice(["json", "table", "csv", "xlsx"]), default="table",
              show_default=True)
@click.option("--output", "-o", type=click.Path(path_type=Path), help="Write to this file (needed for xlsx).")
@handles_problems
def stats(report_dir: Path | None, ssda903_dir: Path | None, cin_path: Path | None, year: int | None,
          population: int | None, council: str, output_format: str, output: Path | None) -> None:
    """Print every figure: for a report folder, or for any SSDA903 folder or CIN census.

    Examples: report-builder stats content/example --format table;
    report-builder stats --ssda903 content/example/data/ssda903 --year 2026 --population 58500 --format json;
    report-builder stats --cin content/example/data/cin --year 2026 --population 58500
    """
    from report_builder.statistics import export

    figures = _statistics(report_dir, ssda903_dir, cin_path, year, population, council)
    cp_only = cin_path is not None and ssda903_dir is None
    if output_format == "xlsx":
        if output is None:
            raise ReportError(Problem("--format xlsx needs --output FILE.xlsx", hint="add -o figures.xlsx"))
        export.to_xlsx(figures, output, cp_only)
        click.echo(f"wrote {output}")
        return
    writer = {"json": export.to_json, "table": export.to_table, "csv": export.to_csv}[output_format]
    text = writer(figures, cp_only)
    if output:
        from report_builder.files import write_file

        write_file(output, text.encode("utf-8"))
        click.echo(f"wrote {output}")
    else:
        click.echo(text)


def _statistics(report_dir: Path | None, ssda903_dir: Path | None, cin_path: Path | None, year: int | None,
                population: int | None, council: str):  # type: ignore[no-untyped-def]
    """Return the Statistics for a report folder, or an SSDA903 folder and/or a CIN census."""
    if ssda903_dir is not None or cin_path is not None:
        if year is None:
            given = "--ssda903" if ssda903_dir is not None else "--cin"
            raise ReportError(Problem(f"{given} needs --year", hint="add --year 2026 for the year 2025/26"))
        from report_builder.statistics.cp_source import census_statistics

        return census_statistics(ssda903_dir, cin_path, year, council, population)
    from report_builder.load import load_report
    from report_builder.statistics.sources import compute_statistics as report_statistics

    return report_statistics(load_report(report_dir or Path(".")))[0]


@main.command()
@click.argument("out_dir", type=click.Path(path_type=Path))
@click.option("--cin", "cin", is_flag=True, help="Write a CIN census (one XML file per year) instead of SSDA903 CSVs.")
@click.option("--children", type=Between(1, 1_000_000), default=700, show_default=True,
              help="Children in the data set.")
@click.option("--years", type=Between(1, 10), default=5, show_default=True, help="Collection years.")
@click.option("--seed", type=int, default=1, show_default=True, help="The same seed gives the same data.")
@click.option("--year", "year_ending", type=Between(2010, 2026), default=2026, show_default=True,
              help="The last collection year: 2026 for 2025-26.")
@handles_problems
def synth(out_dir: Path, cin: bool, children: int, years: int, seed: int, year_ending: int) -> None:
    """Write a realistic, valid synthetic SSDA903 data set (or CIN census) for a fictional council.

    Each year is written with its own code lists, with the optional files missing, oc2 and
    placed_for_adoption beside the four the figures read.

    Examples: report-builder synth /tmp/903 --children 700 --years 6 --seed 1;
    report-builder synth --cin /tmp/cin --children 2000 --years 6
    """
    if cin:
        from report_builder.cin.synth import write_synthetic_cin

        write_synthetic_cin(out_dir, children=children, years=years, seed=seed, year_ending=year_ending)
        click.echo(f"wrote a synthetic CIN census to {out_dir}")
        return
    from report_builder.ssda903.synth import write_synthetic

    write_synthetic(out_dir, children=children, years=years, seed=seed, year_ending=year_ending)
    click.echo(f"wrote synthetic SSDA903 data to {out_dir}")


def _add_commands() -> None:
    """Add each command module in report_builder.commands (each defines `command`)."""
    for module in sorted(pkgutil.iter_modules(commands.__path__), key=lambda m: m.name):
        main.add_command(importlib.import_module(f"{commands.__name__}.{module.name}").command)


_add_commands()

# A build leaves a great many objects behind, and collecting them as Python exits took longer than
# a tenth of a narrative-only rebuild (about 0.07 s; 0.15 s after a cold build), when the operating
# system frees the memory anyway. Objects frozen at exit are left out of that last collection (so
# garbage cycles are not finalized one by one); atexit handlers and weakref.finalize callbacks still run.
atexit.register(gc.freeze)

if __name__ == "__main__":  # pragma: no cover
    main()
