"""Calendar arithmetic for "the last 12 months" and "no release for 18 months"."""

import calendar


def months_before(moment, months):
    """The same day ``months`` calendar months earlier (clamped to month ends).

    Works on dates and datetimes: 31 May minus 3 months is 28 or 29 February.
    """
    index = moment.year * 12 + moment.month - 1 - months
    year, month = divmod(index, 12)
    day = min(moment.day, calendar.monthrange(year, month + 1)[1])
    return moment.replace(year=year, month=month + 1, day=day)
