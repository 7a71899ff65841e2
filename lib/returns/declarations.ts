import type { Declaration } from "@/lib/returns/types";

// The statements the Cabinet Office may ask departments to confirm in a round. A round copies the
// ones it asks when it opens, so changing this list never rewrites a round already open.
export const STANDARD_DECLARATIONS: readonly Declaration[] = [
  { id: "sensitivity-assessed", text: "Every site's sensitivity has been assessed." },
  { id: "no-core-network", text: "No covered equipment is connected to the core network, except as listed." },
  { id: "register-complete", text: "Every camera system on the department's estate and its agencies' is in the register." },
  { id: "removal-planned", text: "Every covered device still on a controlled site has a date for its removal, except as listed." },
];

export function standardDeclaration(id: string): Declaration | undefined {
  return STANDARD_DECLARATIONS.find((d) => d.id === id);
}
