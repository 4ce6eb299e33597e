// A queue consumer: jobs arrive as messages, after start-up.
const { handleJob, poll } = require('./lib/jobs');

process.on('message', (job) => {
  handleJob(job, (err, result) => process.send({ err: err && err.message, result }));
});

setTimeout(poll, 1000);
