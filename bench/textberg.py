"""Where the benchmarks find textberg-dev (de.txt, fr.txt, gold.txt).

default_data() is tests/data/textberg-dev in the repository when present,
else data/textberg-dev under $SHARED (default: ../shared beside the
repository). Imported by gen-large.py and split-pair.py.
"""

import os

HERE = os.path.dirname(os.path.abspath(__file__))


def default_data():
    local = os.path.join(HERE, "..", "tests", "data", "textberg-dev")
    if os.path.isfile(os.path.join(local, "gold.txt")):
        return os.path.normpath(local)
    shared = os.environ.get("SHARED", os.path.join(HERE, "..", "..", "shared"))
    return os.path.normpath(os.path.join(shared, "data", "textberg-dev"))
