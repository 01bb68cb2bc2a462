// Controls of settings, shared by the panels: their limits, choices and labels come from the
// settings table (settings.ts), their change goes through the host.
import { html, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { PanelHost } from '../host.js';
import type { PlaygroundState, Setting, SettingName } from '../settings.js';

/** Options of a numeric select: the usual values plus the current one if it is unusual. */
export function numberOptions(values: readonly number[], current: number, label: (v: number) => string = String): TemplateResult[] {
  const all = values.includes(current) ? [...values] : [...values, current].sort((a, b) => a - b);
  return all.map((v) => html`<option value=${String(v)} ?selected=${v === current}>${label(v)}</option>`);
}

/** Options of a choice, labelled by the message catalog's `group.name` (or the name). */
export function choiceOptions(h: PanelHost, values: readonly string[], current: string, group: string): TemplateResult[] {
  return values.map((v) => html`<option value=${v} ?selected=${v === current}>${h.m.name(group, v)}</option>`);
}

/**
 * A number field of an integer setting: a value outside its range (or not an integer) is
 * refused and the field shows the current value again.
 */
export function integerInput<K extends SettingName>(h: PanelHost, name: K, row: Setting<number>, attrs: { id?: string; label?: string; width: string; round?: boolean }): TemplateResult {
  const current = h.state[name] as number;
  const change = (e: Event): void => {
    const input = e.target as HTMLInputElement;
    const raw = Number(input.value);
    const v = attrs.round ? Math.round(raw) : raw;
    if (Number.isInteger(v) && v >= row.min! && v <= row.max!) h.applySettings({ [name]: v } as Partial<PlaygroundState>);
    else input.value = String(current);
  };
  return html`<input id=${ifDefined(attrs.id)} type="number" aria-label=${ifDefined(attrs.label)} min=${row.min!} max=${row.max!} step=${row.step ?? 1}
    .value=${String(current)} style=${`width: ${attrs.width}`} @change=${change} />`;
}
