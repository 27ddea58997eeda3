import {
  encodeAbiParameters,
  encodeEventTopics,
  getAddress,
  toEventSelector,
  toHex,
  type AbiEvent,
  type Address,
  type Hex,
} from 'viem';
import { MOTIF_ABIS, type MotifContractName } from '../../lib/chain/contracts';
import type { JsonValue } from '../../lib/indexer/decode-logs';
import { storedEventArgs } from '../support/event-args';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { isSameOrigin } from '../../lib/auth/server-context';
import { readCookie } from '../../lib/auth/session-cookie';
import { signSessionToken, verifySessionToken } from '../../lib/auth/session-token';
import { createPrismaClient } from '../../lib/db/client';
import { firstBlockAtOrAfter, type LabelChain } from '../../lib/labels/chain-reader';
import { createLabelHandlers } from '../../app/api/labels/handler';
import { receiptMatches, type ReceiptLog } from '../../lib/labels/receipt-check';
import { createLabel, inviteMember } from '../../lib/labels/label-service';

const prisma = createPrismaClient(inject('databaseUrl'));
const CHAIN = 990_100;
const SECRET = new Uint8Array(32).fill(7);
const OWNER: Address = '0x1000000000000000000000000000000000000001';
const MANAGER: Address = '0x2000000000000000000000000000000000000002';
const VIEWER: Address = '0x3000000000000000000000000000000000000003';
const STRANGER: Address = '0x4000000000000000000000000000000000000004';
const PAYEE_A: Address = getAddress('0xa00000000000000000000000000000000000000a');
const PAYEE_B: Address = getAddress('0xb00000000000000000000000000000000000000b');
const SPLIT: Address = '0x5000000000000000000000000000000000000005';
const SPLIT_MAIN: Address = '0x6000000000000000000000000000000000000006';
const MARKET: Address = '0x8000000000000000000000000000000000000008';
const BAD_TX: Hex = `0x${'b'.repeat(64)}`;
const OTHER_SPLIT_TX: Hex = `0x${'c'.repeat(64)}`;
const OTHER_CONTRACT_TX: Hex = `0x${'d'.repeat(64)}`;
const OTHER_SPLIT: Address = '0x7000000000000000000000000000000000000007';
const T0 = Date.parse('2026-01-01T00:00:00Z') / 1000; // block n is mined at T0 + n days
const tx = (n: number): Hex => toHex(n, { size: 32 });

const chain: LabelChain = {
  async blockRange(from, to) {
    const first = await firstBlockAtOrAfter(async (n) => BigInt(T0) + n * 86_400n, 100n, BigInt(from));
    const last = (await firstBlockAtOrAfter(async (n) => BigInt(T0) + n * 86_400n, 100n, BigInt(to))) - 1n;
    return first <= last ? { fromBlock: first, toBlock: last } : null;
  },
  async blockTimes(numbers) {
    return new Map(numbers.map((n) => [n, new Date((T0 + Number(n) * 86_400) * 1000)]));
  },
  async pending(_sm, market, splits, payees) {
    return {
      undistributed: splits.map((account) => ({ account, asset: 'ETH' as const, wei: 77n })),
      marketCredits: market ? splits.map((account) => ({ account, asset: 'ETH' as const, wei: 11n })) : [],
      unwithdrawn: payees.map((account) => ({ account, asset: 'ETH' as const, wei: 5n })),
    };
  },
  // SPLIT (every test track's royalty receiver) is controlled by the label's creator: catalogue additions are direct.
  async splitController(_splitMain, split) {
    return split === SPLIT ? OWNER : null;
  },
  async confirmedFrom(hash) {
    if (hash === BAD_TX) return null;
    if (hash === OTHER_SPLIT_TX) return { logs: splitMainLogs(SPLIT_MAIN, OTHER_SPLIT, STRANGER) };
    if (hash === OTHER_CONTRACT_TX) return { logs: splitMainLogs(STRANGER, SPLIT, PAYEE_A) };
    return { logs: splitMainLogs(SPLIT_MAIN, SPLIT, PAYEE_A) };
  },
};

