import type { Money } from './types.js';

/** 850 ms · 1.2 s · 3 min 4 s · 2 h 5 min · 3 d 2 h */
export function duration(ms: number): string {
  if (ms < 1000) return `${Math.max(0, Math.round(ms))} ms`;
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(s < 10 ? 2 : 1)} s`;
  const units: [number, string][] = [
    [86_400, 'd'],
    [3_600, 'h'],
    [60, 'min'],
    [1, 's'],
  ];
  const parts: string[] = [];
  let rest = Math.floor(s);
  for (const [size, unit] of units) {
    if (rest >= size && parts.length < 2) {
      parts.push(`${Math.floor(rest / size)} ${unit}`);
      rest %= size;
    } else if (parts.length > 0) break;
  }
  return parts.join(' ');
}

/** Local wall-clock time with milliseconds: steps are often milliseconds apart. */
export function clock(iso: string | null): string {
  if (!iso) return '—';
  const date = new Date(iso);
  const time = date.toLocaleTimeString(undefined, { hour12: false });
  return `${time}.${String(date.getMilliseconds()).padStart(3, '0')}`;
}

export function dateTime(iso: string | null): string {
  return iso ? new Date(iso).toLocaleString(undefined, { hour12: false }) : '—';
}

export function money(amount: Money | null | undefined): string {
  if (!amount) return '—';
  try {
    const format = new Intl.NumberFormat(undefined, {
      style: 'currency',
      currency: amount.currency_code,
    });
    const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
    return format.format(amount.amount_minor / 10 ** digits);
  } catch {
    return `${amount.amount_minor} ${amount.currency_code} (minor units)`;
  }
}

export const shortId = (id: string) => id.slice(0, 8);
