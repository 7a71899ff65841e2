import "server-only";
import { Prisma } from "@/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import { conflict, notFound } from "@/lib/auth/errors";
import { normaliseBrand, normaliseModel } from "@/lib/compliance";
import { db } from "@/lib/db";
import { assertCan, STALE_MESSAGE, type Outcome } from "@/lib/data/admin-users";
import { recordAudit } from "@/lib/data/audit";
import { processBoss } from "@/lib/jobs/boss";
import { enqueueReevaluation } from "@/lib/jobs/enqueue";
import type { BrandInput, ConfidenceValue, ModelPrefixInput, NewProducerInput, ProducerInput } from "@/lib/validation/register";

// The producer register is data an administrator keeps (DOMAIN.md §4). Every change is audited
// and queues the re-evaluation of every device in its own transaction (see lib/jobs/enqueue.ts),
// returning the job's id. The queue is started before the transaction opens: in embedded mode the
// transaction holds the only connection.

export interface BrandRow {
  id: number;
  producerId: number;
  name: string;
  aliases: string[];
  confidence: ConfidenceValue;
  validUntil: string | null;
  source: string;
  sourceUrl: string | null;
  notes: string | null;
  version: number;
}

export interface ModelPrefixRow {
  id: number;
  prefix: string;
  /** One of the producer's brands, whose name and confidence a match takes. */
  brand: string | null;
  /** Null: as sure as the producer (and the brand). */
  confidence: ConfidenceValue | null;
}

export interface ProducerRow {
  id: number;
  slug: string;
  name: string;
  legalName: string | null;
  covered: boolean;
  confidence: ConfidenceValue;
  source: string;
  sourceUrl: string | null;
  notes: string | null;
  version: number;
  updatedAt: Date;
  brands: BrandRow[];
  modelPrefixes: ModelPrefixRow[];
  macPrefixCount: number;
}

const isoDate = (d: Date | null): string | null => (d ? d.toISOString().slice(0, 10) : null);
const dateOf = (iso: string | null): Date | null => (iso ? new Date(`${iso}T00:00:00Z`) : null);

const BRAND_SELECT = {
  id: true,
  producerId: true,
  name: true,
  aliases: true,
  confidence: true,
  validUntil: true,
  source: true,
  sourceUrl: true,
  notes: true,
  version: true,
} as const;

type SelectedBrand = Prisma.BrandGetPayload<{ select: typeof BRAND_SELECT }>;

function toBrandRow(b: SelectedBrand): BrandRow {
  return { ...b, validUntil: isoDate(b.validUntil) };
}

const PRODUCER_SELECT = {
  id: true,
  slug: true,
  name: true,
  legalName: true,
  covered: true,
  confidence: true,
  source: true,
  sourceUrl: true,
  notes: true,
  version: true,
  updatedAt: true,
  brands: { select: BRAND_SELECT, orderBy: { name: "asc" } },
  modelPrefixes: { select: { id: true, prefix: true, brand: true, confidence: true }, orderBy: { prefix: "asc" } },
  _count: { select: { macPrefixes: true } },
} as const;

type SelectedProducer = Prisma.ProducerGetPayload<{ select: typeof PRODUCER_SELECT }>;

function toProducerRow(p: SelectedProducer): ProducerRow {
  return {
    id: p.id,
    slug: p.slug,
    name: p.name,
    legalName: p.legalName,
    covered: p.covered,
    confidence: p.confidence,
    source: p.source,
    sourceUrl: p.sourceUrl,
    notes: p.notes,
    version: p.version,
    updatedAt: p.updatedAt,
    brands: p.brands.map(toBrandRow),
    modelPrefixes: p.modelPrefixes,
    macPrefixCount: p._count.macPrefixes,
  };
}

/** Covered producers first, then by name. */
export async function listProducers(actor: Actor): Promise<ProducerRow[]> {
  assertCan(actor, "admin:register");
  const rows = await db().producer.findMany({ select: PRODUCER_SELECT, orderBy: [{ covered: "desc" }, { name: "asc" }] });
  return rows.map(toProducerRow);
}

export async function getProducer(actor: Actor, id: number): Promise<ProducerRow> {
  assertCan(actor, "admin:register");
  const row = await db().producer.findUnique({ where: { id }, select: PRODUCER_SELECT });
  if (!row) throw notFound("Producer");
  return toProducerRow(row);
}

export async function listProducerOptions(actor: Actor): Promise<{ id: number; name: string }[]> {
  assertCan(actor, "admin:register");
  return db().producer.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" } });
}

