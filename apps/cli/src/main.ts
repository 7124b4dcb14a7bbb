import { runCli } from './cli';

void runCli(process.argv.slice(2), {
  env: process.env,
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  isTty: process.stdout.isTTY,
}).then((code) => {
  process.exitCode = code;
});
