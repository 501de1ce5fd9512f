import pytest

from tests.returns.samples import rows, to_csv


@pytest.fixture
def clean_csv() -> bytes:
    return to_csv(rows())
