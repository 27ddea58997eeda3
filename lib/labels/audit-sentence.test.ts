import { describe, expect, it } from 'vitest';
import { auditSentence, mentioned, personName } from './audit-sentence';

const ALICE = '0x1111111111111111111111111111111111111111';
const BOB = '0x2222222222222222222222222222222222222222';
const ctx = { names: { [ALICE]: 'Alice' }, titles: { '7': 'Song' } };

describe('audit sentences', () => {
  it('names people by display name, else by short address, and tracks by title', () => {
    expect(personName(ALICE, ctx)).toBe('Alice');
    expect(personName(BOB, ctx)).toBe('0x2222…2222');
    expect(auditSentence({ actor: ALICE, action: 'catalogue.add', details: { tokenIds: ['7'] } }, ctx)).toBe(
      'Alice added ‘Song’ to the catalogue',
    );
    expect(
      auditSentence({ actor: BOB, action: 'catalogue.add', details: { tokenIds: ['8'], basis: 'split-control' } }, ctx),
    ).toBe('0x2222…2222 added token 8 to the catalogue (the label controls its split)');
  });

  it('has a sentence for each consent step and each member change', () => {
    const say = (action: string, details: object, actor = ALICE) => auditSentence({ actor, action, details }, ctx);
    expect(say('catalogue.request', { tokenId: '7', creator: BOB })).toBe(
      'Alice asked 0x2222…2222 to add ‘Song’ to the catalogue',
    );
    expect(say('catalogue.accept', { tokenId: '7' }, BOB)).toBe(
      '0x2222…2222 accepted the request for ‘Song’, which joined the catalogue',
    );
    expect(say('catalogue.decline', { tokenId: '7' }, BOB)).toBe('0x2222…2222 declined the request for ‘Song’');
    expect(say('catalogue.remove', { tokenId: '7', by: 'creator' }, BOB)).toBe(
      '0x2222…2222 removed ‘Song’ from the catalogue (as its creator)',
    );
    expect(say('member.invite', { member: BOB, role: 'manager' })).toBe('Alice added 0x2222…2222 as manager');
    expect(say('member.changeRole', { member: BOB, from: 'viewer', to: 'owner' })).toBe(
      'Alice changed 0x2222…2222’s role from viewer to owner',
    );
    expect(say('split.transferControl', { split: BOB, step: 'split.acceptControl' })).toBe(
      'Alice accepted control of split 0x2222…2222',
    );
    expect(say('something.new', {})).toBe('Alice did something.new');
    expect(say('catalogue.add', { tokenIds: ['1', '2', '3', '4'] })).toBe('Alice added 4 tracks to the catalogue');
  });

  it('lists the addresses and token ids an entry mentions, ignoring junk', () => {
    expect(mentioned({ member: BOB, tokenIds: ['7', 'x'] })).toEqual({ addresses: [BOB], tokenIds: ['7'] });
    expect(mentioned(null)).toEqual({ addresses: [], tokenIds: [] });
  });
});
