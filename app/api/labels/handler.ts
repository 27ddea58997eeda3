/**
 * The /api/labels route handlers, with their dependencies passed in (./wiring.ts gives this process's; tests pass a
 * real database and a stub chain). Every handler: a SIWE session (401 without), the caller's role
 * checked on the server (403 for non-members and for roles that may not act), zod-validated input (400 with the
 * reasons), and a same-origin check for changes (403 from another origin).
 */
import { getAddress, isAddress, type Address, type Hex } from 'viem';
import { z } from 'zod';
import type { PrismaClient } from '../../../lib/db/client';
import type { Session } from '../../../lib/auth/session-token';
import type { LabelChain, PendingBalances } from '../../../lib/labels/chain-reader';
import { LabelForbiddenError, LabelRequestError, NotALabelMemberError } from '../../../lib/labels/errors';
import { addToCatalogue, decideRequest } from '../../../lib/labels/catalogue-requests';
import { requestsForCreator, requestsOfLabel } from '../../../lib/labels/request-queries';
import { peopleJson, peopleOf } from '../../../lib/profiles/display-names';
import type { SplitControllerOf } from '../../../lib/labels/split-control';
import {
  authorize,
  createLabel,
  inviteMember,
  recordSplitAction,
  removeMember,
} from '../../../lib/labels/label-service';
import { changeMemberRole, removeFromCatalogue } from '../../../lib/labels/member-actions';
import { auditLog, labelDetail, labelScope, listLabels, splitViews } from '../../../lib/labels/queries';
import { ACTION_EVENTS, receiptMatches } from '../../../lib/labels/receipt-check';
import { splitRecipientsSchema } from '../../../lib/splits';
import { ApiError, errorResponse } from '../_http/errors';
import { DEFAULT_NATIVE_CURRENCY, type NativeCurrency } from '../../../lib/config/chains';
import { statementCsv, statementRows, summarize, type StatementRow } from '../../../lib/labels/statement';

export type LabelApiDeps = {
  prisma: PrismaClient;
  chainId: number;
  chain: LabelChain;
  splitMain: () => Promise<Address | null>;
  /** The Market, whose credits for a split (resale royalties not yet collected) count as pending. */
  market: () => Promise<Address | null>;
  session: (request: Request) => Session | null;
  sameOrigin: (request: Request) => boolean;
  /** The chain's gas token: the statement CSV names native amounts by its symbol. */
  nativeCurrency?: NativeCurrency;
};

const noStore = { 'cache-control': 'no-store' };
const json = (body: unknown, status = 200) => Response.json(body, { status, headers: noStore });
const badRequest = (message: string, issues?: string[]) => new ApiError(400, message, issues ? { issues } : {});

const address = z
  .string()
  .trim()
  .refine((s) => isAddress(s, { strict: false }), { message: 'must be a 0x address (40 hex digits)' })
  .transform((s) => getAddress(s));
const role = z.enum(['owner', 'manager', 'viewer'], { error: 'role must be owner, manager or viewer' });
const labelIdSchema = z.uuid({ error: 'label id must be a UUID' });
const tokenId = z
  .string()
  .trim()
  .regex(/^\d{1,78}$/, 'tokenId must be a decimal token id');
const txHash = z.string().regex(/^0x[0-9a-fA-F]{64}$/, 'txHash must be a 32-byte 0x hash');

function parse<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issues = r.error.issues.map((i) =>
    i.path.length && !i.message.startsWith('Payee') ? `${i.path.join('.')}: ${i.message}` : i.message,
  );
  throw badRequest(`Invalid ${what}: ${issues.join('; ')}`, issues);
}

async function body(request: Request): Promise<unknown> {
  const text = await request.text();
  if (!text) return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw badRequest('The request body must be JSON');
  }
}

type Ctx = { actor: Address };

