/** What a label member may do. Checked on the server for every action (lib/labels/label-service.ts). */
export const LABEL_ACTIONS = [
  'label.view',
  'member.invite',
  'member.remove',
  'member.changeRole',
  'catalogue.add',
  'catalogue.remove',
  'split.create',
  'split.update',
  'split.transferControl',
  'split.makeImmutable',
  'earnings.distribute',
  'earnings.withdraw',
  'statement.export',
] as const;

export type LabelAction = (typeof LABEL_ACTIONS)[number];
export type LabelRoleName = 'owner' | 'manager' | 'viewer';

const VIEWER: readonly LabelAction[] = ['label.view', 'statement.export'];
const MANAGER: readonly LabelAction[] = [
  ...VIEWER,
  'catalogue.add',
  'catalogue.remove',
  'split.create',
  'split.update',
  'split.transferControl',
  'split.makeImmutable',
  'earnings.distribute',
  'earnings.withdraw',
];
const OWNER: readonly LabelAction[] = [...MANAGER, 'member.invite', 'member.remove', 'member.changeRole'];

const ALLOWED: Record<LabelRoleName, ReadonlySet<LabelAction>> = {
  viewer: new Set(VIEWER),
  manager: new Set(MANAGER),
  owner: new Set(OWNER),
};

export function can(role: LabelRoleName | null, action: LabelAction): boolean {
  return role !== null && ALLOWED[role].has(action);
}
