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
        fresh = tokenise(block)  # and it is what tokenising now would give
        assert (shared.texts, shared.keys, shared.bounds) == (fresh.texts, fresh.keys, fresh.bounds)
        assert shared.toks() == fresh.toks()


def test_the_txt_rules_read_the_shared_tokens():
    ctx = _context(SAMPLES / "cong-van-hop-le.docx")
    words = txt.text_analysis(ctx).words()
    assert words
    shared = {id(ctx.tokens.of(b)) for b in ctx.doc.blocks}
    assert all(id(w) in shared for w in words)  # no second tokenisation of a paragraph


def test_words_keys_and_runs():
    block = Block(index=3, text="Hoà bình,  Độc lập\tTự do 2026 ĐẮK")
    words = tokenise(block)
    toks = words.toks()
    assert [t.text for t in toks] == words.texts == ["Hoà", "bình", "Độc", "lập", "Tự", "do", "ĐẮK"]
    assert (
        toks[0].key == tokenise(Block(index=0, text="hòa")).keys[0] == "hoà"
    )  # one tone placement, lower case
    assert [t.run for t in toks] == [0, 0, 1, 1, 2, 2, 3]  # a comma (and spaces), a tab, a number: new runs
    assert words.bounds == [0, 2, 4, 6, 7] and list(words.runs()) == [(0, 2), (2, 4), (4, 6), (6, 7)]
    assert all(block.text[t.start : t.end] == t.text and t.block == 3 for t in toks)
    assert [words.tok(i) for i in range(len(words))] == toks == list(words.run(0, len(words)))
    run = words.run(2, 6)  # Độc lập Tự do, built word by word as read
    assert run[1] is run[1] and run[-1] == toks[5] and run[1:3] == toks[3:5] and len(run) == 4


def test_runs_are_cut_as_by_the_gap_between_words():
    text = "một hai\nba bốn\xa0năm sáu  bảy,tám \r chín"
    toks = tokenise(Block(index=0, text=text)).toks()
    assert [(t.text, t.run) for t in toks] == [
        ("một", 0), ("hai", 0), ("ba", 1), ("bốn", 1), ("năm", 1), ("sáu", 1), ("bảy", 2), ("tám", 3), ("chín", 3)
    ]  # fmt: skip
    assert tokenise(Block(index=0, text="12 - 3")).toks() == []


def test_a_block_whose_text_changed_is_tokenised_again():
    ctx = _context(SAMPLES / "cong-van-hop-le.docx")
    block = Block(index=0, text="một hai")
    first = ctx.tokens.of(block)
    changed = Block(index=0, text="ba bốn năm")
    assert ctx.tokens.of(changed).texts == ["ba", "bốn", "năm"]
    assert ctx.tokens.of(block) is first


def test_findings_do_not_depend_on_which_rule_tokenised_first():
    text = "Ủy ban nhân dân tỉnh đã hoà giải và hòa giải xong; các các đơn vị thực hiên ngay."
    doc = Document(path="t.txt", format="txt", blocks=[Block(index=0, text=text)])
    only_txt = lint_document(doc, Config(select=["TXT"], preview=True))
    everything = lint_document(doc, Config(preview=True))
    txt_codes = sorted((f.code, f.location.start) for f in everything.findings if f.code.startswith("TXT"))
    assert sorted((f.code, f.location.start) for f in only_txt.findings) == txt_codes


def _reference_real_word_hits(blocks) -> list[tuple[int, int, int, str, str]]:
    """The real-word hits as found before the one-pass gate: real_word_errors on every run."""
    from doclint.vn import spell

    out = []
    for words in blocks:
        for a, b in words.runs():
            caps = [t[:1].isupper() and not t.isupper() for t in words.texts[a:b]]
            for hit in spell.real_word_errors(words.keys[a:b], caps):
                out.append((words.block, a + hit.index, hit.length, hit.wrong, hit.right))
    return out


def test_the_real_word_gate_finds_what_every_run_would():
    from doclint.vn import spell

    text = (
        "Uỷ ban nhân dân tỉnh đã chỉ đạo thực hiên nghiêm túc, đúng quy địng; các sở ban ngành phối hợp "
        "triển khai kịp thời. Trường hợp sai sót thì sử lý theo quy định, báo cáo kết quả về sở.\n"
        "Nguyễn Văn An, Chủ tịch; giám đốc sở chịu chách nhiệm trước UBND tỉnh"
    )
    for path in (SAMPLES / "ke-hoach-226-xa-lien-minh.docx", None):
        if path is None:
            ctx = Context(
                doc=Document(path="t.txt", format="txt", blocks=[Block(index=0, text=text)]),
                rec=None,  # type: ignore[arg-type]
                config=Config(),
                pack=load_pack(),
            )
            words = [ctx.tokens.of(ctx.doc.blocks[0])]
        else:
            ctx = _context(path)
            words = [w for w in txt.text_analysis(ctx).words() if w.texts]
        found = []
        for w, a, b, pairs in txt._spell_runs(words):
            caps = txt._Caps(w.texts[a:b])
            for hit in spell.real_word_errors(w.keys[a:b], caps, pairs):
                found.append((w.block, a + hit.index, hit.length, hit.wrong, hit.right))
        assert found == _reference_real_word_hits(words)
        if path is None:
            assert found  # the text has some
