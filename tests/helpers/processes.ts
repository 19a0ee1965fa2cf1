/** Small helpers for tests that run other processes on loopback (demo servers, a throwaway Redis). */
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';

/** A TCP port nothing listens on right now (loopback). */
export const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });

/** Polls `check` every 50 ms, at most 10 s, and fails naming `what`. */
export const waitFor = async (check: () => boolean | Promise<boolean>, what: string) => {
  for (let i = 0; i < 200; i += 1) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`gave up waiting for ${what}`);
};

export interface RedisServer {
  port: number;
  url: string;
  process: ChildProcess;
  stop(): void;
}

/** A throwaway redis-server on a free loopback port, keeping nothing on disk. */
export const startRedisServer = async (): Promise<RedisServer> => {
  const port = await freePort();
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: 'ignore' }
  );
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    process: child,
    stop: () => {
      if (child.exitCode === null) child.kill('SIGTERM');
    },
  };
};
