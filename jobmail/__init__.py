"""Understanding job mail: parsing, cleaning, the status vocabulary, the classifiers, evaluation.

Plain Python: nothing here imports Django or the project's apps (an import-linter
contract in `make lint` keeps it so). The apps read their settings and pass them in.
"""