/** A SplitMain event log as a receipt holds it (topics and ABI-encoded data). */
function eventLog(address: Address, eventName: string, args: Record<string, unknown>): ReceiptLog {
  const abi = MOTIF_ABIS.SplitMain;
  const event = abi.find((x) => x.type === 'event' && x.name === eventName) as AbiEvent;
  const topics = encodeEventTopics({ abi: [event], eventName, args } as never) as Hex[];
  const data = encodeAbiParameters(
    event.inputs.filter((i) => !i.indexed),
    event.inputs.filter((i) => !i.indexed).map((i) => args[i.name!]) as never,
  );
  return { address, topics, data };
}
/** One of each event a recordable action emits, for `split` (and a withdrawal for `account`), from `emitter`. */
function splitMainLogs(emitter: Address, split: Address, account: Address): ReceiptLog[] {
  const ZERO = '0x0000000000000000000000000000000000000000';
  return [
    eventLog(emitter, 'SplitCreated', {
      split,
      hash: tx(9),
      controller: OWNER,
      accounts: [PAYEE_A],
      shares: [1_000_000],
    }),
    eventLog(emitter, 'SplitUpdated', { split, hash: tx(9), accounts: [PAYEE_A], shares: [1_000_000] }),
    eventLog(emitter, 'ControlTransferInitiated', { split, newController: MANAGER }),
    eventLog(emitter, 'ControlTransferred', { split, previousController: OWNER, newController: MANAGER }),
    eventLog(emitter, 'ControlTransferCancelled', { split }),
    eventLog(emitter, 'SplitMadeImmutable', { split }),
    eventLog(emitter, 'Distributed', {
      split,
      token: ZERO,
      amount: 1n,
      distributor: OWNER,
      accounts: [OWNER],
      credits: [1n],
    }),
    eventLog(emitter, 'Withdrawal', { account, token: ZERO, amount: 1n }),
  ];
}

const api = createLabelHandlers({
  prisma,
  chainId: CHAIN,
  chain,
  splitMain: async () => SPLIT_MAIN,
  market: async () => MARKET,
  session: (request) => verifySessionToken(readCookie(request.headers.get('cookie')), SECRET),
  sameOrigin: isSameOrigin,
});

type Who = 'owner' | 'manager' | 'viewer' | 'stranger' | 'none';
const ADDRESS: Record<Exclude<Who, 'none'>, Address> = {
  owner: OWNER,
  manager: MANAGER,
  viewer: VIEWER,
  stranger: STRANGER,
};

