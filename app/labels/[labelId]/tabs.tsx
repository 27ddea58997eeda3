'use client';

import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import styles from './dashboard.module.css';
import { useRef, type KeyboardEvent, type ReactNode } from 'react';

export const LABEL_TABS = ['catalogue', 'splits', 'earnings', 'members', 'audit'] as const;
export type LabelTab = (typeof LABEL_TABS)[number];
const TITLES: Record<LabelTab, string> = {
  catalogue: 'Catalogue',
  splits: 'Splits',
  earnings: 'Earnings',
  members: 'Members',
  audit: 'Audit log',
};

/** The tab named by ?tab= (catalogue when absent or unknown), so a reload or a shared link keeps it. */
export function useLabelTab(): LabelTab {
  const tab = useSearchParams().get('tab');
  return LABEL_TABS.find((t) => t === tab) ?? 'catalogue';
}

/**
 * The dashboard's sections as WAI-ARIA tabs (automatic activation): Left/Right move to the previous/next tab and
 * show it, Home/End to the first/last; only the selected tab is in the Tab order, then its panel. The selected tab
 * is written to the URL (?tab=), replacing the history entry.
 */
export function LabelTabs({ render }: { render: (tab: LabelTab) => ReactNode }) {
  const selected = useLabelTab();
  const router = useRouter();
  const pathname = usePathname();
  const refs = useRef<Partial<Record<LabelTab, HTMLButtonElement | null>>>({});
  const select = (tab: LabelTab, focus: boolean) => {
    router.replace(`${pathname}?tab=${tab}`, { scroll: false });
    if (focus) refs.current[tab]?.focus();
  };
  const onKeyDown = (e: KeyboardEvent) => {
    const i = LABEL_TABS.indexOf(selected);
    const next =
      e.key === 'ArrowRight'
        ? LABEL_TABS[(i + 1) % LABEL_TABS.length]
        : e.key === 'ArrowLeft'
          ? LABEL_TABS[(i - 1 + LABEL_TABS.length) % LABEL_TABS.length]
          : e.key === 'Home'
            ? LABEL_TABS[0]
            : e.key === 'End'
              ? LABEL_TABS[LABEL_TABS.length - 1]
              : null;
    if (!next) return;
    e.preventDefault();
    select(next, true);
  };
  return (
    <>
      <div role="tablist" aria-label="Label sections" className={styles.tabs} onKeyDown={onKeyDown}>
        {LABEL_TABS.map((tab) => (
          <button
            key={tab}
            ref={(el) => {
              refs.current[tab] = el;
            }}
            type="button"
            role="tab"
            id={`tab-${tab}`}
            aria-selected={tab === selected}
            aria-controls={`panel-${tab}`}
            tabIndex={tab === selected ? 0 : -1}
            onClick={() => select(tab, false)}
          >
            {TITLES[tab]}
          </button>
        ))}
      </div>
      {LABEL_TABS.map((tab) => (
        <div
          key={tab}
          role="tabpanel"
          id={`panel-${tab}`}
          aria-labelledby={`tab-${tab}`}
          tabIndex={0}
          hidden={tab !== selected}
        >
          {tab === selected ? render(tab) : null}
        </div>
      ))}
    </>
  );
}
