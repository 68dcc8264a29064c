// TinyCNN: placeholder until its issue lands.
