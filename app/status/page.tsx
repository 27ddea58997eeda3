import type { Metadata } from 'next';
import type { ComponentHealth } from '../../lib/health/health';
import { servicesHealth } from '../../lib/platform/services';
import { CollectionSummary } from '../_components/collection-summary';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Status' };

const LABELS: Record<string, string> = { chain: 'Chain', contracts: 'Contracts', database: 'Database', ipfs: 'IPFS' };

function Row({ name, health }: { name: string; health: ComponentHealth }) {
  return (
    <tr data-component={name}>
      <th scope="row">{LABELS[name] ?? name}</th>
      <td className={health.ok ? 'status-ok' : 'status-bad'}>{health.ok ? 'OK' : 'Failing'}</td>
      <td>{health.detail}</td>
      <td className="muted">{health.ms} ms</td>
    </tr>
  );
}

/** The live state of each component (the health checks of lib/health) and the track collection read on chain. */
export default async function StatusPage() {
  const report = await servicesHealth();
  return (
    <>
      <h1>Motif platform status</h1>
      <p role="status" className={report.ok ? 'status-ok' : 'status-bad'}>
        {report.ok ? 'All components are running.' : 'Some components are failing: see below.'}
      </p>
      <table className="health">
        <caption className="muted">Checked live at {report.checkedAt}. Reload the page to check again.</caption>
        <thead>
          <tr>
            <th scope="col">Component</th>
            <th scope="col">State</th>
            <th scope="col">Detail</th>
            <th scope="col">Time</th>
          </tr>
        </thead>
        <tbody>
          {Object.entries(report.components).map(([name, health]) => (
            <Row key={name} name={name} health={health} />
          ))}
        </tbody>
      </table>
      <h2>On-chain</h2>
      <CollectionSummary />
    </>
  );
}
