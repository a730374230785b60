from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, timezone

import pytest

from generator.ingest import dates


def offset(hours: float) -> timezone:
    return timezone(timedelta(hours=hours))


@pytest.mark.parametrize(
    ("text", "day", "clock", "hours"),
    [
        ("Updated: Jul 1, 2025 10:10 PM IST", date(2025, 7, 1), time(22, 10), 5.5),
        ("Feb 6, 2025 20:09 IST", date(2025, 2, 6), time(20, 9), 5.5),
        ("Published : Feb 6, 2025, 8:09 PM IST", date(2025, 2, 6), time(20, 9), 5.5),
        ("2025-07-01T16:40:00Z", date(2025, 7, 1), time(16, 40), 0),
        ("2025-07-01T16:40:00+05:30", date(2025, 7, 1), time(16, 40), 5.5),
        ("Updated: Jan 15, 2025 11:30 PM EST", date(2025, 1, 15), time(23, 30), -5),
        ("July 4, 2025 9:00 a.m. EDT", date(2025, 7, 4), time(9, 0), -4),
        ("Tue 1 Jul 2025 17.05 BST", date(2025, 7, 1), time(17, 5), 1),
        ("01.07.2025, 18:40 CET", date(2025, 7, 1), time(18, 40), 1),
        ("Tuesday 1 July 2025 14:05 GMT", date(2025, 7, 1), time(14, 5), 0),
        ("April 9, 2025 at 7:20 a.m. UTC", date(2025, 4, 9), time(7, 20), 0),
    ],
)
def test_dates_with_time_and_zone(text: str, day: date, clock: time, hours: float) -> None:
    found = dates.find_date(text)
    assert found is not None
    assert (found.day, found.clock) == (day, clock)
    assert found.zone is not None and found.zone.utcoffset(None) == timedelta(hours=hours)


def test_header_time_without_date_takes_the_header_day() -> None:
    found = dates.find_date("Tuesday, July 01, 2025 | 10:10 PM ISTहिंदी में पढें")
    assert found is not None
    value = dates.resolve(found, date(2025, 7, 1), UTC)
    assert value.isoformat() == "2025-07-01T22:10:00+05:30"


def test_unknown_zone_means_the_site_zone() -> None:
    found = dates.find_date("Jul 1, 2025 10:10")
    assert found is not None and found.zone is None
    assert dates.resolve(found, date(2025, 7, 1), offset(5.5)).isoformat() == "2025-07-01T10:10:00+05:30"


def test_impossible_date_is_an_error() -> None:
    with pytest.raises(dates.BadDate):
        dates.find_date("Published: Feb 30, 2025 10:00 IST")


def test_future_beyond_a_day_is_an_error() -> None:
    now = datetime(2025, 7, 1, tzinfo=UTC)
    dates.check_not_future(now + timedelta(hours=20), now)
    with pytest.raises(dates.BadDate):
        dates.check_not_future(now + timedelta(days=3), now)


def test_text_without_a_date() -> None:
    assert dates.find_date("The talks lasted two hours.") is None
