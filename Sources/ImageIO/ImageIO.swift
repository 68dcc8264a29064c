// ImageIO: placeholder until its issue lands.
