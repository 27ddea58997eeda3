import 'server-only';
import { getAddress, type Address, type Hex } from 'viem';
import { z } from 'zod';
import type { PrismaClient } from '../db/client';
import { motifEventOf, type MotifEvent } from '../indexer/decode-logs';
import { hashSplit } from '../contracts/splits';
import { auditSentence, mentioned } from './audit-sentence';
import { authorize } from './label-service';
import { displayNames } from './names';
import type { LabelRoleName } from './permissions';

const ZERO = '0x0000000000000000000000000000000000000000';
const lower = (v: unknown) => String(v ?? '').toLowerCase();

export type LabelSummary = { id: string; name: string; role: LabelRoleName; createdAt: string };

/** The labels `address` is a member of, with its role in each. */
export async function listLabels(prisma: PrismaClient, address: Address): Promise<LabelSummary[]> {
  const rows = await prisma.labelMember.findMany({
    where: { address: getAddress(address) },
    include: { label: true },
    orderBy: { addedAt: 'asc' },
  });
  return rows.map((m) => ({
    id: m.label.id,
    name: m.label.name,
    role: m.role,
    createdAt: m.label.createdAt.toISOString(),
  }));
}

export type CatalogueTrack = {
  tokenId: string;
  title: string | null;
  creator: string;
  royaltyReceiver: string;
  royaltyBps: number;
  addedBy: string;
  addedAt: string;
};

export type LabelDetail = {
  id: string;
  name: string;
  role: LabelRoleName;
  members: { address: string; role: LabelRoleName; addedBy: string; addedAt: string }[];
  catalogue: CatalogueTrack[];
};

/** A label as a member sees it (NotALabelMemberError otherwise). */
export async function labelDetail(
  prisma: PrismaClient,
  actor: Address,
  labelId: string,
  chainId: number,
): Promise<LabelDetail> {
  const role = await authorize(prisma, labelId, actor, 'label.view');
  const label = await prisma.label.findUniqueOrThrow({
    where: { id: labelId },
    include: {
      members: { orderBy: { addedAt: 'asc' } },
      catalogue: { where: { chainId }, orderBy: { tokenId: 'asc' } },
    },
  });
  const tracks = await prisma.track.findMany({
    where: { chainId, tokenId: { in: label.catalogue.map((c) => c.tokenId) } },
  });
  const byId = new Map(tracks.map((t) => [t.tokenId.toFixed(), t]));
  return {
    id: label.id,
    name: label.name,
    role,
    members: label.members.map((m) => ({
      address: m.address,
      role: m.role,
      addedBy: m.addedBy,
      addedAt: m.addedAt.toISOString(),
    })),
    catalogue: label.catalogue.map((c) => {
      const t = byId.get(c.tokenId.toFixed());
      return {
        tokenId: c.tokenId.toFixed(),
        title: t?.title ?? null,
        creator: t?.creator ?? '',
        royaltyReceiver: t?.royaltyReceiver ?? '',
        royaltyBps: t?.royaltyBps ?? 0,
        addedBy: c.addedBy,
        addedAt: c.addedAt.toISOString(),
      };
    }),
  };
}

/** An audit entry, with its plain sentence ("Alice added ‘Song’ to the catalogue": names and titles looked up). */
export type AuditView = { id: string; actor: string; action: string; details: unknown; at: string; sentence: string };

export async function auditLog(
  prisma: PrismaClient,
  actor: Address,
  labelId: string,
  chainId: number,
  limit = 200,
): Promise<AuditView[]> {
  await authorize(prisma, labelId, actor, 'label.view');
  const rows = await prisma.labelAuditEntry.findMany({ where: { labelId }, orderBy: { id: 'desc' }, take: limit });
  const refs = rows.map((r) => mentioned(r.details));
  const [names, tracks] = await Promise.all([
    displayNames(prisma, [...rows.map((r) => r.actor), ...refs.flatMap((m) => m.addresses)]),
    prisma.track.findMany({
      where: { chainId, tokenId: { in: [...new Set(refs.flatMap((m) => m.tokenIds))] } },
      select: { tokenId: true, title: true },
    }),
  ]);
  const titles = Object.fromEntries(tracks.filter((t) => t.title).map((t) => [t.tokenId.toFixed(), t.title!]));
  return rows.map((r) => ({
    id: r.id.toString(),
    actor: r.actor,
    action: r.action,
    details: r.details,
    at: r.at.toISOString(),
    sentence: auditSentence(r, { names, titles }),
  }));
}

/** A label's indexed event: the typed event union (args as the ABI says), where it happened and its token. */
export type LabelEvent = MotifEvent & {
  blockNumber: bigint;
  txHash: string;
  logIndex: number;
  tokenId: string | null;
};

/** A ChainEvent row as a typed event, or null when it does not match the current ABIs (an older contract's row). */
function toLabelEvent(e: {
  contract: string;
  name: string;
  args: unknown;
  blockNumber: bigint;
  txHash: string;
  logIndex: number;
  tokenId: { toFixed(): string } | null;
}): LabelEvent | null {
  const event = motifEventOf(e);
  if (!event) return null;
  return {
    ...event,
    blockNumber: e.blockNumber,
    txHash: e.txHash,
    logIndex: e.logIndex,
    tokenId: e.tokenId === null ? null : e.tokenId.toFixed(),
  };
}

const auditDetailsSchema = z.object({ split: z.string() });

export type LabelScope = { tokenIds: Set<string>; splits: Set<string>; events: LabelEvent[] };

