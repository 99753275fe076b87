# SPDX-License-Identifier: GPL-2.0-or-later
"""A stand-in for xosupdate-helper: prints canned protocol lines (design/testing.md §9).

``fake_helper.py SCENARIO VERB``: reads the request line from stdin, appends
``{"verb", "request"}`` to ``SCENARIO.log``, then plays ``SCENARIO[VERB]``: a list of steps,
each a reply object to print, ``{"wait_cancel": true}`` (block until a cancel line
arrives) or ``{"exit": N}``; the default exit is 0 when the last reply is an ok result.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def main() -> int:
    scenario_path, verb = Path(sys.argv[1]), sys.argv[2]
    scenario = json.loads(scenario_path.read_text())
    request = json.loads(sys.stdin.readline())
    with (scenario_path.parent / (scenario_path.name + ".log")).open("a") as log:
        log.write(json.dumps({"verb": verb, "request": request}) + "\n")
    status = 1
    for step in scenario.get(verb, []):
        if "exit" in step:
            return int(step["exit"])
        if step.get("wait_cancel"):
            line = sys.stdin.readline()
            if json.loads(line) != {"cancel": True}:
                return 3
            continue
        if step.get("stderr"):
            sys.stderr.write(step["stderr"] + "\n")
            sys.stderr.flush()
            continue
        sys.stdout.write(json.dumps(step) + "\n")
        sys.stdout.flush()
        if step.get("type") == "result":
            status = 0 if step["ok"] else 1
    return status


if __name__ == "__main__":
    sys.exit(main())
