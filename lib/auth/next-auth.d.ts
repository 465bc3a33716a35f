import "next-auth";
import "next-auth/jwt";

declare module "next-auth" {
  interface User {
    /** Set only by the credentials provider, moved into the encrypted token, never sent to the browser. */
    sessionSecret?: string;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    sid?: string;
  }
}
