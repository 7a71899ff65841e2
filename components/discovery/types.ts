// What the discovery components show: the data layer's rows, whose types live in lib/discovery
// because components never import lib/data (ESLint).
export type { HostRow as HostView, NotSeenRow as NotSeenView, ScanSummary as ScanListItem } from "@/lib/discovery/view-types";