function req(who: Who, method: string, path: string, body?: unknown, origin = 'http://motif.test'): Request {
  const headers: Record<string, string> = { host: 'motif.test', origin };
  if (who !== 'none') {
    const now = Date.now();
    headers.cookie = `motif_session=${signSessionToken({ address: ADDRESS[who], chainId: CHAIN, issuedAt: now, expiresAt: now + 60_000 }, SECRET)}`;
  }
  if (body !== undefined) headers['content-type'] = 'application/json';
  return new Request(`http://motif.test${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

let labelId: string;
let counter = 100;
const fresh = (): Address => `0x${(counter++).toString(16).padStart(40, '9')}` as Address;

beforeAll(async () => {
  await prisma.chainEvent.deleteMany({ where: { chainId: CHAIN } });
  await prisma.track.deleteMany({ where: { chainId: CHAIN } });
  await prisma.track.createMany({
    data: ['1', '2', '3'].map((tokenId) => ({
      chainId: CHAIN,
      tokenId,
      creator: PAYEE_A,
      owner: PAYEE_A,
      contentDigest: toHex(BigInt(tokenId), { size: 32 }),
      manifestDigest: toHex(0n, { size: 32 }),
      licence: 1,
      royaltyReceiver: SPLIT,
      royaltyBps: 500,
      mintedBlock: 1n,
      mintedTx: tx(1),
    })),
  });
  const ev = (
    blockNumber: number,
    logIndex: number,
    contract: MotifContractName,
    name: string,
    args: Record<string, JsonValue>,
    tokenId: string | null = null,
  ) => ({
    chainId: CHAIN,
    txHash: tx(blockNumber),
    logIndex,
    blockNumber: BigInt(blockNumber),
    blockHash: tx(blockNumber + 1000),
    contract,
    name,
    // The other arguments zero, so the row matches the ABI as the indexer's rows do (the pages skip rows that do not).
    args: storedEventArgs(contract, name, args),
    tokenId,
  });
  await prisma.chainEvent.createMany({
    data: [
      ev(1, 0, 'SplitMain', 'SplitCreated', {
        split: SPLIT,
        hash: tx(9),
        controller: OWNER,
        accounts: [PAYEE_A, PAYEE_B],
        shares: [600000, 400000],
      }),
      ev(2, 0, 'TrackCollection', 'VoucherRedeemed', { payout: SPLIT, price: '1000000' }, '1'),
      ev(3, 0, 'Market', 'Sale', { royaltyReceiver: SPLIT, royalty: '1001', price: '20020' }, '1'),
      ev(4, 0, 'SplitMain', 'Distributed', {
        split: SPLIT,
        token: '0x0000000000000000000000000000000000000000',
        amount: '1001001',
        distributor: OWNER,
        accounts: [PAYEE_A, PAYEE_B],
        credits: ['600601', '400400'],
      }),
      ev(5, 0, 'SplitMain', 'Withdrawal', {
        account: PAYEE_A,
        token: '0x0000000000000000000000000000000000000000',
        amount: '600601',
      }),
      ev(6, 0, 'SplitMain', 'ControlTransferInitiated', { split: SPLIT, newController: MANAGER }),
    ],
  });
  labelId = (await createLabel(prisma, OWNER, 'Test Label 990100')).id;
  await inviteMember(prisma, OWNER, labelId, MANAGER, 'manager');
  await inviteMember(prisma, OWNER, labelId, VIEWER, 'viewer');
});

afterAll(async () => {
  await prisma.label.deleteMany({ where: { createdBy: OWNER } });
  await prisma.chainEvent.deleteMany({ where: { chainId: CHAIN } });
  await prisma.track.deleteMany({ where: { chainId: CHAIN } });
  await prisma.$disconnect();
});

const ROLES: Who[] = ['owner', 'manager', 'viewer', 'stranger', 'none'];
const expectStatus = (allowed: Who[], ok: number) => (who: Who) =>
  who === 'none' ? 401 : allowed.includes(who) ? ok : 403;

type Case = {
  name: string;
  allowed: Who[];
  ok: number;
  make: (who: Who) => Promise<Request> | Request;
  call: (r: Request) => Promise<Response>;
};
const members: Who[] = ['owner', 'manager', 'viewer'];
const managers: Who[] = ['owner', 'manager'];

const CASES: Case[] = [
  {
    name: 'view label',
    allowed: members,
    ok: 200,
    make: (w) => req(w, 'GET', `/api/labels/${labelId}`),
    call: (r) => api.get(r, labelId),
  },
  {
    name: 'audit log',
    allowed: members,
    ok: 200,
    make: (w) => req(w, 'GET', `/api/labels/${labelId}/audit`),
    call: (r) => api.audit(r, labelId),
  },
  {
    name: 'earnings',
    allowed: members,
    ok: 200,
    make: (w) => req(w, 'GET', `/api/labels/${labelId}/earnings`),
    call: (r) => api.earnings(r, labelId),
  },
  {
    name: 'statement',
    allowed: members,
    ok: 200,
    make: (w) => req(w, 'GET', `/api/labels/${labelId}/statement?from=2026-01-01&to=2026-01-31`),
    call: (r) => api.statement(r, labelId),
  },
  {
    name: 'invite member',
    allowed: ['owner'],
    ok: 201,
    make: (w) => req(w, 'POST', `/api/labels/${labelId}/members`, { address: fresh(), role: 'viewer' }),
    call: (r) => api.invite(r, labelId),
  },
  {
    name: 'change role',
    allowed: ['owner'],
    ok: 200,
    make: async (w) => {
      const a = fresh();
      await inviteMember(prisma, OWNER, labelId, a, 'viewer');
      return req(w, 'PATCH', `/api/labels/${labelId}/members`, { address: a, role: 'manager' });
    },
    call: (r) => api.changeRole(r, labelId),
  },
  {
    name: 'remove member',
    allowed: ['owner'],
    ok: 200,
    make: async (w) => {
      const a = fresh();
      await inviteMember(prisma, OWNER, labelId, a, 'viewer');
      return req(w, 'DELETE', `/api/labels/${labelId}/members`, { address: a });
    },
    call: (r) => api.removeMember(r, labelId),
  },
  {
    name: 'add to catalogue',
    allowed: managers,
    ok: 201,
    make: async (w) => {
      await prisma.labelCatalogueEntry.deleteMany({ where: { labelId, tokenId: '3' } });
      return req(w, 'POST', `/api/labels/${labelId}/catalogue`, { tokenId: '3' });
    },
    call: (r) => api.addCatalogue(r, labelId),
  },
  {
    name: 'remove from catalogue',
    allowed: managers,
    ok: 200,
    make: async (w) => {
      await prisma.labelCatalogueEntry.upsert({
        where: { labelId_chainId_tokenId: { labelId, chainId: CHAIN, tokenId: '3' } },
        create: { labelId, chainId: CHAIN, tokenId: '3', addedBy: OWNER },
        update: {},
      });
      return req(w, 'DELETE', `/api/labels/${labelId}/catalogue`, { tokenId: '3' });
    },
    call: (r) => api.removeCatalogue(r, labelId),
  },
  ...(['split.create', 'split.update'] as const).map((action): Case => ({
    name: `record ${action}`,
    allowed: managers,
    ok: 201,
    make: (w) =>
      req(w, 'POST', `/api/labels/${labelId}/actions`, {
        action,
        split: SPLIT,
        txHash: tx(50),
        payees: [
          { account: PAYEE_B, share: 500_000 },
          { account: PAYEE_A, share: 500_000 },
        ],
      }),
    call: (r) => api.record(r, labelId),
  })),
  {
    name: 'record split.transferControl',
    allowed: managers,
    ok: 201,
    make: (w) =>
      req(w, 'POST', `/api/labels/${labelId}/actions`, {
        action: 'split.transferControl',
        split: SPLIT,
        txHash: tx(51),
        newController: MANAGER,
      }),
    call: (r) => api.record(r, labelId),
  },
  {
    name: 'record split.makeImmutable',
    allowed: managers,
    ok: 201,
    make: (w) =>
      req(w, 'POST', `/api/labels/${labelId}/actions`, { action: 'split.makeImmutable', split: SPLIT, txHash: tx(52) }),
    call: (r) => api.record(r, labelId),
  },
  {
    name: 'record earnings.distribute',
    allowed: managers,
    ok: 201,
    make: (w) =>
      req(w, 'POST', `/api/labels/${labelId}/actions`, { action: 'earnings.distribute', split: SPLIT, txHash: tx(53) }),
    call: (r) => api.record(r, labelId),
  },
  {
    name: 'record earnings.withdraw',
    allowed: managers,
    ok: 201,
    make: (w) =>
      req(w, 'POST', `/api/labels/${labelId}/actions`, {
        action: 'earnings.withdraw',
        account: PAYEE_A,
        txHash: tx(54),
      }),
    call: (r) => api.record(r, labelId),
  },
];

describe('label API: every action × role', () => {
  beforeAll(async () => {
    await prisma.labelCatalogueEntry.createMany({
      data: [{ labelId, chainId: CHAIN, tokenId: '1', addedBy: OWNER }],
      skipDuplicates: true,
    });
  });
  for (const c of CASES) {
    it(`${c.name}: ${ROLES.map((w) => `${w} ${expectStatus(c.allowed, c.ok)(w)}`).join(', ')}`, async () => {
      for (const who of ROLES) {
        const request = await c.make(who);
        const before = await prisma.labelAuditEntry.count({ where: { labelId } });
        const res = await c.call(request);
        expect({ who, status: res.status }).toEqual({ who, status: expectStatus(c.allowed, c.ok)(who) });
        if (res.status >= 400) {
          expect(((await res.json()) as { error: string }).error).toMatch(/\w/);
          expect(await prisma.labelAuditEntry.count({ where: { labelId } })).toBe(before); // nothing changed
        }
      }
    });
  }

  it('refuses changes from another origin (403) and lists/creates labels only with a session', async () => {
    const cross = await api.invite(
      req('owner', 'POST', `/api/labels/${labelId}/members`, { address: fresh(), role: 'viewer' }, 'http://evil.test'),
      labelId,
    );
    expect(cross.status).toBe(403);
    expect((await api.list(req('none', 'GET', '/api/labels'))).status).toBe(401);
    const list = (await (await api.list(req('viewer', 'GET', '/api/labels'))).json()) as {
      labels: { id: string; role: string }[];
    };
    expect(list.labels).toContainEqual(expect.objectContaining({ id: labelId, role: 'viewer' }));
    const created = await api.create(req('stranger', 'POST', '/api/labels', { name: 'Stranger Sounds' }));
    expect(created.status).toBe(201);
    expect((await api.create(req('none', 'POST', '/api/labels', { name: 'Nobody' }))).status).toBe(401);
    await prisma.label.deleteMany({ where: { createdBy: STRANGER } });
  });

  it('records who did what in the audit log', async () => {
    const res = (await (await api.audit(req('viewer', 'GET', `/api/labels/${labelId}/audit`), labelId)).json()) as {
      entries: { actor: string; action: string }[];
    };
    const actions = new Set(res.entries.map((e) => `${e.action}:${e.actor}`));
    for (const a of ['member.invite', 'member.changeRole', 'member.remove'])
      expect(actions.has(`${a}:${OWNER}`)).toBe(true);
    for (const a of [
      'catalogue.add',
      'catalogue.remove',
      'split.create',
      'split.update',
      'split.transferControl',
      'split.makeImmutable',
      'earnings.distribute',
      'earnings.withdraw',
    ]) {
      expect(actions.has(`${a}:${OWNER}`) && actions.has(`${a}:${MANAGER}`)).toBe(true);
    }
  });
});

describe('label API: bad input is refused with a clear message, nothing recorded', () => {
  const post = async (body: unknown) => {
    const before = await prisma.labelAuditEntry.count({ where: { labelId } });
    const res = await api.record(req('owner', 'POST', `/api/labels/${labelId}/actions`, body), labelId);
    const json = (await res.json()) as { error: string; issues?: string[] };
    expect(await prisma.labelAuditEntry.count({ where: { labelId } })).toBe(before);
    return { status: res.status, ...json };
  };
  const create = (payees: unknown) => post({ action: 'split.create', split: SPLIT, txHash: tx(60), payees });

  it('shares not summing to 100%', async () => {
    const r = await create([
      { account: PAYEE_A, share: 600_000 },
      { account: PAYEE_B, share: 300_000 },
    ]);
    expect(r.status).toBe(400);
    expect(r.error).toContain('Shares add up to 90%; they must add up to exactly 100%');
  });
  it('duplicate payees (any letter case)', async () => {
    const r = await create([
      { account: PAYEE_A, share: 500_000 },
      { account: PAYEE_A.toLowerCase(), share: 500_000 },
    ]);
    expect(r.status).toBe(400);
    expect(r.error).toContain('is already payee 1; list each payee once');
  });
  it('invalid payee addresses, zero shares, no payees', async () => {
    const r = await create([
      { account: '0x123', share: 1_000_000 },
      { account: PAYEE_B, share: 0 },
    ]);
    expect(r.status).toBe(400);
    expect(r.issues).toEqual(
      expect.arrayContaining([
        'Payee 1: "0x123" is not a valid address (0x and 40 hex digits)',
        'Payee 2: a share must be more than 0%',
      ]),
    );
    expect((await create([])).error).toContain('Add at least one payee');
  });
  it('an unconfirmed or foreign transaction, an unknown action, a malformed hash', async () => {
    expect((await post({ action: 'earnings.distribute', split: SPLIT, txHash: BAD_TX })).status).toBe(409);
    expect((await post({ action: 'split.steal', split: SPLIT, txHash: tx(61) })).error).toMatch(
      /action must be one of/,
    );
    expect((await post({ action: 'earnings.distribute', split: SPLIT, txHash: '0x12' })).error).toMatch(
      /txHash must be a 32-byte 0x hash/,
    );
  });
  it('a transaction that did not touch the named split (or account) is refused with 409', async () => {
    const other = await post({ action: 'earnings.distribute', split: SPLIT, txHash: OTHER_SPLIT_TX });
    expect(other.status).toBe(409);
    expect(other.error).toBe(
      `That transaction did not distribute split ${SPLIT}: its receipt has no SplitMain Distributed event for it`,
    );
    const withdraw = await post({ action: 'earnings.withdraw', account: PAYEE_A, txHash: OTHER_SPLIT_TX });
    expect(withdraw.status).toBe(409);
    expect(withdraw.error).toContain(`account ${PAYEE_A}: its receipt has no SplitMain Withdrawal event`);
    // The right events, but emitted by another contract than the deployment's SplitMain.
    for (const action of ['split.create', 'split.makeImmutable', 'split.acceptControl'] as const) {
      const r = await post({
        action,
        split: SPLIT,
        txHash: OTHER_CONTRACT_TX,
        ...(action === 'split.create' ? { payees: [{ account: PAYEE_A, share: 1_000_000 }] } : {}),
      });
      expect(r.status).toBe(409);
    }
  });
  it('matches each action to its own event only', () => {
    const logs = splitMainLogs(SPLIT_MAIN, SPLIT, PAYEE_A);
    const only = (name: string) =>
      logs.filter(
        (l) =>
          l.topics[0] ===
          toEventSelector(MOTIF_ABIS.SplitMain.find((x) => x.type === 'event' && x.name === name) as AbiEvent),
      );
    expect(receiptMatches(only('SplitUpdated'), SPLIT_MAIN, 'split.update', SPLIT)).toBe(true);
    expect(receiptMatches(only('SplitUpdated'), SPLIT_MAIN, 'split.create', SPLIT)).toBe(false);
    expect(receiptMatches(only('ControlTransferInitiated'), SPLIT_MAIN, 'split.acceptControl', SPLIT)).toBe(false);
    expect(receiptMatches(only('Withdrawal'), SPLIT_MAIN, 'earnings.withdraw', PAYEE_A)).toBe(true);
    expect(receiptMatches(only('Withdrawal'), SPLIT_MAIN, 'earnings.withdraw', PAYEE_B)).toBe(false);
    expect(receiptMatches(only('Distributed'), SPLIT_MAIN, 'earnings.distribute', SPLIT.toLowerCase() as Address)).toBe(
      true,
    );
    expect(receiptMatches([], SPLIT_MAIN, 'earnings.distribute', SPLIT)).toBe(false);
  });
  it('bad member, catalogue and label input', async () => {
    expect((await api.invite(req('owner', 'POST', '/x', { address: 'nope', role: 'viewer' }), labelId)).status).toBe(
      400,
    );
    const role = await api.invite(req('owner', 'POST', '/x', { address: fresh(), role: 'admin' }), labelId);
    expect(((await role.json()) as { error: string }).error).toContain('role must be owner, manager or viewer');
    expect((await api.addCatalogue(req('owner', 'POST', '/x', { tokenId: 'abc' }), labelId)).status).toBe(400);
    expect((await api.addCatalogue(req('owner', 'POST', '/x', { tokenId: '999' }), labelId)).status).toBe(404);
    expect((await api.create(req('owner', 'POST', '/api/labels', { name: 'x' }))).status).toBe(400);
    expect((await api.get(req('owner', 'GET', '/x'), 'not-a-uuid')).status).toBe(400);
    expect(
      (await api.changeRole(req('owner', 'PATCH', '/x', { address: OWNER, role: 'viewer' }), labelId)).status,
    ).toBe(409); // last owner
    expect(
      (
        await api.statement(
          req('owner', 'GET', `/api/labels/${labelId}/statement?from=2026-02-30&to=2026-03-01`),
          labelId,
        )
      ).status,
    ).toBe(400);
    expect(
      (
        await api.statement(
          req('owner', 'GET', `/api/labels/${labelId}/statement?from=2026-03-02&to=2026-03-01`),
          labelId,
        )
      ).status,
    ).toBe(400);
  });
});

describe('label API: people', () => {
  it('names the people the dashboard shows and gives their uploaded avatars (issue #16)', async () => {
    const folderCid = 'bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi';
    await prisma.profileAvatar.upsert({
      where: { address: OWNER },
      create: { address: OWNER, folderCid },
      update: { folderCid },
    });
    try {
      const res = (await (await api.get(req('viewer', 'GET', '/x'), labelId)).json()) as {
        avatars: Record<string, string>;
      };
      expect(res.avatars).toEqual({ [OWNER]: `/media/${folderCid}/avatar` });
    } finally {
      await prisma.profileAvatar.deleteMany({ where: { address: OWNER } });
    }
  });
});

describe('label API: splits, earnings and statements from the indexed events', () => {
  it('shows the split as the indexer knows it, with its history', async () => {
    const res = (await (await api.get(req('viewer', 'GET', '/x'), labelId)).json()) as {
      splits: {
        split: string;
        accounts: string[];
        shares: number[];
        controller: string;
        pendingController: string;
        history: { name: string }[];
      }[];
    };
    expect(res.splits).toHaveLength(1);
    expect(res.splits[0]).toMatchObject({
      split: SPLIT,
      accounts: [PAYEE_A, PAYEE_B],
      shares: [600_000, 400_000],
      controller: OWNER,
      pendingController: MANAGER,
    });
    expect(res.splits[0]?.history.map((h) => h.name)).toEqual([
      'SplitCreated',
      'Distributed',
      'ControlTransferInitiated',
    ]);
  });

  it('sums earnings per track and payee, with pending balances', async () => {
    const res = (await (await api.earnings(req('viewer', 'GET', '/x'), labelId)).json()) as {
      byAsset: Record<
        string,
        {
          byTrack: unknown[];
          byPayee: unknown[];
          distributed: string;
          withdrawn: string;
          undistributed: Record<string, string>;
          unwithdrawn: Record<string, string>;
          marketCredits: Record<string, string>;
          pendingDistribution: string;
        }
      >;
      series: unknown[];
    };
    const eth = res.byAsset.ETH!;
    expect(eth.byTrack).toEqual([{ tokenId: '1', primarySales: '1000000', resaleRoyalties: '1001' }]);
    expect(eth.byPayee).toEqual([
      { account: PAYEE_A, credited: '600601', withdrawn: '600601' },
      { account: PAYEE_B, credited: '400400', withdrawn: '0' },
    ]);
    expect(eth.distributed).toBe('1001001');
    expect(eth.undistributed).toEqual({ [SPLIT]: '77' });
    expect(eth.unwithdrawn).toEqual({ [PAYEE_A]: '5', [PAYEE_B]: '5' });
    expect(eth.marketCredits).toEqual({ [SPLIT]: '11' }); // resale royalties the Market holds for the split
    expect(eth.pendingDistribution).toBe('88'); // in the split wallet + at the Market
    expect(res.series).toEqual([
      { date: '2026-01-03', primarySales: '1000000', resaleRoyalties: '0' },
      { date: '2026-01-04', primarySales: '0', resaleRoyalties: '1001' },
    ]);
  });

  it('writes a CSV statement per period (dates mapped to blocks), every row naming its event', async () => {
    const res = await api.statement(
      req('viewer', 'GET', `/api/labels/${labelId}/statement?from=2026-01-04&to=2026-01-05`),
      labelId,
    );
    expect(res.headers.get('content-type')).toContain('text/csv');
    expect(res.headers.get('x-statement-blocks')).toBe('3-4');
    const lines = (await res.text()).trimEnd().split('\r\n');
    expect(lines[0]).toBe('block_number,block_time,tx_hash,log_index,kind,token_id,split,account,asset,amount_wei');
    expect(lines.slice(1)).toEqual([
      `3,2026-01-04T00:00:00.000Z,${tx(3)},0,resale-royalty,1,${SPLIT},${SPLIT},ETH,1001`,
      `4,2026-01-05T00:00:00.000Z,${tx(4)},0,distribution,,${SPLIT},${SPLIT},ETH,1001001`,
      `4,2026-01-05T00:00:00.000Z,${tx(4)},0,payee-credit,,${SPLIT},${PAYEE_A},ETH,600601`,
      `4,2026-01-05T00:00:00.000Z,${tx(4)},0,payee-credit,,${SPLIT},${PAYEE_B},ETH,400400`,
    ]);
    const empty = await api.statement(
      req('viewer', 'GET', `/api/labels/${labelId}/statement?from=2030-01-01&to=2030-01-02`),
      labelId,
    );
    expect((await empty.text()).trimEnd().split('\r\n')).toHaveLength(1);
  });

  it('finds the first block at or after a time by binary search', async () => {
    const times = [10n, 20n, 20n, 30n, 45n];
    const at = (s: bigint) => firstBlockAtOrAfter(async (n) => times[Number(n)]!, 4n, s);
    expect(await Promise.all([5n, 10n, 11n, 20n, 21n, 45n, 46n].map(at))).toEqual([0n, 0n, 1n, 1n, 3n, 4n, 5n]);
  });
});

describe("label API: a creator's consent", () => {
  /** A request signed in as any address (the track's creator here). */
  function reqAs(address: Address, method: string, path: string, body?: unknown, origin = 'http://motif.test') {
    const now = Date.now();
    const cookie = `motif_session=${signSessionToken({ address, chainId: CHAIN, issuedAt: now, expiresAt: now + 60_000 }, SECRET)}`;
    return new Request(`http://motif.test${path}`, {
      method,
      headers: {
        host: 'motif.test',
        origin,
        cookie,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  }

  it('a request the label cannot decide, the creator accepts once, and the creator may withdraw', async () => {
    await prisma.track.create({
      data: {
        chainId: CHAIN,
        tokenId: '4',
        creator: PAYEE_A,
        owner: PAYEE_A,
        contentDigest: toHex(4n, { size: 32 }),
        manifestDigest: toHex(0n, { size: 32 }),
        licence: 1,
        royaltyReceiver: PAYEE_A, // not a split: the label controls nothing
        royaltyBps: 500,
        mintedBlock: 1n,
        mintedTx: tx(1),
      },
    });
    const asked = await api.addCatalogue(
      req('manager', 'POST', `/api/labels/${labelId}/catalogue`, { tokenId: '4' }),
      labelId,
    );
    expect(asked.status).toBe(201);
    expect(((await asked.json()) as { results: { outcome: string }[] }).results).toEqual([
      expect.objectContaining({ tokenId: '4', outcome: 'requested' }),
    ]);
    const mine = (await (await api.myRequests(reqAs(PAYEE_A, 'GET', '/api/labels/requests'))).json()) as {
      requests: { id: string; labelName: string; tokenId: string }[];
    };
    expect(mine.requests).toEqual([expect.objectContaining({ tokenId: '4', labelName: 'Test Label 990100' })]);
    const id = mine.requests[0]!.id;
    const path = `/api/labels/requests/${id}`;
    expect((await api.myRequests(req('owner', 'GET', '/api/labels/requests'))).status).toBe(200);
    for (const who of ['owner', 'manager'] as const)
      expect((await api.decide(req(who, 'POST', path, { decision: 'accept' }), id)).status).toBe(404);
    expect((await api.decide(req('none', 'POST', path, { decision: 'accept' }), id)).status).toBe(401);
    expect(
      (await api.decide(reqAs(PAYEE_A, 'POST', path, { decision: 'accept' }, 'http://evil.test'), id)).status,
    ).toBe(403);
    expect((await api.decide(reqAs(PAYEE_A, 'POST', path, { decision: 'yes' }), id)).status).toBe(400);
    expect(
      (await api.decide(reqAs(PAYEE_A, 'POST', '/api/labels/requests/x', { decision: 'accept' }), 'x')).status,
    ).toBe(400);
    expect((await api.decide(reqAs(PAYEE_A, 'POST', path, { decision: 'accept' }), id)).status).toBe(200);
    expect((await api.decide(reqAs(PAYEE_A, 'POST', path, { decision: 'decline' }), id)).status).toBe(409);
    expect(await prisma.labelCatalogueEntry.count({ where: { labelId, chainId: CHAIN, tokenId: '4' } })).toBe(1);
    const withdrawn = await api.removeCatalogue(
      reqAs(PAYEE_A, 'DELETE', `/api/labels/${labelId}/catalogue`, { tokenId: '4' }),
      labelId,
    );
    expect(withdrawn.status).toBe(200);
    expect(await prisma.labelCatalogueEntry.count({ where: { labelId, chainId: CHAIN, tokenId: '4' } })).toBe(0);
    const audit = (await (await api.audit(req('viewer', 'GET', `/api/labels/${labelId}/audit`), labelId)).json()) as {
      entries: { action: string; actor: string; sentence: string }[];
    };
    expect(audit.entries.slice(0, 3).map((e) => `${e.action}:${e.actor}`)).toEqual([
      `catalogue.remove:${PAYEE_A}`,
      `catalogue.accept:${PAYEE_A}`,
      `catalogue.request:${MANAGER}`,
    ]);
    expect(audit.entries[1]!.sentence).toBe(
      `${PAYEE_A.slice(0, 6)}…${PAYEE_A.slice(-4)} accepted the request for token 4, which joined the catalogue`,
    );
  });
});
