import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db";
import { assertCanRead, organisationScope } from "@/lib/data/scope";
import { containsWord } from "@/lib/data/text-search";
import type { MoveTargetPage } from "@/lib/types/move-target";
import type { MoveTargetQuery } from "@/lib/validation/site-page-query";

// Finding the site a device moves to among many: active sites in the actor's organisations, other
// than the one it is on, whose name, code, town or postcode contain the words searched for. The
// form without JavaScript pages through them as radios; with JavaScript the autocomplete asks for
// the first page. Choosing one is checked again when the move is made (lib/data/devices.ts).

export const MOVE_TARGETS_PER_PAGE = 20;

export async function searchMoveTargets(actor: Actor, exceptSiteId: number, query: MoveTargetQuery): Promise<MoveTargetPage> {
  assertCanRead(actor);
  const and: Prisma.SiteWhereInput[] = [organisationScope(actor), { archivedAt: null }, { id: { not: exceptSiteId } }];
  // Every word must match somewhere, so "truro depot" finds the Alexander Depot in Truro.
  for (const word of query.q.split(/\s+/).filter(Boolean).slice(0, 5)) {
    const contains = containsWord(word);
    and.push({ OR: [{ name: contains }, { siteCode: contains }, { town: contains }, { postcode: contains }] });
  }
  const where: Prisma.SiteWhereInput = { AND: and };
  const total = await db().site.count({ where });
  const pageCount = Math.max(1, Math.ceil(total / MOVE_TARGETS_PER_PAGE));
  const page = Math.min(query.page, pageCount);
  const sites = await db().site.findMany({
    where,
    orderBy: [{ name: "asc" }, { organisation: { acronym: "asc" } }, { id: "asc" }],
    skip: (page - 1) * MOVE_TARGETS_PER_PAGE,
    take: MOVE_TARGETS_PER_PAGE,
    select: { id: true, name: true, siteCode: true, town: true, postcode: true, organisation: { select: { acronym: true } } },
  });
  return {
    rows: sites.map((s) => ({ id: s.id, label: `${s.name} (${s.siteCode}, ${s.organisation.acronym})`, place: `${s.town}, ${s.postcode}` })),
    total,
    page,
    pageCount,
    perPage: MOVE_TARGETS_PER_PAGE,
  };
}
