"""The JSON-RPC layer made safe for bad input: no traceback reaches the client or stderr.

pygls answers a request whose handler failed with the Python traceback in the error's
``data``, logs tracebacks through :mod:`logging`, and drops a request whose parameters do not
fit their type (the client then waits for ever). Here:

- every error response carries a one-line message and no ``data``;
- a request that cannot be read (wrong parameters, not a JSON-RPC message, a batch) is
  answered with an error naming why, when it has an id to answer;
- a frame that is not JSON is answered with a parse error (id null), as JSON-RPC says;
- log records are written to standard error as one line each, never with a traceback.

This leans on two methods pygls does not document (``structure_message`` is the converter
hook it passes to ``json.loads``; ``_send_response`` sends every response, ``_send_data``
writes a frame); pyproject pins pygls below 3 for that reason, and tests/lsp drive these
paths over stdio.
"""

from __future__ import annotations

import logging
import sys
import threading
from typing import Any

from lsprotocol import types
from pygls.exceptions import JsonRpcException, JsonRpcInvalidRequest, JsonRpcParseError
from pygls.protocol import LanguageServerProtocol

logger = logging.getLogger("tpmdocs.lsp")


class Unreadable:
    """A message that could not be made into a request or notification, and why."""

    def __init__(self, message_id: Any, error: JsonRpcException) -> None:
        self.id = _answerable(message_id)
        self.error = error


def _answerable(message_id: Any) -> int | str | None:
    """The id to answer with: a request's id as JSON-RPC allows it, else None (no answer)."""
    return message_id if isinstance(message_id, (int, str)) and not isinstance(message_id, bool) else None


def _not_a_message() -> JsonRpcException:
    return JsonRpcInvalidRequest(message="Invalid Request: not a JSON-RPC 2.0 message")


class RobustProtocol(LanguageServerProtocol):
    """pygls' protocol, answering what it cannot read and never sending a traceback."""

    def structure_message(self, data: dict[str, Any]) -> Any:
        try:
            return super().structure_message(data)
        except JsonRpcException as error:
            return Unreadable(data.get("id"), error)

    def handle_message(self, message: Any) -> None:
        if isinstance(message, Unreadable):
            self._refuse(message.id, message.error)
        elif isinstance(message, dict):  # JSON, but no "jsonrpc": not a message
            self._refuse(_answerable(message.get("id")), _not_a_message(), always=True)
        elif not hasattr(message, "jsonrpc"):  # a batch, a number, a string
            self._refuse(None, _not_a_message(), always=True)
        else:
            super().handle_message(message)

    def _refuse(self, message_id: int | str | None, error: JsonRpcException,
                always: bool = False) -> None:
        """Answer a request that cannot be handled (``always``: with id null when it has
        none, as JSON-RPC answers an invalid request; a notification is not answered)."""
        logger.warning("refused a message: %s", error.message)
        if message_id is not None or always:
            self._send_response(message_id, error=error.to_response_error())

    def refuse_frame(self, error: Exception) -> None:
        """Answer a frame that is not JSON (or not UTF-8) with a parse error."""
        self._send_response(None, error=JsonRpcParseError(message=f"Parse error: {_one_line(error)}")
                            .to_response_error())

    def _send_response(self, msg_id: Any, result: Any = None,
                       error: types.ResponseError | None = None) -> None:
        if error is not None:
            error = types.ResponseError(code=error.code, message=_one_line(error.message))
            if msg_id is None:  # pygls' types leave out a null id; JSON-RPC wants "id": null
                self._send_data({"jsonrpc": self.VERSION, "id": None,
                                 "error": {"code": error.code, "message": error.message}})
                return
        super()._send_response(msg_id, result=result, error=error)


def _one_line(text: object) -> str:
    lines = str(text).strip().splitlines()
    return lines[0][:300] if lines else "error"


class OneLine(logging.Formatter):
    """``tpmdocs lsp: LEVEL: first line of the message``; never a traceback."""

    def format(self, record: logging.LogRecord) -> str:
        try:
            message = record.getMessage()
        except Exception:  # noqa: BLE001 - a record whose arguments do not format
            message = str(record.msg)
        return f"tpmdocs lsp: {record.levelname.lower()}: {_one_line(message)}"


def quiet_logging(level: int = logging.WARNING) -> None:
    """Send every log record to standard error as one line, and do the same for exceptions
    that escape a thread or the main loop (Python would print their tracebacks)."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(OneLine())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    logging.lastResort = handler
    sys.excepthook = lambda kind, value, tb: logger.error("%s: %s", kind.__name__, value)
    threading.excepthook = lambda args: logger.error("%s: %s", args.exc_type.__name__, args.exc_value)
