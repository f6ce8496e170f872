"""Meedoenwijzer: the product's logic, importable and testable without a Rasa server."""
