"""A real ``doclint serve`` for the tests: uvicorn in a subprocess on a free loopback port."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"


def have_serve() -> bool:
    try:
        import httpx  # noqa: F401
        import python_multipart  # noqa: F401
        import starlette  # noqa: F401
        import uvicorn  # noqa: F401
    except ImportError:
        return False
    return True


def require_serve() -> None:
    if not have_serve():
        if os.environ.get("CI"):
            pytest.fail("the [serve] extra must be installed in CI")
        pytest.skip("the [serve] extra is not installed (pip install -e '.[serve]')")


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, tmp: Path, *args: str, env: dict[str, str] | None = None) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.tmp = tmp
        self.log = tmp.parent / f"serve-{self.port}.log"
        cmd = [sys.executable, "-m", "doclint", "serve", "--port", str(self.port), "--tmp-dir", str(tmp),
               "--log-level", "warning", *args]  # fmt: skip
        full_env = {**os.environ, "DOCLINT_NO_CACHE": "1", **(env or {})}
        self.proc = subprocess.Popen(cmd, cwd=ROOT, env=full_env, stdout=self.log.open("w"),
                                     stderr=subprocess.STDOUT)  # fmt: skip
        self.wait_ready()

    def wait_ready(self, seconds: float = 60) -> None:
        import httpx

        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"doclint serve exited: {self.log.read_text()}")
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(self.url + "/healthz", timeout=2).status_code == 200:
                    return
            time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"doclint serve did not start: {self.log.read_text()}")

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=5)

    def leftover_files(self) -> list[Path]:
        """Files anywhere under the server's temporary folder (there must be none)."""
        return [p for p in self.tmp.rglob("*") if not p.is_dir()]


def docx_sample() -> Path:
    return SAMPLES / "loi-quyet-dinh.docx"
