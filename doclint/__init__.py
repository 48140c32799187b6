"""doclint: checks Vietnamese administrative documents against Nghị định 30/2020/NĐ-CP."""

__version__ = "0.1.0"
