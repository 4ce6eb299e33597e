// An arrow whose body is the queueing call.
const pump = () => queueMicrotask(pump); // want "pump re-queues itself"
pump();
