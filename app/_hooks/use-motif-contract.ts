'use client';

import { useContext } from 'react';
import { motifContract, type MotifContract, type MotifContractName } from '../../lib/chain/contracts';
import { DeploymentContext } from '../providers';

/** `{ address, abi }` of a deployed Motif contract, typed from its generated ABI, for wagmi's hooks. */
export function useMotifContract<N extends MotifContractName>(name: N): MotifContract<N> | null {
  const addresses = useContext(DeploymentContext);
  return addresses ? motifContract(name, addresses) : null;
}