function handle(
  deps: LabelApiDeps,
  request: Request,
  opts: { change: boolean },
  fn: (ctx: Ctx) => Promise<Response>,
): Promise<Response> {
  const run = async () => {
    const session = deps.session(request);
    if (!session) return errorResponse(401, { error: 'Sign in with Ethereum first' });
    if (opts.change && !deps.sameOrigin(request)) return errorResponse(403, { error: 'Cross-origin request refused' });
    try {
      return await fn({ actor: session.address });
    } catch (error) {
      if (error instanceof NotALabelMemberError || error instanceof LabelForbiddenError)
        return errorResponse(403, { error: error.message });
      if (error instanceof LabelRequestError) return errorResponse(error.status, { error: error.message });
      if (error instanceof ApiError)
        return errorResponse(error.status, {
          error: error.shortMessage,
          ...(error.extra.issues ? { issues: error.extra.issues } : {}),
        });
      throw error;
    }
  };
  return run();
}

export type PeriodQuery = { from: string; to: string; fromSeconds: number; toSeconds: number };

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
  .refine(
    (s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s),
    { message: 'is not a real date' },
  );

/** ?from=YYYY-MM-DD&to=YYYY-MM-DD (both days included, UTC) -> [fromSeconds, toSeconds). */
export function parsePeriod(url: URL, required: boolean): PeriodQuery | null {
  const from = url.searchParams.get('from');
  const to = url.searchParams.get('to');
  if (!required && from === null && to === null) return null;
  const q = parse(z.object({ from: day, to: day }), { from, to }, 'period');
  const fromSeconds = Date.parse(`${q.from}T00:00:00Z`) / 1000;
  const toSeconds = Date.parse(`${q.to}T00:00:00Z`) / 1000 + 86_400;
  if (toSeconds <= fromSeconds) throw badRequest('Invalid period: from must not be after to');
  return { ...q, fromSeconds, toSeconds };
}

const RECORDABLE = [
  'split.create',
  'split.update',
  'split.transferControl',
  'split.acceptControl',
  'split.cancelControlTransfer',
  'split.makeImmutable',
  'earnings.distribute',
  'earnings.withdraw',
] as const;
const recordSchema = z
  .object({
    action: z.enum(RECORDABLE, { error: `action must be one of ${RECORDABLE.join(', ')}` }),
    split: address.optional(),
    txHash,
    payees: splitRecipientsSchema.optional(),
    newController: address.optional(),
    account: address.optional(),
    tokenId: tokenId.optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if ((v.action === 'split.create' || v.action === 'split.update') && !v.payees)
      ctx.addIssue({ code: 'custom', path: ['payees'], message: 'payees are required' });
    if (v.action === 'split.transferControl' && !v.newController)
      ctx.addIssue({ code: 'custom', path: ['newController'], message: 'newController is required' });
    if (v.action !== 'earnings.withdraw' && !v.split)
      ctx.addIssue({ code: 'custom', path: ['split'], message: 'split is required' });
    if (v.action === 'earnings.withdraw' && !v.account)
      ctx.addIssue({ code: 'custom', path: ['account'], message: 'account is required' });
  });

