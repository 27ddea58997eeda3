import type { Metadata } from 'next';
import { Studio } from './studio';
import './studio.css';

export const metadata: Metadata = { title: 'Studio' };

export default function StudioPage() {
  return (
    <>
      <h1>Studio</h1>
      <p className="muted">
        Compose with a machine-learning model in your browser, arrange, edit, listen and render. Nothing is sent to a
        server: the model runs here, in a background worker.
      </p>
      <Studio />
    </>
  );
}
