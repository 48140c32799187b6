"""Typed errors. A LoadError carries the DOC code and a one-line message in both languages."""

from __future__ import annotations


class LoadError(Exception):
    """The file cannot be turned into a Document; the batch reports it and goes on."""

    def __init__(self, code: str, vi: str, en: str | None = None) -> None:
        super().__init__(vi)
        self.code = code
        self.vi = vi
        self.en = en or vi

    def __reduce__(self):  # results cross process boundaries (the batch pool): keep code and both texts
        return (type(self), (self.code, self.vi, self.en))

    def message(self, lang: str = "vi") -> str:
        return self.en if lang == "en" else self.vi


class ConfigError(Exception):
    """A bad configuration file or option: a usage error (exit status 2), in both languages."""

    def __init__(self, vi: str, en: str | None = None) -> None:
        super().__init__(vi)
        self.vi = vi
        self.en = en or vi

    def __reduce__(self):
        return (type(self), (self.vi, self.en))

    def message(self, lang: str = "vi") -> str:
        return self.en if lang == "en" else self.vi
