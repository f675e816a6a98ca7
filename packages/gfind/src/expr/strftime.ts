const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October',
  'November', 'December'];

const p2 = (n: number) => (n < 10 ? '0' + n : String(n));
const s2 = (n: number) => (n < 10 ? ' ' + n : String(n));
/** find prints fractions of a second with ten digits: the nanoseconds and a trailing 0. */
const frac = (ns: number) => '.' + String(ns).padStart(9, '0') + '0';

function dayOfYear(d: Date): number {
  return Math.floor((Date.UTC(d.getFullYear(), d.getMonth(), d.getDate()) - Date.UTC(d.getFullYear(), 0, 1)) / 86400000) + 1;
}

function weekNumber(d: Date, firstDay: number): number {
  const wday = (d.getDay() + 7 - firstDay) % 7;
  return Math.floor((dayOfYear(d) - 1 - wday + 7) / 7);
}

function isoWeek(d: Date): [number, number] {
  const t = new Date(Date.UTC(d.getFullYear(), d.getMonth(), d.getDate()));
  const day = t.getUTCDay() || 7;
  t.setUTCDate(t.getUTCDate() + 4 - day);
  const y = t.getUTCFullYear();
  return [y, Math.ceil(((t.getTime() - Date.UTC(y, 0, 1)) / 86400000 + 1) / 7)];
}

function zone(d: Date): string {
  const off = -d.getTimezoneOffset();
  const a = Math.abs(off);
  return (off < 0 ? '-' : '+') + p2(Math.floor(a / 60)) + p2(a % 60);
}

function zoneName(d: Date): string {
  const m = /\(([^)]+)\)$/.exec(d.toString());
  if (!m) return zone(d);
  const words = m[1].split(' ');
  if (m[1] === 'Coordinated Universal Time') return 'UTC';
  return words.length > 1 ? words.map((w) => w[0]).join('') : m[1];
}

/**
 * One strftime conversion `k` of the time `[sec, ns]` in local time, as -printf's %Tk/%Ak/%Ck
 * prints it (GNU find adds the fraction to %S, %T, %X, %+ and %@). Undefined for an unknown letter.
 */
export function strftimeLetter(k: string, sec: number, ns: number): string | undefined {
  if (k === '@') return sec + frac(ns);
  const d = new Date(sec * 1000);
  const H = d.getHours();
  const hms = `${p2(H)}:${p2(d.getMinutes())}:${p2(d.getSeconds())}`;
  switch (k) {
    case 'a': return DAYS[d.getDay()].slice(0, 3);
    case 'A': return DAYS[d.getDay()];
    case 'b': case 'h': return MONTHS[d.getMonth()].slice(0, 3);
    case 'B': return MONTHS[d.getMonth()];
    case 'c': return ctimeString(sec, ns, false);
    case 'd': return p2(d.getDate());
    case 'e': return s2(d.getDate());
    case 'D': case 'x': return `${p2(d.getMonth() + 1)}/${p2(d.getDate())}/${p2(d.getFullYear() % 100)}`;
    case 'F': return `${d.getFullYear()}-${p2(d.getMonth() + 1)}-${p2(d.getDate())}`;
    case 'H': return p2(H);
    case 'I': return p2(H % 12 || 12);
    case 'j': return String(dayOfYear(d)).padStart(3, '0');
    case 'k': return s2(H);
    case 'l': return s2(H % 12 || 12);
    case 'm': return p2(d.getMonth() + 1);
    case 'M': return p2(d.getMinutes());
    case 'p': return H < 12 ? 'AM' : 'PM';
    case 'r': return `${p2(H % 12 || 12)}:${p2(d.getMinutes())}:${p2(d.getSeconds())} ${H < 12 ? 'AM' : 'PM'}`;
    case 'R': return `${p2(H)}:${p2(d.getMinutes())}`;
    case 's': return String(sec);
    case 'S': return p2(d.getSeconds()) + frac(ns);
    case 'T': case 'X': return hms + frac(ns);
    case 'u': return String(d.getDay() || 7);
    case 'w': return String(d.getDay());
    case 'U': return p2(weekNumber(d, 0));
    case 'W': return p2(weekNumber(d, 1));
    case 'V': return p2(isoWeek(d)[1]);
    case 'G': return String(isoWeek(d)[0]);
    case 'y': return p2(d.getFullYear() % 100);
    case 'Y': return String(d.getFullYear());
    case 'z': return zone(d);
    case 'Z': return zoneName(d);
    case '+': return `${d.getFullYear()}-${p2(d.getMonth() + 1)}-${p2(d.getDate())}+${hms}${frac(ns)}`;
    default: return undefined;
  }
}

/** C's ctime() layout, `Thu Dec  3 15:24:16 2026`; with `fraction`, seconds carry find's ten digits (%t %a %c). */
export function ctimeString(sec: number, ns: number, fraction: boolean): string {
  const d = new Date(sec * 1000);
  return `${DAYS[d.getDay()].slice(0, 3)} ${MONTHS[d.getMonth()].slice(0, 3)} ${s2(d.getDate())} ` +
    `${p2(d.getHours())}:${p2(d.getMinutes())}:${p2(d.getSeconds())}${fraction ? frac(ns) : ''} ${d.getFullYear()}`;
}

/** find -ls's date: `Dec  3 15:24` within the last 180 days (find's six months), else `Dec  3  2025`. */
export function lsDate(sec: number, now: number): string {
  const d = new Date(sec * 1000);
  const recent = now - 180 * 86400 <= sec && sec <= now;
  const head = `${MONTHS[d.getMonth()].slice(0, 3)} ${s2(d.getDate())}`;
  return recent ? `${head} ${p2(d.getHours())}:${p2(d.getMinutes())}` : `${head}  ${d.getFullYear()}`;
}
