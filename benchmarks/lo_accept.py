"""Accept every tracked change of DOCX files with LibreOffice (UNO ``.uno:AcceptAllTrackedChanges``).

Run with the system Python that has LibreOffice's ``uno`` module (``/usr/bin/python3``), not the
project's virtual environment::

    /usr/bin/python3 benchmarks/lo_accept.py IN.docx OUT.docx [IN2.docx OUT2.docx ...]

One headless LibreOffice (its own throw-away profile) serves every pair; each output is saved as
"MS Word 2007 XML" (DOCX). Prints one line per pair: ``ok OUT`` or ``error IN: message``.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import uno  # type: ignore[import-not-found]
from com.sun.star.beans import PropertyValue  # type: ignore[import-not-found]


def prop(name: str, value) -> PropertyValue:
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def connect(pipe: str, proc: subprocess.Popen, timeout: float = 60.0):
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    deadline = time.monotonic() + timeout
    while True:
        try:
            return resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
        except Exception:
            if time.monotonic() > deadline or proc.poll() is not None:
                raise
            time.sleep(0.5)


def main(argv: list[str]) -> int:
    pairs = list(zip(argv[0::2], argv[1::2], strict=True))
    profile = tempfile.mkdtemp(prefix="doclint-lo-")
    pipe = f"doclint_accept_{os.getpid()}"
    proc = subprocess.Popen(
        ["soffice", "--headless", "--invisible", "--norestore", "--nologo", "--nodefault",
         f"-env:UserInstallation=file://{profile}", f"--accept=pipe,name={pipe};urp;"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    failures = 0
    try:
        ctx = connect(pipe, proc)
        smgr = ctx.ServiceManager
        desktop = smgr.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        dispatcher = smgr.createInstanceWithContext("com.sun.star.frame.DispatchHelper", ctx)
        for src, dst in pairs:
            try:
                url = uno.systemPathToFileUrl(str(Path(src).resolve()))
                doc = desktop.loadComponentFromURL(url, "_blank", 0, (prop("Hidden", True),))
                frame = doc.getCurrentController().getFrame()
                dispatcher.executeDispatch(frame, ".uno:AcceptAllTrackedChanges", "", 0, ())
                out = uno.systemPathToFileUrl(str(Path(dst).resolve()))
                doc.storeToURL(out, (prop("FilterName", "MS Word 2007 XML"),))
                doc.close(True)
                print(f"ok {dst}", flush=True)
            except Exception as exc:  # one file's failure is reported, the others go on
                failures += 1
                print(f"error {src}: {exc}", flush=True)
    finally:
        with contextlib.suppress(Exception):
            desktop.terminate()  # type: ignore[possibly-undefined]
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
        subprocess.run(["rm", "-rf", profile], check=False)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
