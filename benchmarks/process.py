"""What a server process uses, read from /proc (Linux), and Streamlit's own count of sessions."""

from __future__ import annotations

import os
import re
import urllib.request
from pathlib import Path


def rss_mib(pid: int) -> float:
    """The process's resident memory (VmRSS) in MiB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS for {pid}")


def cpu_seconds(pid: int) -> float:
    """User and system CPU time the process has used so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def active_sessions(url: str) -> int | None:
    """Streamlit's own count of connected sessions (its /_stcore/metrics endpoint)."""
    try:
        with urllib.request.urlopen(f"{url}/_stcore/metrics", timeout=5) as response:
            text = response.read().decode()
    except OSError:
        return None
    match = re.search(r"^active_sessions (\d+)", text, re.MULTILINE)
    return int(match.group(1)) if match else None


def machine_load() -> str:
    """The 1-, 5- and 15-minute load averages, printed beside every figure (the machine is shared)."""
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f} {five:.2f} {fifteen:.2f} on {os.cpu_count()} cores"
