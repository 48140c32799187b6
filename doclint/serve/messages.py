"""Every message the server sends to a person, in Vietnamese and English, in one place."""

from __future__ import annotations

from doclint.serve.settings import MB

ERRORS: dict[str, tuple[str, str]] = {
    "too_large_request": (
        "Yêu cầu quá lớn: tổng dung lượng tải lên tối đa là {limit} MB. Hãy gửi ít tệp hơn mỗi lần.",
        "Request too large: at most {limit} MB may be uploaded at once. Send fewer files per request.",
    ),
    "too_large_file": (
        "Tệp “{name}” quá lớn: mỗi tệp tối đa {limit} MB.",
        "File “{name}” is too large: each file may be at most {limit} MB.",
    ),
    "too_many_files": (
        "Quá nhiều tệp trong một lần gửi: tối đa {limit} tệp. Hãy chia thành nhiều lần.",
        "Too many files in one request: at most {limit}. Split them over several requests.",
    ),
    "busy": (
        "Máy chủ đang bận kiểm tra văn bản của người khác ({queued} văn bản đang chờ). Vui lòng thử lại sau "
        "{retry} giây.",
        "The server is busy checking other people's documents ({queued} waiting). Please try again in "
        "{retry} seconds.",
    ),
    "unsupported_type": (
        "Tệp “{name}” không phải là văn bản doclint đọc được (nội dung là {found}; chỉ nhận .docx, .pdf, "
        ".doc, .txt). Loại tệp được xác định theo nội dung, không theo tên.",
        "File “{name}” is not a document doclint can read (its content is {found}; accepted: .docx, .pdf, "
        ".doc, .txt). The type is decided by the content, not the name.",
    ),
    "bomb": (
        "Tệp “{name}” bị từ chối: {reason}",
        "File “{name}” refused: {reason}",
    ),
    "no_files": (
        "Không có tệp nào: hãy gửi tệp trong trường “files” (multipart/form-data).",
        "No file: send the files in the multipart field “files”.",
    ),
    "bad_form": (
        "Yêu cầu không đúng dạng multipart/form-data.",
        "The request is not valid multipart/form-data.",
    ),
    "bad_option": (
        "Tuỳ chọn không hợp lệ: {detail}",
        "Invalid option: {detail}",
    ),
    "unauthorized": (
        "Cần mã truy cập: gửi tiêu đề “Authorization: Bearer <mã>”.",
        "An access token is required: send the header “Authorization: Bearer <token>”.",
    ),
    "csrf": (
        "Phiên làm việc đã hết hạn hoặc yêu cầu không đến từ trang doclint. Hãy tải lại trang rồi thử lại.",
        "The session expired or the request did not come from the doclint page. Reload the page and retry.",
    ),
    "bad_host": (
        "Tên máy chủ không được chấp nhận.",
        "Host name not accepted.",
    ),
    "login_required": (
        "Cần đăng nhập: hãy mở trang chủ và nhập mã truy cập.",
        "Please sign in: open the home page and enter the access token.",
    ),
    "stage_fallback": (
        "Giai đoạn “đã phát hành” chưa có trong phiên bản này; văn bản được kiểm tra như bản trình ký.",
        "The “issued” stage is not in this version yet; the document was checked as submitted for signing.",
    ),
    "not_found": ("Không tìm thấy.", "Not found."),
    "no_rule": ("Không có quy tắc {code}.", "No rule {code}."),
    "login_failed": ("Mã truy cập không đúng.", "Wrong access token."),
    "not_docx": (
        "Chú thích Word chỉ ghi được vào tệp DOCX.",
        "Word comments can only be written into a DOCX.",
    ),
    "bad_format": (
        "Định dạng kết quả không hỗ trợ: {name} (có: {choices}).",
        "Unsupported output format: {name} (available: {choices}).",
    ),
}


def message(key: str, lang: str = "vi", **values: object) -> str:
    """The message ``key``; a value named ``x_vi`` / ``x_en`` fills ``{x}`` in its own language."""
    lang = "en" if lang == "en" else "vi"
    vi, en = ERRORS[key]
    filled: dict[str, object] = {}
    for name, value in values.items():
        if name.endswith(("_vi", "_en")):
            if name.endswith("_" + lang):
                filled[name[:-3]] = value
        else:
            filled[name] = value
    return (en if lang == "en" else vi).format(**filled)


def megabytes(n: int) -> str:
    return f"{n / MB:g}"
