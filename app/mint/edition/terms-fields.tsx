'use client';

type Texts = { maxSupplyText: string; closeAtText: string; referralText: string };

/** The edition's terms: copies (0 = open edition), closing time, referral share. */
export function TermsFields({
  ids,
  values,
  set,
}: {
  ids: string;
  values: Texts;
  set: { [K in keyof Texts]: (value: string) => void };
}) {
  return (
    <fieldset>
      <legend>Terms</legend>
      <label htmlFor={`${ids}-supply`}>Copies (0 = open edition, needs a closing time)</label>
      <input
        id={`${ids}-supply`}
        inputMode="numeric"
        value={values.maxSupplyText}
        onChange={(e) => set.maxSupplyText(e.target.value)}
      />
      <label htmlFor={`${ids}-close`}>Closes at (optional)</label>
      <input
        id={`${ids}-close`}
        type="datetime-local"
        value={values.closeAtText}
        onChange={(e) => set.closeAtText(e.target.value)}
      />
      <label htmlFor={`${ids}-referral`}>Referral share, % of each copy (0–20)</label>
      <input
        id={`${ids}-referral`}
        inputMode="decimal"
        value={values.referralText}
        onChange={(e) => set.referralText(e.target.value)}
      />
    </fieldset>
  );
}
