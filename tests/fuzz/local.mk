# Fuzz targets: see tests/fuzz/README.md.
