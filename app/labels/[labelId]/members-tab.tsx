'use client';

import { useState, type FormEvent } from 'react';
import type { LabelData } from './label-dashboard';
import { Person } from './person';
import { useLabelMutation } from './use-label-mutation';

const ROLES = ['owner', 'manager', 'viewer'] as const;

/** Members and their roles; owners invite, change roles and remove. */
export function MembersTab({ data }: { data: LabelData }) {
  const m = useLabelMutation(data.id);
  const [address, setAddress] = useState('');
  const [role, setRole] = useState<(typeof ROLES)[number]>('manager');
  const isOwner = data.role === 'owner';
  const invite = (e: FormEvent) => {
    e.preventDefault();
    m.mutate({ path: '/members', method: 'POST', body: { address, role } }, { onSuccess: () => setAddress('') });
  };
  return (
    <section aria-labelledby="members-heading">
      <h2 id="members-heading">Members</h2>
      <div>
        <table>
          <caption>Members and roles</caption>
          <thead>
            <tr>
              <th scope="col">Member</th>
              <th scope="col">Role</th>
              {isOwner ? <th scope="col">Owner tools</th> : null}
            </tr>
          </thead>
          <tbody>
            {data.members.map((member) => (
              <tr key={member.address} data-address={member.address}>
                <td>
                  <Person address={member.address} people={data} />
                </td>
                <td>{member.role}</td>
                {isOwner ? (
                  <td>
                    <select
                      aria-label={`Role of ${data.names[member.address] ?? member.address}`}
                      defaultValue={member.role}
                      onChange={(e) =>
                        m.mutate({
                          path: '/members',
                          method: 'PATCH',
                          body: { address: member.address, role: e.target.value },
                        })
                      }
                      disabled={m.isPending}
                    >
                      {ROLES.map((r) => (
                        <option key={r} value={r}>
                          {r}
                        </option>
                      ))}
                    </select>{' '}
                    <button
                      type="button"
                      onClick={() =>
                        m.mutate({ path: '/members', method: 'DELETE', body: { address: member.address } })
                      }
                      disabled={m.isPending}
                      aria-label={`Remove member ${member.address}`}
                    >
                      Remove
                    </button>
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {isOwner ? (
        <form onSubmit={invite} aria-label="Invite a member">
          <label htmlFor="invite-address">Member address</label>{' '}
          <input
            id="invite-address"
            value={address}
            onChange={(e) => setAddress(e.target.value)}
            required
            spellCheck={false}
          />{' '}
          <label htmlFor="invite-role">Role</label>{' '}
          <select id="invite-role" value={role} onChange={(e) => setRole(e.target.value as (typeof ROLES)[number])}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>{' '}
          <button type="submit" disabled={m.isPending}>
            Invite member
          </button>
        </form>
      ) : null}
      <div aria-live="polite">
        {m.error ? <p role="alert">{m.error.message}</p> : m.isSuccess ? <p role="status">Members updated.</p> : null}
      </div>
    </section>
  );
}
