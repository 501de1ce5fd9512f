"""Evidence of benchmarking and peer review activity for Ofsted (memorandum 5.5.2)."""
