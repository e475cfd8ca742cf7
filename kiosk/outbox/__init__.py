"""Nothing lost, nothing done twice: the durable, encrypted queue of requests for the server."""
