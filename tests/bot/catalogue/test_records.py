"""A service as people read it: opening hours grouped by day, as one writes them in Dutch."""

from bot.catalogue.records import opening_hours


def day(byday, opens, closes, description=""):
    return {"byday": byday, "opens_at": opens, "closes_at": closes, "description": description}


def test_days_with_the_same_hours_share_one_line():
    week = [day(d, "09:00", "17:00", "telefonisch") for d in ("MO", "TU", "WE", "TH", "FR")]
    assert opening_hours(week) == ("Maandag tot en met vrijdag 9.00-17.00 (telefonisch)",)
    always = [day(d, "00:00", "23:59", "telefonisch") for d in ("MO", "TU", "WE", "TH", "FR", "SA", "SU")]
    assert opening_hours(always) == ("Elke dag, dag en nacht (telefonisch)",)
    some = [
        day("WE", "13:00", "16:00", "inloop"),
        day("MO", "13:00", "16:00", "inloop"),
        day("FR", "13:00", "16:00", "inloop"),
    ]
    assert opening_hours(some) == ("Maandag, woensdag en vrijdag 13.00-16.00 (inloop)",)


def test_different_hours_stay_apart_in_the_order_of_the_catalogue():
    mixed = [
        day("TU", "10:00", "12:00", "inloop"),
        day("TH", "19:30", "21:30", "op afspraak"),
        day("SA", "10:00", "12:00", "inloop"),
    ]
    assert opening_hours(mixed) == (
        "Dinsdag en zaterdag 10.00-12.00 (inloop)",
        "Donderdag 19.30-21.30 (op afspraak)",
    )
    assert opening_hours([day("SU", "14:00", "16:00")]) == ("Zondag 14.00-16.00",)
    assert opening_hours([]) == ()
