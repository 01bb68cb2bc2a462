// The element's side of a challenge: on every `update` event it checks the goal of the
// state's challenge against the snapshot, keeps a met goal (progress.ts), and renders the
// task, its rules ticked live, and once met the "done" state with why it works.
import { css, html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { MessageKey, Messages } from '../../i18n/messages.js';
import type { PlaygroundSnapshot } from '../api.js';
import type { PlaygroundState } from '../settings.js';
import { type Challenge, challengeById, check } from './list.js';
import { doneChallenges, markDone } from './progress.js';

type Host = ReactiveControllerHost & HTMLElement;

/** A challenge's text by key (the catalogs hold `challenge.<id>.title|goal|why`). */
export function challengeText(m: Messages, id: string, part: 'title' | 'goal' | 'why'): string {
  return (m.t as (key: MessageKey) => string)(`challenge.${id}.${part}` as MessageKey);
}

export function ruleText(m: Messages, c: Challenge, i: number): string {
  const r = c.rules[i]!;
  const value = typeof r.value === 'number' ? String(r.value) : r.kind === 'dataset' ? m.name('dataset', r.value) : r.kind === 'optimizer' ? m.name('optimizer', r.value) : r.value;
  return (m.t as (key: MessageKey, p: { value: string }) => string)(`challenge-rule.${r.kind}` as MessageKey, { value });
}

export class ChallengeWatch implements ReactiveController {
  #host: Host;
  #state: () => PlaygroundState;
  #id = '';
  #rules: boolean[] = [];
  /** Met in this page, or before (kept in this browser). */
  #done = false;

  constructor(host: Host, state: () => PlaygroundState) {
    this.#host = host;
    this.#state = state;
    host.addController(this);
  }

  hostConnected(): void {
    this.#host.addEventListener('update', this.#onUpdate);
  }

  hostDisconnected(): void {
    this.#host.removeEventListener('update', this.#onUpdate);
  }

  #onUpdate = (e: Event): void => {
    const state = this.#state();
    const c = challengeById(state.challenge);
    if (!c) return;
    this.#follow(c);
    const r = check(c, { state, snapshot: (e as CustomEvent<PlaygroundSnapshot>).detail });
    const changed = r.rules.some((ok, i) => ok !== this.#rules[i]) || (r.met && !this.#done);
    this.#rules = r.rules;
    if (r.met && !this.#done) {
      this.#done = true;
      markDone(c.id);
    }
    if (changed) this.#host.requestUpdate();
  };

  /** A new challenge: its rules unknown yet, its done state as kept. */
  #follow(c: Challenge): void {
    if (c.id === this.#id) return;
    this.#id = c.id;
    this.#rules = [];
    this.#done = doneChallenges().has(c.id);
  }

  render(m: Messages): TemplateResult | typeof nothing {
    const c = challengeById(this.#state().challenge);
    if (!c) return nothing;
    this.#follow(c);
    return html`<section class="challenge ${this.#done ? 'done' : ''}" aria-label=${m.t('challenge.heading', { title: challengeText(m, c.id, 'title') })}>
      <h2>${m.t('challenge.heading', { title: challengeText(m, c.id, 'title') })}</h2>
      <p class="goal">${challengeText(m, c.id, 'goal')}</p>
      <ul class="rules">
        ${c.rules.map((_, i) => {
          const ok = this.#rules[i] === true;
          return html`<li class=${ok ? 'ok' : 'no'} data-rule=${i}><span aria-hidden="true">${ok ? '✓' : '○'}</span> ${ruleText(m, c, i)}
            <span class="sr">(${m.t(ok ? 'challenge.met' : 'challenge.unmet')})</span></li>`;
        })}
      </ul>
      ${this.#done
        ? html`<div class="verdict" role="status" data-challenge-done><strong>${m.t('challenge.done')}</strong> ${challengeText(m, c.id, 'why')}</div>`
        : html`<p class="verdict pending">${m.t('challenge.notYet')}</p>`}
    </section>`;
  }
}

export const challengeStyles = css`
  .challenge {
    background: var(--panel);
    border: 1px solid var(--border);
    border-left: 4px solid var(--accent);
    border-radius: 8px;
    padding: 8px 12px;
    margin: 0 0 10px;
  }
  .challenge.done {
    border-left-color: #009e73;
  }
  .challenge h2 {
    font-size: 16px;
    margin: 0 0 4px;
  }
  .challenge .goal {
    margin: 0 0 4px;
  }
  .challenge .rules {
    list-style: none;
    margin: 0 0 6px;
    padding: 0;
  }
  .challenge .rules .ok span[aria-hidden] {
    color: #007a5a;
    font-weight: bold;
  }
  .challenge .sr {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
  }
  .challenge .verdict {
    margin: 0;
  }
  .challenge .pending {
    color: var(--muted);
  }
`;
