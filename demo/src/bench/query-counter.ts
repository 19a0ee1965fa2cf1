import type { Core } from '@strapi/strapi';

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);
const TRANSACTION_CONTROL = /^\s*(BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE)\b/i;

/**
 * Benchmark instrumentation, installed only when DEMO_BENCH=true.
 * Counts the SQL statements knex sends (transaction statements included: knex forwards them to the
 * main instance) and answers `GET /__bench/queries` from loopback with the running totals:
 * `queries` (statements that read or write data) and `transactionControl` (BEGIN/COMMIT/... that the
 * document service wraps around its reads), plus, with `?recent=N`, the last N statements. The route
 * runs no query, so a client that reads the totals before and after a request, with nothing else in
 * flight, gets that request's count.
 */
export const installQueryCounter = (strapi: Core.Strapi) => {
  let queries = 0;
  let transactionControl = 0;
  const recent: string[] = [];
  strapi.db.connection.on('query', (query: { sql?: string }) => {
    const sql = String(query.sql ?? '');
    if (TRANSACTION_CONTROL.test(sql)) transactionControl += 1;
    else queries += 1;
    recent.push(sql);
    if (recent.length > 100) recent.shift();
  });
  strapi.server.use(async (ctx, next) => {
    if (ctx.path !== '/__bench/queries' || !LOOPBACK.has(ctx.request.ip)) return next();
    const n = Math.min(100, Number(ctx.query.recent) || 0);
    ctx.set('Cache-Control', 'no-store');
    ctx.body = { queries, transactionControl, recent: n > 0 ? recent.slice(-n) : [] };
  });
};
