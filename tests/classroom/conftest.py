"""The hub fixture (``hub.py``) holds asserts: --doctest-modules imports every module here
before a test module names it as a plugin, so mark it for assert rewriting first."""

import pytest

pytest.register_assert_rewrite(
    "tests.classroom.hub", "tests.classroom.hubclient", "tests.classroom.kernels"
)
