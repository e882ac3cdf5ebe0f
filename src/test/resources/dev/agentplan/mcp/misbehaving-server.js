// A tiny MCP server over stdio (newline-delimited JSON-RPC, no dependencies) that misbehaves on
// purpose, for tests of crash and hang handling:
//   crash_once  exits in the middle of the first call ever (a marker file remembers it), answers later ones
//   hang        never answers
//   whoami      answers with this process's pid
// Every start appends this process's pid to the file named by MISBEHAVING_STARTS (if set).
'use strict';
const fs = require('fs');
const readline = require('readline');

const marker = process.env.MISBEHAVING_MARKER;
if (process.env.MISBEHAVING_STARTS) {
  fs.appendFileSync(process.env.MISBEHAVING_STARTS, process.pid + '\n');
}

const tools = [
  { name: 'crash_once', description: 'crashes mid-call the first time', inputSchema: { type: 'object', properties: { note: { type: 'string' } } } },
  { name: 'hang', description: 'never answers', inputSchema: { type: 'object', properties: {} } },
  { name: 'whoami', description: 'the server process id', inputSchema: { type: 'object', properties: {} },
    annotations: { readOnlyHint: true } },
];

function send(message) {
  process.stdout.write(JSON.stringify(message) + '\n');
}

function text(id, value) {
  send({ jsonrpc: '2.0', id, result: { content: [{ type: 'text', text: String(value) }] } });
}

readline.createInterface({ input: process.stdin }).on('line', (line) => {
  if (!line.trim()) return;
  const msg = JSON.parse(line);
  if (msg.id === undefined) return; // a notification
  if (msg.method === 'initialize') {
    send({ jsonrpc: '2.0', id: msg.id, result: {
      protocolVersion: msg.params.protocolVersion,
      capabilities: { tools: {} },
      serverInfo: { name: 'misbehaving', version: '1.0.0' } } });
  } else if (msg.method === 'tools/list') {
    send({ jsonrpc: '2.0', id: msg.id, result: { tools } });
  } else if (msg.method === 'ping') {
    send({ jsonrpc: '2.0', id: msg.id, result: {} });
  } else if (msg.method === 'tools/call') {
    const name = msg.params.name;
    if (name === 'crash_once') {
      if (marker && !fs.existsSync(marker)) {
        fs.writeFileSync(marker, String(process.pid));
        process.stderr.write('crashing on purpose\n');
        process.exit(3);
      }
      text(msg.id, 'survived in ' + process.pid);
    } else if (name === 'hang') {
      // never answers
    } else if (name === 'whoami') {
      text(msg.id, process.pid);
    } else {
      send({ jsonrpc: '2.0', id: msg.id, error: { code: -32602, message: 'unknown tool ' + name } });
    }
  } else {
    send({ jsonrpc: '2.0', id: msg.id, error: { code: -32601, message: 'no method ' + msg.method } });
  }
});
