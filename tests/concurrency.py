"""Real concurrency for tests: PostgreSQL, one connection per thread, all released at once."""

import threading

from django.db import connection


def run_at_once(jobs):
    """Run each job in its own thread (own connection), all released together by a barrier."""
    barrier = threading.Barrier(len(jobs))
    results = [None] * len(jobs)

    def worker(index, job):
        try:
            barrier.wait(timeout=30)
            results[index] = job()
        except Exception as error:  # recorded and asserted on by the test
            results[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(i, job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads)
    return results
