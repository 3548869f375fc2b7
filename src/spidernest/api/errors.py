"""The one table from error class to HTTP status, and the handlers that render ``{"detail": ...}``.

The status of an error is found by walking its class's MRO, so a subclass inherits its parent's
code unless the table names it (as Starlette's ``_exception_handler.py`` does).
"""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from spidernest import errors
from spidernest.api.render import render

__all__ = ["STATUS_BY_ERROR", "install_error_handlers", "status_for"]

log = logging.getLogger(__name__)

STATUS_BY_ERROR: dict[type[errors.SpiderNestError], int] = {
    errors.SpiderNestError: 500,
    errors.InvalidInput: 422,
    errors.NotFound: 404,
    errors.Gone: 410,
    errors.Conflict: 409,
    errors.InvalidState: 400,
    errors.Unauthorized: 401,
    errors.Forbidden: 403,
    errors.RateLimited: 429,
    errors.TargetRefused: 400,
    errors.Unavailable: 503,
    errors.UpstreamError: 502,
    errors.Timeout: 504,
}


def status_for(error: errors.SpiderNestError) -> int:
    """The HTTP status of an error: the nearest class in its MRO that the table names."""
    for cls in type(error).__mro__:
        if cls in STATUS_BY_ERROR:
            return STATUS_BY_ERROR[cls]
    return 500


async def _spidernest_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, errors.SpiderNestError)
    results = getattr(exc, "results", None)
    status = status_for(exc)
    if results is not None:
        return render(request, results, status_code=status)
    detail: object = str(exc)
    if isinstance(exc, errors.InvalidInput) and exc.errors:
        detail = exc.errors
    headers: dict[str, str] = {}
    if isinstance(exc, errors.Unauthorized):
        headers["WWW-Authenticate"] = "Bearer"
    if isinstance(exc, errors.RateLimited):
        headers["Retry-After"] = str(max(1, round(exc.retry_after)))
    return JSONResponse({"detail": detail}, status_code=status, headers=headers)


async def _validation_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    detail = [
        {"loc": list(error.get("loc", ())), "msg": error.get("msg", ""), "type": error.get("type")}
        for error in exc.errors()
    ]
    return JSONResponse({"detail": detail}, status_code=422)


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    return JSONResponse(
        {"detail": exc.detail}, status_code=exc.status_code, headers=exc.headers or None
    )


async def _unexpected_error(request: Request, exc: Exception) -> Response:
    log.exception("unhandled error on %s %s", request.method, request.url.path)
    return JSONResponse({"detail": "Internal server error"}, status_code=500)


def install_error_handlers(app: FastAPI) -> None:
    """Register the handlers on an app."""
    app.add_exception_handler(errors.SpiderNestError, _spidernest_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(Exception, _unexpected_error)
