"""Drawing the catalogue's charts for a report: plan, reuse cached pictures, draw the rest in parallel."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from report_builder.charts.cache import cache_key, cached_files, is_cached, publish
from report_builder.charts.catalogue import CHART_NAMES, ChartPlan, ChartUnavailable, plan_chart, relabelled
from report_builder.charts.data import ChartData
from report_builder.charts.draw import chart_height_mm
from report_builder.charts.style import ChartStyle
from report_builder.charts.workers import ChartWorkers, worker_count  # noqa: F401  (worker_count: long imported from here)
from report_builder.exhibits import Chart
from report_builder.files import write_file
from report_builder.statistics.model import Statistics


class ChartSet(dict[str, Chart]):
    """The charts drawn for a report by name, with those skipped (and why) and those drawn afresh."""

    def __init__(self) -> None:
        super().__init__()
        self.skipped: dict[str, str] = {}
        """Charts with nothing to show, by name, with the reason."""
        self.drawn: list[str] = []
        """Charts drawn in this build (the rest came from the cache)."""


@dataclass(frozen=True)
class DrawJob:
    """One chart to draw into the cache, sent to a worker process."""

    name: str
    data: ChartData
    style: ChartStyle
    png: Path
    svg: Path


def draw_job(job: DrawJob) -> str:
    """Draw one chart into the cache and return its name (runs in a worker process)."""
    from report_builder.charts.draw import render

    png, svg = render(job.data, job.style)
    job.png.parent.mkdir(parents=True, exist_ok=True)
    write_file(job.png, png)
    write_file(job.svg, svg)
    return job.name


def run_jobs(jobs: list[DrawJob], workers: ChartWorkers | None = None) -> None:
    """Draw the jobs in parallel worker processes, or a lone job in this process unless workers
    with matplotlib loaded are ready for it."""
    if len(jobs) == 1 and not (workers and workers.started):
        draw_job(jobs[0])
    elif jobs and workers is not None:
        workers.run(draw_job, longest_first(jobs))
    elif jobs:
        with ChartWorkers() as own:
            own.run(draw_job, longest_first(jobs))


def longest_first(jobs: list[DrawJob]) -> list[DrawJob]:
    """Return the jobs with the charts of most bars first.

    Workers take the next job as they finish one, so the quickest charts go last and the workers
    finish at about the same time (a chart takes longer to draw the more bars and labels it has).
    """
    return sorted(jobs, key=lambda job: len(job.data.categories) * len(job.data.series), reverse=True)


def plan_charts(stats: Statistics, names: Iterable[str], labels: dict[str, str] | None = None,
                ) -> tuple[list[ChartPlan], dict[str, str]]:
    """Return the plans of the charts that have something to show (labels in the council's words), and the
    reasons for the rest.

    Raises ContentError for an unknown chart name.
    """
    plans, skipped = [], {}
    for name in names:
        try:
            plans.append(relabelled(plan_chart(stats, name), labels or {}))
        except ChartUnavailable as reason:
            skipped[name] = str(reason)
    return plans, skipped


def output_name(name: str, stats: Statistics) -> str:
    """Return the file name stem of a chart for slides: 'rate_per_10k_2024-25'."""
    return f"{name}_{stats.period.label.replace('/', '-')}"


def draw_charts(
    stats: Statistics,
    names: Iterable[str] | None = None,
    style: ChartStyle | None = None,
    out_dir: Path = Path("figures"),
    cache_dir: Path = Path(".report_builder_cache/charts"),
    workers: ChartWorkers | None = None,
    labels: dict[str, str] | None = None,
) -> ChartSet:
    """Return the named charts (all by default), drawing only those not already in the cache.

    Each chart is written to out_dir as PNG and SVG named after the chart and period. Charts with
    nothing to show are listed in the result's `skipped`. They are drawn by workers when given
    (started early, perhaps), else by workers started for the purpose. Raises ContentError for an
    unknown name.
    """
    style = style or ChartStyle()
    plans, skipped = plan_charts(stats, CHART_NAMES if names is None else names, labels)
    keys = {plan.name: cache_key(plan.data, style) for plan in plans}
    jobs = [
        DrawJob(p.name, p.data, style, *cached_files(cache_dir, keys[p.name]))
        for p in plans
        if not is_cached(cache_dir, keys[p.name])
    ]
    run_jobs(jobs, workers)
    result = ChartSet()
    result.skipped.update(skipped)
    result.drawn.extend(job.name for job in jobs)
    for plan in plans:
        result[plan.name] = place_chart(
            stats, plan, style, out_dir, cached_files(cache_dir, keys[plan.name])
        )
    return result


def place_chart(
    stats: Statistics, plan: ChartPlan, style: ChartStyle, out_dir: Path, cached: tuple[Path, Path]
) -> Chart:
    """Copy the chart's pictures to out_dir and return the Chart."""
    stem = output_name(plan.name, stats)
    png, svg = out_dir / f"{stem}.png", out_dir / f"{stem}.svg"
    publish(cached[0], png)
    publish(cached[1], svg)
    return Chart(
        name=plan.name,
        title=plan.title,
        alt_text=plan.alt_text,
        source=plan.source,
        png=png,
        svg=svg,
        table=plan.table,
        width_mm=style.width_mm,
        height_mm=chart_height_mm(plan.data),
    )
