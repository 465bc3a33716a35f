import { randomBytes } from "node:crypto";
import pg from "pg";

/**
 * Creates an empty database named `<prefix>_<random>` on the PostgreSQL server that `serverUrl` names,
 * for one test file or one test run; `drop` removes it, ending any connection still open to it.
 */
export async function createPostgresDatabase(
  serverUrl: string,
  prefix = "keyring_test",
): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `${prefix}_${randomBytes(6).toString("hex")}`;
  await withPostgres(serverUrl, (client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => withPostgres(serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}

async function withPostgres<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
