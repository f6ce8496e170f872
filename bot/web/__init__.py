"""The web front end: the chat page, a proxy to Rasa's REST channel, and the catalogue API."""
