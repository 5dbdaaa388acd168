"""`./manage.py test`: pytest's arguments pass through in order, the suite runs on all cores
unless the user asks for one process, and pytest's summary line is never silenced."""

import pytest

from shared_apps.devtools.management.commands.test import PARALLEL, pytest_arguments


def test_the_suite_runs_on_all_cores_with_the_users_arguments_after():
    assert pytest_arguments([]) == PARALLEL
    assert PARALLEL == ["-n", "auto", "--dist", "loadfile", "--no-loadscope-reorder"]
    assert pytest_arguments(["-k", "routing", "-x"]) == [*PARALLEL, "-k", "routing", "-x"]


@pytest.mark.parametrize(
    "given",
    [
        ["-n", "0"],
        ["-n0"],
        ["-n", "4"],
        ["--numprocesses=2"],
        ["-p", "no:xdist"],
        ["-pno:xdist"],
        ["--pdb"],
        ["--trace"],
        ["-s", "tests/test_routing.py"],
    ],
)
def test_the_user_can_choose_one_process_or_the_workers(given):
    assert pytest_arguments(given) == given


def test_a_second_quiet_flag_is_dropped_so_the_summary_line_stays():
    assert pytest_arguments(["-q", "-x"]) == [*PARALLEL, "-x"]


def test_pytest_options_reach_pytest_and_not_the_commands_parser():
    from shared_apps.devtools.management.commands.test import Command

    seen = {}

    class Recording(Command):
        def execute(self, *args, **options):
            seen.update(options)

    Recording().run_from_argv(["manage.py", "test", "-k", "routing", "--no-static", "-x"])
    assert seen["pytest_args"] == ["-k", "routing", "-x"]
    assert seen["no_static"] is True
