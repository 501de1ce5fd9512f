"""DfE's published annual figures, read into observations with their symbols and releases."""
