#!/usr/bin/env node
'use strict';
/**
 * `node tests/reliability/heap-diff.js A.heapsnapshot B.heapsnapshot [top]`: what grew between two V8
 * heap snapshots (e.g. those `SOAK_HEAP_SNAPSHOTS=true npm run soak` writes), by constructor or
 * kind: object count and retained-by-self bytes in A, in B, and the difference, largest growth first.
 */
const fs = require('node:fs');

const summarise = (file) => {
  const snap = JSON.parse(fs.readFileSync(file, 'utf8'));
  const { node_fields: fields, node_types: types } = snap.snapshot.meta;
  const width = fields.length;
  const iType = fields.indexOf('type');
  const iName = fields.indexOf('name');
  const iSize = fields.indexOf('self_size');
  const typeNames = types[0];
  const out = new Map();
  let total = 0;
  for (let i = 0; i < snap.nodes.length; i += width) {
    const type = typeNames[snap.nodes[i + iType]];
    const raw =
      type === 'object' || type === 'closure' || type === 'native' ? snap.strings[snap.nodes[i + iName]] : `(${type})`;
    const name = raw.length > 60 ? `${raw.slice(0, 57)}...` : raw;
    const size = snap.nodes[i + iSize];
    total += size;
    const e = out.get(name) ?? { count: 0, bytes: 0 };
    e.count += 1;
    e.bytes += size;
    out.set(name, e);
  }
  return { out, total };
};

const [a, b, top = '25'] = process.argv.slice(2);
if (!a || !b) {
  console.error('usage: heap-diff.js A.heapsnapshot B.heapsnapshot [top]');
  process.exit(2);
}
const A = summarise(a);
const B = summarise(b);
const rows = [...new Set([...A.out.keys(), ...B.out.keys()])].map((name) => {
  const x = A.out.get(name) ?? { count: 0, bytes: 0 };
  const y = B.out.get(name) ?? { count: 0, bytes: 0 };
  return {
    name,
    countA: x.count,
    countB: y.count,
    mbA: x.bytes / 1048576,
    mbB: y.bytes / 1048576,
    dMb: (y.bytes - x.bytes) / 1048576,
  };
});
rows.sort((p, q) => q.dMb - p.dMb);
console.log(`heap: ${(A.total / 1048576).toFixed(1)} MB → ${(B.total / 1048576).toFixed(1)} MB`);
console.log('name | count A → B | MB A → B | Δ MB');
for (const r of rows.slice(0, Number(top))) {
  console.log(
    `${r.name} | ${r.countA} → ${r.countB} | ${r.mbA.toFixed(2)} → ${r.mbB.toFixed(2)} | ${r.dMb >= 0 ? '+' : ''}${r.dMb.toFixed(2)}`
  );
}
