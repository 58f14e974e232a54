"""Short smoke runs of the load tools (marked `load`): the websocket load generator against a real
server, and deploy/run-local.sh's replicas behind nginx. The long load runs are benchmarks, not tests."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from http.cookies import SimpleCookie

import pytest

from devtools.devserver import ROOT, free_port

pytestmark = pytest.mark.load
# Generous: the machine may be busy; a slow answer is not what these tests are about.
ANSWER_TIMEOUT = "90"


def ws_load(*args: str) -> tuple[int, str]:
    """`python -m benchmarks.ws_load ARGS` as a user runs it; its exit status and output."""
    command = [sys.executable, "-m", "benchmarks.ws_load", "--timeout", ANSWER_TIMEOUT, *args]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=600, check=False)
    return done.returncode, done.stdout + done.stderr


def test_generator_checks_every_answer_and_finds_no_error() -> None:
    """Three busy visitors against a fresh `streamlit run app.py`: answers checked, no error."""
    status, out = ws_load("--sessions", "3", "--seconds", "6", "--ramp", "1")
    assert status == 0, out
    assert "errors: 0" in out
    checked = int(out.split("answers checked: ")[1].split(",")[0])
    assert checked >= 6  # each visitor's opening is two checked runs


def _start_local(replicas: int, port: int) -> tuple[subprocess.Popen[str], list[int]]:
    """run-local.sh started in its own process group; returns it and the replicas' pids once it serves."""
    process = subprocess.Popen(
        ["bash", "deploy/run-local.sh", str(replicas), str(port)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    assert process.stdout is not None
    pids = []
    for line in process.stdout:  # ends when the script exits; it serves or fails within its own bounds
        if line.startswith("replica "):
            pids.append(int(line.split()[3]))
        if line.startswith("serving "):
            return process, pids
    raise AssertionError(f"run-local.sh exited with {process.wait()} before serving")


@pytest.fixture
def local_replicas() -> Iterator[tuple[str, list[int], subprocess.Popen[str]]]:
    if shutil.which("nginx") is None and not os.path.exists("/usr/sbin/nginx") and os.geteuid() != 0:
        pytest.skip("nginx is not installed (apt-get install nginx-light) and cannot be installed without root")
    port = free_port()
    process, pids = _start_local(2, port)
    try:
        yield f"http://127.0.0.1:{port}", pids, process
    finally:
        if process.poll() is None:  # the test failed before stopping it: stop the whole group
            os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=60)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def test_run_local_serves_replicas_behind_nginx_and_stops_them(
    local_replicas: tuple[str, list[int], subprocess.Popen[str]],
) -> None:
    """Two replicas behind nginx: a sticky cookie is set, visitors are served without error, and a
    SIGTERM to the script stops every replica."""
    url, pids, script = local_replicas
    assert len(pids) == 2
    with urllib.request.urlopen(f"{url}/_stcore/health", timeout=30) as response:
        cookies = SimpleCookie()
        for header in response.headers.get_all("Set-Cookie") or []:
            cookies.load(header)
    assert "kpmap_replica" in cookies and "_streamlit_xsrf" in cookies
    pid_args = [part for pid in pids for part in ("--pid", str(pid))]
    status, out = ws_load("--url", url, "--sessions", "2", "--seconds", "5", *pid_args)
    assert status == 0, out
    script.send_signal(signal.SIGTERM)  # to the script alone: it must stop what it started
    assert script.wait(timeout=60) != 0
    deadline = time.monotonic() + 60
    while any(map(_alive, pids)) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not any(map(_alive, pids))