/**
 * The label's catalogue token ids, its splits (the catalogue's royalty receivers and primary payouts that are
 * SplitMain splits, and splits created from the dashboard), and every indexed event concerning either, in chain order.
 */
export async function labelScope(prisma: PrismaClient, labelId: string, chainId: number): Promise<LabelScope> {
  const catalogue = await prisma.labelCatalogueEntry.findMany({ where: { labelId, chainId } });
  const tokenIds = new Set(catalogue.map((c) => c.tokenId.toFixed()));
  const [tracks, tokenEvents, splitEvents, created, editionEvents] = await Promise.all([
    prisma.track.findMany({
      where: { chainId, tokenId: { in: catalogue.map((c) => c.tokenId) } },
      select: { royaltyReceiver: true },
    }),
    prisma.chainEvent.findMany({ where: { chainId, tokenId: { in: catalogue.map((c) => c.tokenId) } } }),
    prisma.chainEvent.findMany({ where: { chainId, contract: 'SplitMain' } }),
    prisma.labelAuditEntry.findMany({ where: { labelId, action: 'split.create' }, select: { details: true } }),
    // Editions' sales, releases and referral credits, native and in an ERC-20 (issue #17); statementRows keeps those
    // paying the label's splits.
    prisma.chainEvent.findMany({
      where: {
        chainId,
        contract: 'Editions',
        name: { in: ['EditionCreated', 'Credited', 'CreditedInCurrency', 'Minted', 'Released'] },
      },
    }),
  ]);
  const typed = (rows: Parameters<typeof toLabelEvent>[0][]) =>
    rows.map(toLabelEvent).filter((e): e is LabelEvent => e !== null);
  const [tokenTyped, splitTyped, editionTyped] = [typed(tokenEvents), typed(splitEvents), typed(editionEvents)];
  const candidates = new Set<string>(tracks.map((t) => t.royaltyReceiver.toLowerCase()));
  for (const e of tokenTyped)
    if (e.contract === 'TrackCollection' && (e.name === 'VoucherRedeemed' || e.name === 'VoucherRedeemedInCurrency'))
      candidates.add(lower(e.args.payout));
  for (const a of created) {
    const details = auditDetailsSchema.safeParse(a.details);
    if (details.success) candidates.add(lower(details.data.split));
  }
  const known = new Set<string>();
  for (const e of splitTyped)
    if (e.contract === 'SplitMain' && e.name === 'SplitCreated') known.add(lower(e.args.split));
  const splits = new Set([...candidates].filter((s) => known.has(s)));
  const events = [...tokenTyped, ...splitTyped, ...editionTyped].sort((a, b) =>
    a.blockNumber === b.blockNumber ? a.logIndex - b.logIndex : a.blockNumber < b.blockNumber ? -1 : 1,
  );
  return { tokenIds, splits, events };
}

export type SplitHistoryEntry = {
  name: string;
  blockNumber: string;
  txHash: string;
  logIndex: number;
  args: Record<string, unknown>;
};

export type SplitView = {
  split: Address;
  /** As the indexer last saw it. */
  accounts: Address[];
  shares: number[];
  hash: Hex;
  controller: Address;
  pendingController: Address;
  immutable: boolean;
  tokenIds: string[];
  history: SplitHistoryEntry[];
};

/** Each of the label's splits as the indexer knows it: recipients, controller, pending controller, and its history. */
export function splitViews(
  scope: LabelScope,
  tracks: readonly { tokenId: string; royaltyReceiver: string }[],
): SplitView[] {
  const views = new Map<string, SplitView>();
  for (const e of scope.events) {
    if (e.contract !== 'SplitMain' || !('split' in e.args)) continue;
    const key = lower(e.args.split);
    if (!scope.splits.has(key)) continue;
    const entry: SplitHistoryEntry = {
      name: e.name,
      blockNumber: e.blockNumber.toString(),
      txHash: e.txHash,
      logIndex: e.logIndex,
      args: e.args,
    };
    if (e.name === 'SplitCreated') {
      const accounts = e.args.accounts.map((x) => getAddress(x));
      const shares = e.args.shares.map((x) => Number(x));
      const controller = getAddress(e.args.controller);
      views.set(key, {
        split: getAddress(e.args.split),
        accounts,
        shares,
        hash: hashSplit({ accounts, shares }),
        controller,
        pendingController: ZERO,
        immutable: controller === ZERO,
        tokenIds: [],
        history: [entry],
      });
      continue;
    }
    const v = views.get(key);
    if (!v) continue;
    v.history.push(entry);
    if (e.name === 'SplitUpdated') {
      v.accounts = e.args.accounts.map((x) => getAddress(x));
      v.shares = e.args.shares.map((x) => Number(x));
      v.hash = hashSplit({ accounts: v.accounts, shares: v.shares });
    } else if (e.name === 'ControlTransferInitiated') v.pendingController = getAddress(e.args.newController);
    else if (e.name === 'ControlTransferCancelled') v.pendingController = ZERO;
    else if (e.name === 'ControlTransferred') {
      v.controller = getAddress(e.args.newController);
      v.pendingController = ZERO;
    } else if (e.name === 'SplitMadeImmutable') {
      v.immutable = true;
      v.controller = ZERO;
      v.pendingController = ZERO;
    }
  }
  for (const t of tracks) views.get(t.royaltyReceiver.toLowerCase())?.tokenIds.push(t.tokenId);
  return [...views.values()];
}
