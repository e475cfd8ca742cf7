"""The sandbox's strict JSON: everything RFC 8259 allows reads as Python's json reads it; what Python adds
(NaN, Infinity, numbers beyond a double, repeated keys) is refused."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, strategies as st

from kiosk.sandbox.strict_json import strict_loads

finite = st.floats(allow_nan=False, allow_infinity=False)
values = st.recursive(st.none() | st.booleans() | st.integers() | finite | st.text(),
                      lambda inner: st.lists(inner) | st.dictionaries(st.text(), inner), max_leaves=30)


@given(values)
def test_any_json_reads_as_python_reads_it(value):
    text = json.dumps(value, ensure_ascii=False)
    assert strict_loads(text.encode()) == json.loads(text)


@pytest.mark.parametrize("text", ["NaN", "-Infinity", '{"a": Infinity}', "[1e400]", "-1e999",
                                  '{"a": 1, "a": 1}', '{"b": {"a": 1, "a": 2}}'])
def test_what_python_adds_to_json_is_refused(text):
    with pytest.raises(json.JSONDecodeError):
        strict_loads(text.encode())