export async function getBrand(actor: Actor, id: number): Promise<BrandRow & { producerName: string }> {
  assertCan(actor, "admin:register");
  const row = await db().brand.findUnique({ where: { id }, select: { ...BRAND_SELECT, producer: { select: { name: true } } } });
  if (!row) throw notFound("Brand");
  const { producer, ...brand } = row;
  return { ...toBrandRow(brand), producerName: producer.name };
}

function producerAudit(p: { covered: boolean; confidence: string; source: string; sourceUrl: string | null; notes: string | null }) {
  return { covered: p.covered, confidence: p.confidence, source: p.source, sourceUrl: p.sourceUrl, notes: p.notes };
}

/** "Acme Vision (UK)" → "acme-vision-uk": the producer's key in the engine's register. */
export function producerSlug(name: string): string {
  return name.normalize("NFKD").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 60) || "producer";
}

/**
 * Adds a producer to the register, with the public document its entry rests on. Its name is how
 * labels are matched, so it must not read as a producer or brand already listed (the match would
 * be ambiguous); every such problem is reported at once. Queues the re-evaluation of every device.
 */
export async function createProducer(actor: Actor, input: NewProducerInput): Promise<Outcome<{ id: number; jobId: string }>> {
  assertCan(actor, "admin:register");
  const boss = await processBoss();
  const key = normaliseBrand(input.name);
  const taken = (existing: string): Outcome<never> => ({
    ok: false,
    fieldErrors: { name: `“${input.name}” reads the same as ${existing}, already in the register: change that entry instead` },
  });
  try {
    return await db().$transaction(async (tx): Promise<Outcome<{ id: number; jobId: string }>> => {
      const producers = await tx.producer.findMany({ select: { name: true, slug: true } });
      const sameProducer = producers.find((p) => normaliseBrand(p.name) === key);
      if (sameProducer) return taken(`the producer ${sameProducer.name}`);
      const brand = await tx.brand.findUnique({ where: { normalised: key }, select: { name: true, producer: { select: { name: true } } } });
      if (brand) return taken(`the brand ${brand.name} of ${brand.producer.name}`);
      const slugs = new Set(producers.map((p) => p.slug));
      const base = producerSlug(input.name);
      let slug = base;
      for (let n = 2; slugs.has(slug); n++) slug = `${base}-${n}`;
      const created = await tx.producer.create({
        data: {
          slug,
          name: input.name,
          legalName: input.legalName,
          covered: input.covered,
          confidence: input.confidence,
          source: input.source,
          sourceUrl: input.sourceUrl,
          notes: input.notes,
        },
        select: { id: true },
      });
      await recordAudit(tx, actor, {
        action: "register.producer.created",
        entityType: "producer",
        entityId: String(created.id),
        organisationId: null,
        summary: `Added the producer ${input.name} to the register (${input.covered ? "covered" : "not covered"}, ${input.confidence.toLowerCase()} confidence)`,
        after: { name: input.name, legalName: input.legalName, ...producerAudit(input) },
      });
      const jobId = await enqueueReevaluation(tx, boss, {
        reason: `Producer register: ${input.name} added`,
        startedBy: actor.email,
        returnTo: `/admin/register/producers/${created.id}`,
      });
      return { ok: true, value: { id: created.id, jobId } };
    });
  } catch (error) {
    // Two administrators adding the same producer at once: the unique name decides.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") return taken("a producer added a moment ago");
    throw error;
  }
}

export async function updateProducer(actor: Actor, input: ProducerInput): Promise<{ id: number; name: string; jobId: string }> {
  assertCan(actor, "admin:register");
  const boss = await processBoss();
  return db().$transaction(async (tx) => {
    const before = await tx.producer.findUnique({
      where: { id: input.id },
      select: { id: true, name: true, covered: true, confidence: true, source: true, sourceUrl: true, notes: true, version: true },
    });
    if (!before) throw notFound("Producer");
    if (before.version !== input.version) throw conflict(STALE_MESSAGE);
    const { count } = await tx.producer.updateMany({
      where: { id: input.id, version: input.version },
      data: { covered: input.covered, confidence: input.confidence, source: input.source, sourceUrl: input.sourceUrl, notes: input.notes, version: { increment: 1 } },
    });
    if (count === 0) throw conflict(STALE_MESSAGE);
    const changes: string[] = [];
    if (before.covered !== input.covered) changes.push(input.covered ? "now covered" : "now not covered");
    if (before.confidence !== input.confidence) changes.push(`confidence ${before.confidence.toLowerCase()} → ${input.confidence.toLowerCase()}`);
    if (before.source !== input.source || before.sourceUrl !== input.sourceUrl) changes.push("source");
    if (before.notes !== input.notes) changes.push("notes");
    await recordAudit(tx, actor, {
      action: "register.producer.updated",
      entityType: "producer",
      entityId: String(before.id),
      organisationId: null,
      summary: `Changed the producer ${before.name} in the register: ${changes.length ? changes.join(", ") : "no change"}`,
      before: producerAudit(before),
      after: producerAudit(input),
    });
    const jobId = await enqueueReevaluation(tx, boss, {
      reason: `Producer register: ${before.name} changed`,
      startedBy: actor.email,
      returnTo: `/admin/register/producers/${before.id}`,
    });
    return { id: before.id, name: before.name, jobId };
  });
}

