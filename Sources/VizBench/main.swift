print("viz-bench: nothing to measure yet")
