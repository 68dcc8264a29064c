// Charts: placeholder until its issue lands.