function brandAudit(b: {
  producerId: number; name: string; aliases: string[]; confidence: string; validUntil: string | null; source: string; sourceUrl: string | null; notes: string | null;
}) {
  return {
    producerId: b.producerId, name: b.name, aliases: b.aliases, confidence: b.confidence, validUntil: b.validUntil, source: b.source, sourceUrl: b.sourceUrl,
    notes: b.notes,
  };
}

function brandTaken(name: string, existing: { name: string; producer: { name: string } }): Outcome<never> {
  return {
    ok: false,
    fieldErrors: { name: `“${name}” is the same name as the brand ${existing.name} of ${existing.producer.name}: edit that brand instead` },
  };
}

/** Adds a brand (input.id null) or changes one, including moving it to another producer. */
export async function saveBrand(actor: Actor, input: BrandInput): Promise<Outcome<{ id: number; producerId: number; jobId: string }>> {
  assertCan(actor, "admin:register");
  const normalised = normaliseBrand(input.name);
  const boss = await processBoss();
  const queue = (tx: Prisma.TransactionClient, producerId: number) =>
    enqueueReevaluation(tx, boss, {
      reason: `Producer register: brand ${input.name} ${input.id === null ? "added" : "changed"}`,
      startedBy: actor.email,
      returnTo: `/admin/register/producers/${producerId}`,
    });
  try {
    return await db().$transaction(async (tx): Promise<Outcome<{ id: number; producerId: number; jobId: string }>> => {
      const producer = await tx.producer.findUnique({ where: { id: input.producerId }, select: { id: true, name: true } });
      if (!producer) return { ok: false, fieldErrors: { producerId: "Select the producer from the list" } };
      const clash = await tx.brand.findUnique({ where: { normalised }, select: { id: true, name: true, producer: { select: { name: true } } } });
      if (clash && clash.id !== input.id) return brandTaken(input.name, clash);
      const data = {
        producerId: input.producerId,
        name: input.name,
        normalised,
        aliases: input.aliases,
        confidence: input.confidence,
        validUntil: dateOf(input.validUntil),
        source: input.source,
        sourceUrl: input.sourceUrl,
        notes: input.notes,
      };
      if (input.id === null) {
        const created = await tx.brand.create({ data, select: { id: true } });
        await recordAudit(tx, actor, {
          action: "register.brand.created",
          entityType: "brand",
          entityId: String(created.id),
          organisationId: null,
          summary: `Added the brand ${input.name} to ${producer.name} in the register`,
          after: brandAudit(input),
        });
        return { ok: true, value: { id: created.id, producerId: producer.id, jobId: await queue(tx, producer.id) } };
      }
      const before = await tx.brand.findUnique({ where: { id: input.id }, select: { ...BRAND_SELECT, producer: { select: { name: true } } } });
      if (!before) throw notFound("Brand");
      if (before.version !== input.version) throw conflict(STALE_MESSAGE);
      const { count } = await tx.brand.updateMany({ where: { id: input.id, version: before.version }, data: { ...data, version: { increment: 1 } } });
      if (count === 0) throw conflict(STALE_MESSAGE);
      const moved = before.producerId !== producer.id ? ` (moved from ${before.producer.name} to ${producer.name})` : ` of ${producer.name}`;
      await recordAudit(tx, actor, {
        action: "register.brand.updated",
        entityType: "brand",
        entityId: String(before.id),
        organisationId: null,
        summary: `Changed the brand ${before.name}${moved} in the register`,
        before: brandAudit(toBrandRow(before)),
        after: brandAudit(input),
      });
      return { ok: true, value: { id: before.id, producerId: producer.id, jobId: await queue(tx, producer.id) } };
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      return { ok: false, fieldErrors: { name: `A brand with the same name as “${input.name}” is already in the register` } };
    }
    throw error;
  }
}

function prefixAudit(p: { producerId: number; prefix: string; brand: string | null; confidence: string | null }) {
  return { producerId: p.producerId, prefix: p.prefix, brand: p.brand, confidence: p.confidence };
}

/**
 * Adds a model prefix to a producer. A prefix the engine would read as one already listed (the
 * same letters and numbers) is refused, wherever it is listed: two producers for one prefix would
 * make the match ambiguous.
 */
export async function addModelPrefix(actor: Actor, input: ModelPrefixInput): Promise<Outcome<{ id: number; producerId: number; jobId: string }>> {
  assertCan(actor, "admin:register");
  const boss = await processBoss();
  try {
    return await db().$transaction(async (tx): Promise<Outcome<{ id: number; producerId: number; jobId: string }>> => {
      const producer = await tx.producer.findUnique({ where: { id: input.producerId }, select: { id: true, name: true, brands: { select: { name: true } } } });
      if (!producer) throw notFound("Producer");
      if (input.brand !== null && !producer.brands.some((b) => b.name === input.brand)) {
        return { ok: false, fieldErrors: { brand: `Select one of ${producer.name}’s brands, or none` } };
      }
      const key = normaliseModel(input.prefix);
      const listed = await tx.modelPrefix.findMany({ select: { prefix: true, producer: { select: { name: true } } } });
      const same = listed.find((p) => normaliseModel(p.prefix) === key);
      if (same) {
        return { ok: false, fieldErrors: { prefix: `“${input.prefix}” is the same as the model prefix ${same.prefix} of ${same.producer.name}` } };
      }
      const created = await tx.modelPrefix.create({
        data: { producerId: producer.id, prefix: input.prefix, brand: input.brand, confidence: input.confidence },
        select: { id: true },
      });
      await recordAudit(tx, actor, {
        action: "register.model-prefix.created",
        entityType: "model-prefix",
        entityId: String(created.id),
        organisationId: null,
        summary: `Added the model prefix ${input.prefix} to ${producer.name} in the register`,
        after: prefixAudit(input),
      });
      const jobId = await enqueueReevaluation(tx, boss, {
        reason: `Producer register: model prefix ${input.prefix} added`,
        startedBy: actor.email,
        returnTo: `/admin/register/producers/${producer.id}`,
      });
      return { ok: true, value: { id: created.id, producerId: producer.id, jobId } };
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      return { ok: false, fieldErrors: { prefix: `The model prefix “${input.prefix}” is already in the register` } };
    }
    throw error;
  }
}

export interface ModelPrefixDetail extends ModelPrefixRow {
  producerId: number;
  producerName: string;
}

/** One model prefix, for the page that asks whether to remove it. */
export async function getModelPrefix(actor: Actor, id: number): Promise<ModelPrefixDetail> {
  assertCan(actor, "admin:register");
  const row = await db().modelPrefix.findUnique({
    where: { id },
    select: { id: true, prefix: true, brand: true, confidence: true, producerId: true, producer: { select: { name: true } } },
  });
  if (!row) throw notFound("Model prefix");
  const { producer, ...prefix } = row;
  return { ...prefix, producerName: producer.name };
}

export async function removeModelPrefix(actor: Actor, id: number): Promise<{ producerId: number; prefix: string; jobId: string }> {
  assertCan(actor, "admin:register");
  const boss = await processBoss();
  return db().$transaction(async (tx) => {
    const before = await tx.modelPrefix.findUnique({
      where: { id },
      select: { id: true, producerId: true, prefix: true, brand: true, confidence: true, producer: { select: { name: true } } },
    });
    if (!before) throw notFound("Model prefix");
    await tx.modelPrefix.delete({ where: { id } });
    await recordAudit(tx, actor, {
      action: "register.model-prefix.removed",
      entityType: "model-prefix",
      entityId: String(before.id),
      organisationId: null,
      summary: `Removed the model prefix ${before.prefix} from ${before.producer.name} in the register`,
      before: prefixAudit(before),
    });
    const jobId = await enqueueReevaluation(tx, boss, {
      reason: `Producer register: model prefix ${before.prefix} removed`,
      startedBy: actor.email,
      returnTo: `/admin/register/producers/${before.producerId}`,
    });
    return { producerId: before.producerId, prefix: before.prefix, jobId };
  });
}
