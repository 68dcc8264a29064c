// SafeTensors: placeholder until its issue lands.
