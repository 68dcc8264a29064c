// Analysis: placeholder until its issue lands.
