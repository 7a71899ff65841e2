import "server-only";
import { headers } from "next/headers";
import { clientAddress } from "@/lib/auth/client-address";
import { env } from "@/lib/env";

/** The client address of the request a server action is answering, as sign-in throttles it. */
export async function requestClientAddress(): Promise<string | null> {
  const bag = Object.fromEntries((await headers()).entries());
  return clientAddress(bag, env().TRUSTED_PROXIES);
}
