"""The command line: parse options, call the library, render, and map errors to exit codes."""

from __future__ import annotations

import contextlib
import csv
import dataclasses
import json
import os
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import click

from . import __version__, api
from .batch import BatchSummary, find_files
from .documents import PDF_ENGINES
from .errors import (
    FitAnalyzerError,
    MissingDependencyError,
    PartialBatchError,
    ThresholdNotMetError,
)
from .limits import DEFAULT_LIMITS, MB, Limits
from .report import (
    CSV_FIELDS,
    csv_row,
    dumps,
    render_html,
    render_html_batch,
    render_table,
    render_text,
    schema_text,
)
from .results import FitReport, ReadFailure

_OUTPUT_SUFFIX_FORMATS = {
    ".json": "json",
    ".jsonl": "jsonl",
    ".csv": "csv",
    ".txt": "table",
    ".html": "html",
    ".htm": "html",
}


class _Group(click.Group):
    """Turns the library's errors into one-line messages and their exit codes, in one place."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except FitAnalyzerError as exc:
            click.echo(f"Error: {_for_command_line(str(exc))}", err=True)
            ctx.exit(exc.exit_code)
        except KeyboardInterrupt:
            # Workers have been stopped by the pools' context managers on the way out, and
            # every jsonl record already written was flushed; 130 is the shell's Ctrl-C code.
            click.echo("Interrupted.", err=True)
            ctx.exit(130)


@click.group(cls=_Group)
@click.version_option(__version__, prog_name="fit-analyzer")
def cli() -> None:
    """Tell whether a resume is really targeted at a job posting.

    fit-analyzer reads resumes and postings (.pdf, .docx, .txt, .md, .html), measures the
    fit with a TF-IDF model, and flags resumes that match on the surface but miss what the
    posting asks for. Everything runs on this machine; nothing is sent anywhere.

    Exit codes: 0 success, 1 error, 2 usage error, 3 batch finished but some files were
    skipped, 4 a fit below --fail-under, 130 interrupted (Ctrl-C).
    """


_existing = click.Path(exists=True, dir_okay=False, path_type=Path)
_fail_under = click.option(
    "--fail-under",
    type=click.FloatRange(0, 100),
    metavar="N",
    help="Exit with code 4 when the fit is below N (for scripts and CI).",
)
_output = click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="Write the report to FILE (atomically) instead of standard output.",
)
_no_cache = click.option(
    "--no-cache",
    is_flag=True,
    help="Read every file afresh; do not use or fill the cache of extracted documents "
    "(kept in $FIT_ANALYZER_CACHE_DIR, else ~/.cache/fit-analyzer).",
)
_pdf_engine = click.option(
    "--pdf-engine",
    type=click.Choice(PDF_ENGINES),
    # PDFium when installed: on 200 livecareer PDFs x 7 postings its text gives fit scores
    # within 1 point of pdfminer's for 99.6 % of pairs (the bar is 95 %), 20 times faster.
    default="auto",
    show_default=True,
    help="Read PDFs with pdfminer.six, or PDFium (about 20x faster, nearly the same scores; "
    "pip install 'fit-analyzer[fast]'); auto uses PDFium when it is installed.",
)
_open = click.option(
    "--open",
    "open_report",
    is_flag=True,
    help="Open the HTML report in the default browser once written (needs --output).",
)


# The option that sets each field of `Limits`, filled in by `_limit`.
_LIMIT_FLAGS: dict[str, str] = {}


def _limit(flag: str, field: str, unit: str, help: str, scale: int = 1) -> Any:
    """An option overriding one field of `Limits`, kept in ``ctx.meta`` for `_limits`."""
    _LIMIT_FLAGS[field] = flag
    default = getattr(DEFAULT_LIMITS, field) / scale

    def store(ctx: click.Context, param: click.Parameter, value: float | None) -> None:
        if value is not None:
            number = value * scale
            ctx.meta.setdefault("limits", {})[field] = (
                float(number) if unit == "SECONDS" else int(number)
            )

    return click.option(
        flag,
        type=click.FloatRange(min=0, min_open=True)
        if scale > 1 or unit == "SECONDS"
        else click.IntRange(min=1),
        metavar=unit,
        expose_value=False,
        callback=store,
        help=f"{help} [default: {default:g}]",
    )


def _limits_options(command: Any) -> Any:
    options = (
        _limit("--max-file-size", "max_file_bytes", "MB", "Refuse files larger than this.", MB),
        _limit("--max-pages", "max_pages", "N", "Refuse PDFs with more pages."),
        _limit(
            "--max-docx-size",
            "max_docx_uncompressed_bytes",
            "MB",
            "Refuse .docx files that unpack to more (zip bombs).",
            MB,
        ),
        _limit("--max-chars", "max_text_chars", "N", "Refuse documents with more text."),
        _limit("--timeout", "seconds_per_file", "SECONDS", "Stop reading a file after this long."),
        _limit(
            "--max-memory", "memory_bytes", "MB", "Stop reading a file that needs more memory.", MB
        ),
    )
    for option in reversed(options):
        command = option(command)
    return command


def _for_command_line(message: str) -> str:
    """Name the option that changes a limit where a library message names its field.

    "raise Limits.max_text_chars to read more" becomes "pass --max-chars to read more".
    """
    for field, flag in _LIMIT_FLAGS.items():
        message = message.replace(f"raise Limits.{field}", f"pass {flag}")
        message = message.replace(f"Limits.{field}", flag)
    return message


def _limits() -> Limits:
    """The `Limits` given on the command line, defaults for the rest."""
    changes: dict[str, Any] = click.get_current_context().meta.get("limits", {})
    return dataclasses.replace(DEFAULT_LIMITS, **changes)


@cli.command()
@click.argument("resume", type=_existing)
@click.argument("posting", type=_existing)
@click.option(
    "--format",
    "-f",
    "output_format",
    type=click.Choice(["text", "json", "html"]),
    default="text",
    show_default=True,
    help="Text for people, JSON for tools, HTML for a report to look at.",
)
@_output
@_open
@_fail_under
@_no_cache
@_pdf_engine
@_limits_options
def score(
    resume: Path,
    posting: Path,
    output_format: str,
    output: Path | None,
    open_report: bool,
    fail_under: float | None,
    no_cache: bool,
    pdf_engine: str,
) -> None:
    """Score one RESUME against one POSTING and explain the verdict.

    \b
    Example:
      fit-analyzer score resume.pdf posting.txt
      fit-analyzer score resume.docx posting.html --format json
      fit-analyzer score resume.pdf posting.txt --format html --output report.html --open
    """
    _check_open(open_report, output_format, output)
    report = api.score(resume, posting, pdf_engine=pdf_engine, limits=_limits(), cache=not no_cache)
    with _open_output(output) as out:
        if output_format == "json":
            out.write(json.dumps(report.to_dict(), ensure_ascii=False, indent=2) + "\n")
        elif output_format == "html":
            out.write(render_html(report))
        else:
            click.echo(render_text(report, style=click.style), file=out, color=_color(out))
    if open_report and output:
        click.launch(str(output))
    fit = round(report.scores.fit, 1)
    if fail_under is not None and fit < fail_under:
        raise ThresholdNotMetError(f"fit {fit:.1f} is below --fail-under {fail_under:g}")


@cli.command()
@click.argument("resumes", type=click.Path(exists=True, path_type=Path))
@click.argument("postings", type=click.Path(exists=True, path_type=Path))
@click.option(
    "--format",
    "-f",
    "output_format",
    type=click.Choice(["table", "json", "jsonl", "csv", "html"]),
    help="Output format [default: table on a terminal, else from the --output suffix, else jsonl].",
)
@click.option(
    "--top",
    type=click.IntRange(min=1),
    metavar="N",
    help="Keep the N best postings per resume (or resumes, for one posting).",
)
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    default=os.cpu_count() or 1,
    show_default="all cores",
    help="Parse files in N worker processes.",
)
@click.option(
    "--exhaustive",
    is_flag=True,
    help="Assess every pair even when --top and a batch of over a million pairs would "
    "assess only each resume's shortlist.",
)
@click.option(
    "--scheduler",
    envvar="FIT_ANALYZER_SCHEDULER",
    metavar="ADDRESS",
    help="Run on the Dask cluster whose scheduler is at ADDRESS (tcp://host:8786), or on a "
    "new one of this machine's cores with 'local'; its workers must see the files at the "
    "same paths. Also read from FIT_ANALYZER_SCHEDULER. Needs pip install "
    "'fit-analyzer[dask]'.",
)
@_output
@_open
@_no_cache
@_pdf_engine
@_limits_options
def batch(
    resumes: Path,
    postings: Path,
    output_format: str | None,
    top: int | None,
    jobs: int,
    exhaustive: bool,
    scheduler: str | None,
    output: Path | None,
    open_report: bool,
    no_cache: bool,
    pdf_engine: str,
) -> None:
    """Score every resume in RESUMES against every posting in POSTINGS.

    Each argument is a file or a folder, searched recursively for .pdf, .docx, .txt, .md
    and .html files. One resume and many postings ranks where to apply; many resumes and
    one posting ranks candidates; folders on both sides score every pair. A file that
    cannot be read is reported on standard error and as an error record, the rest go on,
    and the exit code is 3.

    \b
    Example:
      fit-analyzer batch resume.pdf postings/ --top 10
      fit-analyzer batch resumes/ posting.txt --format csv --output ranking.csv
      fit-analyzer batch resume.pdf postings/ --output ranking.html --open
    """
    output_format = output_format or _default_batch_format(output)
    _check_open(open_report, output_format, output)
    resume_files, posting_files = find_files(resumes), find_files(postings)
    for role, files, given in (
        ("resume", resume_files, resumes),
        ("posting", posting_files, postings),
    ):
        if not files:
            raise FitAnalyzerError(
                f"{given}: no {role} files found (looked for .pdf, .docx, .txt, .md, .html)"
            )
    summary = BatchSummary()
    total = len(resume_files) + len(posting_files)
    with _progress(total) as advance, _open_output(output) as out:
        # What both ways of running a batch take; each adds its own.
        options: dict[str, Any] = {
            "top": top,
            "exhaustive": exhaustive,
            "summary": summary,
            "on_loaded": advance,
            "pdf_engine": pdf_engine,
            "limits": _limits(),
        }
        if scheduler:
            from .cluster import run_on_cluster

            results = run_on_cluster(resume_files, posting_files, scheduler=scheduler, **options)
        else:
            results = api.rank(
                resume_files, posting_files, jobs=jobs, cache=not no_cache, **options
            )
        kept = _write_results(results, output_format, out)
        if output_format == "table":
            click.echo(render_table(kept, style=click.style), file=out, color=_color(out))
        elif output_format == "html":
            out.write(render_html_batch(kept))
    if summary.shortlisted:
        click.echo(
            f"Shortlist: assessed {summary.assessed:,} of {summary.candidates:,} pairs, each "
            "resume's best candidates by TF-IDF and occupation similarity (--exhaustive "
            "assesses every pair).",
            err=True,
        )
    if open_report and output and summary.pairs:
        click.launch(str(output))
    if summary.failures and not summary.pairs:
        raise FitAnalyzerError(
            f"nothing scored: {len(summary.failures)} of {total} files could not be read"
        )
    if summary.failures:
        raise PartialBatchError(
            f"{len(summary.failures)} of {total} files could not be read "
            "and were skipped (see above)"
        )


@cli.command()
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on. Anything but this machine's loopback lets others on the "
    "network use it: there is no authentication.",
)
@click.option(
    "--port", type=click.IntRange(0, 65535), default=8000, show_default=True, help="Port."
)
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    default=2,
    show_default=True,
    help="Parse uploads in N worker processes.",
)
@click.option(
    "--cache",
    "use_cache",
    is_flag=True,
    help="Cache the text extracted from uploads (by their content's hash), as score and "
    "batch do; off by default, so that nothing uploaded is kept once answered.",
)
@_pdf_engine
@_limits_options
def serve(host: str, port: int, jobs: int, use_cache: bool, pdf_engine: str) -> None:
    """Serve a web page for people and a JSON API for tools, on this machine.

    The page at / takes a resume and one or more postings (files or pasted text) and shows
    the HTML report. The API: POST /v1/score and /v1/rank (multipart), GET /v1/schema and
    /healthz; /openapi.json describes it. Needs pip install 'fit-analyzer[serve]'.

    \b
    Example:
      fit-analyzer serve
      curl -F resume=@resume.pdf -F posting=@posting.txt http://127.0.0.1:8000/v1/score
    """
    try:
        from .serve import Settings, run
    except ImportError as error:
        raise MissingDependencyError(
            "serve needs FastAPI and uvicorn: pip install 'fit-analyzer[serve]'"
        ) from error
    if host not in ("127.0.0.1", "localhost", "::1"):
        click.echo(
            f"Warning: listening on {host}; anyone who can reach it can use it "
            "(there is no authentication).",
            err=True,
        )
    settings = Settings(limits=_limits(), jobs=jobs, cache=use_cache, pdf_engine=pdf_engine)
    click.echo(f"Serving on http://{host}:{port}/ (Ctrl-C stops)", err=True)
    run(host, port, settings)


@cli.command()
def schema() -> None:
    """Print the JSON Schema of the records that --format json/jsonl writes."""
    click.echo(schema_text(), nl=False)


def _default_batch_format(output: Path | None) -> str:
    if output is not None:
        return _OUTPUT_SUFFIX_FORMATS.get(output.suffix.lower(), "jsonl")
    return "table" if sys.stdout.isatty() else "jsonl"


def _check_open(open_report: bool, output_format: str, output: Path | None) -> None:
    if open_report and output_format != "html":
        raise click.UsageError(
            "--open opens an HTML report; add --format html", click.get_current_context()
        )
    if open_report and output is None:
        raise click.UsageError(
            "--open needs a file to open; add --output FILE", click.get_current_context()
        )


def _color(out: IO[str]) -> bool | None:
    """Never colour a file, nor anything when NO_COLOR is set (no-color.org).

    ``None`` lets click decide: it keeps colours on a terminal and strips them elsewhere.
    """
    return None if out is sys.stdout and not os.environ.get("NO_COLOR") else False


def _write_results(
    results: Iterator[FitReport | ReadFailure], output_format: str, out: IO[str]
) -> list[FitReport | ReadFailure]:
    """Write results as they come; failures also go to stderr at once.

    Returns the results that the table and HTML formats lay out once all have come.
    """
    writer = (
        csv.DictWriter(out, CSV_FIELDS, lineterminator="\n") if output_format == "csv" else None
    )
    if writer:
        writer.writeheader()
    kept: list[FitReport | ReadFailure] = []
    first = True
    for result in results:
        if isinstance(result, ReadFailure):
            message = _for_command_line(result.error.message)
            click.echo(f"Skipped {result.role}: {result.path}: {message}", err=True)
        if output_format == "jsonl":
            out.write(dumps(result.to_dict()) + "\n")
            out.flush()
        elif output_format == "json":
            out.write(("[\n" if first else ",\n") + dumps(result.to_dict()))
        elif writer:
            writer.writerow(csv_row(result))
        else:
            kept.append(result)
        first = False
    if output_format == "json":
        out.write("[]\n" if first else "\n]\n")
    return kept


@contextlib.contextmanager
def _open_output(path: Path | None) -> Iterator[IO[str]]:
    """Yield standard output, or a temporary file renamed to ``path`` once complete."""
    if path is None:
        yield sys.stdout
        return
    descriptor, temporary = tempfile.mkstemp(
        dir=path.parent, prefix=f".{path.name}.", suffix=".tmp"
    )
    try:
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)  # as if created by open(), not mkstemp's 0600
        with open(descriptor, "w", encoding="utf-8", newline="") as handle:
            yield handle
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


@contextlib.contextmanager
def _progress(total: int) -> Iterator[Any]:
    """Yield a callback advancing a progress bar on stderr, shown only on a terminal."""
    if not sys.stderr.isatty() or total < 2:
        yield None
        return
    with click.progressbar(length=total, label="Reading files", file=sys.stderr) as bar:
        yield lambda: bar.update(1)
