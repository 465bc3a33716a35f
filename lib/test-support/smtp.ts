import { SMTPServer } from "smtp-server";

/**
 * A real SMTP server on 127.0.0.1 for tests (the unit tests' and the browser tests'): it keeps every
 * message it receives, raw, and hands each to `onMessage` too. Port 0 picks a free port.
 */
export async function startSmtpServer(options: { port?: number; onMessage?: (raw: Buffer) => void } = {}) {
  const received: Buffer[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        const raw = Buffer.concat(chunks);
        received.push(raw);
        options.onMessage?.(raw);
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const address = server.server.address();
  if (!address || typeof address === "string") throw new Error("The SMTP server has no port");
  return { port: address.port, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
