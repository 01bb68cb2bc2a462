// challenges.html: every challenge with its idea, goal, rules and status (met in this
// browser or not: app/challenges/progress.ts), each linking to the playground set up for
// it; in the site's language (i18n/lang.ts), with the language switch.
import { html, render } from 'lit';
import { CHALLENGES } from './app/challenges/list.js';
import { doneChallenges } from './app/challenges/progress.js';
import { challengeText, ruleText } from './app/challenges/watch.js';
import { htmlLang, initialLang, keepLang, type Lang, linkLang } from './i18n/lang.js';
import { languageSwitch } from './i18n/switch.js';
import { loadChallengeMessages, loadLang, type Messages } from './i18n/messages.js';

let lang: Lang = initialLang(location.search, navigator.language, location.hash);
if (linkLang(location.search, location.hash)) keepLang(lang);

function draw(m: Messages): void {
  document.documentElement.lang = htmlLang(lang);
  document.title = `${m.t('challenge.page')} — mlp-playground`;
  const done = doneChallenges();
  render(
    html`<header>
        <a class="brand" href="./index.html">mlp-playground</a>
        <nav aria-label="mlp-playground"><a href="./index.html">${m.t('learn.playground')}</a><a href="./learn/index.html">${m.t('learn.learn')}</a></nav>
        ${languageSwitch(m, lang, (l) => void setLang(l))}
      </header>
      <main>
        <h1>${m.t('challenge.page')}</h1>
        <p>${m.t('challenge.pageIntro')}</p>
        <ol class="challenges">
          ${CHALLENGES.map((c) => {
            const met = done.has(c.id);
            return html`<li class=${met ? 'done' : ''} data-challenge=${c.id}>
              <h2><a href=${`./index.html#challenge=${c.id}`}>${challengeText(m, c.id, 'title')}</a></h2>
              <p class="idea">${m.name('challenge-idea', c.idea)}</p>
              <p>${challengeText(m, c.id, 'goal')}</p>
              <ul class="rules">${c.rules.map((_, i) => html`<li>${ruleText(m, c, i)}</li>`)}</ul>
              <span class="status" data-status=${met ? 'done' : 'open'}>${met ? '✓ ' : ''}${m.t(met ? 'challenge.statusDone' : 'challenge.statusOpen')}</span>
            </li>`;
          })}
        </ol>
      </main>`,
    document.getElementById('challenges')!,
  );
}

/** A language's messages with the challenges' (their English is a chunk of its own). */
const messagesOf = (l: Lang): Promise<Messages> => Promise.all([loadLang(l), loadChallengeMessages()]).then(([m]) => m);

async function setLang(l: Lang): Promise<void> {
  const m = await messagesOf(l);
  lang = l;
  keepLang(l);
  draw(m);
}

void messagesOf(lang).then(draw, () => messagesOf('en').then(draw));
// Back from a challenge (bfcache or another tab): show its new status.
window.addEventListener('pageshow', () => void messagesOf(lang).then(draw));
