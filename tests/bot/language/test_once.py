import threading
import time

from bot.language.once import built_once


def test_a_build_asked_for_by_several_threads_at_once_runs_once():
    # The lookup's first queries come in worker threads together; each must not train its own
    # classifier (1-3 s of a core each).
    builds = []

    @built_once
    def slow_build() -> object:
        builds.append(1)
        time.sleep(0.2)
        return object()

    results = []
    threads = [threading.Thread(target=lambda: results.append(slow_build())) for _ in range(5)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(builds) == 1
    assert len(results) == 5 and all(result is results[0] for result in results)
