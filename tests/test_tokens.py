"""One tokenisation of each paragraph, shared by the rules that read words (issue 17)."""

from __future__ import annotations

from pathlib import Path

from doclint.analysis.tokens import tokenise
from doclint.checks import txt
from doclint.config import Config
from doclint.context import Context
from doclint.engine import lint_document
from doclint.load import load
from doclint.model import Block, Document
from doclint.recognise import recognise
from doclint.rulepack import load_pack

SAMPLES = Path(__file__).resolve().parents[1] / "samples"


def _context(path: Path) -> Context:
    doc = load(str(path))
    pack = load_pack()
    return Context(doc=doc, rec=recognise(doc, pack), config=Config(preview=True), pack=pack)


def test_each_block_is_tokenised_once_and_equals_a_fresh_tokenisation():
    ctx = _context(SAMPLES / "cong-van-hop-le.docx")
    blocks = [b for b in ctx.doc.blocks if b.text.strip()]
    assert blocks
    for block in blocks:
        shared = ctx.tokens.of(block)
        assert ctx.tokens.of(block) is shared  # the second rule gets the same list
        assert shared == tokenise(block)  # and it is what tokenising now would give


def test_the_txt_rules_read_the_shared_tokens():
    ctx = _context(SAMPLES / "cong-van-hop-le.docx")
    words = txt.text_analysis(ctx).tokens()
    assert words
    shared = {id(t) for b in ctx.doc.blocks for t in ctx.tokens.of(b)}
    assert all(id(t) in shared for t in words)  # no second tokenisation of a paragraph


def test_words_keys_and_runs():
    block = Block(index=3, text="Hoà bình,  Độc lập\tTự do 2026 ĐẮK")
    toks = tokenise(block)
    assert [t.text for t in toks] == ["Hoà", "bình", "Độc", "lập", "Tự", "do", "ĐẮK"]
    assert (
        toks[0].key == tokenise(Block(index=0, text="hòa"))[0].key == "hoà"
    )  # one tone placement, lower case
    assert [t.run for t in toks] == [0, 0, 1, 1, 2, 2, 3]  # a comma (and spaces), a tab, a number: new runs
    assert all(block.text[t.start : t.end] == t.text and t.block == 3 for t in toks)


def test_a_block_whose_text_changed_is_tokenised_again():
    ctx = _context(SAMPLES / "cong-van-hop-le.docx")
    block = Block(index=0, text="một hai")
    first = ctx.tokens.of(block)
    changed = Block(index=0, text="ba bốn năm")
    assert [t.text for t in ctx.tokens.of(changed)] == ["ba", "bốn", "năm"]
    assert ctx.tokens.of(block) is first


def test_findings_do_not_depend_on_which_rule_tokenised_first():
    text = "Ủy ban nhân dân tỉnh đã hoà giải và hòa giải xong; các các đơn vị thực hiên ngay."
    doc = Document(path="t.txt", format="txt", blocks=[Block(index=0, text=text)])
    only_txt = lint_document(doc, Config(select=["TXT"], preview=True))
    everything = lint_document(doc, Config(preview=True))
    txt_codes = sorted((f.code, f.location.start) for f in everything.findings if f.code.startswith("TXT"))
    assert sorted((f.code, f.location.start) for f in only_txt.findings) == txt_codes
