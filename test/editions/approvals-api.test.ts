import { beforeAll, describe, expect, inject, it } from 'vitest';
import {
  createFindApprovalHandler,
  createStoreApprovalHandler,
} from '../../app/api/editions/[editionId]/approvals/handler';
import { findMintApproval, storeMintApproval, type ApprovalStoreDeps } from '../../lib/editions/approval-store';
import { approvalBody, newSignatureEdition, type EditionsFixture, approvalStoreFixture } from './fixture';

const fx = approvalStoreFixture(inject('databaseUrl'));
let f: EditionsFixture;
let deps: ApprovalStoreDeps;
beforeAll(() => ({ f, deps } = fx));

const url = (editionId: bigint | string, query = '') => `http://motif.test/api/editions/${editionId}/approvals${query}`;
const post = (editionId: bigint | string, body: string) =>
  new Request(url(editionId), { method: 'POST', body, headers: { 'content-type': 'application/json' } });

describe('/api/editions/{id}/approvals (anvil, PostgreSQL)', () => {
  it("stores the creator's approval (201) and hands it to the collector; refuses a stranger's (422) and bad input (400)", async () => {
    const store = createStoreApprovalHandler({
      store: (editionId, body) => storeMintApproval(deps, { editionId, body }),
      admit: async () => null,
    });
    const find = createFindApprovalHandler({ find: (params) => findMintApproval(deps, params) });
    const creator = await f.actor();
    const stranger = await f.actor();
    const fan = (await f.actor()).walletClient.account.address;
    const editionId = await newSignatureEdition(f, creator);

    const ok = await store(
      post(editionId, JSON.stringify(await approvalBody(f, creator, { editionId, minter: fan }))),
      `${editionId}`,
    );
    expect(ok.status).toBe(201);
    const stored: unknown = await ok.json();
    expect(stored).toMatchObject({ editionId: editionId.toString(), minter: fan, quantity: 2 });

    const forged = await store(
      post(editionId, JSON.stringify(await approvalBody(f, stranger, { editionId, minter: fan }))),
      `${editionId}`,
    );
    expect(forged.status).toBe(422);
    expect(await forged.json()).toMatchObject({ reason: 'bad-signature' });
    expect((await store(post(editionId, 'not json'), `${editionId}`)).status).toBe(400);
    const malformed = await store(post(editionId, '{"approval":{}}'), `${editionId}`);
    expect(malformed.status).toBe(400);
    expect((await malformed.json()).issues.length).toBeGreaterThan(1);
    expect((await store(post('x', '{}'), 'x')).status).toBe(400);

    const mine = await find(new Request(url(editionId, `?phase=0&account=${fan}`)), `${editionId}`);
    expect(mine.status).toBe(200);
    expect(await mine.json()).toEqual(stored);
    const other = await find(
      new Request(url(editionId, `?phase=0&account=${stranger.walletClient.account.address}`)),
      `${editionId}`,
    );
    expect(other.status).toBe(404);
    expect(await other.json()).toMatchObject({ reason: 'not-approved' });
    const bad = await find(new Request(url('x', '?phase=9&account=nope')), 'x');
    expect(bad.status).toBe(400);
    expect((await bad.json()).issues).toHaveLength(3);
  });
});
