"""Charts of a rug: data from the benchmark table (data), drawn as SVG (draw, figures)."""
