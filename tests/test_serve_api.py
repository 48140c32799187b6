"""``doclint serve``'s JSON API against a real server (uvicorn in a subprocess, httpx as the client):
the schema-v1 report, the limits (413/415/429) with their Vietnamese messages, the token, the
security headers, and nothing left in the temporary folder afterwards."""

from __future__ import annotations

import io
import json
import socket
import subprocess
import sys
import threading
import time
import zipfile

import pytest
import servekit

pytestmark = pytest.mark.slow

MB = 1024 * 1024
LIMITS = (
    "--jobs",
    "2",
    "--max-files",
    "5",
    "--max-file-mb",
    "2",
    "--max-request-mb",
    "12",
    "--max-queue",
    "4",
)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    servekit.require_serve()
    tmp = tmp_path_factory.mktemp("serve") / "tmp"
    s = servekit.Server(tmp, *LIMITS)
    yield s
    s.stop()
    assert s.leftover_files() == [], "uploads left behind after the server stopped"


@pytest.fixture(scope="module")
def client(server):
    import httpx

    with httpx.Client(base_url=server.url, timeout=120) as c:
        yield c


def docx_bytes() -> bytes:
    return servekit.docx_sample().read_bytes()


def post(client, files, data=None, **kw):
    return client.post("/api/v1/check", files=[("files", f) for f in files], data=data or {}, **kw)


def report_schema(client) -> dict:
    spec = client.get("/api/v1/openapi.json").json()
    return {"$ref": "#/components/schemas/Report", "components": spec["components"]}


def vietnamese(text: str) -> bool:
    return any(ch in text for ch in "ảạầấẩẫậắằẳẵặẻẽẹềếểễệỉịỏọồốổỗộớờởỡợủụứừửữựỳỷỹỵđ")


# ---------------------------------------------------------------- the report


def test_check_gives_the_schema_v1_report_of_doclint_check(client, tmp_path):
    import jsonschema

    r = post(client, [("loi-quyet-dinh.docx", docx_bytes())])
    assert r.status_code == 200, r.text
    data = r.json()
    jsonschema.validate(data, report_schema(client))
    assert data["schema"] == 1
    (entry,) = data["files"]
    assert entry["path"] == "loi-quyet-dinh.docx"  # the upload's name, never the temporary path
    # the same findings as the command line on the same file
    cli = subprocess.run(
        [sys.executable, "-m", "doclint", "check", str(servekit.docx_sample()), "--format", "json", "--no-cache"],
        capture_output=True, text=True, cwd=servekit.ROOT,
    )  # fmt: skip
    expected = json.loads(cli.stdout)["files"][0]
    assert [f["code"] for f in entry["findings"]] == [f["code"] for f in expected["findings"]]
    assert entry["findings"] == expected["findings"]
    assert data["summary"]["files"] == 1 and data["summary"]["error"] >= 1


def test_options_select_ignore_stage_and_language(client):
    sample = [("a.docx", docx_bytes())]
    only_hdr = post(client, sample, {"select": "HDR"}).json()["files"][0]["findings"]
    assert only_hdr and all(f["code"].startswith("HDR") for f in only_hdr)
    no_hdr = post(client, sample, {"ignore": "HDR"}).json()["files"][0]["findings"]
    assert no_hdr and not any(f["code"].startswith("HDR") for f in no_hdr)
    final = post(client, sample, {"stage": "final"}).json()["files"][0]
    assert final["stage"] == "final"
    issued = post(client, sample, {"stage": "issued"})
    assert issued.status_code == 200
    assert issued.json()["files"][0]["stage"] in ("issued", "final")  # final until the stage exists
    english = post(client, sample, {"lang": "en"}).json()["files"][0]["findings"]
    assert not vietnamese(english[0]["message"])
    bad = post(client, sample, {"stage": "later"})
    assert bad.status_code == 400 and "stage" in bad.json()["error"]["message"]
    unknown = post(client, sample, {"select": "ZZZ"})
    assert unknown.status_code == 400


def test_several_files_come_back_in_order(client):
    text = "ỦY BAN NHÂN DÂN\nXÃ AN BÌNH\nSố: 5/TB-UBND\nTHÔNG BÁO\nVề việc họp\n".encode()
    r = post(client, [("b.txt", text), ("a.docx", docx_bytes()), ("c.md", text)])
    assert r.status_code == 200, r.text
    assert [f["path"] for f in r.json()["files"]] == ["b.txt", "a.docx", "c.md"]


