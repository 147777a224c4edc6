"""A learned sequence tagger (CRF) over the rules: PERS, LOC and ORG in IOB2."""
