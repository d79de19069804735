// Port helpers for the local stack: ask the OS for a free port, or prove a chosen one is free
// so a taken port is reported at once instead of hanging a service start.
import net from "node:net";

export class PortInUseError extends Error {
  constructor(
    readonly port: number,
    readonly service: string,
  ) {
    super(
      `Port ${port} (${service}) is already in use. Stop whatever is listening there ` +
        `(\`lsof -i :${port}\`) or choose another port in your env.`,
    );
    this.name = "PortInUseError";
  }
}

function listenOnce(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once("error", reject);
    server.listen({ port, host: "127.0.0.1", exclusive: true }, () => {
      const address = server.address();
      const bound = typeof address === "object" && address ? address.port : port;
      server.close(() => resolve(bound));
    });
  });
}

export function findFreePort(): Promise<number> {
  return listenOnce(0);
}

export async function assertPortFree(port: number, service: string): Promise<void> {
  try {
    await listenOnce(port);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EADDRINUSE") throw new PortInUseError(port, service);
    throw error;
  }
}
