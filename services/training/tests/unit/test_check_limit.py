from training.entrypoints.api.classes.check_limit import SlidingWindowLimit


def test_an_address_gets_its_allowance_per_sliding_minute() -> None:
    limit = SlidingWindowLimit(2, window=60)
    assert [limit.retry_after("a", now=t) for t in (0, 10)] == [0, 0]
    assert limit.retry_after("a", now=20) == 40  # the call at 0 leaves the window at 60
    assert limit.retry_after("b", now=20) == 0  # another address has its own allowance
    assert limit.retry_after("a", now=60.5) == 0
    assert limit.retry_after("a", now=61) == 9


def test_refused_calls_do_not_extend_the_wait() -> None:
    limit = SlidingWindowLimit(1, window=60)
    assert limit.retry_after("a", now=0) == 0
    for t in (1, 30, 59):
        assert limit.retry_after("a", now=t) == 60 - t
    assert limit.retry_after("a", now=60) == 0
