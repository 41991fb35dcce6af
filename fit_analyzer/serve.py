"""`fit-analyzer serve`: a local web page for people and a JSON HTTP API for tools.

Needs the ``serve`` extra (FastAPI and uvicorn). The model is loaded once; every upload is
parsed in one of the isolated worker pools under the same `Limits` as the command line, and
held in memory only for its request (uploads are cached only when asked to be).
"""

from __future__ import annotations

import contextlib
import dataclasses
import queue
import threading
from collections.abc import AsyncIterator, Iterator, Sequence
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from . import __version__
from .batch import Upload, profiling_pool, run_batch
from .cache import DocumentCache
from .documents import resolve_pdf_engine
from .errors import DocumentTooLargeError, FitAnalyzerError
from .isolation import ParserPool
from .limits import DEFAULT_LIMITS, MB, Limits
from .model import FitModel, default_model
from .report import render_form, render_html, render_html_batch, schema
from .results import FitReport, ReadFailure

# No third-party content, no scripts; forms post only here.
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; "
    "base-uri 'none'; frame-ancestors 'none'"
)
# Requests waiting for a worker beyond this many get 503.
QUEUE_LIMIT = 32
_MAX_FILES = 100


class ServiceError(Exception):
    """A request the service refuses, with its HTTP status and the error's kind."""

    def __init__(self, status: int, kind: str, message: str) -> None:
        super().__init__(message)
        self.status, self.kind, self.message = status, kind, message


class Workers:
    """Worker pools, each one isolated parse process, lent to one request at a time."""

    def __init__(self, jobs: int, limits: Limits, model: FitModel, queue_limit: int) -> None:
        self.idle: queue.Queue[ParserPool] = queue.Queue()
        self.pools = [profiling_pool(1, limits, model) for _ in range(max(1, jobs))]
        self.queue_limit = queue_limit
        self.waiting = 0
        self.lock = threading.Lock()

    def start(self) -> None:
        for pool in self.pools:
            pool.start()
            self.idle.put(pool)

    def close(self) -> None:
        for pool in self.pools:
            pool.close()

    @contextlib.contextmanager
    def lend(self) -> Iterator[ParserPool]:
        """A pool for one request; `ServiceError` 503 when too many are waiting already."""
        with self.lock:
            if self.idle.empty() and self.waiting >= self.queue_limit:
                raise ServiceError(503, "busy", "all workers are busy; try again shortly")
            self.waiting += 1
        try:
            pool = self.idle.get()
        finally:
            with self.lock:
                self.waiting -= 1
        try:
            yield pool
        finally:
            self.idle.put(pool)


@dataclasses.dataclass(frozen=True)
class Settings:
    """How the service reads uploads."""

    limits: Limits = DEFAULT_LIMITS
    jobs: int = 2
    queue_limit: int = QUEUE_LIMIT
    cache: bool = False
    pdf_engine: str = "auto"


