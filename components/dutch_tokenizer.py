"""Rasa's whitespace tokenizer, with a Dutch stem as each token's lemma.

Why: the word-level count vectors use token lemmas. With a stem, "schulden" and "schuld",
"taalmaatjes" and "taalmaatje" are one feature, so a few dozen examples per intent cover
more of the ways people write. The stem comes from bot.text, the same as the search uses.
"""
from __future__ import annotations

from typing import List, Text

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.tokenizers.tokenizer import Token
from rasa.nlu.tokenizers.whitespace_tokenizer import WhitespaceTokenizer
from rasa.shared.nlu.training_data.message import Message

from bot.text import fold, stem


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_TOKENIZER, is_trainable=False)
class DutchTokenizer(WhitespaceTokenizer):
    def tokenize(self, message: Message, attribute: Text) -> List[Token]:
        tokens = super().tokenize(message, attribute)
        for token in tokens:
            word = fold(token.text)
            token.lemma = stem(word) if word.isalpha() else word
        return tokens
