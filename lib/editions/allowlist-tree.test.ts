import { privateKeyToAccount, generatePrivateKey } from 'viem/accounts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { editionsAbi } from '../contracts/abi';
import { digestOf, startEditionsFixture, type EditionsFixture } from '../../test/editions/fixture';
import { AllowlistTree, AllowlistTreeError, NotOnAllowlistError, verifyAllowlistProof } from './allowlist-tree';
import { editionIdOf } from './edition-id';

let f: EditionsFixture;
beforeAll(async () => {
  f = await startEditionsFixture();
});
afterAll(async () => {
  await f?.t.anvil.stop();
});

const randomAddresses = (n: number) =>
  Array.from({ length: n }, () => privateKeyToAccount(generatePrivateKey()).address);

describe('AllowlistTree', () => {
  it('hashes leaves as the contract does (allowlistLeaf) and its proofs verify against the root, for a 1,000-address tree', async () => {
    const creator = privateKeyToAccount(generatePrivateKey()).address;
    const editionId = editionIdOf(creator, digestOf('tree'));
    const addresses = randomAddresses(1_000);
    const tree = AllowlistTree.build([{ editionId, phase: 0, addresses }]);
    expect(tree.size).toBe(1_000);
    const account = addresses[417]!;
    const onChainLeaf = await f.t.publicClient.readContract({
      address: f.editions,
      abi: editionsAbi,
      functionName: 'allowlistLeaf',
      args: [editionId, 0n, account],
    });
    const proof = tree.proof(editionId, 0, account);
    // OpenZeppelin's tree is a complete binary tree over the sorted leaf hashes: of 1,000 leaves, 976 sit 10 levels
    // deep and 24 sit 9 deep, and where this random address lands is random too.
    expect(proof.length).toBeGreaterThanOrEqual(9);
    expect(proof.length).toBeLessThanOrEqual(10);
    expect(verifyAllowlistProof(tree.root, editionId, 0, account, proof)).toBe(true);
    // The same leaf hashed by the library's own routine (the contract's value) is what the proof proves.
    const lib = (await import('@openzeppelin/merkle-tree')).StandardMerkleTree;
    expect(lib.of([[editionId.toString(), '0', account]], ['uint256', 'uint256', 'address']).root).toBe(onChainLeaf);
  });

  it('binds proofs to edition and phase: a proof for phase 0 does not verify for phase 1 or another edition', () => {
    const [a, b] = randomAddresses(2) as [`0x${string}`, `0x${string}`];
    const e1 = 1n << 96n;
    const e2 = 2n << 96n;
    const tree = AllowlistTree.build([{ editionId: e1, phase: 0, addresses: [a, b] }]);
    const proof = tree.proof(e1, 0, a);
    expect(verifyAllowlistProof(tree.root, e1, 1, a, proof)).toBe(false);
    expect(verifyAllowlistProof(tree.root, e2, 0, a, proof)).toBe(false);
    expect(() => tree.proof(e1, 1, a)).toThrow(NotOnAllowlistError);
  });

  it('round-trips through its pinned JSON and refuses a tampered file', () => {
    const addresses = randomAddresses(5);
    const tree = AllowlistTree.build([{ editionId: 7n << 96n, phase: 2, addresses }]);
    const json = JSON.parse(JSON.stringify(tree.toJson())) as ReturnType<AllowlistTree['toJson']>;
    const loaded = AllowlistTree.fromJson(json);
    expect(loaded.root).toBe(tree.root);
    expect(loaded.proof(7n << 96n, 2, addresses[3]!)).toEqual(tree.proof(7n << 96n, 2, addresses[3]!));
    const intruder = randomAddresses(1)[0]!;
    const tampered = {
      ...json,
      tree: {
        ...json.tree,
        values: json.tree.values.map((v, i) =>
          i === 0 ? { ...v, value: [v.value[0], v.value[1], intruder] as [string, string, string] } : v,
        ),
      },
    };
    expect(() => AllowlistTree.fromJson(tampered)).toThrow(AllowlistTreeError);
    expect(() => AllowlistTree.fromJson({ ...json, root: `0x${'00'.repeat(32)}` })).toThrow(/not the/);
    expect(() => AllowlistTree.build([{ editionId: 1n, phase: 0, addresses: [addresses[0]!, addresses[0]!] }])).toThrow(
      /twice/,
    );
  });
});
