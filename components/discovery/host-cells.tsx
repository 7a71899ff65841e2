import { Details, StatusTag } from "@/components/govuk";
import type { HostView } from "@/components/discovery/types";
import { lineWord, macWords, serviceWords, type ScanSource } from "@/components/discovery/words";

// The parts of a discovered host that several tables and pages show the same way: where it is on
// the network, what the file says about it, and why the register thinks it is covered equipment.

/** Services beyond this many are counted, not listed: a busy server would fill the row. */
const SERVICES_SHOWN = 6;

const secondary = "govuk-!-display-block govuk-!-font-size-16";

export function HostAddress({ host, source }: { host: Pick<HostView, "address" | "mac" | "macVendor" | "line" | "hostnames">; source: ScanSource }) {
  const mac = macWords(host.mac, host.macVendor);
  return (
    <>
      <span className="govuk-!-display-block govuk-!-font-weight-bold">{host.address ?? "No IP address"}</span>
      {mac ? <span className={secondary}>MAC {mac}</span> : <span className={secondary}>No MAC address</span>}
      {host.hostnames.length > 0 ? <span className={secondary}>{host.hostnames.join(", ")}</span> : null}
      <span className={secondary}>
        {lineWord(source)} {host.line.toLocaleString("en-GB")} of the file
      </span>
    </>
  );
}

/** What the scan or camera list says the host is: its name, maker and model, and its open ports. */
export function ScanSays({ host }: { host: Pick<HostView, "name" | "manufacturer" | "model" | "serial" | "firmware" | "osGuess" | "services"> }) {
  const maker = [host.manufacturer, host.model].filter(Boolean).join(" ");
  const facts = [
    host.name,
    maker || null,
    host.serial ? `Serial number ${host.serial}` : null,
    host.firmware ? `Firmware ${host.firmware}` : null,
    host.osGuess ? `Looks like: ${host.osGuess}` : null,
  ].filter((f): f is string => Boolean(f));
  const shown = host.services.slice(0, SERVICES_SHOWN);
  const more = host.services.length - shown.length;
  if (facts.length === 0 && shown.length === 0) return <>Nothing about the equipment</>;
  return (
    <>
      {facts.map((f, i) => (
        <span key={i} className="govuk-!-display-block">
          {f}
        </span>
      ))}
      {shown.length > 0 ? (
        <ul className="govuk-list govuk-!-font-size-16 govuk-!-margin-bottom-0" aria-label="Open ports">
          {shown.map((s) => (
            <li key={`${s.protocol}-${s.port}`} className="govuk-!-margin-bottom-0">
              {serviceWords(s)}
            </li>
          ))}
          {more > 0 ? <li>and {more.toLocaleString("en-GB")} more open ports</li> : null}
        </ul>
      ) : null}
    </>
  );
}

/**
 * The probable covered producer with the discovery rule's finding, in words: the status as the
 * other pages show it and the rule's message; the evidence behind it folded away.
 */
export function ProbableProducer({ host }: { host: Pick<HostView, "probableProducer" | "finding" | "reasons"> }) {
  if (host.probableProducer === null) return <>None found</>;
  return (
    <>
      <span className="govuk-!-display-block govuk-!-font-weight-bold">{host.probableProducer}</span>
      {host.finding ? (
        <>
          <span className="govuk-!-display-block govuk-!-margin-top-1">
            <StatusTag status={host.finding.status} />
          </span>
          <span className="govuk-!-display-block govuk-!-margin-top-1 govuk-!-font-size-16">{host.finding.message}</span>
        </>
      ) : null}
      {host.reasons.length > 0 ? (
        <Details summary="Why we think so" className="govuk-!-margin-top-2 govuk-!-margin-bottom-0">
          <ul className="govuk-list govuk-list--bullet govuk-!-font-size-16">
            {host.reasons.map((r, i) => (
              <li key={i}>{r}</li>
            ))}
          </ul>
        </Details>
      ) : null}
    </>
  );
}
