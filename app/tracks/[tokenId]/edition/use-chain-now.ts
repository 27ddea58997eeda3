'use client';

import { useEffect, useState } from 'react';
import { useBlock } from 'wagmi';

/**
 * The chain's time in seconds, ticking once a second (the countdown): the contract opens and closes phases by block
 * time, so the page follows the latest block's timestamp (plus the seconds since it was read), not the device clock.
 */
export function useChainNow(): number {
  const block = useBlock({ query: { refetchInterval: 4_000 } });
  const [local, setLocal] = useState(() => Date.now() / 1000);
  const [offset, setOffset] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setLocal(Date.now() / 1000), 1000);
    return () => clearInterval(timer);
  }, []);
  const timestamp = block.data?.timestamp;
  useEffect(() => {
    if (timestamp !== undefined) setOffset(Number(timestamp) - Date.now() / 1000);
  }, [timestamp]);
  // Never earlier than the block itself (a block read a moment ago already happened).
  return Math.floor(Math.max(local + offset, timestamp !== undefined ? Number(timestamp) : 0));
}
