// Which challenges were met, kept in this browser's localStorage (nothing leaves the
// machine). A storage that is missing, full or refused (private mode) keeps nothing and
// never fails the page.
const KEY = 'mlp-playground:challenges-done';

export function doneChallenges(): Set<string> {
  try {
    const v: unknown = JSON.parse(globalThis.localStorage?.getItem(KEY) ?? '[]');
    return new Set(Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
  } catch {
    return new Set();
  }
}

export function markDone(id: string): void {
  const done = doneChallenges();
  if (done.has(id)) return;
  done.add(id);
  try {
    globalThis.localStorage?.setItem(KEY, JSON.stringify([...done]));
  } catch {
    // Not kept: the goal still shows as met in this page.
  }
}
