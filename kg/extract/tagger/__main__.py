"""``python -m kg.extract.tagger train|cv CONLL``: see ``kg.extract.tagger.train``."""

import sys

from kg.extract.tagger.train import main

if __name__ == "__main__":
    sys.exit(main())
