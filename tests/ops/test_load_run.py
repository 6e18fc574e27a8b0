"""The CPU accounting `make load` prints: how much of the machine the simulated users, the app
servers and the rest (PostgreSQL) took."""

from ops.management.commands.load_run import cpu_seconds


def test_cpu_seconds_count_this_process_and_the_machine():
    before = cpu_seconds()
    sum(i * i for i in range(2_000_000))
    after = cpu_seconds()
    assert set(after) == {"users", "servers", "machine"}
    assert after["users"] > before["users"]
    assert after["servers"] >= before["servers"]
    # The machine's busy time includes this process's.
    assert after["machine"] - before["machine"] >= 0
    assert after["machine"] >= after["users"]
