"""The tartan rug: one model from the benchmark table, drawn as XLSX, HTML and PDF."""
