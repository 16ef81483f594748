// Progressive enhancement only: while the operator types, ask the page for known fixes and swap the panel in.
// Without JavaScript the "Find known fixes" button posts the form and the server draws the same panel.
// The request goes to the page (cookie sign-in, antiforgery token from the form); /api takes bearer tokens only.
(() => {
  const form = document.getElementById('log-fault');
  const status = document.getElementById('known-fixes-status');
  if (!form || !status || !window.fetch || !window.AbortController) {
    return;
  }

  const field = (name) => form.elements.namedItem(name);
  const title = field('Title');
  const symptoms = field('Symptoms');
  const suite = field('SuiteId');
  const equipment = field('EquipmentId');
  const url = new URL(form.getAttribute('action') || window.location.pathname, window.location.href);
  url.search = '?handler=KnownFixes';

  const minimumLength = 3;
  const delay = 300;
  let timer = 0;
  let inFlight = null;
  let lastAsked = '';

  const typed = () => `${title?.value.trim() ?? ''} ${symptoms?.value.trim() ?? ''}`.trim();

  const lookUp = async () => {
    if (typed().length < minimumLength) {
      return;
    }

    const data = new FormData(form);
    const key = ['SuiteId', 'EquipmentId', 'Title', 'Symptoms'].map((name) => data.get(name) ?? '').join('\u0000');
    if (key === lastAsked) {
      return;
    }

    // Only the newest answer counts: an older request still running is dropped.
    inFlight?.abort();
    const request = new AbortController();
    inFlight = request;
    const body = document.getElementById('known-fixes-body');
    body?.setAttribute('aria-busy', 'true');
    try {
      const response = await fetch(url, {
        method: 'POST',
        body: data,
        credentials: 'same-origin',
        headers: { Accept: 'text/html' },
        signal: request.signal,
      });
      // A refused request (a suite that no longer exists, a sign-in that ran out) answers a whole page; keep the panel.
      const html = response.ok ? await response.text() : '';
      const fresh = new DOMParser().parseFromString(html, 'text/html').querySelector('[data-known-fixes-body]');
      if (!fresh || request.signal.aborted) {
        return;
      }

      lastAsked = key;
      document.getElementById('known-fixes-body')?.replaceWith(document.importNode(fresh, true));
      const summary = fresh.dataset.summary ?? '';
      if (status.textContent !== summary) {
        status.textContent = summary;
      }
    } catch (error) {
      if (error.name !== 'AbortError') {
        // Suggestions are a help, never a blocker: the form still logs the fault.
        console.warn('Known fixes could not be fetched', error);
      }
    } finally {
      if (inFlight === request) {
        inFlight = null;
        document.getElementById('known-fixes-body')?.removeAttribute('aria-busy');
      }
    }
  };

  const soon = () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(lookUp, delay);
  };

  title?.addEventListener('input', soon);
  symptoms?.addEventListener('input', soon);
  suite?.addEventListener('change', soon);
  equipment?.addEventListener('change', soon);
})();
