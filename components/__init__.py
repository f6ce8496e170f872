"""Custom Rasa graph components (glue only; the logic lives in the bot package)."""
