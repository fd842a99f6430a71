"""Two years of a few hand-sized rows, for the tests of the change since N-1 and of dependency
in show --json, workbooks and decks; the expected figures are worked out by hand in each test."""

from officereport.model import EXPORT as E
from officereport.model import IMPORT as I

# Haute-Loire, 2023 then 2024 (flow, year, quarter, dep, a129, cpf4, partner, value).
PREVIOUS = [
    (E, 2023, 1, "43", "C29A", "2910", "DE", 400_000),
    (E, 2023, 2, "43", "C29A", "2910", "US", 100_000),
    (E, 2023, 3, "43", "C10A", "1011", "IT", 100_000),  # Italy disappears in 2024
    (I, 2023, 1, "43", "B06Z", "0610", "CN", 300_000),
]
CURRENT = [
    (E, 2024, 1, "43", "C29A", "2910", "DE", 500_000),
    (E, 2024, 2, "43", "C29A", "2910", "US", 200_000),
    (E, 2024, 3, "43", "C21Z", "2120", "BE", 100_000),  # Belgium and group C21Z are new
    (E, 2024, 4, "43", "C10A", "1011", "QU", 200_000),  # not a country: in totals, not among partners
    (I, 2024, 1, "43", "B06Z", "0610", "CN", 270_000),
    (I, 2024, 2, "43", "B06Z", "0610", "DE", 30_000),
    (I, 2024, 3, "43", "C28A", "2811", "US", 100_000),
    (E, 2024, 1, "01", "C29A", "2910", "DE", 10_000),  # Ain: absent in 2023
]
