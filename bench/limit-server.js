#!/usr/bin/env node
'use strict';
/**
 * The "limit" of the benchmark: a bare node:http server that answers every request with the
 * bytes of one response captured from the real server (status, headers, body), doing no work
 * at all. Whatever the demo reaches, this is the ceiling of node:http on this machine.
 *
 * Usage: node bench/limit-server.js <capture.json> — the file holds { status, headers: [[k, v]...], body (base64) }.
 * Listens on 127.0.0.1, a free port, and sends { port } to its parent over IPC.
 */
const fs = require('node:fs');
const http = require('node:http');

const capture = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const body = Buffer.from(capture.body, 'base64');
const headers = capture.headers.flat();

const server = http.createServer((req, res) => {
  // Drain the request (GETs have no body) and replay the captured response.
  req.resume();
  res.writeHead(capture.status, headers);
  res.end(body);
});
server.keepAliveTimeout = 65_000;
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address();
  if (process.send) process.send({ type: 'listening', port });
  else process.stdout.write(`limit server on http://127.0.0.1:${port}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