export function createLabelHandlers(deps: LabelApiDeps) {
  const { prisma, chainId } = deps;
  const labelId = (raw: string) => parse(labelIdSchema, raw, 'label id');
  // The split-control rule reads SplitMain.controllerOf on the chain now (lib/labels/split-control.ts).
  const controllerOf: SplitControllerOf = async (split) => {
    const splitMain = await deps.splitMain();
    return splitMain ? deps.chain.splitController(splitMain, split) : null;
  };

  async function rowsFor(id: string) {
    const scope = await labelScope(prisma, id, chainId);
    return { scope, rows: statementRows(scope.events, { tokenIds: scope.tokenIds, splits: scope.splits }) };
  }

  return {
    /** GET /api/labels -> { labels: [{ id, name, role, createdAt }] } */
    list: (request: Request) =>
      handle(deps, request, { change: false }, async ({ actor }) => json({ labels: await listLabels(prisma, actor) })),

    /** POST /api/labels { name } -> 201 { id } */
    create: (request: Request) =>
      handle(deps, request, { change: true }, async ({ actor }) => {
        const { name } = parse(
          z
            .object({
              name: z
                .string({ error: 'name is required' })
                .trim()
                .min(2, 'name has at least 2 characters')
                .max(120, 'name has at most 120 characters'),
            })
            .strict(),
          await body(request),
          'label',
        );
        return json(await createLabel(prisma, actor, name), 201);
      }),

    /**
     * GET /api/labels/:id -> { id, name, role, members, catalogue, splits, requests, names } (splits as the indexer
     * knows them; requests: the catalogue requests still waiting for their creators, and the declined ones; names and
     * avatars: profile display names and uploaded avatar URLs by address, for the people the page shows)
     */
    get: (request: Request, rawId: string) =>
      handle(deps, request, { change: false }, async ({ actor }) => {
        const id = labelId(rawId);
        const detail = await labelDetail(prisma, actor, id, chainId);
        const scope = await labelScope(prisma, id, chainId);
        const splits = splitViews(scope, detail.catalogue);
        const requests = await requestsOfLabel(prisma, actor, id, chainId);
        const people = await peopleOf(prisma, [
          ...detail.members.map((m) => m.address),
          ...detail.catalogue.flatMap((t) => [t.creator, t.addedBy]),
          ...requests.flatMap((r) => [r.creator, r.requestedBy]),
          ...splits.flatMap((v) => [v.controller, ...v.accounts]),
        ]);
        return json({ ...detail, chainId, splitMain: await deps.splitMain(), splits, requests, ...peopleJson(people) });
      }),

    /** GET /api/labels/requests -> { requests } the pending catalogue requests for the signed-in creator's tracks */
    myRequests: (request: Request) =>
      handle(deps, request, { change: false }, async ({ actor }) =>
        json({ requests: await requestsForCreator(prisma, actor, chainId) }),
      ),

    /** POST /api/labels/requests/:requestId { decision: accept | decline } (the track's creator only; 404 otherwise) */
    decide: (request: Request, rawRequestId: string) =>
      handle(deps, request, { change: true }, async ({ actor }) => {
        const requestId = parse(z.uuid({ error: 'request id must be a UUID' }), rawRequestId, 'request id');
        const { decision } = parse(
          z
            .object({ decision: z.enum(['accept', 'decline'], { error: 'decision must be accept or decline' }) })
            .strict(),
          await body(request),
          'decision',
        );
        return json(await decideRequest(prisma, actor, requestId, decision));
      }),

    /** POST /api/labels/:id/members { address, role } (owners) -> 201 */
    invite: (request: Request, rawId: string) =>
      handle(deps, request, { change: true }, async ({ actor }) => {
        const id = labelId(rawId);
        const input = parse(z.object({ address, role }).strict(), await body(request), 'member');
        await inviteMember(prisma, actor, id, input.address, input.role);
        return json({ ok: true }, 201);
      }),

    /** PATCH /api/labels/:id/members { address, role } (owners) */
    changeRole: (request: Request, rawId: string) =>
      handle(deps, request, { change: true }, async ({ actor }) => {
        const id = labelId(rawId);
        const input = parse(z.object({ address, role }).strict(), await body(request), 'member');
        await changeMemberRole(prisma, actor, id, input.address, input.role);
        return json({ ok: true });
      }),

    /** DELETE /api/labels/:id/members { address } (owners) */
    removeMember: (request: Request, rawId: string) =>
      handle(deps, request, { change: true }, async ({ actor }) => {
        const id = labelId(rawId);
        const input = parse(z.object({ address }).strict(), await body(request), 'member');
        await removeMember(prisma, actor, id, input.address);
        return json({ ok: true });
      }),

    /**
     * POST /api/labels/:id/catalogue { tokenId } | { creator } (managers, owners) -> 201 { results }: each track is
     * added directly when the label controls its split (or the member created it), else requested from its creator.
     */
    addCatalogue: (request: Request, rawId: string) =>
      handle(deps, request, { change: true }, async ({ actor }) => {
        const id = labelId(rawId);
        const input = parse(
          z.union([z.object({ tokenId }).strict(), z.object({ creator: address }).strict()], {
            error: 'Give { tokenId } or { creator }',
          }),
          await body(request),
          'catalogue addition',
        );
        return json(await addToCatalogue(prisma, controllerOf, actor, id, chainId, input), 201);
      }),

    /** DELETE /api/labels/:id/catalogue { tokenId } (managers, owners; or the track's creator, withdrawing consent) */
    removeCatalogue: (request: Request, rawId: string) =>
      handle(deps, request, { change: true }, async ({ actor }) => {
        const id = labelId(rawId);
        const input = parse(z.object({ tokenId }).strict(), await body(request), 'catalogue removal');
        await removeFromCatalogue(prisma, actor, id, chainId, input.tokenId);
        return json({ ok: true });
      }),

    /** GET /api/labels/:id/audit -> { entries: [{ id, actor, action, details, at }] } newest first */
    audit: (request: Request, rawId: string) =>
      handle(deps, request, { change: false }, async ({ actor }) =>
        json({ entries: await auditLog(prisma, actor, labelId(rawId), chainId) }),
      ),

    /**
     * POST /api/labels/:id/actions { action, split, txHash, payees?, newController?, account? } — records an
     * on-chain split or earnings action after the browser's transaction confirmed (checked: mined, succeeded, sent
     * by the signed-in wallet, and its receipt holds the SplitMain event of that action for that split or account). Role checked for the action (acceptControl/cancel count as split.transferControl).
     */
    record: (request: Request, rawId: string) =>
      handle(deps, request, { change: true }, async ({ actor }) => {
        const id = labelId(rawId);
        const input = parse(recordSchema, await body(request), 'action');
        const permission =
          input.action === 'split.acceptControl' || input.action === 'split.cancelControlTransfer'
            ? 'split.transferControl'
            : input.action;
        await authorize(prisma, id, actor, permission);
        const receipt = await deps.chain.confirmedFrom(input.txHash as Hex, actor);
        if (!receipt)
          throw new ApiError(409, 'That transaction is not a confirmed, successful transaction sent by your wallet');
        const splitMain = await deps.splitMain();
        const target = (input.action === 'earnings.withdraw' ? input.account : input.split) as Address;
        if (!splitMain || !receiptMatches(receipt.logs, splitMain, input.action, target)) {
          const { event } = ACTION_EVENTS[input.action];
          const what = input.action === 'earnings.withdraw' ? `account ${target}` : `split ${target}`;
          throw new ApiError(
            409,
            `That transaction did not ${input.action.replace(/^[a-z]+\./, '')} ${what}: its receipt has no SplitMain ${event} event for it`,
          );
        }
        const details = {
          split: input.split ?? input.account ?? '',
          txHash: input.txHash,
          step: input.action,
          ...(input.payees ? { accounts: input.payees.accounts, shares: input.payees.shares } : {}),
          ...(input.newController ? { newController: input.newController } : {}),
          ...(input.account ? { account: input.account } : {}),
          ...(input.tokenId ? { tokenId: input.tokenId } : {}),
        };
        await recordSplitAction(prisma, actor, id, permission, details);
        return json({ ok: true }, 201);
      }),

    /** GET /api/labels/:id/earnings[?from&to] -> totals per asset, track, payee; pending; a daily series. */
    earnings: (request: Request, rawId: string) =>
      handle(deps, request, { change: false }, async ({ actor }) => {
        const id = labelId(rawId);
        await authorize(prisma, id, actor, 'label.view');
        const period = parsePeriod(new URL(request.url), false);
        const { scope, rows: allRows } = await rowsFor(id);
        const range = period ? await deps.chain.blockRange(period.fromSeconds, period.toSeconds) : null;
        const rows = period
          ? range
            ? allRows.filter((r) => r.blockNumber >= range.fromBlock && r.blockNumber <= range.toBlock)
            : []
          : allRows;
        const tokens = [...new Set(allRows.map((r) => r.asset).filter((a) => a !== 'ETH'))].map((a) => getAddress(a));
        const views = splitViews(scope, []);
        const payees = [
          ...new Set([
            ...views.flatMap((v) => v.accounts),
            ...allRows.filter((r) => r.kind === 'payee-credit').map((r) => getAddress(r.account)),
          ]),
        ];
        const splitMain = await deps.splitMain();
        const pending: PendingBalances = splitMain
          ? await deps.chain.pending(
              splitMain,
              await deps.market(),
              views.map((v) => v.split),
              payees,
              tokens,
            )
          : { undistributed: [], marketCredits: [], unwithdrawn: [] };
        const assets = ['ETH', ...tokens];
        const byAsset = Object.fromEntries(
          assets.map((asset) => {
            const s = summarize(rows, asset);
            return [
              asset,
              {
                byTrack: [...s.byTrack].map(([tokenId, t]) => ({
                  tokenId,
                  primarySales: t.primarySales.toString(),
                  resaleRoyalties: t.resaleRoyalties.toString(),
                })),
                byPayee: [...s.byPayee].map(([account, p]) => ({
                  account,
                  credited: p.credited.toString(),
                  withdrawn: p.withdrawn.toString(),
                })),
                distributed: s.distributed.toString(),
                withdrawn: [...s.byPayee.values()].reduce((a, p) => a + p.withdrawn, 0n).toString(),
                undistributed: Object.fromEntries(
                  pending.undistributed.filter((b) => b.asset === asset).map((b) => [b.account, b.wei.toString()]),
                ),
                unwithdrawn: Object.fromEntries(
                  pending.unwithdrawn.filter((b) => b.asset === asset).map((b) => [b.account, b.wei.toString()]),
                ),
                marketCredits: Object.fromEntries(
                  pending.marketCredits.filter((b) => b.asset === asset).map((b) => [b.account, b.wei.toString()]),
                ),
                // Not yet distributed: in the split wallets, plus resale royalties the Market still holds for them.
                pendingDistribution: [...pending.undistributed, ...pending.marketCredits]
                  .filter((b) => b.asset === asset)
                  .reduce((a, b) => a + b.wei, 0n)
                  .toString(),
              },
            ];
          }),
        );
        const times = await deps.chain.blockTimes(
          rows.filter((r) => r.kind === 'primary-sale' || r.kind === 'resale-royalty').map((r) => r.blockNumber),
        );
        const series = new Map<string, { primarySales: bigint; resaleRoyalties: bigint }>();
        for (const r of rows) {
          if (r.asset !== 'ETH' || (r.kind !== 'primary-sale' && r.kind !== 'resale-royalty')) continue;
          const d = (times.get(r.blockNumber) ?? new Date(0)).toISOString().slice(0, 10);
          const e = series.get(d) ?? { primarySales: 0n, resaleRoyalties: 0n };
          if (r.kind === 'primary-sale') e.primarySales += r.amountWei;
          else e.resaleRoyalties += r.amountWei;
          series.set(d, e);
        }
        return json({
          period: period
            ? {
                from: period.from,
                to: period.to,
                fromBlock: range?.fromBlock.toString() ?? null,
                toBlock: range?.toBlock.toString() ?? null,
              }
            : null,
          assets,
          byAsset,
          series: [...series]
            .sort(([a], [b]) => (a < b ? -1 : 1))
            .map(([date, e]) => ({
              date,
              primarySales: e.primarySales.toString(),
              resaleRoyalties: e.resaleRoyalties.toString(),
            })),
          rowCount: rows.length,
        });
      }),

    /** GET /api/labels/:id/statement?from=YYYY-MM-DD&to=YYYY-MM-DD -> text/csv (one row per on-chain event credit). */
    statement: (request: Request, rawId: string) =>
      handle(deps, request, { change: false }, async ({ actor }) => {
        const id = labelId(rawId);
        await authorize(prisma, id, actor, 'statement.export');
        const period = parsePeriod(new URL(request.url), true);
        if (!period) throw badRequest('from and to are required');
        const { rows: allRows } = await rowsFor(id);
        const range = await deps.chain.blockRange(period.fromSeconds, period.toSeconds);
        const rows: StatementRow[] = range
          ? allRows.filter((r) => r.blockNumber >= range.fromBlock && r.blockNumber <= range.toBlock)
          : [];
        const csv = statementCsv(
          rows,
          await deps.chain.blockTimes(rows.map((r) => r.blockNumber)),
          (deps.nativeCurrency ?? DEFAULT_NATIVE_CURRENCY).symbol,
        );
        return new Response(csv, {
          headers: {
            ...noStore,
            'content-type': 'text/csv; charset=utf-8',
            'content-disposition': `attachment; filename="statement-${period.from}-to-${period.to}.csv"`,
            'x-statement-blocks': range ? `${range.fromBlock}-${range.toBlock}` : 'none',
          },
        });
      }),
  };
}

export type LabelHandlers = ReturnType<typeof createLabelHandlers>;
