print("viz: not yet implemented")
