"""One error family for the whole product; the CLI turns each into a one-line message."""


class KGError(Exception):
    """Base of every error kg raises on purpose."""

    exit_code = 2


class InputError(KGError, ValueError):
    """An input file, row or value cannot be used (missing, empty, binary, not Arabic...)."""


class LexiconError(KGError, ValueError):
    """A lexicon data file breaks its schema; the message names the file, line and field."""


class PipelineError(KGError, RuntimeError):
    """A stage failed or the stage chain is inconsistent; names the stage and document."""


class QueryError(KGError, ValueError):
    """A SPARQL query is malformed or failed."""


class StoreError(KGError, RuntimeError):
    """The store cannot be opened or written."""
