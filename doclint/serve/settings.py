"""What ``doclint serve`` was started with: address, workers, limits, security. One frozen object,
built by the command line (or a test) and read by every part of the app."""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from pathlib import Path

from doclint.config import Config

MB = 1024 * 1024


@dataclass(frozen=True)
class Settings:
    host: str = "127.0.0.1"
    port: int = 8080
    jobs: int = 0  # 0: one worker per core
    config: Config | None = None  # --config: the doclint.toml every upload is checked with
    refs: str | None = None  # --refs: folder of higher-level documents
    token: str | None = None  # --token: bearer for the API, login form for the page
    trust_proxy_auth: bool = False  # behind the office's reverse proxy, which authenticates
    keep: Path | None = None  # --keep DIR: copy every upload there (otherwise nothing is kept)
    tmp_dir: Path | None = None  # where the private temporary folder is made (default: the system's)
    max_file_bytes: int = 20 * MB  # one uploaded file
    max_request_bytes: int = 64 * MB  # one request body (answered 413 from Content-Length alone)
    max_files: int = 20  # files in one request
    max_queue: int = 0  # documents waiting or being checked, all requests together (0: 16 per worker)
    max_uploads: int = 16  # requests receiving their files at the same time
    timeout: float | None = None  # seconds per document (default: the batch's, or the config's)
    allowed_hosts: tuple[str, ...] = ()  # extra Host names accepted on loopback (DNS rebinding guard)

    def worker_count(self) -> int:
        if self.jobs > 0:
            return self.jobs
        from doclint.batch import default_jobs

        return default_jobs()

    def queue_limit(self) -> int:
        return self.max_queue if self.max_queue > 0 else 16 * self.worker_count()

    @property
    def loopback(self) -> bool:
        return is_loopback(self.host)


def is_loopback(host: str) -> bool:
    if host in ("localhost", "localhost.localdomain"):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def refuse_reason(settings: Settings) -> str | None:
    """Why the server must not start as configured (Vietnamese), or None."""
    if not settings.loopback and not settings.token and not settings.trust_proxy_auth:
        return (
            f"không mở trang kiểm tra trên địa chỉ {settings.host} khi chưa có bảo vệ: hãy đặt mã truy cập "
            "(--token, hoặc biến môi trường DOCLINT_SERVE_TOKEN) hoặc chạy sau máy chủ proxy đã xác thực "
            "người dùng (--trust-proxy-auth). Mặc định chỉ nghe trên 127.0.0.1."
        )
    if settings.token is not None and len(settings.token) < 12:
        return "mã truy cập (--token) phải dài ít nhất 12 ký tự."
    return None
