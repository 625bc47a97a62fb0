import { main } from './main';
import { nodeFileSystem } from '../core/nodeFileSystem';

void main({
  argv: process.argv.slice(2),
  fs: nodeFileSystem,
  cwd: process.cwd(),
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
}).then((code) => {
  process.exitCode = code;
});
