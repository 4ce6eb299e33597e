import cp from 'node:child_process';
import { execaSync } from 'execa';
import { EventEmitter } from 'node:events';

const bus = new EventEmitter();
bus.on('job', (job) => {
  cp.execSync(job.cmd); // want "in the callback passed to bus.on"
  execaSync('ls'); // want "execa.execaSync blocks"
});

export async function deploy(name) {
  cp.execFileSync('./deploy.sh', [name]); // want "in async function deploy"
}
