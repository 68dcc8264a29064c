// VizPipeline: placeholder until its issue lands.
