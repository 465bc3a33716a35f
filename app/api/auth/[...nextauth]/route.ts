import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/options";
import { refuseAuthRequest } from "@/lib/auth/route-requests";

type Context = { params: Promise<{ nextauth: string[] }> };

// Options are built per request so that configuration is read at run time, never at build time.
async function handler(request: Request, context: Context) {
  const refusal = await refuseAuthRequest(request, (await context.params).nextauth);
  if (refusal) return refusal;
  return NextAuth(request as never, context as never, authOptions());
}

export { handler as GET, handler as POST };
