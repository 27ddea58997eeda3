'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../api-client';

/** A change through /api/labels/:id/...; every label query is refreshed when it settles. */
export function useLabelMutation(labelId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ path, method, body }: { path: string; method: string; body: unknown }) =>
      api<unknown>(`/api/labels/${labelId}${path}`, { method, body }),
    onSettled: () => queryClient.invalidateQueries(),
  });
}