def test_other_formats_are_downloads_with_a_utf8_name(client):
    name = 'Kế hoạch "số 1"\r\n.docx'
    r = client.post("/api/v1/check?format=csv", files=[("files", (name, docx_bytes()))])
    assert r.status_code == 200
    disposition = r.headers["content-disposition"]
    assert disposition.startswith("attachment;")
    assert "filename*=UTF-8''" in disposition and "%E1%BA%BF" in disposition  # “ế”, percent-encoded
    assert '"số' not in disposition and "\n" not in disposition and "\r" not in disposition
    folders = post(client, [("../../etc/ke-hoach.docx", docx_bytes())]).json()["files"][0]
    assert folders["path"] == "ke-hoach.docx"
    assert r.content.startswith("\ufeff".encode())  # CSV for Excel
    from doclint.report import available_formats

    if "xlsx" in available_formats():
        import openpyxl

        xlsx = client.post("/api/v1/check?format=xlsx", files=[("files", ("a.docx", docx_bytes()))])
        assert xlsx.status_code == 200 and xlsx.headers["content-type"].startswith("application/vnd.openxml")
        book = openpyxl.load_workbook(io.BytesIO(xlsx.content))
        assert any("HDR005" in str(cell.value) for sheet in book for row in sheet.iter_rows() for cell in row)
    html = client.post("/api/v1/check?format=html", files=[("files", ("a.docx", docx_bytes()))])
    assert html.status_code == 200 and b"<html" in html.content[:500].lower()
    assert "attachment" in html.headers["content-disposition"]


def test_annotate_returns_the_docx_with_word_comments(client, tmp_path):
    import docx

    r = client.post("/api/v1/annotate", files=[("files", ("quyết định.docx", docx_bytes()))])
    assert r.status_code == 200, r.text
    assert "quy%E1%BA%BFt" in r.headers["content-disposition"]
    out = tmp_path / "a.docx"
    out.write_bytes(r.content)
    comments = list(docx.Document(str(out)).comments)
    assert comments and any("HDR005" in c.text for c in comments)
    pdf = client.post("/api/v1/annotate", files=[("files", ("a.txt", "chỉ là văn bản".encode()))])
    assert pdf.status_code == 415


def test_rules_and_one_rule_explained(client):
    rules = client.get("/api/v1/rules").json()
    codes = {r["code"] for r in rules}
    assert "HDR005" in codes and len(rules) > 50
    one = client.get("/api/v1/rules/hdr005").json()
    assert one["code"] == "HDR005" and one["basis"] and one["why"]
    assert client.get("/api/v1/rules/HDR005?lang=en").json()["title"] == one["title_en"]
    missing = client.get("/api/v1/rules/NOPE1")
    assert missing.status_code == 404 and vietnamese(missing.json()["error"]["message"])


def test_openapi_document(client):
    spec = client.get("/api/v1/openapi.json").json()
    assert spec["openapi"].startswith("3.")
    assert {"/api/v1/check", "/api/v1/rules", "/api/v1/rules/{code}", "/healthz"} <= set(spec["paths"])


# ---------------------------------------------------------------- limits


def test_a_png_named_docx_is_415(client):
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 200
    r = post(client, [("van-ban.docx", png)])
    assert r.status_code == 415
    message = r.json()["error"]["message"]
    assert "PNG" in message and "van-ban.docx" in message and vietnamese(message)


def zip_bomb() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", b"\x00" * (40 * MB))
    return buffer.getvalue()


def test_a_zip_bomb_is_413_before_any_inflating(client):
    bomb = zip_bomb()
    assert len(bomb) < 200_000
    r = post(client, [("bom.docx", bomb)])
    assert r.status_code == 413
    assert "bom nén" in r.json()["error"]["message"]


def test_a_file_over_the_limit_is_413(client):
    r = post(client, [("lon.txt", b"a" * (3 * MB))])
    assert r.status_code == 413
    assert "lon.txt" in r.json()["error"]["message"] and "2 MB" in r.json()["error"]["message"]


def test_too_many_files_is_413(client):
    r = post(client, [(f"{n}.txt", "Văn bản".encode()) for n in range(50)])
    assert r.status_code == 413
    assert "tối đa 5 tệp" in r.json()["error"]["message"]


def test_a_200_mb_body_is_refused_from_its_length(server):
    """The answer comes from the Content-Length alone: not one byte of the body is sent."""
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as s:
        head = (
            "POST /api/v1/check HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            "Content-Type: multipart/form-data; boundary=xyz\r\n"
            f"Content-Length: {200 * MB}\r\n\r\n"
        )
        s.sendall(head.encode())
        chunks = []
        while chunk := s.recv(65536):  # the server answers and closes the connection
            chunks.append(chunk)
        reply = b"".join(chunks).decode("utf-8", "replace")
    assert reply.startswith("HTTP/1.1 413")
    assert "12 MB" in reply


