// The script behind node-trace.json (regenerate in an empty directory with
//   node --trace-event-categories node,node.async_hooks,v8 node-trace.js
// which writes node_trace.1.log there): a timer, promises and an fs read, as in the issue.
const fs = require('fs');

async function main() {
  await new Promise((resolve) => setTimeout(resolve, 5));
  const text = await fs.promises.readFile(__filename, 'utf8');
  await Promise.all([new Promise((r) => setTimeout(r, 2)), new Promise((r) => setTimeout(r, 1))]);
  console.log(text.length > 0);
}

main();
