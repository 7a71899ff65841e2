import type { Metadata } from "next";
import { ButtonLink, Details, Heading } from "@/components/govuk";
import { ScanTable } from "@/components/discovery/scan-table";
import { can } from "@/lib/auth/permissions";
import { requirePagePermission } from "@/lib/auth/session";
import { listDiscoveryScans } from "@/lib/data/discovery-views";

export const metadata: Metadata = { title: "Network discovery" };

export default async function DiscoveryPage() {
  const actor = await requirePagePermission("register:read", "/discovery");
  const scans = await listDiscoveryScans(actor);
  const editable = can(actor.role, "register:write");

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-full">
        <div className="govuk-grid-row">
          <div className="govuk-grid-column-two-thirds">
            <Heading level={1} size="l">
              Network discovery
            </Heading>
            <p className="govuk-body">
              Check the register against what is really on the network. Upload a network scan or a camera list from your video
              management system for a site, and the register compares every host on it with the devices it records.
            </p>
            <p className="govuk-body">
              You will see the hosts that match a device, the devices the file did not find, and the hosts that are not in the
              register, with the ones that are probably Hikvision, Dahua or other covered equipment first. You can then add hosts to
              the register or say why they do not belong in it.
            </p>
            <Details summary="How to produce the files">
              <p className="govuk-body">
                A network scan is the XML file that nmap writes with <code>-oX</code>. Your network team should run it from inside the
                site&apos;s network, so that it records each host&apos;s MAC address, and with service detection (<code>-sV</code>), so that
                it records what each host says it is: for example, <code>nmap -sV -oX site-scan.xml 10.20.0.0/16</code>.
              </p>
              <p className="govuk-body">
                A camera list is a CSV or Excel export from a video management system such as Milestone XProtect or Genetec Security
                Center. After you upload it, you choose which columns hold each camera&apos;s address, MAC address, maker, model and serial
                number. Columns that hold passwords are never read or stored.
              </p>
              <p className="govuk-body">
                One file can cover several sites: give each site&apos;s address range when you upload it, or, for a camera list, include a
                column with each camera&apos;s site code.
              </p>
            </Details>
            {editable ? <ButtonLink href="/discovery/new">Upload a scan or camera list</ButtonLink> : null}
          </div>
        </div>
        <ScanTable scans={scans} />
      </div>
    </div>
  );
}
