// The producer register's verdict on each host a discovery file describes: whether it is probably
// covered equipment, and why. Pure: the register is passed in, and the rules engine decides.
import { isLocallyAdministered, lookupMacPrefix, probableCoveredProducer, resolveBrand, type BrandIndex, type MacEvidence } from "@/lib/compliance";
import type { DiscoveredHostInput } from "@/lib/discovery/types";

export interface ClassifiedHost extends DiscoveredHostInput {
  siteId: number;
  probableProducer: string | null;
  reasons: string[];
  /**
   * Looks like video surveillance equipment: every row of a camera list, probable covered
   * equipment, a camera's ports or services, or a maker the producer register knows. Hosts that
   * match no register device and are not camera-like are counted, not kept.
   */
  cameraLike: boolean;
}

export interface ClassifyRegister {
  brands: BrandIndex;
  macPrefixes: ReadonlyMap<string, MacEvidence>;
}

/** RTSP, ONVIF discovery, Hikvision's and Dahua's SDK ports, XMEye's: ports only cameras and recorders open. */
const CAMERA_PORTS: ReadonlySet<number> = new Set([554, 8554, 3702, 8000, 37777, 37778, 34567]);
const CAMERA_WORDS = /\b(rtsp|onvif|camera|webcam|ipcam|dvr|nvr|video|cctv)/i;

/** The register's verdict on what a file says about each host: probable covered equipment, with reasons. */
export function classifyHosts(
  register: ClassifyRegister,
  placed: readonly { host: DiscoveredHostInput; siteId: number }[],
  options: { everyHostIsCamera?: boolean } = {},
): ClassifiedHost[] {
  // A /16 is mostly the same few kinds of machine: weigh each distinct piece of evidence once.
  const verdicts = new Map<string, ReturnType<typeof probableCoveredProducer>>();
  const makers = new Map<string, boolean>();
  const knownMaker = (text: string | null) => {
    if (!text) return false;
    let known = makers.get(text);
    if (known === undefined) {
      known = resolveBrand(register.brands, text).producerName !== null;
      makers.set(text, known);
    }
    return known;
  };
  // The whole verdict depends on the MAC only through its registry owner and whether it is locally
  // administered, so hosts alike in everything else (a /16's thousands of identical PCs) share one.
  const alike = new Map<string, { probable: ReturnType<typeof probableCoveredProducer>; cameraLike: boolean }>();
  const SEP = "\u0000";
  return placed.map(({ host, siteId }) => {
    const locallyAdministered = host.mac !== null && isLocallyAdministered(host.mac);
    const macEvidence = host.mac && !locallyAdministered ? lookupMacPrefix(register.macPrefixes, host.mac) : null;
    let signature = `${macEvidence?.owner ?? ""}${SEP}${locallyAdministered ? 1 : 0}${SEP}${host.macVendor ?? ""}${SEP}${host.manufacturer ?? ""}${SEP}${host.model ?? ""}${SEP}${host.name ?? ""}${SEP}${host.osGuess ?? ""}`;
    for (const sv of host.services) signature += `${SEP}${sv.port}/${sv.name ?? ""}/${sv.product ?? ""}/${sv.version ?? ""}/${sv.extraInfo ?? ""}`;
    for (const h of host.hostnames) signature += `${SEP}${h}`;
    let verdict = alike.get(signature);
    if (verdict === undefined) {
      const banners = [
        ...host.services.flatMap((sv) => [sv.product, [sv.product, sv.version].filter(Boolean).join(" "), sv.extraInfo].filter((x): x is string => Boolean(x))),
        ...host.hostnames,
        ...(host.name ? [host.name] : []),
        ...(host.osGuess ? [host.osGuess] : []),
      ];
      const evidence = {
        mac: host.mac, macEvidence, macVendor: host.macVendor, manufacturer: host.manufacturer, model: host.model, banners: [...new Set(banners)],
      };
      const key = JSON.stringify([macEvidence, locallyAdministered, host.macVendor, host.manufacturer, host.model, evidence.banners]);
      let probable = verdicts.get(key);
      if (probable === undefined) {
        probable = probableCoveredProducer(evidence, register.brands);
        verdicts.set(key, probable);
      }
      const cameraLike =
        options.everyHostIsCamera === true ||
        probable !== null ||
        host.services.some((sv) => CAMERA_PORTS.has(sv.port) || CAMERA_WORDS.test(`${sv.name ?? ""} ${sv.product ?? ""} ${sv.extraInfo ?? ""}`)) ||
        (!locallyAdministered && knownMaker(host.macVendor)) ||
        knownMaker(host.manufacturer) ||
        evidence.banners.some((b) => knownMaker(b));
      verdict = { probable, cameraLike };
      alike.set(signature, verdict);
    }
    const { probable, cameraLike } = verdict;
    return { ...host, siteId, probableProducer: probable?.producerName ?? null, reasons: probable?.reasons ?? [], cameraLike };
  });
}

