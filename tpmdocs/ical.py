"""An iCalendar (RFC 5545) of milestones and task due dates, for any calendar application.

Each dated document is an all-day event on its date. Text values are escaped
(backslash, semicolon, comma, line breaks) and lines are folded at 75 octets
without splitting a UTF-8 character; lines end with CRLF.
"""

from __future__ import annotations

import datetime as dt

from .model import Document, as_date

PRODID = "-//tpmdocs//tpmdocs export//EN"
FOLD_AT = 75


def escape_text(value: str) -> str:
    text = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")
    return "".join(ch for ch in text if ch.isprintable() or ch == "\t")


def fold(line: str) -> str:
    """Split a content line into CRLF-SPACE continued parts of at most 75 octets."""
    parts, current, size = [], "", 0
    for ch in line:
        width = len(ch.encode("utf-8"))
        if size + width > FOLD_AT:
            parts.append(current)
            current, size = " ", 1
        current += ch
        size += width
    parts.append(current)
    return "\r\n".join(parts)


def _event(doc: Document, when: dt.date, stamp: str, what: str) -> list[str]:
    day = when.strftime("%Y%m%d")
    after = (when + dt.timedelta(days=1)).strftime("%Y%m%d")
    description = f"{what} {doc.id} ({doc.type}), status {doc.get('status') or 'unknown'}; {doc.display}"
    return [
        "BEGIN:VEVENT",
        f"UID:{escape_text(doc.id or doc.display)}-{what}@tpmdocs",
        f"DTSTAMP:{stamp}",
        f"DTSTART;VALUE=DATE:{day}",
        f"DTEND;VALUE=DATE:{after}",
        f"SUMMARY:{escape_text(f'{doc.id}: {doc.title}')}",
        f"DESCRIPTION:{escape_text(description)}",
        f"CATEGORIES:{escape_text(doc.type)}",
        "END:VEVENT",
    ]


def to_ics(documents: list[Document], today: dt.date) -> str:
    """Milestones' and tasks' ``due`` dates as events; ``today`` is the stamp (reproducible)."""
    stamp = today.strftime("%Y%m%dT000000Z")
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN"]
    for doc in documents:
        due = as_date(doc.get("due"))
        if doc.type in ("milestone", "task") and due:
            lines += _event(doc, due, stamp, "due")
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
