"""The small parts of ``doclint serve`` that need no server: type sniffing, safe names,
language choice, stage names."""

from __future__ import annotations

import io
import zipfile

import pytest
import servekit

pytestmark = pytest.mark.skipif(not servekit.have_serve(), reason="the [serve] extra is not installed")


def _zip(names: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in names.items():
            z.writestr(name, data)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("content", "name", "suffix", "found"),
    [
        (None, "x.pdf", ".docx", ""),  # the real sample DOCX, whatever its name
        (b"%PDF-1.7\n...", "x.docx", ".pdf", ""),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "x.txt", ".doc", ""),
        ("Ủy ban nhân dân xã\n".encode(), "x.bin", ".txt", ""),
        ("Ủy ban\n".encode(), "ghi-chu.md", ".md", ""),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "x.docx", None, "ảnh PNG"),
        (b"MZ\x90\x00", "x.doc", None, "chương trình Windows"),
        (b"\x00\x01\x02\x03", "x.txt", None, "dữ liệu nhị phân"),
        (_zip({"xl/workbook.xml": b"<x/>"}), "x.docx", None, "Excel"),
        (_zip({"a.txt": b"a"}), "x.docx", None, "ZIP"),
        (b"PK\x03\x04broken", "x.docx", None, "hỏng"),
    ],
)
def test_type_is_sniffed_from_the_content(tmp_path, content, name, suffix, found):
    from doclint.serve.sniff import sniff

    path = tmp_path / "upload"
    path.write_bytes(servekit.docx_sample().read_bytes() if content is None else content)
    kind = sniff(path, name)
    assert kind.suffix == suffix
    assert found in kind.found_vi


def test_a_zip_bomb_is_named_as_such(tmp_path):
    from doclint.serve.sniff import sniff

    path = tmp_path / "upload"
    path.write_bytes(_zip({"word/document.xml": b"\x00" * (20 * 1024 * 1024)}))
    kind = sniff(path, "bom.docx")
    assert kind.suffix is None and "bom nén" in kind.bomb_vi


def test_safe_names_and_content_disposition():
    from doclint.serve.sniff import content_disposition, safe_name, with_suffix

    assert safe_name("../../etc/passwd") == "passwd"
    assert safe_name("C:\\Users\\a\\Kế hoạch.docx") == "Kế hoạch.docx"
    assert safe_name("a\u202egnp.docx") == "a_gnp.docx"  # no right-to-left override
    assert safe_name("...") == "van-ban" and safe_name("") == "van-ban"
    assert len(safe_name("x" * 500 + ".docx")) == 120 and safe_name("x" * 500 + ".docx").endswith(".docx")
    assert with_suffix("anh.docx", ".pdf") == "anh.pdf" and with_suffix("README", ".txt") == "README.txt"
    header = content_disposition('Quyết định "số 5".docx')
    assert header.startswith(
        "attachment; filename=\"Quyet dinh _so 5_.docx\"; filename*=UTF-8''Quy%E1%BA%BFt"
    )
    assert "\r" not in content_disposition("a\r\nSet-Cookie: x.docx")


def test_language_from_the_browser():
    from doclint.serve.security import prefers_english

    assert prefers_english("en-US,en;q=0.9")
    assert not prefers_english("vi-VN,vi;q=0.9,en;q=0.8")
    assert not prefers_english("")
    assert not prefers_english("fr-FR,fr")
    assert prefers_english("fr,en;q=0.5")


def test_stage_names_and_the_issued_fallback():
    from doclint.config import STAGES
    from doclint.serve.checking import resolve_stage
    from doclint.serve.uploads import Rejected

    assert resolve_stage("dự thảo") == ("draft", False)
    assert resolve_stage("trinh-ky") == ("final", False)
    assert resolve_stage(None) == (None, False)
    stage, fell_back = resolve_stage("issued")
    assert (stage, fell_back) == (("issued", False) if "issued" in STAGES else ("final", True))
    with pytest.raises(Rejected):
        resolve_stage("later")


def test_refuses_an_open_address_without_protection():
    from doclint.serve.settings import Settings, refuse_reason

    assert refuse_reason(Settings()) is None
    assert refuse_reason(Settings(host="::1")) is None
    assert "--token" in refuse_reason(Settings(host="0.0.0.0"))
    assert refuse_reason(Settings(host="0.0.0.0", token="a-long-enough-token")) is None
    assert refuse_reason(Settings(host="10.0.0.5", trust_proxy_auth=True)) is None
    assert "12" in refuse_reason(Settings(host="0.0.0.0", token="short"))
