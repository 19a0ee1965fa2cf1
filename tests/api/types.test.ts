/**
 * Type-level test: compiles tests/types/public-types.check.ts with the server's
 * compiler options. It fails when types/index.d.ts (what sites import from
 * `strapi-plugin-movie-reviews/types`) drifts from the server's response types.
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const ROOT = path.resolve(__dirname, '..', '..');

const compile = (file: string) => {
  const configPath = path.join(ROOT, 'server', 'tsconfig.json');
  const config = ts.readConfigFile(configPath, ts.sys.readFile);
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, path.dirname(configPath));
  const program = ts.createProgram([file], { ...parsed.options, noEmit: true, skipLibCheck: true, incremental: false });
  return ts
    .getPreEmitDiagnostics(program)
    .filter((d) => d.category === ts.DiagnosticCategory.Error)
    .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
};

it('publishes response types identical to the server’s', () => {
  expect(compile(path.join(ROOT, 'tests', 'types', 'public-types.check.ts'))).toEqual([]);
});

it('types the review JSON-LD as a schema-dts Review (schema.org)', () => {
  expect(compile(path.join(ROOT, 'tests', 'types', 'structured-data.schema-dts.check.ts'))).toEqual([]);
});

it('fails when they drift', () => {
  const drifted = path.join(ROOT, 'tests', 'types', '.drift.check.ts');
  fs.writeFileSync(
    drifted,
    [
      "import type * as Public from '../../types';",
      "import type { ReviewSummary } from '../../server/src/services/review-format';",
      'type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;',
      'type Expect<T extends true> = T;',
      "export type Check = Expect<Equal<Omit<Public.ReviewSummary, 'rating'> & { rating: number }, ReviewSummary>>;",
    ].join('\n')
  );
  try {
    expect(compile(drifted).length).toBeGreaterThan(0);
  } finally {
    fs.rmSync(drifted, { force: true });
  }
});

it('is exported as strapi-plugin-movie-reviews/types and shipped', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  expect(pkg.exports['./types']).toBe('./types/index.d.ts');
  expect(pkg.files).toContain('types');
});
