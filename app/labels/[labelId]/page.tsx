import type { Metadata } from 'next';
import { LabelDashboard } from './label-dashboard';

export const metadata: Metadata = { title: 'Label' };

/** A label's dashboard: members, catalogue, splits (on-chain actions), earnings, statements, audit log. */
export default async function LabelPage({ params }: { params: Promise<{ labelId: string }> }) {
  const { labelId } = await params;
  return <LabelDashboard labelId={labelId} />;
}
