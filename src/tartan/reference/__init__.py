"""Reference data: the LA register, statistical neighbours, child population, benchmarking groups.

The tables in ``data/`` are the project's own compact format, built from the official DfE and
ONS files by ``tartan reference build`` (see ``build.py``).
"""
