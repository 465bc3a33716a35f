import { connection } from "next/server";

/**
 * For load balancers and uptime checks: answers while the process serves requests. It reads nothing
 * and needs no session, so it reveals nothing; `npm run bench` also uses it as the cost of a bare request.
 */
export async function GET() {
  await connection();
  return Response.json({ status: "ok" }, { headers: { "Cache-Control": "no-store" } });
}