def test_no_file_and_not_multipart_are_400(client):
    assert client.post("/api/v1/check", data={"stage": "draft"}).status_code == 400
    assert (
        client.post("/api/v1/check", content=b"{}", headers={"content-type": "application/json"}).status_code
        == 400
    )


def slow_text() -> bytes:
    line = (
        "Ủy ban nhân dân xã giao Văn phòng chủ trì, phối hợp với các đơn vị triển khai thực hiện kế hoạch.\n"
    )
    return ("ỦY BAN NHÂN DÂN\nXÃ AN BÌNH\nKẾ HOẠCH\n" + line * 6000).encode()


def test_work_in_flight_is_limited_with_429(client, server):
    import httpx

    results: dict[str, httpx.Response] = {}

    def big_request():
        with httpx.Client(base_url=server.url, timeout=300) as c:
            results["a"] = post(c, [(f"{n}.txt", slow_text()) for n in range(4)])

    thread = threading.Thread(target=big_request)
    thread.start()
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        health = client.get("/healthz").json()
        if health["queued"] + health["running"] >= 4:
            break
        time.sleep(0.02)
    busy = post(client, [("a.docx", docx_bytes())])
    thread.join()
    assert busy.status_code == 429
    assert int(busy.headers["retry-after"]) >= 1
    assert "thử lại" in busy.json()["error"]["message"]
    assert results["a"].status_code == 200 and len(results["a"].json()["files"]) == 4


def test_hostile_uploads_each_get_their_answer_while_others_are_served(client, server):
    import httpx

    answers: dict[str, int] = {}

    def send(key, files):
        with httpx.Client(base_url=server.url, timeout=120) as c:
            answers[key] = post(c, files).status_code

    jobs = {
        "bomb": [("bom.docx", zip_bomb())],
        "png": [("anh.docx", b"\x89PNG\r\n\x1a\n" + b"\x00" * 100)],
        "fifty": [(f"{n}.txt", "Văn bản".encode()) for n in range(50)],
        "big": [("lon.docx", b"PK\x03\x04" + b"\x00" * (11 * MB))],
        "normal": [("a.docx", docx_bytes())],
    }
    threads = [threading.Thread(target=send, args=item) for item in jobs.items()]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert answers == {"bomb": 413, "png": 415, "fifty": 413, "big": 413, "normal": 200}


# ---------------------------------------------------------------- security


def test_security_headers(client):
    for path in ("/", "/healthz", "/api/v1/rules"):
        r = client.get(path)
        csp = r.headers["content-security-policy"]
        assert "default-src 'none'" in csp and "frame-ancestors 'none'" in csp
        assert "script-src 'nonce-" in csp and "unsafe-inline" not in csp and "http" not in csp
        assert r.headers["x-content-type-options"] == "nosniff"
    page = client.get("/").text
    nonce = client.get("/").headers["content-security-policy"].split("'nonce-")[1].split("'")[0]
    assert nonce not in page  # a fresh nonce per response
    assert "<script" in page and 'src="/static/page.js"' in page
    assert "http://" not in page and "https://" not in page  # no CDN, no other origin


def test_dns_rebinding_and_cross_site_posts_are_refused(client):
    assert client.get("/", headers={"host": "evil.example"}).status_code == 400
    for origin in ("http://evil.example", "null"):
        r = post(client, [("a.docx", docx_bytes())], headers={"origin": origin})
        assert r.status_code == 403
    assert (
        post(client, [("a.docx", docx_bytes())], headers={"sec-fetch-site": "cross-site"}).status_code == 403
    )
    same = post(
        client,
        [("a.docx", docx_bytes())],
        headers={"origin": client.base_url.scheme + "://" + client.base_url.netloc.decode()},
    )
    assert same.status_code == 200


def test_page_posts_need_the_csrf_token(client):
    r = client.post("/ui/check", files=[("files", ("a.docx", docx_bytes()))])
    assert r.status_code == 403 and vietnamese(r.json()["error"]["message"])


def test_the_temporary_folder_is_empty_after_the_requests(client, server):
    post(client, [("a.docx", docx_bytes())])
    post(client, [("anh.docx", b"\x89PNG\r\n\x1a\n")])
    post(client, [("lon.txt", b"a" * (3 * MB))])
    assert server.leftover_files() == []
    roots = list(server.tmp.iterdir())
    assert len(roots) == 1 and roots[0].stat().st_mode & 0o077 == 0  # one private folder, mode 0700


