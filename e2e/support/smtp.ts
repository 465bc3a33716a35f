import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { SMTPServer } from "smtp-server";

/**
 * A real SMTP server for the tests: the app delivers to it over SMTP, and every message is written
 * as a raw .eml file to `folder`, where tests in any worker read it (see mail.ts).
 */
export async function startSmtpServer(folder: string): Promise<{ port: number; close: () => Promise<void> }> {
  mkdirSync(folder, { recursive: true });
  let count = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        count++;
        const name = `${Date.now()}-${String(count).padStart(5, "0")}.eml`;
        writeFileSync(path.join(folder, name), Buffer.concat(chunks));
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.server.address();
  if (!address || typeof address === "string") throw new Error("SMTP server has no port");
  return { port: address.port, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
