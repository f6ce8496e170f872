"""The service catalogue: an HSDS 3.0-shaped database, its source files and its search."""
