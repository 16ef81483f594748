// Progressive enhancement only: files dropped on the attach form go into its file field, and a file over the size
// limit is named beside the field before anything is sent. Without JavaScript the field and the Attach button do
// the same, and the server gives the same answer beside the field.
(() => {
  const form = document.getElementById('attach-form');
  const input = document.getElementById('attachment-file');
  const error = document.getElementById('attachment-file-error');
  if (!form || !input || !error || !window.DataTransfer) {
    return;
  }

  const maxBytes = Number(form.dataset.maxBytes);
  const hint = document.createElement('p');
  hint.className = 'hint drop-hint';
  hint.textContent = 'Or drop files here.';
  form.querySelector('.field')?.append(hint);

  const show = (message) => {
    error.textContent = message;
    if (message) {
      input.setAttribute('aria-invalid', 'true');
      input.setAttribute('aria-describedby', 'attachment-file-hint attachment-file-error');
    } else {
      input.removeAttribute('aria-invalid');
      input.setAttribute('aria-describedby', 'attachment-file-hint');
    }
  };

  const check = () => {
    const tooBig = [...input.files].filter((file) => file.size > maxBytes).map((file) => file.name);
    show(tooBig.length === 0 ? ''
      : `${tooBig.join(', ')} ${tooBig.length === 1 ? 'is' : 'are'} larger than ${form.dataset.maxSize}, the most a file may be.`);
    return tooBig.length === 0;
  };

  for (const type of ['dragenter', 'dragover']) {
    form.addEventListener(type, (event) => {
      event.preventDefault();
      form.classList.add('dropping');
    });
  }

  for (const type of ['dragleave', 'drop']) {
    form.addEventListener(type, () => form.classList.remove('dropping'));
  }

  form.addEventListener('drop', (event) => {
    event.preventDefault();
    const dropped = event.dataTransfer?.files;
    if (!dropped || dropped.length === 0) {
      return;
    }

    const files = new DataTransfer();
    for (const file of dropped) {
      files.items.add(file);
    }

    input.files = files.files;
    check();
  });

  input.addEventListener('change', check);
  form.addEventListener('submit', (event) => {
    if (!check()) {
      event.preventDefault();
      input.focus();
    }
  });
})();
