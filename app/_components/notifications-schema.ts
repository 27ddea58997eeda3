import { z } from 'zod';

/** What GET /api/notifications answers (lib/notifications/read-notifications.ts), checked where the bell reads it. */
export const notificationsSchema = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      kind: z.string(),
      text: z.string(),
      href: z.string(),
      person: z.string().nullable(),
      avatar: z.string().nullable(),
      blockNumber: z.string(),
      logIndex: z.number(),
      unread: z.boolean(),
    }),
  ),
  unread: z.number(),
});
