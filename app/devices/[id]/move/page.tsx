import type { Metadata } from "next";
import { BackLink, Heading } from "@/components/govuk";
import { searchMoveTargets } from "@/lib/data/site-search";
import { todayInLondon } from "@/lib/platform/today";
import { moveTargetQuerySchema } from "@/lib/validation/site-page-query";
import { MoveDeviceForm } from "@/components/register/move-device-form";
import { pageItems, withQuery } from "@/components/register/format";
import { changeableDevice, deviceCaption } from "../changeable-device";
import { moveDeviceAction } from "@/app/devices/actions";
export const metadata: Metadata = { title: "Move device to another site" };

export default async function Page({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { actor, id, device } = await changeableDevice(params, "move");
  const query = moveTargetQuerySchema.parse(await searchParams);
  const found = await searchMoveTargets(actor, device.siteId, query);
  const path = `/devices/${id}/move`;
  const pageHref = (n: number) => withQuery(path, { q: query.q }, { page: n === 1 ? null : n });
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <BackLink href={`/devices/${id}`}>Back to the device</BackLink>
        <Heading level={1} size="l" caption={deviceCaption(device)}>
          Move device to another site
        </Heading>
        <p className="govuk-body">Moving a device is a new deployment: the move date becomes its install date at the new site, and it is assessed again against that site.</p>
        <MoveDeviceForm
          action={moveDeviceAction.bind(null, id)}
          version={device.version}
          cancelHref={`/devices/${id}`}
          today={todayInLondon()}
          searchPath={path}
          sourceUrl={`${path}/sites`}
          query={query.q}
          found={found}
          pagination={{
            previousHref: found.page > 1 ? pageHref(found.page - 1) : undefined,
            nextHref: found.page < found.pageCount ? pageHref(found.page + 1) : undefined,
            pages: pageItems(found.page, found.pageCount, pageHref),
          }}
        />
      </div>
    </div>
  );
}