def create_app(settings: Settings = Settings(), model: FitModel | None = None) -> FastAPI:
    """The web application: the page at ``/`` and the API under ``/v1``."""
    model = model or default_model()
    engine = resolve_pdf_engine(settings.pdf_engine)
    workers = Workers(settings.jobs, settings.limits, model, settings.queue_limit)
    cache = DocumentCache.default() if settings.cache else None

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        workers.start()
        try:
            yield
        finally:
            workers.close()

    app = FastAPI(
        title="fit-analyzer",
        version=__version__,
        summary="Is a resume really targeted at a job posting?",
        # The interactive docs would load scripts from a CDN; /openapi.json stays.
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.workers = workers

    def rank(resumes: Sequence[Upload], postings: Sequence[Upload]) -> list[Any]:
        with workers.lend() as pool:
            return list(
                run_batch(
                    resumes,
                    postings,
                    model=model,
                    cache=cache,
                    pdf_engine=engine,
                    limits=settings.limits,
                    pool=pool,
                )
            )

    async def uploads(request: Request) -> dict[str, list[Upload]]:
        """The form's fields as uploads (files, or pasted text), by field name."""
        limit = settings.limits.max_file_bytes
        try:
            form = await request.form(
                max_files=_MAX_FILES, max_fields=_MAX_FILES, max_part_size=limit + 1
            )
        except Exception as error:  # the multipart parser's own errors
            raise ServiceError(400, "bad_request", f"the form could not be read: {error}") from None
        found: dict[str, list[Upload]] = {}
        try:  # the form's files are temporary files: closing removes them
            for name, value in form.multi_items():
                if isinstance(value, UploadFile):
                    if not value.filename:
                        continue  # a file input left empty
                    data = await value.read(limit + 1)
                    label = value.filename
                elif value.strip():
                    data, label = value.encode("utf-8"), f"<{name}>.txt"
                else:
                    continue
                if len(data) > limit:
                    raise ServiceError(
                        413,
                        DocumentTooLargeError.kind,
                        f"{label}: larger than {limit / MB:g} MB; "
                        "a resume or posting is much smaller",
                    )
                found.setdefault(name, []).append(Upload(label, data))
        finally:
            await form.close()
        return found

    def one(found: dict[str, list[Upload]], *names: str) -> Upload:
        given = [u for name in names for u in found.get(name, [])]
        if len(given) != 1:
            wanted = " or ".join(f"'{n}'" for n in names)
            raise ServiceError(400, "bad_request", f"give exactly one {wanted} (a file or text)")
        return given[0]

    def many(found: dict[str, list[Upload]], *names: str) -> list[Upload]:
        return [u for name in names for u in found.get(name, [])]

    @app.exception_handler(ServiceError)
    async def refused(request: Request, error: ServiceError) -> Response:
        return _error(error.status, error.kind, error.message)

    @app.exception_handler(FitAnalyzerError)
    async def failed(request: Request, error: FitAnalyzerError) -> Response:
        return _error(422, error.kind, str(error))

    @app.middleware("http")
    async def guard(request: Request, call_next: Any) -> Response:
        origin = request.headers.get("origin")
        response: Response
        if request.method == "POST" and origin is not None and origin != _own_origin(request):
            response = _error(403, "forbidden", "requests from other sites are refused")
        else:
            response = await call_next(request)
        response.headers["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "same-origin"  # "no-referrer" makes Origin null
        return response

    @app.get("/", response_class=HTMLResponse, summary="The page: a form to score")
    async def page() -> HTMLResponse:
        return HTMLResponse(render_form())

    @app.post("/", response_class=HTMLResponse, summary="The page's form, scored")
    async def page_post(request: Request) -> HTMLResponse:
        try:
            found = await uploads(request)
            resume = one(found, "resume", "resume_text")
            postings = many(found, "postings", "posting_text")
            if not postings:
                raise ServiceError(400, "bad_request", "give at least one job posting")
            results = await run_in_threadpool(rank, [resume], postings)
        except ServiceError as error:
            return HTMLResponse(render_form(error.message), status_code=error.status)
        reports = [r for r in results if isinstance(r, FitReport)]
        failures = [r for r in results if isinstance(r, ReadFailure)]
        if not reports:
            message = "; ".join(f"{f.path}: {f.error.message}" for f in failures)
            return HTMLResponse(render_form(message), status_code=422)
        if len(results) == 1:
            return HTMLResponse(render_html(dataclasses.replace(reports[0], rank=None)))
        return HTMLResponse(render_html_batch(results))

    @app.post(
        "/v1/score",
        summary="Score one resume against one posting",
        description="Multipart fields `resume` and `posting`, each a file or text. Returns "
        "the record of `fit-analyzer score --format json`.",
    )
    async def score(request: Request) -> JSONResponse:
        found = await uploads(request)
        resume, posting = one(found, "resume"), one(found, "posting")
        [result] = await run_in_threadpool(rank, [resume], [posting])
        if isinstance(result, ReadFailure):
            raise result.error
        return JSONResponse(dataclasses.replace(result, rank=None).to_dict())

    @app.post(
        "/v1/rank",
        summary="Rank postings for one resume, or resumes for one posting",
        description="Multipart: one `resume` and several `postings`, or several `resumes` "
        "and one `posting`, each a file or text. Returns the ranked records, best first, "
        "after an error record for each file that could not be read.",
    )
    async def rank_many(request: Request) -> JSONResponse:
        found = await uploads(request)
        if "postings" in found:
            resumes, postings = [one(found, "resume")], many(found, "postings")
        else:
            resumes, postings = many(found, "resumes"), [one(found, "posting")]
        if not resumes:
            raise ServiceError(400, "bad_request", "give 'resumes' with one 'posting'")
        results = await run_in_threadpool(rank, resumes, postings)
        if not any(isinstance(r, FitReport) for r in results):
            first = results[0]
            assert isinstance(first, ReadFailure)
            raise first.error
        return JSONResponse([r.to_dict() for r in results])

    @app.get("/v1/schema", summary="The JSON Schema of the records")
    async def record_schema() -> JSONResponse:
        return JSONResponse(schema())

    @app.get("/healthz", summary="Whether the service is up")
    async def health() -> dict[str, str]:
        return {"status": "ok", "version": __version__}

    return app


def _own_origin(request: Request) -> str:
    return f"{request.url.scheme}://{request.headers.get('host', '')}"


def _error(status: int, kind: str, message: str) -> JSONResponse:
    return JSONResponse({"error": {"kind": kind, "message": message}}, status_code=status)


def run(host: str, port: int, settings: Settings) -> None:
    """Serve until interrupted."""
    import uvicorn

    uvicorn.run(create_app(settings), host=host, port=port, log_level="warning")