def test_another_address_needs_a_token_or_the_proxy(tmp_path):
    servekit.require_serve()
    r = subprocess.run([sys.executable, "-m", "doclint", "serve", "--host", "0.0.0.0", "--port", "1"],
                       capture_output=True, text=True, timeout=60, env={**__import__("os").environ,
                       "DOCLINT_SERVE_TOKEN": ""})  # fmt: skip
    assert r.returncode == 2
    assert "--token" in r.stderr and "--trust-proxy-auth" in r.stderr


def test_with_a_token_the_api_wants_a_bearer_and_the_page_a_login(tmp_path):
    import httpx

    servekit.require_serve()
    token = "mat-khau-rat-dai-123"
    s = servekit.Server(tmp_path / "tmp", "--jobs", "1", env={"DOCLINT_SERVE_TOKEN": token})
    try:
        with httpx.Client(base_url=s.url, timeout=60) as c:
            assert c.get("/healthz").status_code == 200
            denied = c.get("/api/v1/rules")
            assert denied.status_code == 401 and denied.headers["www-authenticate"].startswith("Bearer")
            assert (
                c.get("/api/v1/rules", headers={"authorization": "Bearer wrong-token-xyz"}).status_code == 401
            )
            ok = post(c, [("a.docx", docx_bytes())], headers={"authorization": f"Bearer {token}"})
            assert ok.status_code == 200
            home = c.get("/", follow_redirects=False)
            assert home.status_code == 303 and home.headers["location"] == "/login"
            form = c.get("/login")
            csrf = form.text.split('name="csrf" value="')[1].split('"')[0]
            wrong = c.post("/login", data={"csrf": csrf, "token": "nope"})
            assert wrong.status_code == 401 and "không đúng" in wrong.text
            bad_csrf = c.post("/login", data={"csrf": "x", "token": token})
            assert bad_csrf.status_code == 403
            good = c.post("/login", data={"csrf": csrf, "token": token}, follow_redirects=False)
            assert good.status_code == 303
            cookie = good.headers["set-cookie"]
            assert "HttpOnly" in cookie and "SameSite=strict" in cookie.replace("Strict", "strict")
            assert c.get("/").status_code == 200
    finally:
        s.stop()
    assert s.leftover_files() == []


def test_a_document_past_its_time_gets_doc006_and_the_server_goes_on(tmp_path):
    import httpx

    servekit.require_serve()
    kept = tmp_path / "kept"
    s = servekit.Server(tmp_path / "tmp", "--jobs", "1", "--timeout", "1.5", "--keep", str(kept))
    try:
        with httpx.Client(base_url=s.url, timeout=120) as c:
            slow = post(c, [("cham.txt", slow_text() * 7)])  # 5 MB of text: several seconds
            assert slow.status_code == 200
            assert slow.json()["files"][0]["error"]["code"] == "DOC006"
            after = post(c, [("a.txt", "ỦY BAN NHÂN DÂN\nXÃ AN BÌNH\n".encode())])
            assert after.status_code == 200 and after.json()["files"][0]["error"] is None
    finally:
        s.stop()
    assert s.leftover_files() == []
    # --keep DIR: the uploads, and only they, are kept there
    assert sorted(p.name for p in kept.rglob("*") if p.is_file()) == ["1-a.txt", "1-cham.txt"]


def test_requests_are_served_in_turn(tmp_path):
    """One worker, a request with four long files, then a one-file request: the second is answered
    before the first, not after its four files (the pool takes the requests round robin)."""
    import httpx

    servekit.require_serve()
    s = servekit.Server(tmp_path / "tmp", "--jobs", "1")
    finished: list[str] = []
    try:

        def big():
            with httpx.Client(base_url=s.url, timeout=300) as c:
                assert post(c, [(f"{n}.txt", slow_text()) for n in range(4)]).status_code == 200
                finished.append("big")

        thread = threading.Thread(target=big)
        thread.start()
        with httpx.Client(base_url=s.url, timeout=300) as c:
            deadline = time.monotonic() + 60
            while c.get("/healthz").json()["queued"] + c.get("/healthz").json()["running"] < 4:
                assert time.monotonic() < deadline
                time.sleep(0.02)
            assert post(c, [("small.txt", "ỦY BAN NHÂN DÂN\nXÃ AN BÌNH\n".encode())]).status_code == 200
            finished.append("small")
        thread.join()
    finally:
        s.stop()
    assert finished == ["small", "big"]
