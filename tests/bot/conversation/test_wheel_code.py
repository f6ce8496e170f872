"""The code that shows an old wheel beside a new one: the statuses and nothing else."""

import itertools

from bot.conversation.wheel import STATUSES, domains
from bot.conversation.wheel_code import code_of, statuses_of


def test_every_wheel_has_its_own_four_character_code_that_reads_back():
    codes = set()
    for combination in itertools.product(STATUSES, repeat=len(domains())):
        statuses = dict(zip(domains(), combination, strict=True))
        code = code_of(statuses)
        assert len(code) == 4 and statuses_of(code) == statuses
        codes.add(code)
    assert len(codes) == 4 ** len(domains())


def test_a_code_is_typed_in_any_case_with_spaces_and_look_alike_letters():
    statuses = dict.fromkeys(domains(), "gaat_goed") | {"betaald_werk": "hulp_nodig"}
    code = code_of(statuses)
    assert statuses_of(f" {code.lower()[:2]} {code.lower()[2:]} ") == statuses
    zero = next(
        c
        for c in (
            code_of(dict(zip(domains(), combo, strict=True)))
            for combo in itertools.product(STATUSES, repeat=6)
        )
        if "0" in c or "1" in c
    )
    assert statuses_of(zero.replace("0", "O").replace("1", "l")) == statuses_of(zero)


def test_most_typos_give_no_wheel_rather_than_another_one():
    code = code_of(dict.fromkeys(domains(), "wil_meer"))
    alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
    typos = [code[:i] + c + code[i + 1 :] for i in range(4) for c in alphabet if c != code[i]]
    wrong = [typo for typo in typos if statuses_of(typo) is not None]
    assert len(wrong) / len(typos) < 0.02
    assert statuses_of("") is None and statuses_of("ABCDE") is None and statuses_of("ÄÖÜ!") is None


def test_a_missing_status_counts_as_skipped():
    assert statuses_of(code_of({})) == dict.fromkeys(domains(), "overgeslagen")


def test_a_code_typed_into_the_chat_is_recognised_but_an_ordinary_word_is_not():
    from bot.conversation.wheel_code import typed_code

    code = code_of(dict.fromkeys(domains(), "hulp_nodig"))
    assert typed_code(code) == code
    assert typed_code(f"mijn code is {code}") == code
    assert typed_code(f"mijn code is {code.lower()}") in (code, None)  # lower case only if no Dutch word
    assert typed_code("werk") is None and typed_code("help") is None and typed_code("ik heb schulden") is None
    assert typed_code("ZZZZ") is None, "a typo is no code"
