"""One check request from start to end, shared by the API and the page: admission (uploads and
documents in flight), the upload into a private folder, the options, the pool, the clean-up.

The private folder (``mkdtemp``, mode 0700, inside the server's own 0700 folder) is removed in a
``finally`` as soon as the checks are done — before the response is sent — so nothing of the
upload outlives the request unless the server was started with ``--keep DIR``.
"""

from __future__ import annotations

import asyncio
import contextlib
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from doclint.config import STAGES, Config, split_codes, with_overrides
from doclint.serve.uploads import Rejected, Upload, receive

# the page's three stages, the API's names, and the names people type
STAGE_ALIASES = {
    "draft": "draft", "du-thao": "draft", "dự thảo": "draft",
    "final": "final", "trinh-ky": "final", "trình ký": "final",
    "issued": "issued", "da-phat-hanh": "issued", "đã phát hành": "issued",
}  # fmt: skip


@dataclass
class Checked:
    upload: Upload
    results: list[Any]
    lang: str
    stage: str
    notes: list[str] = field(default_factory=list)
    seconds: float = 0.0


class Busy(Exception):
    def __init__(self, queued: int, retry: int) -> None:
        super().__init__("busy")
        self.queued = queued
        self.retry = retry


def resolve_stage(value: str | None) -> tuple[str | None, bool]:
    """(stage to run, whether ``issued`` fell back to ``final`` because this version lacks it)."""
    if value is None or value == "":
        return None, False
    stage = STAGE_ALIASES.get(value.strip().lower())
    if stage is None:
        raise Rejected(400, "bad_option", detail=f"stage={value!r} (draft, final, issued)")
    if stage not in STAGES:
        return "final", True
    return stage, False


def known_codes() -> list[str]:
    from doclint.rulepack import load_pack

    return sorted(load_pack().rules)


def resolve_codes(value: str | None, name: str) -> tuple[str, ...]:
    codes = split_codes(value)
    if not codes:
        return ()
    known = known_codes()
    for code in codes:
        if code != "ALL" and not any(k.startswith(code) for k in known):
            raise Rejected(
                400, "bad_option", detail=f"{name}={code!r}: không có quy tắc nào bắt đầu bằng mã này"
            )
    return codes


class Checker:
    """Admission, upload, pool, clean-up. One per app."""

    def __init__(self, settings: Any, pool: Any, root: Path) -> None:
        self.settings = settings
        self.pool = pool
        self.root = root
        self.uploading = 0
        self.seconds_per_doc = 1.0  # running estimate, for Retry-After

    def retry_after(self, extra: int = 0) -> int:
        waiting = self.pool.in_flight + extra
        per_worker = waiting / max(self.pool.jobs, 1)
        return max(1, min(120, round(per_worker * self.seconds_per_doc) + 1))

    def admit_upload(self) -> None:
        if self.uploading >= self.settings.max_uploads or self.pool.in_flight >= self.settings.queue_limit():
            raise Busy(self.pool.in_flight, self.retry_after())

    async def run(
        self, request: Any, lang: str, outputs: str | None = None, keep_document: bool = False
    ) -> Checked:
        self.admit_upload()
        self.uploading += 1
        folder = Path(tempfile.mkdtemp(prefix="req-", dir=self.root))
        started = time.perf_counter()
        try:
            try:
                upload = await receive(request, folder, self.settings)
            finally:
                self.uploading -= 1
            lang = upload.field("lang") if upload.field("lang") in ("vi", "en") else lang
            if not upload.files:
                raise Rejected(400, "no_files")
            stage, fell_back = resolve_stage(upload.field("stage"))
            config = self.config_for(
                select=resolve_codes(upload.field("select"), "select"),
                ignore=resolve_codes(upload.field("ignore"), "ignore"),
                stage=stage,
                lang=lang,
                outputs=outputs if not keep_document else "keep",
            )
            n = len(upload.files)
            if self.pool.in_flight + n > self.settings.queue_limit():
                raise Busy(self.pool.in_flight, self.retry_after(n))
            if self.settings.keep is not None:
                self.keep(upload)
            results = await self.check_files(request, [(str(f.path), config) for f in upload.files])
            for result, uploaded in zip(results, upload.files):
                result.path = uploaded.name  # the report names the upload, never the temporary path
            notes = ["stage_fallback"] if fell_back else []
            elapsed = time.perf_counter() - started
            self.seconds_per_doc = 0.8 * self.seconds_per_doc + 0.2 * (elapsed / n)
            return Checked(upload, results, lang, config.stage, notes, elapsed)
        finally:
            shutil.rmtree(folder, ignore_errors=True)

    def config_for(self, *, select, ignore, stage, lang, outputs) -> Config:
        base = self.settings.config or Config()
        config = with_overrides(base, select=select, ignore=ignore, stage=stage, lang=lang)
        options = dict(config.options)
        if self.settings.refs:
            options["refs-dir"] = self.settings.refs
        if outputs:
            options["serve-outputs"] = outputs
        return with_overrides(config, options=tuple(sorted(options.items())))

    async def check_files(self, request: Any, items: list[tuple[str, Config]]) -> list[Any]:
        owner = object()
        futures = [asyncio.wrap_future(f) for f in self.pool.submit(owner, items)]
        pending = set(futures)
        try:
            while pending:
                _, pending = await asyncio.wait(pending, timeout=0.5)
                if pending and await _disconnected(request):
                    raise asyncio.CancelledError("client went away")
            return [f.result() for f in futures]
        finally:
            if pending:
                self.pool.cancel(owner)

    def keep(self, upload: Upload) -> None:
        assert self.settings.keep is not None
        target = Path(self.settings.keep) / f"{time.strftime('%Y%m%d-%H%M%S')}-{upload.folder.name}"
        target.mkdir(parents=True, exist_ok=True)
        for n, f in enumerate(upload.files, 1):
            with contextlib.suppress(OSError):
                shutil.copy2(f.path, target / f"{n}-{f.name}")


async def _disconnected(request: Any) -> bool:
    try:
        return await request.is_disconnected()
    except Exception:
        return False
