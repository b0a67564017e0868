"""Print one closing line summed over JUnit reports, in pytest's own summary form:

    ======== 1 failed, 3857 passed, 17 skipped in 1650.31s (2 pytest passes) ========

.ci/run ends with it so that the run's last line states how many tests ran across the PostgreSQL
and SQLite passes. Exits non-zero on a failure or when no test ran.
"""

import sys
import xml.etree.ElementTree as ElementTree


def counts(path: str) -> tuple[int, int, int, float]:
    root = ElementTree.parse(path).getroot()  # noqa: S314 -- our own pytest report, not untrusted input
    suites = [root] if root.tag == "testsuite" else list(root.iter("testsuite"))
    total = failed = skipped = 0
    seconds = 0.0
    for suite in suites:
        total += int(suite.get("tests", 0))
        failed += int(suite.get("failures", 0)) + int(suite.get("errors", 0))
        skipped += int(suite.get("skipped", 0))
        seconds += float(suite.get("time", 0))
    return total - failed - skipped, failed, skipped, seconds


def summary(passed: int, failed: int, skipped: int, seconds: float, passes: int) -> str:
    parts = [f"{failed} failed"] if failed else []
    parts.append(f"{passed} passed")
    if skipped:
        parts.append(f"{skipped} skipped")
    return f" {', '.join(parts)} in {seconds:.2f}s ({passes} pytest passes) ".center(100, "=")


def main(paths: list[str]) -> int:
    passed = failed = skipped = 0
    seconds = 0.0
    for path in paths:
        p, f, s, t = counts(path)
        passed, failed, skipped, seconds = passed + p, failed + f, skipped + s, seconds + t
    print(summary(passed, failed, skipped, seconds, len(paths)))
    return 1 if failed or not passed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
