"""Whether the process running an import is still alive: who it is, and a look at it.

A worker killed mid-import (``SIGKILL``, the kernel's out-of-memory killer, a lost machine) never
gets to mark its job failed. The job records ``identity()`` of its worker; ``gone()`` tells, from
any process on the same machine and in the same PID namespace, that the worker has certainly
ended. Anywhere else (another machine or container, not Linux) it cannot tell, and the job's
heartbeat decides (``services.fail_dead_jobs``).

The identity holds the kernel's boot id, the PID namespace and the process's start time besides
its PID, so a PID reused by a later process, or the same PID in another container, is never taken
for the worker.
"""

from __future__ import annotations

import os
import socket
from functools import cache
from pathlib import Path

_SEPARATOR = "|"


def _read(path: str) -> str:
    try:
        return Path(path).read_text().strip()
    except OSError:
        return ""


def _stat(pid: int) -> tuple[str, str] | None:
    """(state, start time in clock ticks after boot) of a process; None if there is none."""
    text = _read(f"/proc/{pid}/stat")
    if not text:
        return None
    # "pid (command) state ppid …": the command may hold spaces and parentheses.
    fields = text[text.rfind(")") + 2 :].split()
    return (fields[0], fields[19]) if len(fields) > 19 else None


@cache
def _machine() -> tuple[str, str]:
    """(boot id, PID namespace) of this kernel and process; empty where there is no /proc."""
    try:
        namespace = os.readlink("/proc/self/ns/pid")
    except OSError:
        namespace = ""
    return _read("/proc/sys/kernel/random/boot_id"), namespace


def identity(pid: int | None = None) -> str:
    """Who the process is (this one by default), as stored in ``ImportJob.worker``."""
    pid = pid or os.getpid()
    boot, namespace = _machine()
    stat = _stat(pid) if boot and namespace else None
    started = stat[1] if stat else ""
    host = socket.gethostname()[:64].replace(_SEPARATOR, "")
    return _SEPARATOR.join([host, str(pid), boot, namespace, started])


def describe(worker: str) -> str:
    """The identity in words for a message: ``pid 1234 on host``."""
    parts = worker.split(_SEPARATOR)
    return f"pid {parts[1]} on {parts[0]}" if len(parts) == 5 else worker


def gone(worker: str) -> bool:
    """True only if the process ``worker`` names has certainly ended (killed, crashed, exited)."""
    parts = worker.split(_SEPARATOR)
    if len(parts) != 5 or not parts[1].isdigit():
        return False
    _host, pid, boot, namespace, started = parts
    if not boot or not started or (boot, namespace) != _machine():
        return False  # another machine or container: only the heartbeat can tell
    stat = _stat(int(pid))
    # No such process, another process under a reused PID, or a dead one not yet reaped.
    return stat is None or stat[1] != started or stat[0] in ("Z", "X")
