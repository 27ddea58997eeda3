import { describe, expect, it } from 'vitest';
import { getShippedModel } from '../generation/models/registry';
import { parseComposeRequest, defaultComposeRequest } from '../generation/compose/request';
import { detailsSchema } from '../mint/draft';
import { validateSplit } from '../mint/split';
import {
  DEMO_DESCRIPTION_PREFIX,
  DEMO_DEV_ACCOUNT_INDEX,
  DEMO_ROLES,
  DEMO_TRACKS,
  demoDescription,
  demoMintDetails,
  isDemoDescription,
} from './catalogue';
import { demoDevAccounts } from './seed-demo';

const accounts = demoDevAccounts();

describe('the demo catalogue', () => {
  it('about six tracks with unique slugs and titles, on both shipped models, by the three dev creators', () => {
    expect(DEMO_TRACKS).toHaveLength(6);
    expect(new Set(DEMO_TRACKS.map((t) => t.slug)).size).toBe(6);
    expect(new Set(DEMO_TRACKS.map((t) => t.title)).size).toBe(6);
    expect(new Set(DEMO_TRACKS.map((t) => t.request.modelId))).toEqual(
      new Set(['motif-melody-2x256-v1', 'motif-improv-2x256-v1']),
    );
    for (const t of DEMO_TRACKS) expect(getShippedModel(t.request.modelId).source).toBe('shipped');
    expect(new Set(DEMO_TRACKS.map((t) => t.creator))).toEqual(new Set(['creatorA', 'creatorB', 'creatorC']));
  });

  it('every request is valid with a fixed seed, and every mint form validates (splits included)', () => {
    const seeds = new Set<number>();
    for (const t of DEMO_TRACKS) {
      const request = parseComposeRequest(defaultComposeRequest(t.request));
      seeds.add(request.seed);
      const details = detailsSchema.parse(demoMintDetails(t, accounts));
      const split = validateSplit(details.split);
      expect(split.ok, t.slug).toBe(true);
    }
    expect(seeds.size).toBe(DEMO_TRACKS.length);
  });

  it('one track is sold (listed first, in the label, its split controlled by the label); some are listed', () => {
    const sold = DEMO_TRACKS.filter((t) => t.sold);
    expect(sold).toHaveLength(1);
    expect(sold[0]).toMatchObject({ controller: 'label', inLabel: true });
    expect(sold[0]?.listPrice).toBeDefined();
    expect(sold[0]?.payees.some((p) => p.role === 'label')).toBe(true);
    expect(DEMO_TRACKS.filter((t) => t.listPrice && !t.sold).length).toBeGreaterThanOrEqual(2);
    // The label's catalogue holds only tracks whose split it controls (no creator's consent needed).
    for (const t of DEMO_TRACKS.filter((x) => x.inLabel)) expect(t.controller).toBe('label');
  });

  it('every description is marked as demo data; other text is not', () => {
    for (const t of DEMO_TRACKS) {
      expect(demoMintDetails(t, accounts).description.startsWith(DEMO_DESCRIPTION_PREFIX)).toBe(true);
      expect(isDemoDescription(demoDescription(t))).toBe(true);
    }
    expect(isDemoDescription('A track about a demo track')).toBe(false);
    expect(isDemoDescription(null)).toBe(false);
  });

  it('the roles are distinct dev accounts: three creators, a collector, a label, two payees, never the deployer', () => {
    const indexes = DEMO_ROLES.map((r) => DEMO_DEV_ACCOUNT_INDEX[r]);
    expect(new Set(indexes).size).toBe(DEMO_ROLES.length);
    expect(indexes).not.toContain(0);
    expect(new Set(DEMO_ROLES.map((r) => accounts[r].address)).size).toBe(DEMO_ROLES.length);
  });
});
