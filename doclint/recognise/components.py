"""What recognition finds: the NĐ 30 components of a document, each tied to its place in the text."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from doclint.findings import Location

Family = Literal["administrative", "normative", "party", "other"]


@dataclass(slots=True, eq=False, repr=False)
class Component:
    """A recognised part: its text and where it is (block index, offsets in that block's text)."""

    text: str
    block: int
    start: int = 0
    end: int | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def location(self, component: str | None = None, page: int | None = None) -> Location:
        end = self.end if self.end is not None else self.start + len(self.text)
        return Location(block=self.block, start=self.start, end=end, page=page, component=component)

    def as_dict(self, name: str | None = None) -> dict[str, Any]:
        loc = self.location(name).as_dict()
        out: dict[str, Any] = {"text": self.text, "location": loc}
        out.update({k: v for k, v in self.extra.items() if v is not None})
        return out


@dataclass(slots=True, eq=False, repr=False)
class Signature:
    """The signing block: authority lines (TM./KT./TL./TUQ./Q. and the titles), the title, the name."""

    authority: list[Component] = field(default_factory=list)
    title: Component | None = None
    name: Component | None = None
    blocks: list[int] = field(default_factory=list)

    @property
    def text(self) -> str:
        parts = [c.text for c in self.authority]
        if self.title:
            parts.append(self.title.text)
        if self.name:
            parts.append(self.name.text)
        return "\n".join(parts)

    def as_dict(self) -> dict[str, Any]:
        first = self.authority[0] if self.authority else (self.title or self.name)
        return {
            "text": self.text,
            "location": first.location("signature").as_dict() if first else {},
            "authority": [c.text for c in self.authority],
            "title": self.title.text if self.title else None,
            "name": self.name.text if self.name else None,
        }


OutlineKind = Literal["phan", "chuong", "muc", "tieu_muc", "dieu", "roman", "arabic", "letter", "dash"]


@dataclass(slots=True, eq=False, repr=False)
class OutlineItem:
    """A numbered heading or item of the body: Phần I, Chương II, Điều 3., I., 1., a), -."""

    kind: OutlineKind
    label: str  # "I", "3", "a", "1.2" ...
    separator: str  # ".", ")", ":", "" ...
    title: str
    block: int
    start: int = 0
    end: int = 0
    auto: bool = False  # the label comes from Word list numbering, not typed text


@dataclass(slots=True, eq=False, repr=False)
class ParsedNumber:
    """``Số: 05/KH-UBND`` split into its parts; blank number in a draft gives ``number=None``."""

    raw: str
    number: str | None
    year: str | None
    symbol: str  # the part after the number (and year): "KH-UBND"
    type_abbr: str | None  # "KH" when the first group is a type abbreviation
    issuer_code: str | None
    party_style: bool = False  # "Số 36-HD/VPTW"
    has_colon: bool = True
    type_qualifier: str | None = None  # "LT" of "KHLT" (a joint plan): type_abbr is then "KH"


@dataclass(slots=True, eq=False, repr=False)
class ParsedDate:
    """``Liên Minh, ngày 05 tháng 5 năm 2026``; blank parts (drafts) are ``None``."""

    place: str | None
    day: str | None
    month: str | None
    year: str | None
    comma: bool = True
    # words where a number touches a letter ("01năm", "ngày14"): a missing space (or a PDF that lost it)
    glued: list[str] = field(default_factory=list)
    # parts stamped into a signed PDF's blank date line by the e-office ("day", "month"): read, not typed
    stamped: tuple[str, ...] = ()


@dataclass(eq=False, repr=False)
class Recognition:
    """The components recognition found in a document, its family and type, and why."""

    family: Family = "other"
    doc_type: str | None = None  # KH, QĐ, CV, TTr ... ("CV" for công văn)
    quoc_hieu: Component | None = None
    party_header: Component | None = None  # "ĐẢNG CỘNG SẢN VIỆT NAM"
    own_header: Component | None = None  # "ĐOÀN TNCS HỒ CHÍ MINH" where the Quốc hiệu would be
    tieu_ngu: Component | None = None
    parent_body: Component | None = None
    issuer: Component | None = None
    number: Component | None = None
    place_date: Component | None = None
    doc_type_name: Component | None = None
    title_candidate: Component | None = None  # an all-caps title that is not one of the known types
    trich_yeu: Component | None = None
    authority_line: Component | None = None  # "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH X" under a QĐ title
    kinh_gui: Component | None = None
    kinh_gui_items: list[Component] = field(default_factory=list)
    can_cu: list[Component] = field(default_factory=list)
    signature: Signature | None = None
    signatures: list[Signature] = field(default_factory=list)  # Biên bản and joint documents
    recipients_label: Component | None = None
    recipients: list[Component] = field(default_factory=list)  # items, the Lưu line included
    luu: Component | None = None
    appendices: list[Component] = field(default_factory=list)
    appendix_refs: list[Component] = field(default_factory=list)  # body sentences announcing one
    outline: list[OutlineItem] = field(default_factory=list)
    enactment: Component | None = None  # "QUYẾT ĐỊNH:" / "QUYẾT NGHỊ:" line
    end_mark: Component | None = None  # the line that ends the content ("./.")
    parsed_number: ParsedNumber | None = None
    parsed_date: ParsedDate | None = None
    body_start: int | None = None  # first block of the content (nội dung)
    body_end: int | None = None  # last block of the content, before signature / Nơi nhận
    notes: list[str] = field(default_factory=list)  # why something was (not) recognised

    def has_any_part(self) -> bool:
        """Any of the parts of an administrative document was found (header, number, date, type, signature…)."""
        return any((self.quoc_hieu, self.tieu_ngu, self.issuer, self.number, self.place_date,
                    self.doc_type_name, self.trich_yeu, self.signature, self.recipients_label))  # fmt: skip

    def title_words(self) -> str | None:
        """What the title says beyond the type: the words after the type name on its line ("BIÊN BẢN
        HỌP LỚP" → "HỌP LỚP") and the trích yếu."""
        parts = [self.doc_type_name.extra.get("qualifier") if self.doc_type_name else None,
                 self.trich_yeu.text if self.trich_yeu else None]  # fmt: skip
        return " ".join(p for p in parts if p) or None

    def body_range(self) -> range:
        if self.body_start is None:
            return range(0)
        end = self.body_end if self.body_end is not None else self.body_start
        return range(self.body_start, end + 1)

    def as_dict(self) -> dict[str, Any]:
        def one(name: str) -> dict[str, Any] | None:
            comp = getattr(self, name)
            return comp.as_dict(name) if comp else None

        components: dict[str, Any] = {
            name: one(name)
            for name in (
                "quoc_hieu",
                "tieu_ngu",
                "parent_body",
                "issuer",
                "number",
                "place_date",
                "doc_type_name",
                "trich_yeu",
                "kinh_gui",
            )
        }
        components["can_cu"] = [c.as_dict("can_cu") for c in self.can_cu]
        components["signature"] = self.signature.as_dict() if self.signature else None
        components["recipients"] = [c.as_dict("recipients") for c in self.recipients]
        components["appendices"] = [c.as_dict("appendices") for c in self.appendices]
        components["outline"] = [
            {
                "kind": o.kind,
                "label": o.label,
                "separator": o.separator,
                "title": o.title,
                "block": o.block,
                "auto": o.auto,
            }
            for o in self.outline
        ]
        return components
