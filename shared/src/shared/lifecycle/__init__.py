"""How every long-lived process stops: within seconds of SIGTERM or SIGINT, whatever its peers do.

The first signal asks the process to stop (it stops taking work, finishes or abandons the batch
in hand and closes its connections with bounded waits) and arms a backstop that ends the process
if that overruns; a second signal ends it at once. See ``docs/OPERATIONS.md`` ("Stopping").
"""

from shared.lifecycle.closing import close_nats, close_pool, shut_down, stop_tasks
from shared.lifecycle.serving import serve_http
from shared.lifecycle.signals import (
    STOP_BOUND_SECONDS,
    install_stop_handlers,
    run_until_signalled,
)

__all__ = [
    "STOP_BOUND_SECONDS",
    "close_nats",
    "close_pool",
    "install_stop_handlers",
    "run_until_signalled",
    "serve_http",
    "shut_down",
    "stop_tasks",
]
