/**
 * A small TCP proxy (node:net) to put between Strapi and its database, so a test
 * can cut the link (every open connection reset, new ones refused) and bring it
 * back, or cut it at the moment a given statement goes through.
 */
import net from 'node:net';

export interface TcpProxy {
  port: number;
  /** Resets every open connection and refuses new ones until restore(). */
  cut(): void;
  restore(): void;
  /**
   * Cuts the link when a client packet matching `pattern` is seen: before it is
   * forwarded (`before`), or just after (`after`, the server gets it, the client
   * never hears back). Resolves when it happened.
   */
  cutOn(pattern: RegExp, when: 'before' | 'after'): Promise<void>;
  /** Statements seen since the last call (text of client packets matching SQL verbs). */
  takeLog(): string[];
  close(): Promise<void>;
}

export const startTcpProxy = async (upstream: { host: string; port: number }): Promise<TcpProxy> => {
  const sockets = new Set<net.Socket>();
  let down = false;
  let trap: { pattern: RegExp; when: 'before' | 'after'; fire: () => void } | null = null;
  let log: string[] = [];

  const cut = () => {
    down = true;
    for (const s of sockets) s.destroy();
    sockets.clear();
  };

  const server = net.createServer((client) => {
    if (down) {
      client.destroy();
      return;
    }
    const backend = net.connect(upstream.port, upstream.host);
    sockets.add(client);
    sockets.add(backend);
    const drop = () => {
      client.destroy();
      backend.destroy();
      sockets.delete(client);
      sockets.delete(backend);
    };
    client.on('error', drop);
    backend.on('error', drop);
    client.on('close', drop);
    backend.on('close', drop);
    client.on('data', (chunk: Buffer) => {
      const text = chunk.toString('latin1');
      // eslint-disable-next-line no-control-regex -- a NUL byte ends the statement text in the wire protocol
      const sql = text.match(/(select|insert|update|delete|begin|commit|rollback)[^\u0000]*/i);
      if (sql) log.push(sql[0].slice(0, 120));
      if (trap && trap.pattern.test(text)) {
        const t = trap;
        trap = null;
        if (t.when === 'before') {
          cut();
          t.fire();
          return;
        }
        backend.write(chunk, () => {
          // Let the server read it, then drop everything before its answer gets back.
          client.pause();
          backend.pause();
          setTimeout(() => {
            cut();
            t.fire();
          }, 50);
        });
        return;
      }
      backend.write(chunk);
    });
    backend.on('data', (chunk: Buffer) => client.write(chunk));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;

  return {
    port,
    cut,
    restore: () => {
      down = false;
    },
    cutOn: (pattern, when) => new Promise<void>((resolve) => (trap = { pattern, when, fire: resolve })),
    takeLog: () => {
      const out = log;
      log = [];
      return out;
    },
    close: async () => {
      cut();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
};
