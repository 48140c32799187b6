"""The Vietnamese text layer: syllables and tone placement, Unicode confusables, legacy encodings
(TCVN3, VNI) and the lexicon used by the TXT rules. Nothing here is loaded until a TXT rule runs."""
