#!/usr/bin/env python3
"""Solve an MPS model with HiGHS (highspy) under a wall-clock limit, as the independent solver of
benchmarks/run. Prints one JSON object: status, objective, best bound, gap, seconds, and the first time
(seconds from the start of the solve) at which HiGHS's proven relative gap reached each requested gap,
read from HiGHS's MIP callbacks. With --relaxation, the LP relaxation instead (integrality dropped), by
the interior-point method: its objective is the bound a converged column generation reaches.

GLPK 5.0's free MPS states the sense in an OBJSENSE section, which HiGHS reads; a file without one whose
header comment says MAX (older writers) is maximised too (HiGHS reads MPS as a minimisation by default).
"""
import argparse
import json
import math
import sys
import time

import highspy


def sense_of(path):
    with open(path, "r", encoding="ascii", errors="replace") as f:
        for _, line in zip(range(40), f):
            if line.startswith("*") and "Objective" in line:
                return "max" if "MAX" in line else "min"
            if line.strip().upper().startswith("OBJSENSE"):
                nxt = f.readline().strip().upper()
                return "max" if "MAX" in nxt or "MAX" in line.upper() else "min"
    return "min"


def finite(x):
    return x if x is not None and math.isfinite(x) and abs(x) < 1e30 else None


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("model")
    parser.add_argument("--time-limit", type=float, required=True, help="seconds of wall-clock (HiGHS time_limit)")
    parser.add_argument("--gap", type=float, default=0.0, help="stop at this relative gap (mip_rel_gap)")
    parser.add_argument("--track", default="0.02,0.01,0.005", help="gaps whose first time is reported")
    parser.add_argument("--threads", type=int, default=0, help="HiGHS threads (0: its default)")
    parser.add_argument("--relaxation", action="store_true", help="solve the LP relaxation by interior point")
    args = parser.parse_args()

    tracked = sorted({float(g) for g in args.track.split(",") if g} | {args.gap}, reverse=True)
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("time_limit", float(args.time_limit))
    h.setOptionValue("mip_rel_gap", float(args.gap))
    if args.threads:
        h.setOptionValue("threads", args.threads)
    if args.relaxation:
        h.setOptionValue("solve_relaxation", True)
        h.setOptionValue("solver", "ipm")
    start = time.monotonic()
    h.readModel(args.model)
    read_seconds = time.monotonic() - start
    sense = sense_of(args.model)
    if sense == "max":
        h.changeObjectiveSense(highspy.ObjSense.kMaximize)

    first = {g: None for g in tracked}
    trace = []

    def observe(event):
        data = event.data_out
        gap = finite(getattr(data, "mip_gap", None))
        now = time.monotonic() - start
        if gap is None:
            return
        if not trace or trace[-1][1] != gap:
            trace.append((round(now, 3), gap, finite(getattr(data, "objective_function_value", None)), finite(getattr(data, "mip_dual_bound", None))))
        for g in tracked:
            if first[g] is None and gap <= g + 1e-12:
                first[g] = round(now, 3)

    for hook in (h.cbMipImprovingSolution, h.cbMipInterrupt, h.cbMipLogging):
        hook.subscribe(observe)
    h.run()
    seconds = time.monotonic() - start
    info = h.getInfo()
    status = h.modelStatusToString(h.getModelStatus())
    objective = finite(info.objective_function_value) if info.primal_solution_status == 2 else None
    if args.relaxation:
        print(json.dumps({
            "solver": "HiGHS " + h.version(), "sense": sense, "status": status, "relaxation": objective,
            "read_seconds": round(read_seconds, 3), "seconds": round(seconds, 3)}))
        return 0
    bound = finite(info.mip_dual_bound)
    gap = finite(info.mip_gap) if objective is not None else None
    lp = h.getLp()
    integers = sum(1 for t in (lp.integrality_ or []) if int(t) != 0)
    if objective is not None and gap is not None:
        for g in tracked:
            if first[g] is None and gap <= g + 1e-12:
                first[g] = round(seconds, 3)
    print(json.dumps({
        "solver": "HiGHS " + h.version(),
        "sense": sense,
        "rows": lp.num_row_, "columns": lp.num_col_, "integer_columns": integers,
        "status": status,
        "objective": objective, "bound": bound, "gap": gap,
        "read_seconds": round(read_seconds, 3), "seconds": round(seconds, 3),
        "time_to_gap": {str(g): first[g] for g in tracked},
        "nodes": info.mip_node_count,
        "trace": trace[-20:],
    }))


if __name__ == "__main__":
    sys.exit(main())
