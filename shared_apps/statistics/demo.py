"""Demo step: compute the figures of every demo centre (settings.DEMO_DATA_STEPS)."""

from shared_apps.statistics.pipeline import statistics_update


def load_statistics_demo(*, write=print) -> None:
    result = statistics_update()
    write(
        f"  statistics: {result.centres_recomputed} of {result.centres_checked} centres "
        f"recomputed in {result.seconds:.1f} s"
    )
